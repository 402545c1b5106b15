/* TLS client core shared by every profile: configuration, handshake and one request over I/O
 * callbacks, so the same code runs over sockets, in benchmarks and under a fuzzer.
 * Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_CLIENT_H
#define MBP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "mbp_observe.h"

/* What the caller asks for. Verification is always required: there is no field to relax it. */
struct mbp_client_config {
    const char *server_name;     /* SNI and the name checked against the certificate */
    const unsigned char *ca_buf; /* trusted CA chain, PEM (NUL included in ca_len) or DER */
    size_t ca_len;
    /* Version bounds as mbedtls_ssl_protocol_version; 0 leaves the profile's own bound. */
    int min_tls_version;
    int max_tls_version;
    /* Longest wait for data from the server, in ms, once the transport has a recv_timeout
     * callback; 0 waits forever. */
    uint32_t read_timeout_ms;
    /* Key-exchange groups to offer, IANA ids, 0-terminated, in order of preference; it must
     * outlive the client. NULL offers the profile's groups: MBP_PROFILE_GROUPS if the profile's
     * configuration defines it, else every group the profile compiles in. */
    const uint16_t *groups;
};

/* What the last handshake negotiated; names are static strings, never NULL. */
struct mbp_hs_info {
    const char *tls_version; /* "TLSv1.3" */
    const char *ciphersuite; /* IANA name as Mbed TLS prints it */
    uint16_t group_id;       /* IANA NamedGroup, 0 when not observed */
    const char *group;       /* "x25519", "unknown" */
    uint16_t sig_alg_id;     /* IANA SignatureScheme, 0 when not observed (resumption) */
    const char *sig_alg;     /* "ecdsa_secp256r1_sha256", "none" */
    int resumed;             /* 1 when the session was resumed */
    int hello_retry;         /* 1 when the server asked for another key share (HRR) */
};

struct mbp_client {
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    mbedtls_x509_crt ca_chain;
    mbedtls_ssl_session saved_session;
    int have_saved_session;
    struct mbp_hs_info info;
    struct mbp_observed observed; /* what the server's messages revealed, see mbp_observe.h */
    /* After a failed handshake: the alert the server sent (-1 if none), the certificate
     * verification flags (MBEDTLS_X509_BADCERT_*, 0 if verification did not fail) and the
     * input buffer that the record or handshake message being received needs (0 if unknown;
     * failed_in_from_record: the record's content, not a whole handshake message). */
    int peer_alert;
    uint32_t verify_flags;
    size_t failed_in_len;
    int failed_in_from_record;
    int ca_skipped; /* certificates of ca_buf that could not be parsed and were left out */
    uint32_t read_timeout_ms; /* from the configuration, restored by mbp_client_read_tickets */
};

/* Sink for response bytes of mbp_client_http_get(); returns 0 or a negative error. */
typedef int mbp_client_sink_t(void *sink_ctx, const unsigned char *buf, size_t len);

/* Puts every member in a state that mbp_client_free() accepts. Never fails. */
void mbp_client_init(struct mbp_client *client);

/* Initialises PSA crypto (first, always), parses the CA chain and configures the client for the
 * profile it was built with. Refuses a NULL or empty server_name: the certificate is always
 * checked against a name. Certificates of ca_buf that the profile cannot parse (for example RSA
 * in a profile without RSA) are left out and counted in client->ca_skipped, as long as one
 * certificate remains. Returns 0 or a negative Mbed TLS / PSA error; MBEDTLS_ERR_X509_*,
 * MBEDTLS_ERR_PEM_* and MBEDTLS_ERR_PK_* codes mean the CA chain could not be used. */
int mbp_client_setup(struct mbp_client *client, const struct mbp_client_config *config);

/* Attaches the transport. recv_timeout may be NULL. */
void mbp_client_set_io(struct mbp_client *client, void *io_ctx, mbedtls_ssl_send_t *send,
                       mbedtls_ssl_recv_t *recv, mbedtls_ssl_recv_timeout_t *recv_timeout);

/* Runs the handshake to its end and fills client->info. With a non-blocking transport it may
 * return MBEDTLS_ERR_SSL_WANT_READ or MBEDTLS_ERR_SSL_WANT_WRITE: call it again when the
 * transport is ready. On failure, client->peer_alert, verify_flags and failed_in_len describe
 * it for mbp_diag. After a TLS 1.2 handshake the session is saved for mbp_client_reset(c, 1)
 * (the server resumes it by ticket or by session id). Returns 0 or a negative error. */
int mbp_client_handshake(struct mbp_client *client);

/* Longest request mbp_client_http_get() sends, bytes: "GET ", the path, " HTTP/1.0", CRLF,
 * "Host: ", the server name and two CRLF (MBP_CLIENT_REQUEST_OVERHEAD bytes besides the path and
 * the name). */
#define MBP_CLIENT_REQUEST_SIZE     1024
#define MBP_CLIENT_REQUEST_OVERHEAD 25

/* Sends "GET path HTTP/1.0" with the server name as Host over the established session and
 * passes the response to sink until the server closes (close_notify, or end of stream without
 * it, which HTTP/1.0 allows). TLS 1.3 tickets that arrive meanwhile are saved. path must start
 * with '/' and hold no control character or space. Needs a blocking transport or a
 * recv_timeout callback. Returns 0 or a negative error. */
int mbp_client_http_get(struct mbp_client *client, const char *path, mbp_client_sink_t *sink,
                        void *sink_ctx);

/* Waits up to timeout_ms for TLS 1.3 NewSessionTicket messages after the handshake, without
 * sending a request, and saves the last ticket for mbp_client_reset(c, 1). It stops at the
 * first period of timeout_ms without data (the transport needs a recv_timeout callback; with a
 * non-blocking one it stops when no data is ready). Application data arriving meanwhile is
 * discarded, so call it before any request. Returns at once with 0 for a TLS 1.2 session, whose
 * resumption data the handshake saved. Returns the number of tickets saved or a negative
 * error. */
int mbp_client_read_tickets(struct mbp_client *client, uint32_t timeout_ms);

/* Sends close_notify. Returns 0 or a negative error. */
int mbp_client_close(struct mbp_client *client);

/* Makes the context ready for a new connection on a new transport. With resume != 0 and a saved
 * session (a ticket the server sent), the next handshake offers it. Returns 0 or negative. */
int mbp_client_reset(struct mbp_client *client, int resume);

/* Frees everything; safe after mbp_client_init() alone. */
void mbp_client_free(struct mbp_client *client);

struct mbp_diag_failure;

/* Copies into failure what a failed handshake left in client: what the server's messages
 * revealed, its alert, the verification flags and the input that did not fit. The caller
 * sets the rest (stage, code, names, offer). */
void mbp_client_failure_fill(const struct mbp_client *client, struct mbp_diag_failure *failure);

#endif /* MBP_CLIENT_H */
