/* TLS client core shared by every profile: configuration, handshake and one request over I/O
 * callbacks, so the same code runs over sockets, in benchmarks and under a fuzzer.
 * Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_CLIENT_H
#define MBP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

/* What the caller asks for. Verification is always required: there is no field to relax it. */
struct mbp_client_config {
    const char *server_name;     /* SNI and the name checked against the certificate */
    const unsigned char *ca_buf; /* trusted CA chain, PEM (NUL included in ca_len) or DER */
    size_t ca_len;
    /* Version bounds as mbedtls_ssl_protocol_version; 0 leaves the profile's own bound. */
    int min_tls_version;
    int max_tls_version;
};

/* What the last handshake negotiated; names are static strings, never NULL. */
struct mbp_hs_info {
    const char *tls_version;  /* "TLSv1.3" */
    const char *ciphersuite;  /* IANA name as Mbed TLS prints it */
    uint16_t group_id;        /* IANA NamedGroup, 0 when not observed */
    const char *group;        /* "x25519", "unknown" */
    uint16_t sig_alg_id;      /* IANA SignatureScheme, 0 when not observed (resumption) */
    const char *sig_alg;      /* "ecdsa_secp256r1_sha256", "none" */
    int resumed;              /* 1 when the session was resumed */
};

struct mbp_client {
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    mbedtls_x509_crt ca_chain;
    mbedtls_ssl_session saved_session;
    int have_saved_session;
    struct mbp_hs_info info;
};

/* Sink for response bytes of mbp_client_http_get(); returns 0 or a negative error. */
typedef int mbp_client_sink_t(void *sink_ctx, const unsigned char *buf, size_t len);

/* Puts every member in a state that mbp_client_free() accepts. Never fails. */
void mbp_client_init(struct mbp_client *client);

/* Initialises PSA crypto (first, always), parses the CA chain and configures the client for the
 * profile it was built with. Returns 0 or a negative Mbed TLS / PSA error. */
int mbp_client_setup(struct mbp_client *client, const struct mbp_client_config *config);

/* Attaches the transport. recv_timeout may be NULL. */
void mbp_client_set_io(struct mbp_client *client, void *io_ctx, mbedtls_ssl_send_t *send,
                       mbedtls_ssl_recv_t *recv, mbedtls_ssl_recv_timeout_t *recv_timeout);

/* Runs the handshake to its end and fills client->info. Returns 0 or a negative error. */
int mbp_client_handshake(struct mbp_client *client);

/* Sends "GET path" over the established session and passes the response to sink until the
 * server closes. Returns 0 or a negative error. */
int mbp_client_http_get(struct mbp_client *client, const char *path, mbp_client_sink_t *sink,
                        void *sink_ctx);

/* Sends close_notify. Returns 0 or a negative error. */
int mbp_client_close(struct mbp_client *client);

/* Makes the context ready for a new connection on a new transport. With resume != 0 and a saved
 * session (a ticket the server sent), the next handshake offers it. Returns 0 or negative. */
int mbp_client_reset(struct mbp_client *client, int resume);

/* Frees everything; safe after mbp_client_init() alone. */
void mbp_client_free(struct mbp_client *client);

#endif /* MBP_CLIENT_H */
