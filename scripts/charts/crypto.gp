# Chart: time of the crypto operations a TLS 1.3 handshake and its records use, per profile,
# with OpenSSL's time for the same operation and the ratio to it.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# datafile: op,profile,x,median_us,p10_us,p90_us,ratio (one bar each, x packed by
# scripts/charts/bench.sh); ticksfile: op,x; clock: the clock drawn; samples: per figure.

eval term(1400, 700)
n = words(profiles)
bw = 0.16

stats datafile using "p10_us" nooutput
y_low = STATS_min / 3
stats datafile using "p90_us" nooutput
y_high = STATS_max * 20

set title title2("Crypto operations per profile (psa_*) and OpenSSL's libcrypto in the same run", \
    subtitle . "\nmedian of " . samples . " samples on " . clock . ", error bars p10 to p90; " . \
    "label: Mbed TLS time / OpenSSL time") font ",12"
set logscale y
set yrange [y_low:y_high]
set ytics ()
do for [e = -2:8] {
    set ytics add (fmt_us(10.0 ** e) 10.0 ** e)
}
set mytics 10
set ylabel "time per operation (log scale)"
set offsets 0.3, 0.3, 0, 0
set xtics scale 0 rotate by 25 right font ",9"
set key top left Left reverse samplen 2 title "profile" maxrows 3
label_at(dummy) = column("p90_us") > column("median_us") ? column("p90_us") : column("median_us")

plot ticksfile using "x":(NaN):xtic(strcol("op")) notitle, \
    for [i = 1:n] datafile \
        using (strcol("profile") eq word(profiles, i) ? column("x") : NaN):"median_us": \
        (column("x") - bw / 2):(column("x") + bw / 2):(y_low):"median_us" \
        with boxxyerror lc rgb (word(profiles, i) eq "openssl" ? "#222222" : \
        profile_color(word(profiles, i))) title word(profiles, i), \
    datafile using "x":"p10_us":(0):(column("p90_us") - column("p10_us")) \
        with vectors heads size screen 0.004, 90 lc rgb "#202020" notitle, \
    datafile using (strcol("ratio") eq "-" ? NaN : column("x")):(label_at(0)):(strcol("ratio")) \
        with labels rotate by 90 left \
        offset 0, 0.4 font ",8" notitle
