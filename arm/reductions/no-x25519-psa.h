/* PSA part of p256-group.h and p256-group-p256m.h: no X25519.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 */
#undef PSA_WANT_ECC_MONTGOMERY_255
