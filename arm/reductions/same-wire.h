/* The flash reductions that change nothing a peer can see, together.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * The smaller SHA-256, no PEM (DER CA), AES encryption only: same group (X25519), same suite,
 * same checks. Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#include "sha256-smaller.h"
#include "no-pem.h"
#include "aes-no-decrypt.h"
