#!/usr/bin/env bash
# The main job: fetch Mbed TLS, build every profile, benchmark each against a local server,
# write the results set (CSV with provenance) and its charts.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Exit status of a run whose results set is complete but whose interop matrix has unexpected
# cells (any other failure exits 1 and publishes nothing).
readonly EXIT_INTEROP=3
version=3.6.7
tree=''
tarball=''
profiles='default tls13-psa hybrid x25519-min'
handshakes=500
keygen_samples=31
out=''
build=''
install=1
replace=0
jobs=$(nproc 2>/dev/null || echo 2)

usage() {
    cat <<EOF
usage: scripts/run.sh [options]

  --version V        pinned Mbed TLS release (default $version; see scripts/mbedtls-versions.txt)
  --tree DIR         use a local Mbed TLS tree instead (labelled by its version and commit)
  --tarball FILE     use a downloaded release tarball (checked by SHA-256)
  --profiles LIST    comma- or space-separated (default: $profiles)
  --handshakes N     full handshakes per profile (default $handshakes)
  --keygen-samples N samples per key-generation figure (default $keygen_samples)
  --out DIR          results set directory (default results/mbedtls-VERSION)
  --build DIR        build directory (default build/mbedtls-VERSION)
  --no-install       never apt-get; fail naming what is missing
  --replace          replace a results set at --out even when it holds profiles this run
                     leaves out (without it, such a run stops before building)

Exit status: 0 when every figure was measured and the interop matrix holds no unexpected
cell; $EXIT_INTEROP when the results set is complete but the interop matrix has unexpected cells;
2 for a wrong option or value; 1 on any other failure (the earlier results set is then left as
it was).
EOF
}

# Prints the error and its fix; exits DIE_STATUS (default 1).
die() {
    printf 'run: error: %s\n' "$1" >&2
    [ $# -lt 2 ] || printf 'run: fix: %s\n' "$2" >&2
    exit "${DIE_STATUS:-1}"
}

# A wrong option or value: as die, with the usage exit status 2.
usage_die() { DIE_STATUS=2 die "$@"; }

step() { printf '\n== %s\n' "$*" >&2; }

positive_int() { # NAME VALUE
    [[ $2 =~ ^[1-9][0-9]*$ ]] ||
        usage_die "$1 must be a positive whole number, not '$2'" "e.g. $1 200"
}

# The profiles this project builds: a directory of configs/ with a mbedtls_config.h, and default.
known_profiles() {
    local d

    printf 'default'
    for d in "$top"/configs/*/; do
        d=${d%/}
        [ ! -f "$d/mbedtls_config.h" ] || printf ' %s' "${d##*/}"
    done
    printf '\n'
}

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --version | --tree | --tarball | --profiles | --handshakes | --keygen-samples | --out | \
            --build)
            [ $# -ge 2 ] || usage_die "$1 needs a value" "see scripts/run.sh --help"
            # An unset shell variable passed as the value would otherwise mean the default.
            [ -n "$2" ] || usage_die "$1 has an empty value" "pass a value, or drop the option"
            ;;
        --no-install | --replace | -h | --help) ;;
        *) usage >&2; usage_die "unknown option '$1'" "see the usage above" ;;
        esac
        case "$1" in
        --version) version=$2; shift 2 ;;
        --tree) tree=$2; shift 2 ;;
        --tarball) tarball=$2; shift 2 ;;
        --profiles) profiles=${2//,/ }; shift 2 ;;
        --handshakes) positive_int "$1" "$2"; handshakes=$2; shift 2 ;;
        --keygen-samples) positive_int "$1" "$2"; keygen_samples=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        --no-install) install=0; shift ;;
        --replace) replace=1; shift ;;
        *) usage; exit 0 ;;
        esac
    done
    profiles_check
}

# Every profile named must be one this project builds, and at least one must be named.
profiles_check() {
    local p known

    known=$(known_profiles)
    [ -n "${profiles// /}" ] ||
        usage_die "--profiles names no profile" "e.g. --profiles ${known// /,}"
    for p in $profiles; do
        [[ " $known " == *" $p "* ]] ||
            usage_die "unknown profile '$p'" "use profiles from: $known (comma-separated)"
    done
}

# Fetches (or checks) the source and sets mbedtls_dir, version and the label of the set.
fetch_source() {
    local args=() info

    if [ -n "$tree" ]; then
        args=(--tree "$tree")
    else
        args=(--version "$version")
        [ -z "$tarball" ] || args+=(--tarball "$tarball")
    fi
    # Its exit status carries on: 2 for a version or tree that is wrong, 1 for anything else.
    info=$("$top/scripts/fetch-mbedtls.sh" "${args[@]}") || exit
    mbedtls_dir=$(sed -n 's/^dir=//p' <<<"$info")
    version=$(sed -n 's/^version=//p' <<<"$info")
    mbedtls_sha256=$(sed -n 's/^sha256=//p' <<<"$info")
    mbedtls_commit=$(sed -n 's/^commit=//p' <<<"$info")
    label="mbedtls-$version"
    [ "$mbedtls_commit" = none ] || label="$label-$mbedtls_commit"
}

build_profiles() {
    local cmake_args=(-DMBP_PROFILES="${profiles// /;}" -DBUILD_TESTING=ON)

    if [ -n "$tree" ]; then
        cmake_args+=(-DMBEDTLS_SOURCE_DIR="$mbedtls_dir")
    else
        cmake_args+=(-DMBEDTLS_VERSION="$version" -DMBEDTLS_SOURCE_DIR=)
    fi
    cmake -S "$top" -B "$build" "${cmake_args[@]}" >&2 ||
        die "cmake could not configure $build" "read the CMake error above"
    cmake --build "$build" -j "$jobs" >&2 || die "the build failed" "read the compiler error above"
}

# Starts one openssl s_server for every profile: TLS 1.2 and 1.3, ECDSA P-256 certificate.
start_server() {
    "$top/scripts/make-pki.sh" "$build/pki" >&2
    server_info="$stage/.server"
    "$top/scripts/peer.sh" start openssl "$server_info" \
        --cert "$build/pki/server.crt" --key "$build/pki/server.key" >&2
    port=$(sed -n 's/^port=//p' "$server_info")
    trap 'stop_server' EXIT
}

stop_server() {
    [ -z "${server_info:-}" ] || "$top/scripts/peer.sh" stop "$server_info" >&2 || true
    [ -z "${stage:-}" ] || rm -rf "$stage"
}

# Appends a program's CSV output to a staged file, keeping a single header row.
append_csv() { # FILE (stdin: CSV with header)
    if [ -s "$1" ]; then tail -n +2 >>"$1"; else cat >>"$1"; fi
}

measure_profile() { # PROFILE
    local p=$1 dir="$build/$1"

    step "$p: binary size"
    "$top/scripts/measure-size.sh" --header --mbedtls-version "$version" "$p" "$dir/mbp-client" \
        | append_csv "$stage/size.csv"
    step "$p: psa_generate_key + psa_export_public_key"
    "$dir/mbp-keygen-bench" --samples-count "$keygen_samples" --samples "$stage/k.tmp" \
        | append_csv "$stage/keygen.csv" || die "keygen benchmark of $p failed" "see above"
    append_csv "$stage/keygen_samples.csv" <"$stage/k.tmp"
    measure_handshakes "$p" "$dir"
    measure_ram "$p" "$dir"
    step "$p: crypto micro-benchmarks (psa_*), $keygen_samples samples each"
    "$dir/mbp-crypto-bench" --samples-count "$keygen_samples" --samples "$stage/c.tmp" \
        | append_csv "$stage/crypto.csv" || die "crypto benchmark of $p failed" "see above"
    append_csv "$stage/crypto_samples.csv" <"$stage/c.tmp"
    measure_instructions "$p" "$dir"
    rm -f "$stage/k.tmp" "$stage/h.tmp" "$stage/c.tmp"
}

# Full handshakes into handshake.csv, resumed ones (where the profile can resume) into
# handshake_resumed.csv, each with its raw samples.
measure_handshakes() { # PROFILE DIR
    local p=$1 bench=("$2/mbp-handshake-bench" --host 127.0.0.1 --port "$port"
        --server-name localhost --ca-file "$build/pki/ca.crt" --count "$handshakes") rc=0

    step "$p: $handshakes full handshakes against openssl s_server on 127.0.0.1:$port"
    "${bench[@]}" --samples "$stage/h.tmp" | append_csv "$stage/handshake.csv" ||
        die "handshake benchmark of $p failed" "see above"
    append_csv "$stage/handshake_samples.csv" <"$stage/h.tmp"
    step "$p: $handshakes resumed handshakes (session ticket)"
    "${bench[@]}" --resume --samples "$stage/h.tmp" >"$stage/r.tmp" || rc=$?
    case $rc in
    0)
        append_csv "$stage/handshake_resumed.csv" <"$stage/r.tmp"
        append_csv "$stage/handshake_resumed_samples.csv" <"$stage/h.tmp"
        ;;
    3) printf 'run: %s cannot resume a session: no resumed figures\n' "$p" >&2 ;;
    *) die "resumed handshake benchmark of $p failed" "see above" ;;
    esac
    rm -f "$stage/r.tmp"
}

# Heap peak, allocations and stack of one full and one resumed handshake (ram.csv), and the
# functions that held the heap at each peak (ram_breakdown.csv).
measure_ram() { # PROFILE DIR
    local p=$1 dir=$2

    step "$p: RAM of one full and one resumed handshake (counting allocator, painted stack)"
    "$dir/mbp-ram-bench" --host 127.0.0.1 --port "$port" --server-name localhost \
        --ca-file "$build/pki/ca.crt" --breakdown "$stage/b.tmp" \
        | append_csv "$stage/ram.csv" || die "RAM benchmark of $p failed" "see above"
    "$top/bench/ram-symbolize.sh" "$dir/mbp-ram-bench" <"$stage/b.tmp" \
        | append_csv "$stage/ram_breakdown.csv" || die "naming the heap breakdown of $p failed"
    rm -f "$stage/b.tmp"
}

# Client instructions per full and resumed handshake under callgrind: a recorded session
# replayed with a fixed random generator (two runs, which must be identical within 0.1 %), and
# live handshakes against the server (two runs of 12, within 1 %).
measure_instructions() { # PROFILE DIR
    local p=$1 args=(--port "$port" --ca-file "$build/pki/ca.crt" --runs 2 --strict)
    local live=("$top/bench/instructions.sh" "${args[@]}" --bench "$2/mbp-handshake-bench"
        --handshakes 12 --warmup 1 --no-header)

    step "$p: client instructions per handshake (callgrind: replay, then live handshakes)"
    "$top/bench/instructions.sh" "${args[@]}" --method replay --bench "$2/mbp-replay" \
        --handshakes 4 | append_csv "$stage/instructions.csv" ||
        die "instruction count of $p (replay) failed or its runs differ" "see above"
    "${live[@]}" >>"$stage/instructions.csv" ||
        die "instruction count of $p (live) failed or its runs disagree" "see above"
    if grep -q "^$p," "$stage/handshake_resumed.csv" 2>/dev/null; then
        "${live[@]}" --resume >>"$stage/instructions.csv" ||
            die "instruction count of $p (live, resumed) failed or its runs disagree" "see above"
    fi
}

# OpenSSL in the same run, for the ratios: its libcrypto on the operations crypto.csv shares
# with it (rows of profile "openssl"), and its own client against the same server
# (handshake_peer.csv). Then crypto.csv gets its openssl_ratio column.
measure_peers() {
    local bin="$build/openssl/mbp-openssl-bench" hs

    [ -x "$bin" ] || die "$bin was not built: OpenSSL's development files are missing" \
        "apt-get install libssl-dev, then run again"
    step "OpenSSL $(openssl version | cut -d' ' -f2): the same crypto operations (libcrypto)"
    "$bin" crypto --samples-count "$keygen_samples" --samples "$stage/c.tmp" \
        | append_csv "$stage/crypto.csv" || die "OpenSSL crypto benchmark failed" "see above"
    append_csv "$stage/crypto_samples.csv" <"$stage/c.tmp"
    step "OpenSSL client: $handshakes full and $handshakes resumed handshakes"
    hs=("$bin" handshake --port "$port" --ca-file "$build/pki/ca.crt" --count "$handshakes")
    { "${hs[@]}" && "${hs[@]}" --resume --no-header; } >"$stage/handshake_peer.csv" ||
        die "OpenSSL client benchmark failed" "see above"
    crypto_ratio_add "$stage/crypto.csv"
    rm -f "$stage/c.tmp"
}

# Adds openssl_ratio to every measured row of crypto.csv that OpenSSL also measured (same
# name and clock): this row's median over OpenSSL's, so 3.0 means three times as long.
crypto_ratio_add() { # FILE
    awk -F, -v OFS=, '
        NR == FNR {
            if (FNR == 1) { for (i = 1; i <= NF; i++) c[$i] = i; next }
            if ($c["profile"] == "openssl" && $c["status"] == "ok")
                peer[$c["name"], $c["clock"]] = $c["median_ns"]
            next
        }
        FNR == 1 { print $0, "openssl_ratio"; next }
        {
            k = $c["name"] SUBSEP $c["clock"]
            r = ($c["status"] == "ok" && (k in peer) && peer[k] > 0) ? \
                sprintf("%.2f", $c["median_ns"] / peer[k]) : ""
            print $0, r
        }' "$1" "$1" >"$1.tmp" && mv -f "$1.tmp" "$1"
}

# Makes the staging directory beside OUT, where the set is written before it replaces OUT's
# files, and proves by writing in it and in OUT that both can be written, before any build. As
# root, [ -w ] says yes even on /proc or a read-only mount, so only a real write tells.
stage_make() {
    local parent

    parent=$(dirname "$out")
    mkdir -p "$parent" 2>/dev/null && stage=$(mktemp -d "$parent/.stage.XXXXXX" 2>/dev/null) &&
        : >"$stage/.probe" 2>/dev/null ||
        die "cannot write results under $parent" "pass --out DIR to a writable place"
    trap 'rm -rf "$stage"' EXIT
    [ ! -e "$out" ] || { [ -d "$out" ] && : >"$out/.probe" 2>/dev/null && rm -f "$out/.probe"; } ||
        die "cannot write into $out (not a directory, or read-only)" \
            "pass --out DIR to a writable place"
    rm -f "$stage/.probe"
}

# A run for fewer profiles than the set at OUT holds would drop the others' figures: refused
# before any build, unless --replace. The set's profiles are read from its provenance lines.
set_check() {
    local held p dropped='' what fix

    [ -f "$out/size.csv" ] || return 0
    held=$(sed -n 's/^# profile \([^:]*\):.*/\1/p' "$out/size.csv")
    for p in $held; do
        [[ " $profiles " == *" $p "* ]] || dropped+=" $p"
    done
    [ -n "$dropped" ] && [ "$replace" -eq 0 ] || return 0
    what="the results set in $out also holds profile(s)${dropped}, which this run leaves out;"
    what+=" replacing the set would drop their figures"
    fix="measure them too (--profiles $(echo $held | tr ' ' ,)), write elsewhere (--out DIR),"
    fix+=" or pass --replace to replace the set anyway"
    usage_die "$what" "$fix"
}

# Puts provenance lines on every staged CSV and moves the set into place, file by file.
publish() {
    local prov f p

    prov=$("$top/scripts/provenance.sh" --mbedtls-version "$version" \
        --mbedtls-sha256 "$mbedtls_sha256" --mbedtls-commit "$mbedtls_commit" \
        --compiler "$(sed -n 's/^compiler=//p' "$build/build-info.txt")" \
        --cflags "$(sed -n 's/^cflags=//p' "$build/build-info.txt")" \
        --handshakes "$handshakes" --keygen-samples "$keygen_samples")
    for p in $profiles; do
        if [ "$p" = default ]; then
            prov+=$'\n'"# profile default: Mbed TLS's own mbedtls_config.h of $version"
        else
            prov+=$'\n'"# profile $p: configs/$p sha256 $(cat "$top/configs/$p"/*.h \
                "$top/configs/common"/*.h | sha256sum | cut -c1-16)"
        fi
    done
    for f in "$stage"/*.csv; do
        { printf '%s\n' "$prov"; cat "$f"; } >"$f.final"
    done
    if [ -f "$stage/interop.md" ]; then
        { printf '<!--\n%s\n-->\n\n' "$prov"; cat "$stage/interop.md"; } >"$stage/interop.md.final"
    fi
    mkdir -p "$out" || die "cannot create $out" "pass --out DIR to a writable place"
    # The set is replaced whole: a file of an earlier run that this one did not write (a
    # profile left out, a resumed figure it could not take) would otherwise pass for its own.
    for f in "$out"/*.csv "$out"/interop.md; do
        [ ! -e "$f" ] || [ -e "$stage/$(basename "$f").final" ] || rm -f "$f"
    done
    rm -rf "$out/interop-unexpected"
    for f in "$stage"/*.final; do
        mv -f "$f" "$out/$(basename "$f" .final)" ||
            die "cannot write $out/$(basename "$f" .final)" "pass --out DIR to a writable place"
    done
    if [ -d "$stage/unexpected" ]; then mv "$stage/unexpected" "$out/interop-unexpected"; fi
}

main() {
    local p start interop_rc=0

    parse_args "$@"
    start=$(date +%s)
    if [ "$install" -eq 1 ]; then "$top/scripts/deps.sh"; else "$top/scripts/deps.sh" --check; fi

    step "Mbed TLS source"
    fetch_source
    [ -n "$out" ] || out="$top/results/$label"
    [ -n "$build" ] || build="$top/build/$label"
    set_check
    stage_make

    step "build: $profiles"
    build_profiles
    start_server
    for p in $profiles; do measure_profile "$p"; done
    measure_peers
    step "Cortex-M4 images: flash by module, static RAM; host client at -Os (build-arm.sh)"
    "$top/scripts/build-arm.sh" --cpu cortex-m4 --profiles "$profiles" --tree "$mbedtls_dir" \
        --build "$build/arm-cortex-m4" --host-os --out "$stage" >&2 ||
        die "the Cortex-M4 images could not be built or measured" "read the lines above"
    step "Cortex-M4 images on QEMU (mps2-an386): heap and stack of one handshake"
    "$top/arm/ram-target.sh" "$build/arm-cortex-m4" "$build/pki" "$stage/ram_static.csv" \
        $profiles >"$stage/ram_target.csv" ||
        die "the RAM of the Cortex-M4 images could not be measured on QEMU" "read the lines above"
    step "interop matrix: every profile against openssl, gnutls-serv and ssl_server2"
    "$top/scripts/interop.sh" "$build" "$build/pki" "$stage" --profiles "${profiles// /,}" >&2 ||
        interop_rc=$?
    publish
    step "charts"
    "$top/scripts/charts.sh" "$out" >&2
    if [ "$interop_rc" -ne 0 ]; then
        printf 'run: error: %s\nrun: fix: %s\n' \
            "the interop matrix has unexpected cells (exit status $interop_rc); the results set" \
            "is complete in $out. Read $out/interop.md and the client output in $out/interop-unexpected/" >&2
        exit "$EXIT_INTEROP"
    fi
    step "done in $(($(date +%s) - start)) s: results in $out"
}

main "$@"
