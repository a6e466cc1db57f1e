"""MkDocs event: how the toc extension writes headings, in the language being built.

The toc extension gives every heading's permalink a title ("Permanent link" unless told otherwise),
and the extension settings cannot differ per language in mkdocs.yml under mkdocs-static-i18n. So
each language build sets it from the catalogue's interface text. Headings get their ids from the
function method pages use (render.heading_slug: letters such as ø kept, never empty).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

import render
from site_data import catalogue, i18n_plugin


@event_priority(-110)  # after mkdocs-static-i18n's on_config has chosen the language being built
def on_config(config: MkDocsConfig) -> None:
    lang = i18n_plugin(config).current_language
    toc = config.mdx_configs.setdefault("toc", {})
    toc.update(permalink_title=catalogue(config).ui["permalink"][lang], slugify=render.heading_slug)
