#!/usr/bin/env bash
# Run a profile's libFuzzer harness (fuzz/fuzz_client.c) for a given time, or replay inputs.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# usage: scripts/fuzz.sh [--runs N] PROFILE SECONDS [BUILD]
#        scripts/fuzz.sh --replay PROFILE [BUILD]
#
# BUILD is a build directory configured with CC=clang and -DMBP_FUZZ=ON (default: build/fuzz).
# Fuzzing stops after SECONDS, or after N executions with --runs, whichever comes first; a
# crash, leak, timeout or out-of-memory stops it at once. It prints one line of figures on
# stdout (executions, rate, crashes, corpus, peak RSS) and exits 0 without a crash, 1 with one
# (the input is saved under BUILD/fuzz-runs/artifacts/PROFILE/; copy it to
# tests/fuzz-regressions/PROFILE/ to make it a regression test).
# Seeds: on first use, real server flights are recorded with the harness's record mode against
# openssl s_server on 127.0.0.1 (scripts/peer.sh) into BUILD/fuzz-runs/seeds/PROFILE/; the TLS 1.3
# one must then replay as a complete handshake, which proves the replay deterministic. The
# corpus grows in BUILD/fuzz-runs/corpus/PROFILE/ from run to run; the log of each run is kept in
# BUILD/fuzz-runs/logs/.
# --replay runs the seeds and every file of tests/fuzz-regressions/PROFILE/ once each and fails
# if one of them crashes. Trusted CAs: BUILD/pki/ca.crt and rsa-root-ca.crt (made with
# scripts/make-pki.sh when missing).

set -euo pipefail

readonly PROG="fuzz"
readonly INPUT_TIMEOUT_S=25 # one input taking longer is reported as a hang
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

log() {
    printf '%s: %s\n' "$PROG" "$*" >&2
}

usage() {
    sed -n '/^# usage:/,/^#$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# The server flights recorded as seeds: name, then scripts/peer.sh options. Those a profile
# cannot complete (TLS 1.2 for a TLS 1.3-only profile, RSA for x25519-min) are recorded too:
# the alerts and failures they lead to are paths worth fuzzing.
seed_list() {
    cat <<EOF
tls13 --tls1_3 --cert server.crt --key server.key
tls13-hrr --tls1_3 --groups P-384 --cert server.crt --key server.key
tls13-rsa-chain --tls1_3 --cert rsa-server.crt --key rsa-server.key --cert-chain rsa-intermediate-ca.crt
tls13-untrusted --tls1_3 --cert untrusted-server.crt --key untrusted-server.key
tls12 --tls1_2 --cert server.crt --key server.key
tls12-rsa --tls1_2 --cert server-rsa2048.crt --key server-rsa2048.key
EOF
}

# Runs the harness on one file with MBP_FUZZ_VERBOSE and prints its outcome line.
seed_replay() { # FILE
    MBP_FUZZ_VERBOSE=1 "$harness" "$1" 2>&1 | sed -n 's/^fuzz-replay: //p' | head -n 1
}

seed_record() { # NAME PEER_OPTIONS...
    local name=$1 args=() port outcome

    shift
    for arg in "$@"; do
        case "$arg" in
        *.crt | *.key) args+=("$pki/$arg") ;;
        *) args+=("$arg") ;;
        esac
    done
    # A second attempt: on a loaded machine the server may miss peer.sh's readiness deadline.
    "$top/scripts/peer.sh" start openssl "$work/peer" "${args[@]}" >"$work/peer.out" 2>&1 ||
        "$top/scripts/peer.sh" start openssl "$work/peer" "${args[@]}" >"$work/peer.out" 2>&1 ||
        { cat "$work/peer.out" >&2; die "could not start openssl s_server for seed $name"; }
    port=$(sed -n 's/^port=//p' "$work/peer")
    MBP_FUZZ_RECORD_PORT=$port MBP_FUZZ_RECORD_OUT="$seeds/$name" "$harness" \
        >"$work/record.out" 2>&1 || { cat "$work/record.out" >&2; die "recording $name failed"; }
    "$top/scripts/peer.sh" stop "$work/peer" >/dev/null 2>&1 || true
    rm -f "$work/peer"
    outcome=$(seed_replay "$seeds/$name")
    log "seed $name: $(wc -c <"$seeds/$name") bytes; replay: ${outcome:-no outcome}"
}

seeds_make() {
    local name opts

    mkdir -p "$seeds"
    [ -z "$(ls -A "$seeds")" ] || return 0
    log "recording seed flights for $profile into $seeds"
    while read -r name opts; do
        # shellcheck disable=SC2086 # options are words on purpose
        seed_record "$name" $opts
    done < <(seed_list)
    case "$(seed_replay "$seeds/tls13")" in
    "first session succeeded"*) ;;
    *)
        rm -rf "$seeds"
        die "the recorded TLS 1.3 flight does not replay as a complete handshake, so the" \
            "harness is not deterministic; seeds removed"
        ;;
    esac
}

# Trusted CAs for the harness: the test CA and the RSA-4096 root of the web-like chain.
# Several profiles may be fuzzed at once from one build: the PKI is made under a lock, and
# each run writes the bundle through a file of its own.
ca_bundle_make() {
    (
        flock 9
        if [ ! -f "$pki/ca.crt" ] || [ ! -f "$pki/rsa-root-ca.crt" ]; then
            log "making the test PKI in $pki"
            "$top/scripts/make-pki.sh" "$pki" >/dev/null
        fi
    ) 9>"$fuzzdir/.pki.lock"
    cat "$pki/ca.crt" "$pki/rsa-root-ca.crt" >"$fuzzdir/ca-bundle.pem.$$"
    mv "$fuzzdir/ca-bundle.pem.$$" "$fuzzdir/ca-bundle.pem"
    export MBP_FUZZ_CA_FILE="$fuzzdir/ca-bundle.pem"
}

stat_get() { # NAME: a stat:: figure of libFuzzer's final report
    sed -n "s/^stat::$1: *//p" "$run_log" | tail -n 1
}

fuzz_run() {
    local artifacts="$fuzzdir/artifacts/$profile/" corpus="$fuzzdir/corpus/$profile" rc=0
    local runs_opt=() crashes execs

    mkdir -p "$artifacts" "$corpus" "$fuzzdir/logs"
    run_log="$fuzzdir/logs/$profile-$(date -u +%Y%m%dT%H%M%SZ).log"
    [ -z "$runs" ] || runs_opt=("-runs=$runs")
    log "fuzzing $profile for at most ${seconds}s${runs:+ or $runs executions}; log: $run_log"
    "$harness" -max_total_time="$seconds" "${runs_opt[@]}" -timeout="$INPUT_TIMEOUT_S" \
        -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds" \
        >"$run_log" 2>&1 || rc=$?
    crashes=$(grep -cE '^(artifact_prefix|Test unit written to)' "$run_log" || true)
    execs=$(stat_get number_of_executed_units)
    [ -n "$execs" ] || { tail -n 20 "$run_log" >&2; die "the harness did not finish a run"; }
    printf 'profile=%s executions=%s seconds_max=%s exec_per_s=%s crashes=%s new_units=%s' \
        "$profile" "$execs" "$seconds" "$(stat_get average_exec_per_sec)" "$crashes" \
        "$(stat_get new_units_added)"
    printf ' corpus_files=%s peak_rss_mb=%s\n' "$(ls "$corpus" | wc -l)" \
        "$(stat_get peak_rss_mb)"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$run_log" >&2 ||
            tail -n 30 "$run_log" >&2
        exit 1
    fi
}

# Runs each input once; any crash fails.
replay_run() {
    local dir="$top/tests/fuzz-regressions/$profile" inputs=() f rc=0

    inputs=("$seeds"/*)
    if [ -d "$dir" ]; then
        for f in "$dir"/*; do
            [ -f "$f" ] && inputs+=("$f")
        done
    fi
    "$harness" -timeout="$INPUT_TIMEOUT_S" "${inputs[@]}" >"$work/replay.log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        cat "$work/replay.log" >&2
        die "replaying ${#inputs[@]} inputs for $profile: the harness failed (status $rc)"
    fi
    echo "profile=$profile replayed=${#inputs[@]} crashes=0"
}

runs=""
mode=fuzz
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    --replay) mode=replay; shift ;;
    -h | --help) usage ;;
    -*) log "unknown option $1"; usage ;;
    *) break ;;
    esac
done
if [ "$mode" = fuzz ]; then
    [ $# -ge 2 ] && [ $# -le 3 ] || usage
    profile=$1 seconds=$2 build=${3:-$top/build/fuzz}
    [[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a positive whole number, not '$seconds'"
else
    [ $# -ge 1 ] && [ $# -le 2 ] || usage
    profile=$1 build=${2:-$top/build/fuzz}
fi
[ -z "$runs" ] || [[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs takes a positive number, not '$runs'"
[ -d "$build" ] || die "no build directory $build (CC=clang cmake -S . -B $build -DMBP_FUZZ=ON)"
build=$(cd "$build" && pwd)
harness="$build/$profile/mbp-fuzz-client"
[ -x "$harness" ] || die "$harness is not built: configure $build with CC=clang and" \
    "-DMBP_FUZZ=ON, then cmake --build $build --target mbp-fuzz-client-$profile"
pki="$build/pki"
fuzzdir="$build/fuzz-runs"
seeds="$fuzzdir/seeds/$profile"
mkdir -p "$fuzzdir"
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-fuzz.XXXXXX")
trap '[ ! -f "$work/peer" ] || "$top/scripts/peer.sh" stop "$work/peer" >/dev/null 2>&1; rm -rf "$work"' EXIT

ca_bundle_make
seeds_make
case "$mode" in
fuzz) fuzz_run ;;
*) replay_run ;;
esac
