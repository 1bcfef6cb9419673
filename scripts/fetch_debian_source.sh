#!/usr/bin/env bash
# Fetches one Debian source package's upstream tarball with `apt-get source`, checks its SHA-256 and
# unpacks it into a folder of .cache/ (git-ignored). Shared by fetch_imgui.sh and fetch_benchmark.sh.
#   fetch_debian_source.sh PACKAGE TARBALL SHA256 DEST MARKER
# DEST is the folder to fill; MARKER a file inside the tarball's top folder that shows the tree is
# there. Idempotent: does nothing when DEST holds MARKER and was checked. Needs root only when it
# has to add a deb-src entry (derived from the machine's own sources).
set -euo pipefail
[ $# -eq 5 ] || { echo "usage: fetch_debian_source.sh PACKAGE TARBALL SHA256 DEST MARKER" >&2; exit 2; }
package=$1 tarball=$2 sha256=$3 dest=$4 marker=$5
me="fetch $package"
cache=$(dirname "$dest")

[ -f "$dest/$marker" ] && [ -f "$dest/.sha256-ok" ] && exit 0
mkdir -p "$cache"

if [ ! -f "$cache/$tarball" ] || ! echo "$sha256  $cache/$tarball" | sha256sum -c --status; then
    if ! apt-get source --print-uris "$package" 2>/dev/null | grep -q "$tarball"; then
        src=/etc/apt/sources.list.d/exposure-src.sources
        uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        key=$(awk '/^Signed-By:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        if [ -z "$uri" ] || [ -z "$key" ]; then
            echo "$me: no deb-src entry for $package and no /etc/apt/sources.list.d/debian.sources to derive one from" >&2
            exit 1
        fi
        printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' \
            "$uri" "$key" > "$src"
        apt-get update -qq
    fi
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get source --download-only -qq "$package" >/dev/null 2>&1) \
        || { echo "$me: 'apt-get source $package' failed (is a deb-src entry reachable?)" >&2; rm -rf "$tmp"; exit 1; }
    mv "$tmp/$tarball" "$cache/$tarball.part" && mv "$cache/$tarball.part" "$cache/$tarball"
    rm -rf "$tmp"
fi
got=$(sha256sum "$cache/$tarball" | cut -d' ' -f1)
if [ "$got" != "$sha256" ]; then
    echo "$me: $tarball has SHA-256 $got, expected $sha256" >&2
    exit 1
fi
# Unpacked beside DEST and renamed only when complete: never a half-unpacked tree.
rm -rf "$dest.part" && mkdir -p "$dest.part"
tar -xf "$cache/$tarball" -C "$dest.part" --strip-components=1
touch "$dest.part/.sha256-ok"
rm -rf "$dest" && mv "$dest.part" "$dest"
