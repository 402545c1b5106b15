/* Every flash reduction of this directory that keeps 128-bit security, together.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * same-wire.h plus P-256 instead of X25519 through p256-m (p256-group-p256m.h). The AES tables
 * in flash (aes-rom-fewer-tables.h) are left out: they save RAM and cost flash.
 * Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#include "same-wire.h"
#include "p256-group-p256m.h"
