# The interop matrix: every profile against openssl s_server, gnutls-serv and Mbed TLS's own
# ssl_server2, each restricted to one TLS version, group, certificate and suite at a time.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

include("${top}/cmake/PeerServer.cmake")

string(REPLACE ";" "," interop_profiles "${MBP_PROFILES}")

# Fails on any unexpected cell: a claimed one that does not succeed with exactly its
# parameters, or another one that succeeds or fails without its cause named.
add_test(NAME interop/matrix
    COMMAND "${top}/scripts/interop.sh" "${CMAKE_BINARY_DIR}" "${pki}"
        "${CMAKE_BINARY_DIR}/interop-results" --profiles "${interop_profiles}")
set_tests_properties(interop/matrix PROPERTIES FIXTURES_REQUIRED pki TIMEOUT 900)

# The matrix must catch a wrong claims table both ways: x25519-min made to claim P-384, which it
# lacks, instead of X25519, which it has. Both cells must come out unexpected (with them, the
# P-384 cells whose server reason, the group, is now claimed).
if("x25519-min" IN_LIST MBP_PROFILES)
    set(false_claims "${CMAKE_BINARY_DIR}/interop-false-claims.csv")
    file(WRITE "${false_claims}"
        "# x25519-min with a wrong group, for the test interop/catches-false-claims\n"
        "profile,tls_version,groups,certs,suites\n"
        "x25519-min,1.3,secp384r1,ecdsa-p256,aes128gcm\n")
    add_test(NAME interop/catches-false-claims
        COMMAND "${top}/scripts/interop.sh" "${CMAKE_BINARY_DIR}" "${pki}"
            "${CMAKE_BINARY_DIR}/interop-false-claims-results" --profiles x25519-min
            --peers openssl --claims "${false_claims}")
    # Workers run side by side, so the two cells are reported in either order.
    set(unclaimed_ok "x25519-min_openssl_tls1.3_x25519_ecdsa-p256_aes128gcm: no,[^,]*,success,")
    set(claimed_bad
        "x25519-min_openssl_tls1.3_secp384r1_ecdsa-p256_aes128gcm: yes,success,failure,")
    set(both "(${unclaimed_ok}.*${claimed_bad}|${claimed_bad}.*${unclaimed_ok})")
    set_tests_properties(interop/catches-false-claims PROPERTIES
        FIXTURES_REQUIRED pki TIMEOUT 300
        PASS_REGULAR_EXPRESSION "${both}.*error: [0-9]+ unexpected")
endif()
