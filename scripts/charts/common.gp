# Set-up shared by every chart: output terminal, CSV parsing, profile colours, number formats.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Loaded first by scripts/charts.sh, which defines with -e: fmt ("png" or "svg"), outfile,
# datafile, subtitle and, for some charts, profiles (space-separated, in CSV order).

if (!exists("fmt") || !exists("outfile") || !exists("datafile")) {
    print "common.gp: fmt, outfile and datafile must be defined (run scripts/charts.sh)"
    exit status 1
}
if (!exists("subtitle")) subtitle = ""

# Terminal of the requested format and size; call with eval term(width_px, height_px).
term_png = 'set terminal pngcairo size %d,%d font "DejaVu Sans,11" noenhanced linewidth 1.2'
term_svg = 'set terminal svg size %d,%d dynamic font "DejaVu Sans,11" noenhanced' . \
    ' background rgb "white" linewidth 1.2'
term(w, h) = sprintf(fmt eq "png" ? term_png : term_svg, w, h) . "; set output outfile"

set encoding utf8
set datafile separator comma
set datafile commentschars '#'
set datafile columnheaders

# Title of two lines: what the chart shows, then how it was measured (smaller).
title2(main, sub) = sub eq "" ? main : main . "\n" . sub

# One colour per profile, the same in every chart; the baseline (default) is grey. Profiles
# not known here take the extra colours in the order of the profiles list.
extra_colors = "#9467bd #8c564b #e377c2 #17becf #bcbd22 #d62728"
profile_index(p) = sum [i = 1:words(profiles)] (word(profiles, i) eq p ? i : 0)
profile_color(p) = p eq "default" ? "#7f7f7f" : p eq "tls13-psa" ? "#1f77b4" : \
    p eq "hybrid" ? "#ff7f0e" : p eq "x25519-min" ? "#2ca02c" : \
    word(extra_colors, (profile_index(p) - 1) % words(extra_colors) + 1)

# A duration given in microseconds, written with a unit that keeps it short.
fmt_us(v) = v < 10 ? sprintf("%.1f µs", v) : v < 1000 ? sprintf("%.0f µs", v) : \
    v < 1e6 ? sprintf("%.3g ms", v / 1000.0) : sprintf("%.3g s", v / 1e6)

# Error bars are drawn as two-headed flat vectors: gnuplot 5.4's yerrorbars style leaves a
# white dot at the centre value even without a point symbol.
set grid back ytics lt 1 lc rgb "#e4e4e4" lw 0.8
# Tic marks for a log x axis over [lo:hi]: 1-2-5 per decade, or denser over a short range.
log_tics(lo, hi) = log10(hi / lo) > 1.5 ? "1 2 5" : "1 1.5 2 3 5 7"
# Below a factor of 2 a decade's 1-2-5 marks may all fall outside the range: evenly spaced
# marks then, about five, at a step of 1, 2 or 5 times a power of ten.
nice_m(x) = x < 1.5 ? 1 : x < 3.5 ? 2 : x < 7.5 ? 5 : 10
nice_step(r) = nice_m(r / 5.0 / 10.0 ** floor(log10(r / 5.0))) * 10.0 ** floor(log10(r / 5.0))
set_log_xtics(lo, hi) = hi / lo < 2 ? sprintf("set xtics (); s = nice_step(%.9g);" . \
    " do for [k = int(ceil(%.9g / s)):int(floor(%.9g / s))] {" . \
    " set xtics add (sprintf('%%g', k * s) k * s) }", hi - lo, lo, hi) : \
    sprintf("set xtics (); do for [e = %d:%d] { do for [m in '%s'] {" . \
    " set xtics add (sprintf('%%g', real(m) * 10.0 ** e) real(m) * 10.0 ** e) } }", \
    floor(log10(lo)), ceil(log10(hi)), log_tics(lo, hi))

set border 3
set tics nomirror
set style fill solid 0.9 border lc rgb "#404040"
