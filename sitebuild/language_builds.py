"""The site's languages built in parallel processes, assembled into one site (scripts/build, scripts/serve).

The coordinating process loads the configuration and runs its on_config events once, so the data
files are read and validated once and a broken catalogue is reported once, before anything is
written. Then it forks one process per language; each inherits the loaded catalogue and builds
one language with mkdocs-static-i18n's own builder (hooks/scoped_build.py). The process of the first
language, the assembler, writes the site; the others, its helpers, write their language into a
folder beside it and report on a pipe, and the assembler takes their folders in
(hooks/language_assembly.py) before the steps that need the whole site (_headers) run in it.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException


@dataclass
class Plan:
    """What one parallel build writes: its languages (the first assembles), where, and how much."""

    site_dir: Path | None
    languages: list[str]
    swap_in: bool = True  # the assembler swaps the finished site in (False: the caller moves it)
    # What each language process builds of its language: fields of build_scope.BuildScope
    # (an incremental build's `methods`, `static_files`, …), the same in every process.
    scope: dict = field(default_factory=dict)
    collect_warnings: bool = False  # a failure's message repeats the build's warnings (the preview shows it)
    background: bool = False  # the language processes yield the processor to every other


@dataclass
class Outcome:
    error: str | None
    stopped: bool = False  # by input on `stop_on` (build_languages)


def project_modules(config_file: Path) -> None:
    """Make the project's hook modules importable as the hooks import them (build_scope, output_folders)."""
    hooks = str(config_file.resolve().parent / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)


def prepared_config(config_file: Path, site_dir: Path, strict: bool | None = None, command: str = "build") -> MkDocsConfig:
    """The configuration with its on_config events run once (the data files read and validated);
    `command` as MkDocs tells plugins (the preview serves). Raises MkDocsException with the message to print."""
    project_modules(config_file)
    import build_scope

    build_scope.scope.set(swap_in=False)  # nothing is written here
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command=command, dirty=False)
    return config.plugins.on_config(config)


def _report(fd: int, error: str | None) -> None:
    os.write(fd, json.dumps({"error": error}).encode())
    os.close(fd)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage().strip())


def _build_one_language(config: MkDocsConfig, configure_scope, target: Path, collect_warnings: bool) -> str | None:
    """Build one language in this (forked) process; what went wrong, or None."""
    import output_folders

    warnings = _Warnings()
    if collect_warnings:
        logging.getLogger("mkdocs").addHandler(warnings)
    try:
        configure_scope()
        import build_scope

        build(config, dirty=build_scope.scope.pages_only)  # see build_scope.BuildScope.pages_only
    except MkDocsException as error:
        return "\n".join([*warnings.lines, error.format_message().strip()]).strip()
    except OSError as error:
        return output_folders.failure_line(error, target)
    except KeyboardInterrupt:
        output_folders.remove_unfinished()
        return "interrupted"
    except Exception:  # a defect, not an editor's mistake: show where
        traceback.print_exc()
        return "the build failed with the error above"
    return None


def _fork(run) -> int:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = run()
        finally:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def build_languages(config: MkDocsConfig, plan: Plan, stop_on: int | None = None) -> Outcome:
    """Build `plan.languages` in parallel processes into plan.site_dir (see the module's docstring).
    Input arriving on the file descriptor `stop_on` stops the build (the preview: a newer edit)."""
    import build_scope
    import output_folders

    try:
        if plan.swap_in:
            output_folders.check_replaceable(plan.site_dir)
        helper_dirs = {lang: output_folders.fresh_folder_beside(plan.site_dir, lang) for lang in plan.languages[1:]}
    except output_folders.OutputError as error:
        return Outcome(str(error))
    pipes = {lang: os.pipe() for lang in plan.languages}
    helpers = [build_scope.Helper(lang, helper_dirs[lang], pipes[lang][0]) for lang in plan.languages[1:]]

    def process(lang: str):
        def configure_scope() -> None:
            if plan.background:
                _in_background()
            for other, (read_end, write_end) in pipes.items():  # keep only what this process reads or writes
                if other != lang:
                    os.close(write_end)
                if lang != plan.languages[0] or other == lang:
                    os.close(read_end)
            assembler = lang == plan.languages[0]
            # A helper copies no theme or docs/ file: the assembler copies the same ones.
            build_scope.scope.set(**{
                **plan.scope, "language": lang, "helpers": helpers if assembler else [], "assembles": assembler,
                "swap_in": plan.swap_in and assembler, "static_files": plan.scope.get("static_files", True) and assembler,
            })
            config.site_dir = str(plan.site_dir if assembler else helper_dirs[lang])

        def run() -> int:
            error = _build_one_language(config, configure_scope, plan.site_dir, plan.collect_warnings)
            _report(pipes[lang][1], error)
            return 0 if error is None else 1

        return run

    pids = {lang: _fork(process(lang)) for lang in plan.languages}
    for read_end, write_end in pipes.values():
        os.close(write_end)
    for helper in helpers:
        os.close(helper.report_fd)
    stopped = False
    try:
        with os.fdopen(pipes[plan.languages[0]][0], "rb") as report:
            stopped = stop_on is not None and report not in select.select([report, stop_on], [], [])[0]
            said = b"" if stopped else report.read()
        error = "stopped" if stopped else json.loads(said)["error"] if said else "the build stopped without saying why"
    except KeyboardInterrupt:
        error = "interrupted"
    if error is not None:
        for pid in pids.values():
            _stop(pid)
    for pid in pids.values():
        os.waitpid(pid, 0)
    for folder in helper_dirs.values():
        output_folders.remove(folder)
    return Outcome(error, stopped)


def _in_background() -> None:
    """This process yields the processor to every other (the lowest priority a process can give
    itself; Linux's SCHED_IDLE would starve it on a busy machine, and stopping it would wait)."""
    os.nice(19)


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
