/* mbp-client: connects to a TLS server with one profile, reports what was negotiated, or why
 * it failed in words a product engineer can act on.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/build_info.h>
#include <mbedtls/ssl.h>
#include <psa/crypto.h>

#include "mbp_client.h"
#include "mbp_diag.h"
#include "mbp_net.h"

/* Set by the build for each profile; the fallback keeps ad-hoc builds working. */
#if !defined(MBP_PROFILE_NAME)
#define MBP_PROFILE_NAME "unnamed"
#endif

#define MBP_CLI_EXIT_OK      0
#define MBP_CLI_EXIT_FAILURE 1
#define MBP_CLI_EXIT_USAGE   2
#define MBP_CLI_DONE         (-1) /* --help or --version answered: exit 0 */

/* Largest CA file read; a full public CA bundle is about 250 KB. */
#define MBP_CLI_CA_MAX_BYTES (4u * 1024 * 1024)

#define MBP_CLI_DEFAULT_TIMEOUT_MS 5000u
#define MBP_CLI_TICKET_WAIT_MS     200u

struct mbp_cli_opts {
    const char *host;
    const char *port;
    const char *server_name;
    const char *ca_file;
    const char *get_path;
    int min_tls_version; /* mbedtls_ssl_protocol_version, 0 for the profile's */
    int max_tls_version;
    uint32_t connect_timeout_ms;
    uint32_t read_timeout_ms;
    int quiet;
    int resume;
};

/* Everything one run owns, freed at its exit label. */
struct mbp_cli_run {
    const struct mbp_cli_opts *opts;
    unsigned char *ca_buf;
    size_t ca_len;
    struct mbp_client client;
    struct mbp_net net;
    struct mbp_offer offer;
};

/* How --resume resumes with this build's profile. A TLS 1.3 session resumes by ticket only;
 * TLS 1.2 also resumes by session id, which needs nothing of the profile. */
static const char *mbp_cli_resumption(void)
{
#if defined(MBEDTLS_SSL_SESSION_TICKETS) && defined(MBEDTLS_SSL_PROTO_TLS1_3) &&                   \
    defined(MBEDTLS_SSL_PROTO_TLS1_2)
    return "session ticket (TLS 1.3, TLS 1.2) or session id (TLS 1.2)";
#elif defined(MBEDTLS_SSL_SESSION_TICKETS) && defined(MBEDTLS_SSL_PROTO_TLS1_3)
    return "session ticket";
#elif defined(MBEDTLS_SSL_SESSION_TICKETS)
    return "session ticket or session id";
#elif defined(MBEDTLS_SSL_PROTO_TLS1_2)
    return "session id (TLS 1.2 only)";
#else
    return "none (no session tickets): --resume is refused";
#endif
}

static void mbp_cli_usage_print(FILE *out)
{
    fprintf(out,
            "usage: mbp-client --host H --port P --ca-file FILE [options]\n"
            "  --host H                 server host name or address\n"
            "  --port P                 server TCP port (1-65535)\n"
            "  --ca-file FILE           CA certificate(s), PEM or DER; required: the client\n"
            "                           never connects without verifying the server\n"
            "  --server-name NAME       name sent in SNI and checked in the certificate\n"
            "                           (default: --host)\n"
            "  --min-tls 1.2|1.3        lowest TLS version to offer (default: profile's)\n"
            "  --max-tls 1.2|1.3        highest TLS version to offer (default: profile's)\n"
            "  --get PATH               send GET PATH and print the response body\n"
            "  --resume                 reconnect once and resume the session; the report\n"
            "                           describes the second handshake (--version says\n"
            "                           how this build resumes)\n"
            "  --connect-timeout-ms N   connect timeout (default %u)\n"
            "  --read-timeout-ms N      timeout for each read from the server (default %u)\n"
            "  --quiet                  no progress lines on stderr\n"
            "  --version                the profile, Mbed TLS version, TLS versions and\n"
            "                           resumption this client was built with\n"
            "  --help\n"
            "On success prints 'key: value' lines on stdout; exit 0. Failure: exit 1, with\n"
            "error, cause and fix lines on stderr. Bad usage or CA file: exit 2.\n",
            MBP_CLI_DEFAULT_TIMEOUT_MS, MBP_CLI_DEFAULT_TIMEOUT_MS);
}

static void mbp_cli_version_print(void)
{
    printf("profile: %s\n", MBP_PROFILE_NAME);
    printf("mbedtls: %s\n", MBEDTLS_VERSION_STRING);
    printf("tls_versions: %s\n", mbp_diag_profile_versions());
    printf("resumption: %s\n", mbp_cli_resumption());
}

/* Usage errors: what is wrong and how to fix it, never a connection. */
static int mbp_cli_usage_error(const char *what, const char *fix)
{
    fprintf(stderr, "error: %s\nfix: %s\n(see mbp-client --help)\n", what, fix);
    return MBP_CLI_EXIT_USAGE;
}

static int mbp_cli_tls_version_parse(const char *text, int *version)
{
    if (strcmp(text, "1.2") == 0) {
        *version = MBEDTLS_SSL_VERSION_TLS1_2;
        return 0;
    }
    if (strcmp(text, "1.3") == 0) {
        *version = MBEDTLS_SSL_VERSION_TLS1_3;
        return 0;
    }
    return -1;
}

static int mbp_cli_ms_parse(const char *text, uint32_t *ms)
{
    char *end = NULL;
    unsigned long value;

    errno = 0;
    value = strtoul(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0 || value > 3600000ul) {
        return -1;
    }
    *ms = (uint32_t)value;
    return 0;
}

static int mbp_cli_port_is_valid(const char *text)
{
    char *end = NULL;
    unsigned long value;

    errno = 0;
    value = strtoul(text, &end, 10);
    return text[0] >= '0' && text[0] <= '9' && *end == '\0' && errno == 0 && value >= 1 &&
           value <= 65535;
}

static int mbp_cli_opt_takes_value(const char *name)
{
    static const char *const names[] = {
        "--host",    "--port",    "--server-name",        "--ca-file",         "--get",
        "--min-tls", "--max-tls", "--connect-timeout-ms", "--read-timeout-ms",
    };
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* One option that takes a value (checked by mbp_cli_opt_takes_value()); returns 0, or the
 * exit code of a usage error. */
static int mbp_cli_opt_set(struct mbp_cli_opts *opts, const char *name, const char *value)
{
    if (strcmp(name, "--host") == 0) {
        opts->host = value;
    } else if (strcmp(name, "--port") == 0) {
        opts->port = value;
    } else if (strcmp(name, "--server-name") == 0) {
        opts->server_name = value;
    } else if (strcmp(name, "--ca-file") == 0) {
        opts->ca_file = value;
    } else if (strcmp(name, "--get") == 0) {
        opts->get_path = value;
    } else if (strcmp(name, "--min-tls") == 0 || strcmp(name, "--max-tls") == 0) {
        int *version =
            name[2] == 'm' && name[3] == 'i' ? &opts->min_tls_version : &opts->max_tls_version;
        if (mbp_cli_tls_version_parse(value, version) != 0) {
            return mbp_cli_usage_error("TLS version must be 1.2 or 1.3", "pass 1.2 or 1.3");
        }
    } else if (strcmp(name, "--connect-timeout-ms") == 0 ||
               strcmp(name, "--read-timeout-ms") == 0) {
        uint32_t *ms = name[2] == 'c' ? &opts->connect_timeout_ms : &opts->read_timeout_ms;
        if (mbp_cli_ms_parse(value, ms) != 0) {
            return mbp_cli_usage_error("timeout must be a number of milliseconds",
                                       "pass a value from 0 (no limit) to 3600000");
        }
    }
    return 0;
}

static int mbp_cli_path_is_valid(const char *path)
{
    size_t i;

    for (i = 0; path[i] != '\0'; i++) {
        if ((unsigned char)path[i] <= ' ' || path[i] == 0x7f) {
            return 0;
        }
    }
    return path[0] == '/';
}

/* Checks what the options say together; returns 0 or the usage exit code. */
static int mbp_cli_opts_check(struct mbp_cli_opts *opts)
{
    if (opts->ca_file == NULL) {
        return mbp_cli_usage_error("--ca-file is required: mbp-client never connects without "
                                   "verifying the server's certificate",
                                   "pass the CA certificate that issued the server's "
                                   "certificate, e.g. --ca-file ca.crt");
    }
    if (opts->host == NULL || opts->host[0] == '\0') {
        return mbp_cli_usage_error("--host is required", "pass the server's name or address");
    }
    if (opts->port == NULL) {
        return mbp_cli_usage_error("--port is required",
                                   "pass the server's TCP port, a number from 1 to 65535");
    }
    if (!mbp_cli_port_is_valid(opts->port)) {
        char message[96];

        snprintf(message, sizeof(message), "--port '%.40s' is not a port number", opts->port);
        return mbp_cli_usage_error(message, "pass the server's TCP port, a number from 1 to "
                                            "65535");
    }
    if (opts->server_name == NULL) {
        opts->server_name = opts->host;
    }
    if (opts->server_name[0] == '\0') {
        return mbp_cli_usage_error("--server-name is empty",
                                   "pass the name the server's certificate is issued for");
    }
    if (strlen(opts->server_name) > MBEDTLS_SSL_MAX_HOST_NAME_LEN) {
        return mbp_cli_usage_error("the server name (--server-name, else --host) is longer than "
                                   "255 bytes, the longest name DNS and SNI allow",
                                   "pass the name the server's certificate is issued for");
    }
    if (opts->min_tls_version != 0 && opts->max_tls_version != 0 &&
        opts->min_tls_version > opts->max_tls_version) {
        return mbp_cli_usage_error("--min-tls is above --max-tls", "swap the two values");
    }
    if (opts->get_path != NULL && !mbp_cli_path_is_valid(opts->get_path)) {
        return mbp_cli_usage_error("--get takes a path starting with '/', without spaces or "
                                   "control characters",
                                   "e.g. --get /index.html; percent-encode spaces as %20");
    }
    if (opts->get_path != NULL &&
        strlen(opts->get_path) + strlen(opts->server_name) + MBP_CLIENT_REQUEST_OVERHEAD >=
            MBP_CLIENT_REQUEST_SIZE) {
        return mbp_cli_usage_error("the --get path and the server name make a request longer "
                                   "than the client's 1024-byte request buffer",
                                   "ask for a shorter path (MBP_CLIENT_REQUEST_SIZE in "
                                   "src/mbp_client.h sets the buffer)");
    }
    /* TLS 1.3 resumes by ticket only; TLS 1.2 could still resume by session id. */
#if !defined(MBEDTLS_SSL_SESSION_TICKETS) && !defined(MBEDTLS_SSL_PROTO_TLS1_2)
    if (opts->resume) {
        return mbp_cli_usage_error("--resume: profile " MBP_PROFILE_NAME " leaves out session "
                                   "tickets (MBEDTLS_SSL_SESSION_TICKETS), so it cannot resume",
                                   "leave out --resume, or use a profile that keeps tickets, "
                                   "e.g. tls13-psa");
    }
#endif
    return 0;
}

/* Returns 0 to go on, MBP_CLI_DONE after --help / --version, or the usage exit code. */
static int mbp_cli_args_parse(int argc, char **argv, struct mbp_cli_opts *opts)
{
    char message[160];
    int i;
    int ret;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            mbp_cli_usage_print(stdout);
            return MBP_CLI_DONE;
        }
        if (strcmp(arg, "--version") == 0) {
            mbp_cli_version_print();
            return MBP_CLI_DONE;
        }
        if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "--resume") == 0) {
            *(arg[2] == 'q' ? &opts->quiet : &opts->resume) = 1;
            continue;
        }
        if (!mbp_cli_opt_takes_value(arg)) {
            snprintf(message, sizeof(message),
                     arg[0] == '-' ? "unknown option '%s'"
                                   : "unexpected argument '%s' (every value "
                                     "follows its option)",
                     arg);
            return mbp_cli_usage_error(message, "see the list of options in --help");
        }
        if (i + 1 >= argc) {
            snprintf(message, sizeof(message), "missing value after '%s'", arg);
            return mbp_cli_usage_error(message, "see the list of options in --help");
        }
        ret = mbp_cli_opt_set(opts, arg, argv[i + 1]);
        if (ret != 0) {
            return ret;
        }
        i++;
    }
    return mbp_cli_opts_check(opts);
}

/* Reads the whole CA file and appends the NUL that PEM parsing needs. Returns 0, or -1 with
 * errno set (0 for an empty file, EFBIG above MBP_CLI_CA_MAX_BYTES). */
static int mbp_cli_ca_read(const char *path, unsigned char **buf, size_t *len)
{
    FILE *file = fopen(path, "rb");
    size_t size = 64 * 1024;
    size_t got = 0;
    unsigned char *data = NULL;
    unsigned char *bigger;
    int err = 0;

    if (file == NULL) {
        return -1;
    }
    for (;;) {
        bigger = size <= MBP_CLI_CA_MAX_BYTES ? realloc(data, size + 1) : NULL;
        if (bigger == NULL) {
            err = size <= MBP_CLI_CA_MAX_BYTES ? ENOMEM : EFBIG;
            break;
        }
        data = bigger;
        errno = 0;
        got += fread(data + got, 1, size - got, file);
        if (got < size) {
            /* errno names the cause, e.g. EISDIR for a directory, where the C library sets it. */
            err = ferror(file) ? (errno != 0 ? errno : EIO) : 0;
            break;
        }
        size *= 2;
    }
    fclose(file);
    if (err == 0 && got == 0) {
        err = ENODATA; /* an empty file: "No data available" */
    }
    if (err != 0) {
        free(data);
        errno = err;
        return -1;
    }
    data[got] = '\0';
    *buf = data;
    *len = got + 1;
    return 0;
}

static void mbp_cli_report_print(const struct mbp_diag_report *report)
{
    size_t i;

    fprintf(stderr, "error: %s: %s %s\n", report->what, report->code, report->text);
    fprintf(stderr, "cause: %s\n", report->cause);
    fprintf(stderr, "fix: %s\n", report->fix);
    for (i = 0; i < report->flags_len; i++) {
        fprintf(stderr, "verify: %s\n", report->flags[i]);
    }
}

/* Explains a failure of stage with err, from what run knows, on stderr. */
static void mbp_cli_failure_print(const struct mbp_cli_run *run, enum mbp_diag_stage stage, int err,
                                  int sys_errno)
{
    struct mbp_diag_failure failure;
    struct mbp_diag_report report;

    memset(&failure, 0, sizeof(failure));
    failure.stage = stage;
    failure.err = err;
    failure.sys_errno = sys_errno;
    failure.profile = MBP_PROFILE_NAME;
    failure.peer = run->net.peer[0] != '\0' ? run->net.peer : NULL;
    failure.server_name = run->opts->server_name;
    failure.ca_path = run->opts->ca_file;
    failure.offer = stage >= MBP_DIAG_STAGE_CONNECT ? &run->offer : NULL;
    mbp_client_failure_fill(&run->client, &failure);
    mbp_diag_explain(&failure, &report);
    mbp_cli_report_print(&report);
}

static void mbp_cli_info_print(const struct mbp_hs_info *info)
{
    printf("profile: %s\n", MBP_PROFILE_NAME);
    printf("mbedtls: %s\n", MBEDTLS_VERSION_STRING);
    printf("version: %s\n", info->tls_version);
    printf("ciphersuite: %s\n", info->ciphersuite);
    printf("group: %s\n", info->group);
    printf("signature_algorithm: %s\n", info->sig_alg);
    printf("resumed: %s\n", info->resumed ? "yes" : "no");
    printf("hello_retry: %s\n", info->hello_retry ? "yes" : "no");
    fflush(stdout);
}

/* Progress on stderr, unless --quiet. */
static void mbp_cli_progress(const struct mbp_cli_run *run, const char *fmt, ...)
{
    va_list args;

    if (run->opts->quiet) {
        return;
    }
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
}

/* Response of --get: the status line goes to the report, the body to stdout. */
struct mbp_cli_http {
    int in_body;
    size_t matched; /* bytes of the "\r\n\r\n" that ends the headers matched so far */
    char status[96];
    size_t status_len;
    int status_done;
};

static void mbp_cli_http_header_byte(struct mbp_cli_http *http, unsigned char c)
{
    static const char end[] = "\r\n\r\n";

    if (!http->status_done) {
        if (c == '\r' || c == '\n') {
            http->status_done = 1;
        } else if (http->status_len + 1 < sizeof(http->status)) {
            http->status[http->status_len++] = (char)c;
        }
    }
    if (c == (unsigned char)end[http->matched]) {
        http->matched++;
    } else {
        http->matched = c == '\r' ? 1 : 0;
    }
    if (http->matched == 4) {
        http->in_body = 1;
        printf("http_status: %s\n\n", http->status);
    }
}

static int mbp_cli_http_sink(void *sink_ctx, const unsigned char *buf, size_t len)
{
    struct mbp_cli_http *http = sink_ctx;
    size_t i = 0;

    while (!http->in_body && i < len) {
        mbp_cli_http_header_byte(http, buf[i++]);
    }
    if (i < len && fwrite(buf + i, 1, len - i, stdout) != len - i) {
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    return 0;
}

static int mbp_cli_setup(struct mbp_cli_run *run)
{
    struct mbp_client_config config;
    int ret;

    if (mbp_cli_ca_read(run->opts->ca_file, &run->ca_buf, &run->ca_len) != 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_CA_FILE, MBEDTLS_ERR_X509_FILE_IO_ERROR, errno);
        return MBP_CLI_EXIT_USAGE;
    }
    memset(&config, 0, sizeof(config));
    config.server_name = run->opts->server_name;
    config.ca_buf = run->ca_buf;
    config.ca_len = run->ca_len;
    config.min_tls_version = run->opts->min_tls_version;
    config.max_tls_version = run->opts->max_tls_version;
    config.read_timeout_ms = run->opts->read_timeout_ms;
    ret = mbp_client_setup(&run->client, &config);
    if (ret != 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_SETUP, ret, 0);
        /* A CA file or option problem is a usage error; PSA or memory is not. */
        return ret <= -0x1000 && ret != MBEDTLS_ERR_SSL_ALLOC_FAILED ? MBP_CLI_EXIT_USAGE
                                                                     : MBP_CLI_EXIT_FAILURE;
    }
    if (run->client.ca_skipped > 0) {
        fprintf(stderr,
                "warning: %d certificate(s) of '%s' could not be parsed by profile '%s' "
                "and were left out\n",
                run->client.ca_skipped, run->opts->ca_file, MBP_PROFILE_NAME);
    }
    mbp_observe_offer_get(&run->client.conf, &run->offer);
    return 0;
}

/* Connects and runs the handshake; returns 0 or an exit code after explaining the failure. */
static int mbp_cli_session_open(struct mbp_cli_run *run)
{
    const struct mbp_cli_opts *opts = run->opts;
    int ret;

    mbp_cli_progress(run, "  . connecting to %s port %s ...\n", opts->host, opts->port);
    ret = mbp_net_connect(&run->net, opts->host, opts->port, opts->connect_timeout_ms);
    if (ret != 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_CONNECT, ret, run->net.last_errno);
        return MBP_CLI_EXIT_FAILURE;
    }
    mbp_client_set_io(&run->client, &run->net, mbp_net_send, mbp_net_recv, mbp_net_recv_timeout);
    mbp_cli_progress(run, "  . TLS handshake with %s ...\n", opts->server_name);
    ret = mbp_client_handshake(&run->client);
    if (ret != 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_HANDSHAKE, ret, run->net.last_errno);
        return MBP_CLI_EXIT_FAILURE;
    }
    return 0;
}

/* Collects tickets, closes, and opens a second session that offers the saved one. */
static int mbp_cli_session_resume(struct mbp_cli_run *run)
{
    int ret;

    ret = mbp_client_read_tickets(&run->client, MBP_CLI_TICKET_WAIT_MS);
    if (ret < 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_HANDSHAKE, ret, run->net.last_errno);
        return MBP_CLI_EXIT_FAILURE;
    }
    if (!run->client.have_saved_session) {
        fprintf(stderr, "warning: the server sent no session ticket; the second handshake "
                        "will be a full one\n");
    }
    (void)mbp_client_close(&run->client);
    mbp_net_close(&run->net);
    ret = mbp_client_reset(&run->client, 1);
    if (ret != 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_HANDSHAKE, ret, 0);
        return MBP_CLI_EXIT_FAILURE;
    }
    return mbp_cli_session_open(run);
}

static int mbp_cli_request(struct mbp_cli_run *run)
{
    struct mbp_cli_http http;
    int ret;

    memset(&http, 0, sizeof(http));
    ret = mbp_client_http_get(&run->client, run->opts->get_path, mbp_cli_http_sink, &http);
    fflush(stdout);
    if (ret != 0) {
        mbp_cli_failure_print(run, MBP_DIAG_STAGE_REQUEST, ret, run->net.last_errno);
        return MBP_CLI_EXIT_FAILURE;
    }
    if (!http.in_body) {
        fprintf(stderr, "warning: the response ended before the end of its headers\n");
    }
    return 0;
}

static int mbp_cli_run(const struct mbp_cli_opts *opts)
{
    struct mbp_cli_run run;
    int exit_code = MBP_CLI_EXIT_FAILURE;
    int ret;

    memset(&run, 0, sizeof(run));
    run.opts = opts;
    mbp_client_init(&run.client);
    mbp_net_init(&run.net);

    ret = mbp_cli_setup(&run);
    if (ret != 0) {
        exit_code = ret;
        goto exit;
    }
    if (mbp_cli_session_open(&run) != 0) {
        goto exit;
    }
    if (opts->resume && mbp_cli_session_resume(&run) != 0) {
        goto exit;
    }
    mbp_cli_info_print(&run.client.info);
    if (opts->get_path != NULL && mbp_cli_request(&run) != 0) {
        goto exit;
    }
    (void)mbp_client_close(&run.client); /* the server may already be gone: not an error */
    exit_code = MBP_CLI_EXIT_OK;

exit:
    mbp_client_free(&run.client);
    mbp_net_close(&run.net);
    free(run.ca_buf);
    return exit_code;
}

int main(int argc, char **argv)
{
    struct mbp_cli_opts opts;
    psa_status_t status;
    int exit_code;

    /* Before anything else: every profile runs its crypto through PSA. */
    status = psa_crypto_init();
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "error: psa_crypto_init() failed: %d\n", (int)status);
        return MBP_CLI_EXIT_FAILURE;
    }
    memset(&opts, 0, sizeof(opts));
    opts.connect_timeout_ms = MBP_CLI_DEFAULT_TIMEOUT_MS;
    opts.read_timeout_ms = MBP_CLI_DEFAULT_TIMEOUT_MS;
    if (argc <= 1) {
        mbp_cli_usage_print(stderr);
        exit_code = MBP_CLI_EXIT_USAGE;
    } else {
        exit_code = mbp_cli_args_parse(argc, argv, &opts);
        if (exit_code == 0) {
            exit_code = mbp_cli_run(&opts);
        } else if (exit_code == MBP_CLI_DONE) {
            exit_code = MBP_CLI_EXIT_OK;
        }
    }
    mbedtls_psa_crypto_free();
    return exit_code;
}
