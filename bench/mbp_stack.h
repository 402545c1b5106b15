/* Stack high-water mark: runs a function on a thread whose stack is a mapping of known size,
 * paints the unused part of it and finds the deepest byte that was written since.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_STACK_H
#define MBP_STACK_H

#include <stddef.h>
#include <stdint.h>

/* The stack of a thread made by mbp_stack_thread_run(). */
struct mbp_stack {
    unsigned char *low; /* lowest usable address (above the guard page) */
    size_t size_bytes;  /* usable size, the thread's own start-up data at its top included */
    uintptr_t mark;     /* where mbp_stack_paint() was called from, 0 before */
};

/* Starts fn(arg) on a new thread with a stack of size_bytes (rounded up to pages) mapped for
 * it, under a guard page, waits for it to end and unmaps the stack. fn finds the stack in
 * stack. The mapping is not heap, so heap profilers never count it. Returns 0, or -1 when the
 * stack or the thread could not be made. */
int mbp_stack_thread_run(struct mbp_stack *stack, size_t size_bytes, void *(*fn)(void *),
                         void *arg);

/* On the thread of mbp_stack_thread_run(): fills the stack below the caller's frame with a
 * pattern and remembers the caller's position. Call it right before the code to measure, from
 * the same function that then calls that code. */
void mbp_stack_paint(struct mbp_stack *stack);

/* Bytes of stack used below the mark since mbp_stack_paint(): from the mark to the deepest
 * word that no longer holds the pattern. A word the code happened to write with the pattern
 * itself is not seen, so the figure can be short by a few bytes. Returns SIZE_MAX when even
 * the lowest word was overwritten (the stack was too small to tell). */
size_t mbp_stack_used_bytes(const struct mbp_stack *stack);

#endif /* MBP_STACK_H */
