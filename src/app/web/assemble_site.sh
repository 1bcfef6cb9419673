#!/usr/bin/env bash
# Assembles the static site the `site` CMake target makes (src/app/web.cmake):
#   $SITE_DIR/              the pages from $WEB_DIR (*.html, *.css; exposure-widget.js goes below)
#   $SITE_DIR/widget/       exposure-widget.js (with the core's loader), exposure-widget-core.wasm (with the
#                           font), data/
#   $SITE_DIR/widget/data/  a copy of the bundle ($DATA_DIR)
# and a .gz (gzip -9) and .br (brotli) sibling of every text or wasm file, so a static server can
# send them precompressed. The widget's two scripts (exposure-widget.js, the Emscripten loader
# exposure-widget-core.mjs) are joined into one and minified with terser (Debian's `terser`); web/
# keeps the readable source. Without terser the script fails rather than ship the unminified files.
# Incremental: a file is copied, minified or compressed only when its source is newer.
# Environment: SITE_DIR WEB_DIR CORE_JS (path of exposure-widget-core.mjs) DATA_DIR.
set -euo pipefail

die() { echo "assemble_site: $*" >&2; exit 1; }
command -v terser >/dev/null 2>&1 ||
    die "terser is not installed: it minifies the widget's scripts (apt-get install terser, or run scripts/setup.sh)"
# Debian's terser is a Node.js script whose modules live in /usr/share/nodejs, where a Node.js not
# from Debian does not look.
case ":${NODE_PATH:-}:" in
    *:/usr/share/nodejs:*) ;;
    *) export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" ;;
esac
for var in SITE_DIR WEB_DIR CORE_JS DATA_DIR; do
    [ -n "${!var:-}" ] || die "$var is not set"
done
core_wasm="${CORE_JS%.mjs}.wasm"
[ -f "$CORE_JS" ] || die "no widget module at $CORE_JS (build the exposure_widget target)"
[ -f "$core_wasm" ] || die "no wasm at $core_wasm"
[ -f "$WEB_DIR/exposure-widget.js" ] || die "no $WEB_DIR/exposure-widget.js"
if [ ! -f "$DATA_DIR/index.json" ]; then
    die "no bundle at $DATA_DIR (index.json missing): run scripts/setup.sh, or configure with -DEXPOSURE_WEB_DATA_DIR=DIR"
fi

# copy SRC DEST: copies when DEST is missing or older.
copy() {
    if [ ! -f "$2" ] || [ "$1" -nt "$2" ]; then
        mkdir -p "$(dirname "$2")"
        cp "$1" "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"
    fi
}

mkdir -p "$SITE_DIR/widget/data/occupations"

for page in "$WEB_DIR"/*.html "$WEB_DIR"/*.css "$WEB_DIR"/*.svg; do
    [ -f "$page" ] && copy "$page" "$SITE_DIR/$(basename "$page")"
done
# minify SRC DEST [SOURCES]: an ES module, minified when DEST is missing or older (issue 7, gzip -9 / brotli:
# exposure-widget.js 13.8 -> 8.1 kB / 12.1 -> 7.2 kB, the loader 12.0 -> 8.1 kB / 10.8 -> 7.3 kB).
# Names inside the module are shortened, properties never (the loader reaches the wasm's exports
# and the page's Module settings by their string names).
# SOURCES names the readable sources in the minified file's first line.
minify() {
    # A DEST without the preamble is a plain copy an earlier version of this script made.
    if [ ! -f "$2" ] || [ "$1" -nt "$2" ] || ! head -n 1 "$2" | grep -q 'minified by assemble_site.sh'; then
        mkdir -p "$(dirname "$2")"
        echo "// $(basename "$2"): minified by assemble_site.sh; the source is ${3:-$(basename "$1")} of Exposure Explorer" > "$2.tmp.$$"
        terser "$1" --module --compress --mangle >> "$2.tmp.$$" || { rm -f "$2.tmp.$$"; die "terser failed on $1"; }
        [ "$(wc -l < "$2.tmp.$$")" -ge 2 ] || { rm -f "$2.tmp.$$"; die "terser wrote nothing for $1"; }
        mv -f "$2.tmp.$$" "$2"
    fi
}
# The site's exposure-widget.js holds the Emscripten loader too (issue 7): the first view requests
# one script fewer (alternating loads, 31 each, twice: 160.6 -> 151.8 and 155.4 -> 152.6 ms). The
# loader module's one export (`export default createExposureModule;`, its last line) becomes a name
# of the joined module, and the line of exposure-widget.js marked `@core-loader` (its dynamic import
# of the loader) returns it instead.
# The joined source sits beside the site, not in it.
joined="$(dirname "$SITE_DIR")/exposure-widget.joined.js"
if [ ! -f "$joined" ] || [ "$WEB_DIR/exposure-widget.js" -nt "$joined" ] || [ "$CORE_JS" -nt "$joined" ]; then
    [ "$(tail -n 1 "$CORE_JS")" = 'export default createExposureModule;' ] ||
        die "$CORE_JS does not end with 'export default createExposureModule;' (an Emscripten that writes its ES module differently)"
    [ "$(grep -c '@core-loader' "$WEB_DIR/exposure-widget.js")" = 1 ] ||
        die "$WEB_DIR/exposure-widget.js has no single line marked @core-loader"
    {
        sed '$d' "$CORE_JS"
        sed 's|^.*@core-loader.*$|  return Promise.resolve(createExposureModule); // the loader is joined to this file|' \
            "$WEB_DIR/exposure-widget.js"
    } > "$joined.tmp.$$" && mv -f "$joined.tmp.$$" "$joined"
fi
minify "$joined" "$SITE_DIR/widget/exposure-widget.js" "exposure-widget.js + the Emscripten loader (exposure-widget-core.mjs)"
copy "$core_wasm" "$SITE_DIR/widget/exposure-widget-core.wasm"
# Files an earlier build made that are no longer part of the site (with their compressed siblings):
# the loader is joined to exposure-widget.js, the font compiled into the wasm.
for stale in exposure-widget-core.mjs font.bin; do
    rm -f "$SITE_DIR/widget/$stale" "$SITE_DIR/widget/$stale.gz" "$SITE_DIR/widget/$stale.br"
done

for file in manifest.json index.json; do
    [ -f "$DATA_DIR/$file" ] && copy "$DATA_DIR/$file" "$SITE_DIR/widget/data/$file"
done
# rsync is not assumed; cp -u copies only what is newer.
cp -u "$DATA_DIR"/occupations/*.json "$SITE_DIR/widget/data/occupations/"
# Details that left the bundle leave the site too.
for file in "$SITE_DIR"/widget/data/occupations/*.json; do
    [ -f "$DATA_DIR/occupations/$(basename "$file")" ] || rm -f "$file" "$file.gz" "$file.br"
done

# Precompressed siblings, in parallel on the 2 cores this machine allows.
compress_one() {
    local file="$1"
    if [ ! -f "$file.gz" ] || [ "$file" -nt "$file.gz" ]; then
        # zopfli writes gzip 5-6 % smaller than gzip -9 (scripts/bench.sh: the wasm 202.7 -> 191.4 kB,
        # index.json 71.7 -> 67.0 kB) but is slow: only for the large files, where the bytes are, and
        # the widget's two minified scripts (first view; 8,302 -> 8,079 and 8,061 -> 7,891 B).
        if command -v zopfli >/dev/null 2>&1 &&
            { [ "$(stat -c %s "$file")" -ge 32768 ] || [[ "$file" == */widget/exposure-widget*.*js ]]; }; then
            zopfli -c "$file" > "$file.gz.tmp" && mv -f "$file.gz.tmp" "$file.gz"
        else
            gzip -9 -n -c "$file" > "$file.gz.tmp" && mv -f "$file.gz.tmp" "$file.gz"
        fi
    fi
    if [ ! -f "$file.br" ] || [ "$file" -nt "$file.br" ]; then brotli -q 11 -f -o "$file.br.tmp" "$file" && mv -f "$file.br.tmp" "$file.br"; fi
}
export -f compress_one
find "$SITE_DIR" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.mjs' -o -name '*.wasm' \
    -o -name '*.json' -o -name '*.bin' -o -name '*.svg' \) -print0 | xargs -0 -n 64 -P 2 bash -c 'for f in "$@"; do compress_one "$f"; done' _
echo "assemble_site: $SITE_DIR"
