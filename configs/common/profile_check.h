/* Consistency checks every profile includes at the end of its crypto_config.h.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mbed TLS's check_config.h catches missing dependencies; these catch choices that build
 * but would make a client insecure, so a profile edited by hand cannot ship them.
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

#endif /* MBP_PROFILE_CHECK_H */
