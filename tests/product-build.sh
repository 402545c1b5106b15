#!/usr/bin/env bash
# The README's recipe for using a profile in a product, run as it stands: copy the profile's
# headers, build Mbed TLS with them, build a program of the product's own against the result,
# and check that the libraries hold exactly the TLS 1.3 suites the profile claims.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: tests/product-build.sh PROFILE MBEDTLS_SOURCE_DIR
# For a profile that claims TLS 1.3 only (tests/interop-claims.csv).

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 2 ] || { echo "usage: $0 PROFILE MBEDTLS_SOURCE_DIR" >&2; exit 2; }
profile=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/mbp-product.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
    printf 'FAIL product-build/%s: %s\n' "$profile" "$1" >&2
    [ $# -lt 2 ] || tail -n 40 "$2" >&2
    exit 1
}

# The first sh block after the README's "To use a profile in your product".
block=$(awk '/^To use a profile in your product/ { found = 1 }
    found && /^```sh$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside' "$top/README.md")
[ -n "$block" ] || fail "no sh block after 'To use a profile in your product' in README.md"

# The suites the profile claims, under Mbed TLS's names.
suite_name() {
    case "$1" in
    aes128gcm) echo TLS1-3-AES-128-GCM-SHA256 ;;
    aes256gcm) echo TLS1-3-AES-256-GCM-SHA384 ;;
    chacha20) echo TLS1-3-CHACHA20-POLY1305-SHA256 ;;
    *) fail "no TLS 1.3 suite name for claim '$1'" ;;
    esac
}
claims=$(grep "^$profile," "$top/tests/interop-claims.csv") ||
    fail "no row for $profile in tests/interop-claims.csv"
[ "$(echo "$claims" | wc -l)" -eq 1 ] && [ "$(echo "$claims" | cut -d, -f2)" = 1.3 ] ||
    fail "$profile claims more than TLS 1.3; this check knows TLS 1.3 suites only"
expected=$(for s in $(echo "$claims" | cut -d, -f5); do suite_name "$s"; done | sort)

mkdir -p "$work/product"
cp -r "$top/configs/$profile" "$top/configs/common" "$work/product/"
export MBEDTLS=$2 P="$work/product/$profile"
(cd "$work" && bash -euo pipefail -c "$block") >"$work/build.log" 2>&1 ||
    fail "the README's recipe failed:" "$work/build.log"
! grep -q 'Manually-specified variables were not used' "$work/build.log" ||
    fail "CMake ignored a variable of the recipe:" "$work/build.log"

lib="$work/build-mbedtls/library"
cc -DMBEDTLS_CONFIG_FILE="\"$P/mbedtls_config.h\"" \
    -DMBEDTLS_PSA_CRYPTO_CONFIG_FILE="\"$P/crypto_config.h\"" -I"$MBEDTLS/include" \
    -o "$work/product_check" "$top/tests/product_check.c" \
    "$lib/libmbedtls.a" "$lib/libmbedx509.a" "$lib/libmbedcrypto.a" 2>"$work/cc.log" ||
    fail "the product's own program did not build against the recipe's libraries:" "$work/cc.log"
got=$("$work/product_check" | sed -n 's/^suite: //p' | sort)
[ "$got" = "$expected" ] ||
    fail "the recipe's libraries hold the suites [$(echo $got)], the profile claims [$(echo $expected)]"
echo "ok: the README's recipe builds Mbed TLS with $profile; its suites: $(echo $got)"
