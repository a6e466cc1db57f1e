"""The method list with the Märkning filter, the filter's data, and methods.json (open data)."""

from __future__ import annotations


from catalogue import Catalogue
from markupsafe import Markup

from .tags import TAGS_INDEX_FROM_METHOD_LIST, label_groups
from .templates import environment, method_url, page_context, script_json


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
    return script_json(filter_data(catalogue))


def method_list_html(catalogue: Catalogue, lang: str) -> str:
    """The method list with the Märkning filter: every method with name, lead and its labels, each
    label linking to the tags index (works without JavaScript); the filter form, hidden until
    docs/assets/filter.js shows it, and the data that script filters with."""
    return environment().get_template("method_list.html.j2").render(
        **page_context(catalogue, lang),
        methods=sorted(catalogue.methods, key=lambda method: method["title"][lang].casefold()),
        label_groups=lambda method: label_groups(catalogue, method, lang, TAGS_INDEX_FROM_METHOD_LIST),
        facets=filter_facets(catalogue, lang),
        filter_data_json=filter_data_json(catalogue),
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
