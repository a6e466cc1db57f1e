"""Turn the validated catalogue into page Markdown and filter data (pure functions, no MkDocs).

Page text lives in the Jinja templates under hooks/templates/; this module only chooses what
goes into them. Templates are compiled once per process and reused for every page.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from catalogue import LANGUAGES, Catalogue

TEMPLATES = Path(__file__).resolve().parent / "templates"
METHODS_FOLDER = "metoder"
# Facets whose labels are shown as tags; "/" is taken by labels such as "Typ av behandling/stöd".
TAG_SEPARATOR = " › "


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


def localise(value, lang: str):
    """Pick one language out of a {"no": …, "sv": …, "se": …} text."""
    return value[lang]


def method_url(method_id: str, lang: str, default_language: str) -> str:
    """Site-relative address of a method page, e.g. sv/metoder/samvalg/."""
    prefix = "" if lang == default_language else f"{lang}/"
    return f"{prefix}{METHODS_FOLDER}/{method_id}/"


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
        "t": lambda value: localise(value, lang),
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


def method_list_markdown(catalogue: Catalogue, lang: str) -> str:
    """The method list: every method with name, lead and level; works without JavaScript."""
    return environment().get_template("method_list.md.j2").render(
        **_page_context(catalogue, lang),
        methods=sorted(catalogue.methods, key=lambda method: method["title"][lang].casefold()),
        level_labels=lambda method: [catalogue.value_labels[("level", value)][lang] for value in method["labels"].get("level", [])],
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
