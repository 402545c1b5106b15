#!/usr/bin/env bash
# Checks that a Cortex-M image is a complete, bootable program and that the figures
# scripts/build-arm.sh wrote for it are the image's own. Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# usage: arm/check-image.sh IMAGE.elf LABEL RESULTS_DIR
# LABEL is the profile column of RESULTS_DIR/{flash,ram_static}.csv. Prints one line per problem
# on stderr (both sides of a mismatch) and exits 1 when there is any.

set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 IMAGE.elf LABEL RESULTS_DIR" >&2; exit 2; }
elf=$1
label=$2
results=$3
problems=0

problem() {
    printf 'check-image: %s\n' "$*" >&2
    problems=$((problems + 1))
}

symbol() { # NAME: its address in hexadecimal, empty when absent
    arm-none-eabi-nm "$elf" | awk -v s="$1" '$3 == s && !found { print $1; found = 1 }'
}

# A column of the row of LABEL in a CSV with '#' lines and a header row.
csv_value() { # FILE COLUMN
    awk -F, -v p="$label" -v c="$2" '
        /^#/ { next }
        !h { for (i = 1; i <= NF; i++) col[$i] = i; h = 1; next }
        $col["profile"] == p && !found { print $col[c]; found = 1 }' "$1"
}

# ELF header: a 32-bit Arm executable whose entry point is the reset handler, in Thumb state.
check_header() {
    local header entry reset

    header=$(arm-none-eabi-readelf -h "$elf")
    grep -q 'Class:[[:space:]]*ELF32' <<<"$header" || problem "$elf is not a 32-bit ELF file"
    grep -q 'Machine:[[:space:]]*ARM' <<<"$header" || problem "$elf is not an Arm ELF file"
    grep -q 'Type:[[:space:]]*EXEC' <<<"$header" || problem "$elf is not an executable"
    entry=$(sed -n 's/.*Entry point address:[[:space:]]*0x//p' <<<"$header")
    reset=$(symbol mbp_startup_reset)
    [ -n "$reset" ] || { problem "no reset handler (mbp_startup_reset) in $elf"; return; }
    [ $((16#$entry)) -eq $((16#$reset | 1)) ] ||
        problem "entry point 0x$entry is not the reset handler 0x$reset in Thumb state"
}

# Vector table at address 0: initial stack pointer, then the reset handler (Thumb bit set).
check_vectors() {
    local words sp reset top

    words=$(arm-none-eabi-objcopy -O binary -j .vectors "$elf" /dev/stdout | od -An -tx4 -v)
    read -r sp reset _ <<<"$words"
    top=$(symbol __stack_top)
    if [ -z "$sp" ] || [ -z "$top" ]; then
        problem "no vector table (.vectors) in $elf"
        return
    fi
    [ $((16#$sp)) -eq $((16#$top)) ] ||
        problem "vector 0 (initial SP) is 0x$sp, the linker script's __stack_top is 0x$top"
    [ $((16#$reset)) -eq $((16#$(symbol mbp_startup_reset) | 1)) ] ||
        problem "vector 1 is 0x$reset, not the reset handler in Thumb state"
}

# Nothing left undefined, and the client actually linked in (not collected as unused).
check_contents() {
    local undefined name

    undefined=$(arm-none-eabi-nm -u "$elf" | awk '$1 == "U" { print $2 }' | paste -sd' ' -)
    [ -z "$undefined" ] || problem "undefined symbols in $elf: $undefined"
    for name in main mbp_client_setup mbp_client_handshake mbedtls_ssl_handshake_step \
        mbedtls_x509_crt_parse psa_crypto_init mbp_image_ca_der; do
        [ -n "$(symbol "$name")" ] || problem "$name is not in $elf"
    done
}

# The rows of flash.csv and ram_static.csv hold this image's own figures.
check_rows() {
    local text data bss column value ctx conf sess crt client

    read -r text data bss _ < <(arm-none-eabi-size --format=berkeley "$elf" | awk 'NR == 2')
    for column in text_bytes:$text data_bytes:$data bss_bytes:$bss; do
        value=$(csv_value "$results/flash.csv" "${column%%:*}")
        [ "$value" = "${column#*:}" ] || problem "flash.csv $label ${column%%:*} is '$value'," \
            "arm-none-eabi-size says ${column#*:}"
    done
    value=$(csv_value "$results/ram_static.csv" static_ram_bytes)
    [ "$value" = $((data + bss)) ] ||
        problem "ram_static.csv $label static_ram_bytes is '$value', data + bss is $((data + bss))"
    ctx=$(csv_value "$results/ram_static.csv" sizeof_ssl_context_bytes)
    conf=$(csv_value "$results/ram_static.csv" sizeof_ssl_config_bytes)
    sess=$(csv_value "$results/ram_static.csv" sizeof_ssl_session_bytes)
    crt=$(csv_value "$results/ram_static.csv" sizeof_x509_crt_bytes)
    client=$(csv_value "$results/ram_static.csv" sizeof_mbp_client_bytes)
    for value in "$ctx" "$conf" "$sess" "$crt" "$client"; do
        [[ $value =~ ^[1-9][0-9]*$ ]] ||
            { problem "ram_static.csv $label: a sizeof is '$value'"; return; }
    done
    # struct mbp_client holds one of each: it cannot be smaller than their sum.
    [ "$client" -ge $((ctx + conf + sess + crt)) ] ||
        problem "sizeof(struct mbp_client) $client < context $ctx + config $conf +" \
            "session $sess + x509_crt $crt"
}

[ -f "$elf" ] || { problem "$elf not found (the image did not link)"; exit 1; }
check_header
check_vectors
check_contents
check_rows
if [ "$problems" -ne 0 ]; then
    echo "check-image: $problems problem(s) in $elf" >&2
    exit 1
fi
echo "check-image: $elf: bootable image, figures in $results match it"
