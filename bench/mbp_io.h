/* Counting transport for benchmarks: wraps the client's TCP callbacks and counts the bytes and
 * flights of a handshake.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_IO_H
#define MBP_IO_H

#include <stddef.h>
#include <stdint.h>

#include "../src/mbp_net.h"

/* Counters of one connection since the last mbp_io_count_reset(). A flight is a maximal run of
 * transfers in one direction: the first transfer starts one, and every change between sending
 * and receiving starts another. A full TLS 1.3 handshake is 3 flights seen from the client
 * (ClientHello; the server's flight; Finished). Only transfers that moved at least one byte
 * count. */
struct mbp_io_count {
    struct mbp_net *net;
    size_t sent_bytes;
    size_t received_bytes;
    size_t flights;
    size_t send_flights; /* flights the client sent */
    int last_direction;  /* 0 before the first transfer, then 1 (send) or 2 (receive) */
};

/* Attaches io to net and sets every counter to 0. */
void mbp_io_count_reset(struct mbp_io_count *io, struct mbp_net *net);

/* mbedtls_ssl_send_t: mbp_net_send() on io->net, counted. */
int mbp_io_count_send(void *io_ctx, const unsigned char *buf, size_t len);

/* mbedtls_ssl_recv_t: mbp_net_recv() on io->net, counted. */
int mbp_io_count_recv(void *io_ctx, unsigned char *buf, size_t len);

/* mbedtls_ssl_recv_timeout_t: mbp_net_recv_timeout() on io->net, counted. */
int mbp_io_count_recv_timeout(void *io_ctx, unsigned char *buf, size_t len, uint32_t timeout_ms);

#endif /* MBP_IO_H */
