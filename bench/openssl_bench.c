/* The OpenSSL peer figures: the same crypto operations through libcrypto, and handshakes of an
 * OpenSSL client (libssl), measured by the project's harness so that ratios come from one run.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "mbp_crypto_run.h"
#include "openssl_peer.h"

/* Everything the operations use; created in crypto_ctx_setup, freed in crypto_ctx_free. */
struct ossl_ctx {
    EVP_PKEY_CTX *x25519_gen;
    EVP_PKEY_CTX *p256_gen;
    EVP_PKEY *x25519_own;
    EVP_PKEY *p256_own;
    EVP_PKEY *p256_public; /* the public half of p256_own alone, as a verifier has it */
    EVP_PKEY_CTX *p256_sign;
    EVP_PKEY_CTX *p256_verify;
    EVP_PKEY *generated; /* made by a timed generation, freed after it */
    EVP_CIPHER *cipher;  /* of the AEAD case being measured */
    EVP_CIPHER_CTX *cipher_ctx;
    EVP_MD *sha256;
    unsigned char x25519_peer[32];
    unsigned char p256_peer[65];
    unsigned char hash[32];
    unsigned char signature[80];
    size_t signature_len;
    unsigned char key[32];
    unsigned char nonce[12];
    unsigned char aad[13];
    unsigned char *in;
    unsigned char *out;
    size_t data_bytes;
    const char *failed_call;
};

#define OSSL_DATA_MAX 16384

static int ossl_fail(struct ossl_ctx *ctx, const char *call)
{
    ctx->failed_call = call;
    return -1;
}

/* Public key of a generated key in the form TLS sends it (raw for X25519, uncompressed point
 * for P-256). Returns its length, 0 on failure. */
static size_t ossl_public_export(EVP_PKEY *pkey, unsigned char *buf, size_t size)
{
    size_t len = 0;

    if (EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, buf, size,
                                        &len) != 1) {
        return 0;
    }
    return len;
}

static int ossl_x25519_generate_export(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    unsigned char pub[32];

    ctx->generated = NULL;
    if (EVP_PKEY_keygen(ctx->x25519_gen, &ctx->generated) != 1) {
        return ossl_fail(ctx, "EVP_PKEY_keygen(X25519)");
    }
    return ossl_public_export(ctx->generated, pub, sizeof(pub)) == 32
               ? 0
               : ossl_fail(ctx, "EVP_PKEY_get_octet_string_param");
}

static int ossl_p256_generate_export(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    unsigned char pub[65];

    ctx->generated = NULL;
    if (EVP_PKEY_keygen(ctx->p256_gen, &ctx->generated) != 1) {
        return ossl_fail(ctx, "EVP_PKEY_keygen(P-256)");
    }
    return ossl_public_export(ctx->generated, pub, sizeof(pub)) == 65
               ? 0
               : ossl_fail(ctx, "EVP_PKEY_get_octet_string_param");
}

static int ossl_generated_free(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;

    EVP_PKEY_free(ctx->generated);
    ctx->generated = NULL;
    return 0;
}

/* The derivation TLS does with a peer's key share: a key from the peer's bytes, then the
 * shared secret. */
static int ossl_derive(struct ossl_ctx *ctx, EVP_PKEY *own, EVP_PKEY *peer)
{
    EVP_PKEY_CTX *derive = EVP_PKEY_CTX_new(own, NULL);
    unsigned char secret[32];
    size_t secret_len = sizeof(secret);
    int ok;

    ok = derive != NULL && EVP_PKEY_derive_init(derive) == 1 &&
         EVP_PKEY_derive_set_peer(derive, peer) == 1 &&
         EVP_PKEY_derive(derive, secret, &secret_len) == 1 && secret_len == 32;
    EVP_PKEY_CTX_free(derive);
    EVP_PKEY_free(peer);
    return ok ? 0 : ossl_fail(ctx, "EVP_PKEY_derive");
}

static int ossl_x25519_agreement(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    EVP_PKEY *peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, ctx->x25519_peer, 32);

    if (peer == NULL) {
        return ossl_fail(ctx, "EVP_PKEY_new_raw_public_key");
    }
    return ossl_derive(ctx, ctx->x25519_own, peer);
}

/* A P-256 public key from an uncompressed point, as a TLS client makes the server's share. */
static EVP_PKEY *ossl_p256_public_make(EVP_PKEY *params, const unsigned char *point)
{
    EVP_PKEY *peer = EVP_PKEY_new();

    if (peer == NULL || EVP_PKEY_copy_parameters(peer, params) != 1 ||
        EVP_PKEY_set1_encoded_public_key(peer, point, 65) != 1) {
        EVP_PKEY_free(peer);
        return NULL;
    }
    return peer;
}

static int ossl_p256_agreement(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    EVP_PKEY *peer = ossl_p256_public_make(ctx->p256_own, ctx->p256_peer);

    if (peer == NULL) {
        return ossl_fail(ctx, "EVP_PKEY_set1_encoded_public_key");
    }
    return ossl_derive(ctx, ctx->p256_own, peer);
}

static int ossl_p256_sign(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    unsigned char signature[80];
    size_t len = sizeof(signature);

    return EVP_PKEY_sign(ctx->p256_sign, signature, &len, ctx->hash, sizeof(ctx->hash)) == 1
               ? 0
               : ossl_fail(ctx, "EVP_PKEY_sign");
}

static int ossl_p256_verify(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;

    return EVP_PKEY_verify(ctx->p256_verify, ctx->signature, ctx->signature_len, ctx->hash,
                           sizeof(ctx->hash)) == 1
               ? 0
               : ossl_fail(ctx, "EVP_PKEY_verify");
}

/* One-shot AEAD encryption as psa_aead_encrypt does it: key schedule, nonce, AAD, data, tag. */
static int ossl_aead_encrypt(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    int len;
    int final_len;

    if (EVP_EncryptInit_ex2(ctx->cipher_ctx, ctx->cipher, ctx->key, ctx->nonce, NULL) != 1 ||
        EVP_EncryptUpdate(ctx->cipher_ctx, NULL, &len, ctx->aad, sizeof(ctx->aad)) != 1 ||
        EVP_EncryptUpdate(ctx->cipher_ctx, ctx->out, &len, ctx->in, (int)ctx->data_bytes) != 1 ||
        EVP_EncryptFinal_ex(ctx->cipher_ctx, ctx->out + len, &final_len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx->cipher_ctx, EVP_CTRL_AEAD_GET_TAG, 16,
                            ctx->out + ctx->data_bytes) != 1) {
        return ossl_fail(ctx, "EVP_EncryptInit_ex2/Update/Final");
    }
    return 0;
}

static int ossl_sha256(void *op_ctx)
{
    struct ossl_ctx *ctx = op_ctx;
    unsigned char digest[32];
    unsigned int len;

    return EVP_Digest(ctx->in, ctx->data_bytes, digest, &len, ctx->sha256, NULL) == 1
               ? 0
               : ossl_fail(ctx, "EVP_Digest");
}

/* Makes a key pair on gen and stores its public key in TLS form into peer (size bytes). */
static EVP_PKEY *ossl_key_make(EVP_PKEY_CTX *gen, unsigned char *peer, size_t size)
{
    EVP_PKEY *pkey = NULL;

    if (EVP_PKEY_keygen(gen, &pkey) != 1) {
        return NULL;
    }
    if (peer != NULL && ossl_public_export(pkey, peer, size) != size) {
        EVP_PKEY_free(pkey);
        return NULL;
    }
    return pkey;
}

/* A key generation context of the named algorithm (and group). */
static EVP_PKEY_CTX *ossl_gen_make(const char *alg, const char *group)
{
    EVP_PKEY_CTX *gen = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);

    if (gen == NULL || EVP_PKEY_keygen_init(gen) != 1 ||
        (group != NULL && EVP_PKEY_CTX_set_group_name(gen, group) != 1)) {
        EVP_PKEY_CTX_free(gen);
        return NULL;
    }
    return gen;
}

/* Keys of both sides of each key agreement. Returns 0 or -1. */
static int ossl_keys_setup(struct ossl_ctx *ctx)
{
    unsigned char own_point[65];
    EVP_PKEY *peer;

    ctx->x25519_gen = ossl_gen_make("X25519", NULL);
    ctx->p256_gen = ossl_gen_make("EC", "P-256");
    if (ctx->x25519_gen == NULL || ctx->p256_gen == NULL) {
        return ossl_fail(ctx, "EVP_PKEY_keygen_init");
    }
    ctx->x25519_own = ossl_key_make(ctx->x25519_gen, NULL, 0);
    ctx->p256_own = ossl_key_make(ctx->p256_gen, own_point, sizeof(own_point));
    if (ctx->x25519_own == NULL || ctx->p256_own == NULL) {
        return ossl_fail(ctx, "EVP_PKEY_keygen");
    }
    peer = ossl_key_make(ctx->x25519_gen, ctx->x25519_peer, sizeof(ctx->x25519_peer));
    EVP_PKEY_free(peer);
    if (peer == NULL) {
        return ossl_fail(ctx, "EVP_PKEY_keygen");
    }
    peer = ossl_key_make(ctx->p256_gen, ctx->p256_peer, sizeof(ctx->p256_peer));
    EVP_PKEY_free(peer);
    ctx->p256_public = ossl_p256_public_make(ctx->p256_own, own_point);
    return peer != NULL && ctx->p256_public != NULL ? 0 : ossl_fail(ctx, "EVP_PKEY_keygen");
}

/* ECDSA P-256 with SHA-256: a signature of ctx->hash, checked, and a corrupted copy refused, so
 * that the timed verification is known to do the real work. Returns 0 or -1. */
static int ossl_signature_setup(struct ossl_ctx *ctx)
{
    ctx->p256_sign = EVP_PKEY_CTX_new(ctx->p256_own, NULL);
    ctx->p256_verify = EVP_PKEY_CTX_new(ctx->p256_public, NULL);
    if (ctx->p256_sign == NULL || ctx->p256_verify == NULL ||
        EVP_PKEY_sign_init(ctx->p256_sign) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx->p256_sign, ctx->sha256) != 1 ||
        EVP_PKEY_verify_init(ctx->p256_verify) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx->p256_verify, ctx->sha256) != 1) {
        return ossl_fail(ctx, "EVP_PKEY_sign_init/verify_init");
    }
    ctx->signature_len = sizeof(ctx->signature);
    if (EVP_PKEY_sign(ctx->p256_sign, ctx->signature, &ctx->signature_len, ctx->hash,
                      sizeof(ctx->hash)) != 1 ||
        ossl_p256_verify(ctx) != 0) {
        return ossl_fail(ctx, "EVP_PKEY_sign, then EVP_PKEY_verify of its signature");
    }
    ctx->signature[ctx->signature_len - 1] ^= 1;
    if (EVP_PKEY_verify(ctx->p256_verify, ctx->signature, ctx->signature_len, ctx->hash,
                        sizeof(ctx->hash)) == 1) {
        return ossl_fail(ctx, "EVP_PKEY_verify accepted a corrupted signature");
    }
    ctx->signature[ctx->signature_len - 1] ^= 1;
    return 0;
}

static int ossl_ctx_setup(struct ossl_ctx *ctx)
{
    unsigned int len;
    size_t i;

    ctx->in = calloc(1, OSSL_DATA_MAX);
    ctx->out = calloc(1, OSSL_DATA_MAX + 16);
    ctx->cipher_ctx = EVP_CIPHER_CTX_new();
    ctx->sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    if (ctx->in == NULL || ctx->out == NULL || ctx->cipher_ctx == NULL || ctx->sha256 == NULL) {
        return ossl_fail(ctx, "setup (memory, EVP_CIPHER_CTX_new, EVP_MD_fetch)");
    }
    for (i = 0; i < OSSL_DATA_MAX; i++) {
        ctx->in[i] = (unsigned char)(i * 7);
    }
    memset(ctx->key, 0x42, sizeof(ctx->key));
    memset(ctx->nonce, 0x24, sizeof(ctx->nonce));
    memset(ctx->aad, 0x17, sizeof(ctx->aad));
    if (EVP_Digest("mbp", 3, ctx->hash, &len, ctx->sha256, NULL) != 1) {
        return ossl_fail(ctx, "EVP_Digest");
    }
    if (ossl_keys_setup(ctx) != 0) {
        return -1;
    }
    return ossl_signature_setup(ctx);
}

static void ossl_ctx_free(struct ossl_ctx *ctx)
{
    EVP_PKEY_CTX_free(ctx->x25519_gen);
    EVP_PKEY_CTX_free(ctx->p256_gen);
    EVP_PKEY_free(ctx->x25519_own);
    EVP_PKEY_free(ctx->p256_own);
    EVP_PKEY_free(ctx->p256_public);
    EVP_PKEY_CTX_free(ctx->p256_sign);
    EVP_PKEY_CTX_free(ctx->p256_verify);
    EVP_PKEY_free(ctx->generated);
    EVP_CIPHER_free(ctx->cipher);
    EVP_CIPHER_CTX_free(ctx->cipher_ctx);
    EVP_MD_free(ctx->sha256);
    free(ctx->in);
    free(ctx->out);
}

/* One measured operation: the row, its steps, and the AEAD it needs (NULL if none). Names and
 * operations are those of crypto_bench.c, so rows join by name. */
struct ossl_case {
    struct mbp_crypto_row row;
    struct mbp_bench_steps steps;
    const char *cipher;
};

#define OSSL_GEN(fn)                                                                               \
    {                                                                                              \
        NULL, fn, ossl_generated_free                                                              \
    }
#define OSSL_PLAIN(fn)                                                                             \
    {                                                                                              \
        NULL, fn, NULL                                                                             \
    }
#define OSSL_AEAD(name, alg, fetch, bits, bytes)                                                   \
    {                                                                                              \
        {name, "aead_encrypt", alg, "aes", bits, bytes}, OSSL_PLAIN(ossl_aead_encrypt), fetch      \
    }

static const struct ossl_case ossl_cases[] = {
    {{"x25519/generate_export", "generate_export", "ECDH", "x25519", 255, 0},
     OSSL_GEN(ossl_x25519_generate_export),
     NULL},
    {{"x25519/agreement", "agreement", "ECDH", "x25519", 255, 0},
     OSSL_PLAIN(ossl_x25519_agreement),
     NULL},
    {{"secp256r1/generate_export", "generate_export", "ECDH", "secp256r1", 256, 0},
     OSSL_GEN(ossl_p256_generate_export),
     NULL},
    {{"secp256r1/agreement", "agreement", "ECDH", "secp256r1", 256, 0},
     OSSL_PLAIN(ossl_p256_agreement),
     NULL},
    {{"secp256r1/sign", "sign", "ECDSA-SHA256", "secp256r1", 256, 32},
     OSSL_PLAIN(ossl_p256_sign),
     NULL},
    {{"secp256r1/verify", "verify", "ECDSA-SHA256", "secp256r1", 256, 32},
     OSSL_PLAIN(ossl_p256_verify),
     NULL},
    OSSL_AEAD("aes128-gcm/encrypt/64", "AES-128-GCM", "AES-128-GCM", 128, 64),
    OSSL_AEAD("aes128-gcm/encrypt/1024", "AES-128-GCM", "AES-128-GCM", 128, 1024),
    OSSL_AEAD("aes128-gcm/encrypt/16384", "AES-128-GCM", "AES-128-GCM", 128, 16384),
    OSSL_AEAD("aes256-gcm/encrypt/64", "AES-256-GCM", "AES-256-GCM", 256, 64),
    OSSL_AEAD("aes256-gcm/encrypt/1024", "AES-256-GCM", "AES-256-GCM", 256, 1024),
    OSSL_AEAD("aes256-gcm/encrypt/16384", "AES-256-GCM", "AES-256-GCM", 256, 16384),
    {{"sha256/hash/1024", "hash", "SHA-256", "-", 0, 1024}, OSSL_PLAIN(ossl_sha256), NULL},
};

/* Prepares the per-case part of ctx (cipher, message size) and measures. Returns 0 or -1. */
static int ossl_case_measure(struct mbp_crypto_session *session, const struct ossl_case *oc,
                             struct ossl_ctx *ctx)
{
    EVP_CIPHER_free(ctx->cipher);
    ctx->cipher = NULL;
    if (oc->cipher != NULL) {
        ctx->cipher = EVP_CIPHER_fetch(NULL, oc->cipher, NULL);
        if (ctx->cipher == NULL) {
            fprintf(stderr, "openssl_bench: EVP_CIPHER_fetch(%s) failed\n", oc->cipher);
            return -1;
        }
    }
    ctx->data_bytes = oc->row.data_bytes;
    ctx->failed_call = "none";
    if (mbp_crypto_measure(session, &oc->row, &oc->steps, ctx) != 0) {
        fprintf(stderr, "openssl_bench: %s failed: %s\n", oc->row.name, ctx->failed_call);
        ERR_print_errors_fp(stderr);
        return -1;
    }
    return 0;
}

static int ossl_crypto_main(int argc, char **argv)
{
    static char library[64];
    struct mbp_crypto_session session;
    struct ossl_ctx ctx;
    int exit_code = EXIT_FAILURE;
    size_t i;
    int arg;

    if (mbp_bench_help_asked(argc, argv)) {
        printf("usage: %s crypto [options]\n", argv[0]);
        mbp_crypto_options_usage_print(stdout);
        return EXIT_SUCCESS;
    }
    memset(&ctx, 0, sizeof(ctx));
    memset(&session, 0, sizeof(session));
    mbp_crypto_options_init(&session.opts, "openssl");
    for (arg = 2; arg < argc; arg++) {
        if (mbp_crypto_option_parse(&session.opts, argc, argv, &arg) != 1) {
            fprintf(stderr, "openssl_bench: bad option or value: %s\nusage: %s crypto [options]\n",
                    argv[arg], argv[0]);
            mbp_crypto_options_usage_print(stderr);
            return EXIT_FAILURE;
        }
    }
    snprintf(library, sizeof(library), "openssl-%s", OpenSSL_version(OPENSSL_VERSION_STRING));
    session.program = "openssl_bench";
    session.mbedtls_version = "";
    session.library = library;

    if (mbp_crypto_session_open(&session) != 0) {
        goto exit;
    }
    if (ossl_ctx_setup(&ctx) != 0) {
        fprintf(stderr, "openssl_bench: setup failed: %s\n", ctx.failed_call);
        ERR_print_errors_fp(stderr);
        goto exit;
    }
    for (i = 0; i < sizeof(ossl_cases) / sizeof(ossl_cases[0]); i++) {
        if (mbp_crypto_selected(&session, ossl_cases[i].row.name) &&
            ossl_case_measure(&session, &ossl_cases[i], &ctx) != 0) {
            goto exit;
        }
    }
    exit_code = EXIT_SUCCESS;

exit:
    if (mbp_crypto_session_close(&session, exit_code == EXIT_SUCCESS) != 0) {
        exit_code = EXIT_FAILURE;
    }
    ossl_ctx_free(&ctx);
    return exit_code;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "crypto") == 0) {
        return ossl_crypto_main(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "handshake") == 0) {
        return mbp_openssl_peer_main(argc, argv);
    }
    fprintf(stderr,
            "usage: %s crypto [options]     libcrypto operations, as crypto.csv rows\n"
            "       %s handshake [options]  handshakes of an OpenSSL client\n"
            "Run a mode with --help for its options.\n",
            argv[0], argv[0]);
    return EXIT_FAILURE;
}
