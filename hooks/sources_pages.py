"""MkDocs events: what the registers and the method records add to the site.

- per language: the Atom feed of changes (<language root>/feed.xml), announced in every page's head;
  each method page's citation as RIS and BibTeX files beside it; the open data's JSON Schema beside
  methods.json (<language root>/methods.schema.json);
- the footer's licences and the link to the accessibility statement, in the page's language;
- law links in the hand-written pages ([words](law:ID/SECTION)), checked and pointed at the law text.

Priorities as in method_pages.py: files are added after mkdocs-static-i18n's on_files.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import feeds
import open_data
import render
from build_scope import renders_method, writes_site_files
from catalogue.references import overdue_reviews, page_law_problems
from law_text import resolve_law_links
from method_record import citation_files
from site_data import catalogue, i18n_plugin

FEED_FILE = "feed.xml"
ACCESSIBILITY_PAGE = "tilgjengelighet/"
log = get_plugin_logger(__name__)


def _languages(config: MkDocsConfig) -> tuple[str, str, str]:
    """The language being built, its root folder and the site's address."""
    i18n = i18n_plugin(config)
    lang = i18n.current_language
    return lang, render.language_root(lang, i18n.default_language), config.site_url or ""


def footer(config: MkDocsConfig, lang: str, root: str) -> dict:
    """What the footer says: licences (linking the licence files in the repository, when known) and the accessibility statement."""
    ui = catalogue(config).ui
    repository = config.repo_url.rstrip("/") + "/" if config.repo_url else None
    return {
        "heading": ui["licence_heading"][lang],
        "content": ui["licence_content"][lang], "content_href": repository and repository + config.extra["licence_content_uri"],
        "code": ui["licence_code"][lang], "code_href": repository and repository + config.extra["licence_code_uri"],
        "accessibility": ui["accessibility_statement"][lang], "accessibility_href": root + ACCESSIBILITY_PAGE,
    }


@event_priority(-110)  # after mkdocs-static-i18n's on_config has chosen the language being built
def on_config(config: MkDocsConfig) -> None:
    lang, root, _ = _languages(config)
    config.extra["feed"] = {"title": catalogue(config).ui["feed_title"][lang], "href": root + FEED_FILE}
    config.extra["site_notice"] = footer(config, lang, root)
    if lang == i18n_plugin(config).default_language:
        for method in overdue_reviews(catalogue(config).methods):  # information, not a warning: strict builds go on
            log.info(f"Review overdue: {method['id']} (next review was due {method['next_review']}); its pages say so")


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100), which would drop generated files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang, root, site_url = _languages(config)
    data = catalogue(config)
    default = i18n_plugin(config).default_language

    def page_url(method_id: str) -> str:
        return site_url + render.method_url(method_id, lang, default)

    if writes_site_files():
        feed = feeds.atom_feed(data, lang, config.theme["language"], site_url + root + FEED_FILE, site_url + root, page_url)
        files.append(File.generated(config, root + FEED_FILE, content=feed))
        files.append(File.generated(config, root + open_data.PUBLISHED_SCHEMA, content=open_data.published_schema()))
    for method in data.methods:
        if not renders_method(method["id"]):
            continue  # its citation files stay as the last build wrote them, like its pages
        folder = render.method_url(method["id"], lang, default)
        for name, content in citation_files(data, method, lang, page_url(method["id"])).items():
            files.append(File.generated(config, folder + name, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """A hand-written page's law links must name laws of the register: else the build stops at the link's line."""
    if "(law:" in markdown and page.file.abs_src_path:
        with open(page.file.abs_src_path, encoding="utf-8") as source:
            problems = page_law_problems(source.read(), f"docs/{page.file.src_uri}", catalogue(config).laws)
        if problems:
            raise PluginError("\n" + "\n".join(map(str, problems)))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    lang, _, _ = _languages(config)
    return resolve_law_links(html, catalogue(config).laws, catalogue(config).ui["law_not_checked"][lang])
