#!/usr/bin/env python3
"""Serves a folder over HTTP for the widget's demo: python3 standard library only.

Usage: scripts/serve.py [--dir build/web/site] [--port 8080] [--host 127.0.0.1]

- MIME types for .wasm, .mjs, .js, .json, .ttf (browsers refuse wasm streaming and ES modules
  served with the wrong type).
- Prefers a precompressed sibling (FILE.br, then FILE.gz) when the request's Accept-Encoding allows
  it, with Content-Encoding and Vary: Accept-Encoding.
- Never serves anything outside the folder (no traversal, no symlinks out of it).
- Binds 127.0.0.1 unless told otherwise; Ctrl-C stops it cleanly.
"""
import argparse
import email.utils
import http.server
import os
import posixpath
import signal
import socketserver
import sys
import urllib.parse

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}
# Precompressed siblings, best first: (suffix, Content-Encoding token).
ENCODINGS = ((".br", "br"), (".gz", "gzip"))


def accepted_encodings(header):
    """The codings an Accept-Encoding header allows (q > 0), lower-case."""
    allowed = set()
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            allowed.add(fields[0].lower())
    return allowed


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "exposure-serve"
    root = "."  # set per server

    def log_message(self, fmt, *args):
        sys.stderr.write("serve: %s %s\n" % (self.address_string(), fmt % args))

    def resolve(self):
        """The file a request names inside root, or None; directories give their index.html."""
        path = urllib.parse.urlsplit(self.path).path
        path = urllib.parse.unquote(path)
        if "\x00" in path:
            return None
        parts = [p for p in posixpath.normpath(path).split("/") if p not in ("", ".")]
        if any(p == ".." for p in parts):
            return None
        full = os.path.join(self.root, *parts)
        real = os.path.realpath(full)
        if real != self.root and not real.startswith(self.root + os.sep):
            return None
        if os.path.isdir(real):
            real = os.path.join(real, "index.html")
        return real if os.path.isfile(real) else None

    def do_HEAD(self):
        self.respond(send_body=False)

    def do_GET(self):
        self.respond(send_body=True)

    def respond(self, send_body):
        target = self.resolve()
        if target is None:
            self.send_error(404, "Not found")
            return
        ext = os.path.splitext(target)[1].lower()
        content_type = MIME_TYPES.get(ext, "application/octet-stream")
        body_path, encoding = target, None
        allowed = accepted_encodings(self.headers.get("Accept-Encoding"))
        for suffix, token in ENCODINGS:
            if token in allowed and os.path.isfile(target + suffix):
                sibling = os.path.realpath(target + suffix)
                if sibling.startswith(self.root + os.sep):
                    body_path, encoding = sibling, token
                    break
        try:
            with open(body_path, "rb") as f:
                body = f.read()
            mtime = os.path.getmtime(body_path)
        except OSError:
            self.send_error(404, "Not found")
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        if any(os.path.isfile(target + suffix) for suffix, _ in ENCODINGS):
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description="Serve a folder, preferring precompressed .br/.gz siblings.")
    parser.add_argument("--dir", default="build/web/site", help="folder to serve (default: build/web/site)")
    parser.add_argument("--port", type=int, default=8080, help="port (default: 8080)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    args = parser.parse_args()

    root = os.path.realpath(args.dir)
    if not os.path.isdir(root):
        print(f"serve: '{args.dir}' is not a folder (build the web preset's site target first)", file=sys.stderr)
        return 1
    handler = type("RootHandler", (Handler,), {"root": root})
    try:
        server = Server((args.host, args.port), handler)
    except OSError as e:
        print(f"serve: cannot listen on {args.host}:{args.port}: {e.strerror}", file=sys.stderr)
        return 1
    # Ctrl-C and SIGTERM stop it the same clean way (even when started with SIGINT ignored).
    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    shown = "localhost" if args.host in ("127.0.0.1", "localhost") else args.host
    print(f"Serving {args.dir} on http://{shown}:{args.port}/  (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nserve: stopped", flush=True)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
