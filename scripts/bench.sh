#!/usr/bin/env bash
# Exposure Explorer: the one benchmark command (issue 7). Not a test: it measures and reports, and
# exits non-zero only when something could not be built or measured.
#
#   scripts/bench.sh [--runs N] [--frames N] [--no-build] [--out DIR] [--web-args "CMAKE ARGS"]
#
# --web-args measures a variant of the web build (e.g. "-DEXPOSURE_WEB_OPT=-O2 -DEXPOSURE_WEB_LTO=OFF")
# and is best used with its own --out DIR; without it the project's defaults are measured.
# Builds what it needs in build/bench/ (the widget's web build and site, the bare peer with the
# widget's own flags, the native core benchmark and frame benchmark, the core benchmark in wasm),
# measures every budget of issue 7 in one run, prints a table "budget | ours | peer" and writes the
# same as JSON to build/bench/results.json. Needs the bundle (data/bundle, made by scripts/setup.sh)
# and Debian's chromium; installs playwright-core with npm when neither the browser tests nor an
# earlier run did.
#
#   build/bench/web        widget + site (the `web` preset's settings)
#   build/bench/peer       perf/: the bare Dear ImGui + WebGL2 peer, linked with the widget's flags
#   build/bench/web-core   exposure_bench (C's core benchmarks) for Node
#   build/bench/native     exposure_bench + perf_frame_bench, Release
#   build/bench/site       what the browser loads: perf/pages, the widget folder, the peer
set -euo pipefail

# Everything in one function, read whole before it runs: editing this file during a run is safe.
main() {

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=7
frames=600
build=1
out="$root/build/bench"
web_args=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --frames) frames="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --out) out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
        --web-args) web_args="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

data="$root/data/bundle"
shared="$root/build/bench" # native and wasm core benchmarks: the same for every web variant
jobs=2 # the machine's rule: never more
say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

mkdir -p "$out"
[ -f "$data/index.json" ] || { say "no bundle in data/bundle: running scripts/setup.sh"; scripts/setup.sh; }
[ -f "$data/index.json" ] || die "still no data/bundle/index.json after scripts/setup.sh"
# shellcheck source=../emsdk.env
source "$root/emsdk.env" || die "Emscripten is not usable (see emsdk.env)"
command -v /usr/bin/chromium >/dev/null || [ -n "${EXPOSURE_CHROMIUM:-}" ] || die "no chromium (apt-get install chromium)"

if [ "$build" = 1 ]; then
    # --- the widget and its site (the web preset, in our own folder) -----------------------------
    say "building the widget ($out/web)"
    # A fresh cache: the project's current defaults (or --web-args), never what an earlier run cached;
    # ninja still rebuilds only what the flags change.
    rm -f "$out/web/CMakeCache.txt" "$out/peer/CMakeCache.txt"
    # shellcheck disable=SC2086 # --web-args is a list of arguments
    cmake --preset web -B "$out/web" -DEXPOSURE_WEB_DATA_DIR="$data" $web_args >"$out/web-configure.log" 2>&1 ||
        die "configuring the web build failed: $out/web-configure.log"
    cmake --build "$out/web" -j "$jobs" --target site >"$out/web-build.log" 2>&1 ||
        die "building the widget failed: $out/web-build.log"

    # --- the peer, with the widget's own compile and link flags -----------------------------------
    link_flags=$(awk '/^build src\/app\/exposure-widget-core\.mjs:/{found=1} found && /^  LINK_FLAGS = /{sub(/^  LINK_FLAGS = /,""); print; exit}' "$out/web/build.ninja")
    compile_flags=$(awk '/^build CMakeFiles\/imgui\.dir\/.*\/imgui\.cpp\.o:/{found=1} found && /^  FLAGS = /{sub(/^  FLAGS = /,""); print; exit}' "$out/web/build.ninja")
    [ -n "$link_flags" ] || die "could not read the widget's link flags from $out/web/build.ninja"
    printf 'compile: %s\nlink: %s\n' "$compile_flags" "$link_flags" >"$out/web-flags.txt"
    say "building the bare peer ($out/peer) with the widget's flags: $compile_flags | $link_flags"
    cmake -S perf -B "$out/peer" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$EXPOSURE_EMSCRIPTEN_TOOLCHAIN" \
        -DCMAKE_BUILD_TYPE=MinSizeRel "-DCMAKE_CXX_FLAGS_MINSIZEREL=$compile_flags" \
        "-DPERF_WIDGET_LINK_FLAGS=$link_flags" -DIMGUI_DIR="$root/.cache/imgui-1.86" >"$out/peer-configure.log" 2>&1 ||
        die "configuring the peer failed: $out/peer-configure.log"
    cmake --build "$out/peer" -j "$jobs" --target perf_peer >"$out/peer-build.log" 2>&1 ||
        die "building the peer failed: $out/peer-build.log"

    # --- native: the core benchmark (C) and the frame benchmark (perf/frame_bench.cpp) -------------
    say "building the native benchmarks (build/bench/native)"
    mkdir -p "$shared"
    cmake -S . -B "$shared/native" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEXPOSURE_BUILD_TESTS=OFF \
        >"$shared/native-configure.log" 2>&1 || die "configuring the native build failed: $shared/native-configure.log"
    cmake --build "$shared/native" -j "$jobs" --target exposure_bench exposure_core exposure_ui imgui exposure_font \
        >"$shared/native-build.log" 2>&1 || die "building the native benchmarks failed: $shared/native-build.log"
    # The frame benchmark links the libraries that build made, with the same ImGui definitions
    # (read from cmake/imgui.cmake, so the two never disagree on ImGui's struct layouts).
    mapfile -t imgui_defs < <(grep -o 'IMGUI_DISABLE_[A-Z_]*' cmake/imgui.cmake | sort -u | sed 's/^/-D/')
    g++ -std=c++20 -O3 -DNDEBUG "${imgui_defs[@]}" \
        -I src -I .cache/imgui-1.86 perf/frame_bench.cpp \
        "$shared/native/src/ui/libexposure_ui.a" "$shared/native/src/core/libexposure_core.a" "$shared/native/libimgui.a" \
        -o "$shared/native/perf_frame_bench" 2>"$shared/frame-bench-build.log" ||
        die "building perf_frame_bench failed: $shared/frame-bench-build.log"

    # --- the core benchmark in WebAssembly (Node) ----------------------------------------------------
    if [ -x scripts/fetch_benchmark.sh ]; then
        say "building the core benchmark for wasm (build/bench/web-core)"
        scripts/fetch_benchmark.sh >"$shared/fetch-benchmark.log" 2>&1 || say "fetch_benchmark.sh failed: $shared/fetch-benchmark.log"
        cmake --preset web -B "$shared/web-core" -DEXPOSURE_BUILD_BENCHMARKS=ON -DEXPOSURE_BUILD_APP=OFF \
            >"$shared/web-core-configure.log" 2>&1 || die "configuring the wasm core benchmark failed: $shared/web-core-configure.log"
        cmake --build "$shared/web-core" -j "$jobs" --target exposure_bench >"$shared/web-core-build.log" 2>&1 ||
            say "building the wasm core benchmark failed: $shared/web-core-build.log (its row stays empty)"
    else
        say "scripts/fetch_benchmark.sh is missing: no wasm core benchmark"
    fi

    # --- the site the browser loads --------------------------------------------------------------
    say "assembling $out/site"
    rm -rf "$out/site.tmp"
    mkdir -p "$out/site.tmp/peer"
    cp -R "$out/web/site/widget" "$out/site.tmp/widget"
    cp perf/peer/peer-boot.js "$out/peer/peer.mjs" "$out/peer/peer.wasm" "$out/site.tmp/peer/"
    # Precompressed siblings as assemble_site.sh makes them (the widget folder has its own already;
    # the apparatus gets its own below).
    find "$out/site.tmp" -maxdepth 2 -type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.wasm' \) \
        ! -path '*/widget/*' -print0 | while IFS= read -r -d '' file; do
        gzip -9 -n -c "$file" >"$file.gz"
        brotli -q 11 -f -o "$file.br" "$file"
    done
    rm -rf "$out/site"
    mv "$out/site.tmp" "$out/site"
fi
[ -f "$out/site/widget/exposure-widget.js" ] || die "no site in $out (run without --no-build first)"
# The apparatus (perf/pages, hooks.js) is copied here, with --no-build too: it is not a build product,
# and perf/bench.mjs expects the hooks.js of its own version (its console message at load).
for file in perf/pages/*.html perf/pages/hooks.js; do
    dest="$out/site/$(basename "$file")"
    if ! cmp -s "$file" "$dest"; then
        cp "$file" "$dest"
        gzip -9 -n -c "$dest" >"$dest.gz"
        brotli -q 11 -f -o "$dest.br" "$dest"
    fi
done

# --- playwright-core (the browser tests' copy when there is one) -----------------------------------
if [ ! -d tests/web/node_modules/playwright-core ] && [ ! -d .cache/perf-node/node_modules/playwright-core ]; then
    say "installing playwright-core into .cache/perf-node (npm)"
    mkdir -p .cache/perf-node
    (cd .cache/perf-node && [ -f package.json ] || echo '{"private":true}' >package.json) 
    (cd .cache/perf-node && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund playwright-core@~1.49.1 >npm.log 2>&1) ||
        die "npm install playwright-core failed: .cache/perf-node/npm.log"
fi

# --- measure -----------------------------------------------------------------------------------------
load=$(cut -d' ' -f1-3 /proc/loadavg)
say "measuring (load average $load)"
native_bench="$shared/native/bench/exposure_bench"
"$native_bench" --data="$data" --benchmark_min_time=0.2 --benchmark_out="$out/core-native.json" \
    --benchmark_out_format=json >"$out/core-native.log" 2>&1 || die "exposure_bench failed: $out/core-native.log"
wasm_bench="$shared/web-core/bench/exposure_bench.js"
rm -f "$out/core-wasm.json"
if [ -f "$wasm_bench" ]; then
    node "$wasm_bench" --data="$data" --benchmark_min_time=0.2 --benchmark_out="$out/core-wasm.json" \
        --benchmark_out_format=json >"$out/core-wasm.log" 2>&1 || say "the wasm core benchmark failed: $out/core-wasm.log"
fi
"$shared/native/perf_frame_bench" --data "$data" --font "$shared/native/assets/inter-subset.ttf" --frames "$frames" \
    >"$out/frame-native.json" 2>"$out/frame-native.log" || die "perf_frame_bench failed: $out/frame-native.log"
node perf/bench.mjs --site "$out/site" --runs "$runs" --frames "$frames" --out "$out/browser.json" >/dev/null ||
    die "the browser measurements failed (see above)"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 perf/report.py --out "$out" --load-before "$load" --load-after "$load_after" --nproc "$(nproc)"
}

main "$@"
exit
