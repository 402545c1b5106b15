# Chart: distribution of every handshake's client CPU and wall time, a panel per profile and a
# curve per version.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile,version,fraction,wall_us,cpu_us; per profile and version, wall_us and
# cpu_us are each sorted ascending and fraction is the share of that run's handshakes at or
# below them (empirical CDF); versions: set labels, oldest first.

n = words(profiles)
nv = words(versions)
cols = n > 1 ? 2 : 1
rows = (n + cols - 1) / cols
eval term(1200, 140 + 360 * rows)
version_color(j) = word("#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #e6ab02 #a6761d #666666", \
    (j - 1) % 8 + 1)

set multiplot layout rows, cols title title2("Handshake time distribution per profile and" . \
    " version (every measured handshake)", subtitle . \
    "\nsolid: client CPU time; dashed: wall time (also server work and loopback)") font ",12"
set yrange [0:1]
set ytics 0.2
set ylabel "fraction of handshakes at or below"
set xlabel "time per handshake (µs, log scale)"
set grid back xtics ytics lt 1 lc rgb "#e4e4e4" lw 0.8
set key bottom right samplen 2 opaque box lc rgb "#c0c0c0"

do for [i = 1:n] {
    p = word(profiles, i)
    # stats keeps to the x range of the panel before: free it first.
    unset logscale x
    set autoscale x
    stats datafile using (strcol("profile") eq p ? column("cpu_us") : NaN):"fraction" nooutput
    lo = STATS_min_x / 1.05
    stats datafile using (strcol("profile") eq p ? column("wall_us") : NaN):"fraction" nooutput
    hi = STATS_max_x * 1.05
    set logscale x
    set xrange [lo:hi]
    eval set_log_xtics(lo, hi)
    set title p
    plot for [j = 1:nv] datafile using (strcol("profile") eq p && \
            strcol("version") eq word(versions, j) ? column("cpu_us") : NaN):"fraction" \
            with lines lw 2 lc rgb version_color(j) title word(versions, j) . " CPU", \
        for [j = 1:nv] datafile using (strcol("profile") eq p && \
            strcol("version") eq word(versions, j) ? column("wall_us") : NaN):"fraction" \
            with lines lw 2 dt 2 lc rgb version_color(j) title word(versions, j) . " wall"
    unset key
}
unset multiplot
