# Cross-version charts of several results sets; sourced by scripts/charts.sh (--versions).
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# charts.sh --versions OUT_DIR SET... writes OUT_DIR/<chart>.png and .svg, the sets taken in
# the order given (oldest first); a set is labelled by its directory name without "mbedtls-":
#   tradeoff_versions       client text size against handshake CPU time, a point per profile
#                           and version, point area for peak RAM when every set has ram.csv
#   trend                   change of client text, static data, handshake CPU and wall time
#                           against the first set, per profile (a profile missing from the
#                           first set: against the first set that has it)
#   handshake_cdf_versions  handshake time distribution per profile, a curve per version
# Uses csv_awk, render, die, log, subtitle_of and place_labels of charts.sh.
# shellcheck shell=bash

VERSION_LABELS=()
VERSION_SETS=()
RAM_COLUMNS=""

versions_usage() {
    cat >&2 <<EOF
usage: charts.sh --versions OUT_DIR SET SET [SET...]

Writes OUT_DIR/{tradeoff_versions,trend,handshake_cdf_versions}.{png,svg} from two or more
results sets, oldest first. Every set needs size.csv and handshake.csv; the distribution chart
also handshake_samples.csv (skipped with a note otherwise); ram.csv sizes the trade-off points.
  --client-binary NAME  binary column value of the client in size.csv (default $CLIENT_BINARY)
EOF
    exit 2
}

versions_parse_args() {
    while (($# > 0)); do
        case "$1" in
        --client-binary)
            (($# >= 2)) || die "option '$1' needs a value"
            CLIENT_BINARY=$2 && shift 2
            ;;
        -h | --help) versions_usage ;;
        -*) die "unknown option '$1' (see --versions --help)" ;;
        *)
            if [[ -z "$OUT_DIR" ]]; then OUT_DIR=$1; else VERSION_SETS+=("$1"); fi
            shift
            ;;
        esac
    done
    [[ -n "$OUT_DIR" ]] || versions_usage
    ((${#VERSION_SETS[@]} >= 2)) || die "--versions needs two or more results sets after" \
        "OUT_DIR, got ${#VERSION_SETS[@]}"
}

# Labels from the directory names; every set must hold the files the charts read.
versions_check_sets() {
    local dir label seen=" " f

    for dir in "${VERSION_SETS[@]}"; do
        [[ -d "$dir" ]] || die "results set '$dir' not found"
        for f in size.csv handshake.csv; do
            [[ -s "$dir/$f" ]] || die "results set '$dir' has no $f (needed by every chart)"
        done
        label=$(basename "$(cd "$dir" && pwd)")
        label=${label#mbedtls-}
        [[ "$label" =~ ^[^[:space:],\']+$ ]] ||
            die "results set '$dir': its directory name '$label' has spaces, commas or quotes;" \
                "rename it (it labels the set in the charts)"
        [[ "$seen" != *" $label "* ]] ||
            die "two results sets are both labelled '$label' (from their directory names);" \
                "put them in directories of different names"
        seen+="$label "
        VERSION_LABELS+=("$label")
    done
}

# Peak RAM per profile from ram.csv: "R,profile,KiB" lines, then "C,columns". The figure is
# ram_peak_bytes (heap + stack), peak_ram_bytes or total_peak_bytes when there is one, else
# the sum of every *peak*_bytes column of a row; of the full handshake's row where the file has
# a handshake column (as tradeoff.png), else the largest over the profile's rows. Rows without
# a figure (status not ok) count as 0.
ram_points() {
    csv_awk "$1" "profile" '
        !chosen {
            chosen = 1
            if ("ram_peak_bytes" in COL) cols = "ram_peak_bytes"
            else if ("peak_ram_bytes" in COL) cols = "peak_ram_bytes"
            else if ("total_peak_bytes" in COL) cols = "total_peak_bytes"
            else {
                for (name in COL) if (name ~ /peak.*_bytes$/) at[COL[name]] = name
                for (k = 1; k <= NF; k++) if (k in at) cols = cols " " at[k]
            }
            if (cols == "") exit 4
        }
        # The full handshake, as in the chart of one set, where the file tells handshakes apart.
        ("handshake" in COL) && c("handshake") != "full" { next }
        {
            n = split(cols, K, " "); v = 0
            for (i = 1; i <= n; i++) v += $(COL[K[i]])
            if (!(c("profile") in peak) || v > peak[c("profile")]) peak[c("profile")] = v
        }
        END {
            if (MISSING) exit 3
            if (cols == "") exit 4
            for (p in peak) printf "R,%s,%.3f\n", p, peak[p] / 1024
            sub(/^ /, "", cols); print "C," cols
        }'
}

# One CSV line per profile of a set: label, index, profile, text and static data (KiB), the
# handshake medians and p10/p90 of its first handshake row (the full handshake of run.sh), and
# peak RAM (KiB, empty without RAM figures).
# With SIZE_FROM_FLASH, "text" is the Cortex-M4 image's flash (text + data of flash.csv) and
# "static" its data + bss.
set_points() {
    local dir=$1 label=$2 index=$3 size hs ram=""

    if ((SIZE_FROM_FLASH)); then
        size=$(csv_awk "$dir/flash.csv" "profile text_bytes data_bytes bss_bytes" '
            { printf "S,%s,%.3f,%.3f\n", c("profile"), (c("text_bytes") + c("data_bytes")) / 1024,
                (c("data_bytes") + c("bss_bytes")) / 1024 }') || exit 1
    else
        size=$(csv_awk "$dir/size.csv" "profile binary text_bytes data_bytes bss_bytes" '
            c("binary") == bin { printf "S,%s,%.3f,%.3f\n", c("profile"), c("text_bytes") / 1024,
                (c("data_bytes") + c("bss_bytes")) / 1024 }' -v bin="$CLIENT_BINARY") || exit 1
    fi
    hs=$(csv_awk "$dir/handshake.csv" "$HANDSHAKE_COLUMNS" '
        !(c("profile") in seen) {
            seen[c("profile")] = 1
            print "H", c("profile"), c("cpu_median_us"), c("cpu_p10_us"), c("cpu_p90_us"),
                c("wall_median_us"), c("wall_p10_us"), c("wall_p90_us")
        }' -v OFS=,) || exit 1
    [[ -z "$RAM_COLUMNS" ]] || ram=$(ram_points "$dir/ram.csv") || exit 1
    printf '%s\n%s\n%s\n' "$size" "$hs" "$ram" | awk -F, -v OFS=, -v label="$label" \
        -v vindex="$index" -v dir="$dir" '
        $1 == "S" && !($2 in text) { order[++n] = $2; text[$2] = $3; static[$2] = $4 }
        $1 == "H" { hs[$2] = $3 OFS $4 OFS $5 OFS $6 OFS $7 OFS $8 }
        $1 == "R" { ram[$2] = $3 }
        END {
            for (i = 1; i <= n; i++) {
                p = order[i]
                if (!(p in hs)) {
                    printf "charts: note: %s: no handshake row for %s, left out\n", dir, p \
                        > "/dev/stderr"
                    continue
                }
                print label, vindex, p, text[p], static[p], hs[p], ram[p]
            }
        }'
}

# The RAM figures size the trade-off points only when every set has them, so that sizes
# compare; RAM_COLUMNS names the columns used (empty: no RAM sizing).
versions_pick_ram() {
    local dir out cols="" rc

    for dir in "${VERSION_SETS[@]}"; do
        if [[ ! -s "$dir/ram.csv" ]]; then
            log "note: $dir has no ram.csv; trade-off points are not sized by RAM"
            RAM_COLUMNS=""
            return
        fi
        rc=0
        out=$(ram_points "$dir/ram.csv") || rc=$?
        ((rc != 4)) || die "$dir/ram.csv has no peak RAM column (ram_peak_bytes," \
            "peak_ram_bytes, total_peak_bytes or *peak*_bytes)"
        ((rc == 0)) || exit 1
        [[ -z "$cols" || "$cols" == "$(sed -n 's/^C,//p' <<<"$out")" ]] ||
            die "the ram.csv files of the sets have different peak columns; cannot compare"
        cols=$(sed -n 's/^C,//p' <<<"$out")
        RAM_COLUMNS=$cols
    done
}

# Change of each figure against the profile's first set, in %, with p10/p90 likewise, and a
# label height per panel that keeps the last set's labels apart.
add_changes() {
    awk -F, -v OFS=, -v last="${#VERSION_SETS[@]}" '
        NR == 1 { print $0, "text_pct,static_pct,cpu_pct,cpu_p10_pct,cpu_p90_pct,wall_pct," \
            "wall_p10_pct,wall_p90_pct,text_label_y,static_label_y,cpu_label_y,wall_label_y"
            next }
        function pct(v, b) { return b > 0 ? 100 * (v - b) / b : 0 }
        {
            p = $3
            if (!(p in base)) { base[p] = 1; bt[p] = $4; bs[p] = $5; bc[p] = $6; bw[p] = $9 }
            if (!(p in np)) porder[++nprof] = p
            np[p]++
            row[++n] = $0; prof[n] = p; ver[n] = $2
            v[n, 1] = pct($4, bt[p]); v[n, 2] = pct($5, bs[p])
            v[n, 3] = pct($6, bc[p]); v[n, 4] = pct($7, bc[p]); v[n, 5] = pct($8, bc[p])
            v[n, 6] = pct($9, bw[p]); v[n, 7] = pct($10, bw[p]); v[n, 8] = pct($11, bw[p])
        }
        END {
            split("1 2 3 6", panel, " ")
            for (k = 1; k <= 4; k++) spread(panel[k], k)
            # Grouped by profile: gnuplot breaks a line at every row it leaves out.
            for (q = 1; q <= nprof; q++) {
                for (i = 1; i <= n; i++) {
                    if (prof[i] != porder[q]) continue
                    line = row[i]
                    for (m = 1; m <= 8; m++) line = line OFS sprintf("%.4f", v[i, m])
                    for (k = 1; k <= 4; k++) line = line OFS sprintf("%.4f", label_y[i, k])
                    print line
                }
            }
        }
        # Label heights of the last set in one panel: in value order, at least 7 % of the
        # panel range apart.
        function spread(m, k,    i, j, t, cnt, idx, lo, hi, gap, e) {
            lo = 0; hi = 0; cnt = 0
            for (i = 1; i <= n; i++) {
                # The panel range: the figure and, for times, its p10 and p90 (m + 1, m + 2).
                for (e = m; e <= (m == 3 || m == 6 ? m + 2 : m); e++) {
                    if (v[i, e] < lo) lo = v[i, e]
                    if (v[i, e] > hi) hi = v[i, e]
                }
                if (ver[i] == last) idx[++cnt] = i
            }
            gap = hi > lo ? 0.07 * (hi - lo) : 0.07
            for (i = 2; i <= cnt; i++)
                for (j = i; j > 1 && v[idx[j], m] < v[idx[j - 1], m]; j--) {
                    t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t
                }
            for (i = 1; i <= cnt; i++) {
                label_y[idx[i], k] = v[idx[i], m]
                if (i > 1 && label_y[idx[i], k] < label_y[idx[i - 1], k] + gap)
                    label_y[idx[i], k] = label_y[idx[i - 1], k] + gap
            }
        }'
}

# Arrows from each set's point of a profile to the next set's: profile,x,y,dx,dy.
tradeoff_segments() {
    awk -F, -v OFS=, '
        NR == 1 { print "profile,x,y,dx,dy"; next }
        {
            if ($3 in x) print $3, x[$3], y[$3], $4 - x[$3], $6 - y[$3]
            x[$3] = $4; y[$3] = $6
        }' "$1"
}

# Every handshake of every set as an empirical CDF per profile and set: wall and CPU values
# each sorted ascending, with the fraction of that run's handshakes at or below them.
versions_samples() {
    local raw="$WORK_DIR/version_samples.txt" i

    : >"$raw"
    for i in "${!VERSION_SETS[@]}"; do
        csv_awk "${VERSION_SETS[$i]}/handshake_samples.csv" "profile wall_us cpu_us" '
            { print vi, c("profile"), c("wall_us"), c("cpu_us") }' -v vi="$((i + 1))" \
            >>"$raw" || exit 1
    done
    echo "profile,version,fraction,wall_us,cpu_us"
    paste -d' ' <(cut -d' ' -f1-3 "$raw" | sort -k1,1n -k2,2 -k3,3g) \
        <(cut -d' ' -f1,2,4 "$raw" | sort -k1,1n -k2,2 -k3,3g | cut -d' ' -f3) |
        awk -v labels="${VERSION_LABELS[*]}" '
            BEGIN { split(labels, name, " ") }
            { n[$1, $2]++; rows[NR] = $0 }
            END {
                for (i = 1; i <= NR; i++) {
                    split(rows[i], f, " ")
                    rank[f[1], f[2]]++
                    printf "%s,%s,%.6f,%s,%s\n", f[2], name[f[1]],
                        rank[f[1], f[2]] / n[f[1], f[2]], f[3], f[4]
                }
            }'
}

# Subtitle: the machine and compiler of the first set, with a warning when another set was
# measured elsewhere (its time figures then do not compare).
versions_subtitle() {
    local first="" line dir

    for dir in "${VERSION_SETS[@]}"; do
        line=$(subtitle_of "$dir/handshake.csv" |
            sed 's/^Mbed TLS [^ ]* · //; s/^Mbed TLS [^ ]*$//')
        if [[ -z "$first" ]]; then
            first=$line
        elif [[ "$line" != "$first" ]]; then
            printf '%s\n' "$first · WARNING: the sets come from different machines or compilers"
            return
        fi
    done
    printf '%s\n' "$first"
}

# Sizes come from the Cortex-M4 images (flash.csv) when every set has them, else from the host
# client (size.csv); sets SIZE_FROM_FLASH and the axis texts SIZE_LABEL and STATIC_LABEL.
versions_pick_size() {
    local dir

    SIZE_FROM_FLASH=1
    for dir in "${VERSION_SETS[@]}"; do
        has_columns "$dir/flash.csv" profile text_bytes data_bytes bss_bytes || SIZE_FROM_FLASH=0
    done
    if ((SIZE_FROM_FLASH)); then
        SIZE_LABEL="flash of the Cortex-M4 image (text + data)"
        STATIC_LABEL="static RAM of the Cortex-M4 image (data + bss)"
    else
        log "note: a set has no flash.csv; sizes are those of the host $CLIENT_BINARY"
        SIZE_LABEL="client code and read-only data (text of $CLIENT_BINARY on the host)"
        STATIC_LABEL="client static data (data + bss of $CLIENT_BINARY on the host)"
    fi
}

versions_main() {
    local points data segments labels samples subtitle profiles i have_samples=1

    versions_parse_args "$@"
    versions_check_sets
    command -v gnuplot >/dev/null ||
        die "gnuplot not found; install it (apt-get install gnuplot-nox)"
    mkdir -p "$OUT_DIR" || die "cannot create '$OUT_DIR'"
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/charts.XXXXXX")
    # shellcheck disable=SC2064 # the path is fixed now, on purpose
    trap "rm -rf '$WORK_DIR'" EXIT
    versions_pick_ram
    versions_pick_size
    points="$WORK_DIR/version_points.csv"
    data="$WORK_DIR/version_trend.csv"
    segments="$WORK_DIR/version_segments.csv"
    labels="$WORK_DIR/version_labels.csv"
    {
        printf '%s%s\n' "version,vindex,profile,text_kib,static_kib,cpu_median_us,cpu_p10_us," \
            "cpu_p90_us,wall_median_us,wall_p10_us,wall_p90_us,ram_kib"
        for i in "${!VERSION_SETS[@]}"; do
            set_points "${VERSION_SETS[$i]}" "${VERSION_LABELS[$i]}" "$((i + 1))"
        done
    } >"$points"
    [[ $(wc -l <"$points") -gt 1 ]] || die "no profile has both a size and a handshake row"
    profiles=$(profiles_of "$points")
    subtitle=$(versions_subtitle)
    tradeoff_segments "$points" >"$segments"
    add_changes <"$points" >"$data"

    # Labels of the newest set's points, each on a side where it covers no other point; the
    # older points take part (with an empty label) so that labels keep off them too.
    awk -F, -v OFS=, -v last="${#VERSION_SETS[@]}" '
        NR == 1 { print "profile,label,text_kib,cpu_median_us,cpu_p10_us,cpu_p90_us" }
        NR > 1 { print $3, ($2 == last ? $3 : ""), $4, $6, $7, $8 }' "$points" |
        place_labels >"$labels"
    render tradeoff_versions "$points" "$subtitle" "$profiles" "segfile=$segments" \
        "labelfile=$labels" "label_sides=$(awk -F, 'NR > 1 && $2 != "" { print $3 }' "$labels" |
            sort -u | paste -sd' ' -)" "versions=${VERSION_LABELS[*]}" \
        "ram_columns=$RAM_COLUMNS" "size_label=$SIZE_LABEL"
    render trend "$data" "$subtitle" "$profiles" "versions=${VERSION_LABELS[*]}" \
        "size_label=$SIZE_LABEL" "static_label=$STATIC_LABEL"
    for i in "${VERSION_SETS[@]}"; do
        [[ -s "$i/handshake_samples.csv" ]] || have_samples=0
    done
    if ((have_samples)); then
        samples="$WORK_DIR/version_cdf.csv"
        versions_samples >"$samples"
        render handshake_cdf_versions "$samples" "$subtitle" "$(profiles_of "$samples")" \
            "versions=${VERSION_LABELS[*]}"
    else
        log "note: a set has no handshake_samples.csv; skipping chart handshake_cdf_versions"
        rm -f "$OUT_DIR/handshake_cdf_versions.png" "$OUT_DIR/handshake_cdf_versions.svg"
    fi
    log "done: ${#CHARTS_MADE[@]} chart(s) in $OUT_DIR"
}
