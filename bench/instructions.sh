#!/usr/bin/env bash
# Client instructions per handshake under valgrind's callgrind: the noise-free figure for
# regressions. Counts only inside mbp_client_handshake() (so process start, TCP connect, tickets
# and close_notify are out), one profile dump per handshake, and checks that separate runs
# agree. Two methods: "replay" replays one recorded server flight with a fixed random generator
# (identical work in every run: the gated figure), "live" runs real handshakes against the
# server (fresh random values each time: a spread, reported beside it).
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set -euo pipefail

readonly PROG=instructions
readonly HEADER="profile,mbedtls_version,handshake,method,tool,runs,handshakes_per_run,\
client_mean_instructions,client_min_instructions,client_max_instructions,run_diff_percent,\
tolerance_percent,status"
method=live
bench=''
port=''
ca_file=''
host=127.0.0.1
profile=''
resume=0
runs=2
handshakes=2
warmup=1
tolerance=''
header=1
strict=0

usage() {
    cat <<EOF
usage: bench/instructions.sh --bench PROGRAM --port PORT --ca-file FILE [options]

  --method live|replay   live (default): PROGRAM is a profile's mbp-handshake-bench, run
                         against the server; replay: PROGRAM is a profile's mbp-replay, which
                         records one full (and resumed) session with the server on
                         127.0.0.1:PORT, then replays it
  --bench PROGRAM        the program of the method
  --port PORT            server port on --host (default host $host; replay: 127.0.0.1 only)
  --ca-file FILE         CA of the server's certificate
  --profile NAME         profile column (default: the program's own)
  --resume               live: count resumed handshakes (the program's --resume); replay
                         always counts both, one row each, when the server resumes
  --runs N               separate valgrind runs to compare (default $runs)
  --handshakes N         counted handshakes (replay: sessions) per run (default $handshakes),
  --warmup N             after N left out (default $warmup)
  --tolerance-percent P  largest difference between runs accepted (default: live 1,
                         replay 0.1)
  --strict               exit 1 when the runs differ by more than the tolerance
  --no-header            leave out the CSV header row

Prints one CSV row per handshake kind: client_mean_instructions is the mean over every counted
handshake of every run, client_min/max_instructions the extremes of single handshakes, and
run_diff_percent compares the runs' means: (largest - smallest) / smallest.
EOF
}

die() {
    printf '%s: error: %s\n' "$PROG" "$1" >&2
    [ $# -lt 2 ] || printf '%s: fix: %s\n' "$PROG" "$2" >&2
    exit 1
}

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --resume) resume=1; shift; continue ;;
        --strict) strict=1; shift; continue ;;
        --no-header) header=0; shift; continue ;;
        -h | --help) usage; exit 0 ;;
        esac
        [ $# -ge 2 ] || die "$1 needs a value" "see --help"
        case "$1" in
        --method) method=$2 ;;
        --bench) bench=$2 ;;
        --port) port=$2 ;;
        --host) host=$2 ;;
        --ca-file) ca_file=$2 ;;
        --profile) profile=$2 ;;
        --runs) runs=$2 ;;
        --handshakes) handshakes=$2 ;;
        --warmup) warmup=$2 ;;
        --tolerance-percent) tolerance=$2 ;;
        *) usage >&2; die "unknown option '$1'" "see the usage above" ;;
        esac
        shift 2
    done
    case $method in
    live) [ -n "$tolerance" ] || tolerance=1 ;;
    replay) [ -n "$tolerance" ] || tolerance=0.1 ;;
    *) die "--method must be live or replay, not '$method'" "see --help" ;;
    esac
    [ -x "$bench" ] || die "--bench '$bench' is not an executable" \
        "give a profile's mbp-handshake-bench (live) or mbp-replay (replay)"
    [ -n "$port" ] && [ -n "$ca_file" ] || die "--port and --ca-file are required" "see --help"
    [ -r "$ca_file" ] || die "--ca-file '$ca_file' cannot be read" "check the path"
    [[ $runs =~ ^[1-9][0-9]*$ && $handshakes =~ ^[1-9][0-9]*$ && $warmup =~ ^[0-9]+$ ]] ||
        die "--runs and --handshakes must be positive, --warmup a whole number"
    command -v valgrind >/dev/null || die "valgrind not found" "apt-get install valgrind"
}

# Runs COMMAND... under callgrind, one dump per mbp_client_handshake call, into $work/cg.RUN.*;
# checks that there are EXPECTED dumps and prints the total of each, in order.
callgrind_run() { # RUN EXPECTED COMMAND...
    local r=$1 expected=$2 n i

    shift 2
    valgrind --tool=callgrind --toggle-collect=mbp_client_handshake \
        --dump-after=mbp_client_handshake --callgrind-out-file="$work/cg.$r" \
        "$@" >"$work/row.$r" 2>"$work/err.$r" || {
        tail -n 15 "$work/err.$r" >&2
        die "run $r of $1 under callgrind failed (see above)"
    }
    n=$(find "$work" -name "cg.$r.*" | wc -l)
    [ "$n" -eq "$expected" ] ||
        die "run $r left $n profile dumps, expected $expected (one per handshake)"
    for ((i = 1; i <= expected; i++)); do
        sed -n 's/^summary: //p' "$work/cg.$r.$i"
    done
}

# Live: the handshake benchmark against the server; prints the counted handshakes' totals.
# --resume adds one priming handshake before the warm-up.
live_run() { # RUN
    local args=(--port "$port" --host "$host" --ca-file "$ca_file" --count "$handshakes"
        --warmup "$warmup")

    [ "$resume" -eq 0 ] || args+=(--resume)
    [ -z "$profile" ] || args+=(--profile "$profile")
    callgrind_run "$1" $((warmup + handshakes + resume)) "$bench" "${args[@]}" |
        tail -n "$handshakes"
}

# Replay: records one session sequence from the server into $work/flight and checks that it
# replays as recorded; sets per_session (1, or 2 when the server resumed the session).
replay_record() {
    local outcome

    MBP_FUZZ_RECORD_PORT=$port MBP_FUZZ_RECORD_OUT="$work/flight" "$bench" \
        >"$work/record.out" 2>&1 || {
        cat "$work/record.out" >&2
        die "recording a session from 127.0.0.1:$port failed" "check the server is up"
    }
    outcome=$(MBP_FUZZ_VERBOSE=1 "$bench" "$work/flight" 2>&1 | sed -n 's/^fuzz-replay: //p')
    case $outcome in
    "first session succeeded"*"second session: resumed") per_session=2 ;;
    "first session succeeded"*"second session: none") per_session=1 ;;
    *)
        cat "$work/record.out" >&2
        die "the recorded session does not replay as recorded (${outcome:-no outcome})" \
            "the replay build must be deterministic; see bench/README.md"
        ;;
    esac
}

# Replay: prints the counted sessions' totals, one line each: "FULL RESUMED" or "FULL".
replay_run() { # RUN
    callgrind_run "$1" $(((warmup + handshakes) * per_session)) "$bench" "$work/flight" \
        $((warmup + handshakes)) | tail -n $((handshakes * per_session)) |
        paste -d' ' $(for ((i = 0; i < per_session; i++)); do printf -- '- '; done)
}

# Prints the row of handshake kind KIND from field FIELD of every "RUN COUNTS..." line of stdin.
row_print() { # KIND FIELD MBEDTLS_VERSION
    awk -v k="$1" -v f="$2" -v p="$profile" -v v="$3" -v m="$method" -v runs="$runs" \
        -v n="$handshakes" -v tol="$tolerance" -v strict="$strict" '
        {
            x = $(f + 1); sum[$1] += x; total += x; c++
            if (c == 1 || x < hmin) hmin = x
            if (x > hmax) hmax = x
        }
        END {
            for (r in sum) {
                mean = sum[r] / n
                if (!seen++ || mean < lo) lo = mean
                if (mean > hi) hi = mean
            }
            diff = (hi - lo) * 100 / lo
            status = diff <= tol ? "ok" : "runs_disagree"
            printf "%s,%s,%s,%s,callgrind,%d,%d,%.0f,%d,%d,%.4f,%s,%s\n", p, v, k, m, runs, n,
                total / c, hmin, hmax, diff, tol, status
            if (status != "ok") {
                printf "instructions: %s %s runs differ by %.4f %% (over %s %%)\n", m, k, diff,
                    tol > "/dev/stderr"
                exit strict ? 1 : 0
            }
        }'
}

main() {
    local r counts version kinds=full info row kind

    parse_args "$@"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    if [ "$method" = replay ]; then
        info=$("$bench" --info) || die "$bench --info failed" "give a profile's mbp-replay"
        [ -n "$profile" ] || profile=$(sed -n 's/^profile=//p' <<<"$info")
        version=$(sed -n 's/^mbedtls_version=//p' <<<"$info")
        export MBP_FUZZ_CA_FILE="$ca_file"
        replay_record
        [ "$per_session" -eq 1 ] || kinds='full resumed'
    fi
    for ((r = 1; r <= runs; r++)); do
        if [ "$method" = replay ]; then counts=$(replay_run "$r"); else counts=$(live_run "$r"); fi
        printf '%s: %s run %d: %s instructions per handshake\n' "$PROG" "$method" "$r" \
            "$(tr '\n' ' ' <<<"$counts")" >&2
        sed "s/^/$r /" <<<"$counts" >>"$work/counts"
    done
    if [ "$method" = live ]; then
        row=$(grep -v '^profile,' "$work/row.1" | head -n 1)
        [ -n "$profile" ] || profile=${row%%,*}
        version=$(cut -d, -f2 <<<"$row")
        kinds=full
        [ "$resume" -eq 0 ] || kinds=resumed
    fi
    [ "$header" -eq 0 ] || printf '%s\n' "$HEADER"
    r=1
    for kind in $kinds; do
        row_print "$kind" "$r" "$version" <"$work/counts" || exit 1
        r=$((r + 1))
    done
}

main "$@"
