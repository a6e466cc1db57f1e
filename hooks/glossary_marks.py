"""MkDocs events: glossary terms marked on hand-written pages (hooks/render/glossary_terms.py; method
pages mark theirs as they are written, in method_pages.py), and <language root>/glossary.json,
the explanations docs/assets/glossary.js shows beside a marked term.

The glossary page itself is left as it is: its rows are the explanations.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import render
from build_scope import writes_site_files
from site_data import glossary, i18n_plugin

GLOSSARY_SOURCE = "ordliste.md"


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100), which would drop generated files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not writes_site_files():
        return files
    i18n = i18n_plugin(config)
    records = render.glossary_records(glossary(config), i18n.current_language)
    path = f"{render.language_root(i18n.current_language, i18n.default_language)}glossary.json"
    files.append(File.generated(config, path, content=json.dumps(records, ensure_ascii=False, separators=(",", ":"))))
    return files


@event_priority(-5)  # after page_fill.py has put the catalogue's content in (priority 0)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    i18n = i18n_plugin(config)
    if page.file.src_uri.endswith(f"/{GLOSSARY_SOURCE}") or not html:
        return html
    location = page.url.removeprefix(render.language_root(i18n.current_language, i18n.default_language))
    terms = render.term_list(glossary(config), i18n.current_language)
    return render.mark_terms(html, terms, render.glossary_href(location))
