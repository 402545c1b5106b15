/* Flash reduction to measure: AES encryption only (GCM never decrypts a block).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * GCM uses the block cipher in the forward direction both ways, so without CBC, ECB, XTS or
 * DES the AES decryption code and its tables are dead weight; MBEDTLS_BLOCK_CIPHER_NO_DECRYPT
 * removes them. The three curated profiles now define it; this overlay measures it on the
 * default profile, or on a profile of your own. Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#define MBEDTLS_BLOCK_CIPHER_NO_DECRYPT
