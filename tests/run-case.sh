#!/usr/bin/env bash
# One case of ../shared/cases (C1-C5): starts the peer it needs on 127.0.0.1, runs the
# profile's client against it and checks the expected outcome.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: tests/run-case.sh CASE PROFILE BUILD_DIR PKI_DIR
# A mismatch prints what was expected and what the client printed, and exits 1.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 4 ] || { echo "usage: $0 CASE PROFILE BUILD_DIR PKI_DIR" >&2; exit 2; }
case_id=$1
profile=$2
client="$3/$profile/mbp-client"
pki=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-case.XXXXXX")
peer_info="$work/peer"
failures=0

cleanup() {
    [ ! -f "$peer_info" ] || "$top/scripts/peer.sh" stop "$peer_info" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

start_peer() { # KIND CERT KEY [server options...]
    local kind=$1 cert=$2 key=$3

    shift 3
    "$top/scripts/peer.sh" start "$kind" "$peer_info" --cert "$pki/$cert" --key "$pki/$key" "$@" \
        >"$work/peer.out" 2>&1 || { cat "$work/peer.out" >&2; exit 1; }
    port=$(sed -n 's/^port=//p' "$peer_info")
}

# Runs the client; its stdout, stderr and exit status land in $work/out, $work/err and $rc.
run_client() {
    rc=0
    "$client" "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
}

show() {
    printf -- '--- client stdout:\n%s\n--- client stderr:\n%s\n---\n' \
        "$(cat "$work/out")" "$(cat "$work/err")" >&2
}

expect_rc() {
    [ "$rc" -eq "$1" ] && return
    printf 'FAIL %s/%s: exit status: expected %s, got %s\n' "$case_id" "$profile" "$1" "$rc" >&2
    failures=$((failures + 1))
}

expect_line() { # out|err EXTENDED_REGEX
    grep -Eq -- "$2" "$work/$1" && return
    printf 'FAIL %s/%s: expected a line matching /%s/ on std%s\n' \
        "$case_id" "$profile" "$2" "$1" >&2
    failures=$((failures + 1))
}

expect_no_line() { # out|err EXTENDED_REGEX
    grep -Eq -- "$2" "$work/$1" || return 0
    printf 'FAIL %s/%s: expected no line matching /%s/ on std%s\n' \
        "$case_id" "$profile" "$2" "$1" >&2
    failures=$((failures + 1))
}

# Every refused certificate: exit 1, the verification error code, the decoded flag, a cause
# and a fix, and no application data exchanged.
expect_verify_failure() { # FLAG
    expect_rc 1
    expect_line err '-0x2700'
    expect_line err "$1"
    expect_line err '^cause: '
    expect_line err '^fix: '
    expect_no_line out 'http_status'
}

client_to_peer() { # extra client options...
    run_client --host 127.0.0.1 --port "$port" --server-name localhost "$@"
}

case "$case_id" in
C1) # plain TLS 1.3 server, ECDSA P-256 leaf signed by the test CA
    start_peer openssl server.crt server.key --tls1_3
    client_to_peer --ca-file "$pki/ca.crt"
    expect_rc 0
    expect_line out '^version: TLSv1\.3$'
    expect_line out '^ciphersuite: TLS1-3-'
    expect_line out '^group: (x25519|secp256r1|secp384r1)$'
    expect_line out '^signature_algorithm: ecdsa_secp256r1_sha256$'
    ;;
C2) # chain signed by a CA the client was not given
    start_peer openssl untrusted-server.crt untrusted-server.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure 'NOT_TRUSTED'
    ;;
C3) # certificate for another host name
    start_peer openssl otherhost.crt otherhost.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure 'CN_MISMATCH'
    ;;
C4-expired)
    start_peer openssl expired.crt expired.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure 'EXPIRED'
    ;;
C4-future)
    start_peer openssl future.crt future.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure 'FUTURE'
    ;;
C5) # no CA file: a usage error before any connection (port 1: a connect would be refused)
    run_client --host 127.0.0.1 --port 1 --server-name localhost
    expect_rc 2
    expect_line err 'ca-file'
    expect_no_line err 'refused|connecting'
    ;;
*)
    echo "run-case: unknown case '$case_id' (known: C1 C2 C3 C4-expired C4-future C5)" >&2
    exit 2
    ;;
esac

if [ "$failures" -ne 0 ]; then
    show
    exit 1
fi
echo "ok $case_id/$profile"
