/* Benchmark-only overlay, read after a profile's configuration (MBEDTLS_USER_CONFIG_FILE): Mbed
 * TLS allocates through the platform memory hooks, so that bench/mbp_alloc.c can count every
 * byte of heap a handshake uses. Never part of a shipped profile: a device that does not count
 * its heap does not need the hooks.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * The hooks cost one indirect call per allocation and change no buffer size, no algorithm and
 * no code path of the library: the heap figures are those of the profile as shipped.
 */
#ifndef MBP_OVERLAY_RAM_H
#define MBP_OVERLAY_RAM_H

#if !defined(MBEDTLS_PLATFORM_C)
#define MBEDTLS_PLATFORM_C
#endif
#define MBEDTLS_PLATFORM_MEMORY

#if defined(MBEDTLS_PLATFORM_CALLOC_MACRO) || defined(MBEDTLS_PLATFORM_FREE_MACRO) || \
    defined(MBEDTLS_PLATFORM_STD_CALLOC) || defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#error "overlay ram.h: the profile fixes its allocator already; the counting hooks cannot be set"
#endif

#endif /* MBP_OVERLAY_RAM_H */
