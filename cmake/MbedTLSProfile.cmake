# Builds Mbed TLS once per profile, with the profile's configuration, and the project's programs
# against it. Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# The Mbed TLS tree is only read: every library source is compiled here with
# MBEDTLS_CONFIG_FILE / MBEDTLS_PSA_CRYPTO_CONFIG_FILE pointing into configs/<profile>/, so one
# configure builds all profiles side by side and the tree serves every one of them.

# Reads the source list of the tree once. Everything under library/ is compiled: a module the
# profile leaves out compiles to an empty object, so the list does not depend on the profile.
function(mbp_mbedtls_sources tree out_var)
    file(GLOB lib_sources "${tree}/library/*.c")
    list(APPEND lib_sources
        "${tree}/3rdparty/everest/library/everest.c"
        "${tree}/3rdparty/everest/library/x25519.c"
        "${tree}/3rdparty/everest/library/Hacl_Curve25519_joined.c"
        "${tree}/3rdparty/p256-m/p256-m_driver_entrypoints.c"
        "${tree}/3rdparty/p256-m/p256-m/p256-m.c")
    set(${out_var} ${lib_sources} PARENT_SCOPE)
endfunction()

# Compile definitions that select a profile's configuration; empty for "default", which is
# Mbed TLS's own configuration as shipped.
function(mbp_profile_defines profile out_var)
    set(dir "${PROJECT_SOURCE_DIR}/configs/${profile}")
    # Test-only variants (cmake/ProfileVariant.cmake) keep their configuration in the build tree.
    if(DEFINED MBP_PROFILE_DIR_${profile})
        set(dir "${MBP_PROFILE_DIR_${profile}}")
    endif()
    if(profile STREQUAL "default")
        set(${out_var} "" PARENT_SCOPE)
        return()
    endif()
    if(NOT EXISTS "${dir}/mbedtls_config.h" OR NOT EXISTS "${dir}/crypto_config.h")
        message(FATAL_ERROR "profile '${profile}': ${dir}/mbedtls_config.h and crypto_config.h "
            "are required. Known profiles are the directories under configs/.")
    endif()
    set(${out_var}
        "MBEDTLS_CONFIG_FILE=\"${dir}/mbedtls_config.h\""
        "MBEDTLS_PSA_CRYPTO_CONFIG_FILE=\"${dir}/crypto_config.h\""
        PARENT_SCOPE)
endfunction()

# mbp_add_profile(<profile>): the library mbedtls-<profile> and, in <build>/<profile>/, the
# client and benchmarks linked against it; the target profile-<profile> builds them all.
function(mbp_add_profile profile)
    set(tree "${MBP_MBEDTLS_DIR}")
    set(lib "mbedtls-${profile}")

    mbp_profile_defines(${profile} defines)
    mbp_mbedtls_sources("${tree}" lib_sources)

    add_library(${lib} STATIC ${lib_sources})
    target_include_directories(${lib} SYSTEM PUBLIC "${tree}/include")
    target_include_directories(${lib} PRIVATE
        "${tree}/library"
        "${tree}/3rdparty/everest/include"
        "${tree}/3rdparty/everest/include/everest"
        "${tree}/3rdparty/everest/include/everest/kremlib"
        "${tree}/3rdparty/p256-m"
        "${tree}/3rdparty/p256-m/p256-m")
    target_compile_definitions(${lib} PUBLIC ${defines})
    # Mbed TLS's own warning set; its code is not ours, so never -Werror here.
    target_compile_options(${lib} PRIVATE -Wall -Wextra -Wno-unused-parameter)
    set_target_properties(${lib} PROPERTIES ARCHIVE_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/lib")

    set(outdir "${CMAKE_BINARY_DIR}/${profile}")
    set(programs)
    foreach(prog IN LISTS MBP_PROGRAMS)
        set(target "${prog}-${profile}")
        add_executable(${target} ${MBP_PROGRAM_SOURCES_${prog}})
        target_link_libraries(${target} PRIVATE ${lib})
        target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/src"
            "${PROJECT_SOURCE_DIR}/bench")
        target_compile_definitions(${target} PRIVATE "MBP_PROFILE_NAME=\"${profile}\"")
        target_compile_options(${target} PRIVATE ${MBP_WARNINGS})
        set_target_properties(${target} PROPERTIES
            OUTPUT_NAME ${prog}
            RUNTIME_OUTPUT_DIRECTORY "${outdir}")
        list(APPEND programs ${target})
    endforeach()
    add_custom_target(profile-${profile} DEPENDS ${programs})
endfunction()

# mbp_add_profile_overlay(<profile> <variant> <overlay header> <program>...): a second build of
# the profile's library, mbedtls-<profile>-<variant>, that also reads the overlay header after
# the profile's configuration (MBEDTLS_USER_CONFIG_FILE), for benchmarks that need a hook the
# profile leaves out (configs/overlays/). The programs are built from
# MBP_PROGRAM_SOURCES_<program> against it into <build>/<profile>/, as the profile's own are,
# and belong to the target profile-<profile>. The profile's own library is left as it is.
function(mbp_add_profile_overlay profile variant overlay)
    set(tree "${MBP_MBEDTLS_DIR}")
    set(lib "mbedtls-${profile}-${variant}")

    if(NOT EXISTS "${overlay}")
        message(FATAL_ERROR "overlay '${overlay}' for ${profile}-${variant} does not exist")
    endif()
    mbp_profile_defines(${profile} defines)
    mbp_mbedtls_sources("${tree}" lib_sources)
    add_library(${lib} STATIC ${lib_sources})
    target_include_directories(${lib} SYSTEM PUBLIC "${tree}/include")
    target_include_directories(${lib} PRIVATE
        "${tree}/library"
        "${tree}/3rdparty/everest/include"
        "${tree}/3rdparty/everest/include/everest"
        "${tree}/3rdparty/everest/include/everest/kremlib"
        "${tree}/3rdparty/p256-m"
        "${tree}/3rdparty/p256-m/p256-m")
    target_compile_definitions(${lib} PUBLIC ${defines} "MBEDTLS_USER_CONFIG_FILE=\"${overlay}\"")
    target_compile_options(${lib} PRIVATE -Wall -Wextra -Wno-unused-parameter)
    set_target_properties(${lib} PROPERTIES ARCHIVE_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/lib")

    foreach(prog IN LISTS ARGN)
        set(target "${prog}-${profile}")
        add_executable(${target} ${MBP_PROGRAM_SOURCES_${prog}})
        target_link_libraries(${target} PRIVATE ${lib})
        target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/src"
            "${PROJECT_SOURCE_DIR}/bench")
        target_compile_definitions(${target} PRIVATE "MBP_PROFILE_NAME=\"${profile}\"")
        target_compile_options(${target} PRIVATE ${MBP_WARNINGS})
        set_target_properties(${target} PROPERTIES
            OUTPUT_NAME ${prog}
            RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${profile}")
        add_dependencies(profile-${profile} ${target})
    endforeach()
endfunction()
