/* Results files of the benchmarks that appear whole or not at all.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L

#include "mbp_outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mbp_outfile_open(struct mbp_outfile *out, const char *path, const char *program)
{
    struct stat st;
    size_t size;

    out->file = NULL;
    out->path = path;
    out->tmp_path = NULL;
    if (path == NULL) {
        return 0;
    }
    /* The rename at the end would fail on a directory: said now, before the run. */
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: cannot write %s: it is a directory\n%s: fix: name a file\n", program,
                path, program);
        return -1;
    }
    size = strlen(path) + sizeof(".tmp.") + 20;
    out->tmp_path = malloc(size);
    if (out->tmp_path == NULL) {
        fprintf(stderr, "%s: %s: out of memory\n", program, path);
        return -1;
    }
    snprintf(out->tmp_path, size, "%s.tmp.%ld", path, (long)getpid());
    out->file = fopen(out->tmp_path, "w");
    if (out->file == NULL) {
        fprintf(stderr,
                "%s: cannot write %s: %s\n%s: fix: name a file in a directory you can write\n",
                program, path, strerror(errno), program);
        return -1;
    }
    return 0;
}

int mbp_outfile_close(struct mbp_outfile *out, int keep, const char *program)
{
    int written;
    int ret = 0;

    if (out->file == NULL) {
        free(out->tmp_path);
        out->tmp_path = NULL;
        return 0;
    }
    written = !ferror(out->file);
    if (fclose(out->file) != 0) {
        written = 0;
    }
    out->file = NULL;
    if (!written) {
        fprintf(stderr, "%s: writing %s failed; it is left as it was\n", program, out->path);
        ret = -1;
    } else if (keep && rename(out->tmp_path, out->path) != 0) {
        fprintf(stderr, "%s: cannot replace %s: %s\n", program, out->path, strerror(errno));
        ret = -1;
    }
    if (!keep || ret != 0) {
        remove(out->tmp_path);
    }
    free(out->tmp_path);
    out->tmp_path = NULL;
    return ret;
}
