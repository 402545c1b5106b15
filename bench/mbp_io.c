/* Counting transport for benchmarks: wraps the client's TCP callbacks and counts the bytes and
 * flights of a handshake.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include "mbp_io.h"

#define IO_SEND    1
#define IO_RECEIVE 2

void mbp_io_count_reset(struct mbp_io_count *io, struct mbp_net *net)
{
    io->net = net;
    io->sent_bytes = 0;
    io->received_bytes = 0;
    io->flights = 0;
    io->send_flights = 0;
    io->last_direction = 0;
}

/* Adds a transfer's result (bytes moved, or a negative error that counts nothing). */
static void io_count_add(struct mbp_io_count *io, int direction, int ret)
{
    if (ret <= 0) {
        return;
    }
    if (direction != io->last_direction) {
        io->flights++;
        io->send_flights += direction == IO_SEND;
        io->last_direction = direction;
    }
    if (direction == IO_SEND) {
        io->sent_bytes += (size_t)ret;
    } else {
        io->received_bytes += (size_t)ret;
    }
}

int mbp_io_count_send(void *io_ctx, const unsigned char *buf, size_t len)
{
    struct mbp_io_count *io = io_ctx;
    int ret = mbp_net_send(io->net, buf, len);

    io_count_add(io, IO_SEND, ret);
    return ret;
}

int mbp_io_count_recv(void *io_ctx, unsigned char *buf, size_t len)
{
    struct mbp_io_count *io = io_ctx;
    int ret = mbp_net_recv(io->net, buf, len);

    io_count_add(io, IO_RECEIVE, ret);
    return ret;
}

int mbp_io_count_recv_timeout(void *io_ctx, unsigned char *buf, size_t len, uint32_t timeout_ms)
{
    struct mbp_io_count *io = io_ctx;
    int ret = mbp_net_recv_timeout(io->net, buf, len, timeout_ms);

    io_count_add(io, IO_RECEIVE, ret);
    return ret;
}
