/* Crypto micro-benchmarks of the profile's PSA mechanisms: key generation and export, key
 * agreement, signatures, AEAD, hashes and HKDF, one {name, fn} table, "skipped" rows for what
 * the profile leaves out.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/build_info.h>
#include <psa/crypto.h>

#include "crypto_bench_needs.h"
#include "crypto_vectors.h"
#include "mbp_crypto_run.h"

#if !defined(MBP_PROFILE_NAME)
#define MBP_PROFILE_NAME "unnamed"
#endif

#define CB_DATA_MAX      16384
#define CB_PUBLIC_MAX    1024 /* ffdhe4096 public key: 512 bytes */
#define CB_SIGNATURE_MAX 1024 /* RSA-4096 signature: 512 bytes */
#define CB_SECRET_MAX    512
#define CB_NEEDS_MAX     5

/* State of the measured operations; on failure it says which call failed and how. */
struct cb_ctx {
    psa_key_attributes_t attributes; /* of the keys a timed step generates */
    mbedtls_svc_key_id_t key;        /* made by a timed step, or the case's own key */
    mbedtls_svc_key_id_t peer_key;   /* the other side of an agreement, during setup */
    psa_algorithm_t alg;
    unsigned char peer_public[CB_PUBLIC_MAX];
    size_t peer_public_len;
    unsigned char hash[PSA_HASH_MAX_SIZE];
    size_t hash_len;
    unsigned char signature[CB_SIGNATURE_MAX];
    size_t signature_len;
    unsigned char secret[CB_SECRET_MAX];
    unsigned char nonce[12];
    unsigned char aad[13]; /* as a TLS 1.2 record's additional data */
    unsigned char *in;
    unsigned char *out;
    size_t data_bytes;
    const char *failed_call;
    psa_status_t status;
};

struct cb_case;
/* Prepares ctx for one case and chooses its steps; the "fn" of the table. Returns 0 or -1. */
typedef int cb_setup_t(struct cb_ctx *ctx, const struct cb_case *cc, struct mbp_bench_steps *steps);

/* One row of the table: what is measured, how it is set up, what it needs. */
struct cb_case {
    struct mbp_crypto_row row;
    cb_setup_t *setup;
    psa_key_type_t key_type;
    psa_algorithm_t alg;
    const char *needs[CB_NEEDS_MAX]; /* the first non-NULL entry is why the case is skipped */
};

static int cb_check(struct cb_ctx *ctx, const char *call, psa_status_t status)
{
    if (status == PSA_SUCCESS) {
        return 0;
    }
    ctx->failed_call = call;
    ctx->status = status;
    return -1;
}

/* ---- Timed steps ------------------------------------------------------------------------ */

static int cb_empty(void *op_ctx)
{
    (void)op_ctx;
    return 0;
}

static int cb_generate(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;

    return cb_check(ctx, "psa_generate_key", psa_generate_key(&ctx->attributes, &ctx->key));
}

static int cb_export(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    unsigned char public_key[CB_PUBLIC_MAX];
    size_t len;

    return cb_check(ctx, "psa_export_public_key",
                    psa_export_public_key(ctx->key, public_key, sizeof(public_key), &len));
}

static int cb_generate_export(void *op_ctx)
{
    return cb_generate(op_ctx) != 0 ? -1 : cb_export(op_ctx);
}

static int cb_destroy(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    mbedtls_svc_key_id_t key = ctx->key;

    ctx->key = MBEDTLS_SVC_KEY_ID_INIT;
    return cb_check(ctx, "psa_destroy_key", psa_destroy_key(key));
}

static int cb_agreement(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    size_t len;

    return cb_check(ctx, "psa_raw_key_agreement",
                    psa_raw_key_agreement(ctx->alg, ctx->key, ctx->peer_public,
                                          ctx->peer_public_len, ctx->secret, sizeof(ctx->secret),
                                          &len));
}

static int cb_sign(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    unsigned char signature[CB_SIGNATURE_MAX];
    size_t len;

    return cb_check(ctx, "psa_sign_hash",
                    psa_sign_hash(ctx->key, ctx->alg, ctx->hash, ctx->hash_len, signature,
                                  sizeof(signature), &len));
}

static int cb_verify(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;

    return cb_check(ctx, "psa_verify_hash",
                    psa_verify_hash(ctx->key, ctx->alg, ctx->hash, ctx->hash_len, ctx->signature,
                                    ctx->signature_len));
}

static int cb_aead_encrypt(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    size_t len;

    return cb_check(ctx, "psa_aead_encrypt",
                    psa_aead_encrypt(ctx->key, ctx->alg, ctx->nonce, sizeof(ctx->nonce), ctx->aad,
                                     sizeof(ctx->aad), ctx->in, ctx->data_bytes, ctx->out,
                                     CB_DATA_MAX + 16, &len));
}

static int cb_hash(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    unsigned char digest[PSA_HASH_MAX_SIZE];
    size_t len;

    return cb_check(
        ctx, "psa_hash_compute",
        psa_hash_compute(ctx->alg, ctx->in, ctx->data_bytes, digest, sizeof(digest), &len));
}

/* Inputs of one HKDF derivation; those the algorithm does not take are ignored. */
struct cb_hkdf_inputs {
    const unsigned char *salt;
    size_t salt_len;
    const unsigned char *secret;
    size_t secret_len;
    const unsigned char *info;
    size_t info_len;
};

/* One derivation with ctx->alg (HKDF, HKDF-Extract or HKDF-Expand), out_len bytes into out. */
static int cb_hkdf_run(struct cb_ctx *ctx, const struct cb_hkdf_inputs *in, unsigned char *out,
                       size_t out_len)
{
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_status_t status = psa_key_derivation_setup(&op, ctx->alg);

    if (status == PSA_SUCCESS && !PSA_ALG_IS_HKDF_EXPAND(ctx->alg)) {
        status = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, in->salt,
                                                in->salt_len);
    }
    if (status == PSA_SUCCESS) {
        status = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SECRET, in->secret,
                                                in->secret_len);
    }
    if (status == PSA_SUCCESS && !PSA_ALG_IS_HKDF_EXTRACT(ctx->alg)) {
        status = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, in->info,
                                                in->info_len);
    }
    if (status == PSA_SUCCESS) {
        status = psa_key_derivation_output_bytes(&op, out, out_len);
    }
    (void)psa_key_derivation_abort(&op);
    return cb_check(ctx, "psa_key_derivation_*", status);
}

/* What TLS 1.3 derives: a salt of the hash's size and a 32-byte (X25519) input secret for
 * Extract, a PRK of the hash's size for Expand, a 30-byte label as info, a secret of the
 * hash's size out. */
static int cb_hkdf(void *op_ctx)
{
    struct cb_ctx *ctx = op_ctx;
    unsigned char out[PSA_HASH_MAX_SIZE];
    struct cb_hkdf_inputs in = {ctx->secret + 256, ctx->hash_len, ctx->secret, 32, ctx->in, 30};

    if (PSA_ALG_IS_HKDF_EXPAND(ctx->alg)) {
        in.secret_len = ctx->hash_len;
    }
    return cb_hkdf_run(ctx, &in, out, ctx->hash_len);
}

/* ---- Set-up of each kind of case: the fn of the table ----------------------------------- */

static void cb_attributes_set(struct cb_ctx *ctx, psa_key_type_t type, size_t bits,
                              psa_key_usage_t usage, psa_algorithm_t alg)
{
    psa_reset_key_attributes(&ctx->attributes);
    psa_set_key_type(&ctx->attributes, type);
    psa_set_key_bits(&ctx->attributes, bits);
    psa_set_key_usage_flags(&ctx->attributes, usage);
    psa_set_key_algorithm(&ctx->attributes, alg);
    ctx->alg = alg;
}

static void cb_steps_set(struct mbp_bench_steps *steps, mbp_bench_op_t *before,
                         mbp_bench_op_t *timed, mbp_bench_op_t *after)
{
    steps->before = before;
    steps->timed = timed;
    steps->after = after;
}

/* The cost of the clock readings that every figure of a split measurement includes. */
static int cb_setup_empty(struct cb_ctx *ctx, const struct cb_case *cc,
                          struct mbp_bench_steps *steps)
{
    (void)ctx;
    (void)cc;
    cb_steps_set(steps, NULL, cb_empty, cb_empty);
    return 0;
}

/* Key generation alone: the key is destroyed after each timed call, off the clocks. The policy
 * is the one TLS gives its key share. */
static int cb_setup_generate(struct cb_ctx *ctx, const struct cb_case *cc,
                             struct mbp_bench_steps *steps)
{
    cb_attributes_set(ctx, cc->key_type, cc->row.key_bits, PSA_KEY_USAGE_DERIVE, cc->alg);
    cb_steps_set(steps, NULL, cb_generate, cb_destroy);
    return 0;
}

/* Export alone: a key is generated before each timed call and destroyed after it. */
static int cb_setup_export(struct cb_ctx *ctx, const struct cb_case *cc,
                           struct mbp_bench_steps *steps)
{
    cb_setup_generate(ctx, cc, steps);
    cb_steps_set(steps, cb_generate, cb_export, cb_destroy);
    return 0;
}

/* Both, as TLS makes its key share; the destroy is off the clocks. */
static int cb_setup_generate_export(struct cb_ctx *ctx, const struct cb_case *cc,
                                    struct mbp_bench_steps *steps)
{
    cb_setup_generate(ctx, cc, steps);
    cb_steps_set(steps, NULL, cb_generate_export, cb_destroy);
    return 0;
}

/* Generates a key with ctx->attributes into *key and exports its public part to buf. */
static int cb_key_pair_make(struct cb_ctx *ctx, mbedtls_svc_key_id_t *key, unsigned char *buf,
                            size_t size, size_t *len)
{
    if (cb_check(ctx, "psa_generate_key", psa_generate_key(&ctx->attributes, key)) != 0) {
        return -1;
    }
    return cb_check(ctx, "psa_export_public_key", psa_export_public_key(*key, buf, size, len));
}

static int cb_destroy_peer(struct cb_ctx *ctx)
{
    mbedtls_svc_key_id_t key = ctx->peer_key;

    ctx->peer_key = MBEDTLS_SVC_KEY_ID_INIT;
    return cb_check(ctx, "psa_destroy_key", psa_destroy_key(key));
}

/* Key agreement with a peer's public key, as TLS does with the server's key share. Both sides
 * are computed once and must agree before anything is timed. */
static int cb_setup_agreement(struct cb_ctx *ctx, const struct cb_case *cc,
                              struct mbp_bench_steps *steps)
{
    unsigned char own_public[CB_PUBLIC_MAX];
    unsigned char other[CB_SECRET_MAX];
    size_t own_len;
    size_t len;
    size_t other_len;

    cb_attributes_set(ctx, cc->key_type, cc->row.key_bits, PSA_KEY_USAGE_DERIVE, cc->alg);
    if (cb_key_pair_make(ctx, &ctx->key, own_public, sizeof(own_public), &own_len) != 0 ||
        cb_key_pair_make(ctx, &ctx->peer_key, ctx->peer_public, sizeof(ctx->peer_public),
                         &ctx->peer_public_len) != 0 ||
        cb_check(ctx, "psa_raw_key_agreement",
                 psa_raw_key_agreement(ctx->alg, ctx->peer_key, own_public, own_len, other,
                                       sizeof(other), &other_len)) != 0 ||
        cb_check(ctx, "psa_raw_key_agreement",
                 psa_raw_key_agreement(ctx->alg, ctx->key, ctx->peer_public, ctx->peer_public_len,
                                       ctx->secret, sizeof(ctx->secret), &len)) != 0) {
        return -1;
    }
    if (len != other_len || memcmp(ctx->secret, other, len) != 0) {
        return cb_check(ctx, "psa_raw_key_agreement: the two sides disagree",
                        PSA_ERROR_CORRUPTION_DETECTED);
    }
    cb_steps_set(steps, NULL, cb_agreement, NULL);
    return cb_destroy_peer(ctx);
}

/* The hash that signatures sign: of the 3 bytes "mbp" with the signature's hash. */
static int cb_hash_prepare(struct cb_ctx *ctx)
{
    return cb_check(ctx, "psa_hash_compute",
                    psa_hash_compute(PSA_ALG_SIGN_GET_HASH(ctx->alg), (const uint8_t *)"mbp", 3,
                                     ctx->hash, sizeof(ctx->hash), &ctx->hash_len));
}

/* The signature in ctx must verify and a corrupted copy must not, so that the timed
 * verification is known to do the whole check. */
static int cb_verify_self_check(struct cb_ctx *ctx)
{
    psa_status_t status;

    if (cb_verify(ctx) != 0) {
        return -1;
    }
    ctx->signature[ctx->signature_len / 2] ^= 0x01;
    status = psa_verify_hash(ctx->key, ctx->alg, ctx->hash, ctx->hash_len, ctx->signature,
                             ctx->signature_len);
    ctx->signature[ctx->signature_len / 2] ^= 0x01;
    if (status != PSA_ERROR_INVALID_SIGNATURE) {
        return cb_check(ctx, "psa_verify_hash of a corrupted signature (not refused)",
                        status == PSA_SUCCESS ? PSA_ERROR_CORRUPTION_DETECTED : status);
    }
    return 0;
}

/* ECDSA signing with a generated key pair. */
static int cb_setup_ecdsa_sign(struct cb_ctx *ctx, const struct cb_case *cc,
                               struct mbp_bench_steps *steps)
{
    cb_attributes_set(ctx, cc->key_type, cc->row.key_bits,
                      PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, cc->alg);
    if (cb_hash_prepare(ctx) != 0 ||
        cb_check(ctx, "psa_generate_key", psa_generate_key(&ctx->attributes, &ctx->key)) != 0) {
        return -1;
    }
    cb_steps_set(steps, NULL, cb_sign, NULL);
    return 0;
}

/* ECDSA verification with an imported public key, as a client holds the server's: a key pair
 * signs once, its public half is imported, the pair is destroyed. */
static int cb_setup_ecdsa_verify(struct cb_ctx *ctx, const struct cb_case *cc,
                                 struct mbp_bench_steps *steps)
{
    unsigned char public_key[CB_PUBLIC_MAX];
    size_t len;

    if (cb_setup_ecdsa_sign(ctx, cc, steps) != 0 ||
        cb_check(ctx, "psa_sign_hash",
                 psa_sign_hash(ctx->key, ctx->alg, ctx->hash, ctx->hash_len, ctx->signature,
                               sizeof(ctx->signature), &ctx->signature_len)) != 0 ||
        cb_check(ctx, "psa_export_public_key",
                 psa_export_public_key(ctx->key, public_key, sizeof(public_key), &len)) != 0 ||
        cb_destroy(ctx) != 0) {
        return -1;
    }
    cb_attributes_set(ctx, PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(cc->key_type), cc->row.key_bits,
                      PSA_KEY_USAGE_VERIFY_HASH, cc->alg);
    if (cb_check(ctx, "psa_import_key",
                 psa_import_key(&ctx->attributes, public_key, len, &ctx->key)) != 0) {
        return -1;
    }
    cb_steps_set(steps, NULL, cb_verify, NULL);
    return cb_verify_self_check(ctx);
}

/* RSA signing with the fixed test key (generating one takes up to seconds). */
static int cb_setup_rsa_sign(struct cb_ctx *ctx, const struct cb_case *cc,
                             struct mbp_bench_steps *steps)
{
    cb_attributes_set(ctx, cc->key_type, cc->row.key_bits, PSA_KEY_USAGE_SIGN_HASH, cc->alg);
    memcpy(ctx->hash, mbp_vector_sha256_mbp, sizeof(mbp_vector_sha256_mbp));
    ctx->hash_len = sizeof(mbp_vector_sha256_mbp);
    if (cb_check(ctx, "psa_import_key",
                 psa_import_key(&ctx->attributes, mbp_vector_rsa_private_der,
                                sizeof(mbp_vector_rsa_private_der), &ctx->key)) != 0) {
        return -1;
    }
    cb_steps_set(steps, NULL, cb_sign, NULL);
    return 0;
}

/* RSA verification of the fixed signatures with the test key's public half. */
static int cb_setup_rsa_verify(struct cb_ctx *ctx, const struct cb_case *cc,
                               struct mbp_bench_steps *steps)
{
    const unsigned char *signature =
        PSA_ALG_IS_RSA_PSS(cc->alg) ? mbp_vector_rsa_pss_signature : mbp_vector_rsa_pkcs1_signature;

    cb_attributes_set(ctx, cc->key_type, cc->row.key_bits, PSA_KEY_USAGE_VERIFY_HASH, cc->alg);
    memcpy(ctx->hash, mbp_vector_sha256_mbp, sizeof(mbp_vector_sha256_mbp));
    ctx->hash_len = sizeof(mbp_vector_sha256_mbp);
    memcpy(ctx->signature, signature, sizeof(mbp_vector_rsa_pss_signature));
    ctx->signature_len = sizeof(mbp_vector_rsa_pss_signature);
    if (cb_check(ctx, "psa_import_key",
                 psa_import_key(&ctx->attributes, mbp_vector_rsa_public_der,
                                sizeof(mbp_vector_rsa_public_der), &ctx->key)) != 0) {
        return -1;
    }
    cb_steps_set(steps, NULL, cb_verify, NULL);
    return cb_verify_self_check(ctx);
}

/* AEAD encryption of data_bytes with an imported key; a round trip must give the data back. */
static int cb_setup_aead(struct cb_ctx *ctx, const struct cb_case *cc,
                         struct mbp_bench_steps *steps)
{
    unsigned char *back = ctx->out + CB_DATA_MAX + 16;
    size_t back_len;

    cb_attributes_set(ctx, cc->key_type, cc->row.key_bits,
                      PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, cc->alg);
    ctx->data_bytes = cc->row.data_bytes;
    if (cb_check(ctx, "psa_import_key",
                 psa_import_key(&ctx->attributes, ctx->secret, cc->row.key_bits / 8, &ctx->key)) !=
            0 ||
        cb_aead_encrypt(ctx) != 0 ||
        cb_check(ctx, "psa_aead_decrypt",
                 psa_aead_decrypt(ctx->key, ctx->alg, ctx->nonce, sizeof(ctx->nonce), ctx->aad,
                                  sizeof(ctx->aad), ctx->out, ctx->data_bytes + 16, back,
                                  CB_DATA_MAX, &back_len)) != 0) {
        return -1;
    }
    if (back_len != ctx->data_bytes || memcmp(back, ctx->in, back_len) != 0) {
        return cb_check(ctx, "psa_aead_decrypt: round trip differs", PSA_ERROR_CORRUPTION_DETECTED);
    }
    cb_steps_set(steps, NULL, cb_aead_encrypt, NULL);
    return 0;
}

/* Known answers: SHA-256 and SHA-384 of "abc" (FIPS 180-4 examples), HKDF-SHA256 of RFC 5869
 * appendix A.1. */
static const unsigned char cb_sha256_abc[] = {
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
static const unsigned char cb_sha384_abc[] = {
    0xcb, 0x00, 0x75, 0x3f, 0x45, 0xa3, 0x5e, 0x8b, 0xb5, 0xa0, 0x3d, 0x69, 0x9a, 0xc6, 0x50, 0x07,
    0x27, 0x2c, 0x32, 0xab, 0x0e, 0xde, 0xd1, 0x63, 0x1a, 0x8b, 0x60, 0x5a, 0x43, 0xff, 0x5b, 0xed,
    0x80, 0x86, 0x07, 0x2b, 0xa1, 0xe7, 0xcc, 0x23, 0x58, 0xba, 0xec, 0xa1, 0x34, 0xc8, 0x25, 0xa7};
static const unsigned char cb_hkdf_prk[] = {
    0x07, 0x77, 0x09, 0x36, 0x2c, 0x2e, 0x32, 0xdf, 0x0d, 0xdc, 0x3f, 0x0d, 0xc4, 0x7b, 0xba, 0x63,
    0x90, 0xb6, 0xc7, 0x3b, 0xb5, 0x0f, 0x9c, 0x31, 0x22, 0xec, 0x84, 0x4a, 0xd7, 0xc2, 0xb3, 0xe5};
static const unsigned char cb_hkdf_okm[] = {
    0x3c, 0xb2, 0x5f, 0x25, 0xfa, 0xac, 0xd5, 0x7a, 0x90, 0x43, 0x4f, 0x64, 0xd0, 0x36,
    0x2f, 0x2a, 0x2d, 0x2d, 0x0a, 0x90, 0xcf, 0x1a, 0x5a, 0x4c, 0x5d, 0xb0, 0x2d, 0x56,
    0xec, 0xc4, 0xc5, 0xbf, 0x34, 0x00, 0x72, 0x08, 0xd5, 0xb8, 0x87, 0x18, 0x58, 0x65};

static int cb_known_answer_check(struct cb_ctx *ctx, const char *what, const unsigned char *got,
                                 const unsigned char *expected, size_t len)
{
    if (memcmp(got, expected, len) != 0) {
        return cb_check(ctx, what, PSA_ERROR_CORRUPTION_DETECTED);
    }
    return 0;
}

/* Hashing of data_bytes, after a known-answer check of the hash. */
static int cb_setup_hash(struct cb_ctx *ctx, const struct cb_case *cc,
                         struct mbp_bench_steps *steps)
{
    const unsigned char *expected = cc->alg == PSA_ALG_SHA_256 ? cb_sha256_abc : cb_sha384_abc;
    unsigned char digest[PSA_HASH_MAX_SIZE];
    size_t len;

    ctx->alg = cc->alg;
    ctx->data_bytes = cc->row.data_bytes;
    if (cb_check(ctx, "psa_hash_compute",
                 psa_hash_compute(ctx->alg, (const uint8_t *)"abc", 3, digest, sizeof(digest),
                                  &len)) != 0 ||
        cb_known_answer_check(ctx, "psa_hash_compute: wrong digest of \"abc\"", digest, expected,
                              len) != 0) {
        return -1;
    }
    cb_steps_set(steps, NULL, cb_hash, NULL);
    return 0;
}

/* RFC 5869 A.1 through the case's algorithm, when its hash is SHA-256. */
static int cb_hkdf_known_answer(struct cb_ctx *ctx)
{
    unsigned char ikm[22];
    unsigned char salt[13];
    unsigned char info[10];
    unsigned char out[42];
    struct cb_hkdf_inputs in = {salt, sizeof(salt), ikm, sizeof(ikm), info, sizeof(info)};
    size_t i;

    if (PSA_ALG_GET_HASH(ctx->alg) != PSA_ALG_SHA_256) {
        return 0;
    }
    memset(ikm, 0x0b, sizeof(ikm));
    for (i = 0; i < sizeof(salt); i++) {
        salt[i] = (unsigned char)i;
    }
    for (i = 0; i < sizeof(info); i++) {
        info[i] = (unsigned char)(0xf0 + i);
    }
    if (PSA_ALG_IS_HKDF_EXTRACT(ctx->alg)) {
        return cb_hkdf_run(ctx, &in, out, sizeof(cb_hkdf_prk)) != 0
                   ? -1
                   : cb_known_answer_check(ctx, "HKDF-Extract: wrong PRK (RFC 5869 A.1)", out,
                                           cb_hkdf_prk, sizeof(cb_hkdf_prk));
    }
    if (PSA_ALG_IS_HKDF_EXPAND(ctx->alg)) {
        in.secret = cb_hkdf_prk;
        in.secret_len = sizeof(cb_hkdf_prk);
    }
    return cb_hkdf_run(ctx, &in, out, sizeof(out)) != 0
               ? -1
               : cb_known_answer_check(ctx, "HKDF: wrong OKM (RFC 5869 A.1)", out, cb_hkdf_okm,
                                       sizeof(cb_hkdf_okm));
}

static int cb_setup_hkdf(struct cb_ctx *ctx, const struct cb_case *cc,
                         struct mbp_bench_steps *steps)
{
    ctx->alg = cc->alg;
    ctx->hash_len = PSA_HASH_LENGTH(PSA_ALG_GET_HASH(cc->alg));
    if (cb_hkdf_known_answer(ctx) != 0) {
        return -1;
    }
    cb_steps_set(steps, NULL, cb_hkdf, NULL);
    return 0;
}

/* ---- The table -------------------------------------------------------------------------- */

#define CB_ECC(family) PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_##family)
#define CB_DH          PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919)

/* The four key-share operations of a group. */
#define CB_KEY_SHARE(group, type, bits, alg, alg_name, n1, n2, n3)                                 \
    {{group "/generate", "generate", alg_name, group, bits, 0},                                    \
     cb_setup_generate,                                                                            \
     type,                                                                                         \
     alg,                                                                                          \
     {n1, n2, n3}},                                                                                \
        {{group "/export_public", "export_public", alg_name, group, bits, 0},                      \
         cb_setup_export,                                                                          \
         type,                                                                                     \
         alg,                                                                                      \
         {n1, n2, n3}},                                                                            \
        {{group "/generate_export", "generate_export", alg_name, group, bits, 0},                  \
         cb_setup_generate_export,                                                                 \
         type,                                                                                     \
         alg,                                                                                      \
         {n1, n2, n3}},                                                                            \
    {                                                                                              \
        {group "/agreement", "agreement", alg_name, group, bits, 0}, cb_setup_agreement, type,     \
            alg,                                                                                   \
        {                                                                                          \
            n1, n2, n3                                                                             \
        }                                                                                          \
    }
#define CB_ECDH(group, family, bits, curve)                                                        \
    CB_KEY_SHARE(group, CB_ECC(family), bits, PSA_ALG_ECDH, "ECDH", CB_NO_ECC_GENERATE,            \
                 CB_NO_ECDH, curve)

/* ECDSA signing and verification on a curve with its usual hash. */
#define CB_ECDSA(group, family, bits, hash, hash_name, hash_bytes, curve, hash_need)               \
    {{group "/sign", "sign", "ECDSA-" hash_name, group, bits, hash_bytes},                         \
     cb_setup_ecdsa_sign,                                                                          \
     CB_ECC(family),                                                                               \
     PSA_ALG_ECDSA(PSA_ALG_##hash),                                                                \
     {CB_NO_ECDSA, CB_NO_ECC_GENERATE, curve, hash_need}},                                         \
    {                                                                                              \
        {group "/verify", "verify", "ECDSA-" hash_name, group, bits, hash_bytes},                  \
            cb_setup_ecdsa_verify, CB_ECC(family), PSA_ALG_ECDSA(PSA_ALG_##hash),                  \
        {                                                                                          \
            CB_NO_ECDSA, CB_NO_ECC_GENERATE, CB_NO_ECC_PUBLIC, curve, hash_need                    \
        }                                                                                          \
    }

#define CB_RSA(suffix, alg_name, alg, alg_need)                                                    \
    {{"rsa2048/sign-" suffix, "sign", alg_name, "rsa", 2048, 32},                                  \
     cb_setup_rsa_sign,                                                                            \
     PSA_KEY_TYPE_RSA_KEY_PAIR,                                                                    \
     alg,                                                                                          \
     {CB_NO_RSA_IMPORT, alg_need, CB_NO_SHA256}},                                                  \
    {                                                                                              \
        {"rsa2048/verify-" suffix, "verify", alg_name, "rsa", 2048, 32}, cb_setup_rsa_verify,      \
            PSA_KEY_TYPE_RSA_PUBLIC_KEY, alg,                                                      \
        {                                                                                          \
            CB_NO_RSA_PUBLIC, alg_need, CB_NO_SHA256                                               \
        }                                                                                          \
    }

/* AEAD encryption of 64 B, 1 KiB and 16 KiB. */
#define CB_AEAD_ONE(name, size, alg_name, key_name, type, bits, alg, n1, n2, n3)                   \
    {                                                                                              \
        {name "/encrypt/" #size, "aead_encrypt", alg_name, key_name, bits, size}, cb_setup_aead,   \
            type, alg,                                                                             \
        {                                                                                          \
            n1, n2, n3                                                                             \
        }                                                                                          \
    }
#define CB_AEAD(name, alg_name, key_name, type, bits, alg, n1, n2, n3)                             \
    CB_AEAD_ONE(name, 64, alg_name, key_name, type, bits, alg, n1, n2, n3),                        \
        CB_AEAD_ONE(name, 1024, alg_name, key_name, type, bits, alg, n1, n2, n3),                  \
        CB_AEAD_ONE(name, 16384, alg_name, key_name, type, bits, alg, n1, n2, n3)

#define CB_HKDF(name, hash, hash_name, hash_bytes, hash_need)                                      \
    {{name "/extract", "hkdf_extract", "HKDF-Extract-" hash_name, "-", 0, hash_bytes},             \
     cb_setup_hkdf,                                                                                \
     0,                                                                                            \
     PSA_ALG_HKDF_EXTRACT(PSA_ALG_##hash),                                                         \
     {CB_NO_HKDF_EXTRACT, hash_need}},                                                             \
        {{name "/expand", "hkdf_expand", "HKDF-Expand-" hash_name, "-", 0, hash_bytes},            \
         cb_setup_hkdf,                                                                            \
         0,                                                                                        \
         PSA_ALG_HKDF_EXPAND(PSA_ALG_##hash),                                                      \
         {CB_NO_HKDF_EXPAND, hash_need}},                                                          \
    {                                                                                              \
        {name "/extract_expand", "hkdf", "HKDF-" hash_name, "-", 0, hash_bytes}, cb_setup_hkdf, 0, \
            PSA_ALG_HKDF(PSA_ALG_##hash),                                                          \
        {                                                                                          \
            CB_NO_HKDF, hash_need                                                                  \
        }                                                                                          \
    }

/* Every operation measured, in output order. Groups are those TLS 1.3 names (RFC 8446 section
 * 4.2.7) that a profile can compile in; ffdhe3072 and ffdhe4096 are in keygen.csv only (each
 * agreement takes tens of ms). */
static const struct cb_case cb_cases[] = {
    {{"harness/empty", "empty", "-", "-", 0, 0}, cb_setup_empty, 0, 0, {NULL}},
    CB_ECDH("x25519", MONTGOMERY, 255, CB_NO_X25519),
    CB_ECDH("secp256r1", SECP_R1, 256, CB_NO_SECP256R1),
    CB_ECDH("secp384r1", SECP_R1, 384, CB_NO_SECP384R1),
    CB_ECDH("secp521r1", SECP_R1, 521, CB_NO_SECP521R1),
    CB_ECDH("x448", MONTGOMERY, 448, CB_NO_X448),
    CB_ECDH("brainpoolP256r1", BRAINPOOL_P_R1, 256, CB_NO_BP256R1),
    CB_ECDH("brainpoolP384r1", BRAINPOOL_P_R1, 384, CB_NO_BP384R1),
    CB_ECDH("brainpoolP512r1", BRAINPOOL_P_R1, 512, CB_NO_BP512R1),
    CB_KEY_SHARE("ffdhe2048", CB_DH, 2048, PSA_ALG_FFDH, "FFDH", CB_NO_DH_GENERATE, CB_NO_FFDH,
                 CB_NO_FFDHE2048),
    CB_ECDSA("secp256r1", SECP_R1, 256, SHA_256, "SHA256", 32, CB_NO_SECP256R1, CB_NO_SHA256),
    CB_ECDSA("secp384r1", SECP_R1, 384, SHA_384, "SHA384", 48, CB_NO_SECP384R1, CB_NO_SHA384),
    CB_ECDSA("secp521r1", SECP_R1, 521, SHA_512, "SHA512", 64, CB_NO_SECP521R1, CB_NO_SHA512),
    CB_ECDSA("brainpoolP256r1", BRAINPOOL_P_R1, 256, SHA_256, "SHA256", 32, CB_NO_BP256R1,
             CB_NO_SHA256),
    CB_ECDSA("brainpoolP384r1", BRAINPOOL_P_R1, 384, SHA_384, "SHA384", 48, CB_NO_BP384R1,
             CB_NO_SHA384),
    CB_ECDSA("brainpoolP512r1", BRAINPOOL_P_R1, 512, SHA_512, "SHA512", 64, CB_NO_BP512R1,
             CB_NO_SHA512),
    CB_RSA("pkcs1", "RSA-PKCS1-SHA256", PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256),
           CB_NO_RSA_PKCS1),
    CB_RSA("pss", "RSA-PSS-SHA256", PSA_ALG_RSA_PSS(PSA_ALG_SHA_256), CB_NO_RSA_PSS),
    CB_AEAD("aes128-gcm", "AES-128-GCM", "aes", PSA_KEY_TYPE_AES, 128, PSA_ALG_GCM, CB_NO_AES,
            CB_NO_GCM, NULL),
    CB_AEAD("aes256-gcm", "AES-256-GCM", "aes", PSA_KEY_TYPE_AES, 256, PSA_ALG_GCM, CB_NO_AES,
            CB_NO_GCM, CB_NO_AES256),
    CB_AEAD("aes128-ccm", "AES-128-CCM", "aes", PSA_KEY_TYPE_AES, 128, PSA_ALG_CCM, CB_NO_AES,
            CB_NO_CCM, NULL),
    CB_AEAD("chacha20-poly1305", "CHACHA20-POLY1305", "chacha20", PSA_KEY_TYPE_CHACHA20, 256,
            PSA_ALG_CHACHA20_POLY1305, CB_NO_CHACHA20, CB_NO_CHACHAPOLY, NULL),
    {{"sha256/hash/1024", "hash", "SHA-256", "-", 0, 1024},
     cb_setup_hash,
     0,
     PSA_ALG_SHA_256,
     {CB_NO_SHA256}},
    {{"sha384/hash/1024", "hash", "SHA-384", "-", 0, 1024},
     cb_setup_hash,
     0,
     PSA_ALG_SHA_384,
     {CB_NO_SHA384}},
    CB_HKDF("hkdf-sha256", SHA_256, "SHA256", 32, CB_NO_SHA256),
    CB_HKDF("hkdf-sha384", SHA_384, "SHA384", 48, CB_NO_SHA384),
};

/* ---- Driver ----------------------------------------------------------------------------- */

/* Name of a PSA status, for error messages. */
static const char *cb_status_name(psa_status_t status)
{
    switch (status) {
    case PSA_ERROR_NOT_SUPPORTED:
        return "PSA_ERROR_NOT_SUPPORTED";
    case PSA_ERROR_NOT_PERMITTED:
        return "PSA_ERROR_NOT_PERMITTED";
    case PSA_ERROR_INVALID_ARGUMENT:
        return "PSA_ERROR_INVALID_ARGUMENT";
    case PSA_ERROR_INSUFFICIENT_MEMORY:
        return "PSA_ERROR_INSUFFICIENT_MEMORY";
    case PSA_ERROR_BUFFER_TOO_SMALL:
        return "PSA_ERROR_BUFFER_TOO_SMALL";
    case PSA_ERROR_INVALID_SIGNATURE:
        return "PSA_ERROR_INVALID_SIGNATURE";
    case PSA_ERROR_CORRUPTION_DETECTED:
        return "PSA_ERROR_CORRUPTION_DETECTED (wrong result)";
    case PSA_ERROR_BAD_STATE:
        return "PSA_ERROR_BAD_STATE";
    default:
        return "see psa/crypto_values.h";
    }
}

/* The first reason the case cannot run in this profile, or NULL. */
static const char *cb_case_missing(const struct cb_case *cc)
{
    size_t i;

    for (i = 0; i < CB_NEEDS_MAX; i++) {
        if (cc->needs[i] != NULL) {
            return cc->needs[i];
        }
    }
    return NULL;
}

/* Destroys the keys a case left (destroying the null key does nothing). */
static void cb_case_teardown(struct cb_ctx *ctx)
{
    (void)cb_destroy(ctx);
    (void)cb_destroy_peer(ctx);
    psa_reset_key_attributes(&ctx->attributes);
}

/* Sets up, measures and tears down one case. Returns 0 or -1 (reported on stderr). */
static int cb_case_run(struct mbp_crypto_session *session, const struct cb_case *cc,
                       struct cb_ctx *ctx)
{
    struct mbp_bench_steps steps;
    int ret;

    ctx->failed_call = "none";
    ctx->status = PSA_SUCCESS;
    ctx->hash_len = 0;
    ret = cc->setup(ctx, cc, &steps);
    if (ret == 0) {
        ret = mbp_crypto_measure(session, &cc->row, &steps, ctx);
    }
    cb_case_teardown(ctx);
    if (ret != 0) {
        fprintf(stderr, "crypto_bench: %s failed: %s returned %d (%s)\n", cc->row.name,
                ctx->failed_call, (int)ctx->status, cb_status_name(ctx->status));
        return -1;
    }
    return 0;
}

/* Fills the buffers every case reads. Returns 0 or -1. */
static int cb_ctx_setup(struct cb_ctx *ctx)
{
    size_t i;

    memset(ctx, 0, sizeof(*ctx));
    ctx->attributes = psa_key_attributes_init();
    ctx->key = MBEDTLS_SVC_KEY_ID_INIT;
    ctx->peer_key = MBEDTLS_SVC_KEY_ID_INIT;
    ctx->in = malloc(CB_DATA_MAX);
    ctx->out = malloc(2 * (CB_DATA_MAX + 16));
    if (ctx->in == NULL || ctx->out == NULL) {
        return -1;
    }
    for (i = 0; i < CB_DATA_MAX; i++) {
        ctx->in[i] = (unsigned char)(i * 7);
    }
    for (i = 0; i < sizeof(ctx->secret); i++) {
        ctx->secret[i] = (unsigned char)(0x42 + i);
    }
    memset(ctx->nonce, 0x24, sizeof(ctx->nonce));
    memset(ctx->aad, 0x17, sizeof(ctx->aad));
    return 0;
}

static int cb_options_parse(int argc, char **argv, struct mbp_crypto_options *opts)
{
    int i;

    mbp_crypto_options_init(opts, MBP_PROFILE_NAME);
    for (i = 1; i < argc; i++) {
        if (mbp_crypto_option_parse(opts, argc, argv, &i) != 1) {
            fprintf(stderr, "crypto_bench: bad option or value: %s\nusage: %s [options]\n", argv[i],
                    argv[0]);
            mbp_crypto_options_usage_print(stderr);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    static char library[32];
    struct mbp_crypto_session session;
    struct cb_ctx ctx;
    int exit_code = EXIT_FAILURE;
    psa_status_t status;
    size_t i;

    if (mbp_bench_help_asked(argc, argv)) {
        printf("usage: %s [options]\n", argv[0]);
        mbp_crypto_options_usage_print(stdout);
        return EXIT_SUCCESS;
    }
    memset(&session, 0, sizeof(session));
    memset(&ctx, 0, sizeof(ctx));
    if (cb_options_parse(argc, argv, &session.opts) != 0) {
        return EXIT_FAILURE;
    }
    snprintf(library, sizeof(library), "mbedtls-%s", MBEDTLS_VERSION_STRING);
    session.program = "crypto_bench";
    session.mbedtls_version = MBEDTLS_VERSION_STRING;
    session.library = library;

    status = psa_crypto_init();
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "crypto_bench: psa_crypto_init returned %d\n", (int)status);
        goto exit;
    }
    if (cb_ctx_setup(&ctx) != 0 || mbp_crypto_session_open(&session) != 0) {
        fprintf(stderr, "crypto_bench: setup failed\n");
        goto exit;
    }
    for (i = 0; i < sizeof(cb_cases) / sizeof(cb_cases[0]); i++) {
        const struct cb_case *cc = &cb_cases[i];
        const char *missing = cb_case_missing(cc);

        if (!mbp_crypto_selected(&session, cc->row.name)) {
            continue;
        }
        if (missing != NULL) {
            mbp_crypto_skip(&session, &cc->row, missing);
        } else if (cb_case_run(&session, cc, &ctx) != 0) {
            goto exit;
        }
    }
    exit_code = EXIT_SUCCESS;

exit:
    if (mbp_crypto_session_close(&session, exit_code == EXIT_SUCCESS) != 0) {
        exit_code = EXIT_FAILURE;
    }
    free(ctx.in);
    free(ctx.out);
    mbedtls_psa_crypto_free();
    return exit_code;
}
