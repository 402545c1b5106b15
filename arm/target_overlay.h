/* Bare-metal Cortex-M overlay on top of an unmodified profile (MBEDTLS_USER_CONFIG_FILE).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mbed TLS reads this file right after the profile's mbedtls_config.h, so it can only take away
 * what a microcontroller without an operating system cannot have, and name the hooks that the
 * board's port provides instead (arm/mbp_port.h). Nothing here changes the protocol, the
 * algorithms or the checks a profile chose: an image keeps every security property of the
 * profile it was built from.
 *
 * Taken away (only the default profile has these):
 *   - MBEDTLS_NET_C: BSD sockets. The client reads and writes through mbp_port_send and
 *     mbp_port_recv, which the port binds to its network stack or UART.
 *   - MBEDTLS_TIMING_C: Unix and Windows timers; timing.c refuses other platforms.
 *   - MBEDTLS_FS_IO, MBEDTLS_PSA_ITS_FILE_C, MBEDTLS_PSA_CRYPTO_STORAGE_C: files and persistent
 *     PSA keys in files. A TLS client needs neither; a device that keeps keys provides its own
 *     internal trusted storage.
 * x86 instructions (MBEDTLS_AESNI_C, MBEDTLS_PADLOCK_C) and Armv8-A ones (MBEDTLS_AESCE_C) stay
 * defined: their modules test the architecture and compile to nothing on Cortex-M.
 *
 * Replaced by port hooks:
 *   - Entropy: the operating system's random source (getrandom, /dev/urandom) becomes the
 *     board's true random number generator through mbedtls_hardware_poll().
 *   - Wall-clock time, which certificate validity checks need (MBEDTLS_HAVE_TIME_DATE stays on):
 *     time() comes from the port (its real-time clock), and the conversion to a calendar date is
 *     mbedtls_platform_gmtime_r() in arm/port_time.c, which refuses an unknown time so that no
 *     certificate passes the date check on a board whose clock is not set.
 *   - Monotonic milliseconds (TLS 1.3 ticket age): mbedtls_ms_time() from the port. Mbed TLS only
 *     lets a platform replace it with MBEDTLS_PLATFORM_C, so this overlay turns that module on;
 *     with no other platform option set it only maps calloc/free/snprintf to the C library.
 */
#ifndef MBP_TARGET_OVERLAY_H
#define MBP_TARGET_OVERLAY_H

#undef MBEDTLS_NET_C
#undef MBEDTLS_TIMING_C
#undef MBEDTLS_FS_IO
#undef MBEDTLS_PSA_ITS_FILE_C
#undef MBEDTLS_PSA_CRYPTO_STORAGE_C

#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT

#if defined(MBEDTLS_HAVE_TIME)
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MS_TIME_ALT
#endif
#if defined(MBEDTLS_HAVE_TIME_DATE)
#define MBEDTLS_PLATFORM_GMTIME_R_ALT
#endif

/* A measurement may add options of its own on top (scripts/build-arm.sh --overlay FILE), for
 * example the files in arm/reductions/; never used by a normal build. */
#if defined(MBP_TARGET_EXTRA_OVERLAY)
#include MBP_TARGET_EXTRA_OVERLAY
#endif

#endif /* MBP_TARGET_OVERLAY_H */
