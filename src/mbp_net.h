/* POSIX TCP transport for the client: connect with a timeout and Mbed TLS I/O callbacks.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_NET_H
#define MBP_NET_H

#include <stddef.h>
#include <stdint.h>

/* Error codes of this module. The profiles leave out MBEDTLS_NET_C, so these are the project's
 * own. They sit in the high-level module 0 range (-0x0100 to -0x0F80 in steps of 0x80), which
 * Mbed TLS 3.6 leaves unused and which lies outside PSA's -0x80 to -0xFF, so they never collide
 * with a library code. mbedtls_strerror() does not know them; mbp_diag does. */
#define MBP_NET_ERR_BAD_INPUT       -0x0100 /* NULL argument, bad port, closed socket */
#define MBP_NET_ERR_UNKNOWN_HOST    -0x0180 /* getaddrinfo() found no address */
#define MBP_NET_ERR_SOCKET_FAILED   -0x0200 /* socket() or fcntl() failed */
#define MBP_NET_ERR_CONN_REFUSED    -0x0280 /* ECONNREFUSED: nothing listens on the port */
#define MBP_NET_ERR_UNREACHABLE     -0x0300 /* ENETUNREACH / EHOSTUNREACH */
#define MBP_NET_ERR_CONNECT_TIMEOUT -0x0380 /* no answer within the connect timeout */
#define MBP_NET_ERR_CONNECT_FAILED  -0x0400 /* any other connect() failure */
#define MBP_NET_ERR_CONN_RESET      -0x0480 /* peer reset the connection (ECONNRESET, EPIPE) */
#define MBP_NET_ERR_RECV_FAILED     -0x0500 /* any other recv() / poll() failure */
#define MBP_NET_ERR_SEND_FAILED     -0x0580 /* any other send() failure */

/* One TCP connection. */
struct mbp_net {
    int fd;         /* -1 when closed */
    int last_errno; /* errno of the last failure, 0 if none */
    char peer[80];  /* "127.0.0.1:4433", the last address tried, for messages */
};

/* Puts net in the closed state. Never fails. */
void mbp_net_init(struct mbp_net *net);

/* Resolves host (name or numeric, IPv4 or IPv6) and connects to port, trying each address
 * until one accepts. Each attempt waits at most connect_timeout_ms (0: the system's own
 * timeout). The socket is left blocking, with TCP_NODELAY set. Returns 0 or an
 * MBP_NET_ERR_* code; on failure net->peer names the last address tried. */
int mbp_net_connect(struct mbp_net *net, const char *host, const char *port,
                    uint32_t connect_timeout_ms);

/* mbedtls_ssl_send_t over a struct mbp_net: bytes written, MBEDTLS_ERR_SSL_WANT_WRITE on
 * EINTR / EAGAIN, or an MBP_NET_ERR_* code. */
int mbp_net_send(void *net_ctx, const unsigned char *buf, size_t len);

/* mbedtls_ssl_recv_t over a struct mbp_net: bytes read, 0 at end of stream,
 * MBEDTLS_ERR_SSL_WANT_READ on EINTR / EAGAIN, or an MBP_NET_ERR_* code. */
int mbp_net_recv(void *net_ctx, unsigned char *buf, size_t len);

/* mbedtls_ssl_recv_timeout_t: as mbp_net_recv(), but waits at most timeout_ms (0: no limit)
 * and returns MBEDTLS_ERR_SSL_TIMEOUT when nothing arrived in time. */
int mbp_net_recv_timeout(void *net_ctx, unsigned char *buf, size_t len, uint32_t timeout_ms);

/* Closes the socket if open. Safe to call twice. */
void mbp_net_close(struct mbp_net *net);

#endif /* MBP_NET_H */
