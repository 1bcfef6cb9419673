#!/usr/bin/python3
# Exposure Explorer build step (cmake/font.cmake): turns the CFF (cubic) Inter subset into a TrueType
# font with quadratic `glyf` outlines and keeps only the tables stb_truetype reads (cmap, head, hhea,
# hmtx, maxp, loca, glyf). stb_truetype rasterises `glyf` without running a CFF charstring interpreter
# twice per glyph (once for the box, once for the shape), the atlas build's largest cost (issue 7).
# It can also scale the font to fewer units per em: smaller coordinates, a smaller file.
#   font_to_glyf.py IN.otf OUT.ttf [--max-error UNITS] [--units-per-em N]
# Writes OUT.ttf.tmp and renames it when complete, so a failed run never leaves a half-written font.
import argparse
import os
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.scaleUpem import scale_upem

# What stb_truetype's stbtt_InitFont and glyph lookups read; everything else is dead weight for us.
k_kept_tables = ("cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf")


def convert(source, target, max_error, units_per_em):
    # The source's modification time, not now: the same inputs give the same bytes (reproducible
    # builds; the site's compressed sizes do not wander between two builds).
    font = TTFont(source, recalcTimestamp=False)
    if "CFF " not in font:
        raise SystemExit(f"{source}: no CFF table (already TrueType outlines?)")
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType's clockwise: reverse while converting.
        glyph_set[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyphs[name] = pen.glyph()

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]

    # maxp 1.0 carries the TrueType limits (points, contours); fontTools recomputes them on save.
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.maxPoints = maxp.maxContours = maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

    for tag in list(font.keys()):
        if tag != "GlyphOrder" and tag not in k_kept_tables:
            del font[tag]

    if units_per_em and units_per_em != font["head"].unitsPerEm:
        scale_upem(font, units_per_em)

    tmp = target + ".tmp"
    font.save(tmp)
    os.replace(tmp, target)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source")
    parser.add_argument("target")
    # In the source's font units (Inter: 2816 per em; 1 unit is 1/32 px at the 88 px the largest
    # size is rasterised at on a 2x screen): far below what a pixel shows.
    parser.add_argument("--max-error", type=float, default=1.0)
    parser.add_argument("--units-per-em", type=int, default=0, help="scale to this many units per em (0: keep)")
    args = parser.parse_args()
    convert(args.source, args.target, args.max_error, args.units_per_em)


if __name__ == "__main__":
    sys.exit(main())
