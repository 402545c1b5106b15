# CMake toolchain for the bare-metal Cortex-M images: arm-none-eabi-gcc with newlib-nano.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Use with -DMBP_TARGET=<cpu> (cortex-m4, cortex-m0plus or cortex-m33); scripts/build-arm.sh
# does both. Floating point is soft (-mfloat-abi=soft) on every CPU: TLS does no floating-point
# arithmetic, the same image runs on a Cortex-M4 with or without an FPU, and the startup code
# needs no FPU enable. The C library is newlib-nano (--specs=nano.specs), as in most vendor
# SDKs; there is no crt0: arm/startup.c is the entry point (-nostartfiles).

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(MBP_TARGET_CPUS cortex-m4 cortex-m0plus cortex-m33)
if(NOT MBP_TARGET)
    message(FATAL_ERROR "arm/toolchain-cortex-m.cmake needs -DMBP_TARGET=<cpu>, one of: "
        "${MBP_TARGET_CPUS}")
endif()
if(NOT MBP_TARGET IN_LIST MBP_TARGET_CPUS)
    message(FATAL_ERROR "MBP_TARGET '${MBP_TARGET}' is not a known CPU; use one of: "
        "${MBP_TARGET_CPUS}")
endif()
# try_compile projects read the toolchain file again and need the CPU too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MBP_TARGET)

find_program(MBP_ARM_GCC arm-none-eabi-gcc)
if(NOT MBP_ARM_GCC)
    message(FATAL_ERROR "arm-none-eabi-gcc not found. Install the Debian packages "
        "gcc-arm-none-eabi and libnewlib-arm-none-eabi (scripts/deps.sh does).")
endif()
set(CMAKE_C_COMPILER "${MBP_ARM_GCC}")
set(CMAKE_ASM_COMPILER "${MBP_ARM_GCC}")
get_filename_component(mbp_arm_bin "${MBP_ARM_GCC}" DIRECTORY)
set(CMAKE_AR "${mbp_arm_bin}/arm-none-eabi-ar" CACHE FILEPATH "")
set(CMAKE_RANLIB "${mbp_arm_bin}/arm-none-eabi-ranlib" CACHE FILEPATH "")
set(CMAKE_SIZE "${mbp_arm_bin}/arm-none-eabi-size" CACHE FILEPATH "")
set(CMAKE_NM "${mbp_arm_bin}/arm-none-eabi-nm" CACHE FILEPATH "")

# Compiler checks link nothing: there is no startup code before arm/startup.c is built.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(MBP_TARGET_FLAGS "-mthumb -mcpu=${MBP_TARGET} -mfloat-abi=soft --specs=nano.specs")
set(CMAKE_C_FLAGS_INIT "${MBP_TARGET_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${MBP_TARGET_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles --specs=nosys.specs")

# Headers and libraries of the target only; programs of the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
