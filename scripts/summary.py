#!/usr/bin/env python3
# Headline figures of one or more results sets, one markdown table row per profile and set.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0

"""usage: scripts/summary.py SET [SET...] [--goal-flash-kib N] [--goal-ram-kib N]

Prints a markdown table with, per profile and set: the Cortex-M4 image's flash (text + data,
flash.csv), its RAM for one handshake on QEMU (heap + stack, and static RAM; ram_target.csv),
the host client's heap + stack peak (ram.csv), client instructions per full and resumed
handshake (instructions.csv, replay), and the handshake's client CPU and wall medians
(handshake.csv). A figure a set lacks shows as "-". The goals of x25519-min are printed under
the table with how far each profile is from them. Only the standard library is used; every
figure comes from the sets' files, none is computed here but sums and differences."""

import argparse
import os
import sys

from compare import Table  # the results-file reader of scripts/compare.py

PROG = "summary"


def rows_of(path):
    """Data rows of a results CSV as dicts ('#' provenance lines skipped); [] when absent."""
    return Table(path).rows if os.path.isfile(path) else []


def first(rows, **match):
    for row in rows:
        if all(row.get(k) == v for k, v in match.items()):
            return row
    return None


def number(row, column):
    try:
        return float(row[column]) if row and row.get(column) not in (None, "") else None
    except ValueError:
        return None


def set_figures(directory):
    """{profile: {figure: value}} of one results set, in the order of its handshake.csv."""
    read = {name: rows_of(os.path.join(directory, name + ".csv"))
            for name in ("flash", "ram_target", "ram", "instructions", "handshake")}
    profiles = []
    for row in read["handshake"] + read["flash"]:
        if row["profile"] not in profiles:
            profiles.append(row["profile"])
    figures = {}
    for p in profiles:
        flash = first(read["flash"], profile=p)
        target = first(read["ram_target"], profile=p)
        host = first(read["ram"], profile=p, handshake="full")
        hs = first(read["handshake"], profile=p)
        heap, stack = number(target, "heap_peak_bytes"), number(target, "stack_peak_bytes")
        text, data = number(flash, "text_bytes"), number(flash, "data_bytes")
        figures[p] = {
            "flash": text + data if text is not None and data is not None else None,
            "target_ram": heap + stack if heap is not None and stack is not None else None,
            "static_ram": number(target, "static_ram_bytes"),
            "host_ram": number(host, "ram_peak_bytes"),
            "instr_full": number(first(read["instructions"], profile=p, handshake="full",
                                       method="replay"), "client_mean_instructions"),
            "instr_resumed": number(first(read["instructions"], profile=p, handshake="resumed",
                                          method="replay"), "client_mean_instructions"),
            "cpu_us": number(hs, "cpu_median_us"),
            "wall_us": number(hs, "wall_median_us"),
        }
    return figures


def kib(value):
    return "-" if value is None else f"{value / 1024:.1f}"


def mega(value):
    return "-" if value is None else f"{value / 1e6:.2f} M"


def micro(value):
    return "-" if value is None else f"{value:.0f}"


def table(sets):
    out = ["| profile | set | flash, Cortex-M4 (KiB) | heap + stack on target (KiB) | "
           "static RAM (KiB) | heap + stack, host (KiB) | instructions, full | "
           "instructions, resumed | CPU median (µs) | wall median (µs) |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    profiles = []
    for _, figures in sets:
        profiles += [p for p in figures if p not in profiles]
    for p in profiles:
        for label, figures in sets:
            f = figures.get(p)
            if f is None:
                continue
            out.append(f"| {p} | {label} | {kib(f['flash'])} | {kib(f['target_ram'])} | "
                       f"{kib(f['static_ram'])} | {kib(f['host_ram'])} | "
                       f"{mega(f['instr_full'])} | {mega(f['instr_resumed'])} | "
                       f"{micro(f['cpu_us'])} | {micro(f['wall_us'])} |")
    return out


def goals(label, figures, flash_kib, ram_kib):
    out = [f"Goals of x25519-min ({flash_kib:g} KiB of flash, {ram_kib:g} KiB of heap + stack "
           f"for one handshake), set {label}:", ""]
    for p, f in figures.items():
        parts = []
        for name, value, goal in (("flash", f["flash"], flash_kib),
                                  ("heap + stack on target", f["target_ram"], ram_kib),
                                  ("heap + stack on the host", f["host_ram"], ram_kib)):
            if value is None:
                continue
            delta = value / 1024 - goal
            parts.append(f"{name} {value / 1024:.1f} KiB, "
                         + (f"{delta:.1f} KiB over" if delta > 0 else f"{-delta:.1f} KiB under"))
        out.append(f"- {p}: " + "; ".join(parts))
    return out


def main(argv):
    parser = argparse.ArgumentParser(prog="summary.py", description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", metavar="SET", help="results set directories")
    parser.add_argument("--goal-flash-kib", type=float, default=61,
                        help="flash goal of the Cortex-M4 image, KiB (default: 61)")
    parser.add_argument("--goal-ram-kib", type=float, default=16,
                        help="heap + stack goal of one handshake, KiB (default: 16)")
    args = parser.parse_args(argv)
    sets = []
    for directory in args.sets:
        if not os.path.isfile(os.path.join(directory, "handshake.csv")):
            print(f"{PROG}: error: {directory} holds no handshake.csv; is it a results set?\n"
                  f"{PROG}: fix: pass directories written by scripts/run.sh", file=sys.stderr)
            return 2
        label = os.path.basename(os.path.normpath(directory)).removeprefix("mbedtls-")
        sets.append((label, set_figures(directory)))
    lines = table(sets) + [""] + goals(*sets[-1], args.goal_flash_kib, args.goal_ram_kib)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
