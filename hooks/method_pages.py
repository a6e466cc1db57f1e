"""MkDocs events: load the catalogue once, add one page per method per language, publish methods.json.

mkdocs-static-i18n builds the site once per language and rebuilds the file list in its own
on_files (priority -100) from what is on disk, dropping in-memory files. So method pages are added
after it (priority -110), for the language being built only, and carry the per-file attributes
that i18n gives its own files, so the language switcher and the sitemap's hreflang links work.
i18n also keeps every language's pages until the last language is built: a method page lets go of
its text once it is written.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import render
from catalogue import Catalogue, CatalogueError
from site_data import catalogue, glossary, i18n_plugin


def method_file(config: MkDocsConfig, method_id: str, lang: str, default_language: str, content: str | None) -> File:
    """A method page in one language, addressed like i18n's own files (no prefix for the default)."""
    file = File.generated(
        config,
        f"{lang}/{render.METHODS_FOLDER}/{method_id}.md",
        content=content or "",
        inclusion=InclusionLevel.NOT_IN_NAV,  # reached through the method list, filter and tags
    )
    if lang == default_language:
        file.dest_uri = file.dest_uri.removeprefix(f"{lang}/")
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = f"{render.METHODS_FOLDER}/{method_id}.md"
    return file


def method_files(config: MkDocsConfig, catalogue: Catalogue, lang: str, languages: list[str], default_language: str) -> list[File]:
    """The current language's method pages, each knowing its translations."""
    files = []
    for method in catalogue.methods:
        content = render.method_markdown(catalogue, method, lang)
        page = method_file(config, method["id"], lang, default_language, content)
        page.alternates = {
            other: page if other == lang else method_file(config, method["id"], other, default_language, None)
            for other in languages
        }
        files.append(page)
    return files


def methods_json_file(config: MkDocsConfig, catalogue: Catalogue, lang: str, default_language: str) -> File:
    content = json.dumps(render.methods_json(catalogue, lang, default_language), ensure_ascii=False, separators=(",", ":"))
    return File.generated(config, f"{render.language_root(lang, default_language)}methods.json", content=content)


def on_config(config: MkDocsConfig) -> None:
    try:
        catalogue(config)
        glossary(config)
    except CatalogueError as error:
        raise PluginError("\n" + error.report()) from None


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100), which would drop generated files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = i18n_plugin(config)
    lang, languages, default = i18n.current_language, i18n.build_languages, i18n.default_language
    for file in method_files(config, catalogue(config), lang, languages, default):
        files.append(file)
    files.append(methods_json_file(config, catalogue(config), lang, default))
    i18n.i18n_files_per_language[lang] = files.documentation_pages()  # the sitemap reads this
    return files


@event_priority(-200)  # last: every other handler has read the page by now
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Let a written method page's Markdown and HTML go: with 1,000 methods × 3 languages the build
    peaks at 782 MB instead of 940 MB."""
    if page.meta.get("method_id"):  # set in the front matter of generated method pages
        page.markdown = page.content = None
        page.file.content_string = ""
    return output
