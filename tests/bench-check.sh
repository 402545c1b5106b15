#!/usr/bin/env bash
# Checks of the benchmarks of bench/README.md against a real openssl s_server on 127.0.0.1:
# the RAM figures (and their cross-check with valgrind's massif), resumed handshakes, bytes and
# flights, instruction counts, the OpenSSL client, and the results check on the new files.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: tests/bench-check.sh ram|massif|resumed|instructions PROFILE BUILD PKI RESUMABLE
#        tests/bench-check.sh openssl BUILD PKI
#        tests/bench-check.sh results-negative RESULTS_DIR PROFILES
# RESUMABLE is 1 when the profile keeps session tickets. A mismatch prints both sides, exit 1.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-bench-check.XXXXXX")
peer_info="$work/peer"
failures=0

cleanup() {
    [ ! -f "$peer_info" ] || "$top/scripts/peer.sh" stop "$peer_info" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    printf 'FAIL %s\n' "$*" >&2
    failures=$((failures + 1))
}

start_peer() { # PKI
    "$top/scripts/peer.sh" start openssl "$peer_info" --cert "$1/server.crt" \
        --key "$1/server.key" >"$work/peer.out" 2>&1 || { cat "$work/peer.out" >&2; exit 1; }
    port=$(sed -n 's/^port=//p' "$peer_info")
}

# Value of COLUMN in the data row of a CSV (header + rows) whose column KEY is VALUE.
field() { # FILE COLUMN [KEY VALUE]
    awk -F, -v c="$2" -v k="${3:-}" -v v="${4:-}" '
        /^#/ { next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        (k == "" || $col[k] == v) { print (c in col) ? $col[c] : "no-column-" c; exit }' "$1"
}

# The heap peak the counting allocator reports must match massif's peak of the whole process
# (useful heap bytes, mem_heap_B) within 5 %, in the same run of one full handshake.
check_massif() { # PROFILE BUILD
    local ours massif

    valgrind --tool=massif --pages-as-heap=no --peak-inaccuracy=0.0 \
        --massif-out-file="$work/massif.out" "$2/$1/mbp-ram-bench" --port "$port" \
        --ca-file "$pki/ca.crt" --full-only >"$work/ram.csv" 2>"$work/err" ||
        { cat "$work/err" >&2; fail "mbp-ram-bench under massif failed"; return; }
    ours=$(field "$work/ram.csv" heap_peak_bytes handshake full)
    massif=$(sed -n 's/^mem_heap_B=//p' "$work/massif.out" | sort -n | tail -n 1)
    awk -v a="$ours" -v b="$massif" 'BEGIN {
        d = (b - a) / a * 100; if (d < 0) d = -d
        printf "heap peak: counting allocator %d bytes, massif %d bytes (%.2f %%)\n", a, b, d
        exit !(a > 0 && b > 0 && d <= 5) }' || fail "$1: heap peaks differ by more than 5 %"
}

# ram.csv: the full row (and the resumed one when the profile resumes) holds consistent figures.
check_ram() { # PROFILE BUILD RESUMABLE
    local kind peak start stack total status

    "$2/$1/mbp-ram-bench" --port "$port" --ca-file "$pki/ca.crt" --breakdown "$work/b.csv" \
        >"$work/ram.csv" 2>"$work/err" || { cat "$work/err" >&2; fail "$1: mbp-ram-bench"; return; }
    for kind in full resumed; do
        status=$(field "$work/ram.csv" status handshake "$kind")
        if [ "$kind" = resumed ] && [ "$3" -eq 0 ]; then
            [ "$status" = skipped ] || fail "$1 resumed: status '$status', expected skipped"
            continue
        fi
        peak=$(field "$work/ram.csv" heap_peak_bytes handshake "$kind")
        start=$(field "$work/ram.csv" heap_start_bytes handshake "$kind")
        stack=$(field "$work/ram.csv" stack_peak_bytes handshake "$kind")
        total=$(field "$work/ram.csv" ram_peak_bytes handshake "$kind")
        [ "$status" = ok ] || fail "$1 $kind: status '$status', expected ok"
        [ "$peak" -gt "$start" ] 2>/dev/null ||
            fail "$1 $kind: heap peak $peak not above the heap at the start $start"
        [ "$stack" -gt 1024 ] 2>/dev/null || fail "$1 $kind: stack $stack bytes, expected > 1 KiB"
        [ "$total" = "$((peak + stack))" ] || fail "$1 $kind: ram_peak $total != $peak + $stack"
    done
    "$top/bench/ram-symbolize.sh" "$2/$1/mbp-ram-bench" <"$work/b.csv" >"$work/named.csv"
    grep -q ',mbedtls_ssl_setup$' "$work/named.csv" ||
        fail "$1: the heap breakdown names no mbedtls_ssl_setup (record buffers)"
}

# Full and resumed handshakes: resumption where the profile keeps tickets (exit 3 elsewhere),
# three flights each in TLS 1.3, and a resumption receives less (no certificate).
check_resumed() { # PROFILE BUILD RESUMABLE
    local bench=("$2/$1/mbp-handshake-bench" --port "$port" --ca-file "$pki/ca.crt" --count 3
        --warmup 1) rc=0 full_rx resumed_rx kind

    "${bench[@]}" >"$work/full.csv" 2>"$work/err" || { cat "$work/err" >&2; fail "$1 full"; }
    "${bench[@]}" --resume >"$work/resumed.csv" 2>"$work/err" || rc=$?
    if [ "$3" -eq 0 ]; then
        [ "$rc" -eq 3 ] || fail "$1: --resume exit status $rc, expected 3 (no tickets)"
        return
    fi
    [ "$rc" -eq 0 ] || { cat "$work/err" >&2; fail "$1: --resume exit status $rc"; return; }
    for kind in full resumed; do
        [ "$(field "$work/$kind.csv" handshake)" = "$kind" ] || fail "$1: row is not '$kind'"
        [ "$(field "$work/$kind.csv" flights)" = 3 ] ||
            fail "$1 $kind: $(field "$work/$kind.csv" flights) flights, expected 3 (TLS 1.3)"
    done
    full_rx=$(field "$work/full.csv" received_bytes)
    resumed_rx=$(field "$work/resumed.csv" received_bytes)
    [ "$resumed_rx" -gt 0 ] && [ "$resumed_rx" -lt "$full_rx" ] ||
        fail "$1: resumed handshake received $resumed_rx bytes, full $full_rx (expected fewer)"
}

# Instruction counts: two runs of the replay are identical, full and (where the profile
# resumes) resumed; two runs of live handshakes agree within 1 %; and the replay counts the
# same work as a live handshake: its full-handshake figure within 2 % of the live one.
check_instructions() { # PROFILE BUILD RESUMABLE
    local args=(--port "$port" --ca-file "$pki/ca.crt" --runs 2 --strict --no-header)
    local out="$work/instructions.csv" kinds want replay live

    "$top/bench/instructions.sh" "${args[@]}" --method replay --bench "$2/$1/mbp-replay" \
        --handshakes 2 >"$out" || fail "$1: replayed instruction counts"
    "$top/bench/instructions.sh" "${args[@]}" --bench "$2/$1/mbp-handshake-bench" \
        --handshakes 6 >>"$out" || fail "$1: live instruction counts"
    cat "$out"
    kinds=$(awk -F, '$4 == "replay" && $11 == "0.0000" && $13 == "ok" { print $3 }' "$out" |
        tr '\n' ' ')
    want='full '
    [ "$3" -eq 0 ] || want='full resumed '
    [ "$kinds" = "$want" ] ||
        fail "$1: replay rows with identical runs: '$kinds', expected '$want'"
    replay=$(awk -F, '$3 == "full" && $4 == "replay" { print $8 }' "$out")
    live=$(awk -F, '$3 == "full" && $4 == "live" { print $8 }' "$out")
    awk -v r="$replay" -v l="$live" 'BEGIN { d = (r - l) / l; exit !(r > 0 && d * d < 0.0004) }' ||
        fail "$1: replayed full handshake $replay instructions, live $live: over 2 % apart"
}

check_openssl() { # BUILD
    local bin="$1/openssl/mbp-openssl-bench" kind

    for kind in full resumed; do
        "$bin" handshake --port "$port" --ca-file "$pki/ca.crt" --count 3 --warmup 1 \
            $([ "$kind" = full ] || echo --resume) >"$work/peer.csv" 2>"$work/err" ||
            { cat "$work/err" >&2; fail "OpenSSL client, $kind"; continue; }
        awk -v v="$(field "$work/peer.csv" wall_median_us)" 'BEGIN { exit !(v > 0) }' ||
            fail "OpenSSL client $kind: wall_median_us '$(field "$work/peer.csv" wall_median_us)'"
    done
}

# check-results.sh must reject a set whose RAM figure was zeroed.
check_results_negative() { # RESULTS PROFILES
    local first=${2%%,*}

    cp -r "$1" "$work/set"
    awk -F, -v OFS=, -v p="$first" '
        /^#/ { print; next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; print; next }
        $col["profile"] == p { $col["heap_peak_bytes"] = 0 } { print }' \
        "$1/ram.csv" >"$work/set/ram.csv"
    if "$top/scripts/check-results.sh" "$work/set" "$2" 2>"$work/err"; then
        fail "check-results.sh accepted a zero heap_peak_bytes for $first"
    elif ! grep -q "ram.csv $first full heap_peak_bytes" "$work/err"; then
        cat "$work/err" >&2
        fail "check-results.sh failed without naming the zeroed heap_peak_bytes"
    fi
}

main() {
    local what=${1:-}

    case "$what" in
    ram | massif | resumed | instructions)
        [ $# -eq 5 ] || { echo "usage: $0 $what PROFILE BUILD PKI RESUMABLE" >&2; exit 2; }
        pki=$4
        start_peer "$pki"
        "check_$what" "$2" "$3" "$5"
        ;;
    openssl)
        [ $# -eq 3 ] || { echo "usage: $0 openssl BUILD PKI" >&2; exit 2; }
        pki=$3
        start_peer "$pki"
        check_openssl "$2"
        ;;
    results-negative)
        [ $# -eq 3 ] || { echo "usage: $0 results-negative RESULTS_DIR PROFILES" >&2; exit 2; }
        check_results_negative "$2" "$3"
        ;;
    *) echo "usage: $0 ram|massif|resumed|instructions|openssl|results-negative ..." >&2; exit 2 ;;
    esac
    [ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
    echo "ok: $what ${2:-}"
}

main "$@"
