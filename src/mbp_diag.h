/* Diagnosis of client failures: the Mbed TLS code, its text, a cause and a fix in plain words.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_DIAG_H
#define MBP_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "mbp_observe.h"

/* The step that failed; it decides how an error code is read (an X.509 parse error in
 * MBP_DIAG_STAGE_SETUP concerns the CA file, in MBP_DIAG_STAGE_HANDSHAKE the server's chain). */
enum mbp_diag_stage {
    MBP_DIAG_STAGE_CA_FILE,   /* reading the CA file from disk (sys_errno tells why) */
    MBP_DIAG_STAGE_SETUP,     /* mbp_client_setup(): PSA, CA parsing, configuration */
    MBP_DIAG_STAGE_CONNECT,   /* mbp_net_connect() */
    MBP_DIAG_STAGE_HANDSHAKE, /* mbp_client_handshake() */
    MBP_DIAG_STAGE_REQUEST,   /* mbp_client_http_get() */
};

/* Everything known about one failure. Pointers may be NULL when unknown. */
struct mbp_diag_failure {
    enum mbp_diag_stage stage;
    int err;                             /* negative Mbed TLS, PSA or MBP_NET_ERR_* code */
    int sys_errno;                       /* errno behind a file or socket error, 0 if none */
    const char *profile;                 /* profile name, e.g. "x25519-min" */
    const char *peer;                    /* "127.0.0.1:4433" */
    const char *server_name;             /* name the certificate is checked against */
    const char *ca_path;                 /* CA file as given on the command line */
    const struct mbp_offer *offer;       /* what the client offered, see mbp_observe_offer_get() */
    const struct mbp_observed *observed; /* what the server's messages revealed */
    int peer_alert;                      /* alert description the server sent, -1 if none */
    uint32_t verify_flags;               /* MBEDTLS_X509_BADCERT_* flags, 0 if none */
    size_t in_len;          /* input buffer the record or handshake message being received when it
                             * failed needs, 0 if unknown (mbp_observe_in_len_get()) */
    int in_len_from_record; /* in_len is a record's content, the message may be larger */
};

#define MBP_DIAG_FLAGS_MAX 20

/* The diagnosis, as lines ready to print. */
struct mbp_diag_report {
    char what[192]; /* the step that failed, e.g. "TLS handshake with localhost (127.0.0.1:4433)" */
    char code[16];  /* "-0x2700" */
    char text[192]; /* Mbed TLS's description of the code, or this module's */
    char cause[1024]; /* one line: why it failed */
    char fix[1024];   /* one line: what to change */
    size_t flags_len;
    char flags[MBP_DIAG_FLAGS_MAX][192]; /* one decoded verification flag per line */
};

/* Fills report from failure. Never fails; unknown codes get a generic cause and fix. */
void mbp_diag_explain(const struct mbp_diag_failure *failure, struct mbp_diag_report *report);

/* Protocol versions this build of the client compiles in: "TLS 1.2 and TLS 1.3", "TLS 1.3". */
const char *mbp_diag_profile_versions(void);

#endif /* MBP_DIAG_H */
