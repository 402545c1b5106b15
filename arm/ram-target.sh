#!/usr/bin/env bash
# RAM of one handshake on the Cortex-M4 target: each profile's image runs on QEMU's mps2-an386
# board against openssl s_server on 127.0.0.1 (arm/run-qemu.sh) and reports the heap it took
# from newlib-nano's malloc and its stack high-water mark; prints ram_target.csv.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: arm/ram-target.sh ARM_BUILD PKI RAM_STATIC_CSV PROFILE...
#
# ARM_BUILD is a scripts/build-arm.sh --cpu cortex-m4 build (it holds
# <profile>/mbp-image-qemu.elf), PKI a scripts/make-pki.sh directory, RAM_STATIC_CSV the
# ram_static.csv that build-arm.sh wrote for the measured images (its static_ram_bytes joins
# the row, and its "# target..." provenance lines the output). One row per profile, the full
# handshake, GET / and close of arm/image_main.c:
#   heap_peak_bytes   highest break of _sbrk: the heap region newlib-nano's malloc needed, its
#                     headers and fragmentation included (more than the live bytes that
#                     ram.csv counts on the host)
#   stack_peak_bytes  deepest use of the stack painted at reset (arm/startup.c)
#   ram_total_bytes   heap_peak_bytes + stack_peak_bytes + static_ram_bytes
# Exits 1 when an image does not complete its handshake, naming the profile.

set -euo pipefail

readonly PROG=ram-target
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    printf '%s: error: %s\n' "$PROG" "$1" >&2
    [ $# -lt 2 ] || printf '%s: fix: %s\n' "$PROG" "$2" >&2
    exit 1
}

[ $# -ge 4 ] || die "usage: arm/ram-target.sh ARM_BUILD PKI RAM_STATIC_CSV PROFILE..."
build=$1
pki=$2
static_csv=$3
shift 3
[ -f "$build/target-info.txt" ] && grep -qx 'target=cortex-m4' "$build/target-info.txt" ||
    die "$build is not a Cortex-M4 build" "scripts/build-arm.sh --cpu cortex-m4 --build $build"
[ -s "$static_csv" ] || die "$static_csv is missing" "run scripts/build-arm.sh --out DIR first"

# Value of KEY in the image's report (KEY: VALUE lines).
report_value() { # REPORT KEY
    sed -n "s/^$2: //p" "$1" | head -n 1
}

# static_ram_bytes and mbedtls_version of PROFILE in ram_static.csv.
static_of() { # PROFILE COLUMN
    awk -F, -v p="$1" -v c="$2" '
        /^#/ { next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        $col["profile"] == p { print $col[c]; exit }' "$static_csv"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ram-target.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The images' provenance (target, compiler, flags, C library), as build-arm.sh wrote it.
grep '^# target' "$static_csv" || true
printf '%s%s\n' "profile,mbedtls_version,target,board,allocator,heap_peak_bytes," \
    "stack_peak_bytes,static_ram_bytes,ram_total_bytes,stack_size_bytes,status"
for p in "$@"; do
    rc=0
    "$top/arm/run-qemu.sh" "$build/$p/mbp-image-qemu.elf" "$pki/ca.crt" "$pki/server.crt" \
        "$pki/server.key" >"$work/report" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] || [ "$(report_value "$work/report" result)" != ok ]; then
        cat "$work/report" >&2
        die "the $p image did not complete its handshake on QEMU (exit status $rc)" \
            "run arm/run-qemu.sh on it by hand and read the report"
    fi
    heap=$(report_value "$work/report" heap_peak_bytes)
    stack=$(report_value "$work/report" stack_peak_bytes)
    static=$(static_of "$p" static_ram_bytes)
    [[ $heap =~ ^[0-9]+$ && $stack =~ ^[0-9]+$ && $static =~ ^[0-9]+$ ]] ||
        die "$p: no heap, stack or static RAM figure (heap '$heap', stack '$stack'," \
            "static '$static')" "rebuild the images: scripts/build-arm.sh --cpu cortex-m4"
    size=$(report_value "$work/report" stack_size_bytes)
    [ "$heap" -gt 0 ] && [ "$stack" -gt 0 ] ||
        die "$p: heap $heap and stack $stack bytes: the image's RAM marks are not working" \
            "check that mbp-image-qemu.elf is built with MBP_IMAGE_RAM_MARKS (arm/CortexM.cmake)"
    [ "$stack" -lt "$size" ] ||
        die "$p: the stack's paint is gone down to its bottom: the stack ($size bytes) overflowed" \
            "reserve more with -Wl,--defsym=__stack_size=N (arm/cortex-m.ld)"
    printf '%s,%s,cortex-m4,qemu-mps2-an386,newlib-nano,%s,%s,%s,%s,%s,ok\n' "$p" \
        "$(static_of "$p" mbedtls_version)" "$heap" "$stack" "$static" \
        $((heap + stack + static)) "$size"
    printf '%s: %s: heap %s + stack %s + static %s bytes\n' "$PROG" "$p" "$heap" "$stack" \
        "$static" >&2
done
