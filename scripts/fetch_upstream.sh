#!/usr/bin/env bash
# Fills the git-ignored upstream cache (data/upstream-cache/<folder>/<file>) with every file that
# data/sources.json lists, each checked against its pinned SHA-256.
#
# Where files come from, first match wins:
#   1. $EXPOSURE_UPSTREAM_MIRROR (a folder laid out like the cache: <folder>/<file>)
#   2. ../shared/upstream beside the repository, if it exists (the project's CI has it there)
#   3. the file's origin URL in data/sources.json (GitHub raw at the pinned commit), by curl or python3
#
# Idempotent: a file whose SHA-256 already matches is skipped. Atomic: each file is written to
# <file>.part and renamed only after its checksum matched. A mismatch is an error that names the
# file and both sums; the exit status is then 1.
#
# usage: scripts/fetch_upstream.sh [--dest DIR] [--sources FILE] [--offline]
#   --offline   never download; fail if a file is in neither the cache nor a mirror
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/data/upstream-cache"
sources="$repo_root/data/sources.json"
offline=0

while [ $# -gt 0 ]; do
    case "$1" in
        --dest) dest="$2"; shift 2 ;;
        --sources) sources="$2"; shift 2 ;;
        --offline) offline=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "fetch_upstream: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

mirror=""
if [ -n "${EXPOSURE_UPSTREAM_MIRROR:-}" ]; then
    if [ ! -d "$EXPOSURE_UPSTREAM_MIRROR" ]; then
        echo "fetch_upstream: EXPOSURE_UPSTREAM_MIRROR=$EXPOSURE_UPSTREAM_MIRROR is not a folder" >&2
        exit 1
    fi
    mirror="$(cd "$EXPOSURE_UPSTREAM_MIRROR" && pwd)"
elif [ -d "$repo_root/../shared/upstream" ]; then
    mirror="$(cd "$repo_root/../shared/upstream" && pwd)"
fi

if [ ! -f "$sources" ]; then
    echo "fetch_upstream: $sources: missing" >&2
    exit 1
fi

# One line per file: folder, name, sha256, url (tab-separated), read from the manifest with python3
# so that a malformed manifest is reported rather than half-read.
listing="$(python3 - "$sources" <<'PY'
import json, re, sys
path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"fetch_upstream: {path}: {e}")
files = doc.get("files") if isinstance(doc, dict) else None
if not isinstance(files, list) or not files:
    sys.exit(f"fetch_upstream: {path}: files: expected a non-empty array")
safe = re.compile(r"^[A-Za-z0-9._-]+$")
for i, entry in enumerate(files):
    for key in ("folder", "name", "sha256", "url"):
        value = entry.get(key) if isinstance(entry, dict) else None
        if not isinstance(value, str) or not value:
            sys.exit(f"fetch_upstream: {path}: files[{i}].{key}: expected a non-empty string")
    if not safe.match(entry["folder"]) or not safe.match(entry["name"]) or entry["name"].startswith("."):
        sys.exit(f"fetch_upstream: {path}: files[{i}]: folder/name must be plain file names")
    if not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]):
        sys.exit(f"fetch_upstream: {path}: files[{i}].sha256: expected 64 lowercase hex digits")
    if not entry["url"].startswith("https://"):
        sys.exit(f"fetch_upstream: {path}: files[{i}].url: expected an https URL")
    print("\t".join((entry["folder"], entry["name"], entry["sha256"], entry["url"])))
PY
)"

sum_of() { sha256sum "$1" | cut -d' ' -f1; }

download() { # url target
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 2 --connect-timeout 20 -o "$2" "$1"
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
    fi
}

copied=0
skipped=0
failed=0
while IFS=$'\t' read -r folder name want url; do
    target="$dest/$folder/$name"
    if [ -f "$target" ] && [ "$(sum_of "$target")" = "$want" ]; then
        skipped=$((skipped + 1))
        continue
    fi
    mkdir -p "$dest/$folder"
    part="$target.part"
    rm -f "$part"
    origin=""
    if [ -n "$mirror" ] && [ -f "$mirror/$folder/$name" ]; then
        origin="$mirror/$folder/$name"
        cp "$origin" "$part"
    elif [ "$offline" = 1 ]; then
        echo "fetch_upstream: $folder/$name: not in the cache${mirror:+ nor in the mirror $mirror}, and --offline forbids downloading" >&2
        failed=$((failed + 1))
        continue
    else
        origin="$url"
        if ! download "$url" "$part"; then
            rm -f "$part"
            echo "fetch_upstream: $folder/$name: download from $url failed" >&2
            failed=$((failed + 1))
            continue
        fi
    fi
    got="$(sum_of "$part")"
    if [ "$got" != "$want" ]; then
        rm -f "$part"
        echo "fetch_upstream: $folder/$name: SHA-256 mismatch (from $origin): expected $want, got $got" >&2
        failed=$((failed + 1))
        continue
    fi
    chmod 0644 "$part"
    mv -f "$part" "$target"
    copied=$((copied + 1))
done <<< "$listing"

echo "fetch_upstream: $dest: $copied fetched, $skipped already present, $failed failed${mirror:+ (mirror: $mirror)}"
[ "$failed" = 0 ]
