#!/usr/bin/env bash
# Fuzzes every reader of outside input with libFuzzer (targets in fuzz/, preset `fuzz`, clang-14).
#   scripts/fuzz.sh            5 minutes per target (the long run)
#   scripts/fuzz.sh --short    20 seconds per target (what scripts/test.sh runs)
#   scripts/fuzz.sh --time N [--target NAME]...   N seconds per target, only the named targets
# First every target replays its seed corpus (fuzz/corpus/<target>) and the inputs of crashes
# fixed before (fuzz/regressions/<target>) once; then each fuzzes for its time on one core
# (-jobs=1 -workers=1), with a per-input timeout and a memory cap. New corpus entries go to
# build/fuzz/work/<target>/corpus (never into the repository); a crash, hang or sanitizer report
# leaves its input in build/fuzz/work/<target>/ and fails the run. Prints one line per target:
# runs, executions per second, new corpus entries, and a verdict. Exit status 0 only when clean.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=300
targets=()
explicit=0
while [ $# -gt 0 ]; do
    case "$1" in
        --short) seconds=20 ;;
        --time) seconds=${2:?--time needs seconds}; shift ;;
        --target) targets+=("${2:?--target needs a name}"); explicit=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "fuzz: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz: --time wants whole seconds, not '$seconds'" >&2; exit 2 ;; esac

all_targets=(fuzz_bundle_index fuzz_bundle_detail fuzz_bundle_detail_tape fuzz_bundle_manifest fuzz_scenario fuzz_csv_reader fuzz_upstream
             fuzz_cli_args fuzz_ui_detail)
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# Per-target options: the dictionary and the largest input worth trying.
dict_of() {
    case "$1" in
        fuzz_bundle_*|fuzz_ui_*) echo fuzz/dict/json.dict ;;
        fuzz_scenario) echo fuzz/dict/scenario.dict ;;
        fuzz_cli_args) echo fuzz/dict/cli.dict ;;
        *) echo fuzz/dict/csv.dict ;;
    esac
}
max_len_of() {
    case "$1" in
        fuzz_scenario) echo 5000 ;;   # just over the decoder's 4096-character limit
        *) echo 16384 ;;
    esac
}

build=build/fuzz
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ ! -f $build/build.ninja ]; then
    if ! cmake --preset fuzz >"$log" 2>&1; then
        cat "$log" >&2
        echo "fuzz: configuring the fuzz preset failed" >&2
        exit 1
    fi
fi
# Only the fuzz targets (the preset's other targets are not needed here).
if ! cmake --build $build --target fuzz_all -j2 >"$log" 2>&1; then
    grep -vE '^\[[0-9]+/[0-9]+\] ' "$log" | tail -n 60 >&2
    echo "fuzz: building the fuzz targets failed" >&2
    exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
started=$(date +%s)
for target in "${targets[@]}"; do
    binary=$build/fuzz/$target
    if [ ! -x "$binary" ]; then
        if [ $explicit -eq 1 ]; then
            echo "fuzz: no target $target (known: ${all_targets[*]})" >&2
            failed=$((failed + 1))
        else # fuzz_ui_detail needs the ui library, which a preset may leave out
            echo "fuzz: $target skipped: not built in this configuration"
        fi
        continue
    fi
    work=$build/work/$target
    mkdir -p "$work/corpus"
    seeds=(fuzz/corpus/$target)
    [ -d fuzz/regressions/$target ] && seeds+=(fuzz/regressions/$target)

    # 1. Replay: every seed and every past crash once.
    if ! "$binary" -runs=0 "${seeds[@]}" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "fuzz: $target: FAILED replaying its corpus (a fixed crash is back?)" >&2
        failed=$((failed + 1))
        continue
    fi

    # 2. Fuzz for the time given, one worker on one core, in its own folder (fuzz-0.log goes there).
    rm -f "$work"/fuzz-*.log
    touch "$work/.started"
    (
        cd "$work" &&
        "$root/$binary" -jobs=1 -workers=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len="$(max_len_of "$target")" -dict="$root/$(dict_of "$target")" -print_final_stats=1 \
            -artifact_prefix="$root/$work/" corpus "${seeds[@]/#/$root/}"
    ) >"$log" 2>&1
    status=$?
    worker_log=$work/fuzz-0.log
    runs=$(grep -a 'stat::number_of_executed_units' "$worker_log" 2>/dev/null | awk '{print $2}')
    speed=$(grep -a 'stat::average_exec_per_sec' "$worker_log" 2>/dev/null | awk '{print $2}')
    added=$(grep -a 'stat::new_units_added' "$worker_log" 2>/dev/null | awk '{print $2}')
    artifacts=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -newer "$work/.started" 2>/dev/null)
    if [ $status -ne 0 ] || [ -n "$artifacts" ] || [ -z "$runs" ]; then
        failed=$((failed + 1))
        [ -f "$worker_log" ] && grep -a -B2 -A30 -E 'ERROR|runtime error|broken promise|==[0-9]+==' "$worker_log" | head -n 60 >&2
        echo "fuzz: $target: FAILED (exit $status) after ${runs:-?} runs; input(s): ${artifacts:-none saved}" >&2
        echo "fuzz:   reproduce with $binary <input>; once fixed, copy the input to fuzz/regressions/$target/" >&2
    else
        printf 'fuzz: %-22s clean  %9s runs in %3s s  %7s exec/s  %5s new corpus entries\n' \
            "$target" "$runs" "$seconds" "$speed" "$added"
    fi
done
echo "fuzz: ${#targets[@]} targets, $failed failed, $(( $(date +%s) - started )) s"
[ $failed -eq 0 ]
