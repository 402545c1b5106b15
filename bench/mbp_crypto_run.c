/* Shared driver of the crypto micro-benchmarks (Mbed TLS's PSA API and OpenSSL's libcrypto):
 * common options, one sampling plan, and the rows of crypto.csv and crypto_samples.csv.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include "mbp_crypto_run.h"

#include <stdlib.h>
#include <string.h>

void mbp_crypto_options_init(struct mbp_crypto_options *opts, const char *profile)
{
    opts->profile = profile;
    opts->samples_path = NULL;
    opts->only = NULL;
    opts->samples_count = MBP_CRYPTO_SAMPLES_DEFAULT;
    opts->sample_min_ms = MBP_CRYPTO_SAMPLE_MIN_MS;
    opts->warmup_ms = MBP_CRYPTO_WARMUP_MS_DEFAULT;
    opts->budget_ms = MBP_CRYPTO_BUDGET_MS_DEFAULT;
    opts->header = 1;
}

/* Stores the value of a common option. Returns 1, 0 when name is not one, -1 when bad. */
static int crypto_option_value_parse(struct mbp_crypto_options *opts, const char *name,
                                     const char *value)
{
    if (strcmp(name, "--samples-count") == 0) {
        return mbp_bench_parse_size(value, 1, MBP_CRYPTO_SAMPLES_LIMIT, &opts->samples_count) ? -1
                                                                                              : 1;
    }
    if (strcmp(name, "--min-sample-ms") == 0) {
        return mbp_bench_parse_size(value, 1, 60000, &opts->sample_min_ms) ? -1 : 1;
    }
    if (strcmp(name, "--warmup-ms") == 0) {
        return mbp_bench_parse_size(value, 0, 60000, &opts->warmup_ms) ? -1 : 1;
    }
    if (strcmp(name, "--budget-ms") == 0) {
        return mbp_bench_parse_size(value, 1, 3600000, &opts->budget_ms) ? -1 : 1;
    }
    if (strcmp(name, "--profile") == 0) {
        opts->profile = value;
        return mbp_bench_csv_field_check(value) ? -1 : 1;
    }
    if (strcmp(name, "--samples") == 0) {
        opts->samples_path = value;
        return 1;
    }
    if (strcmp(name, "--only") == 0) {
        opts->only = value;
        return 1;
    }
    return 0;
}

int mbp_crypto_option_parse(struct mbp_crypto_options *opts, int argc, char **argv, int *index)
{
    int ret;

    if (strcmp(argv[*index], "--no-header") == 0) {
        opts->header = 0;
        return 1;
    }
    if (*index + 1 >= argc) {
        return crypto_option_value_parse(opts, argv[*index], "") == 0 ? 0 : -1;
    }
    ret = crypto_option_value_parse(opts, argv[*index], argv[*index + 1]);
    if (ret == 1) {
        (*index)++;
    }
    return ret;
}

void mbp_crypto_options_usage_print(FILE *out)
{
    fprintf(out,
            "  --samples-count N  samples per operation and clock (default %d)\n"
            "  --min-sample-ms N  shortest sample in ms; iterations doubled to reach it "
            "(default %d)\n"
            "  --warmup-ms N      wall time spent on an operation before sampling (default %d)\n"
            "  --budget-ms N      sampling time per operation; slow ones get fewer samples,\n"
            "                     never fewer than %d (default %d)\n"
            "  --only TEXT        measure only the operations whose name contains TEXT\n"
            "  --profile NAME     profile column\n"
            "  --samples FILE     also write every raw sample to FILE as CSV\n"
            "  --no-header        omit the CSV header rows (to append to existing files)\n",
            MBP_CRYPTO_SAMPLES_DEFAULT, MBP_CRYPTO_SAMPLE_MIN_MS, MBP_CRYPTO_WARMUP_MS_DEFAULT,
            MBP_CRYPTO_SAMPLES_MIN, MBP_CRYPTO_BUDGET_MS_DEFAULT);
}

int mbp_crypto_session_open(struct mbp_crypto_session *session)
{
    const struct mbp_crypto_options *opts = &session->opts;

    session->run.wall_ns_per_op = calloc(opts->samples_count, sizeof(double));
    session->run.cpu_ns_per_op = calloc(opts->samples_count, sizeof(double));
    if (session->run.wall_ns_per_op == NULL || session->run.cpu_ns_per_op == NULL) {
        fprintf(stderr, "%s: out of memory for %zu samples\n", session->program,
                opts->samples_count);
        return -1;
    }
    if (mbp_bench_clocks_check(NULL, NULL) != 0) {
        fprintf(stderr, "%s: %s or %s unavailable\n", session->program, MBP_BENCH_WALL_CLOCK_NAME,
                MBP_BENCH_CPU_CLOCK_NAME);
        return -1;
    }
    if (mbp_outfile_open(&session->samples, opts->samples_path, session->program) != 0) {
        return -1;
    }
    if (!opts->header) {
        return 0;
    }
    printf("profile,mbedtls_version,library,name,op,alg,key_type,key_bits,data_bytes,clock,"
           "samples,iterations_per_sample,median_ns,min_ns,p10_ns,p25_ns,p75_ns,p90_ns,p99_ns,"
           "max_ns,mad_ns,status,reason\n");
    if (session->samples.file != NULL) {
        fprintf(session->samples.file,
                "profile,mbedtls_version,library,name,clock,sample_index,ns_per_op\n");
    }
    return 0;
}

int mbp_crypto_selected(const struct mbp_crypto_session *session, const char *name)
{
    return session->opts.only == NULL || strstr(name, session->opts.only) != NULL;
}

/* The columns that name the operation, up to data_bytes, followed by a comma. */
static void crypto_row_prefix_print(const struct mbp_crypto_session *session,
                                    const struct mbp_crypto_row *row)
{
    printf("%s,%s,%s,%s,%s,%s,%s,%zu,%zu,", session->opts.profile, session->mbedtls_version,
           session->library, row->name, row->op, row->alg, row->key_type, row->key_bits,
           row->data_bytes);
}

/* The summary row of one clock and its raw samples. Returns 0 or -1. */
static int crypto_clock_print(struct mbp_crypto_session *session, const struct mbp_crypto_row *row,
                              const char *clock, const double *ns_per_op)
{
    const struct mbp_bench_run *run = &session->run;
    struct mbp_bench_summary s;
    size_t i;

    if (mbp_bench_summarize(ns_per_op, run->samples_count, &s) != 0) {
        fprintf(stderr, "%s: out of memory for statistics\n", session->program);
        return -1;
    }
    crypto_row_prefix_print(session, row);
    printf("%s,%zu,%zu,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,ok,\n", clock, s.count,
           run->iterations_per_sample, s.median, s.min, s.p10, s.p25, s.p75, s.p90, s.p99, s.max,
           s.mad);
    for (i = 0; session->samples.file != NULL && i < run->samples_count; i++) {
        fprintf(session->samples.file, "%s,%s,%s,%s,%s,%zu,%.1f\n", session->opts.profile,
                session->mbedtls_version, session->library, row->name, clock, i, ns_per_op[i]);
    }
    return 0;
}

int mbp_crypto_measure(struct mbp_crypto_session *session, const struct mbp_crypto_row *row,
                       const struct mbp_bench_steps *steps, void *op_ctx)
{
    const struct mbp_crypto_options *opts = &session->opts;
    struct mbp_bench_plan plan;
    int ret;

    plan.samples_max = opts->samples_count;
    plan.samples_min =
        opts->samples_count < MBP_CRYPTO_SAMPLES_MIN ? opts->samples_count : MBP_CRYPTO_SAMPLES_MIN;
    plan.sample_min_ns = (uint64_t)opts->sample_min_ms * 1000000u;
    plan.warmup_ns = (uint64_t)opts->warmup_ms * 1000000u;
    plan.budget_ns = (uint64_t)opts->budget_ms * 1000000u;

    if (steps->before != NULL || steps->after != NULL) {
        ret = mbp_bench_run_steps(&plan, steps, op_ctx, &session->run);
    } else {
        ret = mbp_bench_run_samples(&plan, steps->timed, op_ctx, &session->run);
    }
    if (ret != 0) {
        return ret;
    }
    if (crypto_clock_print(session, row, MBP_BENCH_WALL_CLOCK_NAME, session->run.wall_ns_per_op) !=
            0 ||
        crypto_clock_print(session, row, MBP_BENCH_CPU_CLOCK_NAME, session->run.cpu_ns_per_op) !=
            0) {
        return -1;
    }
    fprintf(stderr, "%s: %s: %zu samples x %zu iterations\n", session->program, row->name,
            session->run.samples_count, session->run.iterations_per_sample);
    return 0;
}

void mbp_crypto_skip(struct mbp_crypto_session *session, const struct mbp_crypto_row *row,
                     const char *reason)
{
    crypto_row_prefix_print(session, row);
    printf(",,,,,,,,,,,,skipped,%s\n", reason);
    fprintf(stderr, "%s: %s skipped: %s\n", session->program, row->name, reason);
}

int mbp_crypto_session_close(struct mbp_crypto_session *session, int keep)
{
    int ret = 0;

    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: writing the results failed\n", session->program);
        ret = -1;
        keep = 0;
    }
    if (mbp_outfile_close(&session->samples, keep, session->program) != 0) {
        ret = -1;
    }
    free(session->run.wall_ns_per_op);
    free(session->run.cpu_ns_per_op);
    return ret;
}
