# Chart: trade-off between client code size and handshake CPU time, one point per profile.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile,label,side,text_kib,cpu_median_us,cpu_p10_us,cpu_p90_us (size.csv joined
# with handshake.csv by scripts/charts.sh; side: where the label goes, right, left, below or
# above its point); label_sides: the sides in use; binary_name: the client binary.

eval term(1000, 660)
n = words(profiles)
point_label(dummy) = strcol("label") . \
    sprintf("\n%.0f KiB, %.0f µs", column("text_kib"), column("cpu_median_us"))

set title title2("Size against handshake cost: one point per profile", \
    subtitle . "\nerror bars: handshake CPU time p10 to p90; lower left is smaller and faster") \
    font ",12"
set xlabel "client code and read-only data: text of " . binary_name . " (KiB)"
set ylabel "client CPU time per handshake, median (µs)"
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.2, graph 0.12, 0
set grid back xtics ytics lt 1 lc rgb "#e4e4e4" lw 0.8
set key off

# The plot command is put together as text because gnuplot 5.4 can crash on a labels element
# without any valid point (seen with a single profile): only the sides in use get one.
points = 'for [i = 1:n] datafile' . \
    ' using (strcol("profile") eq word(profiles, i) ? column("text_kib") : NaN):' . \
    ' "cpu_median_us":"cpu_p10_us":"cpu_p90_us"' . \
    ' with yerrorbars lc rgb profile_color(word(profiles, i)) pt 7 ps 1.8 lw 1.5 notitle'
labels(side, align, dx, dy) = sprintf('datafile using (strcol("side") eq "%s" ?' . \
    ' column("text_kib") : NaN):"cpu_median_us":(point_label(0)) with labels %s' . \
    ' offset %g, %g font ",10" notitle', side, align, dx, dy)
command = "plot " . points
do for [side in label_sides] {
    command = command . ", " . (side eq "left" ? labels(side, "right", -1.5, 0) : \
        side eq "below" ? labels(side, "left", 1, -2.2) : \
        side eq "above" ? labels(side, "left", 1, 2.2) : labels(side, "left", 1.5, 0))
}
eval command
