# Chart: change of size and handshake figures across versions, per profile, against the first.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: the columns of tradeoff_versions.gp, then per figure its change against the
# profile's first version in % (text_pct, static_pct, cpu_pct with cpu_p10_pct/cpu_p90_pct,
# wall_pct with wall_p10_pct/wall_p90_pct) and the label heights of the last version
# (text_label_y, static_label_y, cpu_label_y, wall_label_y); versions: set labels, oldest first.
# size_label, static_label: what text_kib and static_kib are (flash.csv or size.csv).

eval term(1300, 900)
n = words(profiles)
nv = words(versions)
last_label(value, kib_or_us, unit) = strcol("profile") . sprintf(" %+.2f %% (%s)", value, \
    unit eq "KiB" ? sprintf("%.1f KiB", kib_or_us) : fmt_us(kib_or_us))

set multiplot layout 2, 2 title title2("Change across versions, per profile, against " . \
    word(versions, 1), subtitle . "\nlabels: change at " . word(versions, nv) . \
    " and its value; error bars: p10 to p90 of the handshake times") font ",13"
set xrange [0.8:nv + 1.1]
set xtics ()
do for [j = 1:nv] {
    set xtics add (word(versions, j) j)
}
set xlabel "version"
set ylabel "change against " . word(versions, 1) . " (%)"
set grid back xtics ytics lt 1 lc rgb "#e4e4e4" lw 0.8
set offsets 0, 0, graph 0.08, graph 0.08
# One legend for every panel, in a row under them.
set key at screen 0.5, screen 0.01 center bottom horizontal maxrows 1 samplen 2 width 1
set bmargin 5

# One panel: a line per profile; err is "" or the figure's prefix with p10/p90 columns.
panel(fig, err, unit, value) = sprintf('plot for [i = 1:n] datafile using ' . \
    '(strcol("profile") eq word(profiles, i) ? column("vindex") : NaN):"%s_pct" ' . \
    'with linespoints lw 2 pt 7 ps 1.2 lc rgb profile_color(word(profiles, i)) ' . \
    'title word(profiles, i)%s, for [i = 1:n] datafile using (column("vindex") == nv && ' . \
    'strcol("profile") eq word(profiles, i) ? column("vindex") : NaN):"%s_label_y":' . \
    '(last_label(column("%s_pct"), column("%s"), "%s")) with labels left offset 1.2, 0 ' . \
    'font ",9" tc rgb profile_color(word(profiles, i)) notitle', fig, err eq "" ? "" : \
    sprintf(', ' . \
    'datafile using "vindex":"%s_p10_pct":(0):(column("%s_p90_pct") - column("%s_p10_pct")) ' . \
    'with vectors heads size screen 0.004, 90 lc rgb "#808080" notitle', err, err, err), \
    fig, fig, value, unit)

# gnuplot warns about an empty y range when every value of a panel is the same (nothing
# changed, one profile): such a panel gets a range of its own.
y_range(fig, err) = sprintf('set autoscale y; stats datafile using "%s_label_y" nooutput;' . \
    ' lo = STATS_min; hi = STATS_max; %s if (hi - lo < 1e-6) { set yrange [lo - 0.5:hi + 0.5] }', \
    fig, err eq "" ? "" : sprintf('stats datafile using "%s_p10_pct" nooutput;' . \
    ' lo = lo < STATS_min ? lo : STATS_min; stats datafile using "%s_p90_pct" nooutput;' . \
    ' hi = hi > STATS_max ? hi : STATS_max;', err, err))

set title size_label
eval y_range("text", "")
eval panel("text", "", "KiB", "text_kib")
unset key
set title static_label
eval y_range("static", "")
eval panel("static", "", "KiB", "static_kib")
set title "Handshake client CPU time, median"
eval y_range("cpu", "cpu")
eval panel("cpu", "cpu", "us", "cpu_median_us")
set title "Handshake wall time, median (also server work and loopback)"
eval y_range("wall", "wall")
eval panel("wall", "wall", "us", "wall_median_us")
unset multiplot
