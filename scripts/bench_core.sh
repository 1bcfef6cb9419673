#!/usr/bin/env bash
# Builds and runs the scoring-core benchmarks (bench/bench_core.cpp) natively and as WebAssembly
# under Node, then prints the medians beside the budgets of issue 7 and writes them as JSON.
#   usage: scripts/bench_core.sh [--data DIR] [--out FILE.json] [--repetitions N]
# DIR defaults to data/bundle (built by scripts/setup.sh). Build folders: build/bench-native and
# build/bench-web (only the core and the benchmark are built there). Needs libbenchmark-dev, Debian's
# emscripten and node; Google Benchmark's sources for the wasm build come from
# scripts/fetch_benchmark.sh. A benchmark is a measurement, not a test: it always exits 0 when both
# runs complete, whatever the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/data/bundle"
out="$root/build/bench-core.json"
repetitions=5
while [ $# -gt 0 ]; do
    case "$1" in
        --data) data=$(cd "$2" && pwd); shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --repetitions) repetitions="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "bench_core: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if [ ! -f "$data/index.json" ]; then
    echo "bench_core: no bundle at $data (run scripts/setup.sh, or pass --data DIR)" >&2
    exit 1
fi
jobs=2 # the machine is shared: never more
flags=(--benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true --benchmark_min_time=0.2)

echo "== native build (build/bench-native)"
cmake -S "$root" -B "$root/build/bench-native" -DCMAKE_BUILD_TYPE=Release \
    -DEXPOSURE_BUILD_APP=OFF -DEXPOSURE_BUILD_TESTS=OFF -DEXPOSURE_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$root/build/bench-native" --target exposure_bench -j"$jobs" >/dev/null

echo "== web build (build/bench-web)"
"$root/scripts/fetch_benchmark.sh"
# shellcheck source=/dev/null
. "$root/emsdk.env"
cmake -S "$root" -B "$root/build/bench-web" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-emscripten.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DEXPOSURE_BUILD_APP=OFF -DEXPOSURE_BUILD_TESTS=OFF \
    -DEXPOSURE_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$root/build/bench-web" --target exposure_bench -j"$jobs" >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== native run"
"$root/build/bench-native/bench/exposure_bench" --data="$data" "${flags[@]}" \
    --benchmark_out="$tmp/native.json" --benchmark_out_format=json
echo "== web run: node $(node --version)"
node "$root/build/bench-web/bench/exposure_bench.js" --data="$data" "${flags[@]}" \
    --benchmark_out="$tmp/web.json" --benchmark_out_format=json

mkdir -p "$(dirname "$out")"
python3 - "$tmp/native.json" "$tmp/web.json" "$out" <<'PY'
import json, sys
native_path, web_path, out_path = sys.argv[1:4]
# Budgets of issue 7, in microseconds (None: no budget, reported only).
budgets = {
    "recompute_occupation/default": (5.0, 5.0),
    "recompute_occupation/three_changes": (5.0, 5.0),
    "recompute_occupation/every_task_overridden": (5.0, 5.0),
    "rerank_all": (200.0, 1000.0),
}
def medians(path):
    runs = json.load(open(path))["benchmarks"]
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}
    return {b["run_name"]: b["real_time"] * scale[b["time_unit"]] for b in runs if b.get("aggregate_name") == "median"}
native, web = medians(native_path), medians(web_path)
rows = []
print()
print(f"{'benchmark (median, us)':44} {'native':>10} {'budget':>8} {'wasm/node':>10} {'budget':>8}")
for name in native:
    nb, wb = budgets.get(name, (None, None))
    n, w = native[name], web.get(name)
    fmt = lambda v: "-" if v is None else f"{v:.3f}"
    ok = lambda v, b: "" if b is None or v is None else (" ok" if v <= b else " OVER")
    print(f"{name:44} {fmt(n):>10} {fmt(nb):>8}{ok(n, nb):5} {fmt(w):>10} {fmt(wb):>8}{ok(w, wb)}")
    rows.append({"benchmark": name, "native_us": n, "native_budget_us": nb, "wasm_us": w, "wasm_budget_us": wb})
json.dump({"unit": "microseconds (median real time)", "results": rows}, open(out_path, "w"), indent=2)
print(f"\nwritten: {out_path}")
PY
