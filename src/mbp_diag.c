/* Diagnosis of client failures: the Mbed TLS code, its text, a cause and a fix in plain words.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include "mbp_diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/x509.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#include "mbp_names.h"
#include "mbp_net.h"

/* PSA status codes are small negative numbers that Mbed TLS's own codes never use. */
#define MBP_DIAG_PSA_MIN (-255)
#define MBP_DIAG_PSA_MAX (-128)

/* Cipher suites named in a message before "and N more". */
#define MBP_DIAG_SUITES_SHOWN 4

/* ---- Text building -------------------------------------------------------------------- */

static void mbp_diag_vappend(char *dst, size_t size, const char *fmt, va_list args)
{
    size_t len = strlen(dst);

    if (len + 1 >= size) {
        return;
    }
    vsnprintf(dst + len, size - len, fmt, args);
}

static void mbp_diag_append(char *dst, size_t size, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    mbp_diag_vappend(dst, size, fmt, args);
    va_end(args);
}

static void mbp_diag_cause(struct mbp_diag_report *r, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    mbp_diag_vappend(r->cause, sizeof(r->cause), fmt, args);
    va_end(args);
}

static void mbp_diag_fix(struct mbp_diag_report *r, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    mbp_diag_vappend(r->fix, sizeof(r->fix), fmt, args);
    va_end(args);
}

static const char *mbp_diag_or(const char *text, const char *fallback)
{
    return text != NULL && text[0] != '\0' ? text : fallback;
}

/* High-level part of a composite Mbed TLS code (-0x2180 for -0x21E2). */
static int mbp_diag_high(int err)
{
    return -((-err) & 0x7F80);
}

/* ---- What the profile offers ---------------------------------------------------------- */

const char *mbp_diag_profile_versions(void)
{
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_SSL_PROTO_TLS1_3)
    return "TLS 1.2 and TLS 1.3";
#elif defined(MBEDTLS_SSL_PROTO_TLS1_3)
    return "TLS 1.3 only";
#elif defined(MBEDTLS_SSL_PROTO_TLS1_2)
    return "TLS 1.2 only";
#else
    return "no TLS version";
#endif
}

static const char *mbp_diag_offer_versions(const struct mbp_offer *offer)
{
    if (offer == NULL || offer->min_tls_version == 0) {
        return mbp_diag_profile_versions();
    }
    if (offer->min_tls_version == offer->max_tls_version) {
        return offer->max_tls_version == MBEDTLS_SSL_VERSION_TLS1_3 ? "TLS 1.3 only"
                                                                    : "TLS 1.2 only";
    }
    return "TLS 1.2 and TLS 1.3";
}

/* The offered range as a server setting would name it: "TLS 1.3", "TLS 1.2 or TLS 1.3". */
static const char *mbp_diag_offer_versions_plain(const struct mbp_offer *offer)
{
    const char *versions = mbp_diag_offer_versions(offer);

    if (strcmp(versions, "TLS 1.3 only") == 0) {
        return "TLS 1.3";
    }
    if (strcmp(versions, "TLS 1.2 only") == 0) {
        return "TLS 1.2";
    }
    return "TLS 1.2 or TLS 1.3";
}

/* "x25519 only", "x25519, secp256r1, secp384r1"; name() turns an id into its name. */
static void mbp_diag_list_u16(char *dst, size_t size, const uint16_t *list,
                              const char *(*name)(uint16_t))
{
    size_t i;

    dst[0] = '\0';
    if (list == NULL || list[0] == 0) {
        mbp_diag_append(dst, size, "none");
        return;
    }
    for (i = 0; list[i] != 0; i++) {
        mbp_diag_append(dst, size, "%s%s", i == 0 ? "" : ", ", name(list[i]));
    }
    if (i == 1) {
        mbp_diag_append(dst, size, " only");
    }
}

static void mbp_diag_list_suites(char *dst, size_t size, const int *list)
{
    size_t i;

    dst[0] = '\0';
    if (list == NULL || list[0] == 0) {
        mbp_diag_append(dst, size, "none");
        return;
    }
    for (i = 0; list[i] != 0; i++) {
        if (i < MBP_DIAG_SUITES_SHOWN) {
            mbp_diag_append(dst, size, "%s%s", i == 0 ? "" : ", ",
                            mbedtls_ssl_get_ciphersuite_name(list[i]));
        }
    }
    if (i == 1) {
        mbp_diag_append(dst, size, " only");
    } else if (i > MBP_DIAG_SUITES_SHOWN) {
        mbp_diag_append(dst, size, " and %u more", (unsigned)(i - MBP_DIAG_SUITES_SHOWN));
    }
}

/* Appends "profile 'p' offers TLS 1.3 only; key-exchange groups: ...", then, unless brief,
 * the signature algorithms and cipher suites. */
static void mbp_diag_cause_offer(const struct mbp_diag_failure *f, struct mbp_diag_report *r,
                                 int brief)
{
    char list[256];

    mbp_diag_cause(r, "profile '%s' offers %s", mbp_diag_or(f->profile, "?"),
                   mbp_diag_offer_versions(f->offer));
    if (f->offer == NULL) {
        return;
    }
    mbp_diag_list_u16(list, sizeof(list), f->offer->groups, mbp_names_group);
    mbp_diag_cause(r, "; key-exchange groups: %s", list);
    if (brief) {
        return;
    }
    mbp_diag_list_u16(list, sizeof(list), f->offer->sig_algs, mbp_names_sig_alg);
    mbp_diag_cause(r, "; signature algorithms: %s", list);
    mbp_diag_list_suites(list, sizeof(list), f->offer->suites);
    mbp_diag_cause(r, "; cipher suites: %s", list);
}

/* ---- Texts of codes ------------------------------------------------------------------- */

struct mbp_diag_code_text {
    int err;
    const char *text;
};

/* This module's codes and PSA's, which mbedtls_strerror() does not describe, followed by the
 * Mbed TLS codes the client meets most, for profiles built without MBEDTLS_ERROR_C. */
static const struct mbp_diag_code_text mbp_diag_own_texts[] = {
    {MBP_NET_ERR_BAD_INPUT, "NET - bad host or port"},
    {MBP_NET_ERR_UNKNOWN_HOST, "NET - host name not found"},
    {MBP_NET_ERR_SOCKET_FAILED, "NET - could not create a socket"},
    {MBP_NET_ERR_CONN_REFUSED, "NET - connection refused"},
    {MBP_NET_ERR_UNREACHABLE, "NET - network or host unreachable"},
    {MBP_NET_ERR_CONNECT_TIMEOUT, "NET - connection timed out"},
    {MBP_NET_ERR_CONNECT_FAILED, "NET - connection failed"},
    {MBP_NET_ERR_CONN_RESET, "NET - connection reset by peer"},
    {MBP_NET_ERR_RECV_FAILED, "NET - reading from the socket failed"},
    {MBP_NET_ERR_SEND_FAILED, "NET - writing to the socket failed"},
    {PSA_ERROR_BAD_STATE, "PSA_ERROR_BAD_STATE"},
    {PSA_ERROR_INSUFFICIENT_ENTROPY, "PSA_ERROR_INSUFFICIENT_ENTROPY"},
    {PSA_ERROR_INSUFFICIENT_MEMORY, "PSA_ERROR_INSUFFICIENT_MEMORY"},
    {PSA_ERROR_NOT_SUPPORTED, "PSA_ERROR_NOT_SUPPORTED"},
    {PSA_ERROR_GENERIC_ERROR, "PSA_ERROR_GENERIC_ERROR"},
    {PSA_ERROR_HARDWARE_FAILURE, "PSA_ERROR_HARDWARE_FAILURE"},
    {PSA_ERROR_CORRUPTION_DETECTED, "PSA_ERROR_CORRUPTION_DETECTED"},
#if !defined(MBEDTLS_ERROR_C)
    {MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, "X509 - certificate verification failed"},
    {MBEDTLS_ERR_X509_INVALID_FORMAT, "X509 - invalid certificate format"},
    {MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG, "X509 - unknown signature algorithm"},
    {MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE, "X509 - feature not available"},
    {MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT, "X509 - no certificate found"},
    {MBEDTLS_ERR_X509_BAD_INPUT_DATA, "X509 - bad input data"},
    {MBEDTLS_ERR_X509_FILE_IO_ERROR, "X509 - file read error"},
    {MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, "SSL - the peer sent a fatal alert"},
    {MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION, "SSL - bad protocol version"},
    {MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE, "SSL - handshake failure"},
    {MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE, "SSL - feature not available"},
    {MBEDTLS_ERR_SSL_BAD_CERTIFICATE, "SSL - unusable certificate"},
    {MBEDTLS_ERR_SSL_BAD_CONFIG, "SSL - invalid configuration"},
    {MBEDTLS_ERR_SSL_INTERNAL_ERROR, "SSL - internal error"},
    {MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL, "SSL - buffer too small"},
    {MBEDTLS_ERR_SSL_INVALID_RECORD, "SSL - invalid record"},
    {MBEDTLS_ERR_SSL_BAD_INPUT_DATA, "SSL - bad input data"},
    {MBEDTLS_ERR_SSL_DECODE_ERROR, "SSL - malformed message"},
    {MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER, "SSL - illegal parameter"},
    {MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, "SSL - unexpected message"},
    {MBEDTLS_ERR_SSL_INVALID_MAC, "SSL - record integrity check failed"},
    {MBEDTLS_ERR_SSL_CONN_EOF, "SSL - connection closed"},
    {MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY, "SSL - the peer closed the connection"},
    {MBEDTLS_ERR_SSL_TIMEOUT, "SSL - read timed out"},
    {MBEDTLS_ERR_SSL_ALLOC_FAILED, "SSL - memory allocation failed"},
    {MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED, "internal inconsistency detected"},
#endif
};

static void mbp_diag_text_set(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    size_t i;

    for (i = 0; i < sizeof(mbp_diag_own_texts) / sizeof(mbp_diag_own_texts[0]); i++) {
        if (mbp_diag_own_texts[i].err == f->err) {
            snprintf(r->text, sizeof(r->text), "%s", mbp_diag_own_texts[i].text);
            return;
        }
    }
#if defined(MBEDTLS_ERROR_C)
    mbedtls_strerror(f->err, r->text, sizeof(r->text));
#else
    /* A composite code (-0x262E) is named by its high-level part when the table has it. */
    for (i = 0; i < sizeof(mbp_diag_own_texts) / sizeof(mbp_diag_own_texts[0]); i++) {
        if (mbp_diag_own_texts[i].err == mbp_diag_high(f->err)) {
            snprintf(r->text, sizeof(r->text), "%s (and low-level code -0x%04X)",
                     mbp_diag_own_texts[i].text, (unsigned)((-f->err) & 0x7F));
            return;
        }
    }
    snprintf(r->text, sizeof(r->text), "(no text: profile '%s' leaves out MBEDTLS_ERROR_C)",
             mbp_diag_or(f->profile, "?"));
#endif
}

/* ---- Certificate verification --------------------------------------------------------- */

struct mbp_diag_flag {
    uint32_t flag;
    const char *name;
    const char *text;  /* used when MBEDTLS_X509_REMOVE_INFO removes Mbed TLS's own */
    const char *cause; /* completes "the server's certificate ..." */
    const char *fix;
};

/* In order of importance: the first flags set give the fix. */
static const struct mbp_diag_flag mbp_diag_flags[] = {
    {MBEDTLS_X509_BADCERT_NOT_TRUSTED, "MBEDTLS_X509_BADCERT_NOT_TRUSTED",
     "not signed by a trusted CA", "does not chain to any CA of the CA file",
     "pass the CA that issued the server's certificate with --ca-file (and have the server "
     "send its intermediate CAs)"},
    {MBEDTLS_X509_BADCERT_CN_MISMATCH, "MBEDTLS_X509_BADCERT_CN_MISMATCH", "name does not match",
     "is not issued for the name the client asked for",
     "set --server-name to a name listed in the certificate's subjectAltName, or reissue the "
     "certificate for the name clients use"},
    {MBEDTLS_X509_BADCERT_EXPIRED, "MBEDTLS_X509_BADCERT_EXPIRED", "validity has expired",
     "has expired",
     "renew the server's certificate (or correct this device's clock if it is "
     "ahead)"},
    {MBEDTLS_X509_BADCERT_FUTURE, "MBEDTLS_X509_BADCERT_FUTURE", "validity starts in the future",
     "is not valid yet",
     "correct this device's clock (a device without RTC often starts in "
     "1970), or reissue the certificate with an earlier start date"},
    {MBEDTLS_X509_BADCERT_REVOKED, "MBEDTLS_X509_BADCERT_REVOKED", "revoked", "is revoked",
     "install a new certificate on the server"},
    {MBEDTLS_X509_BADCERT_MISSING, "MBEDTLS_X509_BADCERT_MISSING", "no certificate",
     "is missing: the server sent none", "configure a certificate on the server"},
    {MBEDTLS_X509_BADCERT_BAD_MD, "MBEDTLS_X509_BADCERT_BAD_MD", "unacceptable hash",
     "is signed with a hash the profile does not accept (such as SHA-1)",
     "reissue the chain with SHA-256 signatures, or use a profile that includes the hash"},
    {MBEDTLS_X509_BADCERT_BAD_PK, "MBEDTLS_X509_BADCERT_BAD_PK",
     "unacceptable public-key algorithm",
     "is signed with a public-key algorithm the profile leaves out (such as RSA in an "
     "ECDSA-only profile)",
     "reissue the chain with an algorithm the profile has, or use a profile that includes it"},
    {MBEDTLS_X509_BADCERT_BAD_KEY, "MBEDTLS_X509_BADCERT_BAD_KEY", "unacceptable key",
     "has a key the profile refuses (a curve it leaves out, or RSA shorter than 2048 bits)",
     "reissue the certificate with a P-256 key or RSA of 2048 bits or more, or use a profile "
     "that includes the key's curve"},
    {MBEDTLS_X509_BADCERT_KEY_USAGE, "MBEDTLS_X509_BADCERT_KEY_USAGE", "key usage mismatch",
     "does not allow its key to sign TLS handshakes (keyUsage)",
     "reissue it with keyUsage digitalSignature"},
    {MBEDTLS_X509_BADCERT_EXT_KEY_USAGE, "MBEDTLS_X509_BADCERT_EXT_KEY_USAGE",
     "extended key usage mismatch", "is not for TLS servers (extendedKeyUsage)",
     "reissue it with extendedKeyUsage serverAuth"},
    {MBEDTLS_X509_BADCERT_NS_CERT_TYPE, "MBEDTLS_X509_BADCERT_NS_CERT_TYPE",
     "Netscape certificate type mismatch", "is not for SSL servers (nsCertType)",
     "reissue it without nsCertType, or with sslServer"},
    {MBEDTLS_X509_BADCERT_OTHER, "MBEDTLS_X509_BADCERT_OTHER", "other reason",
     "was refused for another reason", "inspect it with: openssl x509 -noout -text"},
    {MBEDTLS_X509_BADCRL_NOT_TRUSTED, "MBEDTLS_X509_BADCRL_NOT_TRUSTED", "CRL not trusted",
     "has a CRL that is not trusted", "check the CRL"},
    {MBEDTLS_X509_BADCRL_EXPIRED, "MBEDTLS_X509_BADCRL_EXPIRED", "CRL expired",
     "has an expired CRL", "update the CRL"},
    {MBEDTLS_X509_BADCRL_FUTURE, "MBEDTLS_X509_BADCRL_FUTURE", "CRL from the future",
     "has a CRL from the future", "check this device's clock"},
};

#define MBP_DIAG_FLAG_COUNT (sizeof(mbp_diag_flags) / sizeof(mbp_diag_flags[0]))

static void mbp_diag_flag_line(const struct mbp_diag_flag *flag, char *line, size_t size)
{
    char text[160];

    snprintf(text, sizeof(text), "%s", flag->text);
#if !defined(MBEDTLS_X509_REMOVE_INFO)
    if (mbedtls_x509_crt_verify_info(text, sizeof(text), "", flag->flag) > 0) {
        text[strcspn(text, "\n")] = '\0';
    }
#endif
    snprintf(line, size, "%s (0x%05x): %s", flag->name, (unsigned)flag->flag, text);
}

static void mbp_diag_flags_decode(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    uint32_t known = 0;
    size_t i;

    for (i = 0; i < MBP_DIAG_FLAG_COUNT && r->flags_len < MBP_DIAG_FLAGS_MAX; i++) {
        known |= mbp_diag_flags[i].flag;
        if ((f->verify_flags & mbp_diag_flags[i].flag) != 0) {
            mbp_diag_flag_line(&mbp_diag_flags[i], r->flags[r->flags_len], sizeof(r->flags[0]));
            r->flags_len++;
        }
    }
    if ((f->verify_flags & ~known) != 0 && r->flags_len < MBP_DIAG_FLAGS_MAX) {
        snprintf(r->flags[r->flags_len], sizeof(r->flags[0]), "other flags: 0x%05x",
                 (unsigned)(f->verify_flags & ~known));
        r->flags_len++;
    }
}

static void mbp_diag_explain_verify(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const char *sep = "";
    size_t i;

    mbp_diag_flags_decode(f, r);
    mbp_diag_cause(r, "the server's certificate ");
    for (i = 0; i < MBP_DIAG_FLAG_COUNT; i++) {
        if ((f->verify_flags & mbp_diag_flags[i].flag) == 0) {
            continue;
        }
        mbp_diag_cause(r, "%s%s", *sep != '\0' ? "; it " : "", mbp_diag_flags[i].cause);
        if (mbp_diag_flags[i].flag == MBEDTLS_X509_BADCERT_CN_MISMATCH) {
            mbp_diag_cause(r, " ('%s')", mbp_diag_or(f->server_name, "?"));
        }
        mbp_diag_fix(r, "%s%s", sep, mbp_diag_flags[i].fix);
        sep = "; ";
    }
    if (*sep == '\0') {
        mbp_diag_cause(r, "was refused (no verification flag set)");
        mbp_diag_fix(r,
                     "check the server's certificate chain against the CA file with: "
                     "openssl verify -CAfile %s",
                     mbp_diag_or(f->ca_path, "CA_FILE"));
    }
    mbp_diag_cause(r, "; the handshake stopped before any data was sent");
}

/* ---- Handshake parameters ------------------------------------------------------------- */

static void mbp_diag_explain_version(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const char *offered = mbp_diag_offer_versions(f->offer);
    const char *compiled = mbp_diag_profile_versions();

    mbp_diag_cause(r,
                   "protocol version mismatch: the server accepts no TLS version this client "
                   "offered (%s; profile '%s' compiles %s)",
                   offered, mbp_diag_or(f->profile, "?"), compiled);
    if (strcmp(offered, compiled) != 0) {
        mbp_diag_fix(r,
                     "drop --min-tls / --max-tls so the client offers %s, or enable %s on "
                     "the server",
                     compiled, mbp_diag_offer_versions_plain(f->offer));
        return;
    }
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_SSL_PROTO_TLS1_3)
    mbp_diag_fix(r, "the server likely speaks only TLS 1.1 or older, which Mbed TLS 3.6 does not "
                    "implement: enable TLS 1.2 or 1.3 on the server");
#elif defined(MBEDTLS_SSL_PROTO_TLS1_3)
    mbp_diag_fix(r, "enable TLS 1.3 on the server (OpenSSL: drop -tls1_2 / -no_tls1_3), or build "
                    "the client with a profile that has TLS 1.2 (hybrid)");
#else
    mbp_diag_fix(r, "enable TLS 1.2 on the server, or build the client with a profile that has "
                    "TLS 1.3");
#endif
}

/* 1 when list holds one of the ids of the 0-terminated wanted. SignatureScheme values of one
 * family are not contiguous (ecdsa_secp256r1_sha256 lies between two rsa_pkcs1_* values), so
 * families are checked id by id. */
static int mbp_diag_list_has(const uint16_t *list, const uint16_t *wanted)
{
    size_t i;
    size_t j;

    for (i = 0; list != NULL && list[i] != 0; i++) {
        for (j = 0; wanted[j] != 0; j++) {
            if (list[i] == wanted[j]) {
                return 1;
            }
        }
    }
    return 0;
}

static const uint16_t mbp_diag_sig_rsa_pkcs1[] = {MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
                                                  MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
                                                  MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512, 0};
static const uint16_t mbp_diag_sig_rsa_pss[] = {MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
                                                MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,
                                                MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512, 0};

/* A TLS 1.3 offer with RSA but no RSA-PSS scheme cannot accept any RSA server: RFC 8446
 * section 4.2.3 allows RSA in CertificateVerify only with PSS. Mbed TLS 3.6 offers the
 * rsa_pss_rsae_* schemes only with MBEDTLS_X509_RSASSA_PSS_SUPPORT. */
static void mbp_diag_cause_rsa_pss(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const uint16_t *sig_algs = f->offer != NULL ? f->offer->sig_algs : NULL;

    if (f->offer == NULL || f->offer->max_tls_version != MBEDTLS_SSL_VERSION_TLS1_3 ||
        !mbp_diag_list_has(sig_algs, mbp_diag_sig_rsa_pkcs1) ||
        mbp_diag_list_has(sig_algs, mbp_diag_sig_rsa_pss)) {
        return;
    }
    mbp_diag_cause(r, "; note: with no rsa_pss_rsae_* scheme the profile cannot accept a TLS 1.3 "
                      "server with an RSA key (RFC 8446 section 4.2.3; Mbed TLS offers them with "
                      "MBEDTLS_X509_RSASSA_PSS_SUPPORT)");
}

/* ---- A refused ClientHello ------------------------------------------------------------ */

/* 1 when the server gave up while the client still waited for its first ServerHello: it
 * refused the ClientHello itself. */
static int mbp_diag_is_hello_refused(const struct mbp_diag_failure *f)
{
    return f->offer != NULL && f->observed != NULL &&
           f->observed->last_state == MBEDTLS_SSL_SERVER_HELLO && f->observed->group_id == 0 &&
           !f->observed->cert_requested;
}

/* Keys of the server certificates the offered signature schemes can verify, joined by "or":
 * "ECDSA P-256", "ECDSA P-256 or ECDSA P-384 or RSA". TLS 1.3 verifies RSA only with PSS
 * (RFC 8446 section 4.2.3). */
static void mbp_diag_cert_keys(char *dst, size_t size, const struct mbp_offer *offer)
{
    static const uint16_t p256[] = {MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256, 0};
    static const uint16_t p384[] = {MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384, 0};
    static const uint16_t p521[] = {MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512, 0};
    static const uint16_t ed25519[] = {MBEDTLS_TLS1_3_SIG_ED25519, 0};
    static const struct {
        const uint16_t *sig_algs;
        const char *key;
    } kinds[] = {
        {p256, "ECDSA P-256"},         {p384, "ECDSA P-384"}, {p521, "ECDSA P-521"},
        {mbp_diag_sig_rsa_pss, "RSA"}, {ed25519, "Ed25519"},
    };
    size_t i;

    dst[0] = '\0';
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (mbp_diag_list_has(offer->sig_algs, kinds[i].sig_algs)) {
            mbp_diag_append(dst, size, "%s%s", dst[0] == '\0' ? "" : " or ", kinds[i].key);
        }
    }
    if (!mbp_diag_list_has(offer->sig_algs, mbp_diag_sig_rsa_pss) &&
        mbp_diag_list_has(offer->sig_algs, mbp_diag_sig_rsa_pkcs1) &&
        offer->min_tls_version != MBEDTLS_SSL_VERSION_TLS1_3) {
        mbp_diag_append(dst, size, "%sRSA (TLS 1.2 only)", dst[0] == '\0' ? "" : " or ");
    }
    if (dst[0] == '\0') {
        mbp_diag_append(dst, size, "unknown");
    }
}

/* 1 when a TLS 1.3 server agreed on a group in its ServerHello, then gave up before sending
 * its certificate: it holds no certificate it can sign for with the offered schemes. (In TLS
 * 1.2 the group shows only in ServerKeyExchange, after the certificate.) */
static int mbp_diag_is_cert_refused(const struct mbp_diag_failure *f)
{
    return f->offer != NULL && f->observed != NULL && f->observed->group_id != 0 &&
           !f->observed->peer_certificate && !f->observed->cert_requested;
}

/* Appends to a cause that says how the server gave up. */
static void mbp_diag_explain_cert_refused(const struct mbp_diag_failure *f,
                                          struct mbp_diag_report *r)
{
    char sig_algs[256];
    char keys[96];

    mbp_diag_list_u16(sig_algs, sizeof(sig_algs), f->offer->sig_algs, mbp_names_sig_alg);
    mbp_diag_cert_keys(keys, sizeof(keys), f->offer);
    mbp_diag_cause(r,
                   "no common signature algorithm for the server's certificate: profile '%s' "
                   "offers %s, for a certificate with an %s key, and the server has no such "
                   "certificate",
                   mbp_diag_or(f->profile, "?"), sig_algs, keys);
    mbp_diag_cause_rsa_pss(f, r);
    mbp_diag_fix(r,
                 "give the server a certificate with an %s key (OpenSSL s_server: -cert and "
                 "-key; gnutls-serv: --x509certfile and --x509keyfile), or build the client "
                 "with a profile that verifies the server's key type",
                 keys);
}

/* The server refused the ClientHello (with an alert, or by closing): it accepts nothing in one
 * of the lists the client offered. Which list cannot be told from the wire, since servers give
 * the same handshake_failure for each, so every candidate is named with what the profile
 * offered, and the fix lists everything the server must allow. Appends to a cause that says
 * how the server refused. */
static void mbp_diag_explain_hello_refused(const struct mbp_diag_failure *f,
                                           struct mbp_diag_report *r)
{
    const struct mbp_offer *offer = f->offer;
    char groups[160];
    char suites[256];
    char sig_algs[256];
    char keys[96];

    mbp_diag_list_u16(groups, sizeof(groups), offer->groups, mbp_names_group);
    mbp_diag_list_suites(suites, sizeof(suites), offer->suites);
    mbp_diag_list_u16(sig_algs, sizeof(sig_algs), offer->sig_algs, mbp_names_sig_alg);
    mbp_diag_cert_keys(keys, sizeof(keys), offer);

    mbp_diag_cause(r,
                   "it accepts nothing in one of the lists profile '%s' offered, so one of "
                   "these holds: ",
                   mbp_diag_or(f->profile, "?"));
    if (offer->min_tls_version == MBEDTLS_SSL_VERSION_TLS1_3) {
        /* A TLS 1.2 server reads only the TLS 1.3 suites of such an offer, knows none of them
         * and answers handshake_failure rather than protocol_version. */
        mbp_diag_cause(r,
                       "protocol version mismatch (profile '%s' offers TLS 1.3 only; a server "
                       "limited to TLS 1.2 refuses it this way); ",
                       mbp_diag_or(f->profile, "?"));
    }
    mbp_diag_cause(r,
                   "no common key-exchange group (this profile offers %s); no common cipher "
                   "suite (%s); no common signature algorithm for the server's certificate "
                   "(%s, for a certificate with an %s key)",
                   groups, suites, sig_algs, keys);
    mbp_diag_cause_rsa_pss(f, r);
    mbp_diag_fix(r,
                 "the server must allow %s and, of what the client offers, at least one "
                 "group (%s), one suite (%s) and a certificate with an %s key (OpenSSL "
                 "s_server: -groups, -ciphersuites or -cipher, -cert; gnutls-serv: "
                 "--priority, --x509certfile), or build the client with a profile that "
                 "offers what the server requires",
                 mbp_diag_offer_versions_plain(offer), groups, suites, keys);
}

static void mbp_diag_explain_no_common(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    char groups[256];

    if (f->observed != NULL && f->observed->cert_requested) {
        mbp_diag_cause(r, "the server requires a client certificate (it sent a "
                          "CertificateRequest) and this client has none");
        mbp_diag_fix(r, "turn off client authentication on the server (OpenSSL: drop -Verify / "
                        "-verify); this client does not do mutual TLS");
        return;
    }
    mbp_diag_list_u16(groups, sizeof(groups), f->offer != NULL ? f->offer->groups : NULL,
                      mbp_names_group);
    mbp_diag_cause(r, "no common key-exchange group, cipher suite or signature algorithm: ");
    mbp_diag_cause_offer(f, r, 0);
    mbp_diag_cause_rsa_pss(f, r);
    mbp_diag_fix(r,
                 "allow on the server one of the offered groups (%s), suites and signature "
                 "algorithms (OpenSSL s_server: -groups, -ciphersuites or -cipher, -sigalgs, "
                 "a certificate the profile can verify), or build the client with a profile "
                 "that offers what the server requires",
                 groups);
}

/* The server's own words for an alert that is not about versions or parameters. */
static void mbp_diag_explain_other_alert(const struct mbp_diag_failure *f,
                                         struct mbp_diag_report *r)
{
    const char *name = mbp_names_alert(f->peer_alert);

    switch (f->peer_alert) {
    case MBEDTLS_SSL_ALERT_MSG_UNRECOGNIZED_NAME:
        mbp_diag_cause(r, "the server has no certificate for the name '%s' sent in SNI",
                       mbp_diag_or(f->server_name, "?"));
        mbp_diag_fix(r, "pass the name the server is configured for with --server-name");
        return;
    case MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW:
        mbp_diag_cause(r, "the server received a record larger than it accepts");
        mbp_diag_fix(r, "lower MBEDTLS_SSL_OUT_CONTENT_LEN in the profile, or raise the "
                        "server's record limit");
        return;
    case MBEDTLS_SSL_ALERT_MSG_BAD_RECORD_MAC:
    case MBEDTLS_SSL_ALERT_MSG_DECRYPT_ERROR:
        mbp_diag_cause(r,
                       "the server could not verify this client's data (alert %s): the two "
                       "sides derived different keys, or something on the path altered the "
                       "traffic",
                       name);
        mbp_diag_fix(r, "retry without proxies or middleboxes on the path; check the server's "
                        "log");
        return;
    default:
        mbp_diag_cause(r,
                       "the server rejected this client's handshake messages with alert %s "
                       "(%d)",
                       name, f->peer_alert);
        mbp_diag_fix(r, "the server's log names the reason; if the profile has TLS 1.2, "
                        "--max-tls 1.2 shows whether the problem is specific to TLS 1.3");
        return;
    }
}

static void mbp_diag_explain_alert(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    switch (f->peer_alert) {
    case MBEDTLS_SSL_ALERT_MSG_PROTOCOL_VERSION:
        mbp_diag_cause(r, "server sent alert protocol_version (70): ");
        mbp_diag_explain_version(f, r);
        return;
    case MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE:
    case MBEDTLS_SSL_ALERT_MSG_INSUFFICIENT_SECURITY:
        mbp_diag_cause(r, "server sent alert %s (%d)", mbp_names_alert(f->peer_alert),
                       f->peer_alert);
        if (mbp_diag_is_hello_refused(f)) {
            mbp_diag_cause(r, " in reply to the ClientHello: ");
            mbp_diag_explain_hello_refused(f, r);
            return;
        }
        if (mbp_diag_is_cert_refused(f)) {
            mbp_diag_cause(r, " after its ServerHello (group %s agreed), before its certificate: ",
                           mbp_names_group(f->observed->group_id));
            mbp_diag_explain_cert_refused(f, r);
            return;
        }
        mbp_diag_cause(r, ": ");
        mbp_diag_explain_no_common(f, r);
        return;
    case MBEDTLS_SSL_ALERT_MSG_CERT_REQUIRED:
    case MBEDTLS_SSL_ALERT_MSG_NO_CERT:
    case MBEDTLS_SSL_ALERT_MSG_BAD_CERT:
    case MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_CERT:
    case MBEDTLS_SSL_ALERT_MSG_CERT_UNKNOWN:
    case MBEDTLS_SSL_ALERT_MSG_UNKNOWN_CA:
        mbp_diag_cause(r,
                       "server sent alert %s (%d): the server rejected the client's "
                       "(empty) certificate, so it requires mutual TLS",
                       mbp_names_alert(f->peer_alert), f->peer_alert);
        mbp_diag_fix(r, "turn off client authentication on the server (OpenSSL: drop -Verify / "
                        "-verify); this client does not do mutual TLS");
        return;
    case -1:
        mbp_diag_cause(r, "the server sent a fatal alert that could not be read");
        mbp_diag_fix(r, "check the server's log");
        return;
    default:
        mbp_diag_explain_other_alert(f, r);
        return;
    }
}

/* ---- Buffers, PSA, transport ---------------------------------------------------------- */

static int mbp_diag_is_buffer_overflow(const struct mbp_diag_failure *f)
{
    return f->in_len > MBEDTLS_SSL_IN_CONTENT_LEN;
}

/* Mbed TLS refuses to build with MBEDTLS_SSL_IN_CONTENT_LEN above 16384 (ssl_misc.h): a
 * handshake message larger than that can never be received, whatever the profile. */
#define MBP_DIAG_IN_CONTENT_LEN_MAX 16384

/* Above this, a message length is not a certificate chain of any real server (the largest
 * public chains are some tens of KB): the bytes are probably not TLS at all. */
#define MBP_DIAG_PLAUSIBLE_MESSAGE_MAX (256 * 1024)

/* The fix when what the server sent cannot be TLS: nothing in the profile helps. */
static void mbp_diag_fix_not_tls(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    mbp_diag_fix(r,
                 "check that %s is the server's TLS port and that nothing between client and "
                 "server rewrites the traffic; no profile option helps",
                 mbp_diag_or(f->peer, "the port"));
}

/* A record whose content exceeds the input buffer: the handshake message inside is not known
 * yet, and may be larger still. */
static void mbp_diag_explain_record(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (f->in_len > MBP_DIAG_IN_CONTENT_LEN_MAX) {
        mbp_diag_cause(r,
                       "the server sent a record with %u bytes of content, more than TLS allows "
                       "(16384): what it sent is probably not TLS, or was corrupted on the way",
                       (unsigned)f->in_len);
        mbp_diag_fix_not_tls(f, r);
        return;
    }
    mbp_diag_cause(r,
                   "the server sent a TLS record with %u bytes of content (usually part of "
                   "its certificate chain), more than the input buffer of profile '%s' holds: "
                   "MBEDTLS_SSL_IN_CONTENT_LEN is %u bytes",
                   (unsigned)f->in_len, mbp_diag_or(f->profile, "?"),
                   (unsigned)MBEDTLS_SSL_IN_CONTENT_LEN);
    mbp_diag_fix(r,
                 "raise MBEDTLS_SSL_IN_CONTENT_LEN in the profile to at least %u (%u takes any "
                 "record; the whole handshake message must fit as well, so a chain over %u "
                 "bytes needs a shorter chain on the server: no extra intermediates, ECDSA "
                 "instead of RSA)",
                 (unsigned)f->in_len, (unsigned)MBP_DIAG_IN_CONTENT_LEN_MAX,
                 (unsigned)MBP_DIAG_IN_CONTENT_LEN_MAX);
}

static void mbp_diag_explain_buffer(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (f->in_len_from_record) {
        mbp_diag_explain_record(f, r);
        return;
    }
    if (f->in_len > MBP_DIAG_PLAUSIBLE_MESSAGE_MAX) {
        mbp_diag_cause(r,
                       "the server's bytes announce a message of %u bytes, far more than "
                       "any certificate chain: what it sent is probably not TLS (another "
                       "protocol on that port) or was corrupted on the way",
                       (unsigned)f->in_len);
        mbp_diag_fix_not_tls(f, r);
        return;
    }
    if (f->in_len > MBP_DIAG_IN_CONTENT_LEN_MAX) {
        mbp_diag_cause(r,
                       "the server sent a handshake message of %u bytes (usually its "
                       "certificate chain); Mbed TLS must hold a whole handshake message in "
                       "its input buffer, which cannot exceed %u bytes in any build "
                       "(profile '%s' has %u)",
                       (unsigned)f->in_len, (unsigned)MBP_DIAG_IN_CONTENT_LEN_MAX,
                       mbp_diag_or(f->profile, "?"), (unsigned)MBEDTLS_SSL_IN_CONTENT_LEN);
        mbp_diag_fix(r, "make the server send a shorter chain: no extra intermediates, fewer "
                        "subject alternative names, ECDSA instead of RSA");
        return;
    }
    mbp_diag_cause(r,
                   "the server sent %u bytes in one piece (a TLS record or handshake "
                   "message, usually its certificate chain), more than the input buffer of "
                   "profile '%s' holds: MBEDTLS_SSL_IN_CONTENT_LEN is %u bytes",
                   (unsigned)f->in_len, mbp_diag_or(f->profile, "?"),
                   (unsigned)MBEDTLS_SSL_IN_CONTENT_LEN);
    mbp_diag_fix(r,
                 "raise MBEDTLS_SSL_IN_CONTENT_LEN in the profile to at least %u (%u, the "
                 "largest Mbed TLS allows, accepts any server), or make the server send a "
                 "shorter chain (no extra intermediates, ECDSA instead of RSA); "
                 "MBEDTLS_SSL_MAX_FRAGMENT_LENGTH cannot help: it only asks for smaller "
                 "records, the whole message must still fit, and servers may ignore the "
                 "request",
                 (unsigned)f->in_len, (unsigned)MBP_DIAG_IN_CONTENT_LEN_MAX);
}

static void mbp_diag_explain_psa(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (f->err == PSA_ERROR_INSUFFICIENT_ENTROPY) {
        mbp_diag_cause(r, "PSA crypto found no usable entropy source on this platform");
        mbp_diag_fix(r,
                     "give profile '%s' an entropy source: MBEDTLS_ENTROPY_C with a platform "
                     "source, or MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG and "
                     "mbedtls_psa_external_get_random()",
                     mbp_diag_or(f->profile, "?"));
        return;
    }
    mbp_diag_cause(r, "PSA crypto failed with status %d", f->err);
    mbp_diag_fix(r,
                 "check the PSA settings of profile '%s' (MBEDTLS_PSA_CRYPTO_C and its "
                 "dependencies)",
                 mbp_diag_or(f->profile, "?"));
}

static void mbp_diag_explain_internal(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (mbp_diag_is_buffer_overflow(f)) {
        mbp_diag_explain_buffer(f, r);
        return;
    }
    mbp_diag_cause(r, "a PSA crypto call was refused inside the handshake; the usual reason is "
                      "that PSA was never initialised (PSA_ERROR_BAD_STATE), since TLS 1.3, and "
                      "TLS 1.2 with MBEDTLS_USE_PSA_CRYPTO, use PSA for every key exchange");
    mbp_diag_fix(r,
                 "call psa_crypto_init() before the first handshake (mbp_client_setup() "
                 "does); if it was called, the PSA key store may be full: raise "
                 "MBEDTLS_PSA_KEY_SLOT_COUNT in profile '%s'",
                 mbp_diag_or(f->profile, "?"));
}

static void mbp_diag_explain_closed(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const char *how =
        f->err == MBP_NET_ERR_CONN_RESET ? "reset the connection" : "closed the connection";

    if (f->stage == MBP_DIAG_STAGE_REQUEST) {
        mbp_diag_cause(r, "the server %s in the middle of the response", how);
        mbp_diag_fix(r, "check the server's log; retry the request");
        return;
    }
    if (mbp_diag_is_buffer_overflow(f)) {
        /* It began a message too large to receive, then gave up: the size is the cause. */
        mbp_diag_explain_buffer(f, r);
        return;
    }
    if (mbp_diag_is_hello_refused(f)) {
        /* Mbed TLS 3.6 servers, for one, close without an alert when no group is common. */
        mbp_diag_cause(r, "the server %s in reply to the ClientHello, without an alert: ", how);
        mbp_diag_explain_hello_refused(f, r);
        return;
    }
    mbp_diag_cause(r,
                   "the server %s during the handshake without sending an alert; servers "
                   "do this when they reject the client's offer silently or do not speak "
                   "TLS on this port (",
                   how);
    mbp_diag_cause_offer(f, r, 1);
    mbp_diag_cause(r, ")");
    mbp_diag_fix(r, "check the server's log and that --port is its TLS port; allow one of the "
                    "offered versions, groups and suites on the server");
}

static void mbp_diag_explain_timeout(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    mbp_diag_cause(r, "the server at %s sent nothing within the read timeout%s",
                   mbp_diag_or(f->peer, "?"),
                   f->stage == MBP_DIAG_STAGE_HANDSHAKE
                       ? "; a port that does not speak TLS (plain HTTP waits for a request) "
                         "behaves this way"
                       : "");
    mbp_diag_fix(r, "check that --port is the server's TLS port and the server is not stuck, "
                    "or raise --read-timeout-ms");
}

static void mbp_diag_explain_connect(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const char *peer = mbp_diag_or(f->peer, "the server");

    switch (f->err) {
    case MBP_NET_ERR_CONN_REFUSED:
        mbp_diag_cause(r, "connection refused by %s: nothing listens on that port", peer);
        mbp_diag_fix(r, "is the server running? start it, or pass the port it listens on "
                        "with --port");
        return;
    case MBP_NET_ERR_UNREACHABLE:
        mbp_diag_cause(r, "%s cannot be reached from this machine (no route)", peer);
        mbp_diag_fix(r, "check the address given with --host, and the network, VPN or "
                        "firewall in between");
        return;
    case MBP_NET_ERR_UNKNOWN_HOST:
        mbp_diag_cause(r, "the host name of %s did not resolve to any address", peer);
        mbp_diag_fix(r, "check the spelling of --host and this machine's DNS, or pass an IP "
                        "address with --host and the name with --server-name");
        return;
    case MBP_NET_ERR_CONNECT_TIMEOUT:
        mbp_diag_cause(r,
                       "%s did not answer within the connect timeout: the host is down, "
                       "or a firewall drops the packets",
                       peer);
        mbp_diag_fix(r, "check that the server is up and reachable, or raise "
                        "--connect-timeout-ms");
        return;
    case MBP_NET_ERR_BAD_INPUT:
        mbp_diag_cause(r, "the host or port is not valid");
        mbp_diag_fix(r, "pass a host name or address with --host and a port from 1 to 65535 "
                        "with --port");
        return;
    default:
        mbp_diag_cause(r, "connecting to %s failed: %s", peer,
                       f->sys_errno != 0 ? strerror(f->sys_errno) : "unknown reason");
        mbp_diag_fix(r, "check the network and the server");
        return;
    }
}

static int mbp_diag_is_unsupported_alg(int err)
{
    int high = mbp_diag_high(err);

    return high == MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG ||
           high == MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE || high == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG ||
           high == MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE ||
           high == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE || high == MBEDTLS_ERR_X509_UNKNOWN_OID;
}

/* X.509, PEM or PK error while parsing the CA file in mbp_client_setup(). */
static void mbp_diag_explain_ca(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const char *path = mbp_diag_or(f->ca_path, "(CA buffer)");
    int high = mbp_diag_high(f->err);

    if (mbp_diag_is_unsupported_alg(f->err)) {
        mbp_diag_cause(r,
                       "the CA certificate in '%s' uses an algorithm that profile '%s' leaves "
                       "out (for example an RSA CA in a profile without RSA)",
                       path, mbp_diag_or(f->profile, "?"));
        mbp_diag_fix(r, "use a CA whose key and signature the profile supports, or a profile "
                        "that includes the CA's algorithm");
    } else if (high <= MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT &&
               high >= MBEDTLS_ERR_PEM_BAD_INPUT_DATA) {
        mbp_diag_cause(r, "a PEM block in '%s' is damaged (bad base64, or cut short)", path);
        mbp_diag_fix(r, "export the CA certificate again in PEM");
    } else if (high == MBEDTLS_ERR_X509_INVALID_FORMAT ||
               high == MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT ||
               high == MBEDTLS_ERR_X509_BAD_INPUT_DATA) {
        mbp_diag_cause(r,
                       "'%s' holds no certificate: expected PEM blocks starting with "
                       "'-----BEGIN CERTIFICATE-----' or one DER certificate",
                       path);
        mbp_diag_fix(r, "pass the CA certificate file with --ca-file (not a key, a CSR or an "
                        "empty file)");
    } else {
        mbp_diag_cause(r, "a certificate in '%s' is malformed", path);
        mbp_diag_fix(r, "check it with: openssl x509 -in %s -noout -text, and export it again",
                     path);
    }
}

static void mbp_diag_explain_setup(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (f->err >= MBP_DIAG_PSA_MIN && f->err <= MBP_DIAG_PSA_MAX) {
        mbp_diag_explain_psa(f, r);
    } else if (f->err == MBEDTLS_ERR_SSL_BAD_CONFIG) {
        mbp_diag_cause(r,
                       "the requested TLS versions do not fit profile '%s', which compiles "
                       "%s",
                       mbp_diag_or(f->profile, "?"), mbp_diag_profile_versions());
        mbp_diag_fix(r, "pass --min-tls / --max-tls values within what the profile has");
    } else if (f->err == MBEDTLS_ERR_SSL_BAD_INPUT_DATA) {
        mbp_diag_cause(r, "the server name is missing or empty");
        mbp_diag_fix(r, "pass the name to check the certificate against with --server-name");
    } else if (f->err == MBEDTLS_ERR_SSL_ALLOC_FAILED || f->err == MBEDTLS_ERR_X509_ALLOC_FAILED) {
        mbp_diag_cause(r, "out of memory while setting up the client");
        mbp_diag_fix(r, "give the process more heap, or lower the buffer sizes of the profile");
    } else {
        mbp_diag_explain_ca(f, r);
    }
}

/* ---- Handshake and request ------------------------------------------------------------ */

static void mbp_diag_explain_malformed(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (mbp_diag_is_buffer_overflow(f)) {
        mbp_diag_explain_buffer(f, r);
        return;
    }
    if (f->err == MBEDTLS_ERR_SSL_INVALID_RECORD) {
        mbp_diag_cause(r, "what the server sent is not a valid TLS record: the port may serve "
                          "plain text (HTTP, or SMTP/IMAP before STARTTLS)");
        mbp_diag_fix(r, "point --port at the server's TLS port");
        return;
    }
    mbp_diag_cause(r, "the server sent a handshake message this client could not accept "
                      "(malformed, unexpected, or with a value outside the client's offer)");
    mbp_diag_fix(r, "check the server's software and log; if the profile has TLS 1.2, "
                    "--max-tls 1.2 shows whether the problem is specific to TLS 1.3");
}

/* Codes about the peer's certificate or the negotiated parameters; 0 if err is not one. */
static int mbp_diag_explain_negotiation(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    switch (f->err) {
    case MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE:
        mbp_diag_explain_alert(f, r);
        return 1;
    case MBEDTLS_ERR_X509_CERT_VERIFY_FAILED:
        mbp_diag_explain_verify(f, r);
        return 1;
    case MBEDTLS_ERR_SSL_BAD_CERTIFICATE:
        if (f->verify_flags != 0) {
            mbp_diag_explain_verify(f, r);
            return 1;
        }
        mbp_diag_cause(r, "the server's certificate cannot be used by this profile (a key type "
                          "or curve it leaves out, or a malformed certificate)");
        mbp_diag_fix(r, "give the server a certificate the profile verifies (ECDSA P-256 fits "
                        "every profile), or use a profile that includes its algorithm");
        return 1;
    case MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION:
        mbp_diag_cause(r, "the server chose a TLS version outside the client's range: ");
        mbp_diag_explain_version(f, r);
        return 1;
    case MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE:
    case MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE:
        if (mbp_diag_is_buffer_overflow(f)) {
            mbp_diag_explain_buffer(f, r);
            return 1;
        }
        mbp_diag_cause(r, "the server chose parameters this client did not offer or cannot "
                          "use; ");
        mbp_diag_explain_no_common(f, r);
        return 1;
    default:
        return 0;
    }
}

/* X.509 or PK error codes, which the handshake returns for a certificate it cannot parse. */
static int mbp_diag_is_cert_parse(int err)
{
    int high = mbp_diag_high(err);

    return (high <= MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE && high >= MBEDTLS_ERR_X509_FATAL_ERROR) ||
           (high <= MBEDTLS_ERR_PK_BUFFER_TOO_SMALL && high >= MBEDTLS_ERR_PK_ALLOC_FAILED);
}

/* Codes rare enough to share one function. */
static void mbp_diag_explain_rest(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    switch (f->err) {
    case MBEDTLS_ERR_SSL_INVALID_MAC:
        mbp_diag_cause(r, "a record from the server failed its integrity check: the keys "
                          "disagree, or something on the path altered the traffic");
        mbp_diag_fix(r, "retry without proxies or middleboxes on the path; check the server");
        return;
    case MBEDTLS_ERR_SSL_ALLOC_FAILED:
    case MBEDTLS_ERR_X509_ALLOC_FAILED:
        mbp_diag_cause(r, "out of heap memory during the %s",
                       f->stage == MBP_DIAG_STAGE_REQUEST ? "request" : "handshake");
        mbp_diag_fix(r, "give the process more heap, or lower MBEDTLS_SSL_IN_CONTENT_LEN / "
                        "MBEDTLS_SSL_OUT_CONTENT_LEN if the server allows it");
        return;
    case MBEDTLS_ERR_ENTROPY_SOURCE_FAILED:
    case MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED:
    case MBEDTLS_ERR_ENTROPY_NO_STRONG_SOURCE:
    case MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED:
        mbp_diag_cause(r, "the random generator failed: the client draws its randomness from "
                          "PSA (mbedtls_psa_get_random), which fails when psa_crypto_init() "
                          "was not called or when the platform gives PSA no entropy");
        mbp_diag_fix(r,
                     "call psa_crypto_init() before the handshake (mbp_client_setup() does), "
                     "and give profile '%s' an entropy source",
                     mbp_diag_or(f->profile, "?"));
        return;
    case MBP_NET_ERR_RECV_FAILED:
    case MBP_NET_ERR_SEND_FAILED:
        mbp_diag_cause(r, "the connection to %s failed: %s", mbp_diag_or(f->peer, "the server"),
                       f->sys_errno != 0 ? strerror(f->sys_errno) : "unknown reason");
        mbp_diag_fix(r, "check the network and the server");
        return;
    default:
        mbp_diag_cause(r, "the %s failed with a code this tool has no explanation for",
                       f->stage == MBP_DIAG_STAGE_REQUEST ? "request" : "handshake");
        mbp_diag_fix(r, "look the code up in Mbed TLS's headers and the server's log");
        return;
    }
}

static void mbp_diag_explain_session(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    if (mbp_diag_explain_negotiation(f, r)) {
        return;
    }
    if (mbp_diag_is_cert_parse(f->err)) {
        mbp_diag_cause(r, "the server's certificate could not be parsed by profile '%s'%s",
                       mbp_diag_or(f->profile, "?"),
                       mbp_diag_is_unsupported_alg(f->err) ? ": it uses an algorithm the "
                                                             "profile leaves out"
                                                           : "");
        mbp_diag_fix(r, "give the server a certificate the profile supports (ECDSA P-256 fits "
                        "every profile), or use a profile that includes its algorithm");
        return;
    }
    switch (f->err) {
    case MBEDTLS_ERR_SSL_INTERNAL_ERROR:
    case MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED:
        mbp_diag_explain_internal(f, r);
        return;
    case MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL:
    case MBEDTLS_ERR_SSL_INVALID_RECORD:
    case MBEDTLS_ERR_SSL_BAD_INPUT_DATA:
    case MBEDTLS_ERR_SSL_DECODE_ERROR:
    case MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER:
    case MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE:
        mbp_diag_explain_malformed(f, r);
        return;
    case MBEDTLS_ERR_SSL_CONN_EOF:
    case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
    case MBP_NET_ERR_CONN_RESET:
        mbp_diag_explain_closed(f, r);
        return;
    case MBEDTLS_ERR_SSL_TIMEOUT:
        mbp_diag_explain_timeout(f, r);
        return;
    default:
        break;
    }
    mbp_diag_explain_rest(f, r);
}

/* Codes of mbp_client_setup() that come from parsing the CA chain (PEM, X.509, PK). */
static int mbp_diag_is_ca_error(int err)
{
    int high = mbp_diag_high(err);

    return (high <= MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT &&
            high >= MBEDTLS_ERR_PEM_BAD_INPUT_DATA) ||
           mbp_diag_is_cert_parse(err);
}

/* ---- Entry point ---------------------------------------------------------------------- */

static void mbp_diag_what_set(const struct mbp_diag_failure *f, struct mbp_diag_report *r)
{
    const char *peer = mbp_diag_or(f->peer, "?");
    const char *name = mbp_diag_or(f->server_name, "?");

    switch (f->stage) {
    case MBP_DIAG_STAGE_CA_FILE:
        snprintf(r->what, sizeof(r->what), "reading CA file '%s'", mbp_diag_or(f->ca_path, "?"));
        return;
    case MBP_DIAG_STAGE_SETUP:
        if (f->err <= -0x1000 && f->ca_path != NULL && mbp_diag_is_ca_error(f->err)) {
            snprintf(r->what, sizeof(r->what), "loading CA file '%s'", f->ca_path);
            return;
        }
        snprintf(r->what, sizeof(r->what), "setting up the TLS client");
        return;
    case MBP_DIAG_STAGE_CONNECT:
        snprintf(r->what, sizeof(r->what), "connecting to %s", peer);
        return;
    case MBP_DIAG_STAGE_HANDSHAKE:
        snprintf(r->what, sizeof(r->what), "TLS handshake with %s (%s)", name, peer);
        return;
    case MBP_DIAG_STAGE_REQUEST:
        snprintf(r->what, sizeof(r->what), "HTTP request to %s (%s)", name, peer);
        return;
    default:
        snprintf(r->what, sizeof(r->what), "unknown step");
        return;
    }
}

void mbp_diag_explain(const struct mbp_diag_failure *failure, struct mbp_diag_report *report)
{
    memset(report, 0, sizeof(*report));
    mbp_diag_what_set(failure, report);
    snprintf(report->code, sizeof(report->code), "-0x%04X", (unsigned)-failure->err);
    mbp_diag_text_set(failure, report);

    switch (failure->stage) {
    case MBP_DIAG_STAGE_CA_FILE:
        mbp_diag_cause(report, "cannot read '%s': %s", mbp_diag_or(failure->ca_path, "?"),
                       failure->sys_errno != 0 ? strerror(failure->sys_errno) : "empty file");
        mbp_diag_fix(report, "pass a readable PEM or DER file with the CA certificate(s) with "
                             "--ca-file");
        return;
    case MBP_DIAG_STAGE_SETUP:
        mbp_diag_explain_setup(failure, report);
        return;
    case MBP_DIAG_STAGE_CONNECT:
        mbp_diag_explain_connect(failure, report);
        return;
    case MBP_DIAG_STAGE_HANDSHAKE:
    case MBP_DIAG_STAGE_REQUEST:
    default:
        mbp_diag_explain_session(failure, report);
        return;
    }
}
