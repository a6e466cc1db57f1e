"""MkDocs event: a written page lets go of its HTML and table of contents.

mkdocs-static-i18n keeps every language's pages until the last language is built, and MkDocs keeps
a page's HTML and table of contents once it is written, though nothing reads them again. With
1,000 methods that is 3,000 method pages and, larger still, each language's method list and tags
index.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-200)  # last: every other handler has read the page by now
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    page.content, page.toc, page.present_anchor_ids = None, [], None
    return output
