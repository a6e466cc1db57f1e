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
from watchdog.observers.polling import PollingObserver

from sitebuild.preview_changes import is_noise
from sitebuild.preview_server import QUIET_BEFORE_BUILD, WATCHED, Handler, Preview

QUIET_WHILE_WRITTEN = 1.0  # seconds without news of a file still open for writing before building anyway

log = logging.getLogger("mkdocs.preview")


class Changes(FileSystemEventHandler):
    """The project's files changed since the last build, as paths relative to the project.

    A file being written is not built from until the writer has closed it: an editor, or a script,
    that truncates a 20 MB catalogue and then writes it can pause longer than QUIET_BEFORE_BUILD in
    between. (Where the observer reports no closing, polling, a longer quiet moment stands in.)"""

    def __init__(self, root: Path):
        self.root, self.paths, self.condition, self.last = root, [], threading.Condition(), 0.0
        self.being_written: set[str] = set()

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type not in ("created", "modified", "moved", "deleted", "closed"):  # not reads
            return
        for path in {event.src_path, getattr(event, "dest_path", "") or event.src_path}:
            path = Path(path).resolve()
            relative = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else ""
            if relative.split("/", 1)[0] in WATCHED and not is_noise(relative):
                with self.condition:
                    if event.event_type in ("created", "modified") and path == Path(event.src_path).resolve():
                        self.being_written.add(relative)
                    else:
                        self.being_written.discard(relative)
                    self.paths.append(relative)
                    self.last = time.monotonic()
                    self.condition.notify_all()

    def wait(self) -> list[str]:
        """Block until something changed, every file written is closed, and then nothing more
        happened for a moment; what changed."""
        def settled() -> bool:
            quiet = time.monotonic() - self.last
            return quiet >= QUIET_BEFORE_BUILD and (not self.being_written or quiet >= QUIET_WHILE_WRITTEN)

        with self.condition:
            self.condition.wait_for(lambda: self.paths)
            while not settled():
                self.condition.wait(QUIET_BEFORE_BUILD / 2)
            paths, self.paths, self.being_written = sorted(set(self.paths)), [], set()
            return paths


class BuilderProcess:
    """The builder (sitebuild/preview_builder.py) in a process of its own, told of changes as they
    come (a newer edit stops the second step of the build under way), its builds served as they
    finish. One that stops without a word (a defect; its traceback is in the terminal) is started
    again at the next change."""

    def __init__(self, preview: Preview, config_file: Path, options: list[str]):
        self.preview, self.options, self.config_file = preview, options, config_file
        self.lock = threading.RLock()
        self.process, self.sent = None, 0

    def start(self) -> None:
        with self.lock:
            read_end, write_end = os.pipe()
            command = [sys.executable, "-m", "sitebuild", "preview-builder", "-f", str(self.config_file),
                       "--work", str(self.preview.site.parent), "--events-fd", str(write_end), *self.options]
            # Its own process group, with the language builds it forks: stopped together (stop).
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, text=True, pass_fds=(write_end,), start_new_session=True)
            os.close(write_end)
            self.sent = 0
            threading.Thread(target=self.read_events, args=(self.process, os.fdopen(read_end)), daemon=True).start()
            self.send([])  # the first build: the whole site

    def send(self, changed: list[str]) -> None:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                return self.start()
            log.info(f"Building after changes to {', '.join(changed)}" if changed else "Building the whole site")
            self.sent += 1
            self.preview.building = True
            self.process.stdin.write(json.dumps({"changed": changed}) + "\n")
            self.process.stdin.flush()

    def read_events(self, process: subprocess.Popen, events) -> None:
        for line in events:
            event = json.loads(line)
            if "idle" in event:
                with self.lock:
                    self.preview.building = event["idle"] < self.sent
            elif event.get("restart"):
                break
            elif "error" in event:
                log.error(f"The build failed; the preview shows the last good site with the error:\n{event['error']}")
                self.preview.fail(event["error"])
            elif "built" in event:
                self.preview.take_in(event)
                log.info(f"Built {event['summary']} in {event['seconds']} s")
        else:
            self.preview.building = False
            if process.wait() != 0 or self.process is process:  # not stopped to be replaced
                self.preview.fail("The builder stopped unexpectedly; its error is in the terminal where scripts/serve runs.")
            return
        process.wait()
        self.start()  # after an edit to code or configuration: a fresh process, a whole build

    def stop(self) -> None:
        with self.lock:
            process, self.process = self.process, None
        if process and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            process.wait()


def watching(root: Path, changes: Changes, observer_type=Observer):
    """The project's watched files observed: with inotify, or by polling where it is not to be had."""
    observer = observer_type()
    try:
        observer.schedule(changes, str(root), recursive=False)  # mkdocs.yml
        for name in WATCHED:
            if (root / name).is_dir():
                observer.schedule(changes, str(root / name), recursive=True)
        observer.start()
    except OSError as error:  # no inotify, or too few watches allowed
        if observer_type is PollingObserver:
            raise
        log.warning(f"Watching the project's files by polling them ({error})")
        return watching(root, changes, PollingObserver)
    return observer


def serve(config_file: Path, address: str, languages: list[str] | None, strict: bool | None = None) -> None:
    host, port = address.rsplit(":", 1)
    os.environ["SITE_URL"] = f"http://{host}:{port}/"  # as mkdocs serve: the addresses the site is read from
    root = config_file.parent
    work = Path(tempfile.mkdtemp(prefix="medvirkning-preview-"))
    preview = Preview(work)
    changes = Changes(root.resolve())
    observer = watching(root, changes)
    Handler.preview = preview
    server = http.server.ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    options = [*(["--lang", *languages] if languages else []), *([] if strict is None else ["--strict" if strict else "--no-strict"])]
    builder = BuilderProcess(preview, config_file, options)
    builder.start()

    def feed_builder() -> None:
        while True:
            builder.send(changes.wait())

    threading.Thread(target=feed_builder, daemon=True).start()
    log.info(f"Serving the preview on http://{host}:{port}/ (Ctrl-C stops it)")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C: clean up below
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
        builder.stop()
        shutil.rmtree(work, ignore_errors=True)
