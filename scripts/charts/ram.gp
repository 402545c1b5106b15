# Chart: RAM of one handshake per profile, full and resumed: heap peak with the stack's
# high-water mark on top, against the issue's goal.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile,handshake,x,heap_kib,stack_kib,total_kib,note (from ram.csv by
# scripts/charts/bench.sh; note "-", or why a handshake has no bar); goal_kib: the goal drawn
# as a line.

eval term(1100, 640)
n = words(profiles)
bw = 0.36
goal = real(goal_kib)

set title title2("RAM of one handshake per profile: heap peak (counting allocator) + stack " . \
    "high-water mark (painted stack)", subtitle . "\nleft bar full handshake, right bar " . \
    "resumed (session ticket); dashed line: goal of " . goal_kib . " KiB (x25519-min)") font ",12"
set ylabel "KiB (heap peak, stack on top)"
set xrange [-0.6:n - 0.4]
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set xtics scale 0 offset 0, -0.8 ()
set bmargin 4
do for [i = 1:n] {
    set xtics add (word(profiles, i) i - 1)
}
set key top left samplen 2
set arrow 1 from graph 0, first goal to graph 1, first goal nohead dt 2 lc rgb "#b00000" lw 1.5

plot for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? column("x") : NaN):(column("heap_kib") / 2): \
        (bw / 2):(column("heap_kib") / 2) \
        with boxxyerror fs solid 0.9 lc rgb profile_color(word(profiles, i)) notitle, \
    datafile using "x":(column("heap_kib") + column("stack_kib") / 2):(bw / 2): \
        (column("stack_kib") / 2) with boxxyerror fs pattern 4 lc rgb "#404040" notitle, \
    datafile using (strcol("note") eq "-" ? column("x") : NaN):"total_kib": \
        (sprintf("%.1f", column("total_kib"))) with labels offset 0, 0.7 font ",10" notitle, \
    datafile using (strcol("note") eq "-" ? NaN : column("x")):(0):(strcol("note")) \
        with labels rotate by 90 left offset 0, 0.5 font ",9" tc rgb "#606060" notitle, \
    datafile using "x":(0):(strcol("handshake")) with labels offset 0, -0.7 font ",8" notitle, \
    NaN with boxes fs solid 0.9 lc rgb "#7f7f7f" title "heap peak (Mbed TLS allocations)", \
    NaN with boxes fs pattern 4 lc rgb "#404040" title "stack high-water mark of the handshake"
