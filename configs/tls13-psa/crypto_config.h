/* PSA crypto mechanisms of profile tls13-psa (see mbedtls_config.h beside this file).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Exactly what TLS 1.3 with the groups, signatures and suites of the profile needs: the key
 * schedule (HKDF with SHA-256 and SHA-384, RFC 8446 section 7.1), the three AEAD suites, ECDH
 * on three curves with ephemeral key generation, ECDSA and RSA signature verification.
 * No RSA key generation, no CBC/CTR/CCM, no SHA-1/MD5, no FFDH.
 */
#ifndef MBP_PROFILE_TLS13_PSA_CRYPTO_CONFIG_H
#define MBP_PROFILE_TLS13_PSA_CRYPTO_CONFIG_H

#define PSA_WANT_ALG_SHA_256                    1
#define PSA_WANT_ALG_SHA_384                    1
#define PSA_WANT_ALG_HMAC                       1
#define PSA_WANT_ALG_HKDF_EXTRACT               1
#define PSA_WANT_ALG_HKDF_EXPAND                1
#define PSA_WANT_KEY_TYPE_HMAC                  1
#define PSA_WANT_KEY_TYPE_DERIVE                1

#define PSA_WANT_ALG_GCM                        1
#define PSA_WANT_ALG_CHACHA20_POLY1305          1
#define PSA_WANT_KEY_TYPE_AES                   1
#define PSA_WANT_KEY_TYPE_CHACHA20              1

#define PSA_WANT_ALG_ECDH                       1
#define PSA_WANT_ALG_ECDSA                      1
#define PSA_WANT_ECC_MONTGOMERY_255             1
#define PSA_WANT_ECC_SECP_R1_256                1
#define PSA_WANT_ECC_SECP_R1_384                1
#define PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY        1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_BASIC    1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_IMPORT   1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_EXPORT   1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE 1

#define PSA_WANT_ALG_RSA_PKCS1V15_SIGN          1
#define PSA_WANT_ALG_RSA_PSS                    1
#define PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY        1

/* Last: the project's checks see both configuration files as the profile wrote them. */
#include "../common/profile_check.h"

#endif /* MBP_PROFILE_TLS13_PSA_CRYPTO_CONFIG_H */
