# Cortex-M4 images: every profile cross-builds and links into a bootable image, its flash
# breakdown by module adds up to the image's text + data, and it runs a handshake on an emulated
# Cortex-M4. Included by tests/CMakeLists.txt.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# The images are built in <build>/arm-cortex-m4, the directory the main job (scripts/run.sh)
# uses too, so whichever runs second finds them built; both hold the build-tree lock.

set(arm_build "${CMAKE_BINARY_DIR}/arm-cortex-m4")
set(arm_results "${arm_build}/results")
string(REPLACE ";" "," arm_profiles "${MBP_PROFILES}")

# Fails, naming the packages to install, when arm-none-eabi-gcc or newlib-nano is missing.
add_test(NAME arm/build-cortex-m4
    COMMAND "${top}/scripts/build-arm.sh" --cpu cortex-m4 --profiles "${arm_profiles}"
        --tree "${MBP_MBEDTLS_DIR}" --build "${arm_build}" --out "${arm_results}")
set_tests_properties(arm/build-cortex-m4 PROPERTIES FIXTURES_SETUP arm-m4 TIMEOUT 1200
    RESOURCE_LOCK build-tree)

foreach(profile IN LISTS MBP_PROFILES)
    set(image "${arm_build}/${profile}/mbp-image.elf")
    # Links, boots from its vector table, holds the client, and the CSV rows are its own.
    add_test(NAME arm/image/${profile}
        COMMAND "${top}/arm/check-image.sh" "${image}" ${profile} "${arm_results}")
    # Input sections and fill of the map cover every flash section, and the modules add up to
    # text + data of arm-none-eabi-size.
    add_test(NAME arm/breakdown-sums/${profile}
        COMMAND "${top}/scripts/flash-breakdown.py" --map "${arm_build}/${profile}/mbp-image.map"
            --elf "${image}" --profile ${profile} --mbedtls-version "${MBP_MBEDTLS_VERSION}"
            --target cortex-m4)
    set_tests_properties(arm/image/${profile} arm/breakdown-sums/${profile} PROPERTIES
        FIXTURES_REQUIRED arm-m4)
endforeach()

# The image runs: on QEMU's Cortex-M4 board (mps2-an386, arm/port_qemu_mps2.c) it completes a
# handshake and a request against openssl s_server, and refuses an untrusted or expired
# certificate (MBEDTLS_ERR_X509_CERT_VERIFY_FAILED: its clock and chain checks work on the
# target). Skipped, and reported so, without qemu-system-arm.
foreach(profile IN LISTS MBP_PROFILES)
    set(qemu_image "${arm_build}/${profile}/mbp-image-qemu.elf")
    add_test(NAME arm/qemu-handshake/${profile}
        COMMAND "${top}/arm/run-qemu.sh" "${qemu_image}" "${pki}/ca.crt" "${pki}/server.crt"
            "${pki}/server.key")
    add_test(NAME arm/qemu-rejects-untrusted/${profile}
        COMMAND "${top}/arm/run-qemu.sh" "${qemu_image}" "${pki}/ca.crt"
            "${pki}/untrusted-server.crt" "${pki}/untrusted-server.key")
    add_test(NAME arm/qemu-rejects-expired/${profile}
        COMMAND "${top}/arm/run-qemu.sh" "${qemu_image}" "${pki}/ca.crt" "${pki}/expired.crt"
            "${pki}/expired.key")
    set_tests_properties(arm/qemu-handshake/${profile} arm/qemu-rejects-untrusted/${profile}
        arm/qemu-rejects-expired/${profile} PROPERTIES FIXTURES_REQUIRED "arm-m4;pki"
        SKIP_RETURN_CODE 77 SKIP_REGULAR_EXPRESSION "run-qemu: skipped" TIMEOUT 180)
    set_tests_properties(arm/qemu-rejects-untrusted/${profile}
        arm/qemu-rejects-expired/${profile} PROPERTIES
        PASS_REGULAR_EXPRESSION "result: failed\nstep: 2\nerror: -0x2700")
endforeach()

# The RAM of one handshake on the target: heap and stack high-water marks that are measured
# (above zero, the stack's paint not gone) and joined with the image's static RAM.
foreach(profile IN LISTS MBP_PROFILES)
    add_test(NAME arm/qemu-ram/${profile}
        COMMAND "${top}/arm/ram-target.sh" "${arm_build}" "${pki}" "${arm_results}/ram_static.csv"
            ${profile})
    set_tests_properties(arm/qemu-ram/${profile} PROPERTIES FIXTURES_REQUIRED "arm-m4;pki"
        TIMEOUT 180 PASS_REGULAR_EXPRESSION
        "\n${profile},[^,]+,cortex-m4,qemu-mps2-an386,newlib-nano,[1-9][0-9]*,[1-9][0-9]*,[1-9]")
endforeach()

# The breakdown check itself must fail when the map misses an input section...
list(GET MBP_PROFILES 0 arm_first)
set(arm_map "${arm_build}/${arm_first}/mbp-image.map")
add_test(NAME arm/breakdown-rejects-missing-section
    COMMAND sh -c "sed '/^ \\.text\\.mbp_client_setup$/,+1d' \"$0\" >\"$0.cut\" &&
        \"$1\" --map \"$0.cut\" --elf \"$2\" --profile p --mbedtls-version v --target t"
        "${arm_map}" "${top}/scripts/flash-breakdown.py" "${arm_build}/${arm_first}/mbp-image.elf")
set_tests_properties(arm/breakdown-rejects-missing-section PROPERTIES FIXTURES_REQUIRED arm-m4
    PASS_REGULAR_EXPRESSION "error: output section \\.text: [0-9]+ bytes in the map, but")

# ... and when the map belongs to another image.
list(LENGTH MBP_PROFILES arm_count)
if(arm_count GREATER 1)
    list(GET MBP_PROFILES 1 arm_second)
    add_test(NAME arm/breakdown-rejects-other-image
        COMMAND "${top}/scripts/flash-breakdown.py" --map "${arm_map}"
            --elf "${arm_build}/${arm_second}/mbp-image.elf" --profile p --mbedtls-version v
            --target t)
    set_tests_properties(arm/breakdown-rejects-other-image PROPERTIES FIXTURES_REQUIRED arm-m4
        PASS_REGULAR_EXPRESSION "error: modules add up to [0-9]+ bytes, but")
endif()

# The stacked flash chart is drawn from the results of the build.
add_test(NAME arm/chart-flash COMMAND "${top}/scripts/charts.sh" "${arm_results}")
set_tests_properties(arm/chart-flash PROPERTIES FIXTURES_REQUIRED arm-m4
    PASS_REGULAR_EXPRESSION "chart flash: ")
