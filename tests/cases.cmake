# The cases of ../shared/cases/README.md, one test per case and profile, against real peers.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

foreach(profile IN LISTS MBP_PROFILES)
    # Every profile here has TLS 1.3, so C1 runs for all of them.
    foreach(case C1 C2 C3 C4-expired C4-future C5)
        add_test(NAME ${case}/${profile}
            COMMAND "${top}/tests/run-case.sh" ${case} ${profile} "${CMAKE_BINARY_DIR}" "${pki}")
        set_tests_properties(${case}/${profile} PROPERTIES FIXTURES_REQUIRED pki TIMEOUT 60)
    endforeach()
endforeach()
