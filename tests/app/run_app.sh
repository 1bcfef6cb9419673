#!/bin/sh
# Runs the native app in a real window under Xvfb for a few frames, then checks its screenshot.
# Usage: run_app.sh APP OUT.png [app options...]   Exit 77 (CTest SKIP) when xvfb-run is absent.
set -eu
app=$1 out=$2
shift 2
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "SKIP: xvfb-run is not installed (apt-get install xvfb xauth)"
    exit 77
fi
rm -f "$out"
xvfb-run -a -s "-screen 0 1280x800x24" "$app" --frames 6 --screenshot "$out" "$@"
exec python3 "$(dirname "$0")/check_png.py" "$out"
