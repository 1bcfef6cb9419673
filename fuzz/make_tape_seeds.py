#!/usr/bin/env python3
# Writes the seeds of fuzz_bundle_detail_tape: the detail seeds of fuzz_bundle_detail (written for
# this project) as tapes, in the target's compact encoding (see fuzz_bundle_detail_tape.cpp), as the
# page would write them after JSON.parse. Run from the repository: fuzz/make_tape_seeds.py
import json
import pathlib
import struct

root = pathlib.Path(__file__).resolve().parent
source = root / "corpus" / "fuzz_bundle_detail"
target = root / "corpus" / "fuzz_bundle_detail_tape"


def number(v, out):
    if float(v).is_integer() and 0 <= v < 0xF0:
        out.append(int(v))
    elif float(v).is_integer() and 0 <= v <= 0xFFFF:
        out += bytes([0xF0]) + struct.pack("<H", int(v))
    else:
        out += bytes([0xFF]) + struct.pack("<d", float(v))


def write(value, ops, text):
    if value is None:
        ops.append(0)
    elif value is False or value is True:
        ops.append(2 if value else 1)
    elif isinstance(value, (int, float)):
        ops.append(3)
        number(value, ops)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        ops.append(4)
        number(len(data), ops)
        text += data
    elif isinstance(value, list):
        ops.append(5)
        number(len(value), ops)
        for item in value:
            write(item, ops, text)
    else:
        ops.append(6)
        number(len(value), ops)
        for key, item in value.items():
            write(key, ops, text)
            write(item, ops, text)


target.mkdir(exist_ok=True)
for path in sorted(source.glob("*.json")):
    ops, text = bytearray(), bytearray()
    write(json.loads(path.read_text(encoding="utf-8")), ops, text)
    (target / (path.stem + ".tape")).write_bytes(bytes(ops) + b"\xfe" + bytes(text))
    print(target / (path.stem + ".tape"))
