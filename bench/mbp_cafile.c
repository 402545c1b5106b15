/* Reads a CA certificate file for the benchmarks, in the form mbedtls_x509_crt_parse() wants.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L

#include "mbp_cafile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Reads exactly size bytes of file into a new buffer with one spare byte. Returns it or NULL. */
static unsigned char *cafile_contents_read(FILE *file, size_t size)
{
    unsigned char *buf = malloc(size + 1);

    if (buf == NULL) {
        return NULL;
    }
    if (fread(buf, 1, size, file) != size) {
        free(buf);
        return NULL;
    }
    buf[size] = '\0';
    return buf;
}

int mbp_cafile_read(const char *path, unsigned char **buf, size_t *len, char *error,
                    size_t error_size)
{
    FILE *file = fopen(path, "rb");
    struct stat st;
    size_t size;

    *buf = NULL;
    if (file == NULL || fstat(fileno(file), &st) != 0) {
        snprintf(error, error_size, "%s: %s", path, strerror(errno));
        if (file != NULL) {
            fclose(file);
        }
        return -1;
    }
    if (!S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > MBP_CAFILE_SIZE_LIMIT) {
        snprintf(error, error_size, "%s: not a regular file of 1 to %d bytes", path,
                 MBP_CAFILE_SIZE_LIMIT);
        fclose(file);
        return -1;
    }
    size = (size_t)st.st_size;
    *buf = cafile_contents_read(file, size);
    fclose(file);
    if (*buf == NULL) {
        snprintf(error, error_size, "%s: could not read %zu bytes", path, size);
        return -1;
    }
    *len = strstr((char *)*buf, "-----BEGIN ") != NULL ? size + 1 : size;
    return 0;
}
