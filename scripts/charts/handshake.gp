# Chart: full handshake time per profile, wall and client CPU medians with p10-p90 error bars.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: handshake.csv data rows (one per profile run); handshakes: handshakes per row.

stats datafile using 0 nooutput
rows = STATS_records
# Wider with more runs, so that the run labels stay apart.
eval term(rows * 250 > 1100 ? rows * 250 : 1100, 680)
n = words(profiles)
d = 0.2   # offset of each bar from its cluster centre

# TLS 1.2 suite names are long: break them before WITH.
with_at(suite) = strstrt(suite, "-WITH-")
wrap_suite(suite) = with_at(suite) > 0 ? \
    suite[1:with_at(suite) - 1] . "\n" . suite[with_at(suite) + 1:*] : suite
# Height above which a value label goes: the top of the bar or of its error bar.
bar_top(clock) = column(clock . "_p90_us") > column(clock . "_median_us") ? \
    column(clock . "_p90_us") : column(clock . "_median_us")
run_label(dummy) = strcol("profile") . "\n" . strcol("tls_version") . ", " . strcol("group") . \
    "\n" . wrap_suite(strcol("ciphersuite"))

set title title2("Full TLS handshake time per profile (new TCP connection each, no resumption)", \
    subtitle . "\nmedian of " . handshakes . " handshakes, error bars p10 to p90") font ",12"
set ylabel "time per handshake (µs)"
set xrange [-0.6:rows - 0.4]
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set boxwidth 2 * d * 0.9
set xtics scale 0 font ",9"
set bmargin 6   # run labels of up to four lines under the clusters
set key top right samplen 2

plot datafile using 0:(NaN):xtic(run_label(0)) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? $0 - d : NaN):"cpu_median_us" \
        with boxes fs solid 0.9 lc rgb profile_color(word(profiles, i)) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? $0 + d : NaN):"wall_median_us" \
        with boxes fs pattern 4 lc rgb profile_color(word(profiles, i)) notitle, \
    datafile using ($0 - d):"cpu_p10_us":(0):(column("cpu_p90_us") - column("cpu_p10_us")) \
        with vectors heads size screen 0.006, 90 lc rgb "#202020" notitle, \
    datafile using ($0 + d):"wall_p10_us":(0):(column("wall_p90_us") - column("wall_p10_us")) \
        with vectors heads size screen 0.006, 90 lc rgb "#202020" notitle, \
    datafile using ($0 - d):(bar_top("cpu")):(sprintf("%.0f", column("cpu_median_us"))) \
        with labels offset 0, 0.8 font ",10" notitle, \
    datafile using ($0 + d):(bar_top("wall")):(sprintf("%.0f", column("wall_median_us"))) \
        with labels offset 0, 0.8 font ",10" notitle, \
    NaN with boxes fs solid 0.9 lc rgb "#404040" title "client CPU time (the client thread only)", \
    NaN with boxes fs pattern 4 lc rgb "#404040" \
        title "wall time (also server work and loopback round trips)"
