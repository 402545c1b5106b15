/* Handshakes of an OpenSSL client (libssl) against the same server as the profiles' client,
 * timed by the project's harness: the peer figures of handshake_peer.csv.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L

#include "openssl_peer.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "../src/mbp_net.h"
#include "mbp_bench.h"

#define PEER_COUNT_DEFAULT  200
#define PEER_WARMUP_DEFAULT 10
#define PEER_TICKET_WAIT_MS 200
#define PEER_CONNECT_MS     5000

struct peer_options {
    const char *host;
    const char *port;
    const char *server_name;
    const char *ca_path;
    const char *groups;       /* NULL: OpenSSL's default list */
    const char *ciphersuites; /* NULL: OpenSSL's default TLS 1.3 suites */
    size_t count;
    size_t warmup;
    int resume;
    int header;
};

struct peer_bench {
    struct peer_options opts;
    SSL_CTX *ctx;
    SSL_SESSION *session; /* from the priming handshake, offered by the later ones */
    struct mbp_net net;
    double *wall_us;
    double *cpu_us;
    double *connect_us;
    char tls_version[16];
    char ciphersuite[64];
    char group[32];
};

static void peer_usage_print(FILE *out, const char *program)
{
    fprintf(out,
            "usage: %s handshake --port PORT --ca-file FILE [--host HOST] [--server-name NAME]\n"
            "          [--count N] [--warmup N] [--resume] [--groups LIST]\n"
            "          [--ciphersuites LIST] [--no-header]\n"
            "  --count N            measured handshakes (default %d)\n"
            "  --warmup N           handshakes run first and discarded (default %d)\n"
            "  --resume             measure resumed handshakes (ticket of a first handshake)\n"
            "  --groups LIST        key-exchange groups, OpenSSL syntax (default: its own)\n"
            "  --ciphersuites LIST  TLS 1.3 suites, OpenSSL syntax (default: its own)\n",
            program, PEER_COUNT_DEFAULT, PEER_WARMUP_DEFAULT);
}

static int peer_option_value_parse(struct peer_options *opts, const char *name, const char *value)
{
    const struct {
        const char *name;
        const char **field;
    } strings[] = {
        {"--host", &opts->host},
        {"--port", &opts->port},
        {"--server-name", &opts->server_name},
        {"--ca-file", &opts->ca_path},
        {"--groups", &opts->groups},
        {"--ciphersuites", &opts->ciphersuites},
    };
    size_t i;

    for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        if (strcmp(name, strings[i].name) == 0) {
            *strings[i].field = value;
            return 0;
        }
    }
    if (strcmp(name, "--count") == 0) {
        return mbp_bench_parse_size(value, 1, 1000000, &opts->count);
    }
    if (strcmp(name, "--warmup") == 0) {
        return mbp_bench_parse_size(value, 0, 1000000, &opts->warmup);
    }
    return -1;
}

static int peer_options_parse(int argc, char **argv, struct peer_options *opts)
{
    int i;

    memset(opts, 0, sizeof(*opts));
    opts->host = "127.0.0.1";
    opts->server_name = "localhost";
    opts->count = PEER_COUNT_DEFAULT;
    opts->warmup = PEER_WARMUP_DEFAULT;
    opts->header = 1;
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--no-header") == 0) {
            opts->header = 0;
        } else if (strcmp(argv[i], "--resume") == 0) {
            opts->resume = 1;
        } else if (i + 1 < argc && peer_option_value_parse(opts, argv[i], argv[i + 1]) == 0) {
            i++;
        } else {
            fprintf(stderr, "openssl_bench: bad option or value: %s\n", argv[i]);
            return -1;
        }
    }
    if (opts->port == NULL || opts->ca_path == NULL) {
        fprintf(stderr, "openssl_bench: --port and --ca-file are required\n");
        return -1;
    }
    return 0;
}

/* The client configuration: verification against the CA and the server name, as the profiles'
 * client does. Returns 0 or -1 (reported on stderr). */
static int peer_ctx_setup(struct peer_bench *bench)
{
    const struct peer_options *opts = &bench->opts;

    bench->ctx = SSL_CTX_new(TLS_client_method());
    if (bench->ctx == NULL) {
        fprintf(stderr, "openssl_bench: SSL_CTX_new failed\n");
        return -1;
    }
    SSL_CTX_set_verify(bench->ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_load_verify_locations(bench->ctx, opts->ca_path, NULL) != 1 ||
        (opts->groups != NULL && SSL_CTX_set1_groups_list(bench->ctx, opts->groups) != 1) ||
        (opts->ciphersuites != NULL &&
         SSL_CTX_set_ciphersuites(bench->ctx, opts->ciphersuites) != 1)) {
        fprintf(stderr, "openssl_bench: CA file %s, groups or ciphersuites refused:\n",
                opts->ca_path);
        ERR_print_errors_fp(stderr);
        return -1;
    }
    return 0;
}

/* Reads what the server sends after the handshake (TLS 1.3 tickets) until wait_ms pass
 * without data, on a non-blocking socket; then keeps the session for resumption. */
static int peer_ticket_get(struct peer_bench *bench, SSL *ssl)
{
    struct pollfd pfd = {.fd = bench->net.fd, .events = POLLIN, .revents = 0};
    unsigned char discard[256];
    int flags = fcntl(bench->net.fd, F_GETFL);

    if (flags < 0 || fcntl(bench->net.fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        return -1;
    }
    while (poll(&pfd, 1, PEER_TICKET_WAIT_MS) > 0) {
        if (SSL_read(ssl, discard, sizeof(discard)) <= 0 &&
            SSL_get_error(ssl, 0) != SSL_ERROR_WANT_READ) {
            break;
        }
    }
    (void)fcntl(bench->net.fd, F_SETFL, flags);
    bench->session = SSL_get1_session(ssl);
    if (bench->session == NULL || !SSL_SESSION_is_resumable(bench->session)) {
        fprintf(stderr, "openssl_bench: no resumable session after the first handshake\n");
        return -1;
    }
    return 0;
}

/* Keeps what the first measured handshake negotiated, for the row. */
static void peer_names_keep(struct peer_bench *bench, SSL *ssl)
{
    const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl);
    const char *group = SSL_group_to_name(ssl, SSL_get_negotiated_group(ssl));

    snprintf(bench->tls_version, sizeof(bench->tls_version), "%s", SSL_get_version(ssl));
    snprintf(bench->ciphersuite, sizeof(bench->ciphersuite), "%s",
             cipher != NULL ? SSL_CIPHER_standard_name(cipher) : "unknown");
    snprintf(bench->group, sizeof(bench->group), "%s", group != NULL ? group : "unknown");
}

/* Timed SSL_connect on a fresh SSL over the connected socket; checks the resumption state. */
static int peer_connect_timed(struct peer_bench *bench, SSL *ssl, int offer, size_t index,
                              int record)
{
    struct mbp_bench_stamp begin;
    struct mbp_bench_stamp end;
    int ret;

    if (SSL_set_fd(ssl, bench->net.fd) != 1 ||
        SSL_set_tlsext_host_name(ssl, bench->opts.server_name) != 1 ||
        SSL_set1_host(ssl, bench->opts.server_name) != 1 ||
        (offer && SSL_set_session(ssl, bench->session) != 1)) {
        return -1;
    }
    mbp_bench_stamp_begin(&begin);
    ret = SSL_connect(ssl);
    mbp_bench_stamp_end(&end);
    if (ret != 1) {
        fprintf(stderr, "openssl_bench: handshake %zu: SSL_connect failed (verify result %ld)\n",
                index, SSL_get_verify_result(ssl));
        return -1;
    }
    if (SSL_session_reused(ssl) != offer) {
        fprintf(stderr, "openssl_bench: handshake %zu: resumed %d, expected %d\n", index,
                SSL_session_reused(ssl), offer);
        return -1;
    }
    if (record) {
        bench->wall_us[index] = (double)(end.wall_ns - begin.wall_ns) / 1000.0;
        bench->cpu_us[index] = (double)(end.cpu_ns - begin.cpu_ns) / 1000.0;
    }
    return 0;
}

/* One connection: TCP connect (timed alone), handshake (timed), tickets after the priming
 * handshake, close_notify, close. Returns 0 or -1 (reported on stderr). */
static int peer_handshake_once(struct peer_bench *bench, size_t index, int record, int priming)
{
    struct mbp_bench_stamp begin;
    struct mbp_bench_stamp end;
    SSL *ssl = NULL;
    int ret = -1;

    mbp_bench_stamp_begin(&begin);
    if (mbp_net_connect(&bench->net, bench->opts.host, bench->opts.port, PEER_CONNECT_MS) != 0) {
        fprintf(stderr, "openssl_bench: cannot connect to %s\n", bench->net.peer);
        return -1;
    }
    mbp_bench_stamp_end(&end);
    ssl = SSL_new(bench->ctx);
    if (ssl == NULL ||
        peer_connect_timed(bench, ssl, bench->opts.resume && !priming, index, record) != 0) {
        ERR_print_errors_fp(stderr);
        goto exit;
    }
    if (record) {
        bench->connect_us[index] = (double)(end.wall_ns - begin.wall_ns) / 1000.0;
    }
    if (index == 0 && record) {
        peer_names_keep(bench, ssl);
    }
    if (priming && peer_ticket_get(bench, ssl) != 0) {
        goto exit;
    }
    (void)SSL_shutdown(ssl);
    ret = 0;

exit:
    SSL_free(ssl);
    mbp_net_close(&bench->net);
    return ret;
}

static int peer_handshakes_run(struct peer_bench *bench)
{
    size_t i;

    if (bench->opts.resume && peer_handshake_once(bench, 0, 0, 1) != 0) {
        return -1;
    }
    for (i = 0; i < bench->opts.warmup; i++) {
        if (peer_handshake_once(bench, i, 0, 0) != 0) {
            return -1;
        }
    }
    for (i = 0; i < bench->opts.count; i++) {
        if (peer_handshake_once(bench, i, 1, 0) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Prints the row. handshakes_per_s is the count over the summed handshake wall time: one client
 * doing handshakes back to back, TCP connect excluded. Returns 0 or -1. */
static int peer_row_print(const struct peer_bench *bench)
{
    size_t count = bench->opts.count;
    struct mbp_bench_summary wall;
    struct mbp_bench_summary cpu;
    struct mbp_bench_summary connect;
    double wall_sum_us = 0;
    size_t i;

    if (mbp_bench_summarize(bench->wall_us, count, &wall) != 0 ||
        mbp_bench_summarize(bench->cpu_us, count, &cpu) != 0 ||
        mbp_bench_summarize(bench->connect_us, count, &connect) != 0) {
        return -1;
    }
    for (i = 0; i < count; i++) {
        wall_sum_us += bench->wall_us[i];
    }
    if (bench->opts.header) {
        printf("peer,peer_version,handshake,tls_version,ciphersuite,group,handshakes,"
               "wall_median_us,wall_p10_us,wall_p90_us,cpu_median_us,cpu_p10_us,cpu_p90_us,"
               "connect_median_us,handshakes_per_s,wall_clock,cpu_clock\n");
    }
    printf("openssl-client,%s,%s,%s,%s,%s,%zu,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%s,%s\n",
           OpenSSL_version(OPENSSL_VERSION_STRING), bench->opts.resume ? "resumed" : "full",
           bench->tls_version, bench->ciphersuite, bench->group, count, wall.median, wall.p10,
           wall.p90, cpu.median, cpu.p10, cpu.p90, connect.median,
           (double)count * 1e6 / wall_sum_us, MBP_BENCH_WALL_CLOCK_NAME, MBP_BENCH_CPU_CLOCK_NAME);
    fprintf(stderr, "openssl_bench: %s %s %s %s: median %.1f us wall, %.1f us CPU\n",
            bench->opts.resume ? "resumed" : "full", bench->tls_version, bench->ciphersuite,
            bench->group, wall.median, cpu.median);
    return fflush(stdout) == 0 ? 0 : -1;
}

int mbp_openssl_peer_main(int argc, char **argv)
{
    struct peer_bench bench;
    int exit_code = EXIT_FAILURE;
    size_t count;

    if (mbp_bench_help_asked(argc, argv)) {
        peer_usage_print(stdout, argv[0]);
        return EXIT_SUCCESS;
    }
    memset(&bench, 0, sizeof(bench));
    mbp_net_init(&bench.net);
    if (peer_options_parse(argc, argv, &bench.opts) != 0) {
        peer_usage_print(stderr, argv[0]);
        return EXIT_FAILURE;
    }
    count = bench.opts.count;
    bench.wall_us = calloc(count, sizeof(double));
    bench.cpu_us = calloc(count, sizeof(double));
    bench.connect_us = calloc(count, sizeof(double));
    if (bench.wall_us == NULL || bench.cpu_us == NULL || bench.connect_us == NULL ||
        mbp_bench_clocks_check(NULL, NULL) != 0 || peer_ctx_setup(&bench) != 0) {
        fprintf(stderr, "openssl_bench: setup failed\n");
        goto exit;
    }
    if (peer_handshakes_run(&bench) != 0 || peer_row_print(&bench) != 0) {
        goto exit;
    }
    exit_code = EXIT_SUCCESS;

exit:
    SSL_SESSION_free(bench.session);
    SSL_CTX_free(bench.ctx);
    free(bench.wall_us);
    free(bench.cpu_us);
    free(bench.connect_us);
    return exit_code;
}
