#!/usr/bin/env python3
"""Checks that a PNG screenshot shows a drawn frame: pixels other than the background.

Usage: check_png.py FILE.png [--min-share 0.01] [--size WxH]
The background is the most common colour; the check passes when at least min-share of the pixels
differ from it and the image has a few distinct colours (text, bars, cards). Python standard library
only: 8-bit RGB/RGBA, non-interlaced PNGs (what stb_image_write writes).
"""
import argparse
import struct
import sys
import zlib
from collections import Counter


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
            elif kind != 0:
                raise ValueError(f"{path}: row {y} has unknown filter {kind}")
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png")
    parser.add_argument("--min-share", type=float, default=0.01)
    parser.add_argument("--size", help="expected WIDTHxHEIGHT in pixels")
    args = parser.parse_args()
    try:
        width, height, channels, rows = read_png(args.png)
    except (OSError, ValueError, zlib.error) as e:
        print(f"check_png: {e}", file=sys.stderr)
        return 1
    if args.size and f"{width}x{height}" != args.size:
        print(f"check_png: {args.png} is {width}x{height}, expected {args.size}", file=sys.stderr)
        return 1
    colours = Counter()
    for row in rows:
        for x in range(0, width * channels, channels):
            colours[row[x:x + 3]] += 1
    total = width * height
    background, count = colours.most_common(1)[0]
    share = 1 - count / total if total else 0
    print(f"check_png: {width}x{height}, {len(colours)} colours, "
          f"{share:.1%} of pixels differ from the background #{background.hex()}")
    if total == 0 or share < args.min_share or len(colours) < 3:
        print(f"check_png: {args.png} looks blank (need at least {args.min_share:.1%} non-background pixels "
              f"and 3 colours)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
