# Bad input to the client, the benchmarks and the main job (tests/cli-errors.sh): a message
# naming the cause and a fix, a non-zero exit, and nothing lost.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set(cli_errors "${top}/tests/cli-errors.sh")
foreach(profile IN LISTS MBP_PROFILES)
    foreach(check IN ITEMS client-unknown-option client-bad-port client-missing-ca
            client-ca-directory client-ca-not-a-certificate client-stray-argument
            client-server-refuses client-not-tls-server client-chain-too-big
            bench-samples-kept bench-samples-unwritable)
        add_test(NAME cli/${check}/${profile}
            COMMAND "${cli_errors}" ${check} ${profile} "${CMAKE_BINARY_DIR}" "${pki}")
        set_tests_properties(cli/${check}/${profile} PROPERTIES FIXTURES_REQUIRED pki TIMEOUT 60)
    endforeach()
endforeach()

# The main job refuses bad options before it fetches or builds anything, so one profile will do.
list(GET MBP_PROFILES 0 first_profile)
foreach(check IN ITEMS run-unknown-profile run-bad-value run-unwritable-out run-narrower-refused
        run-keeps-results)
    add_test(NAME cli/${check}
        COMMAND "${cli_errors}" ${check} ${first_profile} "${CMAKE_BINARY_DIR}" "${pki}")
    set_tests_properties(cli/${check} PROPERTIES TIMEOUT 60)
endforeach()

# Every benchmark program answers --help with its usage on stdout and exit status 0.
foreach(program IN ITEMS mbp-handshake-bench mbp-keygen-bench mbp-ram-bench mbp-crypto-bench)
    add_test(NAME cli/help/${program}
        COMMAND sh -c "out=$(\"$0\" --help) && printf '%s\\n' \"$out\" | grep -q '^usage: '"
            "${CMAKE_BINARY_DIR}/${first_profile}/${program}")
endforeach()
