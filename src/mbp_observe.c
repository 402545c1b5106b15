/* Observation of a handshake in progress: negotiated group, signature scheme, alerts, offer.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* This file, and only this file, reads private fields of Mbed TLS 3.6 structures: in
 * mbedtls_ssl_context the input buffer (in_msgtype, in_msg, in_msglen, in_hslen, in_hdr,
 * in_left), the handshake state and session_negotiate; the key exchange of a ciphersuite; the
 * offer lists of mbedtls_ssl_config. Mbed TLS 3.6 has no public API that reports the
 * negotiated key-exchange group or signature scheme, whether a HelloRetryRequest happened, the
 * description of a received alert, the size of a record that did not fit, or the lists a
 * configuration offers, and the reports and diagnostics of this project need all of them.
 * These fields may change in any release: this file is the one place to revisit when the Mbed
 * TLS version moves. */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS

#include "mbp_observe.h"

#include <string.h>

#include <mbedtls/ssl_ciphersuites.h>

#define MBP_OBSERVE_REC_HANDSHAKE 22
#define MBP_OBSERVE_REC_ALERT     21

#define MBP_OBSERVE_HS_SERVER_HELLO        2
#define MBP_OBSERVE_HS_CERTIFICATE         11
#define MBP_OBSERVE_HS_SERVER_KEY_EXCHANGE 12
#define MBP_OBSERVE_HS_CERTIFICATE_REQUEST 13
#define MBP_OBSERVE_HS_CERTIFICATE_VERIFY  15

#define MBP_OBSERVE_EXT_PRE_SHARED_KEY 0x0029
#define MBP_OBSERVE_EXT_KEY_SHARE      0x0033

#define MBP_OBSERVE_CURVE_TYPE_NAMED 3

/* Bounds-checked reader over a byte string. */
struct mbp_reader {
    const unsigned char *p;
    size_t left;
};

static int mbp_reader_u8(struct mbp_reader *rd, unsigned *value)
{
    if (rd->left < 1) {
        return -1;
    }
    *value = rd->p[0];
    rd->p += 1;
    rd->left -= 1;
    return 0;
}

static int mbp_reader_u16(struct mbp_reader *rd, unsigned *value)
{
    if (rd->left < 2) {
        return -1;
    }
    *value = ((unsigned)rd->p[0] << 8) | rd->p[1];
    rd->p += 2;
    rd->left -= 2;
    return 0;
}

/* Takes the next len bytes as a sub-reader (sub may be NULL to skip them). */
static int mbp_reader_take(struct mbp_reader *rd, size_t len, struct mbp_reader *sub)
{
    if (rd->left < len) {
        return -1;
    }
    if (sub != NULL) {
        sub->p = rd->p;
        sub->left = len;
    }
    rd->p += len;
    rd->left -= len;
    return 0;
}

/* Random value that marks a ServerHello as a HelloRetryRequest: RFC 8446 section 4.1.3. */
static const unsigned char mbp_observe_hrr_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* Extensions of a ServerHello or HelloRetryRequest. Both start the key_share data with the
 * group (RFC 8446 section 4.2.8), so the real ServerHello that follows an HRR overwrites the
 * value. */
static int mbp_observe_hello_exts_parse(struct mbp_reader *exts, struct mbp_observed *obs)
{
    unsigned type;
    unsigned len;
    unsigned group;
    struct mbp_reader data;

    while (exts->left > 0) {
        if (mbp_reader_u16(exts, &type) != 0 || mbp_reader_u16(exts, &len) != 0 ||
            mbp_reader_take(exts, len, &data) != 0) {
            return -1;
        }
        if (type == MBP_OBSERVE_EXT_KEY_SHARE) {
            if (mbp_reader_u16(&data, &group) != 0) {
                return -1;
            }
            obs->group_id = (uint16_t)group;
        } else if (type == MBP_OBSERVE_EXT_PRE_SHARED_KEY) {
            obs->psk_accepted = 1;
        }
    }
    return 0;
}

/* ServerHello body: RFC 8446 section 4.1.3 (and RFC 5246 section 7.4.1.3). */
static int mbp_observe_server_hello_parse(struct mbp_reader *body, struct mbp_observed *obs)
{
    struct mbp_reader random;
    struct mbp_reader exts;
    unsigned session_id_len;
    unsigned exts_len;

    if (mbp_reader_take(body, 2, NULL) != 0 || mbp_reader_take(body, 32, &random) != 0) {
        return -1;
    }
    if (memcmp(random.p, mbp_observe_hrr_random, sizeof(mbp_observe_hrr_random)) == 0) {
        obs->hello_retry = 1;
    }
    if (mbp_reader_u8(body, &session_id_len) != 0 ||
        mbp_reader_take(body, session_id_len, NULL) != 0 ||
        mbp_reader_take(body, 2 + 1, NULL) != 0) { /* cipher_suite, compression_method */
        return -1;
    }
    if (body->left == 0) {
        return 0; /* a TLS 1.2 ServerHello may have no extensions */
    }
    if (mbp_reader_u16(body, &exts_len) != 0 || mbp_reader_take(body, exts_len, &exts) != 0) {
        return -1;
    }
    return mbp_observe_hello_exts_parse(&exts, obs);
}

/* TLS 1.2 ServerKeyExchange for ECDHE: RFC 8422 section 5.4 (ECParameters with a named curve,
 * the public point, then the TLS 1.2 SignatureAndHashAlgorithm of RFC 5246 section 7.4.3). */
static int mbp_observe_ske_parse(struct mbp_reader *body, struct mbp_observed *obs)
{
    unsigned curve_type;
    unsigned group;
    unsigned point_len;
    unsigned sig_alg;

    if (mbp_reader_u8(body, &curve_type) != 0 || curve_type != MBP_OBSERVE_CURVE_TYPE_NAMED) {
        return -1;
    }
    if (mbp_reader_u16(body, &group) != 0) {
        return -1;
    }
    obs->group_id = (uint16_t)group;
    if (mbp_reader_u8(body, &point_len) != 0 || mbp_reader_take(body, point_len, NULL) != 0 ||
        mbp_reader_u16(body, &sig_alg) != 0) {
        return -1;
    }
    obs->sig_alg_id = (uint16_t)sig_alg;
    return 0;
}

int mbp_observe_msg_parse(const unsigned char *msg, size_t msg_len, int tls12_ecdhe,
                          struct mbp_observed *obs)
{
    struct mbp_reader rd = {.p = msg, .left = msg_len};
    struct mbp_reader body;
    unsigned type;
    unsigned len_hi;
    unsigned len_lo;
    unsigned sig_alg;

    if (msg == NULL || obs == NULL || mbp_reader_u8(&rd, &type) != 0 ||
        mbp_reader_u8(&rd, &len_hi) != 0 || mbp_reader_u16(&rd, &len_lo) != 0 ||
        mbp_reader_take(&rd, ((size_t)len_hi << 16) | len_lo, &body) != 0) {
        return -1;
    }
    switch (type) {
    case MBP_OBSERVE_HS_SERVER_HELLO:
        return mbp_observe_server_hello_parse(&body, obs);
    case MBP_OBSERVE_HS_CERTIFICATE:
        obs->peer_certificate = 1;
        return 0;
    case MBP_OBSERVE_HS_SERVER_KEY_EXCHANGE:
        /* Known shortcoming: TLS 1.2 DHE parameters (default profile only) carry a prime, not
         * a group id, so group and signature stay 0 for DHE-RSA suites; no project profile
         * offers DHE. */
        return tls12_ecdhe ? mbp_observe_ske_parse(&body, obs) : 0;
    case MBP_OBSERVE_HS_CERTIFICATE_REQUEST:
        obs->cert_requested = 1;
        return 0;
    case MBP_OBSERVE_HS_CERTIFICATE_VERIFY: /* RFC 8446 section 4.4.3 */
        if (mbp_reader_u16(&body, &sig_alg) != 0) {
            return -1;
        }
        obs->sig_alg_id = (uint16_t)sig_alg;
        return 0;
    default:
        return 0;
    }
}

static int mbp_observe_suite_is_ecdhe(const mbedtls_ssl_context *ssl)
{
    const mbedtls_ssl_ciphersuite_t *suite;

    if (ssl->session_negotiate == NULL) {
        return 0;
    }
    suite = mbedtls_ssl_ciphersuite_from_id(ssl->session_negotiate->ciphersuite);
    if (suite == NULL) {
        return 0;
    }
    return suite->key_exchange == MBEDTLS_KEY_EXCHANGE_ECDHE_RSA ||
           suite->key_exchange == MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA;
}

/* Mbed TLS wipes the input buffer once it has handled a HelloRetryRequest, so the message
 * itself is never seen after the step; the second wait for a ServerHello reveals it instead. */
static void mbp_observe_state_track(const mbedtls_ssl_context *ssl, struct mbp_observed *obs)
{
    if (ssl->state == obs->last_state) {
        return;
    }
    obs->last_state = ssl->state;
    if (ssl->state == MBEDTLS_SSL_SERVER_HELLO) {
        obs->server_hello_waits++;
        if (obs->server_hello_waits > 1) {
            obs->hello_retry = 1;
        }
    }
}

void mbp_observe_step(const mbedtls_ssl_context *ssl, struct mbp_observed *obs)
{
    if (ssl == NULL || obs == NULL) {
        return;
    }
    mbp_observe_state_track(ssl, obs);
    /* in_hslen <= in_msglen holds only once a fragmented message is fully reassembled. */
    if (ssl->in_msg == NULL || ssl->in_msgtype != MBP_OBSERVE_REC_HANDSHAKE || ssl->in_hslen < 4 ||
        ssl->in_hslen > ssl->in_msglen) {
        return;
    }
    (void)mbp_observe_msg_parse(ssl->in_msg, ssl->in_hslen, mbp_observe_suite_is_ecdhe(ssl), obs);
}

int mbp_observe_alert_get(const mbedtls_ssl_context *ssl)
{
    if (ssl == NULL || ssl->in_msg == NULL || ssl->in_msgtype != MBP_OBSERVE_REC_ALERT ||
        ssl->in_msglen < 2) {
        return -1;
    }
    return ssl->in_msg[1];
}

size_t mbp_observe_in_len_get(const mbedtls_ssl_context *ssl, int *from_record)
{
    size_t hs_len = 0;
    size_t rec_len = 0;

    *from_record = 0;
    if (ssl == NULL) {
        return 0;
    }
    if (ssl->in_msgtype == MBP_OBSERVE_REC_HANDSHAKE) {
        hs_len = ssl->in_hslen;
    }
    /* TLS record header: type (1), legacy version (2), length (2); RFC 8446 section 5.1. A
     * header with another type or version is not TLS (plain HTTP, say) and has no length. */
    if (ssl->in_hdr != NULL && ssl->in_left >= 5 && ssl->in_hdr[0] >= 20 && ssl->in_hdr[0] <= 23 &&
        ssl->in_hdr[1] == 3) {
        rec_len = ((size_t)ssl->in_hdr[3] << 8) | ssl->in_hdr[4];
    }
    /* An encrypted TLS 1.3 record (application_data on the wire) carries its content type
     * and a 16-byte tag besides the content (RFC 8446 section 5.2); Mbed TLS sizes its input
     * buffer for the content and leaves room for that. */
    if (ssl->in_hdr != NULL && ssl->in_left >= 5 && ssl->in_hdr[0] == 23 && rec_len > 17) {
        rec_len -= 17;
    }
    if (rec_len > hs_len) {
        *from_record = 1;
        return rec_len;
    }
    return hs_len;
}

void mbp_observe_offer_get(const mbedtls_ssl_config *conf, struct mbp_offer *offer)
{
    memset(offer, 0, sizeof(*offer));
    if (conf == NULL) {
        return;
    }
    offer->min_tls_version = (int)conf->min_tls_version;
    offer->max_tls_version = (int)conf->max_tls_version;
    offer->groups = conf->group_list;
#if defined(MBEDTLS_SSL_HANDSHAKE_WITH_CERT_ENABLED)
    offer->sig_algs = conf->sig_algs;
#endif
    offer->suites = conf->ciphersuite_list;
}
