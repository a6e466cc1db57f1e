"""Turn the validated catalogue into page Markdown and filter data (pure functions, no MkDocs).

Page text lives in the Jinja templates under hooks/templates/; this module only chooses what
goes into them. Templates are compiled once per process and reused for every page.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from pymdownx.slugs import slugify

from catalogue import LANGUAGES, Catalogue

TEMPLATES = Path(__file__).resolve().parent / "templates"
METHODS_FOLDER = "metoder"
# Facets whose labels are shown as tags; "/" is taken by labels such as "Typ av behandling/stöd".
TAG_SEPARATOR = " › "
# The language's tags index (docs/<lang>/merking.md) as seen from the method list at <root>/metoder/.
TAGS_INDEX_FROM_METHOD_LIST = "../merking/"
# Material's tags plugin slugifies each level of a tag with these defaults (material/plugins/tags/config.py).
_tag_slugify = slugify(case="lower")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # the templates produce Markdown; HTML parts escape with |e
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_string"] = yaml_string
    return env


def yaml_string(text: str) -> str:
    """Quote text for YAML front matter: a JSON string is a valid YAML scalar."""
    return json.dumps(str(text).strip(), ensure_ascii=False)


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


def label_groups(catalogue: Catalogue, method: dict, lang: str) -> list[dict]:
    """[{facet: label, values: [label, ...]}] for the facets the method is labelled in."""
    return [
        {
            "facet": facet["label"][lang],
            "values": [catalogue.value_labels[(facet["id"], value_id)][lang] for value_id in method["labels"][facet["id"]]],
        }
        for facet in catalogue.facets
        if method["labels"].get(facet["id"])
    ]


def _page_context(catalogue: Catalogue, lang: str) -> dict:
    return {
        "lang": lang,
        "ui": {key: text[lang] for key, text in catalogue.ui.items()},
        "t": lambda text: text[lang],  # one language out of a {"no": …, "sv": …, "se": …} text
    }


def method_markdown(catalogue: Catalogue, method: dict, lang: str) -> str:
    """The full Markdown source (front matter included) of one method page in one language."""
    countries = {value["id"]: value["label"] for facet in catalogue.facets if facet["id"] == "country" for value in facet["values"]}
    return environment().get_template("method.md.j2").render(
        **_page_context(catalogue, lang),
        method=method,
        tags=tag_names(catalogue, method, lang),
        levels=[catalogue.value_labels[("level", value)][lang] for value in method["labels"].get("level", [])],
        evidence_level=catalogue.evidence_levels[method["evidence"]["level"]],
        countries=countries,
        related=[catalogue.methods_by_id[related] for related in method["related"]],
        label_groups=label_groups(catalogue, method, lang),
    )


def tag_anchor(facet_label: str, value_label: str) -> str:
    """The id of a "Facet › Value" tag's heading on the tags index, made as Material's tags plugin
    makes it (ListingManager._slugify): each level of the hierarchy slugified, joined with the
    hierarchy separator, in the format "tag:{slug}"."""
    return "tag:" + TAG_SEPARATOR.join(_tag_slugify(label, "-") for label in (facet_label, value_label))


def tag_listing_href(facet_label: str, value_label: str) -> str:
    """Link from the method list to the methods carrying one label on the language's tags index."""
    return TAGS_INDEX_FROM_METHOD_LIST + "#" + quote(tag_anchor(facet_label, value_label), safe=":")


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


def filter_data_json(catalogue: Catalogue) -> str:
    """filter_data as JSON safe inside a <script> element."""
    return json.dumps(filter_data(catalogue), separators=(",", ":")).replace("</", "<\\/")


def method_list_markdown(catalogue: Catalogue, lang: str) -> str:
    """The method list with the Märkning filter: every method with name, lead and its labels, each
    label linking to the tags index (works without JavaScript); the filter form, hidden until
    docs/assets/filter.js shows it, and the data that script filters with."""
    return environment().get_template("method_list.md.j2").render(
        **_page_context(catalogue, lang),
        methods=sorted(catalogue.methods, key=lambda method: method["title"][lang].casefold()),
        label_groups=lambda method: label_groups(catalogue, method, lang),
        tag_listing_href=tag_listing_href,
        facets=filter_facets(catalogue, lang),
        filter_data_json=filter_data_json(catalogue),
    )


def reflection_questions_markdown(catalogue: Catalogue, lang: str) -> str:
    """The course page's questions, method by method."""
    return environment().get_template("reflection_questions.md.j2").render(
        **_page_context(catalogue, lang), methods=catalogue.methods
    )


def glossary_markdown(catalogue: Catalogue, glossary: dict, lang: str) -> str:
    """The glossary table: one row per term, the term in every language (this one first), the explanation in this one."""
    return environment().get_template("glossary.md.j2").render(
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


def fill_placeholders(markdown: str, renderers: dict) -> str:
    """Replace each <!-- medvirkning:NAME --> with renderers[NAME](); unknown names are an error."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in renderers:
            raise UnknownPlaceholder(f"unknown placeholder medvirkning:{name}; known: {', '.join(sorted(renderers))}")
        return renderers[name]()

    return PLACEHOLDER.sub(replace, markdown)
