#!/usr/bin/env bash
# Cross-builds the Cortex-M image of every profile and measures its flash, by module, and its
# static RAM. Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Writes, in --out DIR (file by file: a temporary file, then a rename):
#   flash.csv          profile,mbedtls_version,target,text_bytes,data_bytes,bss_bytes
#   flash_modules.csv  profile,mbedtls_version,target,module,flash_bytes: text + data of the
#                      image by module, from its linker map (scripts/flash-breakdown.py)
#   ram_static.csv     data + bss of the image and sizeof() of the TLS contexts on the target
# and with --host-os also size_os.csv: the host client (x86-64) at -Os, as size.csv has it at -O2.
# Each file starts with '#' lines naming the target compiler, flags and C library.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cpus='cortex-m4 cortex-m0plus cortex-m33'
all_profiles='default tls13-psa hybrid x25519-min'
cpu=cortex-m4
profiles=$all_profiles
version=3.6.7
tree=''
build=''
out=''
overlay=''
host_os=0
jobs=$(nproc 2>/dev/null || echo 2)

usage() {
    cat <<EOF
usage: scripts/build-arm.sh [options]

  --cpu CPU          $cpus (default $cpu)
  --profiles LIST    comma- or space-separated (default: $all_profiles)
  --version V        pinned Mbed TLS release (default $version)
  --tree DIR         use a local Mbed TLS tree instead
  --build DIR        build directory (default build/arm-CPU; one CPU per directory)
  --out DIR          where the CSV files go (default BUILD/results)
  --overlay FILE     extra Mbed TLS options on top of the profile and arm/target_overlay.h, for
                     measuring a change (e.g. arm/reductions/same-wire.h); rows are then labelled
                     PROFILE+NAME, NAME being the file's name without .h
  --host-os          also build the host client at -Os, in host-os beside the build directory,
                     and write size_os.csv (the columns of the main job's size.csv)
  --jobs N           parallel compile jobs (default $jobs)
EOF
}

die() {
    printf 'build-arm: error: %s\n' "$1" >&2
    [ $# -lt 2 ] || printf 'build-arm: fix: %s\n' "$2" >&2
    exit 1
}

note() { printf 'build-arm: %s\n' "$*" >&2; }

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
        -h | --help) usage; exit 0 ;;
        --host-os) host_os=1; shift; continue ;;
        esac
        [ $# -ge 2 ] || die "$1 needs a value" "see scripts/build-arm.sh --help"
        [ -n "$2" ] || die "$1 has an empty value" "pass a value, or drop the option"
        case "$1" in
        --cpu) cpu=$2 ;;
        --profiles) profiles=${2//,/ } ;;
        --version) version=$2 ;;
        --tree) tree=$2 ;;
        --build) build=$2 ;;
        --out) out=$2 ;;
        --overlay) overlay=$2 ;;
        --jobs) jobs=$2 ;;
        *) usage >&2; die "unknown option '$1'" "see the usage above" ;;
        esac
        shift 2
    done
    [[ " $cpus " == *" $cpu "* ]] || die "unknown CPU '$cpu'" "use one of: $cpus"
    [[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs must be a positive whole number, not '$jobs'"
    local p
    for p in $profiles; do
        [[ " $all_profiles " == *" $p "* ]] || die "unknown profile '$p'" "use: $all_profiles"
    done
    if [ -n "$overlay" ]; then
        [ -f "$overlay" ] || die "overlay '$overlay' not found" "name a header file"
        overlay=$(cd "$(dirname "$overlay")" && pwd)/$(basename "$overlay")
    fi
    [ -n "$build" ] || build="$top/build/arm-$cpu"
    [ -n "$out" ] || out="$build/results"
}

# The cross compiler, newlib-nano and the binutils this script reads the image with.
check_tools() {
    local tool

    command -v arm-none-eabi-gcc >/dev/null ||
        die "arm-none-eabi-gcc not found: the Cortex-M images cannot be built" \
            "apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi (scripts/deps.sh does)"
    [ -f "$(arm-none-eabi-gcc -print-file-name=nano.specs)" ] ||
        die "newlib-nano (nano.specs) not found for arm-none-eabi-gcc" \
            "apt-get install libnewlib-arm-none-eabi"
    for tool in arm-none-eabi-size arm-none-eabi-nm arm-none-eabi-readelf cmake python3; do
        command -v "$tool" >/dev/null || die "$tool not found" "run scripts/deps.sh"
    done
}

configure() {
    local args=(-DCMAKE_TOOLCHAIN_FILE="$top/arm/toolchain-cortex-m.cmake" -DMBP_TARGET="$cpu"
        -DMBP_PROFILES="${profiles// /;}" -DMBP_WERROR=ON -DMBP_TARGET_EXTRA_OVERLAY="$overlay")
    local cached

    cached=$(sed -n 's/^MBP_TARGET:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
    [ -z "$cached" ] || [ "$cached" = "$cpu" ] ||
        die "$build was configured for $cached, not $cpu" "pass --build DIR of its own per CPU"
    if [ -n "$tree" ]; then
        args+=(-DMBEDTLS_SOURCE_DIR="$tree")
    else
        args+=(-DMBEDTLS_VERSION="$version" -DMBEDTLS_SOURCE_DIR=)
    fi
    cmake -S "$top" -B "$build" "${args[@]}" >&2 ||
        die "cmake could not configure $build for $cpu" "read the CMake error above"
}

# One value of a key=value file written by the build.
info() { # FILE KEY
    sed -n "s/^$2=//p" "$1"
}

# '#' lines that say how the images were made; run.sh adds the host's own above them.
target_provenance() {
    local newlib

    newlib=$(echo '#include <newlib.h>' | arm-none-eabi-gcc -dM -E - |
        sed -n 's/^#define _NEWLIB_VERSION "\(.*\)"/\1/p')
    printf '# target: %s\n' "$cpu"
    printf '# target_compiler: arm-none-eabi-gcc %s\n' "$(arm-none-eabi-gcc -dumpversion)"
    printf '# target_cflags: %s\n' "$(info "$build/target-info.txt" cflags)"
    printf '# target_ldflags: %s\n' "$(info "$build/target-info.txt" ldflags)"
    printf '# target_libc: newlib-nano %s\n' "${newlib:-unknown}"
    printf '# target_overlay: arm/target_overlay.h%s\n' "${overlay:+ + $overlay}"
}

# Size of each sizeof_* symbol of the profile's sizeof object, as NAME=BYTES lines.
sizeof_values() { # PROFILE
    local obj

    obj=$(head -n 1 "$build/$1/sizeof-object.txt")
    [ -f "$obj" ] || die "$obj not found" "the build did not finish; run it again"
    arm-none-eabi-nm -S --defined-only "$obj" |
        awk '$4 ~ /^mbp_sizeof_/ { sub(/^mbp_sizeof_/, "", $4); printf "%s=%d\n", $4, "0x" $2 }'
}

# The value of NAME in NAME=BYTES lines.
sizeof_pick() { # NAME LINES
    awk -F= -v k="$1" '$1 == k { print $2 }' <<<"$2"
}

# Appends the rows of one profile to the three staged files.
measure_profile() { # PROFILE MBEDTLS_VERSION
    local p=$1 v=$2 label=$1 dir="$build/$1" text data bss sizes

    [ -z "$overlay" ] || label="$p+$(basename "$overlay" .h)"
    [ -f "$dir/mbp-image.elf" ] || die "$dir/mbp-image.elf was not built" "see the build above"
    read -r text data bss _ < <(arm-none-eabi-size --format=berkeley "$dir/mbp-image.elf" |
        awk 'NR == 2')
    printf '%s,%s,%s,%s,%s,%s\n' "$label" "$v" "$cpu" "$text" "$data" "$bss" >>"$stage/flash.csv"
    SIZE=arm-none-eabi-size READELF=arm-none-eabi-readelf "$top/scripts/flash-breakdown.py" \
        --map "$dir/mbp-image.map" --elf "$dir/mbp-image.elf" --profile "$label" \
        --mbedtls-version "$v" --target "$cpu" >>"$stage/flash_modules.csv" ||
        die "the flash breakdown of $p does not add up" "see the lines above"
    sizes=$(sizeof_values "$p")
    [ -n "$(sizeof_pick ssl_context "$sizes")" ] || die "no sizeof symbols in the object of $p"
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$label" "$v" "$cpu" "$data" "$bss" \
        $((data + bss)) "$(sizeof_pick ssl_context "$sizes")" \
        "$(sizeof_pick ssl_config "$sizes")" "$(sizeof_pick ssl_session "$sizes")" \
        "$(sizeof_pick x509_crt "$sizes")" "$(sizeof_pick mbp_client "$sizes")" \
        >>"$stage/ram_static.csv"
    note "$label ($cpu): flash $((text + data)) bytes (text $text, data $data), bss $bss"
}

# The host client at -Os in a build directory of its own, in the columns of size.csv.
measure_host_os() { # MBEDTLS_VERSION
    local hbuild p args=(-DMBP_OPT_FLAGS=-Os -DBUILD_TESTING=OFF -DMBP_PROFILES="${profiles// /;}")

    hbuild="$(dirname "$build")/host-os"
    if [ -n "$tree" ]; then
        args+=(-DMBEDTLS_SOURCE_DIR="$tree")
    else
        args+=(-DMBEDTLS_VERSION="$version" -DMBEDTLS_SOURCE_DIR=)
    fi
    cmake -S "$top" -B "$hbuild" "${args[@]}" >&2 || die "cmake could not configure $hbuild"
    for p in $profiles; do
        cmake --build "$hbuild" -j "$jobs" --target "mbp-client-$p" >&2 ||
            die "the host -Os build of $p failed" "read the compiler error above"
        "$top/scripts/measure-size.sh" --mbedtls-version "$1" "$p" "$hbuild/$p/mbp-client"
    done >"$stage/size_os.body"
    {
        printf '# host_cflags: %s\n' "$(info "$hbuild/build-info.txt" cflags)"
        printf 'profile,mbedtls_version,binary,text_bytes,data_bytes,bss_bytes,file_bytes,'
        printf 'stripped_file_bytes\n'
        cat "$stage/size_os.body"
    } >"$stage/size_os.csv"
    rm -f "$stage/size_os.body"
}

main() {
    local p v f written=()

    parse_args "$@"
    check_tools
    configure
    note "building $profiles for $cpu in $build"
    cmake --build "$build" -j "$jobs" >&2 ||
        die "the $cpu build failed" "read the compiler or linker error above"
    v=$(info "$build/build-info.txt" mbedtls_version)
    mkdir -p "$out" || die "cannot create $out"
    stage=$(mktemp -d "$out/.arm-stage.XXXXXX")
    trap 'rm -rf "$stage"' EXIT
    {
        target_provenance
        echo 'profile,mbedtls_version,target,text_bytes,data_bytes,bss_bytes'
    } >"$stage/flash.csv"
    { target_provenance; echo 'profile,mbedtls_version,target,module,flash_bytes'; } \
        >"$stage/flash_modules.csv"
    {
        target_provenance
        printf 'profile,mbedtls_version,target,data_bytes,bss_bytes,static_ram_bytes,'
        printf 'sizeof_ssl_context_bytes,sizeof_ssl_config_bytes,sizeof_ssl_session_bytes,'
        printf 'sizeof_x509_crt_bytes,sizeof_mbp_client_bytes\n'
    } >"$stage/ram_static.csv"
    for p in $profiles; do measure_profile "$p" "$v"; done
    [ "$host_os" -eq 0 ] || measure_host_os "$v"
    for f in "$stage"/*.csv; do
        mv -f "$f" "$out/$(basename "$f")"
        written+=("$(basename "$f")")
    done
    note "wrote ${written[*]} in $out"
}

main "$@"
