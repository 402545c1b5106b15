/* libFuzzer harness: arbitrary server flights fed to the client core through its I/O callbacks.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * One input is what "the server" sends: a sequence of chunks, each a 2-byte big-endian length
 * and that many bytes. Each recv call of the client returns bytes of the current chunk only (at
 * most what it asked for), so the chunking decides how records arrive in pieces; an empty chunk
 * makes one recv say "no data yet" (WANT_READ), length 0xffff makes one recv report the end of
 * the stream (the server closed this connection; a resumed one may follow), and the end of the
 * input ends the stream for good. A length beyond the input takes what is left. Everything the
 * client sends is discarded. Per input: the profile's handshake against server name "localhost"; on
 * success a GET / and close_notify, then, when the server gave a session to resume, a second
 * handshake offering it, on the rest of the input; every failure goes through the diagnosis
 * (mbp_diag_explain), as in the client.
 *
 * Determinism (fuzz/fuzz_config.h): this file supplies PSA's random generator, restarted for
 * every input, so the ClientHello, the key shares and every other random value are the same on
 * every run, and Mbed TLS's two clocks, frozen: milliseconds at a constant (the age of a TLS
 * 1.3 ticket is always 0), seconds at one day after the notBefore of the first trusted CA (the
 * test PKI's certificates are valid then, whatever today's date). A recorded flight therefore
 * replays as the same handshakes, and an input that crashes once crashes again.
 * Known limitation: in TLS 1.3 everything after the ServerHello is encrypted under keys from
 * the ServerHello's key share, so a mutation inside those records fails the AEAD tag check;
 * the certificate parser is reached with mutated bytes only through TLS 1.2 flights (profiles
 * hybrid and default), where Certificate and ServerKeyExchange travel in the clear.
 *
 * CA: the file named by MBP_FUZZ_CA_FILE, else the test CA of the build (MBP_FUZZ_CA_DEFAULT,
 * set at build time to <build>/pki/ca.crt, made by scripts/make-pki.sh).
 *
 * Record mode (a seed from a real server): MBP_FUZZ_RECORD_PORT=N MBP_FUZZ_RECORD_OUT=FILE
 * makes the harness connect to 127.0.0.1:N, run the same sequence over TCP, write what the
 * server sent in the input format to FILE (a temporary file, then renamed), and exit.
 *
 * The same file, without libFuzzer, is the replay program of the instruction counts
 * (bench/replay_main.c, mbp-replay): deterministic replay is what makes them exact.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform_time.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#include "mbp_client.h"
#include "mbp_diag.h"
#include "mbp_net.h"
#include "mbp_observe.h"

#if !defined(MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG) || !defined(MBEDTLS_PLATFORM_MS_TIME_ALT) ||         \
    !defined(MBEDTLS_PLATFORM_TIME_ALT)
#error "the fuzz harness needs the options of fuzz/fuzz_config.h (see fuzz/CMakeLists.txt)"
#endif
#if !defined(MBP_FUZZ_CA_DEFAULT)
#define MBP_FUZZ_CA_DEFAULT "pki/ca.crt"
#endif

#define MBP_FUZZ_SERVER_NAME    "localhost"
#define MBP_FUZZ_CHUNK_EOF      0xffff /* chunk length that stands for the end of a stream */
#define MBP_FUZZ_CA_SIZE_MAX    (256 * 1024)
#define MBP_FUZZ_RECORD_SIZE    (1024 * 1024)
#define MBP_FUZZ_RECORD_WAIT_MS 10000

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- Deterministic random generator (splitmix64), restarted for every input ---- */

static uint64_t mbp_fuzz_rng_state;

static void mbp_fuzz_rng_reset(void)
{
    mbp_fuzz_rng_state = 0x6d62702d66757a7aULL;
}

psa_status_t mbedtls_psa_external_get_random(mbedtls_psa_external_random_context_t *context,
                                             uint8_t *output, size_t output_size,
                                             size_t *output_length)
{
    uint64_t z = 0;
    size_t i;

    (void)context;
    for (i = 0; i < output_size; i++) {
        if (i % 8 == 0) {
            mbp_fuzz_rng_state += 0x9e3779b97f4a7c15ULL;
            z = mbp_fuzz_rng_state;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            z ^= z >> 31;
        }
        output[i] = (uint8_t)(z >> (8 * (i % 8)));
    }
    *output_length = output_size;
    return PSA_SUCCESS;
}

/* The trusted CAs, read once by LLVMFuzzerInitialize. */
static unsigned char *mbp_fuzz_ca_buf;
static size_t mbp_fuzz_ca_len;

/* ---- Frozen clocks ---- */

mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)1000000;
}

static mbedtls_time_t mbp_fuzz_now_s;

static mbedtls_time_t mbp_fuzz_time(mbedtls_time_t *now)
{
    if (now != NULL) {
        *now = mbp_fuzz_now_s;
    }
    return mbp_fuzz_now_s;
}

/* Seconds from 1970-01-01T00:00:00Z to t (UTC, proleptic Gregorian, years from 1970). */
static mbedtls_time_t mbp_fuzz_time_from_x509(const mbedtls_x509_time *t)
{
    static const int days_before_month[12] = {0,   31,  59,  90,  120, 151,
                                              181, 212, 243, 273, 304, 334};
    int64_t days = 0;
    int year;

    for (year = 1970; year < t->year; year++) {
        days += (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 366 : 365;
    }
    days += days_before_month[(t->mon - 1) % 12] + t->day - 1;
    if (t->mon > 2 && ((t->year % 4 == 0 && t->year % 100 != 0) || t->year % 400 == 0)) {
        days++;
    }
    return (mbedtls_time_t)(((days * 24 + t->hour) * 60 + t->min) * 60 + t->sec);
}

/* Freezes the seconds clock one day after the notBefore of the first CA. Returns 0 or -1. */
static int mbp_fuzz_clock_set(void)
{
    mbedtls_x509_crt ca;
    int ret;

    mbedtls_x509_crt_init(&ca);
    ret = mbedtls_x509_crt_parse(&ca, mbp_fuzz_ca_buf, mbp_fuzz_ca_len);
    if (ret >= 0 && ca.raw.len > 0 && ca.valid_from.year >= 1970 && ca.valid_from.mon >= 1) {
        mbp_fuzz_now_s = mbp_fuzz_time_from_x509(&ca.valid_from) + 24 * 60 * 60;
        ret = mbedtls_platform_set_time(mbp_fuzz_time);
    } else {
        ret = -1;
    }
    mbedtls_x509_crt_free(&ca);
    return ret;
}

/* ---- The server's bytes: replayed from the input ---- */

struct mbp_fuzz_feed {
    const uint8_t *data;
    size_t len;
    size_t pos;        /* next unread byte of data */
    size_t chunk_left; /* bytes of the current chunk not returned yet */
};

static int mbp_fuzz_recv(void *ctx, unsigned char *buf, size_t len)
{
    struct mbp_fuzz_feed *feed = ctx;
    size_t n;

    if (feed->chunk_left == 0) {
        if (feed->len - feed->pos < 2) {
            return 0; /* end of input: the server closed the connection */
        }
        feed->chunk_left = (size_t)feed->data[feed->pos] << 8 | feed->data[feed->pos + 1];
        feed->pos += 2;
        if (feed->chunk_left == 0) {
            return MBEDTLS_ERR_SSL_WANT_READ;
        }
        if (feed->chunk_left == MBP_FUZZ_CHUNK_EOF) {
            feed->chunk_left = 0;
            return 0;
        }
        if (feed->chunk_left > feed->len - feed->pos) {
            feed->chunk_left = feed->len - feed->pos;
        }
        if (feed->chunk_left == 0) {
            return 0;
        }
    }
    n = len < feed->chunk_left ? len : feed->chunk_left;
    memcpy(buf, feed->data + feed->pos, n);
    feed->pos += n;
    feed->chunk_left -= n;
    return (int)n;
}

static int mbp_fuzz_send(void *ctx, const unsigned char *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    return (int)len;
}

static int mbp_fuzz_sink(void *sink_ctx, const unsigned char *buf, size_t len)
{
    (void)sink_ctx;
    (void)buf;
    (void)len;
    return 0;
}

/* ---- The trusted CA, read once ---- */

/* Reads the CA file with a NUL appended (PEM parsing needs it). Returns 0 or -1. */
static int mbp_fuzz_ca_load(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t len;

    if (f == NULL) {
        return -1;
    }
    mbp_fuzz_ca_buf = malloc(MBP_FUZZ_CA_SIZE_MAX + 1);
    if (mbp_fuzz_ca_buf == NULL) {
        fclose(f);
        return -1;
    }
    len = fread(mbp_fuzz_ca_buf, 1, MBP_FUZZ_CA_SIZE_MAX, f);
    fclose(f);
    if (len == 0 || len == MBP_FUZZ_CA_SIZE_MAX) {
        return -1;
    }
    mbp_fuzz_ca_buf[len] = '\0';
    mbp_fuzz_ca_len = len + 1;
    return 0;
}

/* ---- One run of the client over a transport ---- */

/* Runs the diagnosis of a failure, as the client would before printing it. */
static void mbp_fuzz_explain(const struct mbp_client *client, enum mbp_diag_stage stage, int err)
{
    struct mbp_diag_failure failure;
    struct mbp_diag_report report;
    struct mbp_offer offer;

    mbp_observe_offer_get(&client->conf, &offer);
    memset(&failure, 0, sizeof(failure));
    failure.stage = stage;
    failure.err = err;
    failure.profile = MBP_PROFILE_NAME;
    failure.peer = "127.0.0.1:4433";
    failure.server_name = MBP_FUZZ_SERVER_NAME;
    failure.ca_path = "ca.crt";
    failure.offer = &offer;
    mbp_client_failure_fill(client, &failure);
    mbp_diag_explain(&failure, &report);
}

/* Handshake (repeated while the transport says "not yet"), then GET / and close_notify.
 * Returns 0 when all of it worked, else the error after explaining it. */
static int mbp_fuzz_session(struct mbp_client *client)
{
    int ret;

    do {
        ret = mbp_client_handshake(client);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret != 0) {
        mbp_fuzz_explain(client, MBP_DIAG_STAGE_HANDSHAKE, ret);
        return ret;
    }
    ret = mbp_client_http_get(client, "/", mbp_fuzz_sink, NULL);
    if (ret != 0) {
        mbp_fuzz_explain(client, MBP_DIAG_STAGE_REQUEST, ret);
        return ret;
    }
    return mbp_client_close(client);
}

/* How the second (resumption) session of the last run ended, for MBP_FUZZ_VERBOSE. */
static const char *mbp_fuzz_second_outcome = "none";

/* The whole sequence over one transport (io_ctx with send/recv/recv_timeout); reconnect, when
 * not NULL, opens a new connection on it before the resumed session. Returns the first
 * session's result. */
static int mbp_fuzz_run(void *io_ctx, mbedtls_ssl_send_t *send, mbedtls_ssl_recv_t *recv,
                        mbedtls_ssl_recv_timeout_t *recv_timeout, int (*reconnect)(void *))
{
    struct mbp_client client;
    struct mbp_client_config config;
    int ret;

    mbp_fuzz_rng_reset();
    mbp_fuzz_second_outcome = "none";
    mbp_client_init(&client);
    memset(&config, 0, sizeof(config));
    config.server_name = MBP_FUZZ_SERVER_NAME;
    config.ca_buf = mbp_fuzz_ca_buf;
    config.ca_len = mbp_fuzz_ca_len;
    config.read_timeout_ms = recv_timeout != NULL ? MBP_FUZZ_RECORD_WAIT_MS : 0;
    ret = mbp_client_setup(&client, &config);
    if (ret != 0) {
        goto exit; /* the CA and the configuration do not depend on the input */
    }
    mbp_client_set_io(&client, io_ctx, send, recv, recv_timeout);
    ret = mbp_fuzz_session(&client);
    if (ret != 0 || !client.have_saved_session) {
        goto exit;
    }
    if (mbp_client_reset(&client, 1) != 0 || (reconnect != NULL && reconnect(io_ctx) != 0)) {
        goto exit;
    }
    if (mbp_fuzz_session(&client) != 0) {
        mbp_fuzz_second_outcome = "failed";
    } else {
        mbp_fuzz_second_outcome = client.info.resumed ? "resumed" : "full";
    }
exit:
    mbp_client_free(&client);
    return ret;
}

/* Set by MBP_FUZZ_VERBOSE=1: each input's outcome on stderr, to check that a seed replays. */
static int mbp_fuzz_verbose;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mbp_fuzz_feed feed = {data, size, 0, 0};
    int ret;

    ret = mbp_fuzz_run(&feed, mbp_fuzz_send, mbp_fuzz_recv, NULL, NULL);
    if (mbp_fuzz_verbose) {
        fprintf(stderr,
                "fuzz-replay: first session %s (%d), %zu of %zu bytes read; second session: "
                "%s\n",
                ret == 0 ? "succeeded" : "failed", ret, feed.pos, size, mbp_fuzz_second_outcome);
    }
    return 0;
}

/* ---- Record mode ---- */

struct mbp_fuzz_recorder {
    struct mbp_net net;
    const char *port;
    unsigned char *out;
    size_t out_len;
};

/* Appends one chunk (n bytes of buf, or the end-of-stream mark when buf is NULL) to the
 * recording; what does not fit in the recording's size is lost. */
static void mbp_fuzz_record_chunk(struct mbp_fuzz_recorder *rec, const unsigned char *buf, size_t n)
{
    size_t mark = buf != NULL ? n : MBP_FUZZ_CHUNK_EOF;

    if (n >= MBP_FUZZ_CHUNK_EOF || rec->out_len + 2 + n > MBP_FUZZ_RECORD_SIZE) {
        return;
    }
    rec->out[rec->out_len] = (unsigned char)(mark >> 8);
    rec->out[rec->out_len + 1] = (unsigned char)mark;
    if (n > 0) {
        memcpy(rec->out + rec->out_len + 2, buf, n);
    }
    rec->out_len += 2 + n;
}

static int mbp_fuzz_record_recv_timeout(void *ctx, unsigned char *buf, size_t len,
                                        uint32_t timeout_ms)
{
    struct mbp_fuzz_recorder *rec = ctx;
    int ret = mbp_net_recv_timeout(&rec->net, buf, len, timeout_ms);

    if (ret > 0) {
        mbp_fuzz_record_chunk(rec, buf, (size_t)ret);
    } else if (ret == 0) {
        mbp_fuzz_record_chunk(rec, NULL, 0);
    }
    return ret;
}

static int mbp_fuzz_record_recv(void *ctx, unsigned char *buf, size_t len)
{
    return mbp_fuzz_record_recv_timeout(ctx, buf, len, 0);
}

static int mbp_fuzz_record_send(void *ctx, const unsigned char *buf, size_t len)
{
    struct mbp_fuzz_recorder *rec = ctx;

    return mbp_net_send(&rec->net, buf, len);
}

static int mbp_fuzz_record_connect(void *ctx)
{
    struct mbp_fuzz_recorder *rec = ctx;

    mbp_net_close(&rec->net);
    return mbp_net_connect(&rec->net, "127.0.0.1", rec->port, MBP_FUZZ_RECORD_WAIT_MS);
}

/* Writes the recording to path through a temporary file. Returns 0 or -1. */
static int mbp_fuzz_record_save(const struct mbp_fuzz_recorder *rec, const char *path)
{
    char tmp[4096];
    FILE *f;
    int ok;

    if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
        return -1;
    }
    f = fopen(tmp, "wb");
    if (f == NULL) {
        return -1;
    }
    ok = fwrite(rec->out, 1, rec->out_len, f) == rec->out_len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

/* Records one run against 127.0.0.1:port into path. Returns the process exit status. */
static int mbp_fuzz_record(const char *port, const char *path)
{
    struct mbp_fuzz_recorder rec;
    int ret;

    memset(&rec, 0, sizeof(rec));
    mbp_net_init(&rec.net);
    rec.port = port;
    rec.out = malloc(MBP_FUZZ_RECORD_SIZE);
    if (rec.out == NULL || mbp_fuzz_record_connect(&rec) != 0) {
        fprintf(stderr, "fuzz-record: cannot connect to 127.0.0.1:%s\n", port);
        free(rec.out);
        return 1;
    }
    ret = mbp_fuzz_run(&rec, mbp_fuzz_record_send, mbp_fuzz_record_recv,
                       mbp_fuzz_record_recv_timeout, mbp_fuzz_record_connect);
    mbp_net_close(&rec.net);
    fprintf(stderr, "fuzz-record: first session %s (%d); %zu bytes from the server\n",
            ret == 0 ? "succeeded" : "failed", ret, rec.out_len);
    if (mbp_fuzz_record_save(&rec, path) != 0) {
        fprintf(stderr, "fuzz-record: cannot write %s\n", path);
        free(rec.out);
        return 1;
    }
    free(rec.out);
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *ca_path = getenv("MBP_FUZZ_CA_FILE");
    const char *record_port = getenv("MBP_FUZZ_RECORD_PORT");
    const char *record_out = getenv("MBP_FUZZ_RECORD_OUT");

    (void)argc;
    (void)argv;
    mbp_fuzz_verbose = getenv("MBP_FUZZ_VERBOSE") != NULL;
    if (ca_path == NULL || ca_path[0] == '\0') {
        ca_path = MBP_FUZZ_CA_DEFAULT;
    }
    if (mbp_fuzz_ca_load(ca_path) != 0) {
        fprintf(stderr,
                "fuzz: cannot read the CA file '%s'; make the test PKI (scripts/make-pki.sh "
                "DIR) and set MBP_FUZZ_CA_FILE=DIR/ca.crt\n",
                ca_path);
        exit(2);
    }
    if (mbp_fuzz_clock_set() != 0) {
        fprintf(stderr, "fuzz: the first certificate of '%s' has no usable notBefore\n", ca_path);
        exit(2);
    }
    if (record_port != NULL && record_out != NULL) {
        exit(mbp_fuzz_record(record_port, record_out));
    }
    return 0;
}
