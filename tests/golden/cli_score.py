#!/usr/bin/env python3
"""CLI tests of `exposure score` and `exposure scenario`, run as processes on a bundle built from the
hand-written fixtures (tests/fixtures/upstream-mini) into a temporary folder.

    cli_score.py CASE EXPOSURE_BINARY FIXTURES_DIR GOLDEN_DIR

Golden cases compare the output byte for byte with GOLDEN_DIR/<name>; with UPDATE_GOLDEN=1 in the
environment they rewrite the file instead (then review the diff before committing it).
Exit 0 when the case holds, 1 with a message when not.
"""
import csv
import difflib
import io
import json
import os
import subprocess
import sys
import tempfile

# Golden cases: name -> (golden file, score arguments)
GOLDEN = {
    "golden-default": ("score-default.csv", ["--all"]),
    "golden-json": ("score-default.json", ["--all", "--format", "json"]),
    "golden-human-gamma": ("score-human-gamma.csv", ["--all", "--rater", "human", "--measure", "gamma"]),
    "golden-alt-alpha": ("score-gpt4_alt-alpha.csv", ["--all", "--rater", "gpt4_alt", "--measure", "alpha"]),
    "golden-automation": ("score-automation.csv", ["--all", "--measure", "automation"]),
    "golden-whatif": ("score-whatif.csv", ["11-1011.00", "27-2011.00", "45-3031.00",
                                            "--rater-weight", "gpt4_alt=2,human=0.5",
                                            "--task-weight", "9001=0", "--task-capability", "9302=90",
                                            "--task-capability", "9402=12.5", "--growth-rate", "1.25",
                                            "--horizon", "2030"]),
}


# Numbers in golden files may differ from the output by this much (12-decimal CSV, shortest JSON).
TOLERANCE = 1e-9


class Failure(Exception):
    pass


def run(args, want_status, env=None):
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    if result.returncode != want_status:
        raise Failure(f"expected exit {want_status}, got {result.returncode} from {' '.join(args)}\n"
                      f"stdout: {result.stdout[:2000]}\nstderr: {result.stderr[:2000]}")
    return result


def compare_golden(path, text):
    if os.environ.get("UPDATE_GOLDEN") == "1":
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"updated {path}")
        return
    if not os.path.isfile(path):
        raise Failure(f"no golden file {path} (run with UPDATE_GOLDEN=1 to create it)")
    with open(path, encoding="utf-8", newline="") as f:
        want = f.read()
    if want != text and not same_within_tolerance(path, want, text):
        diff = difflib.unified_diff(want.splitlines(True), text.splitlines(True), path, "exposure score output")
        raise Failure("output differs from the golden file:\n" + "".join(list(diff)[:80]))


def same_within_tolerance(path, want, got):
    """Equal but for numbers within TOLERANCE (last-bit differences of another compiler or machine)."""
    def close(a, b):
        if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return a == b
        return abs(a - b) <= TOLERANCE

    def same(a, b):
        if isinstance(a, dict) and isinstance(b, dict):
            return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        return close(a, b)

    if path.endswith(".json"):
        return same(json.loads(want), json.loads(got))

    def cells(text):
        rows = list(csv.reader(io.StringIO(text)))
        return [[float(c) if is_number(c) else c for c in row] for row in rows]
    return same(cells(want), cells(got))


def is_number(text):
    try:
        float(text)
        return "." in text  # integers (years, counts) must match exactly
    except ValueError:
        return False


def check_usage_and_errors(exposure, bundle):
    score = [exposure, "score"]
    data = ["--data", bundle]
    # bad usage: exit 2 with a message
    for args, message in [
        (score + data, "give occupation codes or --all"),
        (score + data + ["--all", "11-1011.00"], "give occupation codes or --all"),
        (score + data + ["--all", "--bogus"], "unknown option '--bogus'"),
        (score + data + ["--all", "--format", "xml"], "--format must be csv or json"),
        (score + data + ["--all", "--rater", "robot"], "--rater must be human, gpt4, gpt4_alt or blend"),
        (score + data + ["--all", "--measure", "delta"], "--measure must be alpha, beta, gamma or automation"),
        (score + data + ["--all", "--rater", "human", "--rater-weight", "gpt4=1"], "contradict"),
        (score + data + ["--all", "--rater-weight", "robot=1"], "--rater-weight expects NAME=W"),
        (score + data + ["--all", "--task-weight", "9001"], "--task-weight expects TASKID=VALUE"),
        (score + data + ["--all", "--scenario"], "--scenario needs a value"),
        ([exposure, "scenario"], "usage: exposure scenario"),
        ([exposure, "scenario", "frobnicate"], "unknown subcommand"),
        ([exposure, "scenario", "decode"], "expects exactly one scenario text"),
        ([exposure, "scenario", "encode", "--measure", "automation"], "a scenario holds only the lens"),
    ]:
        result = run(args, 2)
        if message not in result.stderr:
            raise Failure(f"{' '.join(args)}: stderr lacks {message!r}: {result.stderr}")
    # bad input or data: exit 1 with a message naming what is wrong
    for args, message in [
        (score + data + ["99-9999.00"], "no occupation '99-9999.00'"),
        (score + ["--data", bundle + "-missing", "--all"], "index.json"),
        (score + data + ["--all", "--rater-weight", "human=101"], "is not a number from 0 to 100"),
        (score + data + ["--all", "--rater-weight", "human=0,gpt4=0"], "every rater weight is 0"),
        (score + data + ["--all", "--task-capability", "9001=-3"], "is not a number from 0 to 100"),
        (score + data + ["--all", "--task-weight", "x=1"], "is not a task id"),
        (score + data + ["--all", "--horizon", "1999"], "is not a year from 2024 to 2100"),
        (score + data + ["--all", "--growth-rate", "9"], "growth rate 9 is outside 0..5"),
        (score + data + ["--all", "--scenario", "v1-lq"], "character 5: expected lens a, b or g"),
        ([exposure, "scenario", "decode", "v1-h0-g0"], "every rater weight is 0"),
        ([exposure, "scenario", "decode", "v9"], "scenario version 9 is not supported"),
    ]:
        result = run(args, 1)
        if message not in result.stderr:
            raise Failure(f"{' '.join(args)}: stderr lacks {message!r}: {result.stderr}")
        if result.stdout:
            raise Failure(f"{' '.join(args)}: printed to stdout on failure: {result.stdout[:200]}")
    # an override that matches no scored task is reported, not fatal
    result = run(score + data + ["11-1011.00", "--task-weight", "123456=0"], 0)
    if "task 123456 is not a task of the scored occupations" not in result.stderr:
        raise Failure(f"no note about the unmatched task override: {result.stderr!r}")


def check_scenario_round_trip(exposure, golden_dir):
    flags = ["--rater-weight", "human=0", "--measure", "gamma", "--task-capability", "8823=80"]
    text = run([exposure, "scenario", "encode"] + flags, 0).stdout.strip()
    if text != "v1-h0-lg-t8823c80":
        raise Failure(f"three changes encode to {text!r}, expected 'v1-h0-lg-t8823c80'")
    decoded = run([exposure, "scenario", "decode", text], 0).stdout
    compare_golden(os.path.join(golden_dir, "scenario-decode.json"), decoded)
    doc = json.loads(decoded)
    if doc["rater_weights"] != {"human": 0, "gpt4": 1, "gpt4_alt": 0} or doc["lens"] != "gamma":
        raise Failure(f"decoded scenario is not the one encoded: {doc}")
    # the text given back through --scenario reproduces the same text
    again = run([exposure, "scenario", "encode", "--scenario", text], 0).stdout.strip()
    if again != text:
        raise Failure(f"--scenario {text} re-encodes as {again}")
    # flags change the --scenario base in any order
    changed = run([exposure, "scenario", "encode", "--measure", "alpha", "--scenario", text], 0).stdout.strip()
    if changed != "v1-h0-la-t8823c80":
        raise Failure(f"--measure alpha on top of {text} gives {changed}")
    if run([exposure, "scenario", "encode"], 0).stdout.strip() != "v1":
        raise Failure("the default scenario does not encode to v1")


def check_hand_values(exposure, bundle):
    """A few scores worked out by hand from the fixture labels (see the comments)."""
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(
        run([exposure, "score", "--all", "--data", bundle], 0).stdout))}
    # 11-1011.00: 9001 core (E0,E2)->.25, 9002 core (E1,E1)->1, 9003 supplemental (E0,E0)->0: (0.5+2)/5
    want = {"11-1011.00": 50.0,
            # 11-1011.03: two unspecified tasks (E1,E1)->1 and (E0,E2)->.25: 1.25/2
            "11-1011.03": 62.5,
            # 45-3031.00: 9401 core 0; 9402 supplemental (E1,E2)->.75: .75/3
            "45-3031.00": 25.0}
    for code, value in want.items():
        got = float(rows[code]["score"])
        if abs(got - value) > 1e-12:
            raise Failure(f"{code}: score {got}, hand-computed {value}")
        if len(rows[code]["score"].split(".")[1]) < 4:
            raise Failure(f"{code}: score {rows[code]['score']} has fewer than 4 decimals")


def main():
    case, exposure, fixtures, golden_dir = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="exposure-cli-score.") as work:
        bundle = os.path.join(work, "bundle")
        run([exposure, "build-data", "--upstream", fixtures, "--out", bundle, "--no-pins", "--no-floors"], 0)
        if case in GOLDEN:
            name, args = GOLDEN[case]
            out = run([exposure, "score", "--data", bundle] + args, 0).stdout
            compare_golden(os.path.join(golden_dir, name), out)
        elif case == "errors":
            check_usage_and_errors(exposure, bundle)
        elif case == "scenario":
            check_scenario_round_trip(exposure, golden_dir)
        elif case == "hand-values":
            check_hand_values(exposure, bundle)
        else:
            raise Failure(f"unknown case {case!r}")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"FAIL ({sys.argv[1]}): {failure}", file=sys.stderr)
        sys.exit(1)
