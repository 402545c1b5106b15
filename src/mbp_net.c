/* POSIX TCP transport for the client: connect with a timeout and Mbed TLS I/O callbacks.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "mbp_net.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ssl.h>

/* send() flag that turns SIGPIPE into EPIPE where the system has it (Linux, BSDs). */
#if defined(MSG_NOSIGNAL)
#define MBP_NET_SEND_FLAGS MSG_NOSIGNAL
#else
#define MBP_NET_SEND_FLAGS 0
#endif

void mbp_net_init(struct mbp_net *net)
{
    net->fd = -1;
    net->last_errno = 0;
    net->peer[0] = '\0';
}

static int64_t mbp_net_now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* poll() on one descriptor until it is ready, the timeout passes (returns 0) or it fails
 * (returns -1 with errno set). Signals do not shorten the wait. timeout_ms 0 waits forever. */
static int mbp_net_poll(int fd, short events, uint32_t timeout_ms)
{
    struct pollfd pfd = {.fd = fd, .events = events, .revents = 0};
    int64_t deadline_ms = mbp_net_now_ms() + timeout_ms;
    int wait_ms = timeout_ms == 0 ? -1 : (timeout_ms > INT_MAX ? INT_MAX : (int)timeout_ms);
    int ret;

    for (;;) {
        ret = poll(&pfd, 1, wait_ms);
        if (ret >= 0 || errno != EINTR) {
            return ret;
        }
        if (timeout_ms != 0) {
            int64_t left_ms = deadline_ms - mbp_net_now_ms();
            if (left_ms <= 0) {
                return 0;
            }
            wait_ms = left_ms > INT_MAX ? INT_MAX : (int)left_ms;
        }
    }
}

static int mbp_net_port_is_valid(const char *port)
{
    unsigned long value = 0;
    size_t i;

    if (port == NULL || port[0] == '\0' || strlen(port) > 5) {
        return 0;
    }
    for (i = 0; port[i] != '\0'; i++) {
        if (port[i] < '0' || port[i] > '9') {
            return 0;
        }
        value = value * 10 + (unsigned long)(port[i] - '0');
    }
    return value >= 1 && value <= 65535;
}

static int mbp_net_errno_to_err(int err)
{
    switch (err) {
    case ECONNREFUSED:
        return MBP_NET_ERR_CONN_REFUSED;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case EADDRNOTAVAIL:
        return MBP_NET_ERR_UNREACHABLE;
    case ETIMEDOUT:
        return MBP_NET_ERR_CONNECT_TIMEOUT;
    default:
        return MBP_NET_ERR_CONNECT_FAILED;
    }
}

static void mbp_net_peer_format(struct mbp_net *net, const struct addrinfo *ai)
{
    char host[64];
    char serv[8];

    if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        snprintf(net->peer, sizeof(net->peer), "(unprintable address)");
        return;
    }
    snprintf(net->peer, sizeof(net->peer), ai->ai_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host,
             serv);
}

/* Waits for a non-blocking connect() in progress; returns 0 or an MBP_NET_ERR_* code. */
static int mbp_net_connect_wait(struct mbp_net *net, uint32_t connect_timeout_ms)
{
    int so_error = 0;
    socklen_t so_error_len = sizeof(so_error);
    int ret;

    ret = mbp_net_poll(net->fd, POLLOUT, connect_timeout_ms);
    if (ret == 0) {
        net->last_errno = ETIMEDOUT;
        return MBP_NET_ERR_CONNECT_TIMEOUT;
    }
    if (ret < 0) {
        net->last_errno = errno;
        return MBP_NET_ERR_CONNECT_FAILED;
    }
    if (getsockopt(net->fd, SOL_SOCKET, SO_ERROR, &so_error, &so_error_len) != 0) {
        net->last_errno = errno;
        return MBP_NET_ERR_CONNECT_FAILED;
    }
    if (so_error != 0) {
        net->last_errno = so_error;
        return mbp_net_errno_to_err(so_error);
    }
    return 0;
}

/* One attempt on one resolved address; leaves net->fd open and blocking on success. */
static int mbp_net_connect_one(struct mbp_net *net, const struct addrinfo *ai,
                               uint32_t connect_timeout_ms)
{
    int one = 1;
    int flags;
    int ret;

    mbp_net_peer_format(net, ai);
    net->fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (net->fd < 0) {
        net->last_errno = errno;
        return MBP_NET_ERR_SOCKET_FAILED;
    }
    flags = fcntl(net->fd, F_GETFL, 0);
    if (flags < 0 || fcntl(net->fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        net->last_errno = errno;
        return MBP_NET_ERR_SOCKET_FAILED;
    }
    if (connect(net->fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
            net->last_errno = errno;
            return mbp_net_errno_to_err(errno);
        }
        ret = mbp_net_connect_wait(net, connect_timeout_ms);
        if (ret != 0) {
            return ret;
        }
    }
    if (fcntl(net->fd, F_SETFL, flags) != 0) {
        net->last_errno = errno;
        return MBP_NET_ERR_SOCKET_FAILED;
    }
    /* Handshake flights are small writes; Nagle's algorithm would only add latency. */
    (void)setsockopt(net->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return 0;
}

int mbp_net_connect(struct mbp_net *net, const char *host, const char *port,
                    uint32_t connect_timeout_ms)
{
    struct addrinfo hints;
    struct addrinfo *list = NULL;
    const struct addrinfo *ai;
    int ret = MBP_NET_ERR_UNKNOWN_HOST;

    if (net == NULL || host == NULL || host[0] == '\0' || !mbp_net_port_is_valid(port)) {
        return MBP_NET_ERR_BAD_INPUT;
    }
    mbp_net_close(net);
    snprintf(net->peer, sizeof(net->peer), "%s:%s", host, port);

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICSERV;
    if (getaddrinfo(host, port, &hints, &list) != 0 || list == NULL) {
        return MBP_NET_ERR_UNKNOWN_HOST;
    }
    for (ai = list; ai != NULL; ai = ai->ai_next) {
        ret = mbp_net_connect_one(net, ai, connect_timeout_ms);
        if (ret == 0) {
            break;
        }
        mbp_net_close(net);
    }
    freeaddrinfo(list);
    return ret;
}

int mbp_net_send(void *net_ctx, const unsigned char *buf, size_t len)
{
    struct mbp_net *net = net_ctx;
    ssize_t sent;

    if (net == NULL || net->fd < 0) {
        return MBP_NET_ERR_BAD_INPUT;
    }
    sent = send(net->fd, buf, len > INT_MAX ? INT_MAX : len, MBP_NET_SEND_FLAGS);
    if (sent >= 0) {
        return (int)sent;
    }
    net->last_errno = errno;
    switch (errno) {
    case EINTR:
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    case EPIPE:
    case ECONNRESET:
        return MBP_NET_ERR_CONN_RESET;
    default:
        return MBP_NET_ERR_SEND_FAILED;
    }
}

int mbp_net_recv(void *net_ctx, unsigned char *buf, size_t len)
{
    struct mbp_net *net = net_ctx;
    ssize_t got;

    if (net == NULL || net->fd < 0) {
        return MBP_NET_ERR_BAD_INPUT;
    }
    got = recv(net->fd, buf, len > INT_MAX ? INT_MAX : len, 0);
    if (got >= 0) {
        return (int)got;
    }
    net->last_errno = errno;
    switch (errno) {
    case EINTR:
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
        return MBEDTLS_ERR_SSL_WANT_READ;
    case ECONNRESET:
        return MBP_NET_ERR_CONN_RESET;
    default:
        return MBP_NET_ERR_RECV_FAILED;
    }
}

int mbp_net_recv_timeout(void *net_ctx, unsigned char *buf, size_t len, uint32_t timeout_ms)
{
    struct mbp_net *net = net_ctx;
    int ret;

    if (net == NULL || net->fd < 0) {
        return MBP_NET_ERR_BAD_INPUT;
    }
    ret = mbp_net_poll(net->fd, POLLIN, timeout_ms);
    if (ret == 0) {
        return MBEDTLS_ERR_SSL_TIMEOUT;
    }
    if (ret < 0) {
        net->last_errno = errno;
        return MBP_NET_ERR_RECV_FAILED;
    }
    return mbp_net_recv(net, buf, len);
}

void mbp_net_close(struct mbp_net *net)
{
    if (net != NULL && net->fd >= 0) {
        close(net->fd);
        net->fd = -1;
    }
}
