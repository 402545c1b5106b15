#!/usr/bin/env bash
# Checks that a results set holds measured figures: every file and chart present, the expected
# columns, provenance lines, a row per profile, positive figures and the raw samples behind them.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: scripts/check-results.sh RESULTS_DIR PROFILE[,PROFILE...] [HANDSHAKES]
# Prints one line per problem on stderr and exits 1 when there is any.

set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 RESULTS_DIR PROFILE[,PROFILE...] [HANDSHAKES]" >&2; exit 2; }
dir=$1
profiles=${2//,/ }
handshakes=${3:-}
problems=0

problem() {
    printf 'check-results: %s\n' "$*" >&2
    problems=$((problems + 1))
}

# Prints the value of COLUMN (by header name) for rows whose column "profile" is PROFILE and
# whose extra column (optional) equals VALUE.
column() { # FILE PROFILE COLUMN [FILTER_COLUMN FILTER_VALUE]
    awk -F, -v p="$2" -v c="$3" -v fc="${4:-}" -v fv="${5:-}" '
        /^#/ { next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        $col["profile"] == p && (fc == "" || $col[fc] == fv) { print $col[c] }' "$1"
}

check_header() { # FILE COLUMN...
    local file="$dir/$1" header c

    shift
    [ -s "$file" ] || { problem "$file is missing or empty"; return 1; }
    grep -q '^# ' "$file" || problem "$file has no provenance (#) lines"
    for c in commit mbedtls_version compiler cpu; do
        grep -q "^# $c: " "$file" || problem "$file: no '# $c:' provenance line"
    done
    header=$(awk '!/^#/ { print; exit }' "$file")
    for c in "$@"; do
        [[ ",$header," == *",$c,"* ]] || problem "$file: no column '$c' in header: $header"
    done
}

positive() { # WHAT VALUE
    awk -v v="$2" 'BEGIN { exit !(v + 0 > 0) }' || problem "$1 is '$2', not a positive figure"
}

check_profile() { # PROFILE
    local p=$1 v n

    for v in text_bytes stripped_file_bytes; do
        positive "size.csv $p $v" "$(column "$dir/size.csv" "$p" "$v" | head -n 1)"
    done
    v=$(column "$dir/keygen.csv" "$p" median_ns status ok | head -n 1)
    positive "keygen.csv $p first ok median_ns" "$v"
    n=$(column "$dir/keygen_samples.csv" "$p" ns_per_op | awk '$1 > 0' | wc -l)
    [ "$n" -ge 5 ] || problem "keygen_samples.csv: $n positive samples for $p, expected 5 or more"
    for v in wall_median_us cpu_median_us wall_p90_us; do
        positive "handshake.csv $p $v" "$(column "$dir/handshake.csv" "$p" "$v" | head -n 1)"
    done
    n=$(column "$dir/handshake_samples.csv" "$p" wall_us | awk '$1 > 0' | wc -l)
    if [ -n "$handshakes" ] && [ "$n" -ne "$handshakes" ]; then
        problem "handshake_samples.csv: $n positive samples for $p, expected $handshakes"
    fi
}

main() {
    local p chart

    [ -d "$dir" ] || { problem "$dir: no such results directory"; exit 1; }
    check_header size.csv profile mbedtls_version text_bytes data_bytes bss_bytes \
        stripped_file_bytes
    check_header keygen.csv profile mbedtls_version key_type op clock samples median_ns p10_ns \
        p90_ns status
    check_header keygen_samples.csv profile key_type sample_index ns_per_op
    check_header handshake.csv profile mbedtls_version tls_version ciphersuite group sig_alg \
        handshakes wall_median_us wall_p90_us wall_p99_us cpu_median_us cpu_p90_us cpu_p99_us
    check_header handshake_samples.csv profile handshake_index wall_us cpu_us
    for p in $profiles; do check_profile "$p"; done
    for chart in "$dir"/charts/*.png "$dir"/charts/*.svg; do
        [ -s "$chart" ] || problem "no charts (PNG and SVG) in $dir/charts"
    done
    if [ "$problems" -ne 0 ]; then
        echo "check-results: $problems problem(s) in $dir" >&2
        exit 1
    fi
    echo "check-results: $dir holds measured figures for: $profiles"
}

main
