"""What this process builds, shared by the hooks (a plain module, not a MkDocs hook).

`mkdocs build` builds the whole site in one process: mkdocs-static-i18n builds the default
language, then each other language from its own on_post_build. `scripts/build` and `scripts/serve`
(sitebuild/) build each language in a process of its own, forked from one that has loaded the
configuration and the catalogue: they set `scope` before the build starts. One of those processes,
the assembler, builds the first language and takes the other languages' folders into its site
once they are built (hooks/language_assembly.py); the others are its helpers.

Three moments matter to the hooks' on_post_build steps:
- `languages_finished`: every language this process builds is built (per-language steps: the
  search index of each language built here, see `languages_built`);
- `site_finished`: the whole site is in site_dir (whole-site steps, such as _headers) — never
  in a helper, whose site holds one language;
- `build_finished`: nothing more is written (swap_in.py swaps the site in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_data import i18n_plugin


@dataclass
class Helper:
    """A process building one other language into its own folder, reporting on a pipe when done."""

    language: str
    site_dir: Path
    report_fd: int  # read end: one line of JSON, {"error": null} or {"error": "what went wrong"}


@dataclass
class BuildScope:
    # The one language this process builds; None: every language, one after another.
    language: str | None = None
    # The other languages' processes, when this one assembles the site.
    helpers: list[Helper] = field(default_factory=list)
    # In a helper: the site is finished by the assembler, not here.
    assembles: bool = True
    # The method pages to render (ids); None: all. The others are unchanged since the last build
    # (the preview's incremental builds, sitebuild/preview_builder.py): their files are not written.
    methods: frozenset[str] | None = None
    # Only the pages of `methods`, as soon as can be (the preview, before the rest of an incremental
    # build): a dirty MkDocs build in which nothing else is read or written, and no on_post_build step runs.
    pages_only: bool = False
    # Whether the tags index is written (it lists every method page under its tags); False in an
    # incremental build where no method's title or tags changed: the others then skip their tags.
    tags_index: bool = True
    # Copy the theme's and docs/' static files; False when they are unchanged since the last build.
    static_files: bool = True
    # Where an incremental build finds the site it adds to (for whole-site steps, see site_files).
    previous_site: Path | None = None
    # Where the method pages' search entries of the site being served are (one file per language),
    # for those an incremental build does not render; where this build saves its own.
    served_search_entries: Path | None = None
    saved_search_entries: Path | None = None
    # Write into a fresh folder beside site_dir and swap it in when the build is done (swap_in.py).
    swap_in: bool = True

    def set(self, **fields) -> None:
        """Change the scope in place (the hooks hold this object) to the defaults and `fields`."""
        self.__dict__.update({**vars(BuildScope()), **fields})


scope = BuildScope()


def languages_built(config: MkDocsConfig) -> list[str]:
    """The languages whose pages this process builds."""
    return [scope.language] if scope.language else i18n_plugin(config).build_languages


def _last_language_build(config: MkDocsConfig) -> bool:
    return scope.language is not None or not i18n_plugin(config).building


def languages_finished(config: MkDocsConfig) -> bool:
    """True in the on_post_build after the last language build of this process."""
    return _last_language_build(config) and not scope.pages_only


def site_finished(config: MkDocsConfig) -> bool:
    """True in the on_post_build that has the whole site in site_dir."""
    return languages_finished(config) and scope.assembles


def build_finished(config: MkDocsConfig) -> bool:
    """True in the last on_post_build of the process that writes the site (after site_finished's)."""
    return _last_language_build(config) and scope.assembles


def site_files(config: MkDocsConfig, pattern: str) -> list[Path]:
    """The files of the whole site matching `pattern` (a glob) for a whole-site step: in an
    incremental build, those written now and, for the rest, the previous site's."""
    site = Path(config.site_dir)
    written = sorted(site.rglob(pattern))
    if scope.previous_site is None:
        return written
    names = {path.relative_to(site) for path in written}
    return written + [path for path in sorted(scope.previous_site.rglob(pattern)) if path.relative_to(scope.previous_site) not in names]


def renders_method(method_id: str) -> bool:
    return scope.methods is None or method_id in scope.methods


def writes_site_files() -> bool:
    """Whether the files made from the whole catalogue (methods.json, texts.json, feeds, glossary.json)
    are made: a pages-only build writes none, and making them took most of its time at 1,000 methods."""
    return not scope.pages_only
