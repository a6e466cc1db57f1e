"""MkDocs events: fill hand-written pages and the 404 page from the catalogue; mark pages not yet reviewed.

A hand-written page asks for catalogue content with a placeholder on its own line, e.g.
<!-- medvirkning:method-list -->; the names and what they render are in `renderers` below.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import render
from site_data import catalogue, glossary, i18n_plugin


def renderers(config: MkDocsConfig, lang: str) -> dict:
    return {
        "method-list": lambda: render.method_list_markdown(catalogue(config), lang),
        "glossary": lambda: render.glossary_markdown(catalogue(config), glossary(config), lang),
        "reflection-questions": lambda: render.reflection_questions_markdown(catalogue(config), lang),
    }


def on_config(config: MkDocsConfig) -> None:
    config.extra["not_found"] = render.not_found_messages(catalogue(config), i18n_plugin(config).default_language)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    lang = i18n_plugin(config).current_language
    if page.meta.get("review_status") == "draft":
        page.meta["review_notice"] = catalogue(config).ui["draft_notice"][lang]
    try:
        return render.fill_placeholders(markdown, renderers(config, lang))
    except render.UnknownPlaceholder as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
