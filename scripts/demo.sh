#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then serves the widget's demo site on http://localhost:8080.
# Ctrl-C stops the server. Extra arguments go to scripts/serve.py (e.g. --port 8081).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
if [ ! -f build/web/site/index.html ]; then
    echo "demo: build/web/site/index.html is missing: the web build's 'site' target did not produce the demo" >&2
    exit 1
fi
echo "demo: open http://localhost:8080/ in a browser"
exec python3 scripts/serve.py --dir build/web/site --port 8080 "$@"
