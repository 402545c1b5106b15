/* Consistency checks every profile includes at the end of its crypto_config.h.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mbed TLS's check_config.h catches missing dependencies; these catch what it lets through:
 * choices that build but would make a client insecure, and combinations that build but can
 * never complete a handshake. A profile edited by hand cannot ship either. Each check names the
 * option to change; tests/profile-checks.sh builds a variant of a real profile for each one.
 * The "default" profile (Mbed TLS's own configuration) does not include this file.
 */
#ifndef MBP_PROFILE_CHECK_H
#define MBP_PROFILE_CHECK_H

#if !defined(MBEDTLS_X509_CRT_PARSE_C)
#error "profile check: no X.509 certificate parsing; the client could not verify its server"
#endif

#if !defined(MBEDTLS_HAVE_TIME_DATE)
#error "profile check: MBEDTLS_HAVE_TIME_DATE is off; expired certificates would be accepted"
#endif

#if defined(MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME)
#error "profile check: certificates must be checked against the server name"
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && !defined(MBEDTLS_SSL_EXTENDED_MASTER_SECRET)
#error "profile check: TLS 1.2 without extended master secret (RFC 7627); define it"
#endif

#if defined(MBEDTLS_SSL_RENEGOTIATION)
#error "profile check: renegotiation is off in every profile; undefine MBEDTLS_SSL_RENEGOTIATION"
#endif

#if defined(MBEDTLS_KEY_EXCHANGE_RSA_ENABLED)
#error "profile check: static-RSA key exchange has no forward secrecy; leave it out"
#endif

#if defined(MBEDTLS_CIPHER_MODE_CBC) || defined(PSA_WANT_ALG_CBC_NO_PADDING) || \
    defined(PSA_WANT_ALG_CBC_PKCS7)
#error "profile check: CBC modes are left out of every profile; use AEAD suites only"
#endif

/* Inconsistencies that Mbed TLS 3.6.7's check_config.h lets through: without these checks the
 * library builds, and the client fails only inside a handshake, with an error that blames the
 * server. Tried against openssl s_server: ECDH without key-pair generation fails with -0x7080
 * (feature unavailable); no AEAD, with the server's handshake_failure alert; no (EC)DHE mode
 * in TLS 1.3, with its missing_extension alert. */

#if defined(MBEDTLS_SSL_CLI_C) && defined(PSA_WANT_ALG_ECDH) && \
    !defined(PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE)
#error "profile check: ECDH without PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE: no key share"
#endif

#if defined(MBEDTLS_SSL_CLI_C) && defined(PSA_WANT_ALG_FFDH) && \
    !defined(PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE)
#error "profile check: FFDH without PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE: no key share"
#endif

/* A full handshake authenticated by the server's certificate needs the (EC)DHE mode; the PSK
 * modes alone only resume (RFC 8446 section 4.2.9). */
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && \
    !defined(MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED)
#error "profile check: TLS 1.3 without MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED"
#endif

/* RFC 8446 section 4.2.9: psk_ke resumes without a fresh (EC)DHE, so whoever learns the ticket
 * key can read every resumed session. */
#if defined(MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED)
#error "profile check: TLS 1.3 psk_ke has no forward secrecy; use the PSK_EPHEMERAL mode"
#endif

/* The AEAD ciphers a record can use. TLS 1.3 always goes through PSA; TLS 1.2 does too under
 * MBEDTLS_USE_PSA_CRYPTO, and through the legacy modules otherwise. CBC is refused above, so
 * without an AEAD no suite at all would remain. */
#if ((defined(PSA_WANT_ALG_GCM) || defined(PSA_WANT_ALG_CCM)) && \
     defined(PSA_WANT_KEY_TYPE_AES)) || \
    (defined(PSA_WANT_ALG_CHACHA20_POLY1305) && defined(PSA_WANT_KEY_TYPE_CHACHA20))
#define MBP_PROFILE_CHECK_PSA_AEAD
#endif
#if defined(MBEDTLS_GCM_C) || defined(MBEDTLS_CCM_C) || defined(MBEDTLS_CHACHAPOLY_C)
#define MBP_PROFILE_CHECK_LEGACY_AEAD
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && !defined(MBP_PROFILE_CHECK_PSA_AEAD)
#error "profile check: TLS 1.3 without an AEAD (GCM/CCM with AES, or ChaCha20-Poly1305)"
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && !defined(MBP_PROFILE_CHECK_PSA_AEAD) && \
    (defined(MBEDTLS_USE_PSA_CRYPTO) || !defined(MBP_PROFILE_CHECK_LEGACY_AEAD))
#error "profile check: TLS 1.2 without an AEAD (GCM/CCM with AES, or ChaCha20-Poly1305)"
#endif

#undef MBP_PROFILE_CHECK_PSA_AEAD
#undef MBP_PROFILE_CHECK_LEGACY_AEAD

/* RFC 8446 section 4.2.3: a TLS 1.3 server with an RSA key signs CertificateVerify with
 * rsa_pss_rsae_* only, and Mbed TLS offers those schemes only with both options below. */
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY) && \
    (!defined(PSA_WANT_ALG_RSA_PSS) || !defined(MBEDTLS_X509_RSASSA_PSS_SUPPORT))
#error "profile check: RSA in TLS 1.3 needs PSA_WANT_ALG_RSA_PSS + MBEDTLS_X509_RSASSA_PSS_SUPPORT"
#endif

/* Signatures with broken hashes: chosen-prefix collisions on SHA-1 (2020) and MD5 make forged
 * certificates possible (RFC 9155 deprecates both in TLS 1.2 signatures). */
#if defined(PSA_WANT_ALG_SHA_1) || defined(MBEDTLS_SHA1_C)
#error "profile check: SHA-1 signatures would be accepted; leave out PSA_WANT_ALG_SHA_1"
#endif

#if defined(PSA_WANT_ALG_MD5) || defined(MBEDTLS_MD5_C)
#error "profile check: MD5 signatures would be accepted; leave out PSA_WANT_ALG_MD5"
#endif

#endif /* MBP_PROFILE_CHECK_H */
