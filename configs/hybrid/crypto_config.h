/* PSA crypto mechanisms of profile hybrid (see mbedtls_config.h beside this file).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Those of tls13-psa plus the TLS 1.2 PRF (RFC 5246 section 5) with SHA-256 and SHA-384.
 * No CBC, no SHA-1/MD5, no FFDH, no RSA key generation or decryption (no static RSA).
 */
#ifndef MBP_PROFILE_HYBRID_CRYPTO_CONFIG_H
#define MBP_PROFILE_HYBRID_CRYPTO_CONFIG_H

#define PSA_WANT_ALG_SHA_256                    1
#define PSA_WANT_ALG_SHA_384                    1
#define PSA_WANT_ALG_HMAC                       1
#define PSA_WANT_ALG_HKDF_EXTRACT               1
#define PSA_WANT_ALG_HKDF_EXPAND                1
#define PSA_WANT_ALG_TLS12_PRF                  1
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

#endif /* MBP_PROFILE_HYBRID_CRYPTO_CONFIG_H */
