"""MkDocs events: fill hand-written pages and the 404 page from the catalogue; mark pages not yet reviewed.

A hand-written page asks for catalogue content with a placeholder on its own line, e.g.
<!-- medvirkning:method-list -->; the names and what they render are in `renderers` below.
Python-Markdown passes the comment through, and HTML rendered from the catalogue replaces it
afterwards: a list of 1,000 methods is never parsed as Markdown. Placeholders are recognised in
the Markdown of hand-written pages only (marked there with a secret of the build), never in
catalogue text that reaches a page.

Every language build writes 404.html at the site root, and the last one built would win: the root
404 page keeps the default language's frame, as the site's root has it.
"""

from __future__ import annotations

import secrets

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import render
from method_record import PageLinks
from site_data import catalogue, glossary, i18n_plugin


def searched_renderers(config: MkDocsConfig, lang: str) -> dict:
    """Content that belongs in the search index: filled before Material's search reads the page."""
    return {
        "glossary": lambda: render.glossary_html(catalogue(config), glossary(config), lang),
        "reflection-questions": lambda: render.reflection_questions_html(catalogue(config), lang),
    }


def unsearched_renderers(config: MkDocsConfig, lang: str) -> dict:
    """Content filled after search has read the page: the method list and the comparison repeat,
    for 1,000 methods, texts whose own pages are indexed (and parsing them would take seconds)."""
    return {
        "method-list": lambda: render.method_list_html(catalogue(config), lang),
        "comparison": lambda: render.comparison_html(catalogue(config), lang),
        "report-problem": lambda: render.report_problem_html(catalogue(config), lang, PageLinks.of(None, config.repo_url, config.extra).new_issue_url),
    }


# Marks the placeholders that hand-written pages' Markdown asks for (render.mark_placeholders): a
# secret of this build, which no text from the catalogue can hold.
PLACEHOLDER_TOKEN = secrets.token_hex(16)

_default_language_404: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    i18n = i18n_plugin(config)
    if i18n.current_language == i18n.default_language:  # built first
        _default_language_404["output"] = output
    return _default_language_404.get("output", output)


def on_config(config: MkDocsConfig) -> None:
    config.extra["not_found"] = render.not_found_messages(catalogue(config), i18n_plugin(config).default_language)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    lang = i18n_plugin(config).current_language
    if page.meta.get("review_status") == "draft":
        page.meta["review_notice"] = catalogue(config).ui["draft_notice"][lang]
    known = {*searched_renderers(config, lang), *unsearched_renderers(config, lang)}
    try:
        return render.mark_placeholders(markdown, known, PLACEHOLDER_TOKEN)
    except render.UnknownPlaceholder as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    filled = render.fill_placeholders(html, searched_renderers(config, i18n_plugin(config).current_language), PLACEHOLDER_TOKEN)
    if filled != html:  # the headings of what went in (the course page's methods) join the page's contents
        page.toc = get_toc(render.toc_tokens(filled))
    return filled


@event_priority(-10)  # after Material's search plugin (0) has indexed the page; before method pages make their HTML (-50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    renderers = unsearched_renderers(config, i18n_plugin(config).current_language)
    page.content = render.fill_placeholders(page.content, renderers, PLACEHOLDER_TOKEN)
    return context
