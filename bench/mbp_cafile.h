/* Reads a CA certificate file for the benchmarks, in the form mbedtls_x509_crt_parse() wants.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_CAFILE_H
#define MBP_CAFILE_H

#include <stddef.h>

/* Largest CA file accepted, bytes. */
#define MBP_CAFILE_SIZE_LIMIT (1024 * 1024)

/* Reads path whole into a buffer of exactly its size plus one byte (so that a heap profile of
 * the caller sees no spare capacity), from malloc(); the caller frees *buf. A PEM file gets a
 * terminating NUL counted in *len; DER is passed as it is. Returns 0, or -1 with a message
 * naming the file and the cause in error (error_size bytes, NUL-terminated). */
int mbp_cafile_read(const char *path, unsigned char **buf, size_t *len, char *error,
                    size_t error_size);

#endif /* MBP_CAFILE_H */
