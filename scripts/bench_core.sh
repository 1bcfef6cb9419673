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
flags=(--benchmark_repetitions="$repetitions" --benchmark_display_aggregates_only=true --benchmark_min_time=0.2)

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
def figures(path):
    """run name -> {median, min (real time over the repetitions), cpu (median CPU time)} in us."""
    runs = json.load(open(path))["benchmarks"]
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}
    out = {}
    for b in runs:
        f = out.setdefault(b["run_name"], {"min": None})
        t = scale[b["time_unit"]]
        if b.get("aggregate_name") == "median":
            f["median"], f["cpu"] = b["real_time"] * t, b["cpu_time"] * t
        elif b.get("run_type") == "iteration":
            v = b["real_time"] * t
            f["min"] = v if f["min"] is None else min(f["min"], v)
    return out
native, web = figures(native_path), figures(web_path)
rows = []
fmt = lambda v: "-" if v is None else f"{v:.3f}"
ok = lambda v, b: "" if b is None or v is None else (" ok" if v <= b else " OVER")
print()
print("real time per call in microseconds: median (and fastest) of the repetitions; native CPU time beside it.")
print("Under load from other processes the real time grows; the CPU time and the fastest run show the cost.")
print(f"{'benchmark':42} {'native':>9} {'(min)':>8} {'cpu':>8} {'budget':>8}    {'wasm':>9} {'(min)':>8} {'budget':>8}")
for name, n in native.items():
    nb, wb = budgets.get(name, (None, None))
    w = web.get(name, {})
    print(f"{name:42} {fmt(n.get('median')):>9} {fmt(n['min']):>8} {fmt(n.get('cpu')):>8} {fmt(nb):>8}"
          f"{ok(n.get('median'), nb):5} {fmt(w.get('median')):>9} {fmt(w.get('min')):>8} {fmt(wb):>8}"
          f"{ok(w.get('median'), wb)}")
    rows.append({"benchmark": name, "native_median_us": n.get("median"), "native_min_us": n["min"],
                 "native_cpu_us": n.get("cpu"), "native_budget_us": nb, "wasm_median_us": w.get("median"),
                 "wasm_min_us": w.get("min"), "wasm_budget_us": wb})
with open("/proc/loadavg") as f:
    load = f.read().split()[:3]
json.dump({"unit": "microseconds per call", "load_average": load, "results": rows}, open(out_path, "w"), indent=2)
print(f"\nload average during the run: {' '.join(load)}; written: {out_path}")
PY
