# Chart: time to create an ephemeral key pair, per key type (clusters) and profile (bars).
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: key_label,profile,x,median_us,p10_us,p90_us (one bar each, x already packed by
# scripts/charts.sh); ticksfile: key_label,x (cluster centres); clock: the clock drawn;
# samples: samples per figure (a number or a range).

eval term(1200, 660)
n = words(profiles)
bw = 0.24   # bar width; scripts/charts.sh packs the bars with the same width

stats datafile using "p10_us" nooutput
y_low = STATS_min / 3
stats datafile using "p90_us" nooutput
# Room above the tallest error bar for its rotated label.
y_high = STATS_max * 12

set title title2("Ephemeral key pair per key type: psa_generate_key + psa_export_public_key" . \
    " + psa_destroy_key", subtitle . "\nmedian of " . samples . " samples on " . clock . \
    ", error bars p10 to p90; a key type without a bar is left out of that profile") \
    font ",12"
set logscale y
set yrange [y_low:y_high]
set ytics ()
do for [e = -2:8] {
    set ytics add (fmt_us(10.0 ** e) 10.0 ** e)
}
set mytics 10
set ylabel "time per key pair (log scale)"
set xlabel "key type (TLS group name where there is one)"
set offsets 0.3, 0.3, 0, 0
set xtics scale 0 rotate by 30 right
set key top left Left reverse samplen 2 title "profile"
# Height above which a value label goes: the top of the bar or of its error bar.
label_at(dummy) = column("p90_us") > column("median_us") ? column("p90_us") : column("median_us")

plot ticksfile using "x":(NaN):xtic(strcol("key_label")) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? column("x") : NaN):"median_us": \
        (column("x") - bw / 2):(column("x") + bw / 2):(y_low):"median_us" \
        with boxxyerror lc rgb profile_color(word(profiles, i)) title word(profiles, i), \
    datafile using "x":"p10_us":(0):(column("p90_us") - column("p10_us")) \
        with vectors heads size screen 0.005, 90 lc rgb "#202020" notitle, \
    datafile using "x":(label_at(0)):(fmt_us(column("median_us"))) with labels \
        rotate by 90 left offset 0, 0.4 font ",9" notitle
