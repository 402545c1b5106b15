/* Stack high-water mark: runs a function on a thread whose stack is a mapping of known size,
 * paints the unused part of it and finds the deepest byte that was written since.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_STACK */

#include "mbp_stack.h"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#define STACK_PATTERN 0xA55AC33Cu
/* Left unpainted just below the frame of mbp_stack_paint(): its own locals and the red zone
 * of the x86-64 ABI (128 bytes) live there while it paints. */
#define STACK_PAINT_MARGIN 512

int mbp_stack_thread_run(struct mbp_stack *stack, size_t size_bytes, void *(*fn)(void *), void *arg)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t usable = (size_bytes + page - 1) / page * page;
    pthread_attr_t attr;
    pthread_t thread;
    unsigned char *map;
    int ret = -1;

    map = mmap(NULL, usable + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
               -1, 0);
    if (map == MAP_FAILED) {
        return -1;
    }
    stack->low = map + page;
    stack->size_bytes = usable;
    stack->mark = 0;
    if (mprotect(map, page, PROT_NONE) != 0 || pthread_attr_init(&attr) != 0) {
        munmap(map, usable + page);
        return -1;
    }
    if (pthread_attr_setstack(&attr, stack->low, usable) == 0 &&
        pthread_create(&thread, &attr, fn, arg) == 0) {
        ret = pthread_join(thread, NULL) == 0 ? 0 : -1;
    }
    pthread_attr_destroy(&attr);
    munmap(map, usable + page);
    return ret;
}

/* Not inlined, so that its frame sits right below the caller's and the mark is the caller's
 * stack position (within the size of this small frame). */
__attribute__((noinline)) void mbp_stack_paint(struct mbp_stack *stack)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    volatile uint32_t *word = (volatile uint32_t *)(void *)stack->low;
    uintptr_t end = (here - STACK_PAINT_MARGIN) & ~(uintptr_t)3;

    stack->mark = here;
    while ((uintptr_t)word < end) {
        *word++ = STACK_PATTERN;
    }
}

size_t mbp_stack_used_bytes(const struct mbp_stack *stack)
{
    const volatile uint32_t *word = (const volatile uint32_t *)(const void *)stack->low;
    uintptr_t end = (stack->mark - STACK_PAINT_MARGIN) & ~(uintptr_t)3;

    if (*word != STACK_PATTERN) {
        return SIZE_MAX;
    }
    while ((uintptr_t)word < end && *word == STACK_PATTERN) {
        word++;
    }
    return (size_t)(stack->mark - (uintptr_t)word);
}
