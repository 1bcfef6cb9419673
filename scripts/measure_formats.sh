#!/usr/bin/env bash
# Compares the bundle as JSON, CBOR and MessagePack: size raw, gzip -9 and brotli per set (the index,
# one typical occupation, all 923 details), and nlohmann-json parse time. Prints the tables that
# data/SCHEMA.md quotes. usage: scripts/measure_formats.sh [BUNDLE] [CODE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=${1:-$root/data/bundle}
code=${2:-15-2051.00}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -std=c++20 -O2 -o "$work/measure" "$root/scripts/measure_formats.cpp"
"$work/measure" "$bundle" "$work/out" 21 "$code"
echo
printf '%-12s %-8s %10s %10s %10s\n' set format raw gzip-9 brotli
for set in index typical all-details; do
    for format in json cbor msgpack; do
        raw=0 gz=0 br=0
        for f in "$work/out/$set"-*."$format"; do
            raw=$((raw + $(stat -c %s "$f")))
            gz=$((gz + $(gzip -9c "$f" | wc -c)))
            br=$((br + $(brotli -c "$f" | wc -c)))
        done
        printf '%-12s %-8s %10d %10d %10d\n' "$set" "$format" "$raw" "$gz" "$br"
    done
done
