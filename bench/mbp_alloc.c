/* Counting allocator for Mbed TLS's platform memory hooks: live and peak heap bytes, number of
 * allocations, and which functions held the heap at its peak.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE /* dladdr(), for the start of the executable's image */

#include "mbp_alloc.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform.h>

#if !defined(MBEDTLS_PLATFORM_MEMORY) || defined(MBEDTLS_PLATFORM_CALLOC_MACRO)
#error "mbp_alloc needs MBEDTLS_PLATFORM_MEMORY without a calloc macro: build with the overlay " \
       "configs/overlays/ram.h (MBEDTLS_USER_CONFIG_FILE)"
#endif

/* Live blocks are tracked in a table outside the heap (static storage), so that the counting
 * itself never shows in a heap profile and block sizes match what valgrind's massif sees.
 * Open addressing with linear probing, and deletion by shifting back the entries that follow
 * (no tombstones, so the table never fills up with freed entries). A handshake holds a few
 * hundred blocks at most; the table allows 16 times that at half load. */
#define ALLOC_TABLE_SIZE   (1u << 14) /* power of two */
#define ALLOC_TABLE_MASK   (ALLOC_TABLE_SIZE - 1)
#define ALLOC_CALLERS_SIZE 512

struct alloc_block {
    void *ptr; /* NULL: empty */
    size_t bytes;
    unsigned caller_index;
};

static struct alloc_block alloc_table[ALLOC_TABLE_SIZE];
static uintptr_t alloc_callers[ALLOC_CALLERS_SIZE];
static size_t alloc_callers_count;
static size_t alloc_caller_live_bytes[ALLOC_CALLERS_SIZE];
static size_t alloc_caller_live_blocks[ALLOC_CALLERS_SIZE];
static size_t alloc_caller_peak_bytes[ALLOC_CALLERS_SIZE];
static size_t alloc_caller_peak_blocks[ALLOC_CALLERS_SIZE];
static struct mbp_alloc_stats alloc_stats;

static size_t alloc_slot_of(const void *ptr)
{
    uintptr_t h = (uintptr_t)ptr >> 4;

    h ^= h >> 15;
    h *= 0x9E3779B1u;
    return (size_t)(h & (ALLOC_TABLE_SIZE - 1));
}

/* Index of the caller in alloc_callers, added when new; ALLOC_CALLERS_SIZE - 1 collects the
 * rest when the list is full (it then holds an address of 0: "other"). */
static unsigned alloc_caller_index(uintptr_t caller)
{
    size_t i;

    for (i = 0; i < alloc_callers_count; i++) {
        if (alloc_callers[i] == caller) {
            return (unsigned)i;
        }
    }
    if (alloc_callers_count == ALLOC_CALLERS_SIZE - 1) {
        return ALLOC_CALLERS_SIZE - 1;
    }
    alloc_callers[alloc_callers_count] = caller;
    return (unsigned)alloc_callers_count++;
}

/* Records a new block. Returns 0, or -1 when the table is too full to keep probing short. */
static int alloc_block_add(void *ptr, size_t bytes, uintptr_t caller)
{
    size_t slot = alloc_slot_of(ptr);
    unsigned index;

    if (alloc_stats.live_blocks >= ALLOC_TABLE_SIZE / 2) {
        return -1;
    }
    while (alloc_table[slot].ptr != NULL) {
        slot = (slot + 1) & ALLOC_TABLE_MASK;
    }
    index = alloc_caller_index(caller);
    alloc_table[slot].ptr = ptr;
    alloc_table[slot].bytes = bytes;
    alloc_table[slot].caller_index = index;
    alloc_caller_live_bytes[index] += bytes;
    alloc_caller_live_blocks[index]++;
    return 0;
}

static struct alloc_block *alloc_block_find(const void *ptr)
{
    size_t slot = alloc_slot_of(ptr);

    while (alloc_table[slot].ptr != NULL) {
        if (alloc_table[slot].ptr == ptr) {
            return &alloc_table[slot];
        }
        slot = (slot + 1) & ALLOC_TABLE_MASK;
    }
    return NULL;
}

/* Empties the entry at slot and moves back the entries of the same probe run that would
 * otherwise no longer be found from their home slot. */
static void alloc_block_remove(size_t slot)
{
    size_t next = slot;
    size_t home;

    for (;;) {
        alloc_table[slot].ptr = NULL;
        for (;;) {
            next = (next + 1) & ALLOC_TABLE_MASK;
            if (alloc_table[next].ptr == NULL) {
                return;
            }
            home = alloc_slot_of(alloc_table[next].ptr);
            /* Stays when its home lies cyclically in (slot, next]. */
            if (((next - home) & ALLOC_TABLE_MASK) >= ((next - slot) & ALLOC_TABLE_MASK)) {
                break;
            }
        }
        alloc_table[slot] = alloc_table[next];
        slot = next;
    }
}

/* Keeps the per-caller picture of the moment the heap was at its peak. */
static void alloc_peak_update(void)
{
    if (alloc_stats.live_bytes <= alloc_stats.peak_bytes) {
        return;
    }
    alloc_stats.peak_bytes = alloc_stats.live_bytes;
    memcpy(alloc_caller_peak_bytes, alloc_caller_live_bytes, sizeof(alloc_caller_peak_bytes));
    memcpy(alloc_caller_peak_blocks, alloc_caller_live_blocks, sizeof(alloc_caller_peak_blocks));
}

static void *alloc_calloc(size_t count, size_t size)
{
    uintptr_t caller = (uintptr_t)__builtin_return_address(0);
    size_t bytes = count * size;
    void *ptr;

    if (size != 0 && bytes / size != count) {
        alloc_stats.failures++;
        return NULL;
    }
    ptr = calloc(count, size);
    if (ptr == NULL) {
        alloc_stats.failures++;
        return NULL;
    }
    if (alloc_block_add(ptr, bytes, caller) != 0) {
        free(ptr);
        alloc_stats.failures++;
        return NULL;
    }
    alloc_stats.live_bytes += bytes;
    alloc_stats.live_blocks++;
    alloc_stats.allocs++;
    alloc_stats.alloc_bytes += bytes;
    if (bytes > alloc_stats.largest_bytes) {
        alloc_stats.largest_bytes = bytes;
    }
    alloc_peak_update();
    return ptr;
}

static void alloc_free(void *ptr)
{
    struct alloc_block *block;

    if (ptr == NULL) {
        return;
    }
    block = alloc_block_find(ptr);
    if (block == NULL) {
        alloc_stats.unknown_frees++;
        free(ptr);
        return;
    }
    alloc_stats.live_bytes -= block->bytes;
    alloc_stats.live_blocks--;
    alloc_caller_live_bytes[block->caller_index] -= block->bytes;
    alloc_caller_live_blocks[block->caller_index]--;
    alloc_block_remove((size_t)(block - alloc_table));
    free(ptr);
}

int mbp_alloc_install(void)
{
    memset(&alloc_stats, 0, sizeof(alloc_stats));
    return mbedtls_platform_set_calloc_free(alloc_calloc, alloc_free) == 0 ? 0 : -1;
}

void mbp_alloc_window_begin(void)
{
    alloc_stats.start_bytes = alloc_stats.live_bytes;
    alloc_stats.peak_bytes = 0; /* so that the update below copies the current picture */
    alloc_stats.allocs = 0;
    alloc_stats.alloc_bytes = 0;
    alloc_stats.largest_bytes = 0;
    alloc_stats.failures = 0;
    alloc_stats.unknown_frees = 0;
    memset(alloc_caller_peak_bytes, 0, sizeof(alloc_caller_peak_bytes));
    memset(alloc_caller_peak_blocks, 0, sizeof(alloc_caller_peak_blocks));
    alloc_peak_update();
}

void mbp_alloc_stats_get(struct mbp_alloc_stats *stats)
{
    *stats = alloc_stats;
}

/* Start of the executable's image in memory: caller offsets are relative to it. */
static uintptr_t alloc_image_base(void)
{
    Dl_info info;

    if (dladdr((void *)(uintptr_t)alloc_caller_index, &info) == 0) {
        return 0;
    }
    return (uintptr_t)info.dli_fbase;
}

/* Inserts entry into callers[0..*count) kept sorted by peak_bytes, largest first. */
static void alloc_caller_insert(struct mbp_alloc_caller *callers, size_t size, size_t *count,
                                const struct mbp_alloc_caller *entry)
{
    size_t i = *count < size ? (*count)++ : size;

    while (i > 0 && callers[i - 1].peak_bytes < entry->peak_bytes) {
        if (i < size) {
            callers[i] = callers[i - 1];
        }
        i--;
    }
    if (i < size) {
        callers[i] = *entry;
    }
}

size_t mbp_alloc_peak_callers(struct mbp_alloc_caller *callers, size_t size)
{
    uintptr_t base = alloc_image_base();
    struct mbp_alloc_caller entry;
    size_t count = 0;
    size_t i;

    for (i = 0; i < ALLOC_CALLERS_SIZE; i++) {
        if (alloc_caller_peak_bytes[i] == 0) {
            continue;
        }
        entry.caller = alloc_callers[i] != 0 ? alloc_callers[i] - base : 0;
        entry.peak_bytes = alloc_caller_peak_bytes[i];
        entry.peak_blocks = alloc_caller_peak_blocks[i];
        alloc_caller_insert(callers, size, &count, &entry);
    }
    return count;
}
