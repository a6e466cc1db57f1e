"""The preview's builder (a process of its own, started by sitebuild/preview_server.py).

It reads one command a line on stdin — {"changed": [paths relative to the project]} — builds, and
answers with one event a line on its event pipe: {"built": folder, "overlay": bool, ...} when a build
is ready to be served, {"error": message} when it failed (the site served stays as it was), or
{"restart": true} before it exits for a fresh process (after an edit to code or configuration).
Builds never write into the served folder: a full build is a fresh folder for the server to swap
in; an incremental build is an overlay holding only the files it wrote, for the server to move in.
"""

from __future__ import annotations

import json
import os
import select
import sys
import time
from pathlib import Path

import jinja2
from mkdocs.exceptions import MkDocsException

from sitebuild.language_builds import Plan, build_languages, prepared_config
from sitebuild.preview_changes import FULL, INCREMENTAL, RESTART, kind_of_change, methods_edit


def keep_compiled_templates(folder: Path) -> None:
    """Templates compiled once for the preview, not once per build: each build is a new process,
    so Material's templates are kept compiled on disk (Jinja checks each one's source still matches),
    and the site's own are compiled here, before the builds fork."""
    import render
    import site_data

    folder.mkdir(exist_ok=True)
    site_data.template_bytecode = jinja2.FileSystemBytecodeCache(str(folder))
    for template in render.TEMPLATES.glob("*.j2"):
        render.environment().get_template(template.name)


class Builder:
    def __init__(self, config_file: Path, served: Path, languages: list[str] | None, strict: bool | None = None):
        self.config_file, self.served, self.languages, self.strict = config_file, served, languages, strict
        self.served_catalogue = None  # the catalogue of the site being served
        self.pending: list[str] = []  # changes since the served site was built
        # The method pages' search entries of the site served, and of the build under way.
        self.served_search_entries, self.saved_search_entries = served.parent / "search-entries", served.parent / "search-entries.new"
        keep_compiled_templates(served.parent / "compiled-templates")

    def builds(self, changed: list[str], stop_on: int | None = None):
        """The events of building after `changed`. After an edit to some methods, their pages come
        first, on their own (the page an editor looks at shows the edit at once), then the rest, in
        the background (the server and the browser reloading the page go first); a newer command on
        `stop_on` stops it (its changes are built with the newer ones)."""
        started = time.perf_counter()
        self.pending += changed
        kind = FULL if self.served_catalogue is None else kind_of_change(self.pending)
        if kind == RESTART:
            yield {"restart": True}
            return
        try:
            config = prepared_config(self.config_file, self.served, self.strict, command="serve")
        except MkDocsException as error:
            yield {"error": error.format_message().strip()}
            return
        import output_folders
        import site_data

        catalogue = site_data.catalogue(config)
        edit = methods_edit(self.served_catalogue, catalogue, bool(config.repo_url)) if kind == INCREMENTAL else None
        languages = self.languages or config.plugins["i18n"].build_languages
        if edit and edit.changed:
            pages_only = {"methods": edit.changed, "pages_only": True, "static_files": False, "tags_index": False}
            first = self.build(config, Plan(None, languages, swap_in=False, scope=pages_only))
            if "built" in first:  # else the whole build below says what went wrong
                keep_only_pages(Path(first["built"]), edit.changed, languages, config.plugins["i18n"].default_language)
                yield {**first, "provisional": True, "seconds": round(time.perf_counter() - started, 2), "summary": f"the pages of {methods(len(edit.changed))} first"}
        output_folders.remove(self.saved_search_entries)
        self.saved_search_entries.mkdir()
        scope = {"served_search_entries": self.served_search_entries, "saved_search_entries": self.saved_search_entries}
        if edit:
            scope |= {"methods": edit.pages, "tags_index": edit.tags_index, "static_files": False, "previous_site": self.served}
        plan = Plan(None, languages, swap_in=False, scope=scope, collect_warnings=True, background=bool(edit and edit.changed))
        event = self.build(config, plan, stop_on)
        if "built" in event:
            output_folders.remove(self.served_search_entries)
            self.saved_search_entries.rename(self.served_search_entries)  # what the site about to be served has
            self.served_catalogue, self.pending = catalogue, []
            rendered = "all" if edit is None else f"{len(edit.pages)} of"
            event["summary"] = f"the pages of {rendered} {methods(len(catalogue.methods))} in {', '.join(languages)}"
        yield {**event, "seconds": round(time.perf_counter() - started, 2)}

    def build(self, config, plan: Plan, stop_on: int | None = None) -> dict:
        """One build into a fresh folder beside the served site: {"built": folder, ...}, {"error": ...}
        or {"stopped": true}."""
        import output_folders
        from render import language_root

        try:
            plan.site_dir = output_folders.fresh_folder_beside(self.served, "overlay" if "methods" in plan.scope else "building")
        except output_folders.OutputError as error:
            return {"error": str(error)}
        outcome = build_languages(config, plan, stop_on)
        if outcome.error:
            output_folders.remove(plan.site_dir)
            return {"stopped": True} if outcome.stopped else {"error": outcome.error}
        home = "/" + language_root(plan.languages[0], config.plugins["i18n"].default_language)
        return {"built": str(plan.site_dir), "overlay": "methods" in plan.scope, "home": home}


def methods(count: int) -> str:
    return f"{count} method" + ("" if count == 1 else "s")


def keep_only_pages(folder: Path, method_ids, languages: list[str], default_language: str) -> None:
    """Leave only the method pages in a build of them alone: what else it wrote lists too few methods."""
    import render

    pages = {(folder / render.method_url(method_id, lang, default_language) / "index.html") for method_id in method_ids for lang in languages}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in pages:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


class Commands:
    """The server's commands, one JSON line each on a file descriptor, read without Python's
    buffering so that select() can tell whether more are waiting."""

    def __init__(self, fd: int):
        self.fd, self.buffer, self.consumed = fd, b"", 0

    def waiting(self) -> bool:
        return b"\n" in self.buffer or bool(select.select([self.fd], [], [], 0)[0])

    def next(self) -> list[str] | None:
        """The changes of every command waiting, at least one (blocks); None when the server is gone."""
        changed, got = [], False
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                changed += json.loads(line)["changed"]
                self.consumed, got = self.consumed + 1, True
            if got and not self.waiting():
                return changed
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                return changed if got else None
            self.buffer += chunk


def serve_commands(builder: Builder, events_fd: int) -> int:
    """Build for each batch of commands; after each, {"idle": how many commands were read}."""
    commands = Commands(sys.stdin.fileno())
    with os.fdopen(events_fd, "w", buffering=1) as events:
        while (changed := commands.next()) is not None:
            for event in builder.builds(changed, stop_on=commands.fd):
                events.write(json.dumps(event) + "\n")
                if event.get("restart"):
                    return 0
            events.write(json.dumps({"idle": commands.consumed}) + "\n")
    return 0
