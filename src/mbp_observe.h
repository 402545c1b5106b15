/* Observation of a handshake in progress: negotiated group, signature scheme, alerts, offer.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_OBSERVE_H
#define MBP_OBSERVE_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ssl.h>

/* What the server's handshake messages revealed so far. All zero before the first message. */
struct mbp_observed {
    uint16_t group_id;    /* IANA NamedGroup from key_share (1.3) or ServerKeyExchange (1.2) */
    uint16_t sig_alg_id;  /* IANA SignatureScheme from CertificateVerify / ServerKeyExchange */
    int hello_retry;      /* 1 when the server answered with a HelloRetryRequest */
    int peer_certificate; /* 1 when the server sent a Certificate message */
    int psk_accepted;     /* 1 when a TLS 1.3 ServerHello accepted the offered ticket */
    int cert_requested;   /* 1 when the server asked for a client certificate */
    /* Bookkeeping of mbp_observe_step(): the handshake state after the last step, and how many
     * times the client started waiting for a ServerHello (twice after a HelloRetryRequest). */
    int last_state;
    int server_hello_waits;
};

/* What a client configuration offers, as the lists Mbed TLS will send. The pointers refer to
 * the configuration's own lists and stay valid as long as it does. */
struct mbp_offer {
    int min_tls_version;      /* mbedtls_ssl_protocol_version */
    int max_tls_version;      /* mbedtls_ssl_protocol_version */
    const uint16_t *groups;   /* IANA NamedGroups, 0-terminated; NULL if unknown */
    const uint16_t *sig_algs; /* IANA SignatureSchemes, 0-terminated; NULL if unknown */
    const int *suites;        /* ciphersuite ids, 0-terminated; NULL if unknown */
};

/* Parses one complete handshake message (4-byte header included) sent by a server and
 * records what it reveals in obs. tls12_ecdhe tells that the negotiated TLS 1.2 suite uses
 * ECDHE, so a ServerKeyExchange carries ECDHE parameters. Reads nothing beyond msg_len, so it
 * accepts any input. Returns 0, or -1 when the message is truncated or malformed (obs may then
 * be partly updated). */
int mbp_observe_msg_parse(const unsigned char *msg, size_t msg_len, int tls12_ecdhe,
                          struct mbp_observed *obs);

/* Call after every mbedtls_ssl_handshake_step(), whatever it returned: if the step left a
 * complete handshake message from the server in the input buffer, parses it into obs. */
void mbp_observe_step(const mbedtls_ssl_context *ssl, struct mbp_observed *obs);

/* Description of the alert that the peer sent last (RFC 8446 section 6), or -1 if the last
 * record received was not an alert. Meaningful right after MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE. */
int mbp_observe_alert_get(const mbedtls_ssl_context *ssl);

/* Bytes of input buffer that what was being received when a handshake failed needs: the
 * handshake message length (header included), or the content of the record last read when
 * that is larger (its length field, less the 17 bytes a TLS 1.3 AEAD record adds to its
 * content); 0 if neither is known. *from_record tells which. A value above
 * MBEDTLS_SSL_IN_CONTENT_LEN means the server sent more in one piece than the buffer holds. */
size_t mbp_observe_in_len_get(const mbedtls_ssl_context *ssl, int *from_record);

/* Fills offer from conf, after mbedtls_ssl_config_defaults() and the client's own settings. */
void mbp_observe_offer_get(const mbedtls_ssl_config *conf, struct mbp_offer *offer);

#endif /* MBP_OBSERVE_H */
