/* Pieces of the Cortex-M image shared between its files: the embedded trust anchor, and the
 * RAM high-water marks kept by the start-up code.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_IMAGE_H
#define MBP_IMAGE_H

#include <stddef.h>

/* The CA certificate the client trusts, DER (arm/device_ca.c). */
extern const unsigned char mbp_image_ca_der[];
extern const size_t mbp_image_ca_der_len;

/* Bytes of the heap region (between bss and the stack) that newlib's malloc() has taken
 * through _sbrk since reset, at most: its blocks, their headers and any fragmentation
 * (arm/startup.c). */
size_t mbp_image_heap_peak_bytes(void);

/* Deepest use of the stack since reset, in bytes from its top, read from the stack painted at
 * reset; the reset handler's and main()'s own frames are included (arm/startup.c). */
size_t mbp_image_stack_peak_bytes(void);

/* Bytes reserved for the stack (arm/cortex-m.ld, __stack_size). */
size_t mbp_image_stack_size_bytes(void);

#endif /* MBP_IMAGE_H */
