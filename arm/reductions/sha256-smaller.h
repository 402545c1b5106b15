/* Flash reduction to measure: the smaller, slower SHA-256 compression function.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * MBEDTLS_SHA256_SMALLER rolls up the 64 rounds; same output, about a third of the speed of
 * hashing on a Cortex-M. Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#define MBEDTLS_SHA256_SMALLER
