#!/usr/bin/env bash
# Fetches Google Benchmark 1.7.1's sources from Debian's `benchmark` source package (the same version
# as the native libbenchmark-dev) into .cache/benchmark-1.7.1, checked by SHA-256, so the WebAssembly
# build of bench/ runs the very same harness as the native one. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec "$root/scripts/fetch_debian_source.sh" benchmark "benchmark_1.7.1.orig.tar.gz" \
    6430e4092653380d9dc4ccb45a1e2dc9259d581f4866dc0759713126056bc1d7 "$root/.cache/benchmark-1.7.1" CMakeLists.txt
