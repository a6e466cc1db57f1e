"""scripts/serve: the preview. Serves the last good build, rebuilds what an edit changed, reloads the page.

Three parts in two processes. The server (this module, threads) answers every request at once from
the site last built without error, and watches the project's files. The builder
(sitebuild/preview_builder.py, a process of its own, so that it can fork the language builds)
builds when told what changed. Between them, the server moves each finished build in — a whole site,
or the overlay of an incremental build — while no request reads, and every open page, which polls
/.preview/wait, reloads. When a build fails (a broken catalogue, a warning of the strict build), the
pages keep showing the last good site with the error above it, until a build succeeds.
"""

from __future__ import annotations

import html
import http.server
import json
import mimetypes
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

STATIC = Path(__file__).resolve().parent / "preview_static"
WATCHED = ("data", "docs", "hooks", "overrides", "mkdocs.yml")
QUIET_BEFORE_BUILD = 0.1  # seconds without a further change: an editor's save can take several writes
WAIT_LONGEST = 25  # seconds a page's poll is held open when nothing happens
_PREVIEW_ELEMENTS = re.compile(r'<link rel="stylesheet" href="/\.preview/[^"]*"><div class="mg-preview-error".*?</div>|<script src="/\.preview/reload\.js" data-epoch="\d+"></script>', re.S)


def with_preview(page: bytes, epoch: int, error: str | None) -> bytes:
    """A page as the preview serves it: the reload script, and the error of the last build above it."""
    text = page.decode("utf-8")
    script = f'<script src="/.preview/reload.js" data-epoch="{epoch}"></script>'
    text = text.replace("</body>", script + "</body>", 1) if "</body>" in text else text + script
    if error:
        banner = ('<link rel="stylesheet" href="/.preview/preview.css"><div class="mg-preview-error" role="alert">'
                  "<p><strong>The last edit did not build; this is the last good build.</strong></p>"
                  f"<pre>{html.escape(error)}</pre></div>")
        body = re.search(r"<body[^>]*>", text)
        text = text[: body.end()] + banner + text[body.end():] if body else banner + text
    return text.encode("utf-8")


def without_preview(page: bytes) -> bytes:
    """A served page as the build wrote it (for comparing the preview with a build)."""
    return _PREVIEW_ELEMENTS.sub("", page.decode("utf-8")).encode("utf-8")


class Preview:
    """The served site and its state, shared by the request threads and the builder's reader."""

    def __init__(self, work: Path):
        self.site, self.home = work / "site", "/"  # home: the first language's root, where "/" leads
        self.files = threading.Lock()  # held while a request reads a file and while a build moves in
        self.changed = threading.Condition()
        self.epoch, self.error, self.building = 0, None, True
        # What each epoch changed: site-relative files, or None for everything (a whole site, an error).
        self.changes: list[tuple[int, frozenset[str] | None]] = []
        # The files as they were before the edited pages served ahead of the rest of their build
        # (None: a new file), put back if that build fails: what is served stays one good build.
        self.before_provisional: dict[str, bytes | None] = {}

    def next_epoch(self, error: str | None, changed: frozenset[str] | None = None) -> None:
        with self.changed:
            changed = None if error != self.error else changed
            self.epoch, self.error = self.epoch + 1, error
            self.changes = [*self.changes[-99:], (self.epoch, changed)]
            self.changed.notify_all()

    def take_in(self, event: dict) -> None:
        """Serve a finished build: a whole site swapped in, or an overlay's files moved in."""
        built, changed, old = Path(event["built"]), None, self.site.with_name(f".site.old-{self.epoch}")
        with self.files:
            if not event["overlay"]:
                if self.site.exists():
                    self.site.rename(old)
                built.rename(self.site)
            else:
                changed = set()
                for file in sorted(path for path in built.rglob("*") if path.is_file()):
                    name = file.relative_to(built).as_posix()
                    target = self.site / name
                    served = target.read_bytes() if target.is_file() else None
                    if served != file.read_bytes():
                        changed.add(name)
                    if event.get("provisional"):
                        self.before_provisional.setdefault(name, served)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(file, target)
            if not event.get("provisional"):
                self.before_provisional = {}
        self.home = event["home"]
        self.next_epoch(None, frozenset(changed) if changed is not None else None)
        for folder in (old, built):  # what is left of them: seconds for a whole site when the disk is busy
            threading.Thread(target=shutil.rmtree, args=(folder, True), daemon=True).start()

    def fail(self, error: str) -> None:
        """A build failed: the last good build stays served, with the error above every page."""
        with self.files:
            for name, content in self.before_provisional.items():
                if content is None:
                    (self.site / name).unlink(missing_ok=True)
                else:
                    (self.site / name).write_bytes(content)
            self.before_provisional = {}
        self.next_epoch(error)

    def wait_after(self, epoch: int, page: str) -> tuple[bool, int]:
        """Wait until a build after `epoch` changes the file of the page at the address `page`:
        (whether it did, the latest epoch); a page that did not change need not reload."""
        file = unquote(page).lstrip("/") + ("index.html" if page.endswith("/") else "")

        def reload() -> bool:
            return any(later > epoch and (changed is None or file in changed) for later, changed in self.changes)

        with self.changed:
            self.changed.wait_for(reload, timeout=WAIT_LONGEST)
            return reload(), self.epoch

    def read(self, path: str) -> tuple[int, bytes, str]:
        """(status, body, content type) for a request path, at once, from the last good build."""
        file = (self.site / unquote(path).lstrip("/")).resolve()
        if self.site.resolve() not in (file, *file.parents):
            return 404, b"", "text/plain"
        with self.files:
            if file.is_dir():
                file = file / "index.html"
            if file.is_file():
                return 200, file.read_bytes(), mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            not_found = self.site / "404.html"
            return 404, not_found.read_bytes() if not_found.is_file() else b"Not found", "text/html"

    def placeholder(self) -> bytes:
        """The page before the first good build: building, or the error that stopped it."""
        message = f"<pre>{html.escape(self.error)}</pre>" if self.error else "<p>Building the preview …</p>"
        return f'<!doctype html><html lang="en"><title>Preview</title><body>{message}</body></html>'.encode()


class Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        url = urlsplit(self.path)
        if url.path == "/.preview/wait":
            query = parse_qs(url.query)
            reload, epoch = self.preview.wait_after(int(query.get("epoch", ["0"])[0]), query.get("page", ["/"])[0])
            return self.respond(200, f"{'reload' if reload else 'wait'} {epoch}".encode(), "text/plain", head)
        if url.path == "/.preview/status":  # for tests and the benchmark: whether an edit is fully built
            status = {"epoch": self.preview.epoch, "building": self.preview.building, "error": self.preview.error}
            return self.respond(200, json.dumps(status).encode(), "application/json", head)
        if url.path.startswith("/.preview/"):
            file = STATIC / url.path.removeprefix("/.preview/")
            if file.parent == STATIC and file.is_file():
                return self.respond(200, file.read_bytes(), mimetypes.guess_type(file.name)[0], head)
            return self.respond(404, b"", "text/plain", head)
        if url.path == "/" and self.preview.home != "/":
            return self.redirect(self.preview.home)
        epoch, error = self.preview.epoch, self.preview.error
        if not self.preview.site.is_dir():
            return self.respond(503, with_preview(self.preview.placeholder(), epoch, None), "text/html", head)
        status, body, content_type = self.preview.read(url.path)
        if status == 200 and content_type == "text/html" and not url.path.endswith((".html", "/")):
            return self.redirect(url.path + "/")  # a folder: its index.html, with relative links that work
        if content_type == "text/html":
            body = with_preview(body, epoch, error)
        self.respond(status, body, content_type, head)

    def redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def respond(self, status: int, body: bytes, content_type: str, head: bool):
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, *args):
        pass
