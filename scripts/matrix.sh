#!/usr/bin/env bash
# Runs the main job once per Mbed TLS version (pinned releases or local trees) into one results
# set each, then draws the cross-version charts and compares each set with the one before.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
versions=()
trees=()
out=''
build=''
run_args=()
compare=1
labels=()
sources=()
interop_failed=()

usage() {
    cat <<EOF
usage: scripts/matrix.sh --versions V[,V...] [--tree DIR]... [options] [run.sh options]

Runs scripts/run.sh once per version into OUT/mbedtls-VERSION[-COMMIT]/ (a results set each,
with its own charts), in the order given: the pinned versions first, then the trees. Then, with
two sets or more, writes OUT/versions/:
  tradeoff_versions, trend, handshake_cdf_versions (.png, .svg)   scripts/charts.sh --versions
  summary.md   headline figures per profile and set, and the goals   scripts/summary.py
  compare-A-vs-B.txt, .md, .json   scripts/compare.py of each set against the one before it

  --versions LIST  pinned Mbed TLS releases, comma- or space-separated
                   (scripts/mbedtls-versions.txt)
  --tree DIR       also a local Mbed TLS tree or git checkout, labelled by its version and
                   commit (repeatable)
  --out DIR        where the sets go (default results/)
  --build DIR      build directories go to DIR/<label> (default: run.sh's build/<label>)
  --no-compare     skip the comparisons
  other options    passed to every scripts/run.sh, e.g. --profiles x25519-min,tls13-psa
                   --handshakes 500 --keygen-samples 31 --no-install (see scripts/run.sh --help)

Every version and tree is checked (fetched, or found in the cache) before anything is built:
a version that is not pinned stops the run here, naming the versions that are. A regression
found by the comparison is reported but does not fail this command; gate on
scripts/compare.py itself. A set whose interop matrix has unexpected cells (run.sh's exit
status 3) is complete: the others still run, and this command exits 3 at the end, naming it.
EOF
}

die() {
    printf 'matrix: error: %s\n' "$1" >&2
    [ $# -lt 2 ] || printf 'matrix: fix: %s\n' "$2" >&2
    exit "${DIE_STATUS:-1}"
}

step() { printf '\n== matrix: %s\n' "$*" >&2; }

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --versions | --tree | --out | --build)
            [ $# -ge 2 ] || die "$1 needs a value" "see scripts/matrix.sh --help"
            [ -n "$2" ] || die "$1 has an empty value" "pass a value, or drop the option"
            case "$1" in
            --versions) read -r -a versions <<<"${2//,/ }" ;;
            --tree) trees+=("$2") ;;
            --out) out=$2 ;;
            --build) build=$2 ;;
            *) die "internal: unhandled option $1" ;;
            esac
            shift 2
            ;;
        --version | --tarball)
            die "$1 is not a matrix option" "use --versions V,V (and --tree DIR)" ;;
        --no-compare) compare=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) run_args+=("$1"); shift ;;
        esac
    done
    [ $((${#versions[@]} + ${#trees[@]})) -gt 0 ] ||
        die "no version given" "pass --versions 3.6.6,3.6.7 and/or --tree DIR"
    [ -n "$out" ] || out="$top/results"
}

# Checks every version and tree with fetch-mbedtls.sh (its error names the cause and the fix)
# and sets labels/sources, before anything is built.
resolve_sources() {
    local v dir info label

    for v in "${versions[@]}"; do
        info=$("$top/scripts/fetch-mbedtls.sh" --version "$v") ||
            die "Mbed TLS '$v' is not available (see above); nothing was built" \
                "use a pinned version, or pass --tree DIR for any other version"
        add_source "version:$v" "$info"
    done
    for dir in "${trees[@]}"; do
        info=$("$top/scripts/fetch-mbedtls.sh" --tree "$dir") ||
            die "--tree $dir cannot be used (see the fetch-mbedtls error above)"
        add_source "tree:$dir" "$info"
    done
}

add_source() { # SOURCE FETCH_OUTPUT
    local version commit label l

    version=$(sed -n 's/^version=//p' <<<"$2")
    commit=$(sed -n 's/^commit=//p' <<<"$2")
    label="mbedtls-$version"
    [ "$commit" = none ] || label="$label-$commit"
    for l in "${labels[@]}"; do
        [ "$l" != "$label" ] || die "two sources are both $label (${1#*:} and another)" \
            "name each version or tree once; commit a tree's changes to tell it apart"
    done
    labels+=("$label")
    sources+=("$1")
}

run_one() { # INDEX
    local label=${labels[$1]} source=${sources[$1]} args=() rc done_sets

    case "$source" in
    version:*) args=(--version "${source#version:}") ;;
    tree:*) args=(--tree "${source#tree:}") ;;
    *) die "internal: unknown source $source" ;;
    esac
    args+=(--out "$out/$label")
    [ -z "$build" ] || args+=(--build "$build/$label")
    step "$label ($((${1} + 1)) of ${#labels[@]}): scripts/run.sh ${args[*]} ${run_args[*]}"
    rc=0
    "$top/scripts/run.sh" "${args[@]}" "${run_args[@]}" || rc=$?
    case $rc in
    0) ;;
    3) # The set is complete; its interop matrix found cells that behave other than claimed.
        interop_failed+=("$label")
        step "$label: unexpected interop cells, see $out/$label/interop.md; going on"
        ;;
    *)
        done_sets="no set was written before it"
        [ "$1" -eq 0 ] || done_sets="the sets before it are in $out"
        DIE_STATUS=$rc die "the run of $label failed (see above); $done_sets" \
            "fix the cause and run again"
        ;;
    esac
}

# compare.py of each set against the one before; its exit status 1 (a regression) is a
# finding here, 2 an error.
compare_all() {
    local i old new name rc

    for ((i = 1; i < ${#labels[@]}; i++)); do
        old="$out/${labels[$((i - 1))]}"
        new="$out/${labels[$i]}"
        name="$out/versions/compare-${labels[$((i - 1))]#mbedtls-}-vs-${labels[$i]#mbedtls-}"
        rc=0
        "$top/scripts/compare.py" "$old" "$new" --json "$name.json" >"$name.txt.tmp" || rc=$?
        [ "$rc" -le 1 ] || die "compare.py could not compare $old and $new (see above)"
        mv -f "$name.txt.tmp" "$name.txt"
        "$top/scripts/compare.py" --format markdown "$old" "$new" >"$name.md.tmp" 2>/dev/null ||
            [ $? -le 1 ] || die "compare.py could not write the markdown table"
        mv -f "$name.md.tmp" "$name.md"
        if [ "$rc" -eq 1 ]; then
            step "REGRESSION(s) from ${labels[$((i - 1))]} to ${labels[$i]}: see $name.txt"
        fi
    done
}

main() {
    local i sets=()

    parse_args "$@"
    step "checking the sources: ${versions[*]} ${trees[*]}"
    resolve_sources
    for i in "${!labels[@]}"; do
        run_one "$i"
        sets+=("$out/${labels[$i]}")
    done
    if [ "${#sets[@]}" -lt 2 ]; then
        step "done: one set, $out/${labels[0]}; nothing to compare"
        interop_report
        return
    fi
    step "charts across versions"
    mkdir -p "$out/versions"
    "$top/scripts/charts.sh" --versions "$out/versions" "${sets[@]}" >&2
    "$top/scripts/summary.py" "${sets[@]}" >"$out/versions/summary.md.tmp" ||
        die "summary.py could not read the sets (see above)"
    mv -f "$out/versions/summary.md.tmp" "$out/versions/summary.md"
    [ "$compare" -eq 0 ] || compare_all
    step "done: sets ${sets[*]}; charts and comparisons in $out/versions"
    interop_report
}

# Exit status 3, as scripts/run.sh, when a set's interop matrix had unexpected cells.
interop_report() {
    [ "${#interop_failed[@]}" -gt 0 ] || return 0
    printf 'matrix: error: unexpected interop cells in: %s\n' "${interop_failed[*]}" >&2
    printf 'matrix: fix: read interop.md and interop-unexpected/ of those sets\n' >&2
    exit 3
}

main "$@"
