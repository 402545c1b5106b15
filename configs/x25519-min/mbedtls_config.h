/* Profile x25519-min: the smallest TLS 1.3 client that still verifies its server.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * For: a constrained device talking to servers its own team runs, so both ends can agree on
 * one group, one suite and one certificate type.
 *
 * Keeps:
 *   - TLS 1.3 only (RFC 8446), full handshake with ephemeral ECDHE, client side.
 *   - X25519 as the only key-exchange group (RFC 8446 section 4.2.7; RFC 7748).
 *   - TLS_AES_128_GCM_SHA256 as the only suite: the one every TLS 1.3 server must implement
 *     (RFC 8446 section 9.1).
 *   - ECDSA P-256 with SHA-256 as the only signature (server certificates and
 *     CertificateVerify); secp256r1 exists here for signature verification only.
 *   - Full certificate verification: CA chain, validity dates, host name (SNI is sent too,
 *     RFC 6066 section 3, for servers that host several names).
 *   - PEM CA files (a device can pass DER instead; PEM costs about 1 KB of code).
 *   - Input records of 4 KiB and output records of 2 KiB. The server must keep its records
 *     (and its certificate chain message, if it is not fragmented) within 4 KiB: a record
 *     that is larger fails (-0x7100 in Mbed TLS 3.6), which the client explains.
 *     TLS 1.3 offers no negotiation of a smaller record size in Mbed TLS 3.6 that all
 *     servers honour, so this is a choice for servers you run yourself.
 *
 * Leaves out: other groups (a server that refuses X25519 fails: no common group), RSA,
 * P-384, ChaCha20, AES-256, SHA-384, session tickets and resumption (every connection is a
 * full handshake: smaller code, no ticket storage), middlebox compatibility mode, error
 * strings (MBEDTLS_ERROR_C; the client has its own table for the errors it explains),
 * X.509 info strings (MBEDTLS_X509_REMOVE_INFO), TLS 1.2, DTLS, renegotiation, the server
 * side, client certificates, ALPN, file-system access, debug output, self tests.
 *
 * Speed against size, measured on x86-64 with Mbed TLS 3.6.7 (client text, handshake median):
 *   - MBEDTLS_ECP_NIST_OPTIM is kept: about 0.9 KB of code that makes the P-256 signature
 *     check about three times faster (handshake 15 ms without it, 5 ms with it).
 *   - MBEDTLS_ECP_FIXED_POINT_OPTIM is left out: its precomputed P-256 tables cost about
 *     4 KB of code and 0.8 KB of data for a further 2 ms (handshake 3.2 ms with them).
 *   - MBEDTLS_ECP_WINDOW_SIZE 2: smaller point tables on the heap during a multiplication.
 */
#ifndef MBP_PROFILE_X25519_MIN_CONFIG_H
#define MBP_PROFILE_X25519_MIN_CONFIG_H

/* Platform: a C library with time of day (the certificate validity check needs it). */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE

/* PSA crypto, with a fixed key store: no heap for key slots, a known upper bound. */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_CRYPTO_CONFIG
#define MBEDTLS_USE_PSA_CRYPTO
#define MBEDTLS_PSA_KEY_SLOT_COUNT 8
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_AESNI_C /* x86-64 AES instructions when present; no code on other targets */
/* GCM runs AES forwards in both directions, and nothing here needs CBC, ECB or XTS: without the
 * decryption code and its tables the Cortex-M4 image is 1.2 KB smaller in flash and 4.3 KB in
 * RAM (the tables AES builds at first use). */
#define MBEDTLS_BLOCK_CIPHER_NO_DECRYPT
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_MPI_MAX_SIZE 32 /* 256-bit curves only */

/* Keys and certificates. */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_MD_C
#define MBEDTLS_OID_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_REMOVE_INFO

/* TLS 1.3 client, one suite. */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
#define MBEDTLS_SSL_CIPHERSUITES MBEDTLS_TLS1_3_AES_128_GCM_SHA256
#define MBEDTLS_SSL_IN_CONTENT_LEN 4096
#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048

/* The groups the project's client offers (mbedtls_ssl_conf_groups). PSA enables ECDH on every
 * curve it has, and secp256r1 is here for ECDSA, so without this list the client would also
 * offer secp256r1 for key exchange. */
#define MBP_PROFILE_GROUPS MBEDTLS_SSL_IANA_TLS_GROUP_X25519

#endif /* MBP_PROFILE_X25519_MIN_CONFIG_H */
