#!/usr/bin/env python3
"""Independent check of `exposure score` against the published method (issue 4).

Recomputes, straight from upstream's full_labelset.tsv and with exact rational arithmetic, every
occupation's exposure under each rater (human, gpt4, gpt4_alt, blend of human and gpt4) and lens
(alpha, beta, gamma), and GPT-4's automation, then compares with
`exposure score --all --format csv` to 1e-9. Shares no code with the C++ core.

The method: a label's value is E0 = 0, E1 = 1, E2 = 0 (alpha) / 0.5 (beta) / 1 (gamma); a task
weighs 2 when Core, else 1; a rater's exposure is the weighted mean of its task values x 100; the
blend takes per task the mean of the raters' values, then the same weighted mean; automation maps
T0..T4 to 0, .25, .5, .75, 1 and takes the weighted mean. As a second, upstream-provided reference,
the file's own per-task alpha/beta/gamma/automation columns (GPT-4's values) must give the gpt4
scores.

Exit status: 0 all equal, 1 a mismatch or bad input, 77 skipped (no upstream file or no bundle).
"""
import argparse
import csv
import os
import subprocess
import sys
from fractions import Fraction

SKIP = 77
TOLERANCE = 1e-9
LENSES = {"alpha": Fraction(0), "beta": Fraction(1, 2), "gamma": Fraction(1)}
RATER_COLUMNS = {"human": "human_exposure_agg", "gpt4": "gpt4_exposure", "gpt4_alt": "gpt4_exposure_alt_rubric"}
BLEND = ("human", "gpt4")
AUTOMATION = {"T0": Fraction(0), "T1": Fraction(1, 4), "T2": Fraction(1, 2), "T3": Fraction(3, 4), "T4": Fraction(1)}


def label_value(label, lens):
    if label == "E0":
        return Fraction(0)
    if label == "E1":
        return Fraction(1)
    if label == "E2":
        return LENSES[lens]
    raise ValueError(f"unknown exposure label {label!r}")


def find_labelset(explicit, source_dir):
    candidates = [explicit] if explicit else []
    candidates += [
        os.path.join(source_dir, "data", "upstream-cache"),
        os.path.join(os.path.dirname(source_dir), "shared", "upstream"),
    ]
    for folder in candidates:
        if folder:
            path = os.path.join(folder, "gpts-are-gpts", "full_labelset.tsv")
            if os.path.isfile(path):
                return path
    return None


def read_occupations(path):
    """code -> (title, [task rows]) from the upstream TSV."""
    occupations = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        for line, row in enumerate(reader, start=2):
            code = row["O*NET-SOC Code"]
            if not code:
                raise ValueError(f"{path}:{line}: empty O*NET-SOC Code")
            occupations.setdefault(code, (row["Title"], []))[1].append(row)
    return occupations


def expected_scores(tasks):
    """{(rater, measure): Fraction x 100} for one occupation."""
    weights = [Fraction(2) if t["Task Type"] == "Core" else Fraction(1) for t in tasks]
    total = sum(weights)
    out = {}
    for lens in LENSES:
        for rater, column in RATER_COLUMNS.items():
            out[(rater, lens)] = 100 * sum(w * label_value(t[column], lens) for w, t in zip(weights, tasks)) / total
        blend = sum(
            w * sum(label_value(t[RATER_COLUMNS[r]], lens) for r in BLEND) / len(BLEND) for w, t in zip(weights, tasks)
        )
        out[("blend", lens)] = 100 * blend / total
        # upstream's own per-task column for GPT-4 under this lens
        column = sum(w * Fraction(t[lens]) for w, t in zip(weights, tasks))
        out[("upstream_gpt4", lens)] = 100 * column / total
    out[("any", "automation")] = 100 * sum(w * AUTOMATION[t["gpt4_automation"]] for w, t in zip(weights, tasks)) / total
    out[("upstream", "automation")] = 100 * sum(w * Fraction(t["automation"]) for w, t in zip(weights, tasks)) / total
    return out


def run_score(exposure, data, rater, measure):
    cmd = [exposure, "score", "--all", "--format", "csv", "--data", data, "--rater", rater, "--measure", measure]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {result.returncode}: {result.stderr.strip()}")
    rows = list(csv.reader(result.stdout.splitlines()))
    header = rows[0]
    if header[:3] != ["code", "title", "score"]:
        raise RuntimeError(f"{' '.join(cmd)}: header starts {header[:3]}, not code,title,score")
    scores = {}
    for row in rows[1:]:
        decimals = row[2].split(".")[1] if "." in row[2] else ""
        if len(decimals) < 4:
            raise RuntimeError(f"{' '.join(cmd)}: score {row[2]!r} of {row[0]} has fewer than 4 decimals")
        scores[row[0]] = (row[1], float(row[2]))
    return scores


def main():
    source_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exposure", required=True, help="path of the exposure CLI")
    parser.add_argument("--data", default=os.path.join(source_dir, "data", "bundle"), help="bundle folder")
    parser.add_argument("--upstream", help="folder holding gpts-are-gpts/ (default: data/upstream-cache, ../shared/upstream)")
    args = parser.parse_args()

    labelset = find_labelset(args.upstream, source_dir)
    if not labelset:
        print("method_check: skipped: no gpts-are-gpts/full_labelset.tsv (run scripts/fetch_upstream.sh)")
        return SKIP
    if not os.path.isfile(os.path.join(args.data, "index.json")):
        print(f"method_check: skipped: no bundle at {args.data} (run scripts/setup.sh)")
        return SKIP

    occupations = read_occupations(labelset)
    expected = {code: expected_scores(tasks) for code, (_, tasks) in occupations.items()}
    failures = []

    # the upstream columns agree with the labels (guards this script's reading of the method)
    for code, e in expected.items():
        for lens in LENSES:
            if e[("upstream_gpt4", lens)] != e[("gpt4", lens)]:
                failures.append(f"{code}: upstream {lens} column disagrees with gpt4 labels")
        if e[("upstream", "automation")] != e[("any", "automation")]:
            failures.append(f"{code}: upstream automation column disagrees with gpt4_automation labels")

    compared = 0
    runs = [(rater, lens) for rater in ("human", "gpt4", "gpt4_alt", "blend") for lens in LENSES]
    runs.append(("blend", "automation"))
    for rater, measure in runs:
        got = run_score(args.exposure, args.data, rater, measure)
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        if missing:
            failures.append(f"--rater {rater} --measure {measure}: {len(missing)} occupations missing, e.g. {missing[0]}")
        if extra:
            failures.append(f"--rater {rater} --measure {measure}: {len(extra)} occupations not upstream, e.g. {extra[0]}")
        for code, e in expected.items():
            if code not in got:
                continue
            title, score = got[code]
            want = e[("any", "automation")] if measure == "automation" else e[(rater, measure)]
            compared += 1
            if abs(score - float(want)) > TOLERANCE:
                failures.append(f"{code} --rater {rater} --measure {measure}: exposure score {score!r}, method {float(want)!r}")
            if title != occupations[code][0]:
                failures.append(f"{code}: title {title!r}, upstream {occupations[code][0]!r}")

    ds = expected.get("15-2051.00")
    if ds is not None and ds[("blend", "beta")] != Fraction(1075, 16):
        failures.append(f"15-2051.00 blend beta is {float(ds[('blend', 'beta')])}, the published 67.1875 expected")

    if failures:
        for f in failures[:50]:
            print("method_check: FAIL:", f)
        print(f"method_check: {len(failures)} failures ({compared} comparisons)")
        return 1
    print(f"method_check: {len(occupations)} occupations x {len(runs)} rater/measure runs: "
          f"{compared} scores equal the method to {TOLERANCE}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, RuntimeError, KeyError) as error:
        print(f"method_check: error: {error}", file=sys.stderr)
        sys.exit(1)
