# Benchmarks beyond the per-profile programs of CMakeLists.txt: the RAM benchmark, built against
# each profile with the counting overlay, the replay program of the instruction counts, and the
# OpenSSL peer benchmark (see bench/README.md).
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set(MBP_PROGRAM_SOURCES_mbp-ram-bench ${MBP_CLIENT_CORE} bench/mbp_bench.c bench/mbp_cafile.c
    bench/mbp_io.c bench/mbp_alloc.c bench/mbp_stack.c bench/mbp_outfile.c bench/ram_bench.c)
# The replay program for noise-free instruction counts: the fuzz harness's replay of a recorded
# server flight (fixed random generator, frozen clocks: fuzz/fuzz_config.h), built like the
# other programs, without libFuzzer or sanitizers.
set(MBP_PROGRAM_SOURCES_mbp-replay ${MBP_CLIENT_CORE} fuzz/fuzz_client.c bench/replay_main.c)
find_package(Threads REQUIRED)
foreach(profile IN LISTS MBP_PROFILES)
    mbp_add_profile_overlay(${profile} ram "${PROJECT_SOURCE_DIR}/configs/overlays/ram.h"
        mbp-ram-bench)
    target_link_libraries(mbp-ram-bench-${profile} PRIVATE Threads::Threads ${CMAKE_DL_LIBS})
    mbp_add_profile_overlay(${profile} replay "${PROJECT_SOURCE_DIR}/fuzz/fuzz_config.h"
        mbp-replay)
endforeach()

# OpenSSL's libcrypto and libssl (Debian: libssl-dev), measured by the same harness so that the
# ratio to a well-optimised library comes from the same run. Built once, into <build>/openssl/.
find_package(OpenSSL 3.0)
if(OPENSSL_FOUND)
    add_executable(mbp-openssl-bench bench/openssl_bench.c bench/openssl_peer.c
        bench/mbp_bench.c bench/mbp_crypto_run.c bench/mbp_outfile.c src/mbp_net.c)
    target_link_libraries(mbp-openssl-bench PRIVATE OpenSSL::SSL OpenSSL::Crypto)
    # src/mbp_net.c takes its error codes from the Mbed TLS headers (default configuration).
    target_include_directories(mbp-openssl-bench SYSTEM PRIVATE "${MBP_MBEDTLS_DIR}/include")
    target_include_directories(mbp-openssl-bench PRIVATE "${PROJECT_SOURCE_DIR}/src"
        "${PROJECT_SOURCE_DIR}/bench")
    target_compile_options(mbp-openssl-bench PRIVATE ${MBP_WARNINGS})
    set_target_properties(mbp-openssl-bench PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/openssl")
else()
    message(WARNING "OpenSSL 3 development files not found: mbp-openssl-bench is not built and "
        "the main job cannot measure its peer figures. Fix: apt-get install libssl-dev")
endif()
