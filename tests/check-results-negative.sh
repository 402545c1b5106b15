#!/usr/bin/env bash
# The results check must reject a set where a figure was not measured: copies a good set,
# zeroes one handshake median, and expects check-results.sh to fail naming that figure.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 2 ] || { echo "usage: $0 RESULTS_DIR PROFILES" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$1" "$work/set"
first=${2%%,*}

# Zero wall_median_us of the first profile's row.
awk -F, -v OFS=, -v p="$first" '
    /^#/ { print; next }
    !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; print; next }
    $col["profile"] == p { $col["wall_median_us"] = 0 } { print }' \
    "$1/handshake.csv" >"$work/set/handshake.csv"

if "$top/scripts/check-results.sh" "$work/set" "$2" 2>"$work/err"; then
    echo "FAIL: check-results.sh accepted a zero wall_median_us for $first" >&2
    exit 1
fi
grep -q "handshake.csv $first wall_median_us" "$work/err" || {
    echo "FAIL: check-results.sh failed, but without naming the zeroed figure:" >&2
    cat "$work/err" >&2
    exit 1
}
echo "ok: zeroed figure rejected: $(grep wall_median_us "$work/err")"
