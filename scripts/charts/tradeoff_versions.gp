# Chart: client size against handshake CPU time, one point per profile and version.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: version,vindex,profile,text_kib,static_kib,cpu_median_us,cpu_p10_us,cpu_p90_us,
# wall_median_us,wall_p10_us,wall_p90_us,ram_kib (scripts/charts/versions.sh); segfile:
# profile,x,y,dx,dy, an arrow from each version's point of a profile to the next version's;
# labelfile: profile,label,side,text_kib,cpu_median_us,... of every point, label empty but for
# the newest version's points,
# side (right, left, below or above) placed by charts.sh; label_sides: the sides in use;
# versions: set labels, oldest first; ram_columns: the ram.csv columns whose sum sizes the
# points ("" when the sets have no RAM figures); size_label: what text_kib is.

eval term(1100, 720)
n = words(profiles)
nv = words(versions)
has_ram = ram_columns ne ""
# Point shape per version: filled circle, square, triangle, diamond, then more.
version_pt(j) = int(word("7 5 9 13 11 15 4 6", (j - 1) % 8 + 1))
if (has_ram) {
    stats datafile using "ram_kib" nooutput
    ram_max = STATS_max
}
# Point area proportional to peak RAM: the size scales with its square root.
point_size(ram) = has_ram ? 4.0 * sqrt(ram / ram_max) : 2.0
ram_note = has_ram ? sprintf("point area proportional to peak RAM (%s; largest %.1f KiB)", \
    ram_columns, ram_max) : "points of one size (no RAM figures)"

set title title2("Size against handshake cost per profile and version", subtitle . \
    "\nerror bars: handshake CPU time p10 to p90; arrows from older to newer version" . \
    "\n" . ram_note . "; lower left is smaller and faster") font ",12"
set xlabel size_label . " (KiB)"
set ylabel "client CPU time per handshake, median (µs)"
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.15, graph 0.1, 0
set grid back xtics ytics lt 1 lc rgb "#e4e4e4" lw 0.8
set key top right Left reverse samplen 1.5 spacing 1.2 box lc rgb "#c0c0c0" opaque

# The plot command is put together as text: gnuplot 5.4 can crash on a labels element without
# any valid point, so only the label sides in use get one (as in tradeoff.gp).
command = 'plot for [i = 1:n] segfile' . \
    ' using (strcol("profile") eq word(profiles, i) ? column("x") : NaN):"y":"dx":"dy"' . \
    ' with vectors head filled size screen 0.012, 20 dt 2 lw 1.2' . \
    ' lc rgb profile_color(word(profiles, i)) notitle,' . \
    ' datafile using "text_kib":"cpu_p10_us":(0):(column("cpu_p90_us") - column("cpu_p10_us"))' . \
    ' with vectors heads size screen 0.004, 90 lc rgb "#606060" notitle,' . \
    ' for [i = 1:n] for [j = 1:nv] datafile using (strcol("profile") eq word(profiles, i) &&' . \
    ' strcol("version") eq word(versions, j) ? column("text_kib") : NaN):"cpu_median_us":' . \
    '(point_size(column("ram_kib"))) with points pt version_pt(j) ps variable' . \
    ' lc rgb profile_color(word(profiles, i)) notitle,' . \
    ' for [j = 1:nv] NaN with points pt version_pt(j) ps 1.5 lc rgb "#404040"' . \
    ' title "version " . word(versions, j),' . \
    ' for [i = 1:n] NaN with lines lw 6 lc rgb profile_color(word(profiles, i))' . \
    ' title word(profiles, i)'
point_label(dummy) = strcol("label") . \
    sprintf("\n%.1f KiB, %.0f µs", column("text_kib"), column("cpu_median_us"))
labels(side, align, dx, dy) = sprintf(', labelfile using (strcol("side") eq "%s" &&' . \
    ' strcol("label") ne "" ?' . \
    ' column("text_kib") : NaN):"cpu_median_us":(point_label(0)) with labels %s' . \
    ' offset %g, %g font ",10" notitle', side, align, dx, dy)
do for [side in label_sides] {
    command = command . (side eq "left" ? labels(side, "right", -2, 0) : \
        side eq "below" ? labels(side, "left", 1, -2.4) : \
        side eq "above" ? labels(side, "left", 1, 2.4) : labels(side, "left", 2, 0))
}
eval command
