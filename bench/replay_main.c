/* mbp-replay: a recorded server flight replayed through the client core, for instruction counts
 * that do not depend on random values. Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * usage: mbp-replay FILE [COUNT]
 *        MBP_FUZZ_RECORD_PORT=N MBP_FUZZ_RECORD_OUT=FILE mbp-replay   (records FILE)
 *        mbp-replay --info   (prints profile=NAME and mbedtls_version=V lines)
 *
 * The replay itself is the fuzz harness's (fuzz/fuzz_client.c), built here without libFuzzer
 * and without sanitizers, at the profile's usual optimisation, against the profile's library
 * with fuzz/fuzz_config.h on top: a fixed random generator and frozen clocks. Each of COUNT
 * replays (default 1) runs the full handshake, GET / and close_notify, then the resumed
 * handshake when the recording holds one, exactly as recorded, so every replay executes the
 * same instructions. bench/instructions.sh --method replay counts them under callgrind.
 * With MBP_FUZZ_VERBOSE=1 every replay prints its outcome on stderr. Exit status 0, or 1 when
 * FILE cannot be read or COUNT is not a positive number.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/build_info.h>

#define MBP_REPLAY_SIZE_MAX (1024 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads the whole of path into a new buffer. Returns it, or NULL. */
static uint8_t *mbp_replay_load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;

    if (f == NULL) {
        return NULL;
    }
    buf = malloc(MBP_REPLAY_SIZE_MAX);
    if (buf != NULL) {
        *len = fread(buf, 1, MBP_REPLAY_SIZE_MAX, f);
        if (ferror(f) || *len == 0 || *len == MBP_REPLAY_SIZE_MAX) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    uint8_t *flight;
    size_t flight_len = 0;
    long count = 1, i;
    char *end;

    if (argc == 2 && strcmp(argv[1], "--info") == 0) {
        printf("profile=%s\nmbedtls_version=%s\n", MBP_PROFILE_NAME, MBEDTLS_VERSION_STRING);
        return 0;
    }
    /* Records and exits when MBP_FUZZ_RECORD_PORT and MBP_FUZZ_RECORD_OUT are set. */
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: mbp-replay FILE [COUNT]\n");
        return 1;
    }
    if (argc == 3) {
        count = strtol(argv[2], &end, 10);
        if (*end != '\0' || count < 1) {
            fprintf(stderr, "mbp-replay: COUNT must be a positive number, not '%s'\n", argv[2]);
            return 1;
        }
    }
    flight = mbp_replay_load(argv[1], &flight_len);
    if (flight == NULL) {
        fprintf(stderr,
                "mbp-replay: cannot read a recording from '%s' (missing, empty or over "
                "1 MiB); record one with MBP_FUZZ_RECORD_PORT and MBP_FUZZ_RECORD_OUT\n",
                argv[1]);
        return 1;
    }
    for (i = 0; i < count; i++) {
        LLVMFuzzerTestOneInput(flight, flight_len);
    }
    free(flight);
    return 0;
}
