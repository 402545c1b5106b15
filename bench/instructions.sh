#!/usr/bin/env bash
# Client instructions per handshake under valgrind's callgrind: the noise-free figure for
# regressions. Runs mbp-handshake-bench under callgrind, counts only inside
# mbp_client_handshake() (so process start, TCP connect, tickets and close_notify are out),
# one profile dump per handshake, and checks that separate runs agree.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set -euo pipefail

readonly PROG=instructions
bench=''
port=''
ca_file=''
host=127.0.0.1
profile=''
resume=0
runs=2
handshakes=2
warmup=1
tolerance=0.1
header=1
strict=0

usage() {
    cat <<EOF
usage: bench/instructions.sh --bench PROGRAM --port PORT --ca-file FILE [options]

  --bench PROGRAM        a profile's mbp-handshake-bench
  --port PORT            server port on --host (default host $host)
  --ca-file FILE         CA of the server's certificate
  --profile NAME         profile column (default: the program's own)
  --resume               count resumed handshakes (the program's --resume)
  --runs N               separate valgrind runs to compare (default $runs)
  --handshakes N         counted handshakes per run (default $handshakes), after
  --warmup N             handshakes per run that are left out (default $warmup)
  --tolerance-percent P  largest difference between runs accepted (default $tolerance)
  --strict               exit 1 when the runs differ by more than the tolerance
  --no-header            leave out the CSV header row

Prints one CSV row: instructions_per_handshake is the mean over every counted handshake of
every run; run_diff_percent compares the runs' means: (largest - smallest) / smallest.
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
    [ -x "$bench" ] || die "--bench '$bench' is not an executable" "give a mbp-handshake-bench"
    [ -n "$port" ] && [ -n "$ca_file" ] || die "--port and --ca-file are required" "see --help"
    [[ $runs =~ ^[1-9][0-9]*$ && $handshakes =~ ^[1-9][0-9]*$ && $warmup =~ ^[0-9]+$ ]] ||
        die "--runs and --handshakes must be positive, --warmup a whole number"
    command -v valgrind >/dev/null || die "valgrind not found" "apt-get install valgrind"
}

# One valgrind run; prints the instructions of each counted handshake, one per line, and
# leaves the program's CSV output in $work/row.RUN_INDEX.
run_once() { # RUN_INDEX
    local r=$1 out="$work/cg.$1" args=(--port "$port" --host "$host" --ca-file "$ca_file"
        --count "$handshakes" --warmup "$warmup") first expected n i

    [ "$resume" -eq 0 ] || args+=(--resume)
    [ -z "$profile" ] || args+=(--profile "$profile")
    valgrind --tool=callgrind --toggle-collect=mbp_client_handshake \
        --dump-after=mbp_client_handshake --callgrind-out-file="$out" \
        "$bench" "${args[@]}" >"$work/row.$r" 2>"$work/err.$r" || {
        tail -n 15 "$work/err.$r" >&2
        die "run $r of $bench under callgrind failed (see above)"
    }
    # One dump per mbp_client_handshake call, in order; --resume adds the priming handshake.
    first=$((warmup + 1 + resume))
    expected=$((warmup + handshakes + resume))
    n=$(find "$work" -name "cg.$r.*" | wc -l)
    [ "$n" -eq "$expected" ] ||
        die "run $r left $n profile dumps, expected $expected (one per handshake)"
    for ((i = first; i <= expected; i++)); do
        sed -n 's/^summary: //p' "$out.$i"
    done
}

# Prints the row from the runs' means (stdin, one per line) and every handshake's count.
row_print() { # ALL_COUNTS MBEDTLS_VERSION KIND
    awk -v all="$1" -v p="$profile" -v v="$2" -v k="$3" -v runs="$runs" -v n="$handshakes" \
        -v tol="$tolerance" -v strict="$strict" '
        { if (NR == 1 || $1 < lo) lo = $1; if ($1 > hi) hi = $1 }
        END {
            c = split(all, a, " ")
            for (i = 1; i <= c; i++) {
                s += a[i]
                if (i == 1 || a[i] + 0 < hmin) hmin = a[i] + 0
                if (a[i] + 0 > hmax) hmax = a[i] + 0
            }
            diff = (hi - lo) * 100 / lo
            status = diff <= tol ? "ok" : "runs_disagree"
            printf "%s,%s,%s,callgrind,%d,%d,%.0f,%d,%d,%.4f,%d,%d,%s,%s\n", p, v, k, runs, n,
                s / c, lo, hi, diff, hmin, hmax, tol, status
            if (status != "ok") {
                printf "instructions: runs differ by %.4f %% (over %s %%)\n", diff, tol \
                    > "/dev/stderr"
                exit strict ? 1 : 0
            }
        }'
}

main() {
    local r counts all='' means='' row version kind

    parse_args "$@"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    for ((r = 1; r <= runs; r++)); do
        counts=$(run_once "$r")
        all="$all $(tr '\n' ' ' <<<"$counts")"
        means+="$(awk '{ s += $1 } END { printf "%.0f", s / NR }' <<<"$counts")"$'\n'
        printf '%s: run %d: %s instructions per handshake\n' "$PROG" "$r" \
            "$(tr '\n' ' ' <<<"$counts")" >&2
    done
    row=$(grep -v '^profile,' "$work/row.1" | head -n 1)
    [ -n "$profile" ] || profile=${row%%,*}
    version=$(cut -d, -f2 <<<"$row")
    kind=full
    [ "$resume" -eq 0 ] || kind=resumed
    if [ "$header" -eq 1 ]; then
        printf '%s%s\n' "profile,mbedtls_version,handshake,tool,runs,handshakes_per_run," \
            "instructions_per_handshake,run_min_instructions,run_max_instructions,run_diff_percent,handshake_min_instructions,handshake_max_instructions,tolerance_percent,status"
    fi
    printf '%s' "$means" | row_print "$all" "$version" "$kind"
}

main "$@"
