#!/bin/sh
# Runs a command that must fail cleanly: exit with STATUS and say PATTERN (grep -E) on stderr.
# Usage: expect_error.sh STATUS PATTERN COMMAND [ARGS...]
set -u
want=$1 pattern=$2
shift 2
err=$(mktemp)
"$@" 2>"$err" >/dev/null
got=$?
cat "$err"
if [ "$got" -ne "$want" ]; then
    echo "expected exit status $want, got $got" >&2
    rm -f "$err"
    exit 1
fi
if ! grep -Eq -- "$pattern" "$err"; then
    echo "stderr does not match '$pattern'" >&2
    rm -f "$err"
    exit 1
fi
rm -f "$err"
