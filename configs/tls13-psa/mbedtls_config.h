/* Profile tls13-psa: TLS 1.3-only client on PSA crypto, able to reach the public web.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * For: a device that talks TLS 1.3 to servers it does not control (cloud endpoints, public
 * web servers) and must accept the certificates and groups those servers actually use.
 *
 * Keeps:
 *   - TLS 1.3 only (RFC 8446), client side, full handshake with (EC)DHE key exchange
 *     (RFC 8446 section 4.2.9: psk_dhe_ke for resumption, no psk_ke: every connection,
 *     resumed or not, gets forward secrecy).
 *   - Key-exchange groups X25519, secp256r1, secp384r1 (crypto_config.h), in that order of
 *     preference: what public servers accept (RFC 8446 section 9.1 makes secp256r1 mandatory,
 *     X25519 recommended).
 *   - Signatures: ECDSA P-256/P-384 and RSA; RSA-PSS in the handshake (RFC 8446 section
 *     4.2.3 requires rsa_pss_rsae_* for CertificateVerify), PKCS#1 v1.5 only in certificates.
 *     RSA public keys up to 4096 bits (MBEDTLS_MPI_MAX_SIZE), the largest roots in use.
 *   - Suites TLS_AES_128_GCM_SHA256 (mandatory, RFC 8446 section 9.1), TLS_AES_256_GCM_SHA384,
 *     TLS_CHACHA20_POLY1305_SHA256.
 *   - SNI (RFC 6066 section 3): most public servers pick the certificate by it.
 *   - Session tickets for resumption (RFC 8446 section 4.6.1).
 *   - Certificate validity dates (MBEDTLS_HAVE_TIME_DATE): an expired server certificate is
 *     refused. PEM CA files. Error strings for diagnosis (MBEDTLS_ERROR_C).
 *   - Middlebox compatibility mode (RFC 8446 appendix D.4): some networks drop TLS 1.3
 *     handshakes that do not look like TLS 1.2 resumption.
 *   - 16 KiB input records: a server may send any record up to 2^14 bytes and TLS 1.3 has no
 *     way to ask for less that all servers honour. Output records are 4 KiB: the client
 *     itself sends small messages, and Mbed TLS splits larger writes.
 *
 * Leaves out: TLS 1.2 and DTLS, the server side, PSK-only key exchange, early data, FFDHE
 * groups, every CBC or non-AEAD cipher, SHA-1 and MD5 signatures, renegotiation (not in TLS
 * 1.3), client certificates, ALPN (add MBEDTLS_SSL_ALPN for HTTP/2), file-system access,
 * debug output, self tests, key storage.
 */
#ifndef MBP_PROFILE_TLS13_PSA_CONFIG_H
#define MBP_PROFILE_TLS13_PSA_CONFIG_H

/* Platform: a hosted C library with time of day. */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE

/* PSA crypto: mechanisms come from crypto_config.h; TLS and X.509 use PSA for their crypto. */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_CRYPTO_CONFIG
#define MBEDTLS_USE_PSA_CRYPTO
#define MBEDTLS_PSA_KEY_STORE_DYNAMIC
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_AESNI_C /* x86-64 AES instructions when present; no code on other targets */
/* GCM runs AES forwards in both directions, and nothing here needs CBC, ECB or XTS: without the
 * decryption code and its tables the Cortex-M4 image is 1.2 KB smaller in flash and 4.3 KB in
 * RAM (the tables AES builds at first use). */
#define MBEDTLS_BLOCK_CIPHER_NO_DECRYPT
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_MPI_MAX_SIZE 512 /* RSA-4096 */

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
/* Named for X.509, but it also enables the rsa_pss_rsae_* schemes in TLS: without it the
 * client cannot verify any RSA server in TLS 1.3 (RFC 8446 section 4.2.3). */
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT

/* TLS 1.3 client. */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096

/* Diagnosis: mbedtls_strerror() texts. */
#define MBEDTLS_ERROR_C

#endif /* MBP_PROFILE_TLS13_PSA_CONFIG_H */
