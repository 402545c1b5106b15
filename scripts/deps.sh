#!/usr/bin/env bash
# Installs the Debian packages the main job and the tests use, or names them when not root.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# usage: scripts/deps.sh            install what is missing (apt-get, as root)
#        scripts/deps.sh --check    only report; exit 1 when something is missing

set -euo pipefail

# command -> Debian package that provides it
declare -A providers=(
    [cmake]=cmake [make]=make [gcc]=gcc [size]=binutils [strip]=binutils
    [openssl]=openssl [gnuplot]=gnuplot-nox [bzip2]=bzip2 [gnutls-serv]=gnutls-bin
    [valgrind]=valgrind [ctest]=cmake [python3]=python3 [clang-format]=clang-format
    # The Cortex-M images (scripts/build-arm.sh) need the cross compiler and newlib-nano.
    [arm-none-eabi-gcc]="gcc-arm-none-eabi libnewlib-arm-none-eabi"
    # The Cortex-M images run a handshake on QEMU's mps2-an386 board.
    [qemu-system-arm]=qemu-system-arm
    # The libFuzzer harnesses (fuzz/) need clang and its sanitizer runtimes.
    [clang]="clang libclang-rt-14-dev"
)

# file (a glob pattern) -> Debian package, for what is not a command
declare -A file_providers=(
    # OpenSSL's libcrypto and libssl, measured as the peer of the benchmarks (cmake/Bench.cmake)
    [/usr/include/openssl/ssl.h]=libssl-dev
    # newlib-nano, linked into the Cortex-M images
    [/usr/lib/arm-none-eabi/newlib/libc_nano.a]=libnewlib-arm-none-eabi
    # libFuzzer's runtime, which Debian's clang package does not carry
    ['/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a']=libclang-rt-14-dev
)

missing_packages() {
    local cmd file

    {
        for cmd in "${!providers[@]}"; do
            # shellcheck disable=SC2086 # a command may need several packages
            command -v "$cmd" >/dev/null 2>&1 || printf '%s\n' ${providers[$cmd]}
        done
        for file in "${!file_providers[@]}"; do
            compgen -G "$file" >/dev/null || printf '%s\n' "${file_providers[$file]}"
        done
    } | sort -u
}

main() {
    local pkgs

    case "${1:-}" in
    '' | --check) ;;
    -h | --help)
        sed -n 's/^# \{0,1\}//; /^usage:/,/^$/p' "${BASH_SOURCE[0]}" | sed '/^$/q'
        return 0
        ;;
    *)
        printf "deps: error: unknown option '%s'\ndeps: fix: see scripts/deps.sh --help\n" "$1" >&2
        return 2
        ;;
    esac
    pkgs=$(missing_packages | tr '\n' ' ')
    if [ -z "${pkgs// /}" ]; then
        return 0
    fi
    if [ "${1:-}" = "--check" ]; then
        printf 'deps: missing packages: %s\n' "$pkgs" >&2
        return 1
    fi
    if [ "$(id -u)" -ne 0 ]; then
        printf 'deps: error: missing packages: %s\n' "$pkgs" >&2
        printf 'deps: fix: sudo apt-get install %s (or run this command as root)\n' "$pkgs" >&2
        return 1
    fi
    printf 'deps: installing %s\n' "$pkgs" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086 # one word per package
    apt-get install -y -qq --no-install-recommends $pkgs >&2
}

main "$@"
