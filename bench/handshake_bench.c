/* Times full or resumed TLS handshakes of the profile's client against a server: wall and client
 * CPU time, bytes and flights.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/build_info.h>
#include <mbedtls/error.h>
#include <mbedtls/ssl.h>

#include "../src/mbp_client.h"
#include "../src/mbp_diag.h"
#include "../src/mbp_names.h"
#include "../src/mbp_net.h"
#include "mbp_bench.h"
#include "mbp_cafile.h"
#include "mbp_io.h"
#include "mbp_outfile.h"

#if !defined(MBP_PROFILE_NAME)
#define MBP_PROFILE_NAME "unnamed"
#endif

#define HS_COUNT_DEFAULT      200
#define HS_WARMUP_DEFAULT     10
#define HS_COUNT_LIMIT        1000000
#define HS_CONNECT_TIMEOUT_MS 5000
#define HS_READ_TIMEOUT_MS    10000 /* a server that stops answering fails the run */
#define HS_PROGRESS_EVERY     50
#define HS_TICKET_WAIT_MS     200 /* quiet time after the priming handshake that ends the wait */

/* Exit status of --resume in a profile that cannot resume a session at all. */
#define HS_EXIT_NOT_APPLICABLE 3

/* Resumption needs session tickets (TLS 1.3, and TLS 1.2 as the client stores no session ids
 * of its own beyond the saved session) or TLS 1.2 session ids. */
#if defined(MBEDTLS_SSL_SESSION_TICKETS) || defined(MBEDTLS_SSL_PROTO_TLS1_2)
#define HS_CAN_RESUME 1
#else
#define HS_CAN_RESUME 0
#endif

struct hs_options {
    const char *profile;
    const char *host;
    const char *port;
    const char *server_name;
    const char *ca_path;
    const char *samples_path; /* NULL: no raw samples file */
    size_t count;
    size_t warmup;
    int min_tls_version; /* mbedtls_ssl_protocol_version, 0: the profile's own bound */
    int max_tls_version;
    int header;
    int resume;            /* measure resumed handshakes instead of full ones */
    size_t ticket_wait_ms; /* --resume: quiet time that ends the wait for tickets */
};

/* Everything one run owns; hs_bench_free() releases it in any state hs_bench_init() left. */
struct hs_bench {
    struct hs_options opts;
    struct mbp_client client;
    struct mbp_net net;
    struct mbp_io_count io;
    unsigned char *ca_buf;
    size_t ca_len;
    double *wall_us; /* per measured handshake */
    double *cpu_us;
    double *connect_us;
    double *sent_bytes;
    double *received_bytes;
    double *flights;
    struct mbp_hs_info first_info; /* what the first measured handshake negotiated */
    struct mbp_outfile samples;    /* --samples, renamed into place only after a whole run */
};

/* Prints "what failed: -0xNNNN (description)" on stderr, with errno for transport errors and,
 * after a failed handshake, the server's alert and the certificate verification flags. */
static void hs_error_print(const char *what, size_t index, int ret, const struct mbp_net *net,
                           const struct mbp_client *client)
{
    char description[160] = "no description in this build";

#if defined(MBEDTLS_ERROR_C)
    mbedtls_strerror(ret, description, sizeof(description));
#endif
    fprintf(stderr, "handshake_bench: handshake %zu: %s failed: -0x%04X (%s)", index, what,
            (unsigned int)-ret, description);
    if (net->last_errno != 0) {
        fprintf(stderr, ", %s: %s", net->peer, strerror(net->last_errno));
    }
    if (client != NULL && client->peer_alert >= 0) {
        fprintf(stderr, ", server sent alert %d (%s)", client->peer_alert,
                mbp_names_alert(client->peer_alert));
    }
    if (client != NULL && client->verify_flags != 0) {
        fprintf(stderr, ", certificate verification flags 0x%08X",
                (unsigned int)client->verify_flags);
    }
    fputc('\n', stderr);
}

/* The cause and the fix of a failed connect or handshake, as the client explains them. */
static void hs_failure_explain(const struct hs_bench *bench, enum mbp_diag_stage stage, int ret)
{
    struct mbp_diag_failure failure;
    struct mbp_diag_report report;
    struct mbp_offer offer;

    mbp_observe_offer_get(&bench->client.conf, &offer);
    memset(&failure, 0, sizeof(failure));
    failure.stage = stage;
    failure.err = ret;
    failure.sys_errno = bench->net.last_errno;
    failure.profile = bench->opts.profile;
    failure.peer = bench->net.peer[0] != '\0' ? bench->net.peer : NULL;
    failure.server_name = bench->opts.server_name;
    failure.ca_path = bench->opts.ca_path;
    failure.offer = &offer;
    mbp_client_failure_fill(&bench->client, &failure);
    mbp_diag_explain(&failure, &report);
    fprintf(stderr, "handshake_bench: cause: %s\nhandshake_bench: fix: %s\n", report.cause,
            report.fix);
}

static void hs_usage_print(FILE *out, const char *program)
{
    fprintf(out,
            "usage: %s --port PORT --ca-file FILE [--host HOST] [--server-name NAME]\n"
            "          [--count N] [--warmup N] [--min-tls 1.2|1.3] [--max-tls 1.2|1.3]\n"
            "          [--resume] [--ticket-wait-ms N] [--profile NAME] [--samples FILE]\n"
            "          [--no-header]\n"
            "  --host HOST         server address (default 127.0.0.1)\n"
            "  --server-name NAME  SNI and name checked in the certificate (default localhost)\n"
            "  --ca-file FILE      CA certificate(s) that sign the server's, PEM or DER\n"
            "  --count N           measured handshakes (default %d)\n"
            "  --warmup N          handshakes run first and discarded (default %d)\n"
            "  --resume            measure resumed handshakes: one full handshake first gets a\n"
            "                      session ticket, which every later handshake offers; exit %d\n"
            "                      when the profile cannot resume at all\n"
            "  --ticket-wait-ms N  --resume: wait for tickets until N ms pass without data "
            "(default %d)\n"
            "  --profile NAME      profile column (default %s)\n"
            "  --samples FILE      also write every measured handshake to FILE as CSV\n"
            "  --no-header         omit the CSV header rows (to append to existing files)\n",
            program, HS_COUNT_DEFAULT, HS_WARMUP_DEFAULT, HS_EXIT_NOT_APPLICABLE, HS_TICKET_WAIT_MS,
            MBP_PROFILE_NAME);
}

/* "1.2" or "1.3" to an mbedtls_ssl_protocol_version value. Returns 0 or -1. */
static int hs_tls_version_parse(const char *text, int *version)
{
    if (strcmp(text, "1.2") == 0) {
        *version = MBEDTLS_SSL_VERSION_TLS1_2;
        return 0;
    }
    if (strcmp(text, "1.3") == 0) {
        *version = MBEDTLS_SSL_VERSION_TLS1_3;
        return 0;
    }
    return -1;
}

/* Stores the value of the option called name into opts. Returns 0, or -1 for an unknown option
 * or a bad value. */
static int hs_option_value_parse(struct hs_options *opts, const char *name, const char *value)
{
    const struct {
        const char *name;
        const char **field;
    } strings[] = {
        {"--host", &opts->host},
        {"--port", &opts->port},
        {"--server-name", &opts->server_name},
        {"--ca-file", &opts->ca_path},
        {"--samples", &opts->samples_path},
    };
    size_t i;

    for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        if (strcmp(name, strings[i].name) == 0) {
            *strings[i].field = value;
            return 0;
        }
    }
    if (strcmp(name, "--profile") == 0) {
        opts->profile = value;
        return mbp_bench_csv_field_check(value);
    }
    if (strcmp(name, "--count") == 0) {
        return mbp_bench_parse_size(value, 1, HS_COUNT_LIMIT, &opts->count);
    }
    if (strcmp(name, "--warmup") == 0) {
        return mbp_bench_parse_size(value, 0, HS_COUNT_LIMIT, &opts->warmup);
    }
    if (strcmp(name, "--ticket-wait-ms") == 0) {
        return mbp_bench_parse_size(value, 1, 60000, &opts->ticket_wait_ms);
    }
    if (strcmp(name, "--min-tls") == 0) {
        return hs_tls_version_parse(value, &opts->min_tls_version);
    }
    if (strcmp(name, "--max-tls") == 0) {
        return hs_tls_version_parse(value, &opts->max_tls_version);
    }
    return -1;
}

static int hs_options_parse(int argc, char **argv, struct hs_options *opts)
{
    int i;

    memset(opts, 0, sizeof(*opts));
    opts->profile = MBP_PROFILE_NAME;
    opts->host = "127.0.0.1";
    opts->server_name = "localhost";
    opts->count = HS_COUNT_DEFAULT;
    opts->warmup = HS_WARMUP_DEFAULT;
    opts->header = 1;
    opts->ticket_wait_ms = HS_TICKET_WAIT_MS;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-header") == 0) {
            opts->header = 0;
            continue;
        }
        if (strcmp(argv[i], "--resume") == 0) {
            opts->resume = 1;
            continue;
        }
        if (i + 1 >= argc || hs_option_value_parse(opts, argv[i], argv[i + 1]) != 0) {
            fprintf(stderr, "handshake_bench: bad option or value: %s\n", argv[i]);
            return -1;
        }
        i++;
    }
    if (opts->port == NULL || opts->ca_path == NULL) {
        fprintf(stderr, "handshake_bench: --port and --ca-file are required\n");
        return -1;
    }
    return 0;
}

static int hs_ca_file_read(struct hs_bench *bench)
{
    char error[256];

    if (mbp_cafile_read(bench->opts.ca_path, &bench->ca_buf, &bench->ca_len, error,
                        sizeof(error)) != 0) {
        fprintf(stderr, "handshake_bench: %s\n", error);
        return -1;
    }
    return 0;
}

static void hs_bench_init(struct hs_bench *bench)
{
    memset(bench, 0, sizeof(*bench));
    mbp_client_init(&bench->client);
    mbp_net_init(&bench->net);
}

/* Checks the clocks, loads the CA, configures the client and allocates the sample arrays.
 * Returns 0 or -1 (reported on stderr). */
static int hs_bench_setup(struct hs_bench *bench)
{
    struct mbp_client_config config;
    size_t count = bench->opts.count;
    int ret;

    if (mbp_bench_clocks_check(NULL, NULL) != 0) {
        fprintf(stderr, "handshake_bench: %s or %s unavailable\n", MBP_BENCH_WALL_CLOCK_NAME,
                MBP_BENCH_CPU_CLOCK_NAME);
        return -1;
    }
    if (hs_ca_file_read(bench) != 0) {
        return -1;
    }

    memset(&config, 0, sizeof(config));
    config.server_name = bench->opts.server_name;
    config.ca_buf = bench->ca_buf;
    config.ca_len = bench->ca_len;
    config.min_tls_version = bench->opts.min_tls_version;
    config.max_tls_version = bench->opts.max_tls_version;
    config.read_timeout_ms = HS_READ_TIMEOUT_MS;
    config.groups = NULL; /* the profile's own groups, in its order of preference */
    ret = mbp_client_setup(&bench->client, &config);
    if (ret != 0) {
        hs_error_print("mbp_client_setup", 0, ret, &bench->net, NULL);
        return -1;
    }

    bench->wall_us = calloc(count, sizeof(double));
    bench->cpu_us = calloc(count, sizeof(double));
    bench->connect_us = calloc(count, sizeof(double));
    bench->sent_bytes = calloc(count, sizeof(double));
    bench->received_bytes = calloc(count, sizeof(double));
    bench->flights = calloc(count, sizeof(double));
    if (bench->wall_us == NULL || bench->cpu_us == NULL || bench->connect_us == NULL ||
        bench->sent_bytes == NULL || bench->received_bytes == NULL || bench->flights == NULL) {
        fprintf(stderr, "handshake_bench: out of memory for %zu samples\n", count);
        return -1;
    }
    return 0;
}

static double hs_elapsed_us(uint64_t begin_ns, uint64_t end_ns)
{
    return (double)(end_ns - begin_ns) / 1000.0;
}

/* Stores the figures of the handshake just done at index. */
static void hs_figures_record(struct hs_bench *bench, size_t index, double connect_us,
                              const struct mbp_bench_stamp *begin,
                              const struct mbp_bench_stamp *end)
{
    bench->connect_us[index] = connect_us;
    bench->wall_us[index] = hs_elapsed_us(begin->wall_ns, end->wall_ns);
    bench->cpu_us[index] = hs_elapsed_us(begin->cpu_ns, end->cpu_ns);
    bench->sent_bytes[index] = (double)bench->io.sent_bytes;
    bench->received_bytes[index] = (double)bench->io.received_bytes;
    bench->flights[index] = (double)bench->io.flights;
}

/* After the priming handshake of --resume: waits for the server's tickets (TLS 1.3) and checks
 * that a session was saved. Returns 0 or -1 (reported on stderr). */
static int hs_ticket_get(struct hs_bench *bench)
{
    int ret = mbp_client_read_tickets(&bench->client, (uint32_t)bench->opts.ticket_wait_ms);

    if (ret < 0) {
        hs_error_print("mbp_client_read_tickets", 0, ret, &bench->net, &bench->client);
        return -1;
    }
    if (!bench->client.have_saved_session) {
        fprintf(stderr,
                "handshake_bench: the server sent no session ticket within %zu ms of quiet; "
                "fix: let the server issue tickets (openssl s_server does by default)\n",
                bench->opts.ticket_wait_ms);
        return -1;
    }
    return 0;
}

/* One connection: TCP connect (timed on its own), client reset (offering the saved session
 * with --resume, except for the priming handshake), handshake (timed on both clocks, I/O
 * counted), tickets for the priming handshake, close_notify, close. Stores the figures at index
 * when record is set. Returns 0 or -1 (reported on stderr). */
static int hs_handshake_once(struct hs_bench *bench, size_t index, int record, int priming)
{
    struct mbp_bench_stamp begin;
    struct mbp_bench_stamp end;
    double connect_us;
    int ret;

    mbp_bench_stamp_begin(&begin);
    ret = mbp_net_connect(&bench->net, bench->opts.host, bench->opts.port, HS_CONNECT_TIMEOUT_MS);
    mbp_bench_stamp_end(&end);
    if (ret != 0) {
        hs_error_print("mbp_net_connect", index, ret, &bench->net, NULL);
        hs_failure_explain(bench, MBP_DIAG_STAGE_CONNECT, ret);
        return -1;
    }
    connect_us = hs_elapsed_us(begin.wall_ns, end.wall_ns);

    ret = mbp_client_reset(&bench->client, bench->opts.resume && !priming);
    if (ret != 0) {
        hs_error_print("mbp_client_reset", index, ret, &bench->net, NULL);
        goto exit;
    }
    mbp_io_count_reset(&bench->io, &bench->net);
    mbp_client_set_io(&bench->client, &bench->io, mbp_io_count_send, mbp_io_count_recv,
                      mbp_io_count_recv_timeout);

    mbp_bench_stamp_begin(&begin);
    ret = mbp_client_handshake(&bench->client);
    mbp_bench_stamp_end(&end);
    if (ret != 0) {
        hs_error_print("mbp_client_handshake", index, ret, &bench->net, &bench->client);
        hs_failure_explain(bench, MBP_DIAG_STAGE_HANDSHAKE, ret);
        goto exit;
    }
    if (record) {
        hs_figures_record(bench, index, connect_us, &begin, &end);
    }
    if (priming && hs_ticket_get(bench) != 0) {
        ret = -1;
        goto exit;
    }

    ret = mbp_client_close(&bench->client);
    if (ret != 0) {
        hs_error_print("mbp_client_close (close_notify)", index, ret, &bench->net, NULL);
        goto exit;
    }

exit:
    mbp_net_close(&bench->net);
    return ret == 0 ? 0 : -1;
}

/* Every measured handshake must negotiate what the first one did and must be a resumption with
 * --resume and a full handshake without it, so that one summary row describes them all.
 * Returns 0 or -1 (reported on stderr). */
static int hs_info_check(struct hs_bench *bench, size_t index)
{
    const struct mbp_hs_info *info = &bench->client.info;
    const struct mbp_hs_info *first = &bench->first_info;

    if (info->resumed != bench->opts.resume) {
        fprintf(stderr, "handshake_bench: handshake %zu was %s\n", index,
                info->resumed ? "a resumption, not a full handshake"
                              : "a full handshake: the server did not accept the ticket");
        return -1;
    }
    if (index == 0) {
        bench->first_info = *info;
        return 0;
    }
    if (strcmp(info->tls_version, first->tls_version) != 0 ||
        strcmp(info->ciphersuite, first->ciphersuite) != 0 || info->group_id != first->group_id ||
        info->sig_alg_id != first->sig_alg_id || info->hello_retry != first->hello_retry) {
        fprintf(stderr,
                "handshake_bench: handshake %zu negotiated %s %s %s %s, handshake 0 %s %s %s %s\n",
                index, info->tls_version, info->ciphersuite, info->group, info->sig_alg,
                first->tls_version, first->ciphersuite, first->group, first->sig_alg);
        return -1;
    }
    return 0;
}

/* Runs count handshakes; with record set, they are the measured ones. Returns 0 or -1. */
static int hs_handshakes_run(struct hs_bench *bench, size_t count, int record)
{
    const char *kind = record ? "measured" : "warm-up";
    size_t i;

    for (i = 0; i < count; i++) {
        if (hs_handshake_once(bench, i, record, 0) != 0) {
            fprintf(stderr, "handshake_bench: stopped at %s handshake %zu of %zu\n", kind, i,
                    count);
            return -1;
        }
        if (record && hs_info_check(bench, i) != 0) {
            return -1;
        }
        if ((i + 1) % HS_PROGRESS_EVERY == 0 || i + 1 == count) {
            fprintf(stderr, "handshake_bench: %zu/%zu %s handshakes done\n", i + 1, count, kind);
        }
    }
    return 0;
}

static void hs_headers_print(const struct hs_bench *bench)
{
    if (!bench->opts.header) {
        return;
    }
    printf("profile,mbedtls_version,tls_version,ciphersuite,group,sig_alg,handshakes,"
           "wall_median_us,wall_p10_us,wall_p90_us,wall_p99_us,"
           "cpu_median_us,cpu_p10_us,cpu_p90_us,cpu_p99_us,connect_median_us,"
           "wall_min_us,wall_p25_us,wall_p75_us,wall_max_us,wall_mad_us,"
           "cpu_min_us,cpu_p25_us,cpu_p75_us,cpu_max_us,cpu_mad_us,connect_p90_us,"
           "hello_retry,wall_clock,cpu_clock,handshake,sent_bytes,received_bytes,flights\n");
    if (bench->samples.file != NULL) {
        fprintf(bench->samples.file, "profile,mbedtls_version,handshake_index,wall_us,cpu_us,"
                                     "connect_us,handshake,sent_bytes,received_bytes,flights\n");
    }
}

/* Prints the summary row of the measured handshakes. Returns 0 or -1 (reported on stderr). */
static int hs_summary_print(const struct hs_bench *bench)
{
    const struct mbp_hs_info *info = &bench->first_info;
    size_t count = bench->opts.count;
    struct mbp_bench_summary wall;
    struct mbp_bench_summary cpu;
    struct mbp_bench_summary connect;
    struct mbp_bench_summary sent;
    struct mbp_bench_summary received;
    struct mbp_bench_summary flights;

    if (mbp_bench_summarize(bench->wall_us, count, &wall) != 0 ||
        mbp_bench_summarize(bench->cpu_us, count, &cpu) != 0 ||
        mbp_bench_summarize(bench->connect_us, count, &connect) != 0 ||
        mbp_bench_summarize(bench->sent_bytes, count, &sent) != 0 ||
        mbp_bench_summarize(bench->received_bytes, count, &received) != 0 ||
        mbp_bench_summarize(bench->flights, count, &flights) != 0) {
        fprintf(stderr, "handshake_bench: out of memory for statistics\n");
        return -1;
    }
    if (mbp_bench_csv_field_check(info->ciphersuite) != 0) {
        fprintf(stderr, "handshake_bench: ciphersuite name unfit for CSV: %s\n", info->ciphersuite);
        return -1;
    }

    printf("%s,%s,%s,%s,%s,%s,%zu,", bench->opts.profile, MBEDTLS_VERSION_STRING, info->tls_version,
           info->ciphersuite, info->group, info->sig_alg, count);
    printf("%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,", wall.median, wall.p10, wall.p90,
           wall.p99, cpu.median, cpu.p10, cpu.p90, cpu.p99, connect.median);
    printf("%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%d,%s,%s,", wall.min, wall.p25,
           wall.p75, wall.max, wall.mad, cpu.min, cpu.p25, cpu.p75, cpu.max, cpu.mad, connect.p90,
           info->hello_retry, MBP_BENCH_WALL_CLOCK_NAME, MBP_BENCH_CPU_CLOCK_NAME);
    printf("%s,%.0f,%.0f,%.0f\n", bench->opts.resume ? "resumed" : "full", sent.median,
           received.median, flights.median);
    fprintf(stderr,
            "handshake_bench: %s %s %s %s %s: median %.1f us wall, %.1f us CPU, %.0f bytes sent, "
            "%.0f received, %.0f flights\n",
            bench->opts.resume ? "resumed" : "full", info->tls_version, info->ciphersuite,
            info->group, info->sig_alg, wall.median, cpu.median, sent.median, received.median,
            flights.median);
    return 0;
}

static void hs_samples_print(const struct hs_bench *bench)
{
    size_t i;

    for (i = 0; bench->samples.file != NULL && i < bench->opts.count; i++) {
        fprintf(bench->samples.file, "%s,%s,%zu,%.3f,%.3f,%.3f,%s,%.0f,%.0f,%.0f\n",
                bench->opts.profile, MBEDTLS_VERSION_STRING, i, bench->wall_us[i], bench->cpu_us[i],
                bench->connect_us[i], bench->opts.resume ? "resumed" : "full", bench->sent_bytes[i],
                bench->received_bytes[i], bench->flights[i]);
    }
}

/* Releases everything; the samples file replaces --samples only when keep is set. Returns -1
 * when the samples file could not be written out, else 0. */
static int hs_bench_free(struct hs_bench *bench, int keep)
{
    int ret = mbp_outfile_close(&bench->samples, keep, "handshake_bench");

    mbp_net_close(&bench->net);
    mbp_client_free(&bench->client);
    free(bench->ca_buf);
    free(bench->wall_us);
    free(bench->cpu_us);
    free(bench->connect_us);
    free(bench->sent_bytes);
    free(bench->received_bytes);
    free(bench->flights);
    return ret;
}

int main(int argc, char **argv)
{
    int exit_code = EXIT_FAILURE;
    struct hs_bench bench;

    if (mbp_bench_help_asked(argc, argv)) {
        hs_usage_print(stdout, argv[0]);
        return EXIT_SUCCESS;
    }
    hs_bench_init(&bench);
    if (hs_options_parse(argc, argv, &bench.opts) != 0) {
        hs_usage_print(stderr, argv[0]);
        goto exit;
    }
    if (bench.opts.resume && !HS_CAN_RESUME) {
        fprintf(stderr,
                "handshake_bench: profile %s cannot resume a session (no session "
                "tickets, no TLS 1.2); nothing to measure\n",
                bench.opts.profile);
        exit_code = HS_EXIT_NOT_APPLICABLE;
        goto exit;
    }
    /* Opened first, so that a samples file that cannot be written stops the run before it
     * starts; it replaces --samples only after the whole run. */
    if (mbp_outfile_open(&bench.samples, bench.opts.samples_path, "handshake_bench") != 0 ||
        hs_bench_setup(&bench) != 0) {
        goto exit;
    }

    if ((bench.opts.resume && hs_handshake_once(&bench, 0, 0, 1) != 0) ||
        hs_handshakes_run(&bench, bench.opts.warmup, 0) != 0 ||
        hs_handshakes_run(&bench, bench.opts.count, 1) != 0) {
        goto exit;
    }

    hs_headers_print(&bench);
    if (hs_summary_print(&bench) != 0) {
        goto exit;
    }
    hs_samples_print(&bench);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "handshake_bench: writing the summary failed\n");
        goto exit;
    }
    exit_code = EXIT_SUCCESS;

exit:
    if (hs_bench_free(&bench, exit_code == EXIT_SUCCESS) != 0) {
        exit_code = EXIT_FAILURE;
    }
    return exit_code;
}
