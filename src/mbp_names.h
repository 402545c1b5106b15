/* Names of TLS registry values (groups, signature schemes, alerts) for reports.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_NAMES_H
#define MBP_NAMES_H

#include <stdint.h>

/* IANA name of a TLS NamedGroup ("x25519", "secp256r1"): "none" for 0, "unknown" for an id
 * outside the table. Never NULL. */
const char *mbp_names_group(uint16_t group_id);

/* IANA name of a TLS SignatureScheme ("ecdsa_secp256r1_sha256"): "none" for 0, "unknown" for
 * an id outside the table. Never NULL. */
const char *mbp_names_sig_alg(uint16_t sig_alg_id);

/* RFC 8446 name of an alert description ("handshake_failure"), "unknown" outside the table.
 * Never NULL. */
const char *mbp_names_alert(int alert_desc);

#endif /* MBP_NAMES_H */
