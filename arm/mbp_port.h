/* What a board's port provides to the Cortex-M image: transport, entropy, clocks, outcome.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * arm/port_stubs.c defines every hook below as a weak function that fails safe (no transport,
 * no entropy, clock not set; the CA compiled into the image), so the image links and runs on any
 * Cortex-M but never completes a handshake until a port replaces them with strong definitions of
 * its own. The stubs are a few dozen bytes; a real port adds its drivers (network stack or UART,
 * TRNG, RTC), which the flash figures of this project do not include.
 */
#ifndef MBP_PORT_H
#define MBP_PORT_H

#include <stddef.h>
#include <time.h>

#include <mbedtls/platform_time.h>

/* Sends up to len bytes of buf; the signature of mbedtls_ssl_send_t. Returns the number of bytes
 * sent, MBEDTLS_ERR_SSL_WANT_WRITE to be called again later, or another negative error. */
int mbp_port_send(void *io_ctx, const unsigned char *buf, size_t len);

/* Receives up to len bytes into buf; the signature of mbedtls_ssl_recv_t. Returns the number of
 * bytes received, 0 when the peer closed the connection, MBEDTLS_ERR_SSL_WANT_READ, or another
 * negative error. */
int mbp_port_recv(void *io_ctx, unsigned char *buf, size_t len);

/* Fills output with up to len bytes from the board's true random number generator and sets
 * *olen to their number; data is NULL. Returns 0, or MBEDTLS_ERR_ENTROPY_SOURCE_FAILED when the
 * generator failed its health checks. Mbed TLS calls it through MBEDTLS_ENTROPY_HARDWARE_ALT
 * but keeps its prototype private, hence this one. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

/* Two clocks, under the names Mbed TLS calls (see arm/target_overlay.h):
 *   time_t time(time_t *now): the C library's time(), seconds since 1970-01-01 UTC from the
 *       board's real-time clock, or (time_t)-1 while it is not set: then every certificate
 *       fails its date check (arm/port_time.c).
 *   mbedtls_ms_time_t mbedtls_ms_time(void): a monotonic millisecond counter (TLS 1.3 ticket
 *       age). */

/* Sets *der and *der_len to the CA certificate (DER) the client trusts; it must stay valid while
 * the client runs. The default returns the one compiled into the image (arm/device_ca.c); a port
 * may return one from its own storage instead. Returns 0, or a negative error. */
int mbp_port_ca_get(const unsigned char **der, size_t *der_len);

/* Receives the bytes of the server's response in order; the signature of mbp_client_sink_t.
 * Returns 0, or a negative error to stop reading. */
int mbp_port_response(void *sink_ctx, const unsigned char *buf, size_t len);

/* The steps of the image's client, as mbp_port_result() names them. */
enum mbp_image_step {
    MBP_IMAGE_STEP_SETUP = 1,     /* CA, PSA init, CA parsing, configuration */
    MBP_IMAGE_STEP_HANDSHAKE = 2, /* mbp_client_handshake() */
    MBP_IMAGE_STEP_REQUEST = 3,   /* mbp_client_http_get() */
    MBP_IMAGE_STEP_DONE = 4,      /* everything worked; err is 0 */
};

/* Told the outcome once the client has finished: the step reached (enum mbp_image_step) and 0
 * or the negative Mbed TLS / PSA error that stopped it. A port may light an LED or log it. */
void mbp_port_result(int step, int err);

#endif /* MBP_PORT_H */
