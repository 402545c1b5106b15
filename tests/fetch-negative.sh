#!/usr/bin/env bash
# fetch-mbedtls.sh must refuse what it cannot verify: a version with no pinned checksum (and
# no local tree), a tarball whose SHA-256 differs from the pinned one, and a tree of an Mbed
# TLS version the profiles are not written for (2.x, 4.x).
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 unpinned|mismatch|tree-2.28|tree-4.0 TOP" >&2; exit 2; }
top=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0

case "$1" in
unpinned)
    "$top/scripts/fetch-mbedtls.sh" --cache "$work/cache" --offline --version 9.9.9 \
        >"$work/out" 2>"$work/err" || rc=$?
    want='not pinned'
    want_rc=2
    ;;
mismatch)
    printf 'not a release\n' >"$work/mbedtls-3.6.7.tar.bz2"
    "$top/scripts/fetch-mbedtls.sh" --cache "$work/cache" --version 3.6.7 \
        --tarball "$work/mbedtls-3.6.7.tar.bz2" >"$work/out" 2>"$work/err" || rc=$?
    want='SHA-256 mismatch'
    want_rc=1
    ;;
tree-2.28)
    # 2.x has version.h and no build_info.h.
    mkdir -p "$work/tree/include/mbedtls"
    echo '#define MBEDTLS_VERSION_STRING         "2.28.9"' >"$work/tree/include/mbedtls/version.h"
    "$top/scripts/fetch-mbedtls.sh" --cache "$work/cache" --tree "$work/tree" \
        >"$work/out" 2>"$work/err" || rc=$?
    want='is Mbed TLS 2.28.9, older than 3.6'
    want_rc=2
    ;;
tree-4.0)
    mkdir -p "$work/tree/include/mbedtls"
    echo '#define MBEDTLS_VERSION_STRING         "4.0.0"' >"$work/tree/include/mbedtls/build_info.h"
    "$top/scripts/fetch-mbedtls.sh" --cache "$work/cache" --tree "$work/tree" \
        >"$work/out" 2>"$work/err" || rc=$?
    want='is Mbed TLS 4.0.0: the profiles are written for 3.6'
    want_rc=2
    ;;
*) echo "unknown mode $1" >&2; exit 2 ;;
esac

# 2: a version or tree that is wrong (a usage error); 1: a file that fails its check.
if [ "$rc" -ne "$want_rc" ] || [ -s "$work/out" ] || ! grep -q "$want" "$work/err"; then
    printf 'FAIL: expected exit %s, no output and "%s"; got exit %s\n' "$want_rc" "$want" "$rc" >&2
    printf -- '--- stdout:\n%s\n--- stderr:\n%s\n' "$(cat "$work/out")" "$(cat "$work/err")" >&2
    exit 1
fi
[ ! -d "$work/cache/src/mbedtls-3.6.7" ] || { echo "FAIL: an unverified tree was unpacked" >&2; exit 1; }
echo "ok: $(grep -m1 error "$work/err")"
