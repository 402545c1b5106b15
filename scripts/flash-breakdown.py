#!/usr/bin/env python3
# Attributes the flash of a linked image to modules (TLS, X.509, ..., libc) from its linker map.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
"""Flash breakdown of an image by module, from a GNU ld map file.

Flash is text + data as arm-none-eabi-size counts them: every allocated section that is
read-only or executable (text), plus the initial values of writable data copied from flash at
start-up (data); bss takes no flash. Each input section the map places in such an output section
is attributed to a module by the object file it comes from; alignment fill and linker-made
sections go to "other". Nothing is left out: the script checks that the input sections and fill
of each output section add up to that section's size in the map, and that the modules add up to
the image's text + data as the size tool reports it from the ELF file. Either mismatch prints
both sides and exits 1.

Prints CSV rows: profile,mbedtls_version,target,module,flash_bytes (--header adds the header).
"""

import argparse
import collections
import os
import re
import subprocess
import sys

PROG = "flash-breakdown"

# Modules in the order of the CSV and of the chart's stack, with the Mbed TLS source files
# (base names without .c) of each. Files not listed here go to "other", with a note.
MBEDTLS_MODULES = [
    ("tls", "ssl_* debug mps_reader mps_trace net_sockets"),
    ("x509", "x509* pkcs7"),
    ("pk_asn1_oid_pem", "pk pk_ecc pk_wrap pkparse pkwrite pkcs5 pkcs12 asn1parse asn1write oid "
     "pem base64"),
    ("psa_core", "psa_*"),
    ("ecp_bignum", "ecp ecp_curves ecp_curves_new ecdsa ecdh ecjpake bignum bignum_core "
     "bignum_mod bignum_mod_raw everest x25519 Hacl_Curve25519_joined"),
    ("p256m", "p256-m p256-m_driver_entrypoints"),
    ("rsa_dhm_lms", "rsa rsa_alt_helpers dhm lms lmots"),
    ("aes_gcm_chachapoly", "aes aesni aesce padlock aria camellia des ccm gcm chacha20 chachapoly "
     "poly1305 cipher cipher_wrap cmac nist_kw block_cipher"),
    ("sha_md_hmac", "md md5 ripemd160 sha1 sha256 sha512 sha3 hkdf"),
    ("entropy_drbg_platform", "entropy entropy_poll ctr_drbg hmac_drbg platform platform_util "
     "threading timing memory_buffer_alloc constant_time error version version_features"),
]
# The project's own code in the image: the client core (src/) and the image around it (arm/).
OWN_MODULES = [("client_core", "src"), ("image_port", "arm")]
MODULE_ORDER = ([m for m, _ in MBEDTLS_MODULES] + [m for m, _ in OWN_MODULES]
                + ["libc", "libgcc", "other"])


def die(message, fix=None):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    if fix:
        print(f"{PROG}: fix: {fix}", file=sys.stderr)
    sys.exit(1)


def mbedtls_module(base):
    """Module of an Mbed TLS source file, or None when no pattern names it."""
    for module, patterns in MBEDTLS_MODULES:
        for pattern in patterns.split():
            if pattern.endswith("*") and base.startswith(pattern[:-1]):
                return module
            if base == pattern:
                return module
    return None


def module_of(source, unknown):
    """Module of an input section's source as the map names it: a path, 'lib.a(member)' or
    'linker stubs'. Sources no rule knows go to 'other' and are recorded in unknown."""
    if source == "linker stubs":
        return "other"
    match = re.match(r"^(.*)\((.*)\)$", source)
    archive, member = (match.group(1), match.group(2)) if match else ("", source)
    archive_name = os.path.basename(archive)
    if archive_name.startswith("libgcc"):
        return "libgcc"
    if re.match(r"^lib(c|g|m|nosys)(_nano)?\.a$", archive_name):
        return "libc"
    base = re.sub(r"\.(c\.obj|c\.o|obj|o)$", "", os.path.basename(member))
    if archive_name.startswith("libmbedtls"):
        module = mbedtls_module(base)
        if module is not None:
            return module
    for module, directory in OWN_MODULES:
        if not archive and f"/{directory}/" in f"/{member}":
            return module
    unknown[source] += 1
    return "other"


def elf_flash_sections(elf, readelf):
    """Names of the allocated sections of the ELF file that take flash (text and data, not
    bss), from the section headers."""
    out = run([readelf, "-SW", elf])
    names = set()
    for line in out.splitlines():
        match = re.match(r"^\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+"
                         r"\s+[0-9a-f]+\s+([A-Za-z]*)\s", line)
        if match and "A" in match.group(3) and match.group(2) != "NOBITS":
            names.add(match.group(1))
    if not names:
        die(f"'{readelf} -SW {elf}' listed no allocated section", "is it an ELF image?")
    return names


def run(argv):
    try:
        return subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        die(f"'{argv[0]}' not found", "install binutils-arm-none-eabi (or set SIZE / READELF)")
    except subprocess.CalledProcessError as err:
        die(f"'{' '.join(argv)}' failed: {err.stderr.strip()}")
    return ""


def size_text_data(elf, size_tool):
    """text and data of the image as the size tool counts them (Berkeley format)."""
    lines = run([size_tool, "--format=berkeley", elf]).strip().splitlines()
    fields = lines[-1].split() if lines else []
    if len(fields) < 3 or not fields[0].isdigit():
        die(f"cannot read the output of '{size_tool} {elf}'")
    return int(fields[0]), int(fields[1])


HEX = r"0x[0-9a-fA-F]+"
RE_OUTPUT = re.compile(rf"^(\S+)(?:\s+({HEX})\s+({HEX}))?(?:\s+load address\s+{HEX})?\s*$")
RE_INPUT = re.compile(rf"^ (\S+)(?:\s+({HEX})\s+({HEX})\s+(.+?))?\s*$")
RE_CONTINUED = re.compile(rf"^\s+({HEX})\s+({HEX})\s+(.+?)\s*$")
RE_FILL = re.compile(rf"^ \*fill\*\s+({HEX})\s+({HEX})")


class MapReader:
    """Collects, from the memory map of a GNU ld map file, each flash output section's address
    and size and the input sections and fill placed in it."""

    def __init__(self, flash_sections):
        self.flash_sections = flash_sections
        self.sections = {}  # output section -> (address, size)
        self.entries = collections.defaultdict(list)  # output section -> [(address, size, source)]
        self.section = None
        self.pending = None  # a section name whose figures are on the next line

    def add(self, address_hex, size_hex, source):
        if self.section in self.flash_sections:
            self.entries[self.section].append((int(address_hex, 16), int(size_hex, 16), source))

    def open_section(self, name, address_hex, size_hex):
        self.section = name
        if name in self.flash_sections:
            if name in self.sections:
                die(f"output section {name} appears twice in the map")
            self.sections[name] = (int(address_hex, 16), int(size_hex, 16))

    def line(self, text):
        if self.pending is not None:
            kind, name = self.pending
            self.pending = None
            match = RE_CONTINUED.match(text)
            if match and kind == "input":
                self.add(match.group(1), match.group(2), match.group(3))
                return
            match = re.match(rf"^\s+({HEX})\s+({HEX})", text)
            if match and kind == "output":
                self.open_section(name, match.group(1), match.group(2))
                return
        self.parse(text)

    def parse(self, text):
        fill = RE_FILL.match(text)
        if fill:
            self.add(fill.group(1), fill.group(2), None)
            return
        if text.startswith(" *") or not text.strip() or text.startswith("  "):
            return  # input patterns, symbols and assignments carry no bytes of their own
        if not text.startswith(" "):
            self.output_line(text)
            return
        match = RE_INPUT.match(text)
        if not match:
            return
        if match.group(2) is None:
            self.pending = ("input", match.group(1))
            return
        self.add(match.group(2), match.group(3), match.group(4))

    def output_line(self, text):
        match = RE_OUTPUT.match(text)
        if not match or text.startswith(("LOAD ", "OUTPUT(", "START GROUP", "END GROUP")):
            self.section = None
            return
        if match.group(2) is None:
            self.pending = ("output", match.group(1))
            self.section = match.group(1)
            return
        self.open_section(match.group(1), match.group(2), match.group(3))


def read_map(path, flash_sections):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError as err:
        die(f"cannot read the map file {path}: {err.strerror}", "build the image first")
    try:
        start = lines.index("Linker script and memory map")
    except ValueError:
        die(f"{path} has no 'Linker script and memory map' part", "link with -Wl,-Map=FILE")
    reader = MapReader(flash_sections)
    for text in lines[start + 1:]:
        reader.line(text)
    return reader


def attribute(reader):
    """Bytes per module, and per output section the bytes its entries cover.

    An entry owns the bytes from its address up to its end or the next entry's address,
    whichever comes first. Merged string sections (.str1.1) share addresses in the map, each
    listed with its size before merging; clipping gives each byte to exactly one of them."""
    modules = collections.defaultdict(int)
    unknown = collections.Counter()
    covered = {}
    for name, (base, size_bytes) in reader.sections.items():
        entries = sorted(reader.entries.get(name, []), key=lambda e: e[0])
        covered[name] = 0
        for i, (address, entry_bytes, source) in enumerate(entries):
            limit = entries[i + 1][0] if i + 1 < len(entries) else base + size_bytes
            owned = max(0, min(address + entry_bytes, limit) - address)
            if owned:
                module = "other" if source is None else module_of(source, unknown)
                modules[module] += owned
                covered[name] += owned
    return modules, covered, unknown


def check(reader, covered, modules, text_bytes, data_bytes, args):
    """Returns the list of mismatches between the map's parts and sizes and the ELF's totals."""
    problems = []
    for name, (_, size_bytes) in sorted(reader.sections.items()):
        if covered[name] != size_bytes:
            problems.append(f"output section {name}: {size_bytes} bytes in the map, but its "
                            f"input sections and fill cover {covered[name]}")
    total = sum(modules.values())
    if total != text_bytes + data_bytes:
        problems.append(f"modules add up to {total} bytes, but {args.size} reports text "
                        f"{text_bytes} + data {data_bytes} = {text_bytes + data_bytes} for "
                        f"{args.elf}")
    return problems


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", required=True, help="linker map of the image (-Wl,-Map=FILE)")
    parser.add_argument("--elf", required=True, help="the linked image")
    parser.add_argument("--profile", required=True)
    parser.add_argument("--mbedtls-version", required=True)
    parser.add_argument("--target", required=True, help="e.g. cortex-m4")
    parser.add_argument("--header", action="store_true", help="print the CSV header row first")
    parser.add_argument("--size", default=os.environ.get("SIZE", "arm-none-eabi-size"))
    parser.add_argument("--readelf", default=os.environ.get("READELF", "arm-none-eabi-readelf"))
    args = parser.parse_args()
    for name in ("profile", "mbedtls_version", "target"):
        if re.search(r"[,\"\n]", getattr(args, name)):
            die(f"--{name.replace('_', '-')} '{getattr(args, name)}' has a comma or quote")
    return args


def main():
    args = parse_args()
    if not os.path.isfile(args.elf):
        die(f"image {args.elf} not found", "build it first (scripts/build-arm.sh)")
    text_bytes, data_bytes = size_text_data(args.elf, args.size)
    reader = read_map(args.map, elf_flash_sections(args.elf, args.readelf))
    modules, covered, unknown = attribute(reader)
    for source, count in sorted(unknown.items()):
        print(f"{PROG}: note: {source}: no module rule, {count} section(s) counted as other",
              file=sys.stderr)
    problems = check(reader, covered, modules, text_bytes, data_bytes, args)
    if problems:
        for problem in problems:
            print(f"{PROG}: error: {problem}", file=sys.stderr)
        print(f"{PROG}: fix: use the map written by the same link as {args.elf}",
              file=sys.stderr)
        return 1
    if args.header:
        print("profile,mbedtls_version,target,module,flash_bytes")
    for module in MODULE_ORDER:
        print(f"{args.profile},{args.mbedtls_version},{args.target},{module},"
              f"{modules.get(module, 0)}")
    print(f"{PROG}: {args.profile} ({args.target}): modules add up to text {text_bytes} + data "
          f"{data_bytes} = {text_bytes + data_bytes} bytes; other (fill, linker-made) "
          f"{modules.get('other', 0)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
