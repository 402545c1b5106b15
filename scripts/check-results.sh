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
# whose extra columns (optional, up to two) equal their values.
column() { # FILE PROFILE COLUMN [FILTER_COLUMN FILTER_VALUE [FILTER_COLUMN FILTER_VALUE]]
    awk -F, -v p="$2" -v c="$3" -v fc="${4:-}" -v fv="${5:-}" -v gc="${6:-}" -v gv="${7:-}" '
        /^#/ { next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        $col["profile"] == p && (fc == "" || $col[fc] == fv) && (gc == "" || $col[gc] == gv) {
            print $col[c]
        }' "$1"
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

# The benchmark files of bench/README.md: RAM, crypto, resumed handshakes, instructions.
check_bench_profile() { # PROFILE
    local p=$1 v n resumable

    for v in heap_peak_bytes heap_allocs stack_peak_bytes ram_peak_bytes setup_heap_bytes; do
        positive "ram.csv $p full $v" "$(column "$dir/ram.csv" "$p" "$v" handshake full)"
    done
    resumable=$(column "$dir/ram.csv" "$p" status handshake resumed)
    case $resumable in
    ok)
        for v in heap_peak_bytes heap_allocs stack_peak_bytes; do
            positive "ram.csv $p resumed $v" \
                "$(column "$dir/ram.csv" "$p" "$v" handshake resumed)"
        done
        for v in wall_median_us cpu_median_us sent_bytes received_bytes flights; do
            positive "handshake_resumed.csv $p $v" \
                "$(column "$dir/handshake_resumed.csv" "$p" "$v" | head -n 1)"
        done
        for v in replay live; do
            positive "instructions.csv $p resumed $v client_mean_instructions" \
                "$(column "$dir/instructions.csv" "$p" client_mean_instructions handshake resumed \
                    method "$v")"
        done
        ;;
    skipped)
        [ -n "$(column "$dir/ram.csv" "$p" reason handshake resumed)" ] ||
            problem "ram.csv: $p resumed row skipped without a reason"
        ;;
    *) problem "ram.csv: no resumed row (ok or skipped) for $p" ;;
    esac
    n=$(column "$dir/ram_breakdown.csv" "$p" peak_bytes handshake full | awk '$1 > 0' | wc -l)
    [ "$n" -ge 1 ] || problem "ram_breakdown.csv: no positive peak_bytes rows for $p"
    for v in sent_bytes received_bytes flights; do
        positive "handshake.csv $p $v" "$(column "$dir/handshake.csv" "$p" "$v" | head -n 1)"
    done
    for v in replay live; do
        positive "instructions.csv $p full $v client_mean_instructions" \
            "$(column "$dir/instructions.csv" "$p" client_mean_instructions handshake full \
                method "$v")"
    done
    n=$(column "$dir/instructions.csv" "$p" status | grep -cv '^ok$' || true)
    [ "$n" -eq 0 ] || problem "instructions.csv: $n row(s) of $p whose runs disagree"
    for v in heap_peak_bytes stack_peak_bytes static_ram_bytes ram_total_bytes; do
        positive "ram_target.csv $p $v" "$(column "$dir/ram_target.csv" "$p" "$v" | head -n 1)"
    done
    n=$(column "$dir/crypto.csv" "$p" median_ns status ok | awk '$1 > 0' | wc -l)
    [ "$n" -ge 2 ] || problem "crypto.csv: $n ok rows with a positive median_ns for $p"
    n=$(column "$dir/crypto.csv" "$p" reason status skipped | grep -c '^$' || true)
    [ "$n" -eq 0 ] || problem "crypto.csv: $n skipped row(s) of $p without a reason"
    n=$(column "$dir/crypto_samples.csv" "$p" ns_per_op | awk '$1 > 0' | wc -l)
    [ "$n" -ge 5 ] || problem "crypto_samples.csv: $n positive samples for $p, expected 5 or more"
    v=$(column "$dir/crypto.csv" "$p" openssl_ratio name x25519/agreement | head -n 1)
    [ -z "$(column "$dir/crypto.csv" "$p" status name x25519/agreement | grep -x ok)" ] ||
        positive "crypto.csv $p x25519/agreement openssl_ratio" "$v"
}

# OpenSSL's rows, measured in the same run.
check_peers() {
    local v k

    v=$(column "$dir/crypto.csv" openssl median_ns name aes128-gcm/encrypt/1024 | head -n 1)
    positive "crypto.csv openssl aes128-gcm/encrypt/1024 median_ns" "$v"
    for k in full resumed; do
        for v in wall_median_us cpu_median_us handshakes_per_s; do
            positive "handshake_peer.csv openssl-client $k $v" "$(awk -F, -v c="$v" -v k="$k" '
                /^#/ { next }
                !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
                $col["handshake"] == k { print $col[c]; exit }' "$dir/handshake_peer.csv")"
        done
    done
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
    check_header ram.csv profile mbedtls_version handshake heap_peak_bytes heap_allocs \
        stack_peak_bytes ram_peak_bytes status reason
    check_header ram_breakdown.csv profile handshake caller_offset peak_bytes function
    check_header crypto.csv profile mbedtls_version library name op clock samples median_ns \
        p10_ns p90_ns mad_ns status reason openssl_ratio
    check_header crypto_samples.csv profile library name clock sample_index ns_per_op
    check_header instructions.csv profile mbedtls_version handshake method \
        client_mean_instructions run_diff_percent status
    check_header ram_target.csv profile mbedtls_version target heap_peak_bytes \
        stack_peak_bytes static_ram_bytes ram_total_bytes status
    check_header handshake_peer.csv peer peer_version handshake wall_median_us cpu_median_us \
        handshakes_per_s
    for p in $profiles; do check_profile "$p"; done
    for p in $profiles; do check_bench_profile "$p"; done
    check_peers
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
