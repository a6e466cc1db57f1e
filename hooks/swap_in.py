"""MkDocs events: nothing half-written (hooks/output_folders.py).

Every build writes into a fresh folder beside site_dir and swaps it in after the last step has
written its file. When a build fails — a broken catalogue, a full disk, a folder it may not
write — the fresh folder is removed and the previous site stays as it was; an error of the file
system ends the build with one line (MkDocs would print a traceback), and no other line repeats it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

import output_folders
from build_scope import build_finished, scope

_build: dict[str, Path] = {}  # "target" and "fresh" while a build is running


class _FileSystemErrorFilter(logging.Filter):
    """Drops MkDocs' "Error building page '…': [Errno 28] …" line: the build ends with its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not isinstance(sys.exc_info()[1], OSError)


_filter = _FileSystemErrorFilter()


@event_priority(1000)  # first: every other event of the build sees the fresh folder as site_dir
def on_config(config: MkDocsConfig) -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_filter)  # the same filter once, however often
    if not scope.swap_in or _build:  # mkdocs-static-i18n runs on_config again for each language
        return
    target = Path(config.site_dir)
    try:
        output_folders.check_replaceable(target)
        _build["fresh"] = output_folders.fresh_folder_beside(target, "building")
    except output_folders.OutputError as error:
        raise Abort(str(error)) from None
    _build["target"] = target
    config.site_dir = str(_build["fresh"])


@event_priority(-200)  # last: after the whole-site steps (-110) have written their files
def on_post_build(config: MkDocsConfig) -> None:
    if not build_finished(config) or not _build:
        return
    fresh, target = _build.pop("fresh"), _build.pop("target")
    try:
        output_folders.swap_in(fresh, target)
    except output_folders.OutputError as error:
        raise Abort(str(error)) from None
    config.site_dir = str(target)


def on_build_error(error: Exception) -> None:
    if not _build:  # already handled in the language build that failed
        return
    output_folders.remove(_build.pop("fresh"))
    target = _build.pop("target")
    if isinstance(error, OSError):
        raise Abort(output_folders.failure_line(error, target)) from None
