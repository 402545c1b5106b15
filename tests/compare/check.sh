#!/usr/bin/env bash
# Test driver of tests/compare.cmake: compare.py verdicts, its JSON and input errors, the
# cross-version charts, and matrix.sh refusing a version it cannot fetch.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: check.sh verdicts EXPECTED_FILE EXIT_STATUS OLD NEW [compare.py options...]
#        check.sh json OLD NEW
#        check.sh error EXPECTED_TEXT [compare.py arguments...]
#        check.sh charts OLD NEW
#        check.sh notes
#        check.sh missing OLD
#        check.sh matrix-refuses EXPECTED_TEXT [matrix.sh arguments...]
# Prints "ok: ..." and exits 0 on success; on a mismatch prints both sides and exits 1.

set -euo pipefail
export LC_ALL=C

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-compare-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
    printf 'FAIL: %s\n' "$1" >&2
    shift
    local f
    for f in "$@"; do
        [ -f "$f" ] && printf -- '--- %s:\n%s\n' "$(basename "$f")" "$(cat "$f")" >&2
    done
    exit 1
}

# The verdict and one-set-only lines of a CSV table: verdict|file|figure|key, sorted.
verdict_lines() {
    awk -F, 'NR > 1 && ($10 != "" || $11 ~ /only in/) {
        print ($10 != "" ? $10 : $11) "|" $1 "|" $3 "|" $2 }' "$1" | sort
}

check_verdicts() { # EXPECTED_FILE EXIT_STATUS OLD NEW [OPTIONS...]
    local expected=$1 want_rc=$2 rc=0

    shift 2
    "$top/scripts/compare.py" --format csv "$@" >"$work/table.csv" 2>"$work/stderr" || rc=$?
    [ "$rc" -eq "$want_rc" ] ||
        fail "compare.py exited with $rc, expected $want_rc" "$work/stderr" "$work/table.csv"
    grep -v '^#' "$expected" | sort >"$work/expected"
    verdict_lines "$work/table.csv" >"$work/got"
    diff -u "$work/expected" "$work/got" >"$work/diff" ||
        fail "flagged rows differ from $(basename "$expected") (- expected, + got)" "$work/diff"
    if [ "$want_rc" -eq 1 ]; then
        grep -q '^compare: REGRESSION: ' "$work/stderr" ||
            fail "no REGRESSION line on stderr" "$work/stderr"
    fi
    echo "ok: exit $rc, $(grep -c '^REGRESSION' "$work/got" || true) regression(s) as expected"
}

check_json() { # OLD NEW
    local rc=0

    "$top/scripts/compare.py" "$1" "$2" --json "$work/bench.json" >/dev/null 2>&1 || rc=$?
    [ "$rc" -le 1 ] || fail "compare.py exited with $rc"
    python3 - "$work/bench.json" <<'EOF' || fail "the JSON output is not as expected"
import json
import sys

entries = json.load(open(sys.argv[1]))
problems = []
if not isinstance(entries, list):
    sys.exit("not a list")
for e in entries:
    if not (isinstance(e.get("name"), str) and isinstance(e.get("unit"), str)
            and isinstance(e.get("value"), (int, float))):
        problems.append(f"entry without name/unit/value: {e}")
names = [e["name"] for e in entries]
if len(set(names)) != len(names):
    problems.append("names are not unique")
by_name = {e["name"]: e for e in entries}
# Every figure of the NEW set, counted by hand from tests/compare/new: size 10, keygen 3,
# handshake 8 (with flights_count), crypto 3 + 1 of the peer library, instructions 3, ram 12,
# flash 2.
if len(entries) != 42:
    problems.append(f"{len(entries)} entries, expected 42")
want = {
    "size/tls13-psa/mbp-client/text_bytes": ("bytes", 285300),
    "flash/tls13-psa/cortex-m4/flash_bytes": ("bytes", 120000),
    "crypto/tls13-psa/aes128-gcm/encrypt/16384/encrypt/AES-GCM/aes/CLOCK_THREAD_CPUTIME_ID/median_ns": ("ns", 24000),
    "instructions/tls13-psa/full/client_instructions": ("instructions", 10150000),
}
for name, (unit, value) in want.items():
    e = by_name.get(name)
    if e is None or e["unit"] != unit or e["value"] != value:
        problems.append(f"{name}: got {e}, expected unit {unit} value {value}")
cpu = [e for n, e in by_name.items() if n.startswith("handshake/tls13-psa/")
       and n.endswith("/cpu_median_us")]
if len(cpu) != 1 or cpu[0].get("range") != "p10 2500.0 .. p90 2600.0" \
        or "REGRESSION" not in cpu[0].get("extra", ""):
    problems.append(f"handshake tls13-psa cpu_median_us: {cpu}")
if any("samples" in n for n in names):
    problems.append("raw samples in the JSON")
for p in problems:
    print("json:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
    echo "ok: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
        "$work/bench.json") JSON entries as expected"
}

check_error() { # EXPECTED_TEXT ARGS...
    local text=$1 rc=0

    shift
    "$top/scripts/compare.py" "$@" >"$work/stdout" 2>"$work/stderr" || rc=$?
    [ "$rc" -eq 2 ] || fail "compare.py exited with $rc, expected 2" "$work/stderr"
    grep -qF -- "$text" "$work/stderr" || fail "stderr lacks '$text'" "$work/stderr"
    [ ! -s "$work/stdout" ] || fail "a table was printed despite the error" "$work/stdout"
    echo "ok: exit 2: $(grep -m1 'error' "$work/stderr")"
}

# A column behind the figures (here samples) that differs in many rows: the note lists the
# first changes in numeric order and counts the rest, on one line of stderr.
check_notes() {
    local i set

    for set in old new; do
        mkdir "$work/$set"
        echo "profile,name,samples,median_ns" >"$work/$set/keygen.csv"
    done
    for i in 5 6 7 8 9 10 11 12 13; do
        echo "p,n$i,$i,100" >>"$work/old/keygen.csv"
        echo "p,n$i,$((i + 90)),100" >>"$work/new/keygen.csv"
    done
    "$top/scripts/compare.py" "$work/old" "$work/new" >"$work/stdout" 2>"$work/stderr" ||
        fail "compare.py failed" "$work/stderr"
    grep -qF "'samples' differs between the sets: 5 -> 95, 6 -> 96, 7 -> 97, 8 -> 98, \
9 -> 99, 10 -> 100 and 3 more" "$work/stderr" || fail "the note is not as expected" "$work/stderr"
    echo "ok: $(grep -c 'differs' "$work/stderr") note, 6 changes shown, 3 counted"
}

# NEW is OLD without the rows of one profile: every one of them is MISSING and fails the gate,
# unless --allow-missing.
check_missing() { # OLD
    local f rc=0 want

    cp -r "$1" "$work/new"
    for f in "$work/new"/*.csv; do
        grep -v '^x25519-min,' "$f" >"$f.tmp" || true
        mv "$f.tmp" "$f"
    done
    # compare.py leaves out the raw *_samples.csv files.
    want=$(find "$1" -name '*.csv' ! -name '*_samples.csv' -exec cat {} + |
        grep -c '^x25519-min,' || true)
    [ "$want" -gt 0 ] || fail "the fixture has no x25519-min row to take away"
    "$top/scripts/compare.py" --format csv "$1" "$work/new" >"$work/table.csv" \
        2>"$work/stderr" || rc=$?
    [ "$rc" -eq 1 ] || fail "compare.py exited with $rc for a profile gone, expected 1" \
        "$work/stderr"
    [ "$(grep -c '^compare: MISSING: ' "$work/stderr")" -eq "$want" ] ||
        fail "expected $want MISSING lines, one per x25519-min row" "$work/stderr"
    ! grep '^compare: MISSING: ' "$work/stderr" | grep -qv ' x25519-min ' ||
        fail "a row of another profile is MISSING" "$work/stderr"
    grep -q '^compare: fix: .*--allow-missing' "$work/stderr" || fail "no fix line" "$work/stderr"
    rc=0
    "$top/scripts/compare.py" --allow-missing "$1" "$work/new" >/dev/null 2>"$work/stderr" ||
        rc=$?
    [ "$rc" -eq 0 ] || fail "compare.py --allow-missing exited with $rc" "$work/stderr"
    echo "ok: $want rows of x25519-min MISSING, exit 1; with --allow-missing exit 0"
}

# Both chart commands on copies of the fixture sets (charts.sh writes into a set).
check_charts() { # OLD NEW
    local old="$work/mbedtls-3.6.6" new="$work/mbedtls-3.6.7" chart rc=0

    cp -r "$1" "$old"
    cp -r "$2" "$new"
    "$top/scripts/charts.sh" --versions "$work/versions" "$old" "$new" 2>"$work/stderr" ||
        fail "charts.sh --versions failed" "$work/stderr"
    ! grep -q 'not sized by RAM' "$work/stderr" || fail "ram.csv was not used" "$work/stderr"
    for chart in tradeoff_versions trend handshake_cdf_versions; do
        if [ ! -s "$work/versions/$chart.png" ] || [ ! -s "$work/versions/$chart.svg" ]; then
            fail "no $chart.png/.svg" "$work/stderr"
        fi
    done
    # Readable without the CSV: titles, axis units and legends are in the drawing.
    expect_text trend "change against 3.6.6 (%)" "Handshake client CPU time" "x25519-min"
    expect_text tradeoff_versions "client CPU time per handshake, median (µs)" "(KiB)" \
        "version 3.6.7" "peak RAM"
    expect_text handshake_cdf_versions "fraction of handshakes" "3.6.6 CPU" "3.6.7 wall"
    "$top/scripts/charts.sh" "$new" 2>"$work/stderr" || rc=$?
    [ "$rc" -eq 0 ] || fail "charts.sh on one set failed" "$work/stderr"
    for chart in size keygen handshake handshake_cdf tradeoff; do
        [ -s "$new/charts/$chart.png" ] || fail "charts.sh drew no $chart.png" "$work/stderr"
    done
    echo "ok: 3 cross-version charts and the charts of one set drawn without gnuplot errors"
}

expect_text() { # CHART TEXT...
    local chart=$1 text

    shift
    for text in "$@"; do
        grep -qF -- "$text" "$work/versions/$chart.svg" || fail "$chart.svg lacks '$text'"
    done
}

check_matrix_refuses() { # EXPECTED_TEXT ARGS...
    local text=$1 rc=0 start

    shift
    start=$(date +%s)
    MBP_CACHE_DIR="$work/cache" "$top/scripts/matrix.sh" --out "$work/out" "$@" \
        >"$work/stdout" 2>"$work/stderr" || rc=$?
    [ "$rc" -ne 0 ] || fail "matrix.sh succeeded" "$work/stderr"
    grep -qF -- "$text" "$work/stderr" || fail "stderr lacks '$text'" "$work/stderr"
    [ ! -e "$work/out" ] || fail "matrix.sh wrote results before refusing" "$work/stderr"
    ! grep -q '^== build' "$work/stderr" || fail "matrix.sh started a build" "$work/stderr"
    echo "ok: exit $rc after $(($(date +%s) - start)) s: $(grep -m1 'error' "$work/stderr")"
}

mode=${1:-}
[ $# -gt 0 ] && shift
case "$mode" in
verdicts) check_verdicts "$@" ;;
json) check_json "$@" ;;
error) check_error "$@" ;;
charts) check_charts "$@" ;;
notes) check_notes ;;
missing) check_missing "$@" ;;
matrix-refuses) check_matrix_refuses "$@" ;;
*) echo "usage: see the header of $0" >&2; exit 2 ;;
esac
