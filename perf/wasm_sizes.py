#!/usr/bin/env python3
# Exposure Explorer performance: where a .wasm file's bytes go. Prints each section's size and, when
# the module carries a "name" section (link with --profiling-funcs), the largest functions and the
# total per name prefix (namespace or library), raw and gzipped. A development tool; nothing depends
# on it. Also the whole file (and its .mjs loader beside it) raw, gzip -9 and, when the `brotli`
# command is installed, brotli -q 11; and per --group, the functions whose name matches a regular
# expression (what a cut would save: e.g. --group tables='Table|Columns').
#   perf/wasm_sizes.py FILE.wasm [--top N] [--group LABEL=REGEX ...]
import gzip
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict


def uleb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def sections(data):
    if data[:4] != b"\0asm":
        raise SystemExit("not a wasm file")
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = uleb(data, pos + 1)
        yield sid, data[body:body + size]
        pos = body + size


def function_names(payload):
    # name section: custom-section name, then subsections; id 1 = function names.
    name_len, pos = uleb(payload, 0)
    pos += name_len
    names = {}
    while pos < len(payload):
        sub = payload[pos]
        size, pos = uleb(payload, pos + 1)
        end = pos + size
        if sub == 1:
            count, p = uleb(payload, pos)
            for _ in range(count):
                index, p = uleb(payload, p)
                n, p = uleb(payload, p)
                names[index] = payload[p:p + n].decode("utf-8", "replace")
                p += n
        pos = end
    return names


def brotli_size(data):
    if not shutil.which("brotli"):
        return None
    return len(subprocess.run(["brotli", "-q", "11", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout)


def whole_file(path):
    data = open(path, "rb").read()
    br = brotli_size(data)
    print(f"{os.path.basename(path)}: {len(data)} raw, gzip -9 {len(gzip.compress(data, 9))}" +
          (f", brotli -q 11 {br}" if br is not None else ""))


def parse_groups(argv):
    groups = []
    for i, arg in enumerate(argv):
        if arg == "--group" and i + 1 < len(argv):
            label, _, pattern = argv[i + 1].partition("=")
            if not pattern:
                raise SystemExit(f"--group {argv[i + 1]!r}: expected LABEL=REGEX")
            groups.append((label, re.compile(pattern)))
    return groups


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("--"):
        raise SystemExit("usage: perf/wasm_sizes.py FILE.wasm [--top N] [--group LABEL=REGEX ...]")
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 40
    groups = parse_groups(sys.argv)
    whole_file(path)
    loader = os.path.splitext(path)[0] + ".mjs"
    if os.path.exists(loader):
        whole_file(loader)
    data = open(path, "rb").read()
    kinds = {0: "custom", 1: "type", 2: "import", 3: "function", 5: "table", 6: "memory", 7: "global",
             8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount", 4: "table", 13: "tag"}
    imports = 0
    bodies = []
    names = {}
    print(f"{path}: {len(data)} bytes, gzip -9 {len(gzip.compress(data, 9))}")
    for sid, payload in sections(data):
        label = kinds.get(sid, str(sid))
        if sid == 0:
            n, p = uleb(payload, 0)
            label = "custom:" + payload[p:p + n].decode()
            if label == "custom:name":
                names = function_names(payload)
        print(f"  {label:24} {len(payload):8} raw {len(gzip.compress(payload, 9)):8} gz")
        if sid == 2:
            count, p = uleb(payload, 0)
            for _ in range(count):
                n, p = uleb(payload, p); p += n
                n, p = uleb(payload, p); p += n
                kind = payload[p]; p += 1
                if kind == 0:
                    _, p = uleb(payload, p); imports += 1
                elif kind == 1:
                    p += 1; flags = payload[p]; p += 1; _, p = uleb(payload, p)
                    if flags & 1: _, p = uleb(payload, p)
                elif kind == 2:
                    flags = payload[p]; p += 1; _, p = uleb(payload, p)
                    if flags & 1: _, p = uleb(payload, p)
                elif kind == 3:
                    p += 2
        if sid == 10:
            count, p = uleb(payload, 0)
            for i in range(count):
                size, body = uleb(payload, p)
                bodies.append((imports + i, payload[body:body + size]))
                p = body + size
    if not names:
        return
    by_prefix = defaultdict(lambda: [0, b""])
    for index, body in bodies:
        name = names.get(index, f"#{index}")
        if name.startswith("ImGui") or "ImGui" in name[:40] or name.startswith("Im") or name.startswith("stb"):
            key = "imgui"
        elif "nlohmann" in name:
            key = "nlohmann"
        elif "exposure::ui" in name:
            key = "exposure::ui"
        elif "exposure::platform" in name:
            key = "exposure::platform"
        elif "exposure" in name:
            key = "exposure (core/web)"
        elif name.startswith("std::") or "__2::" in name:
            key = "libc++"
        else:
            key = "other (libc, malloc, ...)"
        by_prefix[key][0] += len(body)
        by_prefix[key][1] += body
    print("  by origin (code bytes, gzipped alone):")
    for key, (size, blob) in sorted(by_prefix.items(), key=lambda kv: -kv[1][0]):
        print(f"    {key:28} {size:8} {len(gzip.compress(blob, 9)):8}")
    for label, pattern in groups:
        chosen = [body for index, body in bodies if pattern.search(names.get(index, ""))]
        blob = b"".join(chosen)
        print(f"  group {label}: {len(chosen)} functions, {len(blob)} raw, {len(gzip.compress(blob, 9))} gz (alone)")
    print(f"  largest {top} functions:")
    for index, body in sorted(bodies, key=lambda b: -len(b[1]))[:top]:
        print(f"    {len(body):7}  {names.get(index, index)[:110]}")


main()
