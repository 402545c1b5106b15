#!/usr/bin/env bash
# fetch-mbedtls.sh must refuse what it cannot verify: a version with no pinned checksum (and
# no local tree), and a tarball whose SHA-256 differs from the pinned one.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 unpinned|mismatch TOP" >&2; exit 2; }
top=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0

case "$1" in
unpinned)
    "$top/scripts/fetch-mbedtls.sh" --cache "$work/cache" --offline --version 9.9.9 \
        >"$work/out" 2>"$work/err" || rc=$?
    want='not pinned'
    ;;
mismatch)
    printf 'not a release\n' >"$work/mbedtls-3.6.7.tar.bz2"
    "$top/scripts/fetch-mbedtls.sh" --cache "$work/cache" --version 3.6.7 \
        --tarball "$work/mbedtls-3.6.7.tar.bz2" >"$work/out" 2>"$work/err" || rc=$?
    want='SHA-256 mismatch'
    ;;
*) echo "unknown mode $1" >&2; exit 2 ;;
esac

if [ "$rc" -eq 0 ] || [ -s "$work/out" ] || ! grep -q "$want" "$work/err"; then
    printf 'FAIL: expected a non-zero exit, no output and "%s"; got exit %s\n' "$want" "$rc" >&2
    printf -- '--- stdout:\n%s\n--- stderr:\n%s\n' "$(cat "$work/out")" "$(cat "$work/err")" >&2
    exit 1
fi
[ ! -d "$work/cache/src/mbedtls-3.6.7" ] || { echo "FAIL: an unverified tree was unpacked" >&2; exit 1; }
echo "ok: $(grep -m1 error "$work/err")"
