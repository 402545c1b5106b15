# Charts of the benchmarks of bench/README.md (RAM, crypto operations); sourced by
# scripts/charts.sh. Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# chart_ram FILE draws ram.csv as ram.png and .svg, chart_ram_target FILE ram_target.csv as
# ram_target.png and .svg; chart_crypto FILE draws crypto.csv as crypto.png and .svg. Both use csv_awk, render, die, subtitle_of and WORK_DIR of charts.sh.
# shellcheck shell=bash

# The issue's goal for one x25519-min handshake, heap and stack together (issue 3).
readonly RAM_GOAL_KIB=16

# The crypto operations drawn, in this order: those a TLS 1.3 handshake and its records use,
# and that OpenSSL is measured on too. Operations absent from the file are left out.
readonly CRYPTO_CHART_OPS="x25519/generate_export x25519/agreement secp256r1/generate_export
secp256r1/agreement secp256r1/sign secp256r1/verify aes128-gcm/encrypt/64
aes128-gcm/encrypt/1024 aes128-gcm/encrypt/16384 sha256/hash/1024"

# ram.csv rows with status ok to boxes: two per profile (full, resumed), heap from 0 and stack
# on top of it, in KiB.
chart_ram() {
    local src=$1 data="$WORK_DIR/ram.csv" profiles

    csv_awk "$src" "profile handshake heap_peak_bytes stack_peak_bytes status" '
        BEGIN { print "profile,handshake,x,heap_kib,stack_kib,total_kib,note" }
        {
            p = c("profile")
            if (!(p in idx)) { idx[p] = np++ }
            x = idx[p] + (c("handshake") == "full" ? -0.2 : 0.2)
            # A handshake the profile cannot make (no tickets to resume with) gets a note.
            if (c("status") == "skipped") {
                printf "%s,%s,%.2f,0,0,0,%s\n", p, c("handshake"), x, "cannot resume"
                next
            }
            if (c("status") != "ok") next
            h = c("heap_peak_bytes") / 1024; s = c("stack_peak_bytes") / 1024
            printf "%s,%s,%.2f,%.3f,%.3f,%.3f,-\n", p, c("handshake"), x, h, s, h + s
            rows++
        }
        END { if (!MISSING && rows == 0) exit 4 }' >"$data" ||
        die "chart 'ram': $src has no rows with status ok, or columns are missing"
    profiles=$(profiles_of "$src")
    render ram "$data" "$(subtitle_of "$src")" "$profiles" "goal_kib=$RAM_GOAL_KIB"
}

# ram_target.csv to stacked bars, one per profile: heap, stack, then static RAM, in KiB.
chart_ram_target() {
    local src=$1 data="$WORK_DIR/ram_target.csv"

    csv_awk "$src" "profile heap_peak_bytes stack_peak_bytes static_ram_bytes status" '
        BEGIN { print "profile,x,static_kib,heap_kib,stack_kib,total_kib,handshake_kib" }
        c("status") == "ok" {
            t = c("static_ram_bytes") / 1024; h = c("heap_peak_bytes") / 1024
            s = c("stack_peak_bytes") / 1024
            printf "%s,%d,%.3f,%.3f,%.3f,%.3f,%.3f\n", c("profile"), rows++, t, h, s, t + h + s,
                h + s
        }
        END { if (!MISSING && rows == 0) exit 4 }' >"$data" ||
        die "chart 'ram_target': $src has no rows with status ok, or columns are missing"
    # The target's compiler and C library, as in the flash chart.
    declare -F flash_subtitle >/dev/null || source "$GP_DIR/flash.sh"
    render ram_target "$data" "$(flash_subtitle "$src")" "$(profiles_of "$data")" \
        "goal_kib=$RAM_GOAL_KIB"
}

# crypto.csv to bars: one cluster per operation, a bar per profile and one for OpenSSL, on the
# CPU clock; ratio is this bar over OpenSSL's ("OpenSSL" on OpenSSL's own bar, "-" when it has
# none).
chart_crypto() {
    local src=$1 bars="$WORK_DIR/crypto_bars.csv" ticks="$WORK_DIR/crypto_ticks.csv" out

    out=$(csv_awk "$src" "profile name clock samples median_ns p10_ns p90_ns status" '
        BEGIN { n_ops = split(ops, OPS, " "); for (i = 1; i <= n_ops; i++) want[OPS[i]] = i }
        c("clock") != clock || c("status") != "ok" || !(c("name") in want) { next }
        {
            p = c("profile"); k = c("name")
            if (!(p in seen_p)) { seen_p[p] = 1; plist[++np] = p }
            has[k, p] = 1; med[k, p] = c("median_ns") / 1000
            p10[k, p] = c("p10_ns") / 1000; p90[k, p] = c("p90_ns") / 1000
            s = c("samples") + 0; smin = (smin == "" || s < smin) ? s : smin
            if (s > smax) smax = s
        }
        END {
            if (MISSING) exit 3
            if (np == 0) exit 4
            # OpenSSL last, whatever its place in the file.
            for (q = 1; q <= np; q++) if (plist[q] != "openssl") order[++no] = plist[q]
            if ("openssl" in seen_p) order[++no] = "openssl"
            bw = 0.16; gap = 0.35; x = 0
            print "op,profile,x,median_us,p10_us,p90_us,ratio" > bars
            print "op,x" > ticks
            for (i = 1; i <= n_ops; i++) {
                k = OPS[i]; nb = 0
                for (q = 1; q <= no; q++) if ((k, order[q]) in has) nb++
                if (nb == 0) continue
                j = 0
                for (q = 1; q <= no; q++) {
                    p = order[q]
                    if (!((k, p) in has)) continue
                    # gnuplot would repeat the last label on an empty field: "-" marks none.
                    r = p == "openssl" ? "OpenSSL" : ((k, "openssl") in has) ? \
                        sprintf("%.1fx", med[k, p] / med[k, "openssl"]) : "-"
                    printf "%s,%s,%.3f,%.4f,%.4f,%.4f,%s\n", k, p, x + (j + 0.5) * bw,
                        med[k, p], p10[k, p], p90[k, p], r > bars
                    j++
                }
                printf "%s,%.3f\n", k, x + nb * bw / 2 > ticks
                x += nb * bw + gap
            }
            list = ""
            for (q = 1; q <= no; q++) list = list (q > 1 ? " " : "") order[q]
            print list "|" (smin == smax ? smin : smin "-" smax)
        }' -v ops="$CRYPTO_CHART_OPS" -v clock="$KEYGEN_CLOCK" -v bars="$bars" \
        -v ticks="$ticks") ||
        die "chart 'crypto': $src has no 'ok' rows of the charted operations on $KEYGEN_CLOCK"
    render crypto "$bars" "$(subtitle_of "$src")" "${out%%|*}" "ticksfile=$ticks" \
        "clock=$KEYGEN_CLOCK" "samples=${out#*|}"
}
