#!/usr/bin/env bash
# Print the section and file sizes of built binaries as CSV rows, one per binary.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: measure-size.sh [--header] [--mbedtls-version V] PROFILE BINARY [BINARY...]
#
# Columns: profile,binary,text_bytes,data_bytes,bss_bytes,file_bytes,stripped_file_bytes
# (with --mbedtls-version, a mbedtls_version column follows profile, as in results/size.csv).
# text/data/bss are the Berkeley totals of `size`: text counts code and read-only data, data the
# initialised writable data, bss the zero-initialised data. For a static library (.a) they are
# the sums over its members. stripped_file_bytes is the size of a stripped copy; the binary
# itself is never modified. SIZE and STRIP may name cross tools (e.g. arm-none-eabi-size).

set -euo pipefail

readonly PROG="measure-size"
readonly SIZE_TOOL="${SIZE:-size}"
readonly STRIP_TOOL="${STRIP:-strip}"

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: measure-size.sh [--header] [--mbedtls-version V] PROFILE BINARY [BINARY...]

Prints one CSV row per BINARY on stdout:
  profile,[mbedtls_version,]binary,text_bytes,data_bytes,bss_bytes,file_bytes,stripped_file_bytes
  --header             print the header row first
  --mbedtls-version V  add the mbedtls_version column with value V
Environment: SIZE, STRIP name the size and strip tools (default: size, strip).
EOF
    exit 2
}

# Berkeley text, data and bss totals of one file, space separated.
section_bytes() {
    local path=$1 out

    out=$("$SIZE_TOOL" --format=berkeley --totals "$path" 2>&1) ||
        die "'$SIZE_TOOL' cannot read '$path': ${out%%$'\n'*}" \
            "(is it an object file for this toolchain? set SIZE for cross builds)"
    # The last line holds the totals: text data bss dec hex filename.
    awk 'END { print $1, $2, $3 }' <<<"$out"
}

stripped_bytes() {
    local path=$1 tmp out bytes

    tmp=$(mktemp "${TMPDIR:-/tmp}/measure-size.XXXXXX")
    if ! out=$("$STRIP_TOOL" -o "$tmp" "$path" 2>&1); then
        rm -f "$tmp"
        die "'$STRIP_TOOL' cannot strip a copy of '$path': $out (set STRIP for cross builds)"
    fi
    bytes=$(stat -c %s "$tmp")
    rm -f "$tmp"
    printf '%s\n' "$bytes"
}

csv_field_check() {
    [[ "$2" != *[,\"$'\n']* ]] || die "$1 '$2' contains a comma, quote or newline; rename it"
}

main() {
    local header=0 version="" version_column="" version_value="" profile path sizes
    local text data bss file stripped

    while (($# > 0)); do
        case "$1" in
        --header) header=1 ;;
        --mbedtls-version)
            (($# >= 2)) || die "--mbedtls-version needs a value"
            version=$2
            version_column="mbedtls_version,"
            version_value="$2,"
            shift
            ;;
        -h | --help) usage ;;
        --) shift && break ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) break ;;
        esac
        shift
    done
    (($# >= 2)) || usage
    profile=$1
    shift
    csv_field_check profile "$profile"
    csv_field_check "Mbed TLS version" "$version"
    command -v "$SIZE_TOOL" >/dev/null || die "'$SIZE_TOOL' not found; install binutils"
    command -v "$STRIP_TOOL" >/dev/null || die "'$STRIP_TOOL' not found; install binutils"

    if ((header == 1)); then
        printf 'profile,%sbinary,text_bytes,data_bytes,bss_bytes,file_bytes,stripped_file_bytes\n' \
            "$version_column"
    fi
    for path in "$@"; do
        [[ -f "$path" ]] || die "binary '$path' not found; build it first"
        csv_field_check "binary name" "$(basename "$path")"
        sizes=$(section_bytes "$path")
        read -r text data bss <<<"$sizes"
        file=$(stat -c %s "$path")
        stripped=$(stripped_bytes "$path")
        printf '%s,%s%s,%s,%s,%s,%s,%s\n' "$profile" "$version_value" "$(basename "$path")" \
            "$text" "$data" "$bss" "$file" "$stripped"
    done
}

main "$@"
