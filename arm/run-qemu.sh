#!/usr/bin/env bash
# Runs a Cortex-M4 image (mbp-image-qemu.elf) on QEMU's mps2-an386 board: a full handshake and
# one request against openssl s_server on 127.0.0.1, the image's UART wired to the server.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# usage: arm/run-qemu.sh IMAGE CA_FILE SERVER_CERT SERVER_KEY [SERVER_OPTION...]
# The image trusts CA_FILE (PEM, given to it in DER); the server presents SERVER_CERT (files of
# scripts/make-pki.sh); SERVER_OPTIONs go to scripts/peer.sh (e.g. --tls1_3). Prints the
# image's report (result, step, error, bytes) and exits with its status: 0 when the request
# completed. Exits 77 when qemu-system-arm is not installed, which CTest reports as skipped.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# A handshake takes about a second under QEMU; a stuck one ends here.
timeout_s=120

die() {
    printf 'run-qemu: error: %s\n' "$1" >&2
    [ $# -lt 2 ] || printf 'run-qemu: fix: %s\n' "$2" >&2
    exit 1
}

[ $# -ge 4 ] || {
    echo "usage: $0 IMAGE CA_FILE SERVER_CERT SERVER_KEY [SERVER_OPTION...]" >&2
    exit 2
}
image=$1
ca=$2
cert=$3
key=$4
shift 4
if ! command -v qemu-system-arm >/dev/null; then
    echo "run-qemu: skipped: qemu-system-arm not found (apt-get install qemu-system-arm)" >&2
    exit 77
fi
[ -f "$image" ] || die "image $image not found" "build it: scripts/build-arm.sh --cpu cortex-m4"
for f in "$ca" "$cert" "$key"; do
    [ -f "$f" ] || die "$f not found" "make the test PKI: scripts/make-pki.sh DIR"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/run-qemu.XXXXXX")
trap '"$top/scripts/peer.sh" stop "$work/server" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# The image reads DER, the form a device stores its CA in.
openssl x509 -in "$ca" -outform DER -out "$work/ca.der" || die "cannot convert $ca to DER"
"$top/scripts/peer.sh" start openssl "$work/server" --cert "$cert" --key "$key" "$@" >&2 ||
    die "the openssl server did not start"
port=$(sed -n 's/^port=//p' "$work/server")

rc=0
timeout "$timeout_s" qemu-system-arm -M mps2-an386 -display none -monitor none \
    -serial "tcp:127.0.0.1:$port" \
    -semihosting-config "enable=on,target=native,arg=mbp-image,arg=$work/ca.der" \
    -kernel "$image" || rc=$?
[ "$rc" -ne 124 ] || die "no result within $timeout_s s" "see the server log above"
exit "$rc"
