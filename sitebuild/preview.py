"""scripts/serve: start the preview server, watch the project, and keep a builder process busy.

See sitebuild/preview_server.py for what a reader of the preview gets, and
sitebuild/preview_builder.py for what each build does.
"""

from __future__ import annotations

import http.server
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from sitebuild.preview_changes import is_noise
from sitebuild.preview_server import QUIET_BEFORE_BUILD, WATCHED, Handler, Preview

log = logging.getLogger("mkdocs.preview")


class Changes(FileSystemEventHandler):
    """The project's files changed since the last build, as paths relative to the project."""

    def __init__(self, root: Path):
        self.root, self.paths, self.condition, self.last = root, [], threading.Condition(), 0.0

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type not in ("created", "modified", "moved", "deleted"):  # not reads
            return
        for path in {event.src_path, getattr(event, "dest_path", "") or event.src_path}:
            path = Path(path).resolve()
            relative = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else ""
            if relative.split("/", 1)[0] in WATCHED and not is_noise(relative):
                with self.condition:
                    self.paths.append(relative)
                    self.last = time.monotonic()
                    self.condition.notify_all()

    def wait(self) -> list[str]:
        """Block until something changed and then nothing more for a moment; what changed."""
        with self.condition:
            self.condition.wait_for(lambda: self.paths)
            while (quiet := time.monotonic() - self.last) < QUIET_BEFORE_BUILD:
                self.condition.wait(QUIET_BEFORE_BUILD - quiet)
            paths, self.paths = sorted(set(self.paths)), []
            return paths


def run_builders(preview: Preview, changes: Changes, config_file: Path, languages: list[str] | None, strict: bool | None) -> None:
    """Keep one builder process at work: a first build, then one build per batch of changes. A
    builder that stops without a word (a defect; its traceback is in the terminal) is started again
    after the next change."""
    while True:
        read_end, write_end = os.pipe()
        command = [sys.executable, "-m", "sitebuild", "preview-builder", "-f", str(config_file),
                   "--work", str(preview.site.parent), "--events-fd", str(write_end), *(["--lang", *languages] if languages else []),
                   *([] if strict is None else ["--strict" if strict else "--no-strict"])]
        # Its own process group, with the language builds it forks: stopped together (stop_builder).
        builder = preview.builder = subprocess.Popen(command, stdin=subprocess.PIPE, text=True, pass_fds=(write_end,), start_new_session=True)
        os.close(write_end)
        events, pending = os.fdopen(read_end), []
        while True:
            log.info("Building" + (f" after changes to {', '.join(pending)}" if pending else ""))
            preview.building = True
            builder.stdin.write(json.dumps({"changed": pending}) + "\n")
            builder.stdin.flush()
            event = {"final": False}
            while not event["final"]:  # a build can answer in steps: the edited pages first
                line = events.readline()
                if not line:
                    preview.next_epoch("The builder stopped unexpectedly; its error is in the terminal where scripts/serve runs.")
                    event = {"restart": True}
                    changes.wait()
                    break
                event = json.loads(line)
                if event.get("restart"):
                    break
                if "error" in event:
                    log.error(f"The build failed; the preview shows the last good site with the error:\n{event['error']}")
                    preview.next_epoch(event["error"])
                else:
                    preview.take_in(event)
                    log.info(f"Built {event['summary']} in {event['seconds']} s")
            preview.building = False
            if event.get("restart"):
                break
            pending = changes.wait()
        builder.stdin.close()
        builder.wait()
        events.close()


def stop_builder(preview: Preview) -> None:
    if preview.builder and preview.builder.poll() is None:
        try:
            os.killpg(preview.builder.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        preview.builder.wait()


def serve(config_file: Path, address: str, languages: list[str] | None, strict: bool | None = None) -> None:
    host, port = address.rsplit(":", 1)
    os.environ["SITE_URL"] = f"http://{host}:{port}/"  # as mkdocs serve: the addresses the site is read from
    root = config_file.parent
    work = Path(tempfile.mkdtemp(prefix="medvirkning-preview-"))
    preview = Preview(work)
    changes = Changes(root.resolve())
    observer = Observer()
    observer.schedule(changes, str(root), recursive=False)  # mkdocs.yml
    for name in WATCHED:
        if (root / name).is_dir():
            observer.schedule(changes, str(root / name), recursive=True)
    observer.start()
    Handler.preview = preview
    server = http.server.ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    threading.Thread(target=run_builders, args=(preview, changes, config_file, languages, strict), daemon=True).start()
    log.info(f"Serving the preview on http://{host}:{port}/ (Ctrl-C stops it)")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C: clean up below
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
        stop_builder(preview)
        shutil.rmtree(work, ignore_errors=True)
