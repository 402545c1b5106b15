#!/usr/bin/env bash
# Bad input to the client, the benchmarks and the main job: each check expects a message that
# names the cause and a fix, the documented non-zero exit status, and nothing lost (no
# connection attempted, an earlier results file or set left as it was).
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: tests/cli-errors.sh CHECK PROFILE BUILD_DIR PKI_DIR
# CHECK is one of the names in the case statement below. A mismatch prints what was expected
# and what the program printed, and exits 1.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 4 ] || { echo "usage: $0 CHECK PROFILE BUILD_DIR PKI_DIR" >&2; exit 2; }
check=$1
profile=$2
build=$3
pki=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

# Port 1 is privileged and nothing on a test machine listens there: a connect is refused.
readonly REFUSED_PORT=1

# Runs a program; its stdout, stderr and exit status land in $work/out, $work/err and $rc.
run() {
    rc=0
    "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
    ran="$*"
}

fail() {
    printf 'FAIL %s/%s: %s\n' "$check" "$profile" "$1" >&2
    failures=$((failures + 1))
}

expect_rc() {
    [ "$rc" -eq "$1" ] || fail "exit status: expected $1, got $rc ($ran)"
}

expect_err() { # EXTENDED_REGEX
    grep -Eq -- "$1" "$work/err" || fail "expected a line matching /$1/ on stderr ($ran)"
}

expect_no_err() { # EXTENDED_REGEX
    ! grep -Eq -- "$1" "$work/err" || fail "unexpected line matching /$1/ on stderr ($ran)"
}

# The same bytes as before, and no temporary file of it left next to it.
expect_unchanged() { # FILE EXPECTED_CONTENT
    [ "$(cat "$1")" = "$2" ] || fail "$1 changed: expected '$2', got '$(cat "$1")'"
    # shellcheck disable=SC2012 # names made by this script, no odd characters
    [ -z "$(ls "$1".tmp.* 2>/dev/null)" ] || fail "temporary files left: $(ls "$1".tmp.*)"
}

client="$build/$profile/mbp-client"
ca=(--ca-file "$pki/ca.crt")
target=(--host 127.0.0.1 --port "$REFUSED_PORT" --server-name localhost)

# Runs the client against openssl s_server (TLS 1.3) whose self-signed ECDSA certificate,
# $work/san.crt, carries COUNT subject alternative names (about 23 bytes each) besides
# localhost; the certificate is the client's CA file too.
client_to_san_server() { # COUNT
    local san

    san=$(for i in $(seq 1 "$1"); do printf 'DNS:host-%04d.example.net,' "$i"; done)
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
        -keyout "$work/san.key" -out "$work/san.crt" -subj /CN=localhost \
        -addext "subjectAltName=${san}DNS:localhost" 2>"$work/err" ||
        { cat "$work/err" >&2; echo "cli-errors: openssl could not make the certificate" >&2
          exit 1; }
    "$top/scripts/peer.sh" start openssl "$work/peer" --cert "$work/san.crt" \
        --key "$work/san.key" --tls1_3 >"$work/peer.out" 2>&1 ||
        { cat "$work/peer.out" >&2; exit 1; }
    run "$client" --host 127.0.0.1 --port "$(sed -n 's/^port=//p' "$work/peer")" \
        --server-name localhost --ca-file "$work/san.crt"
    "$top/scripts/peer.sh" stop "$work/peer" >/dev/null 2>&1 || true
}

case "$check" in
client-unknown-option)
    run "$client" "${target[@]}" "${ca[@]}" --verify-none
    expect_rc 2
    expect_err "unknown option '--verify-none'"
    expect_err '^fix: '
    expect_no_err 'connecting'
    ;;
client-bad-port)
    for port in 0 65536 -1 abc 443x ''; do
        run "$client" --host 127.0.0.1 --port "$port" "${ca[@]}"
        expect_rc 2
        expect_err "^error: --port '$port' is not a port number"
        expect_err '^fix: .*1 to 65535'
        expect_no_err 'connecting'
    done
    ;;
client-missing-ca)
    run "$client" "${target[@]}" --ca-file "$work/no-such-ca.pem"
    expect_rc 2
    expect_err "^error: reading CA file '$work/no-such-ca.pem'"
    expect_err '^cause: .*No such file or directory'
    expect_err '^fix: pass a readable PEM or DER file'
    expect_no_err 'connecting'
    ;;
client-ca-directory)
    run "$client" "${target[@]}" --ca-file "$work"
    expect_rc 2
    expect_err '^cause: .*Is a directory'
    expect_no_err 'connecting'
    ;;
client-ca-not-a-certificate)
    # A private key where the CA belongs: readable, but no certificate.
    run "$client" "${target[@]}" --ca-file "$pki/server.key"
    expect_rc 2
    expect_err '^cause: .*holds no certificate'
    expect_err '^fix: pass the CA certificate file'
    expect_no_err 'connecting'
    ;;
client-stray-argument)
    run "$client" "${target[@]}" "${ca[@]}" localhost
    expect_rc 2
    expect_err "unexpected argument 'localhost'"
    expect_no_err 'connecting'
    ;;
client-server-refuses)
    run "$client" "${target[@]}" "${ca[@]}"
    expect_rc 1
    expect_err "^error: connecting to 127.0.0.1:$REFUSED_PORT: -0x0280"
    expect_err '^cause: connection refused by .*nothing listens on that port'
    expect_err '^fix: is the server running\?'
    ;;
client-not-tls-server)
    # A server that answers the ClientHello with a record header and then bytes that are not
    # TLS: their "message length" is 6 MB. Explained as not TLS, not as a small buffer, both
    # when the server stays (more garbage follows) and when it closes at once.
    for close_at_once in 0 1; do
        python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
c.recv(4096)
c.sendall(b"\x16\x03\x03\x00\x05garbage" + (b"" if sys.argv[1] == "1" else b"more" * 40))
time.sleep(0 if sys.argv[1] == "1" else 3)
c.close()
' "$close_at_once" >"$work/port" &
        server=$!
        for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
        run "$client" --host 127.0.0.1 --port "$(cat "$work/port")" --server-name localhost \
            "${ca[@]}"
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        rm -f "$work/port"
        expect_rc 1
        expect_err '^cause: .*probably not TLS'
        expect_err "^fix: check that 127.0.0.1:[0-9]+ is the server's TLS port"
        expect_no_err 'MBEDTLS_SSL_IN_CONTENT_LEN to at least'
    done
    ;;
client-chain-too-big)
    # A certificate of about 25 KB (1100 subject alternative names): a Certificate message no
    # Mbed TLS build can receive, so the fix is a shorter chain, not a larger buffer.
    client_to_san_server 1100
    expect_rc 1
    if grep -q '^cause: the server sent a TLS record with' "$work/err"; then
        # A buffer under 16384 bytes stops at the first record, before the message is known.
        expect_err '^cause: .*record with 16384 bytes of content.*MBEDTLS_SSL_IN_CONTENT_LEN is'
        expect_err '^fix: .*at least 16384 .*a chain over 16384 bytes needs a shorter chain'
    else
        expect_err '^cause: the server sent a handshake message of [0-9]+ bytes .*cannot exceed'
        expect_err '^fix: make the server send a shorter chain'
    fi
    # Never advice that Mbed TLS cannot build.
    sed -n 's/.*to at least \([0-9]*\).*/\1/p' "$work/err" | awk '$1 > 16384 { exit 1 }' ||
        fail "advises an input buffer over 16384 bytes"
    ;;
client-chain-near-16k)
    # A Certificate message of about 16.3 KB: it fits the largest input buffer Mbed TLS allows.
    # A profile at 16384 (MBP_IN_CONTENT_LEN, from its configuration) completes the handshake;
    # a smaller one is told to raise its buffer to a size Mbed TLS can build, 16384 at most.
    client_to_san_server 690
    der_bytes=$(openssl x509 -in "$work/san.crt" -outform der | wc -c)
    if [ "${MBP_IN_CONTENT_LEN:?set by tests/cases.cmake}" -ge 16384 ]; then
        expect_rc 0
    else
        expect_rc 1
        need=$(sed -n 's/^fix: raise MBEDTLS_SSL_IN_CONTENT_LEN .* to at least \([0-9]*\).*/\1/p' \
            "$work/err")
        [ -n "$need" ] && [ "$need" -ge "$der_bytes" ] && [ "$need" -le 16384 ] ||
            fail "expected a fix raising the buffer to between $der_bytes and 16384, got '$need'"
    fi
    ;;
client-resume-refused)
    # Only for a profile whose --version says it cannot resume (tests/cases.cmake decides).
    run "$client" "${target[@]}" "${ca[@]}" --resume
    expect_rc 2
    expect_err "^error: --resume: profile $profile leaves out session tickets"
    expect_no_err 'connecting'
    ;;
bench-samples-kept)
    # A handshake benchmark that cannot reach its server keeps the earlier samples file whole.
    echo earlier >"$work/samples.csv"
    run "$build/$profile/mbp-handshake-bench" --port "$REFUSED_PORT" "${ca[@]}" \
        --samples "$work/samples.csv"
    expect_rc 1
    expect_err 'mbp_net_connect failed'
    expect_err '^handshake_bench: fix: is the server running\?'
    expect_unchanged "$work/samples.csv" earlier
    ;;
bench-samples-unwritable)
    run "$build/$profile/mbp-keygen-bench" --samples-count 3 --samples "$work/no-dir/samples.csv"
    expect_rc 1
    expect_err "cannot write $work/no-dir/samples.csv: No such file or directory"
    expect_err '^keygen_bench: fix: '
    # Found out before the first handshake, not after the whole run.
    run "$build/$profile/mbp-handshake-bench" --port "$REFUSED_PORT" "${ca[@]}" \
        --samples "$work/no-dir/samples.csv"
    expect_rc 1
    expect_err "cannot write $work/no-dir/samples.csv"
    expect_no_err 'mbp_net_connect'
    mkdir "$work/a-directory"
    run "$build/$profile/mbp-handshake-bench" --port "$REFUSED_PORT" "${ca[@]}" \
        --samples "$work/a-directory"
    expect_rc 1
    expect_err "cannot write $work/a-directory: it is a directory"
    expect_no_err 'mbp_net_connect'
    ;;
run-unknown-profile)
    run "$top/scripts/run.sh" --no-install --profiles "$profile,tls9" --out "$work/results" \
        --build "$work/build"
    expect_rc 2
    expect_err "unknown profile 'tls9'"
    expect_err '^run: fix: use profiles from: '
    [ ! -e "$work/results" ] && [ ! -e "$work/build" ] || fail "run.sh created files"
    ;;
run-bad-value)
    run "$top/scripts/run.sh" --no-install --handshakes 0 --out "$work/results"
    expect_rc 2
    expect_err "handshakes must be a positive whole number, not '0'"
    # An empty value, as an unset shell variable gives, is refused, not taken as the default.
    run "$top/scripts/run.sh" --no-install --version "" --out "$work/results"
    expect_rc 2
    expect_err '^run: error: --version has an empty value'
    [ ! -e "$work/results" ] || fail "run.sh created $work/results"
    ;;
run-unwritable-out)
    # Under a regular file no directory can be made, even by root.
    echo file >"$work/plain"
    run "$top/scripts/run.sh" --no-install --profiles "$profile" --out "$work/plain/results" \
        --build "$work/build"
    [ "$rc" -ne 0 ] || fail "exit status 0 for --out under a file"
    expect_err '^run: error: .*'"$work/plain"
    expect_err '^run: fix: '
    [ ! -e "$work/build" ] || fail "run.sh built before finding out it cannot write its results"
    ;;
run-narrower-refused)
    # A run for one profile into a set that holds two: refused before any build, set kept.
    mkdir "$work/results"
    printf '# profile %s: x\n# profile other-profile: y\nprofile,text_bytes\n' "$profile" \
        >"$work/results/size.csv"
    cp "$work/results/size.csv" "$work/size.before"
    run "$top/scripts/run.sh" --no-install --profiles "$profile" --out "$work/results" \
        --build "$work/build"
    expect_rc 2
    expect_err "also holds profile\(s\) other-profile, which this run leaves out"
    expect_err '^run: fix: .*--replace'
    expect_unchanged "$work/results/size.csv" "$(cat "$work/size.before")"
    [ ! -e "$work/build" ] || fail "run.sh built before refusing"
    ;;
run-keeps-results)
    # A run that fails (here, at the source) leaves the earlier results set as it was.
    mkdir "$work/results"
    echo earlier >"$work/results/handshake.csv"
    run "$top/scripts/run.sh" --no-install --profiles "$profile" --tree "$work/no-such-tree" \
        --out "$work/results" --build "$work/build"
    expect_rc 1
    expect_err 'no such directory'
    expect_unchanged "$work/results/handshake.csv" earlier
    [ "$(ls "$work/results")" = handshake.csv ] || fail "results set changed: $(ls "$work/results")"
    ;;
*)
    echo "cli-errors: unknown check '$check'" >&2
    exit 2
    ;;
esac

if [ "$failures" -ne 0 ]; then
    printf -- '--- stdout:\n%s\n--- stderr:\n%s\n---\n' "$(cat "$work/out")" \
        "$(cat "$work/err")" >&2
    exit 1
fi
echo "ok $check/$profile"
