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

    def build(self, changed: list[str]) -> dict:
        started = time.perf_counter()
        self.pending += changed
        kind = FULL if self.served_catalogue is None else kind_of_change(self.pending)
        if kind == RESTART:
            return {"restart": True}
        try:
            config = prepared_config(self.config_file, self.served, self.strict)
        except MkDocsException as error:
            return {"error": error.format_message().strip()}
        import output_folders
        import site_data
        from render import language_root

        catalogue = site_data.catalogue(config)
        edit = methods_edit(self.served_catalogue, catalogue, bool(config.repo_url)) if kind == INCREMENTAL else None
        methods = edit.pages if edit else None
        languages = self.languages or config.plugins["i18n"].build_languages
        try:
            folder = output_folders.fresh_folder_beside(self.served, "overlay" if methods is not None else "building")
        except output_folders.OutputError as error:
            return {"error": str(error)}
        output_folders.remove(self.saved_search_entries)
        self.saved_search_entries.mkdir()
        plan = Plan(folder, languages, swap_in=False, methods=methods, tags_index=edit is None or edit.tags_index,
                    static_files=edit is None, previous_site=self.served if edit else None, collect_warnings=True,
                    served_search_entries=self.served_search_entries, saved_search_entries=self.saved_search_entries)
        outcome = build_languages(config, plan)
        if outcome.error:
            output_folders.remove(folder)
            return {"error": outcome.error}
        output_folders.remove(self.served_search_entries)
        self.saved_search_entries.rename(self.served_search_entries)  # what the site about to be served has
        self.served_catalogue, self.pending = catalogue, []
        rendered = "every" if methods is None else str(len(methods))
        home = "/" + language_root(languages[0], config.plugins["i18n"].default_language)
        return {"built": str(folder), "overlay": methods is not None, "home": home, "seconds": round(time.perf_counter() - started, 2),
                "summary": f"{rendered} method pages of {len(catalogue.methods)} in {', '.join(languages)}"}


def serve_commands(builder: Builder, events_fd: int) -> int:
    with os.fdopen(events_fd, "w", buffering=1) as events:
        for line in sys.stdin:
            event = builder.build(json.loads(line)["changed"])
            events.write(json.dumps(event) + "\n")
            if event.get("restart"):
                return 0
    return 0
