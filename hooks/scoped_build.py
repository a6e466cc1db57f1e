"""MkDocs events: build what build_scope.scope asks for (sitebuild/ sets it; `mkdocs build` leaves it).

One language: mkdocs-static-i18n is told which language to build before its on_config runs, with
every language still configured (so the language switcher, the hreflang alternates and each page's
translations are what a whole-site build gives them), and that it is already building, so that its
on_post_build builds no other language.

An incremental preview build: method pages whose inputs did not change are read (their addresses
belong in the sitemap, their tags in the tags index if it is written) but not written, nor is the
tags index when no method's title or tags changed, and unchanged static files are not copied; the
preview serves their files from the last build. A pages-only build (the preview's first answer to
an edit) reads and writes the pages of the edited methods and nothing else.
"""

from __future__ import annotations

import logging
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_scope import renders_method, scope
from site_data import catalogue, i18n_plugin, method_search_entries


class _DirtyBuildNotice(logging.Filter):
    """A pages-only build is dirty on purpose: MkDocs' warning about that would fail it in strict mode."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (scope.pages_only and record.getMessage().startswith("A 'dirty' build is being performed"))


_dirty_build_notice = _DirtyBuildNotice()


@event_priority(100)  # before mkdocs-static-i18n's on_config (-100) picks the language to build
def on_config(config: MkDocsConfig) -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_dirty_build_notice)  # the same filter once, however often
    if scope.language:
        i18n = i18n_plugin(config)
        i18n.current_language = scope.language
        i18n.building = True  # as in its own builds of the other languages: no further builds from here


# Where a hand-written page asks Material's tags plugin for its listing (the tags index).
TAGS_LISTING = "<!-- material/tags"


def unrendered_method(page: Page | None) -> bool:
    return page is not None and "method_id" in page.meta and not renders_method(page.meta["method_id"])


def unwritten(files: Files) -> list:
    """The files this build leaves as the last build wrote them: the pages of the methods it does
    not render and the other files in their folders (citation files), the tags index if no title or
    tag changed, the static files shared by every language if none changed or another process writes them."""
    unrendered_folders = {posixpath.dirname(file.dest_uri) for file in files if unrendered_method(file.page)}
    return [
        file for file in files
        if unrendered_method(file.page)
        or (not file.is_documentation_page() and posixpath.dirname(file.dest_uri) in unrendered_folders)
        or (not scope.tags_index and getattr(file.page, "lists_tags", False)
            and file.page.meta.get("search", {}).get("exclude"))  # so no search entries are lost
        or (not scope.static_files and not file.is_documentation_page() and file.generated_by is None and not _own_language_file(file))
    ]


def _own_language_file(file) -> bool:
    """A file under docs/<this build's language>/: only this build writes it (the others never see it)."""
    return bool(scope.language) and file.src_uri.startswith(f"{scope.language}/")


@event_priority(100)  # before Material's tags plugin (-50) lists the page's tags and replaces its listing
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """A method page that is not written needs its tags only for a tags index that is."""
    page.lists_tags = TAGS_LISTING in markdown
    if not scope.tags_index and unrendered_method(page):
        page.meta.pop("tags", None)
    return markdown


@event_priority(-100)  # after every page is read and Material's tags plugin has listed their tags (on_env, 100)
def on_env(env, config: MkDocsConfig, files: Files) -> None:
    for file in unwritten(files):
        files.remove(file)


def _unchanged() -> bool:
    return False


@event_priority(-120)  # after method_pages.py has added the language's method pages (-110)
def on_files(files: Files, config: MkDocsConfig) -> None:
    """A pages-only build leaves every file but the method pages it renders alone (MkDocs' dirty
    build reads and writes only files that say they are modified). An incremental build keeps
    the search entries of the methods it does not render."""
    if scope.pages_only:  # method_pages.py added only the pages rendered
        for file in files:
            if file.page is None or "method_id" not in file.page.meta:
                file.is_modified = _unchanged
        return
    if scope.methods is None:
        return
    lang = i18n_plugin(config).current_language
    unrendered = {method["id"] for method in catalogue(config).methods} - scope.methods
    method_search_entries.restore(lang, (scope.served_search_entries / lang).read_bytes(), unrendered)
