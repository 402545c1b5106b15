/* Start-up code of the Cortex-M image: vector table, reset handler, heap for malloc().
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
    return old;
}
