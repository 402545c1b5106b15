/* Pieces of the Cortex-M image shared between its files: the embedded trust anchor.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_IMAGE_H
#define MBP_IMAGE_H

#include <stddef.h>

/* The CA certificate the client trusts, DER (arm/device_ca.c). */
extern const unsigned char mbp_image_ca_der[];
extern const size_t mbp_image_ca_der_len;

#endif /* MBP_IMAGE_H */
