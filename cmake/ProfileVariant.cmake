# Test-only variants of a profile: the profile's mbedtls_config.h copied into the build tree,
# a few settings changed there by Mbed TLS's own scripts/config.py, and the result built by
# mbp_add_profile like any profile. Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# mbp_add_profile_variant(<variant> <base> <SETTING> <VALUE> [<SETTING> <VALUE> ...])
# builds <build>/<variant>/mbp-client (not the benchmarks) from configs/<base> with each
# SETTING set to VALUE. The variant's crypto_config.h includes the base's, so only
# mbedtls_config.h differs. Files are rewritten only when their content changes, so a
# reconfigure does not rebuild the variant's library.

function(mbp_add_profile_variant variant base)
    set(base_dir "${PROJECT_SOURCE_DIR}/configs/${base}")
    set(dir "${CMAKE_BINARY_DIR}/variants/${variant}")
    set(staging "${dir}/staging")
    set(settings ${ARGN})
    list(LENGTH settings n)
    math(EXPR odd "${n} % 2")
    if(n EQUAL 0 OR odd)
        message(FATAL_ERROR "mbp_add_profile_variant(${variant}): give SETTING VALUE pairs")
    endif()
    find_package(Python3 COMPONENTS Interpreter REQUIRED)

    file(MAKE_DIRECTORY "${staging}")
    configure_file("${base_dir}/mbedtls_config.h" "${staging}/mbedtls_config.h" COPYONLY)
    while(settings)
        list(POP_FRONT settings name value)
        # PYTHONDONTWRITEBYTECODE: config.py must leave no __pycache__ in the Mbed TLS tree.
        execute_process(
            COMMAND "${CMAKE_COMMAND}" -E env PYTHONDONTWRITEBYTECODE=1
                "${Python3_EXECUTABLE}" "${MBP_MBEDTLS_DIR}/scripts/config.py"
                -f "${staging}/mbedtls_config.h" set ${name} ${value}
            RESULT_VARIABLE rc
            ERROR_VARIABLE err)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR "variant ${variant}: config.py could not set ${name} to "
                "${value}: ${err}")
        endif()
    endwhile()
    configure_file("${staging}/mbedtls_config.h" "${dir}/mbedtls_config.h" COPYONLY)
    file(WRITE "${staging}/crypto_config.h"
        "/* Variant ${variant} of profile ${base}: the same PSA configuration. */\n"
        "#include \"${base_dir}/crypto_config.h\"\n")
    configure_file("${staging}/crypto_config.h" "${dir}/crypto_config.h" COPYONLY)

    # mbp_profile_defines() looks here instead of configs/<variant>.
    set(MBP_PROFILE_DIR_${variant} "${dir}")
    # A test-only variant needs only the client. Program sources are relative to the top
    # directory; this may be called from another.
    set(MBP_PROGRAMS mbp-client)
    foreach(prog IN LISTS MBP_PROGRAMS)
        set(sources "")
        foreach(source IN LISTS MBP_PROGRAM_SOURCES_${prog})
            if(NOT IS_ABSOLUTE "${source}")
                set(source "${PROJECT_SOURCE_DIR}/${source}")
            endif()
            list(APPEND sources "${source}")
        endforeach()
        set(MBP_PROGRAM_SOURCES_${prog} ${sources})
    endforeach()
    mbp_add_profile(${variant})
endfunction()
