#!/bin/sh
# Runs the native app in a real window under Xvfb for a few frames, then checks its screenshot.
# Usage: run_app.sh APP OUT.png [app options...]   Exit 77 (CTest SKIP) when xvfb-run is absent.
# Environment: XFT_DPI=192 gives the X server that Xft.dpi (GLFW reads it as the content scale,
# 192 = 2x); EXPECT_SIZE=WxH makes the check insist on the screenshot's size in device px.
set -eu
app=$1 out=$2
shift 2
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "SKIP: xvfb-run is not installed (apt-get install xvfb xauth)"
    exit 77
fi
rm -f "$out"
if [ -n "${XFT_DPI:-}" ]; then
    command -v xrdb >/dev/null 2>&1 || { echo "run_app: XFT_DPI needs xrdb (apt-get install x11-xserver-utils)" >&2; exit 1; }
    # -noreset: the server would otherwise drop the resource when xrdb, its only client, exits.
    printf 'Xft.dpi: %s\n' "$XFT_DPI" | xvfb-run -a -s "-screen 0 2560x1600x24 -noreset" \
        sh -c 'xrdb -nocpp -merge - && exec "$@"' run_app "$app" --frames 6 --screenshot "$out" "$@"
else
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" --frames 6 --screenshot "$out" "$@"
fi
exec python3 "$(dirname "$0")/check_png.py" ${EXPECT_SIZE:+--size "$EXPECT_SIZE"} "$out"
