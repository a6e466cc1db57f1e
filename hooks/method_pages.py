"""MkDocs events: load the catalogue once, add one page per method per language, publish methods.json.

mkdocs-static-i18n builds the site once per language and rebuilds the file list in its own
on_files (priority -100) from what is on disk, dropping in-memory files. So method pages are added
after it (priority -110), for the language being built only, and carry the per-file attributes
that i18n gives its own files, so the language switcher and the sitemap's hreflang links work.

A method page is a MethodPage: its HTML comes straight from hooks/templates/method.html.j2, so
MkDocs runs no Markdown over it, and its search entries come from that same HTML (Material's
search plugin would parse every page again).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import open_data
import render
import site_data
from build_scope import renders_method, scope, writes_site_files
from catalogue import Catalogue, CatalogueError
from method_record import PageLinks
from site_data import catalogue, glossary, i18n_plugin, method_search_entries

# Material's search plugin leaves the page alone: MethodPage.write_content gives its search entries.
SEARCH_META = {"search": {"exclude": True}}


class MethodPage(Page):
    """One method in one language, rendered from the catalogue without Markdown.

    MkDocs renders every page before it writes the first; a method page makes its HTML only when
    it is written (on_page_context), so a language's 1,000 pages are never in memory at once.
    """

    def __init__(self, file: File, config: MkDocsConfig, catalogue: Catalogue, method: dict, lang: str):
        super().__init__(None, file, config)
        self.catalogue, self.method, self.lang = catalogue, method, lang
        self.meta = {"method_id": method["id"]}  # known before the page is read (hooks/scoped_build.py)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {**render.method_meta(self.catalogue, self.method, self.lang), **SEARCH_META}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""  # see write_content

    def write_content(self, config: MkDocsConfig) -> None:
        """The page's HTML with its glossary terms marked, its table of contents and its search entries."""
        links = PageLinks.of(self.canonical_url, config.repo_url, config.extra)
        location = self.url.removeprefix(render.language_root(self.lang, i18n_plugin(config).default_language))
        terms = render.term_list(glossary(config), self.lang)
        self.content = render.mark_terms(render.method_html(self.catalogue, self.method, self.lang, links), terms, render.glossary_href(location))
        self.toc = get_toc(render.toc_tokens(self.content))
        method_search_entries.add(self.lang, self.method["id"], render.search_entries(self.content, location, render.shown_tags(self.meta["tags"])))


def method_file(config: MkDocsConfig, method_id: str, lang: str, default_language: str) -> File:
    """A method page's file in one language, addressed like i18n's own files (no prefix for the default)."""
    file = File.generated(
        config,
        f"{lang}/{render.METHODS_FOLDER}/{method_id}.md",
        content="",  # MethodPage renders the page from the catalogue
        inclusion=InclusionLevel.NOT_IN_NAV,  # reached through the method list, filter and tags
    )
    if lang == default_language:
        file.dest_uri = file.dest_uri.removeprefix(f"{lang}/")
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = f"{render.METHODS_FOLDER}/{method_id}.md"
    return file


def method_files(config: MkDocsConfig, catalogue: Catalogue, lang: str, languages: list[str], default_language: str) -> list[File]:
    """The current language's method pages, each knowing its translations (in a pages-only build,
    those it renders: build_scope.BuildScope.pages_only)."""
    files = []
    for method in catalogue.methods:
        if scope.pages_only and not renders_method(method["id"]):
            continue
        file = method_file(config, method["id"], lang, default_language)
        file.alternates = {other: file if other == lang else method_file(config, method["id"], other, default_language) for other in languages}
        MethodPage(file, config, catalogue, method, lang)
        files.append(file)
    return files


def methods_json_file(config: MkDocsConfig, catalogue: Catalogue, lang: str, default_language: str) -> File:
    content = open_data.methods_json_text(catalogue, lang, default_language)
    return File.generated(config, f"{render.language_root(lang, default_language)}methods.json", content=content)


def on_startup(command: str, dirty: bool) -> None:
    site_data.reads_catalogue_again = command == "serve"


def on_config(config: MkDocsConfig) -> None:
    site_data.new_build()
    try:
        catalogue(config)
        glossary(config)
    except CatalogueError as error:
        raise PluginError("\n" + error.report()) from None


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100), which would drop generated files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = i18n_plugin(config)
    lang, languages, default = i18n.current_language, i18n.build_languages, i18n.default_language
    method_search_entries.start(lang, [method["id"] for method in catalogue(config).methods])
    for file in method_files(config, catalogue(config), lang, languages, default):
        files.append(file)
    if writes_site_files():
        files.append(methods_json_file(config, catalogue(config), lang, default))
        # The method list's texts for the methods its HTML does not hold (render/method_list.py).
        root = render.language_root(lang, default)
        files.append(File.generated(config, f"{root}{render.METHODS_FOLDER}/{render.TEXTS_FILE}", content=render.list_texts(catalogue(config), lang)))
    i18n.i18n_files_per_language[lang] = files.documentation_pages()  # the sitemap reads this
    return files


@event_priority(-50)  # after Material's search plugin, which has nothing to read here but would rewrite the HTML
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    """A method page's HTML, just before the theme writes it out."""
    if isinstance(page, MethodPage):
        page.write_content(config)
    return context
