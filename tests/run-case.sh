#!/usr/bin/env bash
# One case of ../shared/cases (C1-C11, C13, C14): starts the peer it needs on 127.0.0.1, runs
# the profile's client against it and checks the expected outcome.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: tests/run-case.sh CASE PROFILE BUILD_DIR PKI_DIR
# A mismatch prints what was expected and what the client printed, and exits 1.
# Which case applies to which profile is decided by tests/cases.cmake; C14 reads the profile's
# group and suite from tests/interop-claims.csv.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 4 ] || { echo "usage: $0 CASE PROFILE BUILD_DIR PKI_DIR" >&2; exit 2; }
case_id=$1
profile=$2
build=$3
client="$build/$profile/mbp-client"
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

# Every refused certificate: exit 1, the verification error code, the flag decoded on a
# verify: line, the cause naming what is wrong, a fix, and no application data exchanged.
expect_verify_failure() { # FLAG CAUSE_REGEX
    expect_rc 1
    expect_line err '^error: TLS handshake .*-0x2700'
    expect_line err "^verify: MBEDTLS_X509_BADCERT_$1 "
    expect_line err "^cause: .*$2"
    expect_line err '^fix: .'
    expect_no_line out 'http_status'
}

# A failure the client explains: exit 1, the Mbed TLS code, a cause line matching CAUSE_REGEX,
# a fix line matching FIX_REGEX, and no application data exchanged.
expect_explained_failure() { # CODE CAUSE_REGEX FIX_REGEX
    expect_rc 1
    expect_line err "^error: .* $1 "
    expect_line err "^cause: .*$2"
    expect_line err "^fix: .*$3"
    expect_no_line out 'http_status'
}

# A successful handshake over VERSION (1.2 or 1.3), with the reported values checked.
expect_success() { # VERSION SUITE_REGEX GROUP_REGEX SIG_ALG_REGEX
    expect_rc 0
    expect_line out "^version: TLSv${1//./\\.}\$"
    expect_line out "^ciphersuite: $2"
    expect_line out "^group: $3\$"
    expect_line out "^signature_algorithm: $4\$"
}

# The value of a setting of the profile's mbedtls_config.h, read by Mbed TLS's own config.py;
# empty when unset. Profiles in configs/<name>, test-only variants in BUILD_DIR/variants/<name>.
config_get() { # PROFILE SETTING
    local file mbedtls_dir

    mbedtls_dir=$(sed -n 's/^mbedtls_dir=//p' "$build/build-info.txt")
    file="$top/configs/$1/mbedtls_config.h"
    [ -f "$file" ] || file="$build/variants/$1/mbedtls_config.h"
    PYTHONDONTWRITEBYTECODE=1 python3 "$mbedtls_dir/scripts/config.py" -f "$file" get "$2" || true
}

# The first group or suite (FIELD 3 or 5) that tests/interop-claims.csv claims for the profile
# in TLS 1.3.
claimed_first() { # FIELD
    awk -F, -v p="$profile" -v f="$1" '$1 == p && $2 == "1.3" { split($f, a, " "); print a[1] }' \
        "$top/tests/interop-claims.csv"
}

no_claim() { # WHAT
    echo "run-case: tests/interop-claims.csv claims no TLS 1.3 $1 for '$profile'" >&2
    exit 2
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
    expect_verify_failure NOT_TRUSTED 'does not chain to any CA of the CA file'
    ;;
C3) # certificate for another host name
    start_peer openssl otherhost.crt otherhost.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure CN_MISMATCH "not issued for the name the client asked for \\('localhost'\\)"
    ;;
C4-expired)
    start_peer openssl expired.crt expired.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure EXPIRED 'certificate has expired'
    ;;
C4-future)
    start_peer openssl future.crt future.key
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_verify_failure FUTURE 'certificate is not valid yet'
    ;;
C5) # no CA file: a usage error before any connection (port 1: a connect would be refused)
    run_client --host 127.0.0.1 --port 1 --server-name localhost
    expect_rc 2
    expect_line err 'ca-file'
    expect_no_line err 'refused|connecting'
    ;;
C6) # a profile without P-384 against a TLS 1.3 server that accepts only P-384
    start_peer openssl server.crt server.key --tls1_3 --groups P-384
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_explained_failure -0x7780 'no common key-exchange group \(this profile offers [^)]+\)' \
        'the server must allow .*at least one group \([^)]+\)'
    [ "$profile" != x25519-min ] || expect_line err 'this profile offers x25519 only'
    ;;
C7-openssl | C7-gnutls) # a TLS 1.3-only profile against a TLS 1.2-only server
    start_peer "${case_id#C7-}" server.crt server.key --tls1_2
    client_to_peer --ca-file "$pki/ca.crt" --get /
    # OpenSSL answers protocol_version; GnuTLS finds no suite it knows and answers
    # handshake_failure, which the client cannot tell from other mismatches.
    expect_explained_failure -0x7780 \
        "protocol version mismatch.*profile '$profile'.*TLS 1\\.3 only" 'TLS 1\.3'
    ;;
C8) # TLS 1.2-only server, RSA-2048 certificate, only rsa_pss_rsae_sha256 signatures
    start_peer openssl server-rsa2048.crt server-rsa2048.key --tls1_2 \
        --sigalgs rsa_pss_rsae_sha256
    client_to_peer --ca-file "$pki/ca.crt"
    expect_success 1.2 'TLS-ECDHE-RSA-WITH-' '(x25519|secp256r1|secp384r1)' rsa_pss_rsae_sha256
    ;;
C9) # TLS 1.2-only server; the profile does TLS 1.2 through PSA, initialised by the client
    start_peer openssl server.crt server.key --tls1_2
    client_to_peer --ca-file "$pki/ca.crt"
    expect_success 1.2 'TLS-ECDHE-ECDSA-WITH-' '(x25519|secp256r1|secp384r1)' 'ecdsa_.*'
    ;;
C10) # a chain of about 6 KB against a 4096-byte input buffer
    start_peer openssl big-server.crt big-server.key --tls1_3 \
        --cert-chain "$pki/big-server-intermediates.crt"
    client_to_peer --ca-file "$pki/big-root-ca.crt" --get /
    expect_explained_failure -0x7100 \
        "more than the input buffer .* MBEDTLS_SSL_IN_CONTENT_LEN is $(config_get "$profile" \
            MBEDTLS_SSL_IN_CONTENT_LEN) bytes" 'raise MBEDTLS_SSL_IN_CONTENT_LEN'
    ;;
C10-in8k) # the same chain, the profile rebuilt with an 8192-byte input buffer
    profile="$profile-in8k"
    client="$build/$profile/mbp-client"
    in_len=$(config_get "$profile" MBEDTLS_SSL_IN_CONTENT_LEN)
    if [ "$in_len" != 8192 ]; then
        echo "FAIL $case_id: $profile has MBEDTLS_SSL_IN_CONTENT_LEN '$in_len', not 8192" >&2
        exit 1
    fi
    start_peer openssl big-server.crt big-server.key --tls1_3 \
        --cert-chain "$pki/big-server-intermediates.crt"
    client_to_peer --ca-file "$pki/big-root-ca.crt"
    expect_success 1.3 'TLS1-3-' '.*' 'ecdsa_secp256r1_sha256'
    ;;
C11) # a profile without RSA against a server with only an RSA certificate
    start_peer openssl server-rsa2048.crt server-rsa2048.key --tls1_3
    client_to_peer --ca-file "$pki/ca.crt" --get /
    expect_explained_failure -0x7780 \
        "no common signature algorithm for the server's certificate \([^)]*ECDSA" \
        'a certificate with an ECDSA'
    expect_no_line err 'certificate with an [^)]*RSA'
    ;;
C13) # TLS 1.3 server with RSA-4096 root -> RSA-2048 intermediate -> RSA-2048 leaf
    start_peer openssl rsa-server.crt rsa-server.key --tls1_3 \
        --cert-chain "$pki/rsa-intermediate-ca.crt"
    client_to_peer --ca-file "$pki/rsa-root-ca.crt"
    expect_success 1.3 'TLS1-3-' '.*' 'rsa_pss_rsae_sha(256|384|512)'
    ;;
C14) # gnutls-serv restricted to TLS 1.3 and the profile's group and suite
    group=$(claimed_first 3)
    suite=$(claimed_first 5)
    case "$group" in
    x25519) gnutls_group=X25519 ;;
    secp256r1) gnutls_group=SECP256R1 ;;
    secp384r1) gnutls_group=SECP384R1 ;;
    *) no_claim group ;;
    esac
    case "$suite" in
    aes128gcm) gnutls_cipher=AES-128-GCM suite_name=TLS1-3-AES-128-GCM-SHA256 ;;
    aes256gcm) gnutls_cipher=AES-256-GCM suite_name=TLS1-3-AES-256-GCM-SHA384 ;;
    chacha20) gnutls_cipher=CHACHA20-POLY1305 suite_name=TLS1-3-CHACHA20-POLY1305-SHA256 ;;
    *) no_claim suite ;;
    esac
    start_peer gnutls server.crt server.key --priority \
        "NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-$gnutls_group:-CIPHER-ALL:+$gnutls_cipher"
    client_to_peer --ca-file "$pki/ca.crt"
    expect_success 1.3 "$suite_name\$" "$group" ecdsa_secp256r1_sha256
    ;;
*)
    echo "run-case: unknown case '$case_id' (known: C1 C2 C3 C4-expired C4-future C5 C6" \
        "C7-openssl C7-gnutls C8 C9 C10 C10-in8k C11 C13 C14)" >&2
    exit 2
    ;;
esac

if [ "$failures" -ne 0 ]; then
    show
    exit 1
fi
echo "ok $case_id/$profile"
