"""One method page in one language: its page data, its HTML, its table of contents, its search entries."""

from __future__ import annotations

import html
import re

from catalogue import Catalogue
from law_text import resolve_law_links
from method_record import PageLinks, record_context

from . import summary
from .tags import TAGS_INDEX_FROM_METHOD_PAGE, label_groups, tag_names
from .templates import environment, page_context


def method_meta(catalogue: Catalogue, method: dict, lang: str) -> dict:
    """What a method page says about itself (MkDocs' page.meta): title, description, tags, status."""
    return {
        # MkDocs and Material treat a page's title and description as HTML (the theme writes them
        # into <title>, the header and the tags index as they are): catalogue text enters escaped.
        "title": html.escape(method["title"][lang]),
        "description": html.escape(method["lead"][lang].strip()),
        "review_status": method["review_status"][lang],
        "last_reviewed": method["last_reviewed"],
        "method_id": method["id"],
        "tags": tag_names(catalogue, method, lang),
    }


def method_html(catalogue: Catalogue, method: dict, lang: str, links: PageLinks = PageLinks()) -> str:
    """The content of one method page in one language, its law links pointing at the law texts."""
    content = environment().get_template("method.html.j2").render(
        **page_context(catalogue, lang),
        record=record_context(catalogue, method, lang, links),
        method=method,
        at_a_glance=summary.summary(catalogue, method, lang),
        evidence_level=catalogue.evidence_levels[method["evidence"]["level"]],
        value_labels=catalogue.value_labels,
        related=[catalogue.methods_by_id[related] for related in method["related"]],
        label_groups=label_groups(catalogue, method, lang, TAGS_INDEX_FROM_METHOD_PAGE),
    )
    return resolve_law_links(content, catalogue.laws, catalogue.ui["law_not_checked"][lang])


HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"')
TAG = re.compile(r"<[^>]+>")


def toc_tokens(content: str) -> list[dict]:
    """The table of contents of rendered content, as Python-Markdown's toc extension gives it to
    MkDocs: each heading (with a permalink, as the toc extension and heading.html.j2 write them)
    with the deeper headings that follow it as children."""
    root = {"level": 0, "children": []}
    open_headings = [root]
    for level, anchor, name in HEADING.findall(content):
        token = {"level": int(level), "id": anchor, "name": TAG.sub("", name), "children": []}
        while open_headings[-1]["level"] >= token["level"]:
            open_headings.pop()
        open_headings[-1]["children"].append(token)
        open_headings.append(token)
    return root["children"]


SECTION_START = re.compile(r'(?=<h[1-6] id=")')


def search_entries(content: str, location: str, tags: list[str]) -> list[dict]:
    """Search index entries of rendered content in Material's format (location, title, text): one
    per heading with the text up to the next heading; the first, the page's own, carries its tags."""
    entries = []
    for section in SECTION_START.split(content):
        heading = HEADING.match(section)
        if not heading:
            continue
        _, anchor, title = heading.groups()
        body = section[section.index("</h", heading.end()):].split(">", 1)[1]
        # Material's search writes title and text into the results as HTML: both stay escaped.
        entry = {"location": f"{location}#{anchor}" if entries else location, "title": title, "text": " ".join(TAG.sub(" ", body).split())}
        entries.append(entry)
    if entries:
        entries[0]["tags"] = tags
    return entries
