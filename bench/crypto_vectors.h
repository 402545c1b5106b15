/* Fixed RSA-2048 test key and signatures for crypto_bench.c (see crypto_vectors.c).
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef CRYPTO_VECTORS_H
#define CRYPTO_VECTORS_H

/* RSAPrivateKey and RSAPublicKey (PKCS #1), DER: the formats psa_import_key() takes. */
extern const unsigned char mbp_vector_rsa_private_der[1191];
extern const unsigned char mbp_vector_rsa_public_der[270];
/* SHA-256 of "mbp", and its signatures by the key above. */
extern const unsigned char mbp_vector_sha256_mbp[32];
extern const unsigned char mbp_vector_rsa_pkcs1_signature[256];
extern const unsigned char mbp_vector_rsa_pss_signature[256];

#endif /* CRYPTO_VECTORS_H */
