/* Weak default port hooks of the Cortex-M image (arm/mbp_port.h): each fails safe.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * A board's port defines the same functions without the weak attribute and the linker takes
 * those. Until then the image runs but stops at its first step: PSA refuses to start without
 * entropy, and a certificate never passes its date check without a clock.
 */
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>

#include "mbp_image.h"
#include "mbp_port.h"

#define MBP_PORT_WEAK __attribute__((weak))

MBP_PORT_WEAK int mbp_port_send(void *io_ctx, const unsigned char *buf, size_t len)
{
    (void)io_ctx;
    (void)buf;
    (void)len;
    return MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED;
}

MBP_PORT_WEAK int mbp_port_recv(void *io_ctx, unsigned char *buf, size_t len)
{
    (void)io_ctx;
    (void)buf;
    (void)len;
    return MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED;
}

MBP_PORT_WEAK int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    (void)output;
    (void)len;
    *olen = 0;
    return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
}

MBP_PORT_WEAK time_t time(time_t *now)
{
    if (now != NULL) {
        *now = (time_t)-1;
    }
    return (time_t)-1;
}

#if defined(MBEDTLS_PLATFORM_MS_TIME_ALT)
/* Only TLS 1.3 ticket ages read it; a clock that does not move makes every ticket look new,
 * which the server still checks against its own clock. */
MBP_PORT_WEAK mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return 0;
}
#endif

MBP_PORT_WEAK int mbp_port_ca_get(const unsigned char **der, size_t *der_len)
{
    *der = mbp_image_ca_der;
    *der_len = mbp_image_ca_der_len;
    return 0;
}

MBP_PORT_WEAK int mbp_port_response(void *sink_ctx, const unsigned char *buf, size_t len)
{
    (void)sink_ctx;
    (void)buf;
    (void)len;
    return 0;
}

MBP_PORT_WEAK void mbp_port_result(int step, int err)
{
    (void)step;
    (void)err;
}
