/* Sizes of the TLS contexts on the target, for scripts/build-arm.sh to read without running it.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Compiled with the same profile, overlay and flags as the image, never linked into it: each
 * array is exactly as large as the type it names, and `arm-none-eabi-nm -S` reads the sizes
 * from the object file.
 */
#include <mbedtls/ssl.h>

#include "mbp_client.h"

char mbp_sizeof_ssl_context[sizeof(mbedtls_ssl_context)];
char mbp_sizeof_ssl_config[sizeof(mbedtls_ssl_config)];
char mbp_sizeof_ssl_session[sizeof(mbedtls_ssl_session)];
char mbp_sizeof_x509_crt[sizeof(mbedtls_x509_crt)];
/* The image's whole client: the four above plus what the project's core keeps beside them. */
char mbp_sizeof_mbp_client[sizeof(struct mbp_client)];
