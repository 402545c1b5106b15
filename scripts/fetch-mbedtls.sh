#!/usr/bin/env bash
# Produces a verified, unpacked Mbed TLS source tree in a cache outside git.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Ways in, tried in order: a local tree (--tree), a tarball (--tarball), the cache, Debian's
# source package through `apt-get source` with deb-src entries derived from this machine's own
# apt configuration, the upstream release tarball. A pinned version's tarball must match its
# SHA-256 in scripts/mbedtls-versions.txt; a mismatch is a hard error.
#
# On success prints key=value lines on stdout (dir, version, sha256, source, commit); progress
# and errors go to stderr.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
versions_file="$here/mbedtls-versions.txt"
upstream_url='https://github.com/Mbed-TLS/mbedtls/releases/download'
debian_suites='bookworm trixie sid'

version=''
tree=''
tarball=''
cache="${MBP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mbedtls-profiles}"
offline=0

usage() {
    cat <<EOF
usage: $(basename "$0") [--version V] [--tree DIR | --tarball FILE] [--cache DIR] [--offline]

  --version V      Mbed TLS release to fetch (pinned: $(pinned_versions)); default 3.6.7
  --tree DIR       use a local Mbed TLS tree or git checkout as it is (never modified)
  --tarball FILE   use a release tarball you downloaded; checked against the pinned SHA-256
  --cache DIR      where fetched sources live (default: $cache; env MBP_CACHE_DIR)
  --offline        use only the cache, a --tree or a --tarball; never the network

Exit status: 0 with dir=, version=, sha256=, source=, commit= lines on stdout; 2 for a version
that is not pinned or a tree of another Mbed TLS major version than 3.6; 1 for anything else.
EOF
}

die() {
    printf 'fetch-mbedtls: error: %s\n' "$1" >&2
    [ $# -lt 2 ] || printf 'fetch-mbedtls: fix: %s\n' "$2" >&2
    exit "${DIE_STATUS:-1}"
}

note() { printf 'fetch-mbedtls: %s\n' "$*" >&2; }

pinned_versions() { awk '!/^#/ && NF { printf "%s%s", sep, $1; sep = ", " }' "$versions_file"; }

pinned_field() { # VERSION FIELD_NUMBER
    awk -v v="$1" -v f="$2" '!/^#/ && $1 == v { print $f }' "$versions_file"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# Reads MBEDTLS_VERSION_STRING from a tree's build_info.h.
tree_version() {
    sed -n 's/^#define MBEDTLS_VERSION_STRING[[:space:]]*"\(.*\)"/\1/p' \
        "$1/include/mbedtls/build_info.h"
}

# Refuses a tree that lacks what the project's build compiles, naming what to do.
check_tree() {
    local dir=$1 missing="" version

    if [ ! -f "$dir/include/mbedtls/build_info.h" ] && [ -f "$dir/include/mbedtls/version.h" ]; then
        version=$(sed -n 's/^#define MBEDTLS_VERSION_STRING[[:space:]]*"\(.*\)"/\1/p' \
            "$dir/include/mbedtls/version.h")
        DIE_STATUS=2 die \
            "$dir is Mbed TLS ${version:-2.x}, older than 3.6: the profiles are written for 3.6" \
            "pass an Mbed TLS 3.6 tree (e.g. the v3.6.7 tag), or --version with a pinned release"
    fi
    [ -f "$dir/include/mbedtls/build_info.h" ] ||
        die "$dir is not an Mbed TLS source tree (no include/mbedtls/build_info.h)" \
            "pass the top directory of an Mbed TLS 3.6 checkout or release"
    # The profiles use 3.6's options (PSA crypto configuration, TLS 1.3); 4.x moved crypto out
    # of the tree (TF-PSA-Crypto) and renamed them.
    version=$(tree_version "$dir")
    case "$version" in
    3.6.*) ;;
    *)
        DIE_STATUS=2 die \
            "$dir is Mbed TLS ${version:-of unknown version}: the profiles are written for 3.6" \
            "pass an Mbed TLS 3.6 tree (e.g. the v3.6.7 tag), or --version with a pinned release"
        ;;
    esac
    for f in library/error.c library/version_features.c library/psa_crypto_driver_wrappers.h \
        library/psa_crypto_driver_wrappers_no_static.c library/ssl_debug_helpers_generated.c; do
        [ -f "$dir/$f" ] || missing="$missing $f"
    done
    [ -z "$missing" ] ||
        die "$dir lacks generated files:$missing" \
            "run 'make generated_files' in that tree (a git checkout needs it), or use a release"
}

emit() { # DIR VERSION SHA256 SOURCE COMMIT
    printf 'dir=%s\nversion=%s\nsha256=%s\nsource=%s\ncommit=%s\n' "$@"
}

from_tree() {
    local dir commit=none

    [ -e "$tree" ] || die "--tree $tree: no such directory" "name an Mbed TLS source directory"
    [ -d "$tree" ] || die "--tree $tree is a file, not a directory" \
        "name the Mbed TLS source directory (for a release tarball, use --tarball)"
    dir=$(cd "$tree" && pwd)
    check_tree "$dir"
    if git -C "$dir" rev-parse --git-dir >/dev/null 2>&1; then
        commit=$(git -C "$dir" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
    fi
    emit "$dir" "$(tree_version "$dir")" none tree "$commit"
}

# Unpacks a verified tarball into the cache and prints the tree's key=value lines.
unpack() { # TARBALL VERSION SHA256 SOURCE
    local file=$1 ver=$2 sum=$3 source=$4 dest="$cache/src/mbedtls-$2" tmp

    mkdir -p "$cache/src"
    tmp=$(mktemp -d "$cache/src/.unpack.XXXXXX")
    if ! tar -xf "$file" -C "$tmp"; then
        rm -rf "$tmp"
        die "cannot unpack $file" "check the file is a complete .tar.bz2 release tarball"
    fi
    rm -rf "$dest"
    mv "$tmp/mbedtls-$ver" "$dest" 2>/dev/null ||
        { rm -rf "$tmp"; die "$file does not hold mbedtls-$ver/" "pass the tarball of $ver"; }
    rm -rf "$tmp"
    check_tree "$dest"
    printf '%s %s\n' "$sum" "$source" >"$dest.verified"
    emit "$dest" "$ver" "$sum" "$source" none
}

# Checks FILE against the pinned SHA-256 of VERSION; a mismatch stops everything. The fix names
# what the file is when it can tell: another pinned release, or no tarball at all. ORIGIN is
# "yours" for a file the user gave (--tarball), whose deletion this script never suggests.
verify() { # FILE VERSION [ORIGIN]
    local want got other fix

    want=$(pinned_field "$2" 2)
    got=$(sha256_of "$1")
    [ "$got" != "$want" ] || return 0
    other=$(awk -v s="$got" '!/^#/ && $2 == s { print $1; exit }' "$versions_file")
    if [ -n "$other" ]; then
        fix="this file is the Mbed TLS $other release: pass --version $other with it"
    elif ! bzip2 -tq "$1" 2>/dev/null; then
        fix="this is not a .tar.bz2 release tarball; pass mbedtls-$2.tar.bz2 from the release page"
    elif [ "${3:-}" = yours ]; then
        fix="the file is not the $2 release as pinned, or is damaged; download it again"
    else
        fix="the file is corrupt or not the $2 release; delete it and fetch again"
    fi
    die "SHA-256 mismatch for $1: got $got, pinned $want for Mbed TLS $2" "$fix"
}

# Prints the archive URIs of this machine's Debian apt sources (deb lines, one-line or deb822),
# keeping only entries whose suites are Debian releases, not security or third-party archives.
debian_uris() {
    local f

    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        awk '$1 == "deb" {
                 i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                 if ($(i+1) ~ /^(bookworm|trixie|forky|sid|bullseye|stable|testing|unstable)(-updates)?$/)
                     print $i }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
             { types = ""; uris = ""; suites = "";
               for (i = 1; i <= NF; i++) {
                   if ($i ~ /^Types:/) types = $i
                   if ($i ~ /^URIs:/) uris = $i
                   if ($i ~ /^Suites:/) suites = $i
               }
               if (types ~ /[ \t]deb([ \t]|$)/ &&
                   suites ~ /[ \t](bookworm|trixie|forky|sid|bullseye|stable|testing|unstable)([ \t]|-updates|$)/) {
                   n = split(uris, u, /[ \t]+/)
                   for (j = 2; j <= n; j++) print u[j]
               } }' "$f"
    done
}

from_debian() {
    local deb_version apt_dir uris uri suite opts file

    deb_version=$(pinned_field "$version" 3)
    command -v apt-get >/dev/null 2>&1 || return 1
    uris=$(debian_uris | sort -u)
    [ -n "$uris" ] || { note "no Debian archive in this machine's apt sources"; return 1; }

    apt_dir="$cache/apt"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/tarballs"
    : >"$apt_dir/sources.list"
    for uri in $uris; do
        for suite in $debian_suites; do
            printf 'deb-src %s %s main\n' "$uri" "$suite" >>"$apt_dir/sources.list"
        done
    done
    opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
        -o "APT::Sandbox::User=$(id -un)" -o "Debug::NoLocking=1")

    note "fetching Debian source package mbedtls $deb_version (apt-get source)"
    apt-get "${opts[@]}" -qq update >&2 || { note "apt-get update failed"; return 1; }
    (cd "$apt_dir" && apt-get "${opts[@]}" -qq source --download-only \
        "mbedtls=$deb_version" >&2) || { note "apt-get source mbedtls=$deb_version failed"; return 1; }
    file="$apt_dir/mbedtls_$version.orig.tar.bz2"
    [ -f "$file" ] || { note "Debian package has no $(basename "$file")"; return 1; }
    verify "$file" "$version"
    mv "$file" "$cache/tarballs/mbedtls-$version.tar.bz2"
    rm -f "$apt_dir"/mbedtls_*
}

from_upstream() {
    local url="$upstream_url/mbedtls-$version/mbedtls-$version.tar.bz2"
    local part="$cache/tarballs/mbedtls-$version.tar.bz2.part"

    mkdir -p "$cache/tarballs"
    note "fetching $url"
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 2 --connect-timeout 20 -o "$part" "$url" || return 1
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$part" "$url" || return 1
    else
        note "neither curl nor wget is installed"
        return 1
    fi
    verify "$part" "$version"
    mv "$part" "$cache/tarballs/mbedtls-$version.tar.bz2"
}

main() {
    while [ $# -gt 0 ]; do
        case "$1" in
        --version) [ $# -ge 2 ] || die "--version needs a value" "e.g. --version 3.6.7"
            version=$2; shift 2 ;;
        --tree) [ $# -ge 2 ] || die "--tree needs a directory" "e.g. --tree ~/src/mbedtls"
            tree=$2; shift 2 ;;
        --tarball) [ $# -ge 2 ] || die "--tarball needs a file" "e.g. --tarball mbedtls-3.6.7.tar.bz2"
            tarball=$2; shift 2 ;;
        --cache) [ $# -ge 2 ] || die "--cache needs a directory" "e.g. --cache /var/cache/mbp"
            cache=$2; shift 2 ;;
        --offline) offline=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" "see the usage above" ;;
        esac
    done

    if [ -n "$tree" ]; then
        from_tree
        return
    fi
    [ -n "$version" ] || version=3.6.7
    [ -n "$(pinned_field "$version" 2)" ] ||
        DIE_STATUS=2 die "Mbed TLS $version is not pinned in scripts/mbedtls-versions.txt" \
            "use one of: $(pinned_versions); or pass --tree DIR for any other version"
    mkdir -p "$cache" 2>/dev/null || die "cannot create cache directory $cache" \
        "pass --cache DIR (or set MBP_CACHE_DIR) to a writable place"

    if [ -n "$tarball" ]; then
        [ -r "$tarball" ] || die "--tarball $tarball: cannot read it" "check the path"
        verify "$tarball" "$version" yours
        unpack "$tarball" "$version" "$(sha256_of "$tarball")" tarball
        return
    fi

    local dest="$cache/src/mbedtls-$version" sum
    sum=$(pinned_field "$version" 2)
    if [ -f "$dest.verified" ] && [ -d "$dest" ]; then
        emit "$dest" "$version" "$sum" "cache($(cut -d' ' -f2 "$dest.verified"))" none
        return
    fi
    if [ -f "$cache/tarballs/mbedtls-$version.tar.bz2" ]; then
        verify "$cache/tarballs/mbedtls-$version.tar.bz2" "$version"
        unpack "$cache/tarballs/mbedtls-$version.tar.bz2" "$version" "$sum" cache
        return
    fi
    [ "$offline" -eq 0 ] || die "Mbed TLS $version is not in the cache $cache and --offline is set" \
        "run once without --offline, or pass --tarball FILE or --tree DIR"

    if from_debian; then
        unpack "$cache/tarballs/mbedtls-$version.tar.bz2" "$version" "$sum" debian
    elif from_upstream; then
        unpack "$cache/tarballs/mbedtls-$version.tar.bz2" "$version" "$sum" upstream
    else
        rm -f "$cache/tarballs/mbedtls-$version.tar.bz2.part"
        die "could not fetch Mbed TLS $version from Debian's source packages nor upstream" \
            "download mbedtls-$version.tar.bz2 yourself and pass --tarball FILE, or --tree DIR"
    fi
}

main "$@"
