/* Flash reduction to measure: P-256 for key exchange and signatures, all through p256-m.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * p256-m (3rdparty/p256-m, shipped with Mbed TLS) does ECDH and ECDSA on P-256 only, in constant
 * time, in a few KiB. Mbed TLS 3.6 accepts it in a TLS build only when it covers every curve
 * ("partial curve acceleration" is refused by check_config.h), so with X25519 kept it cannot be
 * used; with P-256 as the key-exchange group too (p256-group.h) the built-in ECP and bignum code
 * go entirely. Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#include "p256-group.h"
#define MBEDTLS_PSA_P256M_DRIVER_ENABLED
