/* Speed against flash to measure: P-256 without the NIST fast reduction.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * MBEDTLS_ECP_NIST_OPTIM adds the special reduction modulo the P-256 prime; without it the
 * generic one is used: the same results, a slower signature check. Has no effect together with
 * p256-group-p256m.h, which does not use the built-in P-256 at all. Use: scripts/build-arm.sh
 * --overlay THIS_FILE.
 */
#undef MBEDTLS_ECP_NIST_OPTIM
