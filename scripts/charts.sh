#!/usr/bin/env bash
# Draw the charts of a results set (PNG and SVG) from its CSV files with gnuplot.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: charts.sh [--client-binary NAME] [--clock NAME] [--all] RESULTS_DIR
#        charts.sh --versions OUT_DIR SET SET [SET...]   (cross-version charts: charts/versions.sh)
#
# Reads RESULTS_DIR/{size,keygen,handshake,handshake_samples}.csv ('#' provenance lines and a
# header row; columns are found by name) and writes RESULTS_DIR/charts/<chart>.png and .svg:
#   size              text, data and bss of the client binary per profile (size.csv)
#   keygen            key pair generation time per key type and profile (keygen.csv)
#   handshake         handshake wall and CPU time per profile (handshake.csv)
#   handshake_cdf     distribution of every handshake's wall and CPU time (handshake_samples.csv)
#   tradeoff          client text size against handshake CPU time (size.csv + handshake.csv)
#   ram, crypto       RAM per handshake (ram.csv), crypto operations with the OpenSSL ratio
#                     (crypto.csv); scripts/charts/bench.sh
# A chart whose CSV is absent is skipped with a note (an error with --all). Any gnuplot error
# or warning, or a missing or empty output file, fails the run and names the chart. The awk
# steps below select, pivot and join rows into temporary CSVs; the gnuplot scripts in
# scripts/charts/ draw them.

set -euo pipefail
# Decimal points in awk, sort and gnuplot; UTF-8 for the labels.
export LC_ALL=C.UTF-8

readonly PROG="charts"
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly GP_DIR="$SCRIPT_DIR/charts"

CLIENT_BINARY="mbp-client"
KEYGEN_CLOCK="CLOCK_THREAD_CPUTIME_ID"
REQUIRE_ALL=0
RESULTS_DIR=""
OUT_DIR=""
WORK_DIR=""
CHARTS_MADE=()

log() {
    printf '%s: %s\n' "$PROG" "$*" >&2
}

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: charts.sh [--client-binary NAME] [--clock NAME] [--all] RESULTS_DIR

Writes RESULTS_DIR/charts/{size,keygen,handshake,handshake_cdf,tradeoff}.{png,svg}.
  --client-binary NAME  binary column value of the client in size.csv (default $CLIENT_BINARY)
  --clock NAME          clock of keygen.csv to draw (default $KEYGEN_CLOCK)
  --all                 fail when an input CSV is missing instead of skipping its charts
Across versions: charts.sh --versions OUT_DIR SET SET [SET...] (see --versions --help).
EOF
    exit 2
}

# csv_awk FILE "COLUMN..." PROGRAM [AWK_ARGS...]: runs PROGRAM over the data rows of FILE,
# after '#' lines, blank lines and repeated header rows are dropped. In PROGRAM, c("name") is
# the named field of the current row and COL["name"] its index; HEADER is the header row.
# Exits 3 (after a message naming the file and column) when a listed column is missing.
csv_awk() {
    local file=$1 need=$2 program=$3

    shift 3
    awk -F, -v need="$need" -v file="$file" "$@" '
        function c(name) { return $(COL[name]) }
        BEGIN { n_need = split(need, NEED, " ") }
        { sub(/\r$/, "") }
        /^#/ || /^[ \t]*$/ { next }
        HEADER == "" {
            HEADER = $0
            for (i = 1; i <= NF; i++) COL[$i] = i
            for (i = 1; i <= n_need; i++) {
                if (!(NEED[i] in COL)) {
                    printf "charts: error: %s has no column \"%s\"\n", file, NEED[i] > "/dev/stderr"
                    MISSING = 1
                    exit 3
                }
            }
            next
        }
        $0 == HEADER { next }
        '"$program" "$file"
}

# Quote a value as a gnuplot string expression; a line break becomes "\n" between literals.
gp_str() {
    local value=${1//\'/\'\'}

    printf "'%s'" "${value//$'\n'/\' . \"\\n\" . \'}"
}

# Second title line of a chart: Mbed TLS version, machine and compiler from the CSV itself.
subtitle_of() {
    local file=$1

    csv_awk "$file" "" '
        ("mbedtls_version" in COL) && c("mbedtls_version") != "" && !(c("mbedtls_version") in v) {
            v[c("mbedtls_version")] = 1
            versions = versions (versions == "" ? "" : "/") c("mbedtls_version")
        }
        END {
            while ((getline line < file) > 0) {
                if (line !~ /^# [a-z_]+: /) continue
                key = line; sub(/^# /, "", key); sub(/:.*/, "", key)
                value = line; sub(/^# [a-z_]+: /, "", value)
                if (value != "unknown" && value !~ /^unknown /) meta[key] = value
            }
            if (versions == "" && ("mbedtls_version" in meta)) versions = meta["mbedtls_version"]
            out = versions == "" ? "" : "Mbed TLS " versions
            if ("cpu" in meta) {
                cpu = meta["cpu"]
                if ("cores_online" in meta) cpu = cpu ", " meta["cores_online"] " cores"
                out = out (out == "" ? "" : " · ") cpu
            }
            cc = ""
            if ("compiler" in meta) {
                cc = meta["compiler"]; sub(/.*\//, "", cc)
                if ("compiler_version" in meta) {
                    n = split(meta["compiler_version"], w, " ")
                    if (w[n] ~ /^[0-9][0-9.]*$/ && index(cc, w[n]) == 0) cc = cc " " w[n]
                }
            }
            if ("cflags" in meta) cc = cc (cc == "" ? "" : " ") meta["cflags"]
            # The compiler goes on a line of its own when one line would not fit a chart.
            sep = length(out) + length(cc) > 90 ? "\n" : " · "
            if (cc != "") out = out (out == "" ? "" : sep) cc
            print out
        }'
}

# Profiles in the order of their first row in FILE, space-separated.
profiles_of() {
    csv_awk "$1" "profile" '
        !(c("profile") in seen) {
            seen[c("profile")] = 1
            list = list (list == "" ? "" : " ") c("profile")
        }
        END { print list }'
}

# render CHART DATAFILE SUBTITLE PROFILES [NAME=VALUE...]: both formats, checked.
render() {
    local chart=$1 datafile=$2 subtitle=$3 profiles=$4 fmt out vars kv err rc

    shift 4
    for fmt in png svg; do
        out="$OUT_DIR/$chart.$fmt"
        rm -f "$out"
        vars="fmt='$fmt'; outfile=$(gp_str "$out"); datafile=$(gp_str "$datafile")"
        vars+="; subtitle=$(gp_str "$subtitle"); profiles=$(gp_str "$profiles")"
        for kv in "$@"; do
            vars+="; ${kv%%=*}=$(gp_str "${kv#*=}")"
        done
        rc=0
        err=$(gnuplot -e "$vars" "$GP_DIR/common.gp" "$GP_DIR/$chart.gp" 2>&1 >/dev/null) || rc=$?
        if ((rc != 0)) || [[ -n "$err" ]]; then
            die "chart '$chart' ($fmt): gnuplot reported (exit status $rc):"$'\n'"$err"
        fi
        check_output "$chart" "$out"
    done
    CHARTS_MADE+=("$chart")
    log "chart $chart: $OUT_DIR/$chart.png, $chart.svg"
}

check_output() {
    local chart=$1 out=$2

    [[ -s "$out" ]] || die "chart '$chart': gnuplot wrote no $out (or an empty file)"
    case "$out" in
    *.png)
        [[ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" == '211PNG' ]] ||
            die "chart '$chart': $out is not a PNG image"
        ;;
    *.svg) grep -q '</svg>' "$out" || die "chart '$chart': $out is not a complete SVG file" ;;
    *) die "internal: unknown output type of $out" ;;
    esac
}

# input CSV_NAME CHART...: path of RESULTS_DIR/CSV_NAME, or empty when it is absent; then
# the charts are skipped, and older files of theirs removed so that none outlives its data.
input() {
    local path="$RESULTS_DIR/$1" chart

    shift
    if [[ -s "$path" ]]; then
        printf '%s\n' "$path"
        return
    fi
    ((REQUIRE_ALL == 0)) || die "$path is missing or empty, needed for chart(s): $*"
    log "note: $path not found; skipping chart(s): $*"
    for chart in "$@"; do
        rm -f "$OUT_DIR/$chart.png" "$OUT_DIR/$chart.svg"
    done
}

# Client rows of size.csv, header kept; prints the path of the result.
prepare_size() {
    local src=$1 dst="$WORK_DIR/size_client.csv"

    csv_awk "$src" "profile binary text_bytes data_bytes bss_bytes" '
        NR_OUT == 0 { print HEADER; NR_OUT = 1 }
        c("binary") == bin { print; found = 1 }
        END { if (!found && !MISSING) exit 4 }' -v bin="$CLIENT_BINARY" >"$dst" || {
        local rc=$? binaries

        ((rc == 4)) || exit 1
        binaries=$(csv_awk "$src" "binary" '{ print c("binary") }' | sort -u | paste -sd' ' -)
        die "$src has no rows for binary '$CLIENT_BINARY' (it has: $binaries);" \
            "pass --client-binary NAME"
    }
    printf '%s\n' "$dst"
}

chart_size() {
    local src=$1 data base

    data=$(prepare_size "$src")
    base=$(csv_awk "$data" "profile text_bytes" \
        'c("profile") == "default" { print c("text_bytes") / 1024; exit }')
    render size "$data" "$(subtitle_of "$src")" "$(profiles_of "$data")" \
        "binary_name=$CLIENT_BINARY" "base_text_kib=${base:-0}"
}

# keygen.csv to bars (one per key type and profile with status ok on the chosen clock, packed
# per key type) and tick positions. Prints "PROFILES|SAMPLES" for the subtitle.
prepare_keygen() {
    local src=$1 bars=$2 ticks=$3

    csv_awk "$src" "profile key_type key_bits clock samples median_ns p10_ns p90_ns status" '
        function label(kt, bits) { return kt ~ /[0-9]/ ? kt : kt " " bits }
        {
            p = c("profile")
            if (!(p in seen_p)) { seen_p[p] = 1; plist[++np] = p }
            k = label(c("key_type"), c("key_bits"))
            if (c("status") != "ok" || c("clock") != clock) next
            if (!(k in seen_k)) { seen_k[k] = 1; klist[++nk] = k }
            has[k, p] = 1; nbars[k]++
            med[k, p] = c("median_ns") / 1000; p10[k, p] = c("p10_ns") / 1000
            p90[k, p] = c("p90_ns") / 1000
            s = c("samples"); smin = (smin == "" || s + 0 < smin) ? s + 0 : smin
            smax = (s + 0 > smax) ? s + 0 : smax
        }
        END {
            if (MISSING) exit 3
            if (nk == 0) exit 4
            # Bar width as in keygen.gp; a cluster is at least min_w wide so that its
            # (rotated) key type label does not run into the next one.
            bw = 0.24; gap = 0.3; min_w = 0.5; x = 0
            print "key_label,profile,x,median_us,p10_us,p90_us" > bars
            print "key_label,x" > ticks
            for (i = 1; i <= nk; i++) {
                k = klist[i]; j = 0
                w = nbars[k] * bw < min_w ? min_w : nbars[k] * bw
                x0 = x + (w - nbars[k] * bw) / 2
                for (q = 1; q <= np; q++) {
                    p = plist[q]
                    if (!((k, p) in has)) continue
                    printf "%s,%s,%.3f,%.3f,%.3f,%.3f\n", k, p, x0 + (j + 0.5) * bw,
                        med[k, p], p10[k, p], p90[k, p] > bars
                    j++
                }
                printf "%s,%.3f\n", k, x + w / 2 > ticks
                x += w + gap
            }
            list = ""
            for (q = 1; q <= np; q++) list = list (q > 1 ? " " : "") plist[q]
            print list "|" (smin == smax ? smin : smin "-" smax)
        }' -v clock="$KEYGEN_CLOCK" -v bars="$bars" -v ticks="$ticks"
}

chart_keygen() {
    local src=$1 bars="$WORK_DIR/keygen_bars.csv" ticks="$WORK_DIR/keygen_ticks.csv" out rc=0
    local clocks

    out=$(prepare_keygen "$src" "$bars" "$ticks") || rc=$?
    if ((rc == 4)); then
        clocks=$(csv_awk "$src" "clock" '$COL["clock"] != "" { print c("clock") }' |
            sort -u | paste -sd' ' -)
        die "chart 'keygen': $src has no 'ok' rows on clock $KEYGEN_CLOCK (clocks present:" \
            "${clocks:-none}); pass --clock NAME"
    fi
    ((rc == 0)) || exit 1
    render keygen "$bars" "$(subtitle_of "$src")" "${out%%|*}" "ticksfile=$ticks" \
        "clock=$KEYGEN_CLOCK" "samples=${out#*|}"
}

readonly HANDSHAKE_COLUMNS="profile tls_version ciphersuite group sig_alg handshakes
wall_median_us wall_p10_us wall_p90_us cpu_median_us cpu_p10_us cpu_p90_us"

# handshake.csv data rows with their header, checked for the columns the charts use.
prepare_handshake() {
    local src=$1 dst="$WORK_DIR/handshake.csv"

    csv_awk "$src" "$HANDSHAKE_COLUMNS" '
        NR_OUT == 0 { print HEADER; NR_OUT = 1 }
        { print }
        END { if (!MISSING && NR_OUT == 0) exit 4 }' >"$dst" ||
        die "cannot draw from $src: no data rows, or columns missing (see above)"
    printf '%s\n' "$dst"
}

chart_handshake() {
    local src=$1 data counts

    data=$(prepare_handshake "$src")
    counts=$(csv_awk "$data" "handshakes" '{ print c("handshakes") }' | sort -un |
        paste -sd/ -)
    render handshake "$data" "$(subtitle_of "$src")" "$(profiles_of "$data")" \
        "handshakes=$counts"
}

# handshake_samples.csv to one empirical CDF per profile: wall and CPU values each sorted
# ascending, with the fraction of handshakes at or below them.
chart_handshake_cdf() {
    local src=$1 data="$WORK_DIR/handshake_cdf.csv" profiles raw="$WORK_DIR/samples.txt"

    profiles=$(profiles_of "$src")
    [[ -n "$profiles" ]] || die "chart 'handshake_cdf': $src has no data rows"
    csv_awk "$src" "profile wall_us cpu_us" '
        !(c("profile") in idx) { idx[c("profile")] = ++np }
        { print idx[c("profile")], c("wall_us"), c("cpu_us") }' >"$raw"
    {
        echo "profile,fraction,wall_us,cpu_us"
        paste -d' ' <(cut -d' ' -f1,2 "$raw" | sort -k1,1n -k2,2g) \
            <(cut -d' ' -f1,3 "$raw" | sort -k1,1n -k2,2g | cut -d' ' -f2) |
            awk -v profiles="$profiles" '
                BEGIN { split(profiles, name, " ") }
                { n[$1]++; rows[NR] = $0 }
                END {
                    for (i = 1; i <= NR; i++) {
                        split(rows[i], f, " ")
                        rank[f[1]]++
                        printf "%s,%.6f,%s,%s\n", name[f[1]], rank[f[1]] / n[f[1]], f[2], f[3]
                    }
                }'
    } >"$data"
    render handshake_cdf "$data" "$(subtitle_of "$src")" "$profiles"
}

# Join by profile, one row per handshake row: x is the Cortex-M4 image's flash (text + data of
# flash.csv) when FLASH is given, else the client's host text (size.csv); ram_kib is the peak
# RAM of one full handshake (heap + stack, ram.csv) when RAM is given, else empty.
join_tradeoff() { # SIZE_DATA HS_DATA FLASH RAM
    local size_data=$1 hs_data=$2 flash=${3:-} ram=${4:-}

    awk -F, '
        /^#/ || /^[ \t]*$/ { next }
        !(FILENAME in H) { H[FILENAME] = 1; for (i = 1; i <= NF; i++) COL[FILENAME, $i] = i; next }
        function c(name) { return $(COL[FILENAME, name]) }
        FILENAME == size_file {
            if (flash_file == "") x[c("profile")] = c("text_bytes") / 1024
            next
        }
        FILENAME == flash_file {
            x[c("profile")] = (c("text_bytes") + c("data_bytes")) / 1024
            next
        }
        FILENAME == ram_file {
            if (c("handshake") == "full" && c("ram_peak_bytes") > 0)
                ram[c("profile")] = c("ram_peak_bytes") / 1024
            next
        }
        { n++; prof[n] = c("profile"); count[c("profile")]++
          detail[n] = c("tls_version") " " c("group"); med[n] = c("cpu_median_us")
          p10[n] = c("cpu_p10_us"); p90[n] = c("cpu_p90_us") }
        END {
            print "profile,label,x_kib,cpu_median_us,cpu_p10_us,cpu_p90_us,ram_kib"
            for (i = 1; i <= n; i++) {
                p = prof[i]
                if (!(p in x)) {
                    print "charts: note: tradeoff: no size row for " p ", left out" > "/dev/stderr"
                    continue
                }
                label = count[p] > 1 ? p " (" detail[i] ")" : p
                printf "%s,%s,%.3f,%s,%s,%s,%s\n", p, label, x[p], med[i], p10[i], p90[i], \
                    (p in ram) ? sprintf("%.3f", ram[p]) : ""
                points++
            }
            if (points == 0) exit 4
        }' size_file="$size_data" flash_file="$flash" ram_file="$ram" \
        "$size_data" ${flash:+"$flash"} ${ram:+"$ram"} "$hs_data"
}

# Adds a side column (right, left, below or above) that places each point's label where it
# covers no other point and no label placed before it; points are taken from the right. Label
# boxes are estimated in data units (a two-line label is about 22 % of the widest x and 8 % of
# the highest y); when no side is free the label stays on the right.
place_labels() {
    awk -F, -v OFS=, '
        function set_box(i, s) {
            bx0 = x[i] + pad; bx1 = x[i] + w; by0 = y[i] - h / 2; by1 = y[i] + h / 2
            if (s == "left") { bx0 = x[i] - w; bx1 = x[i] - pad }
            if (s == "below") { by0 = y[i] - 1.6 * h; by1 = y[i] - 0.6 * h }
            if (s == "above") { by0 = y[i] + 0.6 * h; by1 = y[i] + 1.6 * h }
        }
        function box_is_free(i,    j) {
            for (j = 1; j <= n; j++)
                if (j != i && x[j] >= bx0 && x[j] <= bx1 && y[j] >= by0 && y[j] <= by1) return 0
            for (j = 1; j <= nb; j++)
                if (bx0 < B1[j] && bx1 > B0[j] && by0 < C1[j] && by1 > C0[j]) return 0
            return 1
        }
        NR == 1 { $2 = $2 OFS "side"; print; next }
        { n++; row[n] = $0; x[n] = $3 + 0; y[n] = $4 + 0; done[n] = 0
          if (x[n] > x_max) x_max = x[n]; if (y[n] > y_max) y_max = y[n] }
        END {
            w = 0.22 * x_max; h = 0.08 * y_max; pad = 0.01 * x_max
            ns = split("right left below above", S, " ")
            for (k = 1; k <= n; k++) {
                i = 0
                for (j = 1; j <= n; j++) if (!done[j] && (i == 0 || x[j] > x[i])) i = j
                done[i] = 1; side[i] = "right"
                for (s = 1; s <= ns; s++) {
                    set_box(i, S[s])
                    if (box_is_free(i)) { side[i] = S[s]; break }
                }
                set_box(i, side[i])
                nb++; B0[nb] = bx0; B1[nb] = bx1; C0[nb] = by0; C1[nb] = by1
            }
            for (i = 1; i <= n; i++) {
                nf = split(row[i], f, ",")
                line = f[1] OFS f[2] OFS side[i]
                for (j = 3; j <= nf; j++) line = line OFS f[j]
                print line
            }
        }'
}

# One point per handshake row: flash (flash.csv, else the host client's text from size.csv)
# against handshake CPU time, points sized by the full handshake's peak RAM (ram.csv) when
# the set has it.
chart_tradeoff() { # SIZE_CSV HANDSHAKE_CSV
    local size_src=$1 hs_src=$2 size_data hs_data joined data="$WORK_DIR/tradeoff.csv" rc=0
    local sides flash='' ram='' x_label

    size_data=$(prepare_size "$size_src")
    hs_data=$(prepare_handshake "$hs_src")
    ! has_columns "$RESULTS_DIR/flash.csv" profile text_bytes data_bytes ||
        flash="$RESULTS_DIR/flash.csv"
    [[ ! -s "$RESULTS_DIR/ram.csv" ]] || ram="$RESULTS_DIR/ram.csv"
    joined=$(join_tradeoff "$size_data" "$hs_data" "$flash" "$ram") || rc=$?
    case "$rc" in
    0) ;;
    4) die "chart 'tradeoff': no profile appears in both the size file and $hs_src" ;;
    *) die "chart 'tradeoff': joining the size file and $hs_src failed (see above)" ;;
    esac
    x_label="client code and read-only data: text of $CLIENT_BINARY on the host (KiB)"
    [[ -z "$flash" ]] ||
        x_label="flash of the Cortex-M4 image: text + data, $(flash_target_of "$flash") (KiB)"
    place_labels <<<"$joined" >"$data"
    sides=$(awk -F, 'NR > 1 { print $3 }' "$data" | sort -u | paste -sd' ' -)
    render tradeoff "$data" "$(subtitle_of "$hs_src")" "$(profiles_of "$data")" \
        "x_label=$x_label" "label_sides=$sides" "ram_note=${ram:+peak RAM of one full handshake}"
}

# True when FILE exists and its header row has every COLUMN (csv_awk's own column check).
has_columns() { # FILE COLUMN...
    [[ -s "$1" ]] && csv_awk "$1" "${*:2}" '{ exit }' >/dev/null 2>&1
}

# The target named in flash.csv (its first data row), for the axis label.
flash_target_of() { # FLASH_CSV
    csv_awk "$1" "target" '{ print c("target"); exit }'
}

parse_args() {
    while (($# > 0)); do
        case "$1" in
        --client-binary | --clock)
            (($# >= 2)) || die "option '$1' needs a value"
            if [[ "$1" == --clock ]]; then KEYGEN_CLOCK=$2; else CLIENT_BINARY=$2; fi
            shift 2
            ;;
        --all) REQUIRE_ALL=1 && shift ;;
        -h | --help) usage ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *)
            [[ -z "$RESULTS_DIR" ]] || die "only one RESULTS_DIR, got '$RESULTS_DIR' and '$1'"
            RESULTS_DIR=$1 && shift
            ;;
        esac
    done
    [[ -n "$RESULTS_DIR" ]] || usage
    [[ -d "$RESULTS_DIR" ]] || die "results directory '$RESULTS_DIR' not found"
}

main() {
    local size keygen handshake samples flash ram ram_target crypto

    if [[ "${1:-}" == --versions ]]; then
        # shellcheck source=scripts/charts/versions.sh
        source "$GP_DIR/versions.sh"
        versions_main "${@:2}"
        return
    fi
    parse_args "$@"
    command -v gnuplot >/dev/null ||
        die "gnuplot not found; install it (apt-get install gnuplot-nox)"
    OUT_DIR="$RESULTS_DIR/charts"
    mkdir -p "$OUT_DIR" || die "cannot create '$OUT_DIR'"
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/charts.XXXXXX")
    # shellcheck disable=SC2064 # the path is fixed now, on purpose
    trap "rm -rf '$WORK_DIR'" EXIT

    size=$(input size.csv size tradeoff)
    keygen=$(input keygen.csv keygen)
    handshake=$(input handshake.csv handshake tradeoff)
    samples=$(input handshake_samples.csv handshake_cdf)
    flash=$(input flash_modules.csv flash) # scripts/build-arm.sh; drawn by charts/flash.sh
    ram=$(input ram.csv ram)          # bench/README.md; drawn by charts/bench.sh
    ram_target=$(input ram_target.csv ram_target) # arm/ram-target.sh; charts/bench.sh
    crypto=$(input crypto.csv crypto) # bench/README.md; drawn by charts/bench.sh
    [[ -n "$size$keygen$handshake$samples$flash" ]] ||
        die "no input CSV in '$RESULTS_DIR' (expected size.csv, keygen.csv, handshake.csv," \
            "handshake_samples.csv); is it a results set?"

    [[ -z "$size" ]] || chart_size "$size"
    [[ -z "$keygen" ]] || chart_keygen "$keygen"
    [[ -z "$handshake" ]] || chart_handshake "$handshake"
    [[ -z "$samples" ]] || chart_handshake_cdf "$samples"
    [[ -z "$size" || -z "$handshake" ]] || chart_tradeoff "$size" "$handshake"
    # shellcheck source=scripts/charts/flash.sh
    [[ -z "$flash" ]] || { source "$GP_DIR/flash.sh" && chart_flash "$flash"; }
    # shellcheck source=scripts/charts/bench.sh
    [[ -z "$ram$ram_target$crypto" ]] || source "$GP_DIR/bench.sh"
    [[ -z "$ram" ]] || chart_ram "$ram"
    [[ -z "$ram_target" ]] || chart_ram_target "$ram_target"
    [[ -z "$crypto" ]] || chart_crypto "$crypto"
    log "done: ${#CHARTS_MADE[@]} chart(s) in $OUT_DIR"
}

main "$@"
