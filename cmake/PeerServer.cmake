# Mbed TLS's own test server, ssl_server2, built from the same Mbed TLS tree with its default
# configuration, as the third peer of the interop matrix. Copyright The mbedtls-profiles
# authors. SPDX-License-Identifier: Apache-2.0
#
# Mbed TLS's own CMake builds it out of tree into <build>/peer-mbedtls; the tree is only read.
# Only the ssl_server2 target is built (Mbed TLS's libraries and its test helpers), not the
# rest of its programs. The result: MBP_PEER_SSL_SERVER2, the program's path.

include(ExternalProject)

set(MBP_PEER_MBEDTLS_DIR "${CMAKE_BINARY_DIR}/peer-mbedtls")
set(MBP_PEER_SSL_SERVER2 "${MBP_PEER_MBEDTLS_DIR}/programs/ssl/ssl_server2")

# With Makefiles, $(MAKE) lets the inner build share the outer build's job slots (-j).
if(CMAKE_GENERATOR MATCHES "Makefiles")
    set(peer_build_command "$(MAKE)" ssl_server2)
else()
    set(peer_build_command "${CMAKE_COMMAND}" --build <BINARY_DIR> --target ssl_server2)
endif()

ExternalProject_Add(mbp-peer-ssl-server2
    SOURCE_DIR "${MBP_MBEDTLS_DIR}"
    BINARY_DIR "${MBP_PEER_MBEDTLS_DIR}"
    PREFIX "${CMAKE_BINARY_DIR}/peer-mbedtls-stamps"
    CMAKE_ARGS
        -DCMAKE_BUILD_TYPE=Release
        -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
        -DENABLE_TESTING=OFF
        -DENABLE_PROGRAMS=ON
    BUILD_COMMAND ${peer_build_command}
    BUILD_BYPRODUCTS "${MBP_PEER_SSL_SERVER2}"
    INSTALL_COMMAND ""
    # Reconfigure only when this project is reconfigured; the tree does not change.
    BUILD_ALWAYS OFF
    UPDATE_DISCONNECTED ON)
