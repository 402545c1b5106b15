# Tests of the benchmarks of bench/README.md: RAM (with the massif cross-check), crypto
# micro-benchmarks, resumed handshakes, instruction counts and the OpenSSL peer programs.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set(bench_check "${top}/tests/bench-check.sh")

foreach(profile IN LISTS MBP_PROFILES)
    # Resumption needs session tickets in these TLS 1.3 profiles (mbp_config_get: cases.cmake).
    mbp_config_get(${profile} MBEDTLS_SSL_SESSION_TICKETS tickets)
    set(resumable 0)
    if(tickets)
        set(resumable 1)
    endif()

    # The counting allocator counts known sizes exactly, and the painted stack measures a
    # frame of known size.
    add_test(NAME bench/ram-self-test/${profile}
        COMMAND "${CMAKE_BINARY_DIR}/${profile}/mbp-ram-bench" --self-test)

    # valgrind (massif, callgrind) cannot run the sanitizer build; its figures are meaningless
    # there anyway.
    set(checks ram resumed)
    if(NOT MBP_SANITIZE)
        list(APPEND checks massif instructions)
    endif()
    foreach(check IN LISTS checks)
        add_test(NAME bench/${check}/${profile}
            COMMAND "${bench_check}" ${check} ${profile} "${CMAKE_BINARY_DIR}" "${pki}"
                ${resumable})
        set_tests_properties(bench/${check}/${profile} PROPERTIES FIXTURES_REQUIRED pki
            TIMEOUT 180)
    endforeach()

    # Every operation the profile enables passes its self-check (known answers, both sides of
    # an agreement, signatures refused when corrupted, AEAD round trips) and is measured; the
    # rest are "skipped" rows naming the missing PSA_WANT_ macro.
    add_test(NAME bench/crypto/${profile}
        COMMAND "${CMAKE_BINARY_DIR}/${profile}/mbp-crypto-bench" --samples-count 3
            --min-sample-ms 1 --warmup-ms 0 --budget-ms 5)
    set_tests_properties(bench/crypto/${profile} PROPERTIES
        PASS_REGULAR_EXPRESSION "x25519/agreement,agreement,ECDH,x25519,255,0,CLOCK_MONOTONIC,3,[0-9]+,[1-9]"
        FAIL_REGULAR_EXPRESSION "failed"
        TIMEOUT 120)
endforeach()

# An operation the profile compiles out is a "skipped" row naming the missing macro.
if("x25519-min" IN_LIST MBP_PROFILES)
    add_test(NAME bench/crypto-skipped/x25519-min
        COMMAND "${CMAKE_BINARY_DIR}/x25519-min/mbp-crypto-bench" --only secp384r1/sign)
    set_tests_properties(bench/crypto-skipped/x25519-min PROPERTIES
        PASS_REGULAR_EXPRESSION "secp384r1/sign,sign,ECDSA-SHA384,secp384r1,384,48,,,,,,,,,,,,,skipped,PSA_WANT_ECC_SECP_R1_384 not set")
endif()

# Bad input: an unknown value and an unreachable server each end in exit status 1 and a
# message naming the cause.
list(GET MBP_PROFILES 0 first_profile)
set(expect_exit1 [=["$@"; echo "exit-status=$?"]=])
add_test(NAME bench/crypto-bad-option
    COMMAND sh -c "${expect_exit1}" sh "${CMAKE_BINARY_DIR}/${first_profile}/mbp-crypto-bench"
        --samples-count zero)
set_tests_properties(bench/crypto-bad-option PROPERTIES
    PASS_REGULAR_EXPRESSION "bad option or value: --samples-count.*exit-status=1")
add_test(NAME bench/ram-no-server
    COMMAND sh -c "${expect_exit1}" sh "${CMAKE_BINARY_DIR}/${first_profile}/mbp-ram-bench"
        --port 1 --ca-file "${pki}/ca.crt")
set_tests_properties(bench/ram-no-server PROPERTIES FIXTURES_REQUIRED pki
    PASS_REGULAR_EXPRESSION "mbp_net_connect failed.*127.0.0.1:1.*exit-status=1")

if(TARGET mbp-openssl-bench)
    add_test(NAME bench/openssl-crypto
        COMMAND "${CMAKE_BINARY_DIR}/openssl/mbp-openssl-bench" crypto --samples-count 3
            --min-sample-ms 1 --warmup-ms 0)
    set_tests_properties(bench/openssl-crypto PROPERTIES
        PASS_REGULAR_EXPRESSION "openssl,,openssl-[0-9.]+,x25519/agreement,agreement,ECDH,x25519,255,0,CLOCK_MONOTONIC,3,[0-9]+,[1-9]"
        TIMEOUT 60)
    add_test(NAME bench/openssl-handshake
        COMMAND "${bench_check}" openssl "${CMAKE_BINARY_DIR}" "${pki}")
    set_tests_properties(bench/openssl-handshake PROPERTIES FIXTURES_REQUIRED pki TIMEOUT 60)
endif()

# The results check rejects a set whose RAM figure is zero (the main job is not run in the
# sanitizer build: tests/CMakeLists.txt).
string(REPLACE ";" "," bench_profiles "${MBP_PROFILES}")
if(NOT MBP_SANITIZE)
    add_test(NAME bench/check-rejects-zero-heap
        COMMAND "${bench_check}" results-negative "${CMAKE_BINARY_DIR}/mainjob-results"
            "${bench_profiles}")
    set_tests_properties(bench/check-rejects-zero-heap PROPERTIES FIXTURES_REQUIRED mainjob)
endif()
