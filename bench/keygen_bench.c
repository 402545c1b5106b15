/* Times ephemeral key creation as TLS does it: psa_generate_key, psa_export_public_key, destroy.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/build_info.h>
#include <psa/crypto.h>

#include "mbp_bench.h"
#include "mbp_outfile.h"

#if !defined(MBEDTLS_PSA_CRYPTO_C)
#error "keygen_bench needs MBEDTLS_PSA_CRYPTO_C"
#endif

#if !defined(MBP_PROFILE_NAME)
#define MBP_PROFILE_NAME "unnamed"
#endif

#define KEYGEN_OP_NAME "generate_export_destroy"

/* Slow operations get fewer samples than asked for, so that a profile with every key type stays
 * within about 20 s: no new sample of a key type starts once its samples have used the budget,
 * but at least KEYGEN_SAMPLES_MIN are taken. Only RSA (100 to 700 ms per key here) reaches it
 * with the defaults; everything else gets all of its samples. */
#define KEYGEN_SAMPLES_MIN         5
#define KEYGEN_BUDGET_MS_DEFAULT   3000
#define KEYGEN_WARMUP_MS           100
#define KEYGEN_SAMPLES_DEFAULT     30
#define KEYGEN_SAMPLE_MIN_MS       10
#define KEYGEN_SAMPLES_COUNT_LIMIT 100000

/* Why a key type is absent from this build: NULL when it is compiled in, else the first missing
 * PSA_WANT_* macro. The key-pair capability is named when the curve or group itself is there. */
#if defined(PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE)
#define KEYGEN_ECC_MISSING NULL
#else
#define KEYGEN_ECC_MISSING "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE not set"
#endif
#if defined(PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE)
#define KEYGEN_DH_MISSING NULL
#else
#define KEYGEN_DH_MISSING "PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE not set"
#endif
#if defined(PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_GENERATE)
#define KEYGEN_RSA_MISSING NULL
#else
#define KEYGEN_RSA_MISSING "PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_GENERATE not set"
#endif

#if defined(PSA_WANT_ECC_SECP_R1_256)
#define KEYGEN_SECP256R1_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_SECP256R1_MISSING "PSA_WANT_ECC_SECP_R1_256 not set"
#endif
#if defined(PSA_WANT_ECC_SECP_R1_384)
#define KEYGEN_SECP384R1_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_SECP384R1_MISSING "PSA_WANT_ECC_SECP_R1_384 not set"
#endif
#if defined(PSA_WANT_ECC_SECP_R1_521)
#define KEYGEN_SECP521R1_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_SECP521R1_MISSING "PSA_WANT_ECC_SECP_R1_521 not set"
#endif
#if defined(PSA_WANT_ECC_MONTGOMERY_255)
#define KEYGEN_X25519_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_X25519_MISSING "PSA_WANT_ECC_MONTGOMERY_255 not set"
#endif
#if defined(PSA_WANT_ECC_MONTGOMERY_448)
#define KEYGEN_X448_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_X448_MISSING "PSA_WANT_ECC_MONTGOMERY_448 not set"
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_256)
#define KEYGEN_BP256R1_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_BP256R1_MISSING "PSA_WANT_ECC_BRAINPOOL_P_R1_256 not set"
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_384)
#define KEYGEN_BP384R1_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_BP384R1_MISSING "PSA_WANT_ECC_BRAINPOOL_P_R1_384 not set"
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_512)
#define KEYGEN_BP512R1_MISSING KEYGEN_ECC_MISSING
#else
#define KEYGEN_BP512R1_MISSING "PSA_WANT_ECC_BRAINPOOL_P_R1_512 not set"
#endif
#if defined(PSA_WANT_DH_RFC7919_2048)
#define KEYGEN_FFDHE2048_MISSING KEYGEN_DH_MISSING
#else
#define KEYGEN_FFDHE2048_MISSING "PSA_WANT_DH_RFC7919_2048 not set"
#endif
#if defined(PSA_WANT_DH_RFC7919_3072)
#define KEYGEN_FFDHE3072_MISSING KEYGEN_DH_MISSING
#else
#define KEYGEN_FFDHE3072_MISSING "PSA_WANT_DH_RFC7919_3072 not set"
#endif
#if defined(PSA_WANT_DH_RFC7919_4096)
#define KEYGEN_FFDHE4096_MISSING KEYGEN_DH_MISSING
#else
#define KEYGEN_FFDHE4096_MISSING "PSA_WANT_DH_RFC7919_4096 not set"
#endif

/* One key type to measure. key_type uses the TLS group name where there is one, so that rows
 * join with the group column of handshake_bench. */
struct keygen_case {
    const char *key_type;
    size_t key_bits;
    psa_key_type_t psa_type;
    psa_key_usage_t usage;
    psa_algorithm_t alg;
    const char *missing; /* NULL when compiled in, else why it is skipped */
};

#define KEYGEN_ECC(curve) PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_##curve)
#define KEYGEN_DH         PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919)
#define KEYGEN_DERIVE     PSA_KEY_USAGE_DERIVE

/* The policy of the elliptic-curve and FFDH keys is the one TLS gives its key share. RSA is
 * here for the cost of the key type, not for a TLS step (TLS never generates RSA keys); its
 * policy is empty, which does not change the work done. ffdhe6144 and ffdhe8192 are left out:
 * no profile offers them and each takes seconds. */
static const struct keygen_case keygen_cases[] = {
    {"secp256r1", 256, KEYGEN_ECC(SECP_R1), KEYGEN_DERIVE, PSA_ALG_ECDH, KEYGEN_SECP256R1_MISSING},
    {"secp384r1", 384, KEYGEN_ECC(SECP_R1), KEYGEN_DERIVE, PSA_ALG_ECDH, KEYGEN_SECP384R1_MISSING},
    {"secp521r1", 521, KEYGEN_ECC(SECP_R1), KEYGEN_DERIVE, PSA_ALG_ECDH, KEYGEN_SECP521R1_MISSING},
    {"x25519", 255, KEYGEN_ECC(MONTGOMERY), KEYGEN_DERIVE, PSA_ALG_ECDH, KEYGEN_X25519_MISSING},
    {"x448", 448, KEYGEN_ECC(MONTGOMERY), KEYGEN_DERIVE, PSA_ALG_ECDH, KEYGEN_X448_MISSING},
    {"brainpoolP256r1", 256, KEYGEN_ECC(BRAINPOOL_P_R1), KEYGEN_DERIVE, PSA_ALG_ECDH,
     KEYGEN_BP256R1_MISSING},
    {"brainpoolP384r1", 384, KEYGEN_ECC(BRAINPOOL_P_R1), KEYGEN_DERIVE, PSA_ALG_ECDH,
     KEYGEN_BP384R1_MISSING},
    {"brainpoolP512r1", 512, KEYGEN_ECC(BRAINPOOL_P_R1), KEYGEN_DERIVE, PSA_ALG_ECDH,
     KEYGEN_BP512R1_MISSING},
    {"ffdhe2048", 2048, KEYGEN_DH, KEYGEN_DERIVE, PSA_ALG_FFDH, KEYGEN_FFDHE2048_MISSING},
    {"ffdhe3072", 3072, KEYGEN_DH, KEYGEN_DERIVE, PSA_ALG_FFDH, KEYGEN_FFDHE3072_MISSING},
    {"ffdhe4096", 4096, KEYGEN_DH, KEYGEN_DERIVE, PSA_ALG_FFDH, KEYGEN_FFDHE4096_MISSING},
    {"rsa", 2048, PSA_KEY_TYPE_RSA_KEY_PAIR, 0, 0, KEYGEN_RSA_MISSING},
};

struct keygen_options {
    const char *profile;
    const char *samples_path; /* NULL: no raw samples file */
    size_t samples_count;
    size_t sample_min_ms;
    size_t budget_ms;
    int header;
};

/* State of the measured operation; on failure it says which call failed and how. */
struct keygen_op_ctx {
    psa_key_attributes_t attributes;
    unsigned char public_key[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    const char *failed_call;
    psa_status_t status;
};

/* Name of a PSA status, for error messages. */
static const char *keygen_psa_status_name(psa_status_t status)
{
#define KEYGEN_STATUS(name) name, #name
    static const struct {
        psa_status_t status;
        const char *name;
    } names[] = {
        {KEYGEN_STATUS(PSA_SUCCESS)},
        {KEYGEN_STATUS(PSA_ERROR_GENERIC_ERROR)},
        {KEYGEN_STATUS(PSA_ERROR_NOT_SUPPORTED)},
        {KEYGEN_STATUS(PSA_ERROR_NOT_PERMITTED)},
        {KEYGEN_STATUS(PSA_ERROR_BUFFER_TOO_SMALL)},
        {KEYGEN_STATUS(PSA_ERROR_ALREADY_EXISTS)},
        {KEYGEN_STATUS(PSA_ERROR_DOES_NOT_EXIST)},
        {KEYGEN_STATUS(PSA_ERROR_BAD_STATE)},
        {KEYGEN_STATUS(PSA_ERROR_INVALID_ARGUMENT)},
        {KEYGEN_STATUS(PSA_ERROR_INSUFFICIENT_MEMORY)},
        {KEYGEN_STATUS(PSA_ERROR_INSUFFICIENT_STORAGE)},
        {KEYGEN_STATUS(PSA_ERROR_COMMUNICATION_FAILURE)},
        {KEYGEN_STATUS(PSA_ERROR_STORAGE_FAILURE)},
        {KEYGEN_STATUS(PSA_ERROR_HARDWARE_FAILURE)},
        {KEYGEN_STATUS(PSA_ERROR_CORRUPTION_DETECTED)},
        {KEYGEN_STATUS(PSA_ERROR_INSUFFICIENT_ENTROPY)},
        {KEYGEN_STATUS(PSA_ERROR_INVALID_SIGNATURE)},
        {KEYGEN_STATUS(PSA_ERROR_INVALID_PADDING)},
        {KEYGEN_STATUS(PSA_ERROR_INSUFFICIENT_DATA)},
        {KEYGEN_STATUS(PSA_ERROR_SERVICE_FAILURE)},
        {KEYGEN_STATUS(PSA_ERROR_INVALID_HANDLE)},
        {KEYGEN_STATUS(PSA_ERROR_DATA_CORRUPT)},
        {KEYGEN_STATUS(PSA_ERROR_DATA_INVALID)},
    };
#undef KEYGEN_STATUS
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (names[i].status == status) {
            return names[i].name;
        }
    }
    return "unlisted PSA status";
}

/* The measured operation: one ephemeral key pair, its public half exported, the key destroyed.
 * The destroy is inside the timed region (it frees the key slot; TLS does it per handshake). */
static int keygen_op_run(void *op_ctx)
{
    struct keygen_op_ctx *ctx = op_ctx;
    mbedtls_svc_key_id_t key = MBEDTLS_SVC_KEY_ID_INIT;
    size_t public_key_len;
    psa_status_t status;

    status = psa_generate_key(&ctx->attributes, &key);
    if (status != PSA_SUCCESS) {
        ctx->failed_call = "psa_generate_key";
        ctx->status = status;
        return -1;
    }
    status = psa_export_public_key(key, ctx->public_key, sizeof(ctx->public_key), &public_key_len);
    if (status != PSA_SUCCESS) {
        ctx->failed_call = "psa_export_public_key";
        ctx->status = status;
        (void)psa_destroy_key(key);
        return -1;
    }
    status = psa_destroy_key(key);
    if (status != PSA_SUCCESS) {
        ctx->failed_call = "psa_destroy_key";
        ctx->status = status;
        return -1;
    }
    return 0;
}

static void keygen_usage_print(FILE *out, const char *program)
{
    fprintf(out,
            "usage: %s [--samples-count N] [--min-sample-ms N] [--budget-ms N]\n"
            "          [--profile NAME] [--samples FILE] [--no-header]\n"
            "  --samples-count N  samples per key type and clock (default %d)\n"
            "  --min-sample-ms N  shortest sample in ms, iterations doubled to reach it "
            "(default %d)\n"
            "  --budget-ms N      sampling time per key type; slow types get fewer samples,\n"
            "                     never fewer than %d (default %d)\n"
            "  --profile NAME     profile column (default %s)\n"
            "  --samples FILE     also write every raw sample to FILE as CSV\n"
            "  --no-header        omit the CSV header rows (to append to existing files)\n",
            program, KEYGEN_SAMPLES_DEFAULT, KEYGEN_SAMPLE_MIN_MS, KEYGEN_SAMPLES_MIN,
            KEYGEN_BUDGET_MS_DEFAULT, MBP_PROFILE_NAME);
}

/* Stores the value of the option called name into opts. Returns 0, or -1 for an unknown option
 * or a bad value. */
static int keygen_option_value_parse(struct keygen_options *opts, const char *name,
                                     const char *value)
{
    if (strcmp(name, "--samples-count") == 0) {
        return mbp_bench_parse_size(value, 1, KEYGEN_SAMPLES_COUNT_LIMIT, &opts->samples_count);
    }
    if (strcmp(name, "--min-sample-ms") == 0) {
        return mbp_bench_parse_size(value, 1, 60000, &opts->sample_min_ms);
    }
    if (strcmp(name, "--budget-ms") == 0) {
        return mbp_bench_parse_size(value, 1, 3600000, &opts->budget_ms);
    }
    if (strcmp(name, "--profile") == 0) {
        opts->profile = value;
        return mbp_bench_csv_field_check(value);
    }
    if (strcmp(name, "--samples") == 0) {
        opts->samples_path = value;
        return 0;
    }
    return -1;
}

static int keygen_options_parse(int argc, char **argv, struct keygen_options *opts)
{
    int i;

    opts->profile = MBP_PROFILE_NAME;
    opts->samples_path = NULL;
    opts->samples_count = KEYGEN_SAMPLES_DEFAULT;
    opts->sample_min_ms = KEYGEN_SAMPLE_MIN_MS;
    opts->budget_ms = KEYGEN_BUDGET_MS_DEFAULT;
    opts->header = 1;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-header") == 0) {
            opts->header = 0;
            continue;
        }
        if (i + 1 >= argc || keygen_option_value_parse(opts, argv[i], argv[i + 1]) != 0) {
            fprintf(stderr, "keygen_bench: bad option or value: %s\n", argv[i]);
            return -1;
        }
        i++;
    }
    return 0;
}

static void keygen_headers_print(const struct keygen_options *opts, FILE *samples_file)
{
    if (!opts->header) {
        return;
    }
    printf("profile,mbedtls_version,key_type,key_bits,op,clock,samples,iterations_per_sample,"
           "median_ns,min_ns,p10_ns,p25_ns,p75_ns,p90_ns,p99_ns,max_ns,mad_ns,status,reason\n");
    if (samples_file != NULL) {
        fprintf(samples_file, "profile,mbedtls_version,key_type,key_bits,op,clock,sample_index,"
                              "ns_per_op\n");
    }
}

static void keygen_skipped_print(const struct keygen_options *opts, const struct keygen_case *kc)
{
    printf("%s,%s,%s,%zu,%s,,,,,,,,,,,,,skipped,%s\n", opts->profile, MBEDTLS_VERSION_STRING,
           kc->key_type, kc->key_bits, KEYGEN_OP_NAME, kc->missing);
    fprintf(stderr, "keygen_bench: %s skipped: %s\n", kc->key_type, kc->missing);
}

/* Prints the summary row of one clock and, when asked, its raw samples. Returns 0 or -1. */
static int keygen_clock_print(const struct keygen_options *opts, const struct keygen_case *kc,
                              const char *clock_name, const struct mbp_bench_run *run,
                              const double *ns_per_op, FILE *samples_file)
{
    struct mbp_bench_summary s;
    size_t i;

    if (mbp_bench_summarize(ns_per_op, run->samples_count, &s) != 0) {
        fprintf(stderr, "keygen_bench: out of memory for statistics\n");
        return -1;
    }
    printf("%s,%s,%s,%zu,%s,%s,%zu,%zu,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,ok,\n",
           opts->profile, MBEDTLS_VERSION_STRING, kc->key_type, kc->key_bits, KEYGEN_OP_NAME,
           clock_name, s.count, run->iterations_per_sample, s.median, s.min, s.p10, s.p25, s.p75,
           s.p90, s.p99, s.max, s.mad);

    for (i = 0; samples_file != NULL && i < run->samples_count; i++) {
        fprintf(samples_file, "%s,%s,%s,%zu,%s,%s,%zu,%.1f\n", opts->profile,
                MBEDTLS_VERSION_STRING, kc->key_type, kc->key_bits, KEYGEN_OP_NAME, clock_name, i,
                ns_per_op[i]);
    }
    return 0;
}

/* Samples one compiled-in key type and prints its rows. Returns 0 or -1 (reported on stderr). */
static int keygen_case_measure(const struct keygen_options *opts, const struct keygen_case *kc,
                               struct mbp_bench_run *run, FILE *samples_file)
{
    struct keygen_op_ctx ctx;
    struct mbp_bench_plan plan;

    plan.samples_max = opts->samples_count;
    plan.samples_min =
        opts->samples_count < KEYGEN_SAMPLES_MIN ? opts->samples_count : KEYGEN_SAMPLES_MIN;
    plan.sample_min_ns = (uint64_t)opts->sample_min_ms * 1000000u;
    plan.warmup_ns = (uint64_t)KEYGEN_WARMUP_MS * 1000000u;
    plan.budget_ns = (uint64_t)opts->budget_ms * 1000000u;

    ctx.failed_call = "none";
    ctx.status = PSA_SUCCESS;
    ctx.attributes = psa_key_attributes_init();
    psa_set_key_type(&ctx.attributes, kc->psa_type);
    psa_set_key_bits(&ctx.attributes, kc->key_bits);
    psa_set_key_usage_flags(&ctx.attributes, kc->usage);
    psa_set_key_algorithm(&ctx.attributes, kc->alg);

    if (mbp_bench_run_samples(&plan, keygen_op_run, &ctx, run) != 0) {
        fprintf(stderr, "keygen_bench: %s (%zu bits) failed: %s returned %d (%s)\n", kc->key_type,
                kc->key_bits, ctx.failed_call, (int)ctx.status, keygen_psa_status_name(ctx.status));
        psa_reset_key_attributes(&ctx.attributes);
        return -1;
    }
    psa_reset_key_attributes(&ctx.attributes);

    if (keygen_clock_print(opts, kc, MBP_BENCH_WALL_CLOCK_NAME, run, run->wall_ns_per_op,
                           samples_file) != 0 ||
        keygen_clock_print(opts, kc, MBP_BENCH_CPU_CLOCK_NAME, run, run->cpu_ns_per_op,
                           samples_file) != 0) {
        return -1;
    }
    fprintf(stderr, "keygen_bench: %s: %zu samples x %zu iterations\n", kc->key_type,
            run->samples_count, run->iterations_per_sample);
    return 0;
}

/* Measures or skips every key type in keygen_cases. Returns 0 or -1. */
static int keygen_cases_measure(const struct keygen_options *opts, struct mbp_bench_run *run,
                                FILE *samples_file)
{
    size_t i;

    for (i = 0; i < sizeof(keygen_cases) / sizeof(keygen_cases[0]); i++) {
        if (keygen_cases[i].missing != NULL) {
            keygen_skipped_print(opts, &keygen_cases[i]);
            continue;
        }
        if (keygen_case_measure(opts, &keygen_cases[i], run, samples_file) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Checks the clocks, initialises PSA crypto, allocates the sample arrays and opens the raw
 * samples file. Returns 0 or -1 (reported on stderr); the caller frees in both cases. */
static int keygen_setup(const struct keygen_options *opts, struct mbp_bench_run *run,
                        struct mbp_outfile *samples)
{
    psa_status_t status;

    if (mbp_bench_clocks_check(NULL, NULL) != 0) {
        fprintf(stderr, "keygen_bench: %s or %s unavailable\n", MBP_BENCH_WALL_CLOCK_NAME,
                MBP_BENCH_CPU_CLOCK_NAME);
        return -1;
    }
    status = psa_crypto_init();
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "keygen_bench: psa_crypto_init returned %d (%s)\n", (int)status,
                keygen_psa_status_name(status));
        return -1;
    }

    run->wall_ns_per_op = calloc(opts->samples_count, sizeof(double));
    run->cpu_ns_per_op = calloc(opts->samples_count, sizeof(double));
    if (run->wall_ns_per_op == NULL || run->cpu_ns_per_op == NULL) {
        fprintf(stderr, "keygen_bench: out of memory for %zu samples\n", opts->samples_count);
        return -1;
    }
    return mbp_outfile_open(samples, opts->samples_path, "keygen_bench");
}

int main(int argc, char **argv)
{
    int exit_code = EXIT_FAILURE;
    struct keygen_options opts;
    struct mbp_bench_run run = {0, 0, NULL, NULL};
    struct mbp_outfile samples = {NULL, NULL, NULL};

    if (mbp_bench_help_asked(argc, argv)) {
        keygen_usage_print(stdout, argv[0]);
        return EXIT_SUCCESS;
    }
    if (keygen_options_parse(argc, argv, &opts) != 0) {
        keygen_usage_print(stderr, argv[0]);
        return EXIT_FAILURE;
    }
    if (keygen_setup(&opts, &run, &samples) != 0) {
        goto exit;
    }

    keygen_headers_print(&opts, samples.file);
    if (keygen_cases_measure(&opts, &run, samples.file) != 0) {
        goto exit;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "keygen_bench: writing the results failed\n");
        goto exit;
    }
    exit_code = EXIT_SUCCESS;

exit:
    if (mbp_outfile_close(&samples, exit_code == EXIT_SUCCESS, "keygen_bench") != 0) {
        exit_code = EXIT_FAILURE;
    }
    free(run.wall_ns_per_op);
    free(run.cpu_ns_per_op);
    mbedtls_psa_crypto_free();
    return exit_code;
}
