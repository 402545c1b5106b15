/* PSA crypto mechanisms of profile x25519-min (see mbedtls_config.h beside this file).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * The TLS 1.3 key schedule with SHA-256 only (RFC 8446 section 7.1), AES-128-GCM, X25519 key
 * agreement with ephemeral key generation, ECDSA on secp256r1 for the server's signatures.
 */
#ifndef MBP_PROFILE_X25519_MIN_CRYPTO_CONFIG_H
#define MBP_PROFILE_X25519_MIN_CRYPTO_CONFIG_H

#define PSA_WANT_ALG_SHA_256                    1
#define PSA_WANT_ALG_HMAC                       1
#define PSA_WANT_ALG_HKDF_EXTRACT               1
#define PSA_WANT_ALG_HKDF_EXPAND                1
#define PSA_WANT_KEY_TYPE_HMAC                  1
#define PSA_WANT_KEY_TYPE_DERIVE                1

#define PSA_WANT_ALG_GCM                        1
#define PSA_WANT_KEY_TYPE_AES                   1

#define PSA_WANT_ALG_ECDH                       1
#define PSA_WANT_ALG_ECDSA                      1
#define PSA_WANT_ECC_MONTGOMERY_255             1
#define PSA_WANT_ECC_SECP_R1_256                1
#define PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY        1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_BASIC    1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE 1

/* Last: the project's checks see both configuration files as the profile wrote them. */
#include "../common/profile_check.h"

#endif /* MBP_PROFILE_X25519_MIN_CRYPTO_CONFIG_H */
