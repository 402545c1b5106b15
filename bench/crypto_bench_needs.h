/* Why an operation of crypto_bench.c is left out: for each mechanism, CB_NO_<name> is NULL when
 * the profile's configuration enables it, else a string naming the PSA_WANT_ macro it lacks.
 * Include after psa/crypto.h, which settles the PSA_WANT_ macros of the build.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef CRYPTO_BENCH_NEEDS_H
#define CRYPTO_BENCH_NEEDS_H

#include <stddef.h>

#if defined(PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE)
#define CB_NO_ECC_GENERATE NULL
#else
#define CB_NO_ECC_GENERATE "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE not set"
#endif

#if defined(PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY)
#define CB_NO_ECC_PUBLIC NULL
#else
#define CB_NO_ECC_PUBLIC "PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY not set"
#endif

#if defined(PSA_WANT_ALG_ECDH)
#define CB_NO_ECDH NULL
#else
#define CB_NO_ECDH "PSA_WANT_ALG_ECDH not set"
#endif

#if defined(PSA_WANT_ALG_ECDSA)
#define CB_NO_ECDSA NULL
#else
#define CB_NO_ECDSA "PSA_WANT_ALG_ECDSA not set"
#endif

#if defined(PSA_WANT_ECC_SECP_R1_256)
#define CB_NO_SECP256R1 NULL
#else
#define CB_NO_SECP256R1 "PSA_WANT_ECC_SECP_R1_256 not set"
#endif

#if defined(PSA_WANT_ECC_SECP_R1_384)
#define CB_NO_SECP384R1 NULL
#else
#define CB_NO_SECP384R1 "PSA_WANT_ECC_SECP_R1_384 not set"
#endif

#if defined(PSA_WANT_ECC_SECP_R1_521)
#define CB_NO_SECP521R1 NULL
#else
#define CB_NO_SECP521R1 "PSA_WANT_ECC_SECP_R1_521 not set"
#endif

#if defined(PSA_WANT_ECC_MONTGOMERY_255)
#define CB_NO_X25519 NULL
#else
#define CB_NO_X25519 "PSA_WANT_ECC_MONTGOMERY_255 not set"
#endif

#if defined(PSA_WANT_ECC_MONTGOMERY_448)
#define CB_NO_X448 NULL
#else
#define CB_NO_X448 "PSA_WANT_ECC_MONTGOMERY_448 not set"
#endif

#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_256)
#define CB_NO_BP256R1 NULL
#else
#define CB_NO_BP256R1 "PSA_WANT_ECC_BRAINPOOL_P_R1_256 not set"
#endif

#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_384)
#define CB_NO_BP384R1 NULL
#else
#define CB_NO_BP384R1 "PSA_WANT_ECC_BRAINPOOL_P_R1_384 not set"
#endif

#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_512)
#define CB_NO_BP512R1 NULL
#else
#define CB_NO_BP512R1 "PSA_WANT_ECC_BRAINPOOL_P_R1_512 not set"
#endif

#if defined(PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE)
#define CB_NO_DH_GENERATE NULL
#else
#define CB_NO_DH_GENERATE "PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE not set"
#endif

#if defined(PSA_WANT_ALG_FFDH)
#define CB_NO_FFDH NULL
#else
#define CB_NO_FFDH "PSA_WANT_ALG_FFDH not set"
#endif

#if defined(PSA_WANT_DH_RFC7919_2048)
#define CB_NO_FFDHE2048 NULL
#else
#define CB_NO_FFDHE2048 "PSA_WANT_DH_RFC7919_2048 not set"
#endif

#if defined(PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY)
#define CB_NO_RSA_PUBLIC NULL
#else
#define CB_NO_RSA_PUBLIC "PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY not set"
#endif

#if defined(PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_IMPORT)
#define CB_NO_RSA_IMPORT NULL
#else
#define CB_NO_RSA_IMPORT "PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_IMPORT not set"
#endif

#if defined(PSA_WANT_ALG_RSA_PKCS1V15_SIGN)
#define CB_NO_RSA_PKCS1 NULL
#else
#define CB_NO_RSA_PKCS1 "PSA_WANT_ALG_RSA_PKCS1V15_SIGN not set"
#endif

#if defined(PSA_WANT_ALG_RSA_PSS)
#define CB_NO_RSA_PSS NULL
#else
#define CB_NO_RSA_PSS "PSA_WANT_ALG_RSA_PSS not set"
#endif

#if defined(PSA_WANT_KEY_TYPE_AES)
#define CB_NO_AES NULL
#else
#define CB_NO_AES "PSA_WANT_KEY_TYPE_AES not set"
#endif

#if defined(PSA_WANT_ALG_GCM)
#define CB_NO_GCM NULL
#else
#define CB_NO_GCM "PSA_WANT_ALG_GCM not set"
#endif

#if defined(PSA_WANT_ALG_CCM)
#define CB_NO_CCM NULL
#else
#define CB_NO_CCM "PSA_WANT_ALG_CCM not set"
#endif

#if defined(PSA_WANT_KEY_TYPE_CHACHA20)
#define CB_NO_CHACHA20 NULL
#else
#define CB_NO_CHACHA20 "PSA_WANT_KEY_TYPE_CHACHA20 not set"
#endif

#if defined(PSA_WANT_ALG_CHACHA20_POLY1305)
#define CB_NO_CHACHAPOLY NULL
#else
#define CB_NO_CHACHAPOLY "PSA_WANT_ALG_CHACHA20_POLY1305 not set"
#endif

#if defined(PSA_WANT_ALG_SHA_256)
#define CB_NO_SHA256 NULL
#else
#define CB_NO_SHA256 "PSA_WANT_ALG_SHA_256 not set"
#endif

#if defined(PSA_WANT_ALG_SHA_384)
#define CB_NO_SHA384 NULL
#else
#define CB_NO_SHA384 "PSA_WANT_ALG_SHA_384 not set"
#endif

#if defined(PSA_WANT_ALG_SHA_512)
#define CB_NO_SHA512 NULL
#else
#define CB_NO_SHA512 "PSA_WANT_ALG_SHA_512 not set"
#endif

#if defined(PSA_WANT_ALG_HKDF)
#define CB_NO_HKDF NULL
#else
#define CB_NO_HKDF "PSA_WANT_ALG_HKDF not set"
#endif

#if defined(PSA_WANT_ALG_HKDF_EXTRACT)
#define CB_NO_HKDF_EXTRACT NULL
#else
#define CB_NO_HKDF_EXTRACT "PSA_WANT_ALG_HKDF_EXTRACT not set"
#endif

#if defined(PSA_WANT_ALG_HKDF_EXPAND)
#define CB_NO_HKDF_EXPAND NULL
#else
#define CB_NO_HKDF_EXPAND "PSA_WANT_ALG_HKDF_EXPAND not set"
#endif

/* AES-256 keys exist unless the build keeps AES to 128-bit keys. */
#if defined(MBEDTLS_AES_ONLY_128_BIT_KEY_LENGTH)
#define CB_NO_AES256 "MBEDTLS_AES_ONLY_128_BIT_KEY_LENGTH set"
#else
#define CB_NO_AES256 NULL
#endif

#endif /* CRYPTO_BENCH_NEEDS_H */
