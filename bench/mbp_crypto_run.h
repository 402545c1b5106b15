/* Shared driver of the crypto micro-benchmarks (Mbed TLS's PSA API and OpenSSL's libcrypto):
 * common options, one sampling plan, and the rows of crypto.csv and crypto_samples.csv.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_CRYPTO_RUN_H
#define MBP_CRYPTO_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "mbp_bench.h"
#include "mbp_outfile.h"

#define MBP_CRYPTO_SAMPLES_DEFAULT   31
#define MBP_CRYPTO_SAMPLES_MIN       5 /* taken even past the budget */
#define MBP_CRYPTO_SAMPLE_MIN_MS     10
#define MBP_CRYPTO_WARMUP_MS_DEFAULT 20
#define MBP_CRYPTO_BUDGET_MS_DEFAULT 1500
#define MBP_CRYPTO_SAMPLES_LIMIT     100000

/* Options every crypto benchmark takes. */
struct mbp_crypto_options {
    const char *profile;      /* profile column */
    const char *samples_path; /* NULL: no raw samples file */
    const char *only;         /* NULL, or measure only cases whose name contains this */
    size_t samples_count;
    size_t sample_min_ms;
    size_t warmup_ms;
    size_t budget_ms;
    int header;
};

/* What a row says about the operation, besides its figures. */
struct mbp_crypto_row {
    const char *name;     /* unique in a program, e.g. "x25519/generate" */
    const char *op;       /* generate, export_public, generate_export, agreement, sign, ... */
    const char *alg;      /* "ECDH", "ECDSA-SHA256", "AES-128-GCM", "SHA-256", ... */
    const char *key_type; /* TLS group name, "rsa", "aes", "chacha20", "hmac" or "-" */
    size_t key_bits;      /* 0 when there is no key */
    size_t data_bytes;    /* message size, 0 when not relevant */
};

/* A measuring session: options, sample arrays, output files. */
struct mbp_crypto_session {
    struct mbp_crypto_options opts;
    const char *program;         /* for messages, e.g. "crypto_bench" */
    const char *mbedtls_version; /* mbedtls_version column, "" for another library */
    const char *library;         /* library column, e.g. "mbedtls-3.6.7" */
    struct mbp_bench_run run;
    struct mbp_outfile samples; /* --samples, renamed into place after a whole run */
};

/* Sets the defaults in opts. profile is the default profile column. */
void mbp_crypto_options_init(struct mbp_crypto_options *opts, const char *profile);

/* Parses argv[*index] (and its value, advancing *index) when it is a common option. Returns 1
 * when it was, 0 when it is not a common option, -1 for a bad value. */
int mbp_crypto_option_parse(struct mbp_crypto_options *opts, int argc, char **argv, int *index);

/* Prints the usage lines of the common options to stderr. */
void mbp_crypto_options_usage_print(FILE *out);

/* Allocates the sample arrays, opens the samples file and prints the header rows (unless
 * opts->header is 0). Returns 0 or -1 (reported on stderr); call mbp_crypto_session_close()
 * in both cases. */
int mbp_crypto_session_open(struct mbp_crypto_session *session);

/* Returns 1 when the case called name is to be measured (the --only filter), else 0. */
int mbp_crypto_selected(const struct mbp_crypto_session *session, const char *name);

/* Samples steps on op_ctx and prints a row per clock (and every raw sample). With before or
 * after set, each timed call is read by itself (mbp_bench_run_steps), else a batch of calls is
 * read as a whole (mbp_bench_run_samples). Returns 0, or the non-zero value a step returned
 * (the caller reports it), or -1 when printing failed. */
int mbp_crypto_measure(struct mbp_crypto_session *session, const struct mbp_crypto_row *row,
                       const struct mbp_bench_steps *steps, void *op_ctx);

/* Prints a "skipped" row for an operation the build leaves out, with the reason. */
void mbp_crypto_skip(struct mbp_crypto_session *session, const struct mbp_crypto_row *row,
                     const char *reason);

/* Flushes and closes the outputs and frees the arrays; the samples file replaces --samples only
 * when keep is set (the run measured everything it was asked for). Returns 0, or -1 when
 * writing failed. */
int mbp_crypto_session_close(struct mbp_crypto_session *session, int keep);

#endif /* MBP_CRYPTO_RUN_H */
