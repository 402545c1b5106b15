#!/usr/bin/env bash
# Print '#' lines that describe a measurement run, to head the CSV files it produces.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: provenance.sh [--compiler CC] [--cflags FLAGS] [--mbedtls-version V]
#                      [--mbedtls-sha256 HEX] [--KEY VALUE]...
#
# Each line reads "# key: value" ("commit" is this project's git describe); gnuplot and the
# chart scripts skip them as comments. The machine's lines and the four named options are
# always printed, as "unknown" when not given and not found out, so that every CSV carries the
# same keys. Any other --KEY VALUE pair (e.g. --mbedtls-commit, --handshakes) is printed after
# them, in the order given, with '-' in KEY turned into '_'.

set -euo pipefail

readonly PROG="provenance"

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: provenance.sh [--compiler CC] [--cflags FLAGS] [--mbedtls-version V]
                     [--mbedtls-sha256 HEX] [--KEY VALUE]...

Prints '# key: value' lines on stdout describing this machine and run:
  --compiler CC        compiler command whose version is reported (default: \$CC, else cc),
                       or a description such as "GNU 12.2.0", printed as given
  --cflags FLAGS       compile flags used for the measured binaries
  --mbedtls-version V  Mbed TLS version measured
  --mbedtls-sha256 HEX SHA-256 of the Mbed TLS source
  --KEY VALUE          any other fact, printed as '# KEY: VALUE' (KEY: letters, digits, '-')
EOF
    exit 2
}

# One line, whatever the value holds.
emit() {
    local key=$1 value=${2:-unknown}

    value=${value//$'\n'/ }
    printf '# %s: %s\n' "$key" "${value:-unknown}"
}

# The project's commit, with "-dirty" when a tracked file outside results/ differs from it:
# results sets committed earlier and being replaced by this run say nothing of the code.
project_commit() {
    local root commit

    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    commit=$(git -C "$root" describe --always 2>/dev/null) || { printf 'unknown'; return; }
    git -C "$root" diff --quiet HEAD -- . ':(exclude)results' 2>/dev/null || commit="$commit-dirty"
    printf '%s' "$commit"
}

cpu_model() {
    local model

    model=$(awk -F': *' '/^(model name|Hardware|Processor|cpu model)[ \t]*:/ { print $2; exit }' \
        /proc/cpuinfo 2>/dev/null || true)
    if [[ -z "$model" ]] && command -v lscpu >/dev/null; then
        model=$(lscpu | awk -F': *' '/^Model name/ { print $2; exit }')
    fi
    printf '%s' "${model:-unknown ($(uname -m))}"
}

cpu_governor() {
    local path=/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor

    if [[ -r "$path" ]]; then
        cat "$path"
    else
        printf 'unknown (no cpufreq in this system)'
    fi
}

# First line of `COMPILER --version`; a --compiler value that is no command here (e.g. the
# "GNU 12.2.0" that CMake reports) is taken as the description itself.
compiler_version() {
    local compiler=$1

    if ! command -v "$compiler" >/dev/null; then
        printf '%s' "$compiler"
        return
    fi
    "$compiler" --version 2>/dev/null | head -n 1 || true
}

main() {
    local compiler="${CC:-cc}" cflags="" version="" sha256="" key extra=()

    while (($# > 0)); do
        case "$1" in
        -h | --help) usage ;;
        --[a-zA-Z0-9]*) ;;
        *) die "unexpected argument '$1'; give --KEY VALUE pairs (see --help)" ;;
        esac
        key=${1#--}
        [[ "$key" =~ ^[A-Za-z0-9][A-Za-z0-9_-]*$ ]] ||
            die "bad key '$1': use letters, digits, '-' and '_' only"
        (($# >= 2)) || die "option '$1' needs a value"
        case "$key" in
        compiler) compiler=$2 ;;
        cflags) cflags=$2 ;;
        mbedtls-version) version=$2 ;;
        mbedtls-sha256) sha256=$2 ;;
        *) extra+=("${key//-/_}" "$2") ;;
        esac
        shift 2
    done

    emit date_utc "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    emit commit "$(project_commit)"
    emit host "$(uname -n)"
    emit cpu "$(cpu_model)"
    emit cores_online "$(getconf _NPROCESSORS_ONLN 2>/dev/null || true)"
    emit cpu_governor "$(cpu_governor)"
    emit kernel "$(uname -srm)"
    emit compiler "$compiler"
    emit compiler_version "$(compiler_version "$compiler")"
    emit cflags "$cflags"
    emit mbedtls_version "$version"
    emit mbedtls_source_sha256 "$sha256"
    emit openssl "$(openssl version 2>/dev/null || printf 'unknown (openssl not found)')"
    set -- "${extra[@]}"
    while (($# >= 2)); do
        emit "$1" "$2"
        shift 2
    done
}

main "$@"
