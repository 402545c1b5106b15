/* Profile hybrid: TLS 1.2 and TLS 1.3 client on PSA crypto, for fleets whose servers are not
 * all on TLS 1.3 yet.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * For: a device that must still reach TLS 1.2-only servers (older gateways, load balancers)
 * while using TLS 1.3 wherever the server offers it.
 *
 * Keeps:
 *   - Everything of tls13-psa for TLS 1.3: groups X25519, secp256r1, secp384r1; ECDSA
 *     P-256/P-384 and RSA signatures; the three TLS 1.3 AEAD suites; SNI; session tickets.
 *   - TLS 1.2 (RFC 5246) with only ECDHE-ECDSA and ECDHE-RSA key exchange and AEAD suites
 *     (AES-GCM, ChaCha20-Poly1305, RFC 5289 and RFC 7905): forward secrecy and no CBC, as
 *     RFC 9325 section 4.2 recommends.
 *   - Extended master secret (RFC 7627), so a TLS 1.2 session is bound to its handshake.
 *   - TLS 1.2 uses PSA crypto too (MBEDTLS_USE_PSA_CRYPTO): the client initialises PSA
 *     before any handshake, whatever version is negotiated.
 *
 * Leaves out: renegotiation (RFC 9325 section 3.5: an attack surface a client never needs),
 * static-RSA and plain DHE key exchange, PSK suites, CBC and every non-AEAD cipher, SHA-1 and
 * MD5 signatures, DTLS, encrypt-then-MAC (CBC only), truncated HMAC, the server side, client
 * certificates, ALPN, file-system access, debug output, self tests, key storage.
 */
#ifndef MBP_PROFILE_HYBRID_CONFIG_H
#define MBP_PROFILE_HYBRID_CONFIG_H

/* Platform: a hosted C library with time of day. */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE

/* PSA crypto for both TLS versions. */
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

/* TLS client, both versions. */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
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

#endif /* MBP_PROFILE_HYBRID_CONFIG_H */
