/* Start-up code of the Cortex-M image: vector table, reset handler, heap for malloc(), and the
 * heap and stack high-water marks.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Written for every Cortex-M profile (Armv6-M, Armv7-M, Armv8-M Mainline): only the 16 entries
 * of the architecture's own exceptions are here. A chip's interrupt vectors follow them in its
 * vendor's table; the image uses no interrupt, so a port adds them only for its drivers. The
 * symbols come from arm/cortex-m.ld.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "mbp_image.h"

typedef void (*mbp_startup_handler_t)(void);

extern uint32_t __data_load[];
extern uint32_t __data_start[];
extern uint32_t __data_end[];
extern uint32_t __bss_start[];
extern uint32_t __bss_end[];
extern char __heap_start[];
extern char __heap_end[];
extern char __stack_top[];

int main(void);
void mbp_startup_reset(void);
void *_sbrk(ptrdiff_t increment);

/* Every exception but reset stops here, where a debugger shows it. */
static void mbp_startup_fault(void)
{
    for (;;) {
    }
}

/* Entry 0 is the initial stack pointer, entry 1 the reset handler; 7-10 and 13 are reserved. */
static const mbp_startup_handler_t mbp_startup_vectors[16]
    __attribute__((used, section(".vectors"))) = {
        (mbp_startup_handler_t)__stack_top,
        mbp_startup_reset,
        mbp_startup_fault, /* NMI */
        mbp_startup_fault, /* HardFault */
        mbp_startup_fault, /* MemManage (Armv7-M and later) */
        mbp_startup_fault, /* BusFault */
        mbp_startup_fault, /* UsageFault */
        mbp_startup_fault, /* SecureFault (Armv8-M) */
        NULL,
        NULL,
        NULL,
        mbp_startup_fault, /* SVCall */
        mbp_startup_fault, /* DebugMonitor */
        NULL,
        mbp_startup_fault, /* PendSV */
        mbp_startup_fault, /* SysTick */
};

/* MBP_IMAGE_RAM_MARKS (set for mbp-image-qemu.elf only, so that the measured image carries no
 * measuring code): the stack is painted at reset and _sbrk keeps its highest break. */
#if defined(MBP_IMAGE_RAM_MARKS)
/* Written over the free stack at reset; the deepest word that no longer holds it marks the
 * stack's high-water. */
#define MBP_STARTUP_STACK_PAINT 0xa5c3e1f0u
/* Bytes below the reset handler's own stack pointer left unpainted (its callees' frames). */
#define MBP_STARTUP_STACK_GUARD 64u

/* Paints the stack region from its bottom (__heap_end) up to a little below the current stack
 * pointer. */
static void mbp_startup_stack_paint(void)
{
    uint32_t *word = (uint32_t *)(void *)__heap_end;
    char *sp;

    __asm volatile("mov %0, sp" : "=r"(sp));
    while ((char *)(word + 1) <= sp - MBP_STARTUP_STACK_GUARD) {
        *word++ = MBP_STARTUP_STACK_PAINT;
    }
}

size_t mbp_image_stack_peak_bytes(void)
{
    const uint32_t *word = (const uint32_t *)(const void *)__heap_end;

    while ((const char *)word < __stack_top && *word == MBP_STARTUP_STACK_PAINT) {
        word++;
    }
    return (size_t)(__stack_top - (const char *)word);
}

size_t mbp_image_stack_size_bytes(void)
{
    return (size_t)(__stack_top - __heap_end);
}

/* Highest break _sbrk has given out: how much of the heap region malloc() ever needed. */
static char *mbp_startup_brk_max;

size_t mbp_image_heap_peak_bytes(void)
{
    return mbp_startup_brk_max == NULL ? 0 : (size_t)(mbp_startup_brk_max - __heap_start);
}
#endif /* MBP_IMAGE_RAM_MARKS */

/* Copies initialised data from flash, clears bss, runs main() and then sleeps. No C++
 * constructors are run: arm/cortex-m.ld refuses an image that has any. */
void mbp_startup_reset(void)
{
    const uint32_t *src = __data_load;
    uint32_t *dst;

    for (dst = __data_start; dst < __data_end; dst++) {
        *dst = *src++;
    }
    for (dst = __bss_start; dst < __bss_end; dst++) {
        *dst = 0;
    }
#if defined(MBP_IMAGE_RAM_MARKS)
    mbp_startup_stack_paint();
#endif
    (void)main();
    for (;;) {
        __asm volatile("wfi");
    }
}

/* Grows the heap of newlib's malloc() between the end of bss and the reserved stack. */
void *_sbrk(ptrdiff_t increment)
{
    static char *brk;
    char *old;

    if (brk == NULL) {
        brk = __heap_start;
    }
    if (increment > __heap_end - brk || increment < __heap_start - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    old = brk;
    brk += increment;
#if defined(MBP_IMAGE_RAM_MARKS)
    if (brk > mbp_startup_brk_max) {
        mbp_startup_brk_max = brk;
    }
#endif
    return old;
}
