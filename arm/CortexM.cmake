# Cortex-M firmware image per profile, built instead of the host programs when MBP_TARGET is set.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# Included by CMakeLists.txt after mbp_add_profile() has made the library mbedtls-<profile> for
# each profile (cmake/MbedTLSProfile.cmake). Here every library gets the bare-metal overlay
# arm/target_overlay.h on top of its unmodified profile, and <build>/<profile>/ gets:
#   mbp-image.elf   the image: vector table, start-up, the client core, Mbed TLS, newlib-nano
#   mbp-image.map   its linker map, from which scripts/flash-breakdown.py attributes the flash
#   sizeof-object.txt  path of the object whose symbols carry sizeof() of the TLS contexts
#   mbp-image-qemu.elf (cortex-m4 only) the same image ported to QEMU's mps2-an386 board
# scripts/build-arm.sh configures, builds and measures all of it.

if(NOT CMAKE_C_COMPILER MATCHES "arm-none-eabi")
    message(FATAL_ERROR "MBP_TARGET=${MBP_TARGET} needs the Cortex-M toolchain: configure a new "
        "build directory with -DCMAKE_TOOLCHAIN_FILE=arm/toolchain-cortex-m.cmake "
        "(scripts/build-arm.sh does)")
endif()

set(MBP_TARGET_EXTRA_OVERLAY "" CACHE FILEPATH
    "Header of extra Mbed TLS options included after arm/target_overlay.h, for measurements")

# The client core as on the host, without sockets (mbp_net.c) and without the diagnosis in
# words (mbp_diag.c): a device reports error codes (arm/image_main.c explains).
set(MBP_IMAGE_SOURCES
    src/mbp_client.c src/mbp_observe.c src/mbp_names.c
    arm/image_main.c arm/device_ca.c arm/startup.c arm/port_stubs.c arm/port_time.c)
set(MBP_IMAGE_LINKER_SCRIPT "${PROJECT_SOURCE_DIR}/arm/cortex-m.ld")

function(mbp_add_image profile)
    set(lib "mbedtls-${profile}")
    set(image "mbp-image-${profile}")
    set(outdir "${CMAKE_BINARY_DIR}/${profile}")

    # PUBLIC: the client core must see the same configuration as the library it calls.
    target_compile_definitions(${lib} PUBLIC
        "MBEDTLS_USER_CONFIG_FILE=\"${PROJECT_SOURCE_DIR}/arm/target_overlay.h\"")
    if(MBP_TARGET_EXTRA_OVERLAY)
        target_compile_definitions(${lib} PUBLIC
            "MBP_TARGET_EXTRA_OVERLAY=\"${MBP_TARGET_EXTRA_OVERLAY}\"")
        # So that the overlay can name a PSA user configuration beside it by its file name.
        get_filename_component(overlay_dir "${MBP_TARGET_EXTRA_OVERLAY}" DIRECTORY)
        target_include_directories(${lib} PUBLIC "${overlay_dir}")
    endif()

    add_executable(${image} ${MBP_IMAGE_SOURCES})
    target_link_libraries(${image} PRIVATE ${lib})
    target_include_directories(${image} PRIVATE "${PROJECT_SOURCE_DIR}/src"
        "${PROJECT_SOURCE_DIR}/arm")
    target_compile_options(${image} PRIVATE ${MBP_WARNINGS})
    target_link_options(${image} PRIVATE "-T${MBP_IMAGE_LINKER_SCRIPT}"
        "-Wl,-Map=${outdir}/mbp-image.map")
    set_target_properties(${image} PROPERTIES
        OUTPUT_NAME mbp-image
        SUFFIX .elf
        RUNTIME_OUTPUT_DIRECTORY "${outdir}"
        LINK_DEPENDS "${MBP_IMAGE_LINKER_SCRIPT}")

    # The same image with a port to QEMU's mps2-an386 board (Cortex-M4), for arm/run-qemu.sh.
    if(MBP_TARGET STREQUAL "cortex-m4")
        add_executable(${image}-qemu ${MBP_IMAGE_SOURCES} arm/port_qemu_mps2.c)
        target_link_libraries(${image}-qemu PRIVATE ${lib})
        target_include_directories(${image}-qemu PRIVATE "${PROJECT_SOURCE_DIR}/src"
            "${PROJECT_SOURCE_DIR}/arm")
        target_compile_options(${image}-qemu PRIVATE ${MBP_WARNINGS})
        # Heap and stack high-water marks in its report (arm/startup.c).
        target_compile_definitions(${image}-qemu PRIVATE MBP_IMAGE_RAM_MARKS)
        target_link_options(${image}-qemu PRIVATE "-T${MBP_IMAGE_LINKER_SCRIPT}")
        set_target_properties(${image}-qemu PROPERTIES OUTPUT_NAME mbp-image-qemu SUFFIX .elf
            RUNTIME_OUTPUT_DIRECTORY "${outdir}" LINK_DEPENDS "${MBP_IMAGE_LINKER_SCRIPT}")
        add_dependencies(profile-${profile} ${image}-qemu)
    endif()

    add_library(mbp-sizeof-${profile} OBJECT arm/sizeof_ssl.c)
    target_link_libraries(mbp-sizeof-${profile} PRIVATE ${lib})
    target_include_directories(mbp-sizeof-${profile} PRIVATE "${PROJECT_SOURCE_DIR}/src")
    file(GENERATE OUTPUT "${outdir}/sizeof-object.txt"
        CONTENT "$<TARGET_OBJECTS:mbp-sizeof-${profile}>\n")

    add_dependencies(profile-${profile} ${image} mbp-sizeof-${profile})
endfunction()

foreach(profile IN LISTS MBP_PROFILES)
    mbp_add_image(${profile})
endforeach()

# What scripts/build-arm.sh needs to label its figures.
file(WRITE "${CMAKE_BINARY_DIR}/target-info.txt"
    "target=${MBP_TARGET}\n"
    "compiler=${CMAKE_C_COMPILER} ${CMAKE_C_COMPILER_VERSION}\n"
    "cflags=${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_RELEASE} -ffunction-sections -fdata-sections\n"
    "ldflags=${CMAKE_EXE_LINKER_FLAGS} -Wl,--gc-sections -T arm/cortex-m.ld\n"
    "extra_overlay=${MBP_TARGET_EXTRA_OVERLAY}\n")
