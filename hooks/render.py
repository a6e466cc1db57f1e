"""Turn the validated catalogue into HTML, page data and filter data (pure functions, no MkDocs).

Page text lives in the Jinja templates under hooks/templates/; this module only chooses what
goes into them. Templates are compiled once per process and reused for every page. The texts of
the catalogue are CommonMark (as GitHub previews them) and are turned into HTML by cmark, a C
library: Python-Markdown, which renders the hand-written pages, would take most of a 1,000-method
build.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import cmarkgfm
import jinja2
from markdown.extensions.toc import slugify as heading_slug
from markupsafe import Markup
from pymdownx.slugs import slugify

from catalogue import LANGUAGES, Catalogue

TEMPLATES = Path(__file__).resolve().parent / "templates"
METHODS_FOLDER = "metoder"
# Facets whose labels are shown as tags; "/" is taken by labels such as "Typ av behandling/stöd".
TAG_SEPARATOR = " › "
# The language's tags index (docs/<lang>/merking.md), from the method list at <root>/metoder/
# and from a method page at <root>/metoder/<id>/.
TAGS_INDEX_FROM_METHOD_LIST = "../merking/"
TAGS_INDEX_FROM_METHOD_PAGE = "../../merking/"
# Material's tags plugin slugifies each level of a tag with these defaults (material/plugins/tags/config.py).
_tag_slugify = slugify(case="lower")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(markdown=markdown_html, inline_markdown=inline_markdown_html, heading_id=heading_id)
    return env


def markdown_html(text: str) -> Markup:
    """A catalogue text as HTML. Raw HTML in the text is left out (cmark's safe default)."""
    return Markup(cmarkgfm.markdown_to_html(text))


def inline_markdown_html(text: str) -> Markup:
    """A one-paragraph catalogue text as HTML without its <p>, for use inside a sentence or an item."""
    rendered = cmarkgfm.markdown_to_html(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


@lru_cache(maxsize=1024)  # the same section headings recur on every method page
def heading_id(title: str) -> str:
    """A heading's id, made as Python-Markdown's toc extension makes it on hand-written pages."""
    return heading_slug(title, "-")


def language_root(lang: str, default_language: str) -> str:
    """Site-relative folder of a language: the default language is served at the site root."""
    return "" if lang == default_language else f"{lang}/"


def method_url(method_id: str, lang: str, default_language: str) -> str:
    """Site-relative address of a method page, e.g. sv/metoder/samvalg/."""
    return f"{language_root(lang, default_language)}{METHODS_FOLDER}/{method_id}/"


def tag_names(catalogue: Catalogue, method: dict, lang: str) -> list[str]:
    """The method's labels as Material tags, "Facet › Value", in facet order."""
    names = []
    for facet in catalogue.facets:
        for value_id in method["labels"].get(facet["id"], []):
            value_label = catalogue.value_labels[(facet["id"], value_id)][lang]
            names.append(f"{facet['label'][lang]}{TAG_SEPARATOR}{value_label}")
    return names


def label_groups(catalogue: Catalogue, method: dict, lang: str, tags_index: str) -> list[dict]:
    """[{facet: label, values: [{label, href}]}] for the facets the method is labelled in; each
    value links to its listing on the tags index at the relative address `tags_index`."""
    groups = []
    for facet in catalogue.facets:
        value_labels = [catalogue.value_labels[(facet["id"], value_id)][lang] for value_id in method["labels"].get(facet["id"], [])]
        if value_labels:
            values = [{"label": label, "href": tag_listing_href(tags_index, facet["label"][lang], label)} for label in value_labels]
            groups.append({"facet": facet["label"][lang], "values": values})
    return groups


@lru_cache(maxsize=4096)
def heading_html(level: int, title: str, permalink_title: str, href: str | None = None) -> Markup:
    return Markup(environment().get_template("heading.html.j2").render(level=level, title=title, permalink_title=permalink_title, href=href))


def _page_context(catalogue: Catalogue, lang: str) -> dict:
    permalink_title = catalogue.ui["permalink"][lang]
    return {
        "lang": lang,
        "ui": {key: text[lang] for key, text in catalogue.ui.items()},
        "t": lambda text: text[lang],  # one language out of a {"no": …, "sv": …, "se": …} text
        "heading": lambda level, title, href=None: heading_html(level, title, permalink_title, href),
    }


def method_meta(catalogue: Catalogue, method: dict, lang: str) -> dict:
    """What a method page says about itself (MkDocs' page.meta): title, description, tags, status."""
    return {
        "title": method["title"][lang],
        "description": method["lead"][lang].strip(),
        "review_status": method["review_status"][lang],
        "last_reviewed": method["last_reviewed"],
        "method_id": method["id"],
        "tags": tag_names(catalogue, method, lang),
    }


def method_html(catalogue: Catalogue, method: dict, lang: str) -> str:
    """The content of one method page in one language."""
    return environment().get_template("method.html.j2").render(
        **_page_context(catalogue, lang),
        method=method,
        levels=[catalogue.value_labels[("level", value)][lang] for value in method["labels"].get("level", [])],
        evidence_level=catalogue.evidence_levels[method["evidence"]["level"]],
        value_labels=catalogue.value_labels,
        related=[catalogue.methods_by_id[related] for related in method["related"]],
        label_groups=label_groups(catalogue, method, lang, TAGS_INDEX_FROM_METHOD_PAGE),
    )


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
        entry = {"location": f"{location}#{anchor}" if entries else location, "title": html.unescape(title), "text": " ".join(TAG.sub(" ", body).split())}
        entries.append(entry)
    if entries:
        entries[0]["tags"] = tags
    return entries


def tag_anchor(facet_label: str, value_label: str) -> str:
    """The id of a "Facet › Value" tag's heading on the tags index, made as Material's tags plugin
    makes it (ListingManager._slugify): each level of the hierarchy slugified, joined with the
    hierarchy separator, in the format "tag:{slug}"."""
    return "tag:" + TAG_SEPARATOR.join(_tag_slugify(label, "-") for label in (facet_label, value_label))


@lru_cache(maxsize=4096)  # a vocabulary of some hundred labels, linked from every method
def tag_listing_href(tags_index: str, facet_label: str, value_label: str) -> str:
    """Link to the methods carrying one label on the language's tags index at `tags_index`."""
    anchor = tag_anchor(facet_label, value_label)
    # Letters such as å and č, and the separator ›, stay as they are (browsers encode them when
    # they follow the link): three to nine bytes fewer each, on every label of every method page.
    return tags_index + "#" + "".join(character if ord(character) > 127 else quote(character, safe=":") for character in anchor)


def filter_facets(catalogue: Catalogue, lang: str) -> list[dict]:
    """The filter's checkbox groups: [{id, label, values: [{id, label}]}] in vocabulary order."""
    return [
        {
            "id": facet["id"],
            "label": facet["label"][lang],
            "values": [{"id": value["id"], "label": value["label"][lang]} for value in facet["values"]],
        }
        for facet in catalogue.facets
    ]


def filter_data(catalogue: Catalogue) -> dict:
    """The filter's compact data, the same in every language.

    {"facets": [[facet_id, [value_id, ...]], ...], "methods": [[method_id, mask, mask, ...], ...]}:
    one number per facet and method whose bit i is set when the method carries the facet's value i
    (the schema allows at most 31 values a facet). A few bytes a method, where methods.json carries
    titles and leads; and OR within a facet is one bitwise AND in the browser.
    """
    facets = [(facet["id"], [value["id"] for value in facet["values"]]) for facet in catalogue.facets]

    def mask(value_ids: list[str], carried: list[str]) -> int:
        return sum(1 << value_ids.index(value) for value in carried)

    return {
        "facets": facets,
        "methods": [
            [method["id"], *(mask(value_ids, method["labels"].get(facet_id, [])) for facet_id, value_ids in facets)]
            for method in catalogue.methods
        ],
    }


def filter_data_json(catalogue: Catalogue) -> Markup:
    """filter_data as JSON safe inside a <script> element."""
    return Markup(json.dumps(filter_data(catalogue), separators=(",", ":")).replace("</", "<\\/"))


def method_list_html(catalogue: Catalogue, lang: str) -> str:
    """The method list with the Märkning filter: every method with name, lead and its labels, each
    label linking to the tags index (works without JavaScript); the filter form, hidden until
    docs/assets/filter.js shows it, and the data that script filters with."""
    return environment().get_template("method_list.html.j2").render(
        **_page_context(catalogue, lang),
        methods=sorted(catalogue.methods, key=lambda method: method["title"][lang].casefold()),
        label_groups=lambda method: label_groups(catalogue, method, lang, TAGS_INDEX_FROM_METHOD_LIST),
        facets=filter_facets(catalogue, lang),
        filter_data_json=filter_data_json(catalogue),
    )


def reflection_questions_html(catalogue: Catalogue, lang: str) -> str:
    """The course page's questions, method by method (the course page is at <root>/kurs/)."""
    return environment().get_template("reflection_questions.html.j2").render(
        **_page_context(catalogue, lang), methods=catalogue.methods, method_list=f"../{METHODS_FOLDER}/"
    )


def glossary_html(catalogue: Catalogue, glossary: dict, lang: str) -> str:
    """The glossary table: one row per term, the term in every language (this one first), the explanation in this one."""
    return environment().get_template("glossary.html.j2").render(
        **_page_context(catalogue, lang),
        terms=sorted(glossary["terms"], key=lambda term: term["term"][lang].casefold()),
        languages=(lang,) + tuple(code for code in LANGUAGES if code != lang),
    )


def not_found_messages(catalogue: Catalogue, default_language: str) -> list[dict]:
    """The 404 page's message in every language: a host serves that one page for every missing
    address, whatever language the visitor was reading."""
    return [
        {"lang": lang, "title": catalogue.ui["not_found"][lang], "home": catalogue.ui["not_found_home"][lang], "root": language_root(lang, default_language)}
        for lang in LANGUAGES
    ]


def methods_json(catalogue: Catalogue, lang: str, default_language: str) -> list[dict]:
    """Open data and the filter's input: one record per method, labels as ids."""
    return [
        {
            "id": method["id"],
            "title": method["title"][lang],
            "lead": method["lead"][lang],
            "url": method_url(method["id"], lang, default_language),
            "level": method["labels"].get("level", []),
            "labels": method["labels"],
        }
        for method in catalogue.methods
    ]


PLACEHOLDER = re.compile(r"<!--\s*medvirkning:([a-z-]+)\s*-->")


class UnknownPlaceholder(ValueError):
    pass


def fill_placeholders(content: str, renderers: dict, later: frozenset = frozenset()) -> str:
    """Replace each <!-- medvirkning:NAME --> with renderers[NAME](); names in `later` stay for a
    later pass; any other name is an error."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in later:
            return match.group(0)
        if name not in renderers:
            raise UnknownPlaceholder(f"unknown placeholder medvirkning:{name}; known: {', '.join(sorted({*renderers, *later}))}")
        return renderers[name]()

    return PLACEHOLDER.sub(replace, content)
