# Hardening of every profile: the project's profile checks stop broken variants, each profile
# keeps its security floor, one handshake per profile is clean under valgrind memcheck, and the
# libFuzzer harness of the client core survives a short smoke run and replays its regression
# inputs. Included by tests/CMakeLists.txt.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set(profile_checks "${top}/tests/profile-checks.sh")

# Broken variants that every TLS 1.3 profile of the project can be edited into; the TLS 1.2
# and RSA ones apply where the profile has TLS 1.2 or RSA (tests/profile-checks.sh).
set(hardening_variants ecdh-without-keygen tls13-without-ecdhe-mode no-aead psk-ke sha1 md5 cbc
    weak-verification no-time-date renegotiation static-rsa)

foreach(profile IN LISTS MBP_PROFILES)
    # The profile as it is compiles, and its security floor holds (for "default", Mbed TLS's own
    # configuration, the floors it is known not to keep are asserted as such).
    add_test(NAME hardening/intact/${profile}
        COMMAND "${profile_checks}" intact ${profile} "${MBP_MBEDTLS_DIR}" "${CMAKE_C_COMPILER}")
    add_test(NAME hardening/floor/${profile}
        COMMAND "${profile_checks}" floor ${profile} "${MBP_MBEDTLS_DIR}" "${CMAKE_C_COMPILER}")
    if(profile STREQUAL "default")
        continue()
    endif()

    set(variants ${hardening_variants})
    mbp_config_get(${profile} MBEDTLS_SSL_PROTO_TLS1_2 tls12)
    if(tls12)
        list(APPEND variants tls12-no-aead no-ems)
    endif()
    mbp_config_get(${profile} MBEDTLS_X509_RSASSA_PSS_SUPPORT rsa_pss)
    if(rsa_pss)
        list(APPEND variants rsa-without-pss)
    endif()
    foreach(variant IN LISTS variants)
        # The first three are case C12 of ../shared/cases/README.md.
        set(name hardening/profile-check/${variant}/${profile})
        if(variant MATCHES "^(ecdh-without-keygen|tls13-without-ecdhe-mode|no-aead)$")
            set(name C12/${variant}/${profile})
        endif()
        add_test(NAME ${name}
            COMMAND "${profile_checks}" variant ${variant} ${profile} "${MBP_MBEDTLS_DIR}"
                "${CMAKE_C_COMPILER}")
    endforeach()
endforeach()

# Nothing in the client or the benchmarks can make verification optional.
add_test(NAME hardening/no-relax COMMAND "${profile_checks}" no-relax)

# One handshake, and one refused certificate, per profile under valgrind memcheck: no error,
# no leak. valgrind cannot run the sanitizer build, which checks the same paths itself.
if(NOT MBP_SANITIZE)
    foreach(profile IN LISTS MBP_PROFILES)
        add_test(NAME hardening/memcheck/${profile}
            COMMAND "${top}/scripts/memcheck.sh" "${CMAKE_BINARY_DIR}" "${pki}" ${profile})
        set_tests_properties(hardening/memcheck/${profile} PROPERTIES FIXTURES_REQUIRED pki
            TIMEOUT 300)
    endforeach()
endif()

# The libFuzzer harnesses, built by clang in a build directory of their own (fuzz/CMakeLists.txt)
# from the same Mbed TLS tree; then a smoke run of MBP_FUZZ_SMOKE_SECONDS per profile, and a
# replay of the recorded seeds and of tests/fuzz-regressions/<profile>/.
set(MBP_FUZZ_SMOKE_SECONDS 20 CACHE STRING "Seconds of each profile's fuzzing smoke test")
set(fuzz_build "${CMAKE_BINARY_DIR}/fuzz")
set(fuzz_targets)
foreach(profile IN LISTS MBP_PROFILES)
    list(APPEND fuzz_targets mbp-fuzz-client-${profile})
endforeach()
string(REPLACE ";" "," fuzz_profiles "${MBP_PROFILES}")
string(REPLACE ";" " " fuzz_targets "${fuzz_targets}")
add_test(NAME hardening/fuzz-build
    COMMAND sh -c "command -v clang >/dev/null || {
            echo 'fuzz-build: clang is missing; fix: apt-get install clang libclang-rt-14-dev' >&2
            exit 1; }
        CC=clang \"$0\" -S \"$1\" -B \"$2\" -DMBP_FUZZ=ON -DBUILD_TESTING=OFF \
            -DMBEDTLS_SOURCE_DIR=\"$3\" -DMBP_PROFILES=\"$(echo \"$4\" | tr , '\\073')\" -DMBP_WERROR=${MBP_WERROR} &&
        \"$0\" --build \"$2\" -j 2 --target $5"
        "${CMAKE_COMMAND}" "${PROJECT_SOURCE_DIR}" "${fuzz_build}" "${MBP_MBEDTLS_DIR}"
        "${fuzz_profiles}" "${fuzz_targets}")
set_tests_properties(hardening/fuzz-build PROPERTIES FIXTURES_SETUP fuzz-build TIMEOUT 1800
    RESOURCE_LOCK build-tree)
foreach(profile IN LISTS MBP_PROFILES)
    add_test(NAME hardening/fuzz-smoke/${profile}
        COMMAND "${top}/scripts/fuzz.sh" ${profile} ${MBP_FUZZ_SMOKE_SECONDS} "${fuzz_build}")
    add_test(NAME hardening/fuzz-replay/${profile}
        COMMAND "${top}/scripts/fuzz.sh" --replay ${profile} "${fuzz_build}")
    set_tests_properties(hardening/fuzz-smoke/${profile} hardening/fuzz-replay/${profile}
        PROPERTIES FIXTURES_REQUIRED fuzz-build TIMEOUT 600 RESOURCE_LOCK fuzz-${profile})
endforeach()
