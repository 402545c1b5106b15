# The cases of ../shared/cases/README.md, one test per case and profile, against real peers.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# Which case applies to a profile follows from what the profile claims
# (tests/interop-claims.csv) and from its configuration (read with Mbed TLS's config.py).
# C12 (inconsistent profiles stop the build) lives in a file of its own.

include("${top}/cmake/ProfileVariant.cmake")

# Sets claimed_groups, claimed_certs and claimed_suites (CMake lists) in the caller to what the
# profile claims for a TLS version; all empty when it claims nothing for that version.
function(mbp_claims_get profile version)
    set(claims_file "${top}/tests/interop-claims.csv")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${claims_file}")
    string(REPLACE "." "\\." version_re "${version}")
    file(STRINGS "${claims_file}" rows REGEX "^${profile},${version_re},")
    set(groups "")
    set(certs "")
    set(suites "")
    if(rows)
        string(REPLACE "," ";" fields "${rows}")
        list(GET fields 2 groups)
        list(GET fields 3 certs)
        list(GET fields 4 suites)
        separate_arguments(groups UNIX_COMMAND "${groups}")
        separate_arguments(certs UNIX_COMMAND "${certs}")
        separate_arguments(suites UNIX_COMMAND "${suites}")
    endif()
    set(claimed_groups "${groups}" PARENT_SCOPE)
    set(claimed_certs "${certs}" PARENT_SCOPE)
    set(claimed_suites "${suites}" PARENT_SCOPE)
endfunction()

# Sets out_var to the value of SETTING in the profile's mbedtls_config.h ("" when unset,
# "defined" for a setting without value), as Mbed TLS's own config.py reads it.
function(mbp_config_get profile setting out_var)
    set(file_args "")
    if(NOT profile STREQUAL "default")
        set(file_args -f "${top}/configs/${profile}/mbedtls_config.h")
    endif()
    find_package(Python3 COMPONENTS Interpreter REQUIRED)
    # config.py exits 1, silently, for an unset setting; anything on stderr is a real failure,
    # which must not quietly drop the cases that depend on the setting.
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -E env PYTHONDONTWRITEBYTECODE=1
            "${Python3_EXECUTABLE}" "${MBP_MBEDTLS_DIR}/scripts/config.py" ${file_args}
            get ${setting}
        RESULT_VARIABLE rc
        OUTPUT_VARIABLE value
        ERROR_VARIABLE err
        OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT err STREQUAL "")
        message(FATAL_ERROR "config.py could not read ${setting} of profile '${profile}': ${err}")
    endif()
    if(NOT rc EQUAL 0)
        set(value "")
    elseif(value STREQUAL "")
        set(value "defined")
    endif()
    set(${out_var} "${value}" PARENT_SCOPE)
endfunction()

# The cases that apply to a profile, in out_var.
function(mbp_cases_of profile out_var)
    set(cases C1 C2 C3 C4-expired C4-future C5)
    mbp_claims_get(${profile} 1.2)
    set(tls12_certs "${claimed_certs}")
    set(tls12 "${claimed_groups}")
    mbp_claims_get(${profile} 1.3)
    if(NOT claimed_groups)
        message(FATAL_ERROR "profile '${profile}' has no TLS 1.3 row in "
            "tests/interop-claims.csv; add what it claims there")
    endif()
    list(APPEND cases C14)
    if(NOT "secp384r1" IN_LIST claimed_groups)
        list(APPEND cases C6)
    endif()
    if(NOT tls12)
        list(APPEND cases C7-openssl C7-gnutls)
    endif()
    if("rsa2048" IN_LIST tls12_certs)
        list(APPEND cases C8)
    endif()
    mbp_config_get(${profile} MBEDTLS_USE_PSA_CRYPTO use_psa)
    if(tls12 AND use_psa)
        list(APPEND cases C9)
    endif()
    mbp_config_get(${profile} MBEDTLS_SSL_IN_CONTENT_LEN in_len)
    if(in_len AND in_len LESS 8192)
        list(APPEND cases C10 C10-in8k)
    endif()
    if(NOT "rsa2048" IN_LIST claimed_certs AND NOT "rsa2048" IN_LIST tls12_certs)
        list(APPEND cases C11)
    endif()
    if("rsa-chain" IN_LIST claimed_certs)
        list(APPEND cases C13)
    endif()
    set(${out_var} ${cases} PARENT_SCOPE)
endfunction()

foreach(profile IN LISTS MBP_PROFILES)
    mbp_cases_of(${profile} cases)
    if("C10-in8k" IN_LIST cases)
        # C10's second half: the same profile with an 8192-byte input buffer, test-only.
        mbp_add_profile_variant(${profile}-in8k ${profile} MBEDTLS_SSL_IN_CONTENT_LEN 8192)
    endif()
    foreach(case IN LISTS cases)
        add_test(NAME ${case}/${profile}
            COMMAND "${top}/tests/run-case.sh" ${case} ${profile} "${CMAKE_BINARY_DIR}" "${pki}")
        set_tests_properties(${case}/${profile} PROPERTIES FIXTURES_REQUIRED pki TIMEOUT 60)
    endforeach()
endforeach()

# The resumption a client's --version reports follows from its profile's configuration as
# config.py reads it; a profile that cannot resume refuses --resume as a usage error.
foreach(profile IN LISTS MBP_PROFILES)
    mbp_config_get(${profile} MBEDTLS_SSL_SESSION_TICKETS tickets)
    mbp_config_get(${profile} MBEDTLS_SSL_PROTO_TLS1_2 tls12)
    mbp_config_get(${profile} MBEDTLS_SSL_PROTO_TLS1_3 tls13)
    if(tickets AND tls13 AND tls12)
        set(resumption "session ticket \\(TLS 1.3, TLS 1.2\\) or session id \\(TLS 1.2\\)")
    elseif(tickets AND tls13)
        set(resumption "session ticket")
    elseif(tickets)
        set(resumption "session ticket or session id")
    elseif(tls12)
        set(resumption "session id \\(TLS 1.2 only\\)")
    else()
        set(resumption "none \\(no session tickets\\): --resume is refused")
    endif()
    add_test(NAME build/${profile}/resumption
        COMMAND "${CMAKE_BINARY_DIR}/${profile}/mbp-client" --version)
    set_tests_properties(build/${profile}/resumption PROPERTIES
        PASS_REGULAR_EXPRESSION "\nresumption: ${resumption}\n")
    # A Certificate message of about 16.3 KB against the profile's input buffer.
    mbp_config_get(${profile} MBEDTLS_SSL_IN_CONTENT_LEN in_len)
    if(NOT in_len)
        set(in_len 16384) # Mbed TLS's default
    endif()
    add_test(NAME cli/client-chain-near-16k/${profile}
        COMMAND "${CMAKE_COMMAND}" -E env MBP_IN_CONTENT_LEN=${in_len}
            "${top}/tests/cli-errors.sh" client-chain-near-16k ${profile} "${CMAKE_BINARY_DIR}"
            "${pki}")
    set_tests_properties(cli/client-chain-near-16k/${profile} PROPERTIES
        FIXTURES_REQUIRED pki TIMEOUT 60)
    if(NOT tickets AND NOT tls12)
        add_test(NAME cli/client-resume-refused/${profile}
            COMMAND "${top}/tests/cli-errors.sh" client-resume-refused ${profile}
                "${CMAKE_BINARY_DIR}" "${pki}")
        set_tests_properties(cli/client-resume-refused/${profile} PROPERTIES
            FIXTURES_REQUIRED pki TIMEOUT 60)
    endif()
endforeach()

# The README's recipe for using a profile in a product, run as it stands, for the profiles that
# claim TLS 1.3 only (their suite list is then known exactly).
if(NOT MBP_SANITIZE)
    foreach(profile IN LISTS MBP_PROFILES)
        mbp_claims_get(${profile} 1.2)
        if(profile STREQUAL "default" OR claimed_groups)
            continue()
        endif()
        add_test(NAME product-build/${profile}
            COMMAND "${top}/tests/product-build.sh" ${profile} "${MBP_MBEDTLS_DIR}")
        set_tests_properties(product-build/${profile} PROPERTIES TIMEOUT 600)
    endforeach()
endif()
