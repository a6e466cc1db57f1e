"""The Jinja environment and what every rendered page shares: Markdown, headings, addresses.

Page text lives in the Jinja templates under hooks/templates/; templates are compiled once per
process and reused for every page. The texts of the catalogue are CommonMark (as GitHub previews
them) and are turned into HTML by cmark, a C library: Python-Markdown, which renders the
hand-written pages, would take most of a 1,000-method build.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jinja2
from catalogue import Catalogue
from catalogue.text_formats import commonmark_html
from markupsafe import Markup
from pymdownx.slugs import slugify

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
METHODS_FOLDER = "metoder"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(markdown=markdown_html, inline_markdown=inline_markdown_html, heading_id=heading_id, script_json=script_json)
    return env


def script_json(value) -> Markup:
    """JSON to put inside a <script> element: <, > and & written as \\u escapes, so no text in it can
    end the element or start a comment there (as Jinja's tojson does; compact, letters kept)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def markdown_html(text: str) -> Markup:
    """A catalogue text as HTML. Raw HTML in the text is left out (cmark's safe default)."""
    return Markup(commonmark_html(text))


def inline_markdown_html(text: str) -> Markup:
    """A one-paragraph catalogue text as HTML without its <p>, for use inside a sentence or an item."""
    rendered = commonmark_html(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


_unicode_slug = slugify(case="lower")


def heading_slug(text: str, separator: str) -> str:
    """A heading's id: its words in lower case, letters such as ø, å and č kept (pymdownx's unicode
    slugify, which Material recommends; Python-Markdown's default drops them: "gjennomfring"), and
    never empty (a heading of only signs would get id=""). Hand-written pages' headings get theirs
    from the same function (hooks/interface_text.py gives it to the toc extension)."""
    return _unicode_slug(text, separator) or "section"


@lru_cache(maxsize=1024)  # the same section headings recur on every method page
def heading_id(title: str) -> str:
    return heading_slug(title, "-")


def language_root(lang: str, default_language: str) -> str:
    """Site-relative folder of a language: the default language is served at the site root."""
    return "" if lang == default_language else f"{lang}/"


def method_url(method_id: str, lang: str, default_language: str) -> str:
    """Site-relative address of a method page, e.g. sv/metoder/samvalg/."""
    return f"{language_root(lang, default_language)}{METHODS_FOLDER}/{method_id}/"


@lru_cache(maxsize=4096)
def heading_html(level: int, title: str, permalink_title: str, href: str | None = None) -> Markup:
    return Markup(environment().get_template("heading.html.j2").render(level=level, title=title, permalink_title=permalink_title, href=href))


def page_context(catalogue: Catalogue, lang: str) -> dict:
    permalink_title = catalogue.ui["permalink"][lang]
    return {
        "lang": lang,
        "ui": {key: text[lang] for key, text in catalogue.ui.items()},
        "t": lambda text: text[lang],  # one language out of a {"no": …, "sv": …, "se": …} text
        "heading": lambda level, title, href=None: heading_html(level, title, permalink_title, href),
    }
