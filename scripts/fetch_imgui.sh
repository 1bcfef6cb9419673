#!/usr/bin/env bash
# Fetches Dear ImGui 1.86's sources from Debian's `imgui` source package into .cache/imgui-1.86,
# checked by SHA-256. One source tree serves the native and the web build. Idempotent: does nothing
# when the tree is already there. Needs root (it adds a deb-src entry) only on the first run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
dest="$cache/imgui-1.86"
tarball="imgui_1.86+ds.orig.tar.xz"
sha256="0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64"

[ -f "$dest/imgui.cpp" ] && [ -f "$dest/.sha256-ok" ] && exit 0
mkdir -p "$cache"

if [ ! -f "$cache/$tarball" ] || ! echo "$sha256  $cache/$tarball" | sha256sum -c --status; then
    # Debian's source package: add a deb-src entry for the archive and keyring the machine already uses.
    if ! apt-get source --print-uris imgui 2>/dev/null | grep -q "$tarball"; then
        src=/etc/apt/sources.list.d/exposure-src.sources
        uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        key=$(awk '/^Signed-By:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        if [ -z "$uri" ] || [ -z "$key" ]; then
            echo "fetch_imgui: no deb-src entry for imgui and no /etc/apt/sources.list.d/debian.sources to derive one from" >&2
            exit 1
        fi
        printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' \
            "$uri" "$key" > "$src"
        apt-get update -qq
    fi
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get source --download-only -qq imgui >/dev/null 2>&1) \
        || { echo "fetch_imgui: 'apt-get source imgui' failed (is a deb-src entry reachable?)" >&2; exit 1; }
    mv "$tmp/$tarball" "$cache/$tarball.part" && mv "$cache/$tarball.part" "$cache/$tarball"
    rm -rf "$tmp"
fi
got=$(sha256sum "$cache/$tarball" | cut -d' ' -f1)
if [ "$got" != "$sha256" ]; then
    echo "fetch_imgui: $tarball has SHA-256 $got, expected $sha256" >&2
    exit 1
fi
rm -rf "$dest.part" && mkdir -p "$dest.part"
tar -xJf "$cache/$tarball" -C "$dest.part" --strip-components=1
touch "$dest.part/.sha256-ok"
rm -rf "$dest" && mv "$dest.part" "$dest"
