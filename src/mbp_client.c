/* TLS client core shared by every profile: configuration, handshake and one request over I/O
 * callbacks, so the same code runs over sockets, in benchmarks and under a fuzzer.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include "mbp_client.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/psa_util.h>
#include <psa/crypto.h>

#include "mbp_diag.h"
#include "mbp_names.h"

/* A profile may narrow the key-exchange groups it offers below what it compiles in (a P-256
 * certificate needs P-256 compiled, yet the profile may want to offer X25519 only) by
 * defining MBP_PROFILE_GROUPS in its mbedtls_config.h as a comma-separated list of
 * MBEDTLS_SSL_IANA_TLS_GROUP_* values. */
#if defined(MBP_PROFILE_GROUPS)
static const uint16_t mbp_client_profile_groups[] = {MBP_PROFILE_GROUPS,
                                                     MBEDTLS_SSL_IANA_TLS_GROUP_NONE};
#endif

static void mbp_client_info_clear(struct mbp_client *client)
{
    memset(&client->observed, 0, sizeof(client->observed));
    client->info.tls_version = "none";
    client->info.ciphersuite = "none";
    client->info.group_id = 0;
    client->info.group = mbp_names_group(0);
    client->info.sig_alg_id = 0;
    client->info.sig_alg = mbp_names_sig_alg(0);
    client->info.resumed = 0;
    client->info.hello_retry = 0;
    client->peer_alert = -1;
    client->verify_flags = 0;
    client->failed_in_len = 0;
    client->failed_in_from_record = 0;
}

void mbp_client_init(struct mbp_client *client)
{
    mbedtls_ssl_config_init(&client->conf);
    mbedtls_ssl_init(&client->ssl);
    mbedtls_x509_crt_init(&client->ca_chain);
    mbedtls_ssl_session_init(&client->saved_session);
    client->have_saved_session = 0;
    client->ca_skipped = 0;
    client->read_timeout_ms = 0;
    mbp_client_info_clear(client);
}

/* Parses the CA chain; certificates the profile cannot read are counted, not fatal, as long as
 * one remains. */
static int mbp_client_ca_parse(struct mbp_client *client, const struct mbp_client_config *config)
{
    int ret;

    if (config->ca_buf == NULL || config->ca_len == 0) {
        return MBEDTLS_ERR_X509_BAD_INPUT_DATA;
    }
    ret = mbedtls_x509_crt_parse(&client->ca_chain, config->ca_buf, config->ca_len);
    if (ret < 0) {
        return ret;
    }
    client->ca_skipped = ret;
    return client->ca_chain.raw.len == 0 ? MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT : 0;
}

static void mbp_client_conf_tickets(mbedtls_ssl_config *conf)
{
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
#if defined(MBEDTLS_SSL_PROTO_TLS1_2)
    mbedtls_ssl_conf_session_tickets(conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
    /* Without this, Mbed TLS 3.6 drops TLS 1.3 tickets and resumption never happens. */
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
#else
    (void)conf;
#endif
}

static void mbp_client_conf_groups(mbedtls_ssl_config *conf, const struct mbp_client_config *config)
{
    if (config->groups != NULL) {
        mbedtls_ssl_conf_groups(conf, config->groups);
        return;
    }
#if defined(MBP_PROFILE_GROUPS)
    mbedtls_ssl_conf_groups(conf, mbp_client_profile_groups);
#endif
}

static int mbp_client_conf_setup(struct mbp_client *client, const struct mbp_client_config *config)
{
    mbedtls_ssl_config *conf = &client->conf;
    int ret;

    ret = mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        return ret;
    }
    /* The one authentication mode of this client: there is no way to relax it. */
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(conf, &client->ca_chain, NULL);
    /* PSA's own generator: the profiles carry no separate DRBG. */
    mbedtls_ssl_conf_rng(conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
    if (config->min_tls_version != 0) {
        mbedtls_ssl_conf_min_tls_version(conf,
                                         (mbedtls_ssl_protocol_version)config->min_tls_version);
    }
    if (config->max_tls_version != 0) {
        mbedtls_ssl_conf_max_tls_version(conf,
                                         (mbedtls_ssl_protocol_version)config->max_tls_version);
    }
    mbp_client_conf_tickets(conf);
    mbp_client_conf_groups(conf, config);
    client->read_timeout_ms = config->read_timeout_ms;
    mbedtls_ssl_conf_read_timeout(conf, config->read_timeout_ms);
    return 0;
}

int mbp_client_setup(struct mbp_client *client, const struct mbp_client_config *config)
{
    psa_status_t status;
    int ret;

    /* First, always: TLS 1.3, and TLS 1.2 under MBEDTLS_USE_PSA_CRYPTO, call PSA during the
     * handshake and fail with an internal error (-0x6C00) if it was never initialised. */
    status = psa_crypto_init();
    if (status != PSA_SUCCESS) {
        return (int)status;
    }
    if (client == NULL || config == NULL || config->server_name == NULL ||
        config->server_name[0] == '\0') {
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    ret = mbp_client_ca_parse(client, config);
    if (ret != 0) {
        return ret;
    }
    ret = mbp_client_conf_setup(client, config);
    if (ret != 0) {
        return ret;
    }
    ret = mbedtls_ssl_setup(&client->ssl, &client->conf);
    if (ret != 0) {
        return ret;
    }
    /* Both the SNI extension and the name the certificate is checked against. */
    return mbedtls_ssl_set_hostname(&client->ssl, config->server_name);
}

void mbp_client_set_io(struct mbp_client *client, void *io_ctx, mbedtls_ssl_send_t *send,
                       mbedtls_ssl_recv_t *recv, mbedtls_ssl_recv_timeout_t *recv_timeout)
{
    mbedtls_ssl_set_bio(&client->ssl, io_ctx, send, recv, recv_timeout);
}

/* Keeps the current session for resumption, replacing an older one only once the copy worked. */
static int mbp_client_session_save(struct mbp_client *client)
{
    mbedtls_ssl_session session;
    int ret;

    mbedtls_ssl_session_init(&session);
    ret = mbedtls_ssl_get_session(&client->ssl, &session);
    if (ret != 0) {
        mbedtls_ssl_session_free(&session);
        return ret;
    }
    mbedtls_ssl_session_free(&client->saved_session);
    client->saved_session = session; /* ownership of its buffers moves with it */
    client->have_saved_session = 1;
    return 0;
}

static void mbp_client_info_fill(struct mbp_client *client)
{
    const char *suite = mbedtls_ssl_get_ciphersuite(&client->ssl);
    const char *version = mbedtls_ssl_get_version(&client->ssl);

    client->info.tls_version = version != NULL ? version : "unknown";
    client->info.ciphersuite = suite != NULL ? suite : "unknown";
    client->info.group_id = client->observed.group_id;
    client->info.group = mbp_names_group(client->observed.group_id);
    client->info.sig_alg_id = client->observed.sig_alg_id;
    client->info.sig_alg = mbp_names_sig_alg(client->observed.sig_alg_id);
    /* Verification is always required, so only a resumed session skips the certificate. */
    client->info.resumed = !client->observed.peer_certificate;
    client->info.hello_retry = client->observed.hello_retry;
}

static void mbp_client_failure_record(struct mbp_client *client, int ret)
{
    uint32_t flags = mbedtls_ssl_get_verify_result(&client->ssl);

    client->verify_flags = flags == 0xFFFFFFFFu ? 0 : flags;
    client->peer_alert =
        ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE ? mbp_observe_alert_get(&client->ssl) : -1;
    client->failed_in_len = mbp_observe_in_len_get(&client->ssl, &client->failed_in_from_record);
}

int mbp_client_handshake(struct mbp_client *client)
{
    int ret = 0;

    /* Step by step rather than mbedtls_ssl_handshake(), to look at each server message. */
    while (!mbedtls_ssl_is_handshake_over(&client->ssl)) {
        ret = mbedtls_ssl_handshake_step(&client->ssl);
        mbp_observe_step(&client->ssl, &client->observed);
        if (ret != 0) {
            break;
        }
    }
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return ret;
    }
    if (ret != 0) {
        mbp_client_failure_record(client, ret);
        return ret;
    }
    mbp_client_info_fill(client);
#if defined(MBEDTLS_SSL_PROTO_TLS1_2)
    if (mbedtls_ssl_get_version_number(&client->ssl) == MBEDTLS_SSL_VERSION_TLS1_2) {
        /* Not fatal: the connection works, only a later resumption would not. */
        (void)mbp_client_session_save(client);
    }
#endif
    return 0;
}

/* Writes all of buf, retrying on WANT_READ / WANT_WRITE. */
static int mbp_client_write_all(struct mbp_client *client, const unsigned char *buf, size_t len)
{
    size_t done = 0;
    int ret;

    while (done < len) {
        ret = mbedtls_ssl_write(&client->ssl, buf + done, len - done);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            continue;
        }
        if (ret < 0) {
            return ret;
        }
        done += (size_t)ret;
    }
    return 0;
}

static int mbp_client_path_is_valid(const char *path)
{
    size_t i;

    if (path == NULL || path[0] != '/') {
        return 0;
    }
    for (i = 0; path[i] != '\0'; i++) {
        if ((unsigned char)path[i] <= ' ' || path[i] == 0x7f) {
            return 0;
        }
    }
    return 1;
}

/* Reads one piece of the response. Returns bytes read, 0 at the end of the response, or a
 * negative error. Tickets are saved and reading goes on. */
static int mbp_client_read_some(struct mbp_client *client, unsigned char *buf, size_t size)
{
    int ret;

    for (;;) {
        ret = mbedtls_ssl_read(&client->ssl, buf, size);
        switch (ret) {
        case MBEDTLS_ERR_SSL_WANT_READ:
        case MBEDTLS_ERR_SSL_WANT_WRITE:
            break;
        case MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET:
            (void)mbp_client_session_save(client);
            break;
        case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
        case MBEDTLS_ERR_SSL_CONN_EOF:
            return 0;
        default:
            return ret;
        }
    }
}

int mbp_client_http_get(struct mbp_client *client, const char *path, mbp_client_sink_t *sink,
                        void *sink_ctx)
{
    unsigned char buf[MBP_CLIENT_REQUEST_SIZE];
    const char *host = mbedtls_ssl_get_hostname(&client->ssl);
    int len;
    int ret;

    if (!mbp_client_path_is_valid(path) || host == NULL || sink == NULL) {
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    len = snprintf((char *)buf, sizeof(buf), "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, host);
    if (len < 0 || (size_t)len >= sizeof(buf)) {
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    ret = mbp_client_write_all(client, buf, (size_t)len);
    if (ret != 0) {
        mbp_client_failure_record(client, ret);
        return ret;
    }
    for (;;) {
        ret = mbp_client_read_some(client, buf, sizeof(buf));
        if (ret < 0) {
            mbp_client_failure_record(client, ret);
            return ret;
        }
        if (ret == 0) {
            return 0;
        }
        ret = sink(sink_ctx, buf, (size_t)ret);
        if (ret != 0) {
            return ret;
        }
    }
}

/* One read for mbp_client_read_tickets(): 1 when a ticket was saved, 2 to read again, 0 when
 * the wait ended without data, or a negative error. */
static int mbp_client_ticket_read(struct mbp_client *client)
{
    unsigned char discard[256];
    int ret;

    ret = mbedtls_ssl_read(&client->ssl, discard, sizeof(discard));
    switch (ret) {
    case MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET:
        ret = mbp_client_session_save(client);
        return ret == 0 ? 1 : ret;
    case MBEDTLS_ERR_SSL_WANT_READ:
    case MBEDTLS_ERR_SSL_WANT_WRITE:
        /* Mbed TLS also says WANT_READ when it holds a ticket back for the next read. */
        return mbedtls_ssl_check_pending(&client->ssl) ? 2 : 0;
    case MBEDTLS_ERR_SSL_TIMEOUT:
        return 0;
    default:
        return ret < 0 ? ret : 2; /* 2: application data, discarded; keep waiting */
    }
}

int mbp_client_read_tickets(struct mbp_client *client, uint32_t timeout_ms)
{
    int tickets = 0;
    int ret;

    if (!mbedtls_ssl_is_handshake_over(&client->ssl)) {
        return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    }
    if (mbedtls_ssl_get_version_number(&client->ssl) != MBEDTLS_SSL_VERSION_TLS1_3) {
        return 0; /* TLS 1.2 tickets come inside the handshake: nothing to wait for */
    }
    mbedtls_ssl_conf_read_timeout(&client->conf, timeout_ms);
    do {
        ret = mbp_client_ticket_read(client);
        tickets += ret == 1;
    } while (ret > 0);
    mbedtls_ssl_conf_read_timeout(&client->conf, client->read_timeout_ms);
    if (ret < 0) {
        mbp_client_failure_record(client, ret);
        return ret;
    }
    return tickets;
}

int mbp_client_close(struct mbp_client *client)
{
    int ret;

    do {
        ret = mbedtls_ssl_close_notify(&client->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    return ret;
}

int mbp_client_reset(struct mbp_client *client, int resume)
{
    int ret;

    ret = mbedtls_ssl_session_reset(&client->ssl);
    if (ret != 0) {
        return ret;
    }
    mbp_client_info_clear(client);
    if (resume && client->have_saved_session) {
        return mbedtls_ssl_set_session(&client->ssl, &client->saved_session);
    }
    return 0;
}

void mbp_client_free(struct mbp_client *client)
{
    mbedtls_ssl_free(&client->ssl);
    mbedtls_ssl_config_free(&client->conf);
    mbedtls_x509_crt_free(&client->ca_chain);
    mbedtls_ssl_session_free(&client->saved_session);
    client->have_saved_session = 0;
}

void mbp_client_failure_fill(const struct mbp_client *client, struct mbp_diag_failure *failure)
{
    failure->observed = &client->observed;
    failure->peer_alert = client->peer_alert;
    failure->verify_flags = client->verify_flags;
    failure->in_len = client->failed_in_len;
    failure->in_len_from_record = client->failed_in_from_record;
}
