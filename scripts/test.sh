#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then runs every test suite and prints one summary line:
#   native   ctest --preset native  (unit tests, the native app under Xvfb, the CLI tests)
#   asan     the same tests built with AddressSanitizer + UBSan (preset asan; tests and CLI only)
#   web      the browser tests in headless Chromium (npm test in tests/web)
#   fuzz     a short fuzzing run (scripts/fuzz.sh --short), when the project has one
# Exit status 0 only when every suite passed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/setup.sh || { echo "test: setup failed; no tests were run" >&2; echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0
failed_names=()
suite() { # suite NAME COMMAND...: runs one suite and counts it
    local name=$1 start rc
    shift
    echo "test: === $name"
    start=$(date +%s)
    "$@"
    rc=$?
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
        echo "test: $name passed ($(( $(date +%s) - start )) s)"
    else
        failed=$((failed + 1))
        failed_names+=("$name")
        echo "test: $name FAILED (exit $rc, $(( $(date +%s) - start )) s)" >&2
    fi
}

suite native ctest --preset native

asan() {
    if [ ! -f build/asan/build.ninja ]; then
        cmake --preset asan >/dev/null || return 1
    fi
    # Only what the tests run: the unit tests and the CLI (no app, no benchmarks in this preset).
    local log
    log=$(mktemp)
    if ! cmake --build --preset asan >"$log" 2>&1; then
        grep -vE '^\[[0-9]+/[0-9]+\] ' "$log" | tail -n 60
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
    ctest --preset asan
}
suite asan asan

if [ -f tests/web/package.json ]; then
    suite web bash -c 'cd tests/web && npm test --silent'
else
    echo "test: web suite skipped: tests/web/package.json does not exist"
fi

if [ -f scripts/fuzz.sh ]; then
    suite fuzz bash scripts/fuzz.sh --short
else
    echo "test: fuzz suite skipped: scripts/fuzz.sh does not exist"
fi

if [ $failed -gt 0 ]; then
    echo "test: failed suites: ${failed_names[*]}" >&2
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
