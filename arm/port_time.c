/* Calendar time for certificate validity on the Cortex-M image (MBEDTLS_PLATFORM_GMTIME_R_ALT).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Without an operating system Mbed TLS would fall back to gmtime(), which keeps its result in
 * the C library's shared state. This uses the reentrant gmtime_r() of newlib instead, and
 * refuses the time a board reports while its clock is not set.
 */
#define _POSIX_C_SOURCE 200112L /* gmtime_r() in newlib's <time.h> */

#include <time.h>

#include <mbedtls/platform_util.h>

#if defined(MBEDTLS_PLATFORM_GMTIME_R_ALT)
/* NULL makes Mbed TLS treat every certificate as both expired and not yet valid, so a board
 * without a set clock accepts none: failing closed is the only safe answer. */
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    time_t now;

    if (tt == NULL || *tt == (mbedtls_time_t)-1) {
        return NULL;
    }
    now = (time_t)*tt;
    return gmtime_r(&now, tm_buf);
}
#endif
