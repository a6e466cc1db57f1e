"""MkDocs events: the links between a page and its translations (hreflang alternates).

Search engines take a page's <link rel="alternate" hreflang> only with full addresses, and Material
writes them relative to the page: each page's are made absolute once it is rendered.

Material (9.7+) also keeps a reader on the same page when they switch language by fetching
"<alternate link>/sitemap.xml" for every <link rel="alternate"> on the page and looking the page up
in it. That assumes each alternate is a language root with its own sitemap. mkdocs-static-i18n
points the alternates at the page's own translations instead (what search engines want, and a
language switcher that already leads to the same page), so every page load asked for sitemaps that
do not exist: 404s. After the build, the selector Material's script uses for that lookup, in the
copy of the script the site serves, is narrowed to alternates marked as having such a sitemap,
which none are.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from build_scope import site_finished
from site_data import i18n_plugin

# How Material's base.html writes an alternate: <link rel="alternate" href="…" hreflang="…">
ALTERNATE_LINK = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=")')
BUNDLE_PATTERN = "assets/javascripts/bundle.*.min.js"
SITEMAP_LOOKUP = '"link[rel=alternate]"'
NO_SITEMAP_LOOKUP = '"link[rel=alternate][data-md-language-sitemap]"'


def absolute_alternate_links(html: str, page_address: str) -> str:
    """The page with its hreflang alternates as full addresses, resolved against its own address."""
    return ALTERNATE_LINK.sub(lambda link: link[1] + urljoin(page_address, link[2]) + link[3], html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return absolute_alternate_links(output, page.canonical_url)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    # The 404 page is no page's translation: its language switcher leads to each language's home
    # page, not to the translations of whichever page was rendered last.
    if template_name == "404.html":
        config.extra.alternate = deepcopy(i18n_plugin(config).extra_alternate)  # as i18n sets it per page
    return context


def without_sitemap_lookup(script: str) -> str:
    """Material's bundle with the alternate-sitemap lookup matching no link."""
    if NO_SITEMAP_LOOKUP in script and SITEMAP_LOOKUP not in script:
        return script  # a dirty rebuild (mkdocs serve --dirty) keeps the copy changed before
    if script.count(SITEMAP_LOOKUP) != 1:
        raise PluginError(
            f"Material's script no longer selects {SITEMAP_LOOKUP} exactly once: "
            "check how this Material version switches languages and update hooks/language_alternates.py"
        )
    return script.replace(SITEMAP_LOOKUP, NO_SITEMAP_LOOKUP)


@event_priority(-110)  # after mkdocs-static-i18n has built every language (each build copies the theme)
def on_post_build(config: MkDocsConfig) -> None:
    if not site_finished(config):
        return
    for bundle in Path(config.site_dir).glob(BUNDLE_PATTERN):
        bundle.write_text(without_sitemap_lookup(bundle.read_text(encoding="utf-8")), encoding="utf-8")
