/* Tables of TLS registry names used by the client's reports and diagnostics.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#include "mbp_names.h"

#include <stddef.h>

struct mbp_names_entry {
    int id;
    const char *name;
};

/* TLS Supported Groups registry (RFC 8422, RFC 7919, RFC 8446 section 4.2.7). */
static const struct mbp_names_entry mbp_names_groups[] = {
    {0x0017, "secp256r1"},
    {0x0018, "secp384r1"},
    {0x0019, "secp521r1"},
    {0x001a, "brainpoolP256r1"},
    {0x001b, "brainpoolP384r1"},
    {0x001c, "brainpoolP512r1"},
    {0x001d, "x25519"},
    {0x001e, "x448"},
    {0x001f, "brainpoolP256r1tls13"},
    {0x0020, "brainpoolP384r1tls13"},
    {0x0021, "brainpoolP512r1tls13"},
    {0x0100, "ffdhe2048"},
    {0x0101, "ffdhe3072"},
    {0x0102, "ffdhe4096"},
    {0x0103, "ffdhe6144"},
    {0x0104, "ffdhe8192"},
    {0x11ec, "X25519MLKEM768"},
};

/* TLS SignatureScheme registry (RFC 8446 section 4.2.3), plus the TLS 1.2 pairs of RFC 5246
 * that have no TLS 1.3 name. */
static const struct mbp_names_entry mbp_names_sig_algs[] = {
    {0x0201, "rsa_pkcs1_sha1"},
    {0x0203, "ecdsa_sha1"},
    {0x0301, "rsa_pkcs1_sha224"},
    {0x0303, "ecdsa_sha224"},
    {0x0401, "rsa_pkcs1_sha256"},
    {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0501, "rsa_pkcs1_sha384"},
    {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0601, "rsa_pkcs1_sha512"},
    {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0804, "rsa_pss_rsae_sha256"},
    {0x0805, "rsa_pss_rsae_sha384"},
    {0x0806, "rsa_pss_rsae_sha512"},
    {0x0807, "ed25519"},
    {0x0808, "ed448"},
    {0x0809, "rsa_pss_pss_sha256"},
    {0x080a, "rsa_pss_pss_sha384"},
    {0x080b, "rsa_pss_pss_sha512"},
    {0x081a, "ecdsa_brainpoolP256r1tls13_sha256"},
    {0x081b, "ecdsa_brainpoolP384r1tls13_sha384"},
    {0x081c, "ecdsa_brainpoolP512r1tls13_sha512"},
};

/* Alert descriptions (RFC 8446 section 6, RFC 5246 section 7.2). */
static const struct mbp_names_entry mbp_names_alerts[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {21, "decryption_failed"},
    {22, "record_overflow"},
    {30, "decompression_failure"},
    {40, "handshake_failure"},
    {41, "no_certificate"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {60, "export_restriction"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},
    {115, "unknown_psk_identity"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
};

#define MBP_NAMES_COUNT(table) (sizeof(table) / sizeof((table)[0]))

static const char *mbp_names_find(const struct mbp_names_entry *table, size_t count, int id)
{
    size_t i;

    for (i = 0; i < count; i++) {
        if (table[i].id == id) {
            return table[i].name;
        }
    }
    return "unknown";
}

const char *mbp_names_group(uint16_t group_id)
{
    if (group_id == 0) {
        return "none";
    }
    return mbp_names_find(mbp_names_groups, MBP_NAMES_COUNT(mbp_names_groups), group_id);
}

const char *mbp_names_sig_alg(uint16_t sig_alg_id)
{
    if (sig_alg_id == 0) {
        return "none";
    }
    return mbp_names_find(mbp_names_sig_algs, MBP_NAMES_COUNT(mbp_names_sig_algs), sig_alg_id);
}

const char *mbp_names_alert(int alert_desc)
{
    return mbp_names_find(mbp_names_alerts, MBP_NAMES_COUNT(mbp_names_alerts), alert_desc);
}
