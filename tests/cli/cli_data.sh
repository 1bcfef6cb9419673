#!/usr/bin/env bash
# CLI tests of the data commands (build-data, validate, show) on the hand-written fixtures, run as
# separate processes the way setup and users run them. One case per CTest test:
#   cli_data.sh CASE EXPOSURE_BINARY FIXTURES_DIR SOURCES_JSON
# Exit 0 when the case holds; otherwise a line saying what did not.
set -uo pipefail
case_name=$1 exposure=$2 fixtures=$3 sources=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/exposure-cli-data.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL ($case_name): $*" >&2; exit 1; }
# run STATUS CMD...: runs CMD with stdout/stderr in $work/out, $work/err; fails unless it exits STATUS.
run() {
    local want=$1
    shift
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    [ "$got" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "expected exit $want, got $got from: $*"; }
}
expect_err() { grep -q -- "$1" "$work/err" || { cat "$work/err" >&2; fail "stderr lacks: $1"; }; }
expect_out() { grep -q -- "$1" "$work/out" || { cat "$work/out" >&2; fail "stdout lacks: $1"; }; }
build_fixture() { # build_fixture UPSTREAM OUT [FLAGS]
    local up=$1 out=$2
    shift 2
    "$exposure" build-data --upstream "$up" --out "$out" --no-pins --no-floors "$@"
}

case "$case_name" in
build-validate-show)
    run 0 build_fixture "$fixtures" "$work/bundle"
    expect_out "5 occupations, 12 tasks, 4 major groups"
    expect_out "projection  *5 / 5"
    expect_out "wrote $work/bundle"
    [ -f "$work/bundle/manifest.json" ] && [ -f "$work/bundle/occupations/27-2011.00.json" ] || fail "bundle files missing"
    run 0 "$exposure" validate --data "$work/bundle"
    expect_out "valid bundle: 5 occupations, 12 tasks, 6 files"
    run 0 "$exposure" show 11-1011.00 --data "$work/bundle" --format text
    expect_out "Chief Executives"
    expect_out "top-coded"
    EXPOSURE_DATA="$work/bundle" run 0 "$exposure" show 13-1021.00 --format text
    expect_out "broad group 13-1020"
    ;;
show-json)
    run 0 build_fixture "$fixtures" "$work/bundle"
    run 0 "$exposure" show 27-2011.00 --data "$work/bundle" --format json
    python3 - "$work/out" <<'PY' || fail "show's JSON does not have the documented shape"
import json, sys
card = json.load(open(sys.argv[1], encoding="utf-8"))
top = ["code", "title", "major_group", "employment", "median_wage", "wage_flag", "bls", "projected_change_pct",
       "job_zone", "skills", "tasks", "activities", "measures", "scores"]
assert list(card) == top, list(card)
assert card["code"] == "27-2011.00" and card["title"] == "Actors"
assert card["major_group"] == {"code": "27-0000", "title": "Arts, Design, Entertainment, Sports, and Media Occupations"}
assert card["employment"] == 3100 and card["median_wage"] is None and card["wage_flag"] == "unknown"
assert card["projected_change_pct"] == 31.5
assert [s["name"] for s in card["skills"]][:2] == ["Critical Thinking", "Active Learning"]
assert set(card["skills"][0]) == {"name", "importance", "level"}
task = card["tasks"][1]
assert list(task) == ["id", "text", "type", "weight", "ratings", "score"], list(task)
assert task["id"] == 9302 and task["type"] == "core" and task["weight"] == 2
assert task["ratings"] == {"human": {"exposure": "E2"}, "gpt4": {"exposure": "E1", "automation": "T2"},
                           "gpt4_alt": {"exposure": "E2"}}, task["ratings"]
assert task["score"]["exposure"] == 75 and task["score"]["automation"] == 50
assert card["tasks"][0]["text"].startswith('Rehearse "blocking", lines')
assert card["activities"][0]["id"] == "4.A.9.z.1.I02" and card["activities"][0]["share_ai"] is None
assert card["measures"]["ms_applicability"] == 0.3 and card["measures"]["ms"]["soc_code"] == "27-2011"
scores = card["scores"]
for key in ["exposure", "raters", "exposure_low", "exposure_high", "automation", "augmentation", "risk",
            "percentile", "timeline"]:
    assert key in scores, key
assert abs(scores["exposure"] - 35.0) < 1e-9, scores["exposure"]
PY
    ;;
upstream-error)
    run 0 build_fixture "$fixtures" "$work/bundle"
    cp -r "$fixtures" "$work/up"
    chmod -R u+w "$work/up"
    sed -i 's/\t9002\.0\t/\t9001.0\t/' "$work/up/gpts-are-gpts/full_labelset.tsv"
    # Both OEWS rows of 13-1020 (broad and detailed) carry the figure: two problems.
    sed -i 's/"4,321"/"43,21"/' "$work/up/gpts-are-gpts/national_May2021_dl.csv"
    run 1 build_fixture "$work/up" "$work/bundle"
    expect_err "gpts-are-gpts/full_labelset.tsv:3:14: Task ID: duplicate task ID 9001 (first on line 2)"
    expect_err "gpts-are-gpts/national_May2021_dl.csv:8:[0-9]*: TOT_EMP: malformed number \"43,21\""
    expect_err "3 upstream problems; no bundle written"
    # The previous bundle is untouched and nothing half-built is left beside it.
    run 0 "$exposure" validate --data "$work/bundle"
    [ -z "$(ls -d "$work"/bundle.* 2>/dev/null)" ] || fail "temporary folders left: $(ls -d "$work"/bundle.*)"
    rm "$work/up/working-with-ai/soc_metrics.csv"
    run 1 build_fixture "$work/up" "$work/other"
    expect_err "working-with-ai/soc_metrics.csv: missing upstream file"
    [ ! -e "$work/other" ] || fail "a bundle was written despite the errors"
    ;;
floors)
    run 1 "$exposure" build-data --upstream "$fixtures" --out "$work/bundle" --no-pins
    expect_out "BELOW FLOOR"
    expect_err "match rates below the floors; no bundle written"
    [ ! -e "$work/bundle" ] || fail "a bundle was written below the floors"
    ;;
pins)
    run 1 "$exposure" build-data --upstream "$fixtures" --out "$work/bundle" --sources "$sources"
    expect_err "SHA-256 mismatch: expected [0-9a-f]\{64\}, got [0-9a-f]\{64\}"
    run 1 "$exposure" build-data --upstream "$fixtures" --out "$work/bundle" --sources "$work/none.json"
    expect_err "none.json: cannot open"
    [ ! -e "$work/bundle" ] || fail "a bundle was written despite the checksum errors"
    ;;
validate-broken)
    run 0 build_fixture "$fixtures" "$work/bundle"
    sed -i 's/"Actors"/"Actresses"/' "$work/bundle/occupations/27-2011.00.json"
    run 1 "$exposure" validate --data "$work/bundle"
    expect_err "occupations/27-2011.00.json: SHA-256 [0-9a-f]* does not match the manifest"
    run 1 "$exposure" validate --data "$work/missing"
    expect_err "not a folder"
    ;;
usage)
    run 0 build_fixture "$fixtures" "$work/bundle"
    run 1 "$exposure" show 99-9999.00 --data "$work/bundle"
    expect_err "no occupation 99-9999.00"
    run 2 "$exposure" show 27-2011.00 --data "$work/bundle" --format xml
    expect_err "--format must be json or text"
    run 2 "$exposure" show --data "$work/bundle"
    expect_err "expected one occupation code"
    run 2 "$exposure" build-data --out "$work/x"
    expect_err "--upstream and --out are required"
    run 2 "$exposure" validate --colour red
    expect_err "unknown option --colour"
    # A mistyped --out that is not a bundle is never replaced.
    mkdir -p "$work/precious" && echo keep >"$work/precious/file.txt"
    run 1 build_fixture "$fixtures" "$work/precious"
    expect_err "exists and is not a bundle"
    [ -f "$work/precious/file.txt" ] || fail "a non-bundle folder was replaced"
    ;;
fetch)
    # fetch_upstream.sh against a mirror made from the fixtures, with a sources manifest pinning them.
    fetch="$(dirname "$sources")/../scripts/fetch_upstream.sh"
    cp -r "$fixtures" "$work/mirror" && chmod -R u+w "$work/mirror"
    python3 - "$work/mirror" "$work/sources.json" <<'PY' || fail "could not write the test's sources manifest"
import hashlib, json, os, sys
mirror, out = sys.argv[1], sys.argv[2]
files = []
for folder in ("gpts-are-gpts", "working-with-ai"):
    for name in sorted(os.listdir(os.path.join(mirror, folder))):
        data = open(os.path.join(mirror, folder, name), "rb").read()
        files.append({"folder": folder, "name": name, "sha256": hashlib.sha256(data).hexdigest(),
                      "url": "https://example.invalid/" + name})
json.dump({"repositories": [{"folder": f, "commit": "0" * 40} for f in ("gpts-are-gpts", "working-with-ai")],
           "files": files}, open(out, "w"))
PY
    EXPOSURE_UPSTREAM_MIRROR="$work/mirror" run 0 bash "$fetch" --sources "$work/sources.json" --dest "$work/cache" --offline
    expect_out "11 fetched, 0 already present, 0 failed"
    cmp -s "$work/mirror/gpts-are-gpts/full_labelset.tsv" "$work/cache/gpts-are-gpts/full_labelset.tsv" || fail "copy differs"
    EXPOSURE_UPSTREAM_MIRROR="$work/mirror" run 0 bash "$fetch" --sources "$work/sources.json" --dest "$work/cache" --offline
    expect_out "0 fetched, 11 already present, 0 failed"
    # A stale cached file and a mirror copy that differs from the pin: an error naming both sums.
    echo "changed" >>"$work/mirror/working-with-ai/soc_to_iwas.csv"
    echo "stale" >>"$work/cache/working-with-ai/soc_to_iwas.csv"
    EXPOSURE_UPSTREAM_MIRROR="$work/mirror" run 1 bash "$fetch" --sources "$work/sources.json" --dest "$work/cache" --offline
    expect_err "working-with-ai/soc_to_iwas.csv: SHA-256 mismatch (from $work/mirror/working-with-ai/soc_to_iwas.csv): expected [0-9a-f]\{64\}, got [0-9a-f]\{64\}"
    expect_out "0 fetched, 10 already present, 1 failed"
    [ -z "$(find "$work/cache" -name '*.part')" ] || fail "a .part file was left behind"
    # Offline with the file in neither the cache nor the mirror.
    rm "$work/mirror/working-with-ai/soc_to_iwas.csv"
    EXPOSURE_UPSTREAM_MIRROR="$work/mirror" run 1 bash "$fetch" --sources "$work/sources.json" --dest "$work/cache" --offline
    expect_err "working-with-ai/soc_to_iwas.csv: not in the cache nor in the mirror"
    # The built cache is what build-data reads.
    cp "$fixtures/working-with-ai/soc_to_iwas.csv" "$work/cache/working-with-ai/"
    run 0 "$exposure" build-data --upstream "$work/cache" --out "$work/bundle" --no-floors --sources "$work/sources.json"
    ;;
*)
    fail "unknown case"
    ;;
esac
exit 0
