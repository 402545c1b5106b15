#!/usr/bin/env bash
# Run one handshake per profile under valgrind memcheck against openssl s_server on 127.0.0.1
# and fail on any memory error or leak. Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# usage: scripts/memcheck.sh BUILD PKI [PROFILE...]
#
# For each profile (default: every profile of BUILD/build-info.txt), two runs of
# BUILD/PROFILE/mbp-client under valgrind, each against its own openssl s_server:
#   handshake  the test CA's P-256 server: handshake, GET /, close; the client must succeed;
#   refused    a server whose CA the client was not given: the client must fail verification
#              (exit 1, -0x2700), so the error path is checked for leaks too.
# valgrind runs with --leak-check=full --errors-for-leak-kinds=all and an error exit status of
# 99, distinct from the client's own failure status 1. Prints one line per run with valgrind's
# error count and heap totals; valgrind's log of a failing run goes to stderr.
# Needs a build without MBP_SANITIZE (valgrind cannot run AddressSanitizer binaries).

set -euo pipefail

readonly PROG="memcheck"
readonly VALGRIND_ERROR_STATUS=99
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    sed -n '/^# usage:/,/^#$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# Runs the client under valgrind; sets rc, and leaves the client's output in $work/out, $work/err
# and valgrind's report in $work/vg.log.
client_run() { # PROFILE PORT CA_FILE
    rc=0
    valgrind --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all \
        --error-exitcode="$VALGRIND_ERROR_STATUS" --log-file="$work/vg.log" \
        "$build/$1/mbp-client" --host 127.0.0.1 --port "$2" --server-name localhost \
        --ca-file "$3" --get / --read-timeout-ms 20000 \
        >"$work/out" 2>"$work/err" </dev/null || rc=$?
}

vg_line() { # PATTERN: the rest of valgrind's first log line with PATTERN
    sed -n "s/^==[0-9]*== *$1//p" "$work/vg.log" | head -n 1
}

report_failure() { # RUN PROFILE WHAT
    printf '%s: FAIL %s/%s: %s (exit status %s)\n' "$PROG" "$1" "$2" "$3" "$rc" >&2
    printf -- '--- valgrind:\n%s\n--- client stderr:\n%s\n---\n' \
        "$(cat "$work/vg.log")" "$(cat "$work/err")" >&2
    failures=$((failures + 1))
}

# One run against a fresh server with CERT/KEY; EXPECT is the client's exit status.
memcheck_run() { # RUN PROFILE CERT KEY EXPECT
    local run=$1 profile=$2 port summary

    "$top/scripts/peer.sh" start openssl "$work/peer" --cert "$pki/$3" --key "$pki/$4" \
        >"$work/peer.out" 2>&1 || { cat "$work/peer.out" >&2; die "could not start s_server"; }
    port=$(sed -n 's/^port=//p' "$work/peer")
    client_run "$profile" "$port" "$pki/ca.crt"
    "$top/scripts/peer.sh" stop "$work/peer" >/dev/null 2>&1 || true
    rm -f "$work/peer"
    summary=$(vg_line 'ERROR SUMMARY: ')
    if [ "$rc" -eq "$VALGRIND_ERROR_STATUS" ] || [ "${summary%% *}" != 0 ] ||
        ! grep -q 'All heap blocks were freed' "$work/vg.log"; then
        report_failure "$run" "$profile" "valgrind: ${summary:-no summary}"
        return
    fi
    if [ "$rc" -ne "$5" ]; then
        report_failure "$run" "$profile" "the client should exit with status $5"
        return
    fi
    if [ "$run" = refused ] && ! grep -q -- '-0x2700' "$work/err"; then
        report_failure "$run" "$profile" "the client should refuse the certificate (-0x2700)"
        return
    fi
    printf 'ok %s/%s: client exit %s; valgrind: %s; heap: %s; all heap blocks freed\n' \
        "$run" "$profile" "$rc" "${summary%% (*}" "$(vg_line 'total heap usage: ')"
}

[ $# -ge 2 ] || usage
build=$(cd "$1" && pwd) || die "no build directory $1"
pki=$(cd "$2" && pwd) || die "no PKI directory $2 (make one with scripts/make-pki.sh DIR)"
shift 2
command -v valgrind >/dev/null || die "valgrind is not installed (Debian: apt-get install valgrind)"
[ -f "$pki/ca.crt" ] && [ -f "$pki/untrusted-server.crt" ] ||
    die "$pki lacks ca.crt or untrusted-server.crt; make it with scripts/make-pki.sh"
profiles=("$@")
if [ ${#profiles[@]} -eq 0 ]; then
    [ -f "$build/build-info.txt" ] || die "$build/build-info.txt is missing: not a project build"
    IFS=, read -r -a profiles <<<"$(sed -n 's/^profiles=//p' "$build/build-info.txt")"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-memcheck.XXXXXX")
trap '[ ! -f "$work/peer" ] || "$top/scripts/peer.sh" stop "$work/peer" >/dev/null 2>&1; rm -rf "$work"' EXIT

failures=0
for profile in "${profiles[@]}"; do
    [ -x "$build/$profile/mbp-client" ] || die "$build/$profile/mbp-client is not built"
    if grep -q AddressSanitizer "$build/$profile/mbp-client" 2>/dev/null; then
        die "$build is an MBP_SANITIZE build; valgrind needs a build without sanitizers"
    fi
    memcheck_run handshake "$profile" server.crt server.key 0
    memcheck_run refused "$profile" untrusted-server.crt untrusted-server.key 1
done
[ "$failures" -eq 0 ] || exit 1
