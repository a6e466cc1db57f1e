"""MkDocs event: the tags index's contents show "Facet › Value" with space around the separator.

The tags plugin names each listing's entry in the page's contents after its tag ("Nivå›Systemnivå");
the separator has no spaces (the ids made from it cannot hold them), so the contents are given the
spaced form that the headings show (overrides/fragments/tags/default/tag.html).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from catalogue import TAG_SEPARATOR
from render import SHOWN_TAG_SEPARATOR


def spaced_tag_titles(items: list[AnchorLink]) -> None:
    for item in items:
        if item.id.startswith("tag:"):
            item.title = item.title.replace(TAG_SEPARATOR, SHOWN_TAG_SEPARATOR)
        spaced_tag_titles(item.children)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    spaced_tag_titles(page.toc.items if page.toc else [])
    return context
