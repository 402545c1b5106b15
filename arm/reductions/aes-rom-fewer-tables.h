/* RAM against flash to measure: AES tables in flash, one table instead of four.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Without these, AES builds 8 KiB of tables in RAM (bss) at first use. MBEDTLS_AES_ROM_TABLES
 * keeps them in flash instead, and MBEDTLS_AES_FEWER_TABLES keeps one table of each direction
 * (rotating it at run time), so the cost moves to about 2 KiB of flash and no RAM. Use:
 * scripts/build-arm.sh --overlay THIS_FILE.
 */
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES
