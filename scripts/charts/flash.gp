# Chart: flash of the Cortex-M image per profile, stacked by module, in KiB.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: profile, one KiB column per module (headers are the legend names), total_kib, as
# scripts/charts/flash.sh writes it; modules: the number of module columns; target: the CPU;
# goal_kib: the issue's flash goal for the x25519-min image, drawn as a dashed line.

eval term(1200, 680)
n = words(profiles)
m = int(modules)
goal = real(goal_kib)
# "cortex-m0plus" is written "Cortex-M0+".
target_name = "Cortex-M" . target[9:strlen(target)]
target_name = target_name[strlen(target_name) - 3:] eq "plus" ? \
    target_name[1:strlen(target_name) - 4] . "+" : target_name

# One colour per module, in the order of the stack (bottom first).
module_colors = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f #bcbd22 " . \
    "#17becf #aec7e8 #ffbb78 #98df8a #ff9896 #c5b0d5 #c49c94"
module_color(i) = word(module_colors, (i - 1) % words(module_colors) + 1)

set title title2("Flash of the " . target_name . " image per profile, by module (text + data)", \
    subtitle . "\nclient core, Mbed TLS, start-up code and C library; port drivers " . \
    "(network, TRNG, clock) not included") font ",12"
set ylabel "flash (KiB, 1 KiB = 1024 bytes)"
set xlabel "profile"
set style data histograms
set style histogram rowstacked gap 1
set boxwidth 0.6
set xtics scale 0
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
# The legend lists the modules in the order of the stack, top first.
set key outside right top vertical Left reverse invert samplen 2 title "module"
set arrow 1 from graph 0, first goal to graph 1, first goal nohead dt 2 lw 1.5 lc rgb "#d62728"

plot for [i = 2:m + 1] datafile using i:xtic(1) title columnheader(i) lc rgb module_color(i - 1), \
    datafile using ($0):"total_kib":(sprintf("%.1f KiB", column("total_kib"))) \
        with labels offset 0, 0.8 notitle, \
    NaN with lines dt 2 lw 1.5 lc rgb "#d62728" \
        title sprintf("goal for the x25519-min image: %g KiB", goal)
