# Chart: RAM of one handshake on the Cortex-M4 target per profile: heap taken from newlib-nano's
# malloc, the stack's high-water mark and static RAM, stacked, against the issue's goal for
# heap + stack.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile,x,static_kib,heap_kib,stack_kib,total_kib,handshake_kib (ram_target.csv by
# scripts/charts/bench.sh); goal_kib: the goal drawn as a line (heap + stack of x25519-min).

eval term(1000, 620)
n = words(profiles)
bw = 0.5
goal = real(goal_kib)

set title title2("RAM of one handshake on the Cortex-M4 image (QEMU mps2-an386), per profile", \
    subtitle . "\nheap: the region newlib-nano's malloc took (headers and fragmentation " . \
    "included)\ndashed line: goal of " . goal_kib . " KiB for heap + stack (x25519-min); " . \
    "labels: heap + stack, and the total") font ",12"
set ylabel "KiB (heap, stack, static RAM on top)"
set xrange [-0.6:n - 0.4]
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set xtics scale 0 ()
do for [i = 1:n] {
    set xtics add (word(profiles, i) i - 1)
}
set key top right samplen 2
set arrow 1 from graph 0, first goal to graph 1, first goal nohead dt 2 lc rgb "#b00000" lw 1.5

plot for [i = 1:n] datafile using (strcol("profile") eq word(profiles, i) ? column("x") : NaN): \
        (column("heap_kib") / 2):(bw / 2):(column("heap_kib") / 2) \
        with boxxyerror fs solid 0.9 lc rgb profile_color(word(profiles, i)) notitle, \
    datafile using "x":(column("heap_kib") + column("stack_kib") / 2):(bw / 2): \
        (column("stack_kib") / 2) with boxxyerror fs pattern 4 lc rgb "#404040" notitle, \
    datafile using "x":(column("handshake_kib") + column("static_kib") / 2):(bw / 2): \
        (column("static_kib") / 2) with boxxyerror fs solid 0.35 lc rgb "#606060" notitle, \
    datafile using (column("x") - bw / 2):"handshake_kib": \
        (sprintf("%.1f", column("handshake_kib"))) with labels right offset -0.5, 0 \
        font ",10" notitle, \
    datafile using "x":"total_kib":(sprintf("%.1f", column("total_kib"))) \
        with labels offset 0, 0.7 font ",10" notitle, \
    NaN with boxes fs solid 0.9 lc rgb "#7f7f7f" title "heap, in the profile's colour (newlib-nano malloc, high-water)", \
    NaN with boxes fs pattern 4 lc rgb "#404040" title "stack high-water mark", \
    NaN with boxes fs solid 0.35 lc rgb "#606060" title "static RAM (data + bss of the image)"
