#!/usr/bin/env bash
# Build-time checks of the profiles: broken variants stop with the project's own message,
# intact profiles compile, each profile keeps its security floor, the client cannot relax it.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: tests/profile-checks.sh variant VARIANT PROFILE MBEDTLS_DIR [CC]
#        tests/profile-checks.sh intact PROFILE MBEDTLS_DIR [CC]
#        tests/profile-checks.sh floor PROFILE MBEDTLS_DIR [CC]
#        tests/profile-checks.sh no-relax
#
# A variant is a copy of a real profile's headers edited with Mbed TLS's scripts/config.py; the
# copy keeps the configs/<profile> + configs/common layout, so the profile's own include of
# ../common/profile_check.h finds the project's current checks. "Build" here is the compilation
# of library/ssl_tls.c (syntax only) with the copies as MBEDTLS_CONFIG_FILE and
# MBEDTLS_PSA_CRYPTO_CONFIG_FILE: the same preprocessing every library source goes through.
# A mismatch prints what was expected and what the compiler said, and exits 1.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
    sed -n '/^# usage:/,/^#$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# The broken variants: name, the message the build must stop with, and config.py edits as
# "FILE OP SYMBOL" (FILE: m for mbedtls_config.h, c for crypto_config.h; OP: set or unset).
# An unset edit applies only to a profile that defines the symbol; a set edit adds the symbol.
variant_describe() { # VARIANT -> sets v_message, v_edits
    case "$1" in
    ecdh-without-keygen)
        v_message='ECDH without PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE'
        v_edits=('c unset PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE') ;;
    tls13-without-ecdhe-mode)
        v_message='TLS 1.3 without MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED'
        v_edits=('m unset MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED'
                 'm unset? MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED') ;;
    no-aead)
        v_message='TLS 1.3 without an AEAD'
        v_edits=('c unset PSA_WANT_ALG_GCM' 'c unset? PSA_WANT_ALG_CCM'
                 'c unset? PSA_WANT_ALG_CHACHA20_POLY1305') ;;
    tls12-no-aead)
        v_message='TLS 1.2 without an AEAD'
        # TLS 1.2 alone first (else the TLS 1.3 check speaks first), then no AEAD.
        v_edits=('m unset MBEDTLS_SSL_PROTO_TLS1_3'
                 'm unset? MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED'
                 'm unset? MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED'
                 'm unset? MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE'
                 'c unset PSA_WANT_ALG_GCM' 'c unset? PSA_WANT_ALG_CHACHA20_POLY1305') ;;
    rsa-without-pss)
        v_message='RSA in TLS 1.3 needs PSA_WANT_ALG_RSA_PSS'
        v_edits=('m unset MBEDTLS_X509_RSASSA_PSS_SUPPORT') ;;
    psk-ke)
        v_message='TLS 1.3 psk_ke has no forward secrecy'
        v_edits=('m set MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED') ;;
    sha1)
        v_message='SHA-1 signatures would be accepted'
        v_edits=('c set PSA_WANT_ALG_SHA_1') ;;
    md5)
        v_message='MD5 signatures would be accepted'
        v_edits=('c set PSA_WANT_ALG_MD5') ;;
    cbc)
        v_message='CBC modes are left out'
        v_edits=('c set PSA_WANT_ALG_CBC_NO_PADDING') ;;
    weak-verification)
        v_message='certificates must be checked against the server name'
        v_edits=('m set MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME') ;;
    no-time-date)
        v_message='MBEDTLS_HAVE_TIME_DATE is off'
        v_edits=('m unset MBEDTLS_HAVE_TIME_DATE') ;;
    renegotiation)
        v_message='renegotiation is off in every profile'
        v_edits=('m set MBEDTLS_SSL_RENEGOTIATION') ;;
    static-rsa)
        v_message='static-RSA key exchange has no forward secrecy'
        v_edits=('m set MBEDTLS_KEY_EXCHANGE_RSA_ENABLED') ;;
    no-ems)
        v_message='TLS 1.2 without extended master secret'
        v_edits=('m unset MBEDTLS_SSL_EXTENDED_MASTER_SECRET') ;;
    *)
        echo "profile-checks: unknown variant '$1'" >&2
        exit 2 ;;
    esac
}

# Copies configs/PROFILE and configs/common into DIR/configs.
profile_copy() { # PROFILE DIR
    local src="$top/configs/$1"

    if [ ! -f "$src/mbedtls_config.h" ] || [ ! -f "$src/crypto_config.h" ]; then
        echo "profile-checks: $src has no mbedtls_config.h + crypto_config.h" >&2
        exit 2
    fi
    mkdir -p "$2/configs"
    cp -r "$src" "$top/configs/common" "$2/configs/"
}

placeholder_add() { # FILE SYMBOL
    local line="//#define $2"

    [ "${2#PSA_WANT_}" = "$2" ] || line+=" 1"
    if grep -q '^#include "../common/profile_check.h"' "$1"; then
        sed -i "s|^#include \"../common/profile_check.h\"|$line\n&|" "$1"
    else
        printf '%s\n' "$line" >>"$1"
    fi
}

# One config.py edit on the copy, checked: an unset needs the symbol defined before (else the
# variant would not differ from the profile) and gone after; a set leaves it defined. OP
# "unset?" is an unset that may find nothing to remove.
config_edit() { # FILE OP SYMBOL
    local file=$1 op=$2 sym=$3

    case "$op" in
    unset?)
        python3 "$config_py" -f "$file" unset "$sym" ;;
    unset)
        if ! python3 "$config_py" -f "$file" get "$sym" >/dev/null; then
            echo "profile-checks: variant does not apply: $sym is not defined in $file" >&2
            exit 2
        fi
        python3 "$config_py" -f "$file" unset "$sym" ;;
    set)
        # config.py edits only symbols the file names: give it a commented-out line to turn
        # on, at the end of mbedtls_config.h or before the include of the checks at the end of
        # crypto_config.h (PSA_WANT_* symbols are defined as 1).
        if ! grep -q "$sym" "$file"; then
            placeholder_add "$file" "$sym"
        fi
        python3 "$config_py" -f "$file" set "$sym" ;;
    *)
        echo "profile-checks: bad edit '$op'" >&2
        exit 2 ;;
    esac
    if [ "${op%\?}" = unset ] && python3 "$config_py" -f "$file" get "$sym" >/dev/null; then
        echo "profile-checks: config.py left $sym defined in $file" >&2
        exit 1
    fi
    if [ "$op" = set ] && ! python3 "$config_py" -f "$file" get "$sym" >/dev/null; then
        echo "profile-checks: config.py did not define $sym in $file" >&2
        exit 1
    fi
}

# Compiles library/ssl_tls.c with the profile in DIR/configs (none for "default"); the
# compiler's output lands in $work/cc.out and its status in $cc_rc.
compile_ssl_tls() { # PROFILE DIR
    local defs=()

    if [ "$1" != default ]; then
        defs=("-DMBEDTLS_CONFIG_FILE=\"$2/configs/$1/mbedtls_config.h\""
              "-DMBEDTLS_PSA_CRYPTO_CONFIG_FILE=\"$2/configs/$1/crypto_config.h\"")
    fi
    cc_rc=0
    "$cc" -fsyntax-only -I"$tree/include" -I"$tree/library" "${defs[@]}" \
        "$tree/library/ssl_tls.c" >"$work/cc.out" 2>&1 || cc_rc=$?
}

run_variant() { # VARIANT PROFILE
    local variant=$1 profile=$2 edit file op sym

    variant_describe "$variant"
    profile_copy "$profile" "$work"
    for edit in "${v_edits[@]}"; do
        read -r file op sym <<<"$edit"
        case "$file" in
        m) file="$work/configs/$profile/mbedtls_config.h" ;;
        *) file="$work/configs/$profile/crypto_config.h" ;;
        esac
        config_edit "$file" "$op" "$sym"
    done
    compile_ssl_tls "$profile" "$work"
    if [ "$cc_rc" -ne 0 ] && grep 'error' "$work/cc.out" | grep -qF "profile check: $v_message"
    then
        echo "ok variant $variant/$profile: the build stops with: profile check: $v_message"
        return 0
    fi
    echo "FAIL variant $variant/$profile: expected the build to stop with" \
        "'profile check: $v_message'; compiler exit status $cc_rc, output:" >&2
    sed 's/^/    /' "$work/cc.out" >&2
    exit 1
}

run_intact() { # PROFILE
    if [ "$1" != default ]; then
        profile_copy "$1" "$work"
    fi
    compile_ssl_tls "$1" "$work"
    if [ "$cc_rc" -eq 0 ] && ! grep -q 'profile check:' "$work/cc.out"; then
        echo "ok intact $1: library/ssl_tls.c compiles with the unmodified profile"
        return 0
    fi
    echo "FAIL intact $1: the unmodified profile should compile; compiler exit status" \
        "$cc_rc, output:" >&2
    sed 's/^/    /' "$work/cc.out" >&2
    exit 1
}

# The final configuration as every library source sees it, after Mbed TLS's own adjustments.
macros_dump() { # PROFILE
    local defs=()

    if [ "$1" != default ]; then
        defs=("-DMBEDTLS_CONFIG_FILE=\"$top/configs/$1/mbedtls_config.h\""
              "-DMBEDTLS_PSA_CRYPTO_CONFIG_FILE=\"$top/configs/$1/crypto_config.h\"")
    fi
    printf '#include <mbedtls/build_info.h>\n' >"$work/tu.c"
    "$cc" -E -dM -I"$tree/include" "${defs[@]}" "$work/tu.c" | awk '$1 == "#define" {print $2}' \
        | sed 's/(.*//' | sort -u >"$work/macros"
    [ -s "$work/macros" ] || { echo "profile-checks: no macros from the preprocessor" >&2; exit 1; }
}

has() { grep -qx "$1" "$work/macros"; }

# Each floor: "held" or "broken", with the macros that decided it in $why.
floor_state() { # FLOOR
    local sym
    why=
    note=

    case "$1" in
    verification-required)
        for sym in MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME; do
            has "$sym" && why+="$sym "
        done
        for sym in MBEDTLS_X509_CRT_PARSE_C MBEDTLS_HAVE_TIME_DATE; do
            has "$sym" || why+="no $sym "
        done ;;
    no-cbc)
        for sym in MBEDTLS_CIPHER_MODE_CBC PSA_WANT_ALG_CBC_NO_PADDING PSA_WANT_ALG_CBC_PKCS7; do
            has "$sym" && why+="$sym "
        done ;;
    no-static-rsa)
        for sym in MBEDTLS_KEY_EXCHANGE_RSA_ENABLED MBEDTLS_KEY_EXCHANGE_RSA_PSK_ENABLED; do
            has "$sym" && why+="$sym "
        done ;;
    no-sha1)
        for sym in MBEDTLS_MD_CAN_SHA1 PSA_WANT_ALG_SHA_1 MBEDTLS_SHA1_C; do
            has "$sym" && why+="$sym "
        done ;;
    ems-with-tls12)
        if has MBEDTLS_SSL_PROTO_TLS1_2 && ! has MBEDTLS_SSL_EXTENDED_MASTER_SECRET; then
            why="MBEDTLS_SSL_PROTO_TLS1_2 without MBEDTLS_SSL_EXTENDED_MASTER_SECRET"
        fi
        has MBEDTLS_SSL_PROTO_TLS1_2 || note="TLS 1.2 is off" ;;
    no-renegotiation)
        has MBEDTLS_SSL_RENEGOTIATION && why="MBEDTLS_SSL_RENEGOTIATION" ;;
    no-psk-ke)
        has MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED &&
            why="MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED" ;;
    *)
        echo "profile-checks: unknown floor '$1'" >&2
        exit 2 ;;
    esac
    why=${why% }
    if [ -z "$why" ]; then
        state=held
    else
        state=broken
    fi
}

# Mbed TLS's own default configuration is the baseline and does not keep the floor; these are
# the documented facts about it (Mbed TLS 3.6), asserted so that a release that changes them is
# noticed. Every other profile keeps every floor.
floor_expected() { # PROFILE FLOOR
    expected=held
    if [ "$1" = default ]; then
        case "$2" in
        no-cbc | no-static-rsa | no-sha1 | no-renegotiation | no-psk-ke) expected=broken ;;
        *) ;;
        esac
    fi
}

run_floor() { # PROFILE
    local profile=$1 floor failures=0

    macros_dump "$profile"
    for floor in verification-required no-cbc no-static-rsa no-sha1 ems-with-tls12 \
        no-renegotiation no-psk-ke; do
        floor_state "$floor"
        floor_expected "$profile" "$floor"
        if [ "$state" = "$expected" ]; then
            echo "ok floor $floor/$profile: $state${why:+ ($why)}${note:+ ($note)}"
            continue
        fi
        echo "FAIL floor $floor/$profile: expected $expected, found $state${why:+ ($why)}" >&2
        failures=$((failures + 1))
    done
    [ "$failures" -eq 0 ] || exit 1
}

# The client core, its front end and the benchmarks have no way to relax verification: no
# authentication mode other than required, no verify callback that could clear flags.
run_no_relax() {
    local found

    found=$(grep -rnE 'MBEDTLS_SSL_VERIFY_(OPTIONAL|NONE|UNSET)|mbedtls_ssl_set_hs_authmode|mbedtls_ssl_(conf|set)_verify|ALLOW_WEAK_CERTIFICATE' \
        "$top/src" "$top/bench" || true)
    if [ -n "$found" ]; then
        printf 'FAIL no-relax: the client sources can relax verification:\n%s\n' "$found" >&2
        exit 1
    fi
    if ! grep -q 'mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED)' \
        "$top/src/mbp_client.c"; then
        echo "FAIL no-relax: src/mbp_client.c no longer sets MBEDTLS_SSL_VERIFY_REQUIRED" >&2
        exit 1
    fi
    echo "ok no-relax: src/ and bench/ never name VERIFY_OPTIONAL/NONE or a verify callback"
}

[ $# -ge 1 ] || usage
mode=$1
shift
if [ "$mode" = no-relax ]; then
    run_no_relax
    exit 0
fi
case "$mode" in
variant) [ $# -ge 3 ] || usage; variant=$1; shift ;;
intact | floor) [ $# -ge 2 ] || usage ;;
*) usage ;;
esac
profile=$1
tree=$2
cc=${3:-cc}
config_py="$tree/scripts/config.py"
[ -f "$tree/include/mbedtls/build_info.h" ] || {
    echo "profile-checks: $tree is not an Mbed TLS tree" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-profile-checks.XXXXXX")
trap 'rm -rf "$work"' EXIT

case "$mode" in
variant) run_variant "$variant" "$profile" ;;
intact) run_intact "$profile" ;;
floor) run_floor "$profile" ;;
*) usage ;;
esac
