"""Serves a built site as a static host such as Netlify or Cloudflare Pages does: with the headers
of its _headers file (so the tests and scripts/lighthouse load pages under the site's
Content-Security-Policy) and text compressed with gzip (so Lighthouse measures what visitors get).

Usage: python tests/site_server.py SITE_DIR PORT
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
from pathlib import Path

HEADERS_FILE = "_headers"
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def read_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """[(path pattern, {name: value})] from the _headers format: a pattern, then indented lines."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, value = line.split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """The headers for a request path: every rule whose pattern matches (a trailing * matches any rest)."""
    headers: dict[str, str] = {}
    for pattern, rule_headers in rules:
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            headers.update(rule_headers)
    return headers


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, directory: str, **kwargs):
        headers_file = Path(directory) / HEADERS_FILE
        self.rules = read_headers_file(headers_file.read_text(encoding="utf-8")) if headers_file.exists() else []
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self):
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            file = file / "index.html"
        content_type = self.guess_type(str(file))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not file.is_file() or not content_type.startswith(COMPRESSED_TYPES):
            return super().do_GET()
        body = gzip.compress(file.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        for name, value in headers_for(self.rules, self.path.split("?", 1)[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def make_server(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(SiteHandler, directory=str(site)))


if __name__ == "__main__":
    make_server(Path(sys.argv[1]), int(sys.argv[2])).serve_forever()
