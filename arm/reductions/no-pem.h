/* Flash reduction to measure: no PEM, since the image embeds its CA in DER.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * With the CA compiled in as DER (arm/device_ca.c) the image never decodes PEM or Base64;
 * mbedtls_x509_crt_parse() then accepts DER only. Use: scripts/build-arm.sh --overlay THIS_FILE.
 */
#undef MBEDTLS_PEM_PARSE_C
#undef MBEDTLS_BASE64_C
