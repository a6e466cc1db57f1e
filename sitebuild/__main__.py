"""scripts/build and scripts/serve: `python -m sitebuild build [-d DIR]` and `python -m sitebuild serve [--lang LANG]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log_to_terminal(level: int) -> None:
    """MkDocs' log lines as `mkdocs build` prints them."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def build_command(options: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from sitebuild.language_builds import Plan, build_languages, prepared_config

    started = time.perf_counter()
    config_file = Path(options.config_file).resolve()
    try:
        config = prepared_config(config_file, Path(options.site_dir or config_file.parent / "site").resolve(), options.strict)
    except MkDocsException as error:
        print(error.format_message().strip(), file=sys.stderr)
        return 1
    languages = config.plugins["i18n"].build_languages
    outcome = build_languages(config, Plan(Path(config.site_dir), languages))
    if outcome.error:
        print(outcome.error, file=sys.stderr)
        return 1
    if not options.quiet:
        print(f"Built {', '.join(languages)} in {len(languages)} processes on {os.cpu_count()} cores in "
              f"{time.perf_counter() - started:.1f} s: {config.site_dir}", file=sys.stderr)
    return 0


def serve_command(options: argparse.Namespace) -> int:
    from sitebuild.preview import serve

    serve(Path(options.config_file).resolve(), options.dev_addr, options.lang, options.strict)
    return 0


def preview_builder_command(options: argparse.Namespace) -> int:
    from sitebuild.language_builds import project_modules

    project_modules(Path(options.config_file))
    from sitebuild.preview_builder import Builder, serve_commands

    return serve_commands(Builder(Path(options.config_file), Path(options.work) / "site", options.lang, options.strict), options.events_fd)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site, its languages in parallel processes")
    build.add_argument("-f", "--config-file", default=str(ROOT / "mkdocs.yml"))
    build.add_argument("-d", "--site-dir", help="where the site goes (default: site/ beside mkdocs.yml)")
    build.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None, help="as mkdocs build --strict (default: mkdocs.yml's)")
    build.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    build.add_argument("-v", "--verbose", action="store_true", help="MkDocs' information lines too")
    serve = commands.add_parser("serve", help="preview the site; edits rebuild what they change")
    serve.add_argument("-f", "--config-file", default=str(ROOT / "mkdocs.yml"))
    serve.add_argument("-a", "--dev-addr", default=os.environ.get("ADDRESS", "127.0.0.1:8000"), help="HOST:PORT (default: $ADDRESS or 127.0.0.1:8000)")
    serve.add_argument("--lang", nargs="+", metavar="LANG", help="preview only these languages (e.g. --lang sv)")
    serve.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None, help="as mkdocs serve --strict (default: mkdocs.yml's)")
    builder = commands.add_parser("preview-builder")  # started by serve
    builder.add_argument("-f", "--config-file", required=True)
    builder.add_argument("--work", required=True)
    builder.add_argument("--events-fd", type=int, required=True)
    builder.add_argument("--lang", nargs="+")
    builder.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None)
    options = parser.parse_args(argv)
    log_to_terminal(logging.INFO if options.command == "serve" or getattr(options, "verbose", False) else logging.WARNING)
    return {"build": build_command, "serve": serve_command, "preview-builder": preview_builder_command}[options.command](options)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
