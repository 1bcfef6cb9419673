#!/usr/bin/env bash
# Fetches Google Benchmark 1.7.1's sources from Debian's `benchmark` source package (the same version
# as the native libbenchmark-dev) into .cache/benchmark-1.7.1, checked by SHA-256, so the WebAssembly
# build of bench/ runs the very same harness as the native one. Idempotent: does nothing when the
# tree is already there. Relies on the deb-src entry scripts/fetch_imgui.sh adds (adds it the same
# way if missing; needs root only then).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
dest="$cache/benchmark-1.7.1"
tarball="benchmark_1.7.1.orig.tar.gz"
sha256="6430e4092653380d9dc4ccb45a1e2dc9259d581f4866dc0759713126056bc1d7"

[ -f "$dest/CMakeLists.txt" ] && [ -f "$dest/.sha256-ok" ] && exit 0
mkdir -p "$cache"

if [ ! -f "$cache/$tarball" ] || ! echo "$sha256  $cache/$tarball" | sha256sum -c --status; then
    if ! apt-get source --print-uris benchmark 2>/dev/null | grep -q "$tarball"; then
        src=/etc/apt/sources.list.d/exposure-src.sources
        uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        key=$(awk '/^Signed-By:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
        if [ -z "$uri" ] || [ -z "$key" ]; then
            echo "fetch_benchmark: no deb-src entry for benchmark and no /etc/apt/sources.list.d/debian.sources to derive one from" >&2
            exit 1
        fi
        printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' \
            "$uri" "$key" > "$src"
        apt-get update -qq
    fi
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get source --download-only -qq benchmark >/dev/null 2>&1) \
        || { echo "fetch_benchmark: 'apt-get source benchmark' failed (is a deb-src entry reachable?)" >&2; rm -rf "$tmp"; exit 1; }
    mv "$tmp/$tarball" "$cache/$tarball.part" && mv "$cache/$tarball.part" "$cache/$tarball"
    rm -rf "$tmp"
fi
got=$(sha256sum "$cache/$tarball" | cut -d' ' -f1)
if [ "$got" != "$sha256" ]; then
    echo "fetch_benchmark: $tarball has SHA-256 $got, expected $sha256" >&2
    exit 1
fi
rm -rf "$dest.part" && mkdir -p "$dest.part"
tar -xzf "$cache/$tarball" -C "$dest.part" --strip-components=1
touch "$dest.part/.sha256-ok"
rm -rf "$dest" && mv "$dest.part" "$dest"
