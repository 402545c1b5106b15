/* Flash reduction to measure: P-256 for the key exchange instead of X25519, built-in ECP.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * The profile keeps P-256 for the server's ECDSA signature anyway; using the same curve for the
 * ECDHE key share lets the X25519 code go. secp256r1 is the group every TLS 1.3 server must
 * implement (RFC 8446 section 9.1; X25519 is a SHOULD), and both give about 128-bit security.
 * The profile would then no longer be "x25519"-min: a choice for the lead, measured here.
 * Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#undef MBP_PROFILE_GROUPS
#define MBP_PROFILE_GROUPS MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1
/* PSA mechanisms are read after this file: drop X25519 there (file beside this one). */
#define MBEDTLS_PSA_CRYPTO_USER_CONFIG_FILE "no-x25519-psa.h"
