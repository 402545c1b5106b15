# Chart: section sizes of the client binary per profile (text; data and bss), in KiB.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: size.csv rows of the client binary only (scripts/charts.sh filters them), in the
# order of profiles; binary_name names that binary; base_text_kib is the text of the default
# profile (the baseline), or 0 when it was not measured.

eval term(1100, 620)
n = words(profiles)
kib(c) = column(c) / 1024.0
base = real(base_text_kib)
# Text label: size, and its change against the baseline for the other profiles.
text_label(p, v) = base > 0 && p ne "default" ? \
    sprintf("%.1f (%+.0f %%)", v, 100.0 * (v - base) / base) : sprintf("%.1f", v)

set multiplot layout 1, 2 title title2("Client binary size per profile (" . binary_name . ")", \
    subtitle) font ",13"

set title "Code and read-only data (text)" . (base > 0 ? ", change against default" : "")
set ylabel "KiB (1 KiB = 1024 bytes)"
set xrange [-0.6:n - 0.4]
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set boxwidth 0.6
set xtics scale 0
plot datafile using 0:(NaN):xtic(strcol("profile")) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? $0 : NaN):(kib("text_bytes")) \
        with boxes lc rgb profile_color(word(profiles, i)) notitle, \
    datafile using 0:(kib("text_bytes")):(text_label(strcol("profile"), kib("text_bytes"))) \
        with labels offset 0, 0.7 notitle

set title "Writable data: initialised (data), zero-initialised (bss)"
set boxwidth 0.36
set key top right
plot datafile using 0:(NaN):xtic(strcol("profile")) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? $0 - 0.19 : NaN):(kib("data_bytes")) \
        with boxes fs solid 0.9 lc rgb profile_color(word(profiles, i)) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? $0 + 0.19 : NaN):(kib("bss_bytes")) \
        with boxes fs pattern 4 lc rgb profile_color(word(profiles, i)) notitle, \
    datafile using ($0 - 0.19):(kib("data_bytes")):(sprintf("%.2f", kib("data_bytes"))) \
        with labels offset 0, 0.7 notitle, \
    datafile using ($0 + 0.19):(kib("bss_bytes")):(sprintf("%.2f", kib("bss_bytes"))) \
        with labels offset 0, 0.7 notitle, \
    NaN with boxes fs solid 0.9 lc rgb "#404040" title "data", \
    NaN with boxes fs pattern 4 lc rgb "#404040" title "bss"

unset multiplot
