# Chart of the Cortex-M image flash by module; sourced by scripts/charts.sh.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# chart_flash FILE draws flash_modules.csv (scripts/build-arm.sh) as flash.png and .svg: one
# stacked bar per profile, a block per module, in KiB. A file with several CPUs draws the first
# one it lists. Uses csv_awk, render, die and profiles_of of charts.sh.
# shellcheck shell=bash

# The issue's goal for the x25519-min image on a Cortex-M4 (issue 3), drawn as a reference line.
readonly FLASH_GOAL_KIB=61

# Module ids of flash_modules.csv and the names the legend gives them.
readonly FLASH_MODULE_LABELS="tls=TLS
x509=X.509
pk_asn1_oid_pem=PK/ASN.1/OID/PEM
psa_core=PSA core
ecp_bignum=ECP/bignum/ECDSA/ECDH
p256m=p256-m
rsa_dhm_lms=RSA/DHM/LMS
aes_gcm_chachapoly=AES/GCM/ChaCha20/Poly1305
sha_md_hmac=SHA/MD/HMAC/HKDF
entropy_drbg_platform=entropy/DRBG/platform
client_core=client core (src/)
image_port=start-up and port hooks (arm/)
libc=libc (newlib-nano)
libgcc=libgcc
other=other (alignment fill)"

# flash_modules.csv to a wide table: profile, one KiB column per module that is not zero in
# every profile (legend names as headers), total_kib. Prints the target drawn.
flash_pivot() {
    local src=$1 dst=$2

    csv_awk "$src" "profile target module flash_bytes" '
        BEGIN {
            n = split(labels, line, "\n")
            for (i = 1; i <= n; i++) {
                eq = index(line[i], "="); name[substr(line[i], 1, eq - 1)] = substr(line[i], eq + 1)
            }
        }
        target == "" { target = c("target") }
        c("target") != target { next }
        {
            p = c("profile"); m = c("module")
            if (!(p in seen_p)) { seen_p[p] = 1; plist[++np] = p }
            if (!(m in seen_m)) { seen_m[m] = 1; mlist[++nm] = m }
            kib[p, m] = c("flash_bytes") / 1024; total[p] += c("flash_bytes") / 1024
            if (c("flash_bytes") > 0) used[m] = 1
        }
        END {
            if (MISSING) exit 3
            if (np == 0) exit 4
            header = "profile"
            for (j = 1; j <= nm; j++) {
                m = mlist[j]
                if (m in used) header = header "," (m in name ? name[m] : m)
            }
            print header ",total_kib" > dst
            for (i = 1; i <= np; i++) {
                row = plist[i]
                for (j = 1; j <= nm; j++)
                    if (mlist[j] in used) row = row sprintf(",%.3f", kib[plist[i], mlist[j]])
                printf "%s,%.3f\n", row, total[plist[i]] > dst
            }
            print target
        }' -v labels="$FLASH_MODULE_LABELS" -v dst="$dst"
}

# Second title line: Mbed TLS version, target compiler and flags, C library.
flash_subtitle() {
    local src=$1 version cc flags libc

    version=$(csv_awk "$src" "mbedtls_version" '{ print c("mbedtls_version"); exit }')
    cc=$(sed -n 's/^# target_compiler: //p' "$src" | head -n 1)
    flags=$(sed -n 's/^# target_cflags: //p' "$src" | head -n 1 |
        tr ' ' '\n' | grep -E '^-(O|mcpu=|mfloat-abi=)' | paste -sd' ' -)
    libc=$(sed -n 's/^# target_libc: //p' "$src" | head -n 1)
    printf 'Mbed TLS %s · %s %s · %s' "${version:-?}" "${cc:-compiler unknown}" \
        "$flags" "${libc:-C library unknown}"
}

chart_flash() {
    local src=$1 data="$WORK_DIR/flash_wide.csv" target rc=0 modules

    target=$(flash_pivot "$src" "$data") || rc=$?
    ((rc == 0)) || die "chart 'flash': $src has no data rows, or columns are missing (see above)"
    modules=$(($(head -n 1 "$data" | tr ',' '\n' | wc -l) - 2))
    render flash "$data" "$(flash_subtitle "$src")" "$(profiles_of "$data")" \
        "target=$target" "modules=$modules" "goal_kib=$FLASH_GOAL_KIB"
}
