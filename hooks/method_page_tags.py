"""MkDocs event: no tag list above a method page's title.

A method page lists its labels, as links to the tags index, in its own Märkning section at the end,
where the Swedish knowledge guide has them. Material's tags plugin would link each of the page's
tags to its listing first (a tenth of a 1,000-method build) unless the page's context has its tags.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(1)  # before Material's tags plugin (0), which leaves a context with tags alone
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    if "method_id" in page.meta:  # a generated method page (render.method_meta)
        context["tags"] = []
    return context
