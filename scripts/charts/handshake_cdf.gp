# Chart: distribution of every measured handshake's wall and client CPU time, per profile.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile,fraction,wall_us,cpu_us; per profile, wall_us and cpu_us are each sorted
# ascending and fraction is the share of handshakes at or below them (empirical CDF).

eval term(1200, 650)
n = words(profiles)

# Ranges first: stats honours the axis ranges set later.
stats datafile using "cpu_us" nooutput
cpu_lo = STATS_min / 1.05
cpu_hi = STATS_max * 1.05
stats datafile using "wall_us" nooutput
wall_lo = STATS_min / 1.05
wall_hi = STATS_max * 1.05

set multiplot layout 1, 2 title title2("Handshake time distribution per profile (every" . \
    " measured handshake)", subtitle) font ",12"
set yrange [0:1]
set ytics 0.1
set ylabel "fraction of handshakes at or below"
set grid back xtics ytics lt 1 lc rgb "#e4e4e4" lw 0.8
set logscale x
# One legend for both panels, in a row under them, clear of every curve.
set key at screen 0.5, screen 0.01 center bottom horizontal maxrows 1 samplen 2 width 1 notitle
set bmargin 5.5

set title "Client CPU time"
set xlabel "time per handshake (µs, log scale)"
set xrange [cpu_lo:cpu_hi]
eval set_log_xtics(cpu_lo, cpu_hi)
plot for [i = 1:n] datafile \
    using (strcol("profile") eq word(profiles, i) ? column("cpu_us") : NaN):"fraction" \
    with lines lw 2 lc rgb profile_color(word(profiles, i)) title word(profiles, i)

set title "Wall time (also server work and loopback round trips)"
unset key
set xrange [wall_lo:wall_hi]
eval set_log_xtics(wall_lo, wall_hi)
plot for [i = 1:n] datafile \
    using (strcol("profile") eq word(profiles, i) ? column("wall_us") : NaN):"fraction" \
    with lines lw 2 lc rgb profile_color(word(profiles, i)) title word(profiles, i)

unset multiplot
