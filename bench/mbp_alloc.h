/* Counting allocator for Mbed TLS's platform memory hooks: live and peak heap bytes, number of
 * allocations, and which functions held the heap at its peak.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_ALLOC_H
#define MBP_ALLOC_H

#include <stddef.h>
#include <stdint.h>

/* Counters since the last mbp_alloc_window_begin(); sizes are the bytes Mbed TLS asked for
 * (count * size of each mbedtls_calloc), without the C library's own overhead per block. */
struct mbp_alloc_stats {
    size_t start_bytes;   /* held when the window began */
    size_t live_bytes;    /* held now */
    size_t live_blocks;   /* blocks held now */
    size_t peak_bytes;    /* most bytes held at once in the window (at least live at its start) */
    size_t allocs;        /* successful mbedtls_calloc calls in the window */
    size_t alloc_bytes;   /* bytes they asked for, summed */
    size_t largest_bytes; /* largest single allocation in the window */
    size_t failures;      /* calls refused by the C library or the tracking table */
    size_t unknown_frees; /* mbedtls_free of a pointer this allocator never returned */
};

/* Bytes held at the window's peak by the blocks one function allocated. caller is the return
 * address of its mbedtls_calloc call, as an offset from the start of the executable's image,
 * so that `nm` or `addr2line` on the executable name the function. */
struct mbp_alloc_caller {
    uintptr_t caller;
    size_t peak_bytes;
    size_t peak_blocks;
};

/* Installs the counting functions with mbedtls_platform_set_calloc_free(). Call it before any
 * other Mbed TLS or PSA function. Single-threaded: only one thread may use Mbed TLS at a time.
 * Returns 0, or -1 when the hooks could not be set. */
int mbp_alloc_install(void);

/* Starts a window: zeroes the counters of the window, sets the peak to what is held now. */
void mbp_alloc_window_begin(void);

/* Copies the counters of the current window. */
void mbp_alloc_stats_get(struct mbp_alloc_stats *stats);

/* Fills callers (capacity size) with the functions that held memory at the window's peak, the
 * largest first, and returns how many there are (at most size). */
size_t mbp_alloc_peak_callers(struct mbp_alloc_caller *callers, size_t size);

#endif /* MBP_ALLOC_H */
