/* Built by tests/product-build.sh like a product's own code, against the Mbed TLS libraries
 * that the README's recipe built: prints what those libraries were compiled with.
 * Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>

#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <psa/crypto.h>

int main(void)
{
    const int *suite;
    psa_status_t status = psa_crypto_init();

    if (status != PSA_SUCCESS) {
        fprintf(stderr, "product_check: psa_crypto_init returned %d\n", (int)status);
        return 1;
    }
    /* The library's own table of suites: it follows from both headers the library was built
     * with (TLS versions from mbedtls_config.h, ciphers and hashes from crypto_config.h). */
    for (suite = mbedtls_ssl_list_ciphersuites(); *suite != 0; suite++) {
        printf("suite: %s\n", mbedtls_ssl_get_ciphersuite_name(*suite));
    }
    mbedtls_psa_crypto_free();
    return 0;
}
