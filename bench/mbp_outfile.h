/* Results files of the benchmarks that appear whole or not at all.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_OUTFILE_H
#define MBP_OUTFILE_H

#include <stdio.h>

/* One results file. Its rows go to a temporary file next to path; only a run that wrote them
 * all renames it over path, so a failed run leaves whatever path held before. */
struct mbp_outfile {
    FILE *file;       /* NULL when no file was asked for */
    const char *path; /* the file as the user named it */
    char *tmp_path;   /* path.tmp.PID, from malloc() */
};

/* Opens the temporary file of path; a NULL path asks for no file, and out->file stays NULL.
 * Returns 0, or -1 with the file and the cause on stderr, after "program: ". */
int mbp_outfile_open(struct mbp_outfile *out, const char *path, const char *program);

/* Ends the file. With keep set, and when every write succeeded, renames it over path;
 * otherwise removes it. Returns 0 (also for no file, or for keep unset), or -1 with the cause
 * on stderr. Call it once for every mbp_outfile_open(), whatever that returned. */
int mbp_outfile_close(struct mbp_outfile *out, int keep, const char *program);

#endif /* MBP_OUTFILE_H */
