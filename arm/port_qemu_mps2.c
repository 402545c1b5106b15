/* Port of the Cortex-M4 image to QEMU's mps2-an386 board, to run a real handshake in a test.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Linked only into <profile>/mbp-image-qemu.elf, never into the measured mbp-image.elf. The
 * board's UART0 (Arm CMSDK APB UART) carries the TLS bytes: QEMU connects it to a TCP server
 * (-serial tcp:HOST:PORT). Everything else goes through Arm semihosting, which QEMU serves from
 * the host (-semihosting-config enable=on,target=native): the time of day, random bytes read
 * from the host's /dev/urandom, the CA file named by the last semihosting argument, the report
 * and the exit status. arm/run-qemu.sh starts it. Not a port for hardware: a real board has its
 * own TRNG, clock and network driver.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509.h>

#include "mbp_image.h"
#include "mbp_port.h"

/* CMSDK APB UART0 of mps2-an386: data, state (bit 0 TX full, bit 1 RX full), control (bit 0 TX
 * enable, bit 1 RX enable), baud divisor (QEMU wants at least 16). */
#define MBP_QEMU_UART0         0x40004000u
#define MBP_QEMU_UART_DATA     0x00u
#define MBP_QEMU_UART_STATE    0x04u
#define MBP_QEMU_UART_CTRL     0x08u
#define MBP_QEMU_UART_BAUDDIV  0x10u
#define MBP_QEMU_UART_TX_FULL  0x1u
#define MBP_QEMU_UART_RX_FULL  0x2u
#define MBP_QEMU_UART_ENABLE   0x3u
#define MBP_QEMU_UART_BAUD_MIN 16u

/* Arm semihosting operations. */
#define MBP_SEMIHOST_OPEN          0x01
#define MBP_SEMIHOST_CLOSE         0x02
#define MBP_SEMIHOST_WRITE0        0x04
#define MBP_SEMIHOST_READ          0x06
#define MBP_SEMIHOST_TIME          0x11
#define MBP_SEMIHOST_GET_CMDLINE   0x15
#define MBP_SEMIHOST_EXIT_EXTENDED 0x20
#define MBP_SEMIHOST_MODE_RB       1
#define MBP_SEMIHOST_APP_EXIT      0x20026u

#define MBP_QEMU_CA_SIZE      4096
#define MBP_QEMU_CMDLINE_SIZE 512

static size_t mbp_qemu_sent_bytes;
static size_t mbp_qemu_received_bytes;
static size_t mbp_qemu_response_bytes;
static unsigned char mbp_qemu_ca[MBP_QEMU_CA_SIZE];

static int mbp_qemu_semihost(int op, void *arg)
{
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;

    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static volatile uint32_t *mbp_qemu_uart(uint32_t offset)
{
    return (volatile uint32_t *)(MBP_QEMU_UART0 + offset);
}

static void mbp_qemu_uart_enable(void)
{
    *mbp_qemu_uart(MBP_QEMU_UART_BAUDDIV) = MBP_QEMU_UART_BAUD_MIN;
    *mbp_qemu_uart(MBP_QEMU_UART_CTRL) = MBP_QEMU_UART_ENABLE;
}

int mbp_port_send(void *io_ctx, const unsigned char *buf, size_t len)
{
    size_t i;

    (void)io_ctx;
    mbp_qemu_uart_enable();
    for (i = 0; i < len; i++) {
        while (*mbp_qemu_uart(MBP_QEMU_UART_STATE) & MBP_QEMU_UART_TX_FULL) {
        }
        *mbp_qemu_uart(MBP_QEMU_UART_DATA) = buf[i];
    }
    mbp_qemu_sent_bytes += len;
    return (int)len;
}

/* Waits for one byte, then takes what else is there without waiting. A UART has no end of
 * stream: when the server closes, this waits until the test's timeout ends it. */
int mbp_port_recv(void *io_ctx, unsigned char *buf, size_t len)
{
    size_t n = 0;

    (void)io_ctx;
    mbp_qemu_uart_enable();
    while (!(*mbp_qemu_uart(MBP_QEMU_UART_STATE) & MBP_QEMU_UART_RX_FULL)) {
    }
    while (n < len && (*mbp_qemu_uart(MBP_QEMU_UART_STATE) & MBP_QEMU_UART_RX_FULL)) {
        buf[n++] = (unsigned char)*mbp_qemu_uart(MBP_QEMU_UART_DATA);
    }
    mbp_qemu_received_bytes += n;
    return (int)n;
}

/* Reads up to size bytes of the host file path into buf; returns the bytes read, or -1. */
static int mbp_qemu_file_read(const char *path, unsigned char *buf, size_t size)
{
    uint32_t open_args[3] = {(uint32_t)path, MBP_SEMIHOST_MODE_RB, (uint32_t)strlen(path)};
    uint32_t io_args[3];
    int handle;
    int left;

    handle = mbp_qemu_semihost(MBP_SEMIHOST_OPEN, open_args);
    if (handle < 0) {
        return -1;
    }
    io_args[0] = (uint32_t)handle;
    io_args[1] = (uint32_t)buf;
    io_args[2] = (uint32_t)size;
    left = mbp_qemu_semihost(MBP_SEMIHOST_READ, io_args); /* the bytes it could not read */
    (void)mbp_qemu_semihost(MBP_SEMIHOST_CLOSE, io_args);
    return left < 0 || (size_t)left > size ? -1 : (int)(size - (size_t)left);
}

/* Random bytes of the host's kernel: the emulated board has no TRNG of its own. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    int got;

    (void)data;
    got = mbp_qemu_file_read("/dev/urandom", output, len);
    if (got <= 0) {
        *olen = 0;
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    *olen = (size_t)got;
    return 0;
}

time_t time(time_t *now)
{
    time_t t = (time_t)mbp_qemu_semihost(MBP_SEMIHOST_TIME, NULL);

    if (now != NULL) {
        *now = t;
    }
    return t;
}

/* The CA file is the last word of the semihosting command line (no spaces in the path). */
int mbp_port_ca_get(const unsigned char **der, size_t *der_len)
{
    static char cmdline[MBP_QEMU_CMDLINE_SIZE];
    uint32_t args[2] = {(uint32_t)cmdline, sizeof(cmdline) - 1};
    const char *path;
    int got;

    if (mbp_qemu_semihost(MBP_SEMIHOST_GET_CMDLINE, args) != 0) {
        return MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED;
    }
    cmdline[args[1]] = '\0';
    path = strrchr(cmdline, ' ');
    path = path != NULL ? path + 1 : cmdline;
    got = mbp_qemu_file_read(path, mbp_qemu_ca, sizeof(mbp_qemu_ca));
    if (got <= 0) {
        return MBEDTLS_ERR_X509_FILE_IO_ERROR;
    }
    *der = mbp_qemu_ca;
    *der_len = (size_t)got;
    return 0;
}

int mbp_port_response(void *sink_ctx, const unsigned char *buf, size_t len)
{
    (void)sink_ctx;
    (void)buf;
    mbp_qemu_response_bytes += len;
    return 0;
}

/* Reports in key: value lines, then ends QEMU with status 0 on success, 1 otherwise. */
void mbp_port_result(int step, int err)
{
    static char report[384];
    uint32_t exit_args[2] = {MBP_SEMIHOST_APP_EXIT, 0};
    int ok = step == MBP_IMAGE_STEP_DONE && err == 0;

    snprintf(report, sizeof(report),
             "result: %s\nstep: %d\nerror: -0x%04x\nsent_bytes: %u\nreceived_bytes: %u\n"
             "response_bytes: %u\nheap_peak_bytes: %u\nstack_peak_bytes: %u\n"
             "stack_size_bytes: %u\n",
             ok ? "ok" : "failed", step, (unsigned)-err, (unsigned)mbp_qemu_sent_bytes,
             (unsigned)mbp_qemu_received_bytes, (unsigned)mbp_qemu_response_bytes,
             (unsigned)mbp_image_heap_peak_bytes(), (unsigned)mbp_image_stack_peak_bytes(),
             (unsigned)mbp_image_stack_size_bytes());
    (void)mbp_qemu_semihost(MBP_SEMIHOST_WRITE0, report);
    exit_args[1] = ok ? 0 : 1;
    (void)mbp_qemu_semihost(MBP_SEMIHOST_EXIT_EXTENDED, exit_args);
}
