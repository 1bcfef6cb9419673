#!/usr/bin/env bash
# Fetches Dear ImGui 1.86's sources from Debian's `imgui` source package into .cache/imgui-1.86,
# checked by SHA-256. One source tree serves the native and the web build. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec "$root/scripts/fetch_debian_source.sh" imgui "imgui_1.86+ds.orig.tar.xz" \
    0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64 "$root/.cache/imgui-1.86" imgui.cpp
