#!/usr/bin/env python3
# Exposure Explorer performance: the last step of scripts/bench.sh. Reads what the measuring steps
# wrote into build/bench/ (core-native.json and core-wasm.json from Google Benchmark, frame-native.json
# from perf_frame_bench, browser.json from perf/bench.mjs), prints the table "budget | ours | peer"
# and writes the same rows as JSON to build/bench/results.json (and as Markdown to results.md).
#   perf/report.py --out build/bench --load-before "a b c" --load-after "a b c" --nproc N
import argparse
import json
import os
import platform
import sys
import time

KB = 1000.0  # transfer budgets in kB (10^3 bytes), as browsers' network panels count
MB = 1024.0 * 1024.0


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def bench_us(report, name):
    """CPU time per iteration of one Google Benchmark entry, in microseconds (None if absent)."""
    if not report:
        return None
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}
    for entry in report.get("benchmarks", []):
        if entry.get("name") == name and entry.get("run_type", "iteration") == "iteration":
            return entry["cpu_time"] * scale[entry.get("time_unit", "ns")]
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--load-before", default="")
    parser.add_argument("--load-after", default="")
    parser.add_argument("--nproc", default=str(os.cpu_count()))
    args = parser.parse_args()

    native = read_json(os.path.join(args.out, "core-native.json"))
    wasm = read_json(os.path.join(args.out, "core-wasm.json"))
    frame = read_json(os.path.join(args.out, "frame-native.json"))
    browser = read_json(os.path.join(args.out, "browser.json"))
    if not native or not frame or not browser:
        sys.exit("report: a measurement is missing in " + args.out)

    rows = []

    def row(budget, limit, unit, ours, peer, ok, note=""):
        rows.append({"budget": budget, "limit": limit, "unit": unit, "ours": ours, "peer": peer,
                     "pass": ok, "note": note})

    t_ours, t_peer = browser["transfer"]["ours"], browser["transfer"]["peer"]
    row("first-view transfer, gzip", "<= 250 kB", "kB", round(t_ours["gzip"] / KB, 1), round(t_peer["gzip"] / KB, 1),
        t_ours["gzip"] <= 250 * KB, f"{len(t_ours['files'])} files: " + ", ".join(
            f"{os.path.basename(f['path']) or 'page'} {f['gzip'] / KB:.1f}" for f in t_ours["files"] if f["gzip"]))
    row("first-view transfer, brotli", "(report)", "kB", round(t_ours["brotli"] / KB, 1), round(t_peer["brotli"] / KB, 1),
        None, "as the browser received it: %.1f kB (%s)" % (t_ours["browser_encoded"] / KB, ", ".join(
            sorted({f["encoding"] for f in t_ours["files"]}))))
    load = browser["load"]
    row("time to load (ours) / first frame (peer), median", "<= 1.3 x peer", "ms", load["ours_median_ms"],
        load["peer_median_ms"], load["ratio"] <= 1.3,
        f"ratio {load['ratio']:.2f}; {len(load['ours_ms'])} alternating runs each, fresh context; "
        f"ours {load['ours_ms']}, peer {load['peer_ms']}")
    cpu = load.get("cpu")
    if cpu:
        def kinds(summary):
            return ", ".join(f"{kind} {ms:g}" for kind, ms in summary["by_kind_mean_ms"].items())
        row("CPU to load, every process of the run (Chromium's, the server), mean", "(report)", "ms",
            cpu["ours"]["total_mean_ms"], cpu["peer"]["total_mean_ms"], None,
            f"ratio {cpu['ours']['total_mean_ms'] / cpu['peer']['total_mean_ms']:.2f}; from navigation to the same "
            f"moment as the row above, read from /proc ({1000 / cpu['ours']['clock_ticks_per_s']:g} ms ticks); "
            f"ours: {kinds(cpu['ours'])}; peer: {kinds(cpu['peer'])}")
    row("frame CPU, native, full card, median", "<= 1 ms", "ms", frame["card"]["median_ms"], frame["peer"]["median_ms"],
        frame["card"]["median_ms"] <= 1.0,
        f"{frame['frames']} frames of a what-if session at {frame['width']:g}x{frame['height']:g}; "
        f"p95 {frame['card']['p95_ms']:.3f} ms, max {frame['card']['max_ms']:.3f} ms")
    fc = browser["frame_chromium"]
    row("frame CPU, Chromium, full card, median", "<= 3 ms", "ms", fc["ours"]["median_ms"], fc["peer"]["median_ms"],
        fc["ours"]["median_ms"] <= 3.0 and fc["ours"]["frames"] >= 600,
        f"{fc['ours']['frames']} frames (peer {fc['peer']['frames']}); p95 {fc['ours']['p95_ms']} ms, "
        f"max {fc['ours']['max_ms']} ms (performance.now() is coarsened to 0.1 ms)")
    idle = browser["idle"]
    row("idle: frames drawn > 1 s after the last input", "0", "frames", idle["ours"]["frames_later_than_1s"],
        idle["peer"]["frames_later_than_1s"], idle["ours"]["frames_later_than_1s"] == 0,
        f"last frame {idle['ours']['last_frame_after_input_ms']} ms after the last input "
        f"({idle['ours']['frames_after_last_input']} frames); peer {idle['peer']['last_frame_after_input_ms']} ms")

    def core_row(label, limit_us, name, source, tag):
        value = bench_us(source, name)
        row(f"{label} ({tag})", f"<= {limit_us:g} us" if limit_us else "(report)", "us",
            None if value is None else round(value, 3), None,
            None if value is None or not limit_us else value <= limit_us, f"Google Benchmark {name}, CPU time")

    core_row("what-if recompute, one occupation, three changes", 5, "recompute_occupation/three_changes", native, "native")
    core_row("what-if recompute, every task overridden", 5, "recompute_occupation/every_task_overridden", native, "native")
    core_row("re-rank all occupations", 200, "rerank_all", native, "native")
    core_row("what-if recompute, one occupation, three changes", None, "recompute_occupation/three_changes", wasm, "wasm")
    core_row("re-rank all occupations", 1000, "rerank_all", wasm, "wasm")
    if wasm is None:
        rows[-1]["note"] = "no wasm core benchmark (scripts/fetch_benchmark.sh or its build failed)"
    mem = browser["memory"]
    row("wasm memory, index + ten occupations open", "<= 32 MB", "MB", round(mem["ours_bytes"] / MB, 1),
        None if mem["peer_bytes"] is None else round(mem["peer_bytes"] / MB, 1), mem["ours_bytes"] <= 32 * MB,
        f"{len(mem['opened'])} occupations opened one after another (the largest files); "
        f"{mem['ours_before_bytes'] / MB:.1f} MB before")

    flags = {}
    try:
        with open(os.path.join(args.out, "web-flags.txt"), encoding="utf-8") as f:
            for line in f:
                key, _, value = line.partition(": ")
                flags[key] = value.strip()
    except OSError:
        pass

    results = {
        "web_flags": flags,
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": args.nproc, "load_before": args.load_before, "load_after": args.load_after,
                    "system": platform.platform(), "chromium": browser.get("chromium")},
        "rows": rows,
        "details": {"transfer": browser["transfer"], "load": load, "frame_native": frame, "frame_chromium": fc,
                    "idle": idle, "memory": mem},
    }
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")

    def cell(value):
        return "-" if value is None else (f"{value:g}" if isinstance(value, (int, float)) else str(value))

    header = ("budget", "limit", "ours", "peer", "")
    table = [header] + [(r["budget"], r["limit"], f"{cell(r['ours'])} {r['unit']}",
                         "-" if r["peer"] is None else f"{cell(r['peer'])} {r['unit']}",
                         {True: "ok", False: "OVER", None: ""}[r["pass"]]) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for i, line in enumerate(table):
        print(" | ".join(text.ljust(widths[j]) for j, text in enumerate(line)).rstrip())
        if i == 0:
            print("-|-".join("-" * w for w in widths))
    # The same table in Markdown, for the README's performance section.
    with open(os.path.join(args.out, "results.md"), "w", encoding="utf-8") as f:
        f.write("| budget | limit | ours | peer | |\n|---|---|---|---|---|\n")
        for line in table[1:]:
            f.write("| " + " | ".join(text.replace("|", "/") for text in line) + " |\n")
        f.write(f"\nLoad average {args.load_before} (before) / {args.load_after} (after) on {args.nproc} CPUs; "
                f"{results['generated']}.\n")
    print(f"\nload average {args.load_before} before, {args.load_after} after, {args.nproc} CPUs; "
          f"results: {os.path.join(args.out, 'results.json')}")
    for r in rows:
        if r["note"]:
            print(f"  {r['budget']}: {r['note']}")


main()
