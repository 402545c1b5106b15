#!/usr/bin/env bash
# Names the functions of a heap breakdown: adds a "function" column to the rows that
# mbp-ram-bench --breakdown wrote, from the caller offsets and the program's symbol table.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: bench/ram-symbolize.sh PROGRAM < breakdown.csv > named.csv
# PROGRAM is the mbp-ram-bench that wrote the file (unstripped). '#' lines pass unchanged; a
# header row (one that starts with "profile,") gets the new column name.

set -euo pipefail

[ $# -eq 1 ] && [ -x "$1" ] || {
    echo "usage: $0 PROGRAM < breakdown.csv > named.csv (PROGRAM: the mbp-ram-bench)" >&2
    exit 2
}
command -v addr2line >/dev/null || {
    echo "ram-symbolize: error: addr2line not found; fix: apt-get install binutils" >&2
    exit 1
}
input=$(cat)
offsets=$(awk -F, '!/^#/ && $4 ~ /^0x[0-9a-f]+$/ && $4 != "0x0" { print $4 }' <<<"$input" |
    sort -u)
names=''
if [ -n "$offsets" ]; then
    # A return address points after the call: one byte back lies in the calling function.
    # addr2line -f prints the function, then file:line, for each address.
    names=$(for o in $offsets; do printf '0x%x\n' $((o - 1)); done |
        addr2line -f -e "$1" | awk 'NR % 2 == 1' | paste -d' ' <(printf '%s\n' $offsets) -)
fi
awk -F, -v OFS=, -v names="$names" '
    BEGIN {
        n = split(names, lines, "\n")
        for (i = 1; i <= n; i++) { split(lines[i], f, " "); fn[f[1]] = f[2] }
    }
    /^#/ { print; next }
    /^profile,/ { print $0, "function"; next }
    {
        name = ($4 in fn) && fn[$4] != "??" ? fn[$4] : "unknown"
        if ($4 == "0x0") name = "other (caller list full)"
        print $0, name
    }' <<<"$input"
