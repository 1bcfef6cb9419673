#!/usr/bin/env bash
# Sets up everything on a Debian bookworm machine, idempotently: Debian packages, Dear ImGui's
# sources, the browser tests' npm packages, the upstream data, the native build, the data bundle and
# the web build with its site. Each step reuses what exists; a second run with nothing changed takes
# seconds. Run as root on a fresh machine (apt-get); later runs need root only if a package is missing.
#
# Steps: packages, imgui, npm, upstream, native, bundle, web. The first failure stops the script with
# a line naming its step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Debian packages the build, the data, the tests and the demo need.
packages=(
    cmake ninja-build g++ clang-14 libclang-rt-14-dev python3 xz-utils ca-certificates curl
    emscripten node-acorn nlohmann-json3-dev doctest-dev libglfw3-dev libgl-dev libgl1-mesa-dri
    libbenchmark-dev libstb-dev fonts-inter fonttools brotli zopfli terser chromium xvfb xauth x11-xserver-utils
)

start=$(date +%s.%N)
step_name=""
step_start=$start
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() {
    step_name=$1
    step_start=$(date +%s.%N)
    printf 'setup: %-9s %s\n' "$1" "$2"
}
done_step() { printf 'setup: %-9s ok (%s s)\n' "$step_name" "$(elapsed "$step_start")"; }
fail() {
    echo "setup: FAILED in step '$step_name': $*" >&2
    step_name=""
    exit 1
}
# Anything that fails without calling fail() (set -e) still names its step.
trap 'rc=$?; if [ $rc -ne 0 ] && [ -n "$step_name" ]; then echo "setup: FAILED in step '"'"'$step_name'"'"' (exit $rc)" >&2; fi' EXIT
# Runs a build command; prints its output only when it fails (or warns), without progress lines.
build() {
    local log rc=0
    log=$(mktemp)
    "$@" >"$log" 2>&1 || rc=$?
    if [ $rc -ne 0 ]; then
        grep -vE '^\[[0-9]+/[0-9]+\] ' "$log" | tail -n 80 >&2
    fi
    rm -f "$log"
    return $rc
}

# --- packages: install only what is missing; apt-get update only then -----------------------------
step packages "Debian packages"
missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
for p in "${packages[@]}"; do
    grep -qx "$p installed" <<<"$installed" || missing+=("$p")
done
# Node.js with npm: any installation will do (Debian's nodejs + npm, or another vendor's nodejs
# that ships npm, which conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || fail "missing packages (${missing[*]}); run this script as root once"
    echo "setup:           installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || fail "apt-get update"
    apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]}"
fi
done_step

# --- imgui: Dear ImGui 1.86 from Debian's source package, SHA-256 checked ---------------------------
step imgui "Dear ImGui 1.86 sources (.cache/imgui-1.86)"
scripts/fetch_imgui.sh || fail "scripts/fetch_imgui.sh"
done_step

# --- npm: the browser tests' packages (playwright-core; never a browser download) -------------------
if [ -f tests/web/package.json ]; then
    step npm "npm packages for tests/web"
    stamp=tests/web/node_modules/.exposure-installed
    lock=tests/web/package-lock.json
    if [ ! -f "$stamp" ] || [ tests/web/package.json -nt "$stamp" ] || { [ -f "$lock" ] && [ "$lock" -nt "$stamp" ]; }; then
        export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
        if [ -f "$lock" ]; then
            (cd tests/web && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in tests/web"
        else
            (cd tests/web && npm install --no-audit --no-fund --loglevel=error) || fail "npm install in tests/web"
        fi
        touch "$stamp"
    fi
    done_step
fi

# --- upstream: the pinned data sets into data/upstream-cache, SHA-256 checked ----------------------
if [ -x scripts/fetch_upstream.sh ] || [ -f scripts/fetch_upstream.sh ]; then
    step upstream "upstream data (data/upstream-cache)"
    bash scripts/fetch_upstream.sh || fail "scripts/fetch_upstream.sh"
    done_step
else
    echo "setup: upstream  skipped: scripts/fetch_upstream.sh does not exist yet"
fi

# --- native: configure once, then let the build tool decide what is out of date --------------------
step native "native build (build/native)"
if [ ! -f build/native/build.ninja ]; then
    build cmake --preset native || fail "cmake --preset native"
fi
build cmake --build --preset native || fail "cmake --build --preset native"
done_step

# --- bundle: rebuilt only when missing or older than its inputs or the tool ------------------------
step bundle "data bundle (data/bundle)"
tool=build/native/src/tools/exposure
manifest=data/bundle/manifest.json
if [ ! -d data/upstream-cache ]; then
    fail "data/upstream-cache is missing (scripts/fetch_upstream.sh fills it)"
fi
if [ ! -f "$manifest" ] || [ -n "$(find data/upstream-cache "$tool" -newer "$manifest" -print -quit)" ]; then
    "$tool" build-data --upstream data/upstream-cache --out data/bundle || fail "exposure build-data"
fi
done_step

# --- web: Emscripten build of the widget and the site (build/web/site) -----------------------------
step web "web build and site (build/web/site)"
# shellcheck source=/dev/null
source ./emsdk.env || fail "source emsdk.env"
if [ ! -f build/web/build.ninja ]; then
    build cmake --preset web || fail "cmake --preset web"
fi
build cmake --build --preset web || fail "cmake --build --preset web"
build cmake --build --preset web --target site || fail "cmake --build --preset web --target site"
[ -f build/web/site/index.html ] || fail "the site target did not write build/web/site/index.html"
done_step

step_name=""
echo "setup: done in $(elapsed "$start") s"
