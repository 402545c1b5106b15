# Chart: trade-off between client code size and handshake CPU time, one point per profile.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile,label,side,x_kib,cpu_median_us,cpu_p10_us,cpu_p90_us,ram_kib (flash.csv or
# size.csv, handshake.csv and ram.csv joined by scripts/charts.sh; side: where the label goes,
# right, left, below or above its point); label_sides: the sides in use; x_label: what x_kib
# is; ram_note: what ram_kib is, "" when the set has no RAM figures.

eval term(1100, 700)
n = words(profiles)
has_ram = ram_note ne ""
if (has_ram) {
    stats datafile using "ram_kib" nooutput
    ram_max = STATS_max
}
# Point area proportional to peak RAM: the size scales with its square root.
point_size(ram) = has_ram ? 4.0 * sqrt(ram / ram_max) : 1.8
point_label(dummy) = strcol("label") . \
    sprintf("\n%.0f KiB, %.0f µs", column("x_kib"), column("cpu_median_us")) . \
    (has_ram ? sprintf(", RAM %.1f KiB", column("ram_kib")) : "")
ram_text = has_ram ? sprintf("; point area: %s (largest %.1f KiB)", ram_note, ram_max) : ""

set title title2("Size against handshake cost: one point per profile", subtitle . \
    "\nerror bars: handshake CPU time p10 to p90" . ram_text . \
    "\nlower left is smaller and faster") font ",12"
set xlabel x_label
set ylabel "client CPU time per handshake, median (µs)"
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.2, graph 0.12, 0
set grid back xtics ytics lt 1 lc rgb "#e4e4e4" lw 0.8
set key off

# The plot command is put together as text because gnuplot 5.4 can crash on a labels element
# without any valid point (seen with a single profile): only the sides in use get one.
points = 'for [i = 1:n] datafile' . \
    ' using (strcol("profile") eq word(profiles, i) ? column("x_kib") : NaN):' . \
    ' "cpu_median_us":"cpu_p10_us":"cpu_p90_us"' . \
    ' with yerrorbars lc rgb profile_color(word(profiles, i)) pt 0 lw 1.5 notitle,' . \
    ' for [i = 1:n] datafile' . \
    ' using (strcol("profile") eq word(profiles, i) ? column("x_kib") : NaN):' . \
    ' "cpu_median_us":(point_size(column("ram_kib")))' . \
    ' with points lc rgb profile_color(word(profiles, i)) pt 7 ps variable notitle'
labels(side, align, dx, dy) = sprintf('datafile using (strcol("side") eq "%s" ?' . \
    ' column("x_kib") : NaN):"cpu_median_us":(point_label(0)) with labels %s' . \
    ' offset %g, %g font ",10" notitle', side, align, dx, dy)
command = "plot " . points
do for [side in label_sides] {
    command = command . ", " . (side eq "left" ? labels(side, "right", -1.5, 0) : \
        side eq "below" ? labels(side, "left", 1, -2.2) : \
        side eq "above" ? labels(side, "left", 1, 2.2) : labels(side, "left", 1.5, 0))
}
eval command
