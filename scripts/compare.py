#!/usr/bin/env python3
# Compares two results sets figure by figure and flags regressions past thresholds (CI gate).
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0

"""Reads every CSV of two results sets, matches rows by their key columns and judges each
figure by the threshold class of its unit. Only the Python standard library is used."""

import argparse
import csv
import json
import math
import os
import sys

EXIT_OK, EXIT_REGRESSION, EXIT_INPUT = 0, 1, 2
PROG = "compare"

# Columns that name the set itself (they differ between the two sets by design) or describe a
# row in words: neither keys nor figures.
IDENTITY_COLUMNS = {"mbedtls_version", "library", "mbedtls_commit", "commit", "project_commit", "date_utc"}
DESCRIPTIVE_COLUMNS = {"status", "reason", "note", "error", "message"}

# The rule table: unit suffix of a column name -> threshold class.
UNIT_CLASSES = {
    "bytes": "size",
    "instructions": "instructions",
    "count": "count",
    "allocs": "count",
    "ns": "time",
    "us": "time",
    "ms": "time",
}
# Statistic names that may sit before the unit (wall_median_us, p90_ns, heap_max_bytes).
STATS = {"median", "mean", "min", "max", "mad", "stddev", "p1", "p5", "p10", "p25", "p50",
         "p75", "p90", "p95", "p99"}
# The statistic compared when a figure comes with a distribution, in order of preference.
CENTRAL_STATS = ("median", "p50", "mean")
# Words naming how a figure was sampled (samples, iterations_per_sample, handshakes): such a
# column is never taken as a key, even when its values happen to tell rows apart.
SAMPLING_WORDS = ("sample", "iteration", "handshakes", "repeat", "runs")
# Files of raw samples: the summary rows of the other files already stand for them.
SAMPLES_SUFFIX = "_samples.csv"
# Files that are not compared, and why (said on stderr when a set has them).
UNCOMPARED_FILES = {
    "interop.csv": "outcomes of the interop matrix, not figures (read interop.md of each set)",
    "ram_breakdown.csv": "its rows are keyed by code addresses, which differ between builds",
}
# Per file, columns whose unit names an input of the measurement, not a result (crypto.csv's
# data_bytes is the size of the data an operation ran on; size.csv's data_bytes is a figure).
# They tell rows apart like keys and are never compared as figures.
PARAMETER_COLUMNS = {"crypto.csv": {"data_bytes"}}
# Rows of the peer library measured beside the profiles (OpenSSL): they show what the machine
# did in each run, are reported with their delta, and never gate, since the project did not
# change them.
REFERENCE_FILES = {"handshake_peer.csv"}
REFERENCE_PROFILES = {"openssl"}
# Core files are shown first, in this order; any other CSV follows in name order.
FILE_ORDER = ("size.csv", "keygen.csv", "handshake.csv")

EPILOG = """\
rules (a figure's class comes from the unit at the end of its column name):
  size (_bytes: flash sections, static RAM, heap and stack peaks, bytes on the wire):
      REGRESSION when new - old > FLASH_PCT % of old OR new - old > FLASH_BYTES bytes.
      Growth is within budget only when it stays within both limits; to gate on one limit
      alone, set the other very high (e.g. --flash-bytes 1e12).
  instructions (_instructions): REGRESSION when new > old * (1 + INSTR_PCT / 100).
  count (_count, _allocs): REGRESSION when new > old * (1 + COUNT_PCT / 100).
  time (_ns, _us, _ms; the median of a distribution): REGRESSION when
      new_median > old_median * (1 + WALL_PCT / 100) AND new_p10 > old_p90,
      that is the two runs' p10-p90 ranges do not overlap. Both sets need the figure's p10
      and p90 columns (same name with p10/p90 in place of median); a time figure without
      them is shown as "not gated" and never fails the gate.
  The same tests in the other direction mark a figure "improved" (never a failure).
  Rows of the peer library measured in the same run (profile "openssl" in crypto.csv, every
  row of handshake_peer.csv) are marked "reference" with their delta and never gate.
  missing: a file, row or figure column of OLD that NEW lacks (a profile or a measurement
      that went away) is MISSING and fails the gate like a regression, unless
      --allow-missing. What NEW adds is listed and never fails.

what is compared: every CSV present in both sets except raw *_samples.csv files, interop.csv
(outcomes, not figures) and ram_breakdown.csv (keyed by code addresses). Figures
are the numeric columns with a unit suffix; of a distribution (p10/median/p90/...) only the
median is compared. Key columns (which tell the rows of a file apart) are the text columns
without a unit, plus, while rows still share a key, numeric columns that take the same values
in both sets (e.g. data_bytes; never samples, iterations or handshakes), noted on stderr;
--key sets them explicitly. The columns mbedtls_version, mbedtls_commit, commit, status and
reason are neither keys nor figures. Rows, columns and files present in one set only are
listed; a file in NEW only still goes into the JSON output.

exit status: 0 no regression, 1 at least one regression or MISSING, 2 usage or input error.
"""


class InputError(Exception):
    """A problem with the command line or the results sets: message and fix."""

    def __init__(self, message, fix):
        super().__init__(message)
        self.fix = fix


def note(text):
    print(f"{PROG}: note: {text}", file=sys.stderr)


def to_number(text):
    """The finite number written in text, or None (empty, words, nan, inf)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def split_column(name):
    """(base, stat, unit) of a figure column, or None for a column without a known unit.

    Rates such as ns_per_op or bytes_per_s are not costs with a smaller-is-better reading
    and are left out (None)."""
    parts = name.split("_")
    if len(parts) < 2 or parts[-1] not in UNIT_CLASSES or "per" in parts:
        return None
    if parts[-2] in STATS:
        return "_".join(parts[:-2]), parts[-2], parts[-1]
    return "_".join(parts[:-1]), None, parts[-1]


class Table:
    """One CSV of a results set: header, rows as dicts, '# key: value' provenance."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.header = []
        self.rows = []
        self.provenance = {}
        self._read()

    def _read(self):
        try:
            with open(self.path, newline="", encoding="utf-8") as stream:
                lines = stream.read().splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read {self.path}: {err}", "check the file") from err
        data = []
        for number, line in enumerate(lines, 1):
            if line.startswith("#"):
                key, sep, value = line[1:].strip().partition(": ")
                if sep:
                    self.provenance.setdefault(key, value)
            elif line.strip():
                data.append((number, line))
        if not data:
            raise InputError(f"{self.path} has no header row", "regenerate the results set")
        self._parse(data)

    def _parse(self, data):
        self.header = next(csv.reader([data[0][1]]))
        if len(set(self.header)) != len(self.header):
            raise InputError(f"{self.path}: the header names a column twice: {data[0][1]}",
                             "fix the program that wrote the file")
        for number, line in data[1:]:
            fields = next(csv.reader([line]))
            if fields == self.header:
                continue
            if len(fields) != len(self.header):
                raise InputError(
                    f"{self.path}:{number}: {len(fields)} fields, the header has "
                    f"{len(self.header)}", "the file is truncated or mixes two formats")
            self.rows.append(dict(zip(self.header, fields)))


class ResultsSet:
    """A results directory: its CSV files (raw sample files left out) and a label."""

    def __init__(self, path, role):
        self.path = path
        self.role = role
        if not os.path.isdir(path):
            raise InputError(f"{role} results set '{path}' is not a directory",
                             "pass the directory that scripts/run.sh wrote (--out)")
        names = sorted(n for n in os.listdir(path)
                       if n.endswith(".csv") and not n.endswith(SAMPLES_SUFFIX)
                       and n not in UNCOMPARED_FILES)
        for n in sorted(set(os.listdir(path)) & set(UNCOMPARED_FILES)):
            if role == "NEW":
                note(f"{n} is not compared: {UNCOMPARED_FILES[n]}")
        if not names:
            raise InputError(f"{role} results set '{path}' holds no CSV file",
                             "pass a directory written by scripts/run.sh")
        self.tables = {n: Table(os.path.join(path, n)) for n in names}
        first = self.tables.get("size.csv") or next(iter(self.tables.values()))
        self.provenance = first.provenance

    def describe(self):
        prov = self.provenance
        parts = []
        if prov.get("mbedtls_version"):
            commit = prov.get("mbedtls_commit", "none")
            parts.append("Mbed TLS " + prov["mbedtls_version"] +
                         ("" if commit in ("", "none") else " " + commit))
        if prov.get("commit"):
            parts.append("project " + prov["commit"])
        if prov.get("date_utc"):
            parts.append(prov["date_utc"])
        return self.path + ("  (" + ", ".join(parts) + ")" if parts else "")


class Figure:
    """A compared column of one file, its unit, and the columns of its p10-p90 range."""

    def __init__(self, column, unit, p10=None, p90=None):
        self.column = column
        self.unit = unit
        self.cls = UNIT_CLASSES[unit]
        self.p10 = p10
        self.p90 = p90

    def value_range(self, row):
        """(p10, p90) of this figure in a row, or None when either is absent."""
        if not self.p10 or not self.p90:
            return None
        low, high = to_number(row.get(self.p10)), to_number(row.get(self.p90))
        return None if low is None or high is None else (low, high)


def pick_figures(columns):
    """Figures among columns that carry a unit: plain ones, and the central statistic of
    each distribution (with its p10 and p90 columns); a distribution without a central
    statistic has each of its columns compared."""
    figures, groups = [], {}
    for column in columns:
        base, stat, unit = split_column(column)
        if stat is None:
            figures.append(Figure(column, unit))
        else:
            groups.setdefault((base, unit), {})[stat] = column
    for (_, unit), stats in groups.items():
        central = next((stats[s] for s in CENTRAL_STATS if s in stats), None)
        if central:
            figures.append(Figure(central, unit, stats.get("p10"), stats.get("p90")))
        else:
            figures.extend(Figure(column, unit) for column in stats.values())
    order = {column: i for i, column in enumerate(columns)}
    return sorted(figures, key=lambda f: order[f.column])


def key_of(row, keys):
    return tuple(row.get(k, "") for k in keys)


def duplicate_rows(tables, keys):
    return sum(len(t.rows) - len({key_of(r, keys) for r in t.rows}) for t in tables)


class Schema:
    """How the rows of one file are matched (keys) and which columns are figures."""

    def __init__(self, name, tables, forced_keys=None):
        self.name = name
        self.tables = tables
        header = []
        for table in tables:
            header += [c for c in table.header if c not in header]
        self.header = header
        ignored = IDENTITY_COLUMNS | DESCRIPTIVE_COLUMNS
        inputs = PARAMETER_COLUMNS.get(name, set())

        def unit_of(column):
            return None if column in inputs else split_column(column)

        if forced_keys:
            self.keys = self._checked_keys(forced_keys)
        else:
            self.keys = [c for c in header if c not in ignored and unit_of(c) is None
                         and self._is_text(c)]
        self._promote_keys([c for c in header if c not in ignored and not self._is_text(c)])
        self.figures = pick_figures([c for c in header if unit_of(c) and c not in ignored
                                     and c not in self.keys])
        self.params = [c for c in header if c not in ignored and c not in self.keys
                       and unit_of(c) is None and not self._is_text(c)]

    def _values(self, column):
        return [r[column] for t in self.tables for r in t.rows if r.get(column, "") != ""]

    def _is_text(self, column):
        return any(to_number(v) is None for v in self._values(column))

    def _checked_keys(self, keys):
        for column in keys:
            if column not in self.header:
                raise InputError(f"--key {self.name}: no column '{column}' in it",
                                 "columns are: " + ", ".join(self.header))
        return list(keys)

    def _promote_keys(self, candidates):
        """Adds numeric columns to the keys while rows still share a key: a column qualifies
        when it takes the same values in every set (a parameter such as an input size, not
        a measured figure), is no statistic, does not name the sampling, and tells more rows
        apart."""
        dups = duplicate_rows(self.tables, self.keys)
        for column in candidates:
            if dups == 0:
                break
            values = [{r.get(column, "") for r in t.rows} for t in self.tables]
            parts = split_column(column)
            if column in self.keys or any(v != values[0] for v in values) or \
                    (parts and parts[1]) or any(word in column for word in SAMPLING_WORDS):
                continue
            now = duplicate_rows(self.tables, self.keys + [column])
            if now < dups:
                self.keys.append(column)
                dups = now
                note(f"{self.name}: rows told apart by '{column}' too (a key, not compared)")
        if dups:
            self._fail_duplicates()

    def _fail_duplicates(self):
        for table in self.tables:
            seen = set()
            for row in table.rows:
                key = key_of(row, self.keys)
                if key in seen:
                    shown = ", ".join(f"{k}={v}" for k, v in zip(self.keys, key)) or "(none)"
                    raise InputError(
                        f"{table.path}: more than one row has the key {shown}; rows cannot "
                        "be matched", f"pass --key {self.name}:COLUMN[,COLUMN...] naming the "
                        "columns that tell its rows apart")
                seen.add(key)

    def varying_keys(self):
        """The profile and the key columns whose value differs between rows: enough to name
        a row on screen."""
        rows = [r for t in self.tables for r in t.rows]
        varying = [k for k in self.keys
                   if k == "profile" or len({r.get(k, "") for r in rows}) > 1]
        return varying or self.keys[:1]


class Finding:
    """One line of the comparison: a figure of a row, both values, delta and verdict."""

    def __init__(self, schema, key, figure_name, unit="", cls=""):
        self.file = schema.name
        self.keys = schema.keys
        self.key = key
        self.shown = schema.varying_keys()
        self.figure = figure_name
        self.unit = unit
        self.cls = cls
        self.old = self.new = ""
        self.delta = self.pct = None
        self.verdict = ""
        self.note = ""

    def row_label(self):
        if self.key is None:
            return "(file)" if self.note.startswith("file only") else "(column)"
        values = dict(zip(self.keys, self.key))
        # A number alone says nothing on screen: numeric keys are shown with their name.
        shown = [values[k] if to_number(values[k]) is None else f"{k}={values[k]}"
                 for k in self.shown]
        return " ".join(shown) or "(only row)"

    def full_key(self):
        if self.key is None:
            return ""
        return ";".join(f"{k}={v}" for k, v in zip(self.keys, self.key))

    def delta_text(self):
        if self.delta is None:
            return ""
        decimals = max(len(v.partition(".")[2]) for v in (self.old, self.new))
        return f"{self.delta:+.{min(decimals, 3)}f}"

    def pct_text(self):
        return "" if self.pct is None else f"{self.pct:+.2f} %"


def verdict_of(worse, better):
    return "REGRESSION" if worse else "improved" if better else ""


def rule_size(figure, old, new, rows, limits):
    def past(growth):
        return growth > limits.flash_pct / 100 * abs(old) or growth > limits.flash_bytes

    return verdict_of(past(new - old), past(old - new)), ""


def rule_percent(attribute):
    def rule(figure, old, new, rows, limits):
        limit = getattr(limits, attribute) / 100 * abs(old)
        return verdict_of(new - old > limit, old - new > limit), ""

    return rule


def rule_time(figure, old, new, rows, limits):
    old_range, new_range = figure.value_range(rows[0]), figure.value_range(rows[1])
    if old_range is None or new_range is None:
        where = "OLD" if new_range else "NEW" if old_range else "either set"
        return "not gated", "no p10-p90 range in " + where
    apart_up = new_range[0] > old_range[1]
    apart_down = new_range[1] < old_range[0]
    limit = limits.wall_pct / 100 * abs(old)
    verdict = verdict_of(new - old > limit and apart_up, old - new > limit and apart_down)
    return verdict, "p10-p90 apart" if apart_up or apart_down else "p10-p90 overlap"


RULES = {
    "size": rule_size,
    "instructions": rule_percent("instr_pct"),
    "count": rule_percent("count_pct"),
    "time": rule_time,
}


def judge(schema, key, figure, rows, limits):
    finding = Finding(schema, key, figure.column, figure.unit, figure.cls)
    finding.old, finding.new = (r.get(figure.column, "") for r in rows)
    old, new = to_number(finding.old), to_number(finding.new)
    if old is None or new is None:
        finding.note = "no value in " + ("OLD" if old is None else "NEW")
        return finding
    finding.delta = new - old
    finding.pct = 100 * (new - old) / abs(old) if old else None
    finding.verdict, finding.note = RULES[figure.cls](figure, old, new, rows, limits)
    if schema.name in REFERENCE_FILES or rows[1].get("profile") in REFERENCE_PROFILES:
        if finding.verdict in ("REGRESSION", "improved"):
            finding.note = f"would be {finding.verdict}; " + finding.note
        finding.verdict = "reference"
        finding.note = ("peer library, not gated" + ("; " if finding.note else "")
                        + finding.note)
    return finding


def missing(finding, limits):
    """finding (something of OLD that NEW lacks) as a MISSING verdict, unless allowed."""
    if not limits.allow_missing:
        finding.verdict = "MISSING"
    return finding


def compare_file(schema, old_table, new_table, limits):
    """Findings of one file present in both sets, rows in OLD order, then rows new in NEW."""
    findings = []
    for figure in schema.figures:
        for table, other in ((old_table, "NEW"), (new_table, "OLD")):
            if figure.column not in table.header:
                finding = Finding(schema, None, figure.column, figure.unit, figure.cls)
                finding.note = f"column only in {other}"
                findings.append(missing(finding, limits) if other == "OLD" else finding)
    both = [f for f in schema.figures
            if f.column in old_table.header and f.column in new_table.header]
    old_rows = {key_of(r, schema.keys): r for r in old_table.rows}
    new_rows = {key_of(r, schema.keys): r for r in new_table.rows}
    for key in list(old_rows) + [k for k in new_rows if k not in old_rows]:
        if key not in old_rows or key not in new_rows:
            finding = Finding(schema, key, "(every figure)")
            finding.note = "row only in " + ("OLD" if key in old_rows else "NEW")
            findings.append(missing(finding, limits) if key in old_rows else finding)
            continue
        for figure in both:
            rows = (old_rows[key], new_rows[key])
            # A figure that neither set has for this row (e.g. a key type compiled out).
            if all(to_number(r.get(figure.column)) is None for r in rows):
                continue
            findings.append(judge(schema, key, figure, rows, limits))
    return findings


def note_parameter_changes(schema, old_table, new_table):
    """Says when a count behind the figures (handshakes, samples) differs between the sets."""
    new_rows = {key_of(r, schema.keys): r for r in new_table.rows}
    for column in schema.params:
        changed = set()
        for row in old_table.rows:
            other = new_rows.get(key_of(row, schema.keys))
            if other is not None and row.get(column, "") != other.get(column, ""):
                changed.add(f"{row.get(column, '')} -> {other.get(column, '')}")
        if not changed:
            continue
        shown = sorted(changed, key=change_order)
        more = len(shown) - NOTE_CHANGES_SHOWN
        text = ", ".join(shown[:NOTE_CHANGES_SHOWN])
        if more > 0:
            text += f" and {more} more (compare the column in the two sets)"
        note(f"{schema.name}: '{column}' differs between the sets: {text}")


# A note lists this many changes of a column; the rest are counted.
NOTE_CHANGES_SHOWN = 6


def change_order(change):
    """Numbers in numeric order ("8 -> 4" before "16 -> 32"), anything else after, by text."""
    numbers = [to_number(side.strip()) for side in change.split("->")]
    if None in numbers:
        return (1, [], change)
    return (0, numbers, change)


def note_machine_changes(old, new):
    for key in ("host", "cpu", "compiler_version", "cflags", "kernel"):
        a, b = old.provenance.get(key), new.provenance.get(key)
        if a and b and a != b:
            note(f"the sets differ in '{key}' ({a} vs {b}): time figures may not be comparable")


def ordered_names(names):
    first = [n for n in FILE_ORDER if n in names]
    return first + sorted(n for n in names if n not in FILE_ORDER)


def compare_sets(old, new, limits, forced_keys):
    """All findings, and the schema of every file of NEW (for the JSON output)."""
    findings, schemas = [], {}
    for name in ordered_names(set(old.tables) | set(new.tables)):
        if name not in new.tables:
            finding = Finding(Schema(name, [old.tables[name]], forced_keys.get(name)), None,
                              "(every figure)")
            finding.note = "file only in OLD"
            findings.append(missing(finding, limits))
            continue
        if name not in old.tables:
            note(f"{name} is only in NEW ({new.path}): not compared, still in the JSON output")
            schemas[name] = Schema(name, [new.tables[name]], forced_keys.get(name))
            continue
        schema = Schema(name, [old.tables[name], new.tables[name]], forced_keys.get(name))
        schemas[name] = schema
        note_parameter_changes(schema, old.tables[name], new.tables[name])
        findings += compare_file(schema, old.tables[name], new.tables[name], limits)
    unused = set(forced_keys) - set(schemas)
    if unused:
        raise InputError("--key names a file that is in no set: " + ", ".join(sorted(unused)),
                         "use the file name, e.g. --key crypto.csv:name,clock")
    if not schemas:
        raise InputError(f"{old.path} and {new.path} have no CSV file in common",
                         "compare two sets written by scripts/run.sh")
    return findings, schemas


def table_rows(findings):
    rows = []
    for f in findings:
        verdict = f.verdict + ("; " if f.verdict and f.note else "") + f.note
        rows.append([f.file, f.row_label(), f.figure, f.old, f.new, f.delta_text(),
                     f.pct_text(), verdict])
    return rows


TABLE_HEADER = ["file", "row", "figure", "old", "new", "delta", "delta %", "verdict"]
RIGHT_ALIGNED = {3, 4, 5, 6}


def print_text(findings, stream):
    """One block per file, under its name, each with columns as wide as its own rows need."""
    rows = table_rows(findings)
    header = TABLE_HEADER[1:]
    for index, name in enumerate(dict.fromkeys(r[0] for r in rows)):
        block = [r[1:] for r in rows if r[0] == name]
        widths = [max(len(r[i]) for r in block + [header]) for i in range(len(header))]
        if index:
            print(file=stream)
        print(name, file=stream)
        for row in [header] + block:
            cells = [c.rjust(w) if i + 1 in RIGHT_ALIGNED else c.ljust(w)
                     for i, (c, w) in enumerate(zip(row, widths))]
            print("  " + "  ".join(cells).rstrip(), file=stream)


def print_markdown(findings, stream):
    print("| " + " | ".join(TABLE_HEADER) + " |", file=stream)
    print("|" + "|".join("---:" if i in RIGHT_ALIGNED else "---"
                         for i in range(len(TABLE_HEADER))) + "|", file=stream)
    for row in table_rows(findings):
        cells = [c.replace("|", "\\|") for c in row]
        if cells[-1].startswith("REGRESSION"):
            cells[-1] = "**" + cells[-1] + "**"
        print("| " + " | ".join(cells) + " |", file=stream)


def print_csv(findings, stream):
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["file", "key", "figure", "unit", "class", "old", "new", "delta",
                     "delta_pct", "verdict", "note"])
    for f in findings:
        pct = "" if f.pct is None else f"{f.pct:.4f}"
        writer.writerow([f.file, f.full_key(), f.figure, f.unit, f.cls, f.old, f.new,
                         f.delta_text(), pct, f.verdict, f.note])


def summary(findings):
    judged = [f for f in findings if f.delta is not None]
    count = {v: sum(1 for f in findings if f.verdict == v)
             for v in ("REGRESSION", "improved", "not gated", "reference")}
    apart = sum(1 for f in findings if f.note.startswith(("row only", "column only", "file only")))
    absent = sum(1 for f in findings if f.verdict == "MISSING")
    return (f"{len(judged)} figures compared: {count['REGRESSION']} regression(s), "
            f"{count['improved']} improved, {count['not gated']} not gated (no range), "
            f"{count['reference']} reference (peer library); "
            f"{apart} file(s)/row(s)/column(s) in one set only, {absent} of them MISSING from NEW")


def describe_limits(limits):
    return (f"size (_bytes) growth over {limits.flash_pct:g} % or over {limits.flash_bytes:g}"
            f" bytes; instructions over {limits.instr_pct:g} %; counts over "
            f"{limits.count_pct:g} %; time medians over {limits.wall_pct:g} % with the "
            "p10-p90 ranges apart")


def json_number(value):
    return int(value) if value.is_integer() else value


def benchmark_entries(new, schemas, findings, old_label):
    """The figures of NEW in github-action-benchmark's customSmallerIsBetter form."""
    found = {(f.file, f.key, f.figure): f for f in findings if f.key is not None}
    entries = []
    for name, schema in schemas.items():
        for row in new.tables[name].rows:
            key = key_of(row, schema.keys)
            for figure in schema.figures:
                value = to_number(row.get(figure.column))
                if value is None:
                    continue
                parts = [name[:-len(".csv")]] + [k or "-" for k in key] + [figure.column]
                entry = {"name": "/".join(parts), "unit": figure.unit,
                         "value": json_number(value)}
                if figure.value_range(row):
                    entry["range"] = f"p10 {row[figure.p10]} .. p90 {row[figure.p90]}"
                finding = found.get((name, key, figure.column))
                if finding and finding.delta is not None:
                    entry["extra"] = (f"OLD {old_label}: {finding.old}, delta "
                                      f"{finding.delta_text()} ({finding.pct_text() or 'n/a'})"
                                      f" {finding.verdict}").rstrip()
                entries.append(entry)
    return entries


def write_json(path, entries):
    """Writes beside the target, then renames: an interrupted run leaves no half file."""
    temp = f"{path}.tmp{os.getpid()}"
    try:
        with open(temp, "w", encoding="utf-8") as stream:
            json.dump(entries, stream, indent=1, ensure_ascii=False)
            stream.write("\n")
        os.replace(temp, path)
    except OSError as err:
        if os.path.exists(temp):
            os.unlink(temp)
        raise InputError(f"cannot write --json {path}: {err}",
                         "pass a path in a writable directory") from err


def threshold(text):
    value = to_number(text)
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number >= 0")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/compare.py", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compare two results sets (two Mbed TLS versions, or two commits of this "
        "project): one line per figure with both values, absolute and relative delta, and a "
        "verdict. Notes go to stderr.")
    parser.add_argument("old", metavar="OLD_SET", help="results set taken as the reference")
    parser.add_argument("new", metavar="NEW_SET", help="results set judged against it")
    parser.add_argument("--flash-pct", type=threshold, default=0.5, metavar="PCT",
                        help="size growth limit in %% of the old value (default 0.5)")
    parser.add_argument("--flash-bytes", type=threshold, default=256, metavar="BYTES",
                        help="size growth limit in bytes (default 256)")
    parser.add_argument("--instr-pct", type=threshold, default=1, metavar="PCT",
                        help="instruction count growth limit in %% (default 1)")
    parser.add_argument("--count-pct", type=threshold, default=1, metavar="PCT",
                        help="growth limit of other counts (_count, _allocs) in %% "
                        "(default 1)")
    parser.add_argument("--wall-pct", "--time-pct", type=threshold, default=5, metavar="PCT",
                        help="growth limit of time medians in %% (default 5), wall or CPU")
    parser.add_argument("--key", action="append", default=[], metavar="FILE:COL[,COL...]",
                        help="the key columns of FILE, when they cannot be told from the data")
    parser.add_argument("--format", choices=("text", "markdown", "csv"), default="text",
                        help="table format on stdout (default text)")
    parser.add_argument("--allow-missing", action="store_true",
                        help="list what OLD has and NEW lacks without failing (e.g. a NEW "
                        "set measured for fewer profiles on purpose)")
    parser.add_argument("--json", metavar="FILE",
                        help="also write NEW's figures for github-action-benchmark "
                        "(tool: customSmallerIsBetter)")
    return parser.parse_args(argv)


def parse_forced_keys(specs):
    forced = {}
    for spec in specs:
        name, sep, columns = spec.partition(":")
        if not sep or not name or not columns:
            raise InputError(f"--key '{spec}' is not FILE:COLUMN[,COLUMN...]",
                             "e.g. --key crypto.csv:profile,op,input_bytes")
        forced[name] = [c for c in columns.split(",") if c]
    return forced


def print_report(args, old, new, findings):
    out = sys.stdout
    if args.format == "csv":
        print_csv(findings, out)
        return
    lead = "" if args.format == "text" else "- "
    print(f"{lead}OLD: {old.describe()}", file=out)
    print(f"{lead}NEW: {new.describe()}", file=out)
    print(f"{lead}regression when: {describe_limits(args)}", file=out)
    print(file=out)
    (print_text if args.format == "text" else print_markdown)(findings, out)
    print(file=out)
    print(summary(findings), file=out)


def run(argv):
    args = parse_args(argv)
    old, new = ResultsSet(args.old, "OLD"), ResultsSet(args.new, "NEW")
    note_machine_changes(old, new)
    findings, schemas = compare_sets(old, new, args, parse_forced_keys(args.key))
    print_report(args, old, new, findings)
    if args.json:
        write_json(args.json, benchmark_entries(new, schemas, findings,
                                                os.path.basename(os.path.normpath(old.path))))
    regressions = [f for f in findings if f.verdict == "REGRESSION"]
    for f in regressions:
        print(f"{PROG}: REGRESSION: {f.file} {f.row_label()} {f.figure}: {f.old} -> {f.new} "
              f"({f.pct_text() or f.delta_text()})", file=sys.stderr)
    absent = [f for f in findings if f.verdict == "MISSING"]
    for f in absent:
        print(f"{PROG}: MISSING: {f.file} {f.row_label()} {f.figure}: in OLD, not in NEW",
              file=sys.stderr)
    if absent:
        print(f"{PROG}: fix: measure what NEW lacks, or pass --allow-missing if it was left "
              "out on purpose", file=sys.stderr)
    regressions += absent
    if not regressions:
        print(f"{PROG}: no regression ({summary(findings)})", file=sys.stderr)
    return EXIT_REGRESSION if regressions else EXIT_OK


def main():
    try:
        return run(sys.argv[1:])
    except InputError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        print(f"{PROG}: fix: {err.fix}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
