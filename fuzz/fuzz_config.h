/* What the fuzz build of each profile adds to the profile's configuration (read through
 * MBEDTLS_USER_CONFIG_FILE, after the profile's mbedtls_config.h); fuzz/fuzz_client.c supplies
 * the two functions these options hand over to the application.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * All serve determinism, so that a flight recorded from a real server replays as the same
 * handshakes and a crashing input crashes again:
 *   - MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG: PSA's random generator is the harness's, restarted for
 *     every input (same client random, session id and key shares every time);
 *   - MBEDTLS_PLATFORM_MS_TIME_ALT: the millisecond clock is the harness's, frozen, so a TLS
 *     1.3 ticket's obfuscated age, which goes into the resumed ClientHello and so into the
 *     handshake transcript, is the same on every run;
 *   - MBEDTLS_PLATFORM_TIME_ALT: the seconds clock is the harness's, frozen one day after the
 *     first trusted CA's notBefore, so certificate validity does not change with the date
 *     and the gmt_unix_time of a resumed TLS 1.2 ClientHello is always the same.
 * The two clocks need MBEDTLS_PLATFORM_C.
 */
#ifndef MBP_FUZZ_CONFIG_H
#define MBP_FUZZ_CONFIG_H

#define MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG
#if !defined(MBEDTLS_PLATFORM_C)
#define MBEDTLS_PLATFORM_C
#endif
#define MBEDTLS_PLATFORM_MS_TIME_ALT
#define MBEDTLS_PLATFORM_TIME_ALT

#endif /* MBP_FUZZ_CONFIG_H */
