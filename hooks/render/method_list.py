"""The method list at <language root>/metoder/ with the Märkning filter (docs/assets/filter.js).

The page carries the first FIRST_RESULTS methods as HTML (name, lead, evidence level, last review,
labels linking to the tags index) and, for every method, the filter's compact data: enough to
filter, count and sort 1,000 methods without their texts. The script fetches texts.json beside the
page for the names and leads of the rest when a reader asks for them (a filter or sort that shows a
method not in the HTML, "show more", the spreadsheet). Without JavaScript the tags index
(merking/) lists every method under each of its labels.
"""

from __future__ import annotations

import datetime
import json

from catalogue import Catalogue

from . import facts
from .alphabetical import in_name_order
from .comparison import MOST_COMPARED
from .tags import TAGS_INDEX_FROM_METHOD_LIST, label_groups, tag_listing_href
from .templates import environment, language_root, method_url, page_context, script_json

# How many the HTML holds and the filter lays out at a time: 30 measured 18 ms median a change at
# 1,000 methods (target 16), 20 about 13 ms. Without JavaScript the tags index lists the rest.
FIRST_RESULTS = 20
# The evidence facet's checkbox name and query parameter; it is not a label of the vocabulary.
EVIDENCE_FACET = "evidence"
SORT_ORDERS = ("name", "evidence", "reviewed")
# The names and leads of every method, beside the list (<language root>/metoder/texts.json): what
# filter.js needs of a method the HTML does not hold (the rest is in the filter's data). methods.json
# is the open data, with every method's record: at 1,000 methods some 4 MB.
TEXTS_FILE = "texts.json"
_EPOCH = datetime.date(1970, 1, 1).toordinal()
def review_day(method: dict) -> int:
    """The day of the last review as a number (days since 1970-01-01), for sorting in the browser."""
    return datetime.date.fromisoformat(facts.last_reviewed(method)).toordinal() - _EPOCH


def list_facets(catalogue: Catalogue, lang: str) -> list[dict]:
    """The filter's checkbox groups in order: [{id, label, values: [{id, label, href}]}], the
    evidence levels (href None: they are not labels on the tags index) after the level facet."""
    facets = [
        {
            "id": facet["id"],
            "label": facet["label"][lang],
            "values": [
                {"id": value["id"], "label": value["label"][lang],
                 "href": tag_listing_href(TAGS_INDEX_FROM_METHOD_LIST, facet["label"][lang], value["label"][lang])}
                for value in facet["values"]
            ],
        }
        for facet in catalogue.facets
    ]
    evidence = {
        "id": EVIDENCE_FACET,
        "label": catalogue.ui["evidence_level"][lang],
        "values": [{"id": level_id, "label": level["label"][lang], "href": None} for level_id, level in catalogue.evidence_levels.items()],
    }
    after = next((index + 1 for index, facet in enumerate(facets) if facet["id"] == "level"), 0)
    return facets[:after] + [evidence] + facets[after:]


def method_values(method: dict, facet_id: str) -> list[str]:
    """The method's value ids in a facet of the filter (the evidence facet included)."""
    return [facts.evidence_level_id(method)] if facet_id == EVIDENCE_FACET else method["labels"].get(facet_id, [])


def filter_data(catalogue: Catalogue, lang: str) -> dict:
    """The filter's compact data for one language.

    {"facets": [[facet_id, [value_id, ...]], ...], "methods": [[method_id, review_day, mask, ...], ...]}:
    the methods in the language's name order, each with the day of its last review and one number
    per facet whose bit i is set when the method carries the facet's value i (the schema allows at
    most 31 values a facet). OR within a facet is one bitwise AND in the browser; the evidence
    facet's single bit is also the method's step on the scale, for sorting.
    """
    facets = [(facet["id"], [value["id"] for value in facet["values"]]) for facet in list_facets(catalogue, lang)]

    def mask(value_ids: list[str], carried: list[str]) -> int:
        return sum(1 << value_ids.index(value) for value in carried)

    return {
        "facets": facets,
        "methods": [
            [method["id"], review_day(method), *(mask(value_ids, method_values(method, facet_id)) for facet_id, value_ids in facets)]
            for method in in_name_order(catalogue, lang)
        ],
    }


def list_texts(catalogue: Catalogue, lang: str) -> str:
    """texts.json: [[method_id, title, lead], ...] in the language's name order, as JSON that no
    value can close a <script> element in."""
    return script_json([[method["id"], method["title"][lang], method["lead"][lang].strip()] for method in in_name_order(catalogue, lang)])


def in_vocabulary_order(catalogue: Catalogue, method: dict) -> dict:
    """The method with each facet's values in the vocabulary's order, as the filter's data has them,
    so the first methods (HTML) and those filter.js adds list their labels alike."""
    order = {(facet["id"], value["id"]): index for facet in catalogue.facets for index, value in enumerate(facet["values"])}
    return {**method, "labels": {facet: sorted(values, key=lambda value: order[(facet, value)]) for facet, values in method["labels"].items()}}


def result(catalogue: Catalogue, method: dict, lang: str) -> dict:
    """One method as the list shows it (hooks/templates/method_list.html.j2, macro result)."""
    scale = facts.evidence_scale(catalogue, method, lang)
    return {
        "id": method["id"],
        "title": method["title"][lang],
        "lead": method["lead"][lang].strip(),
        "evidence_label": scale["label"],
        "evidence_strength": scale["total"] - scale["step"] + 1,  # filled bars of the small scale
        "last_reviewed": facts.last_reviewed(method),
        "label_groups": label_groups(catalogue, in_vocabulary_order(catalogue, method), lang, TAGS_INDEX_FROM_METHOD_LIST),
    }


def export_columns(catalogue: Catalogue, lang: str) -> list[dict]:
    """The spreadsheet's columns (docs/assets/export.js), [{key or facet, label}]: name, lead,
    level, evidence level, the other facets' labels, last review, page address."""
    facet = lambda facet_id, label: {"facet": facet_id, "label": label}
    level = [facet("level", facts.facet_label(catalogue, "level", lang))] if facts.facet_label(catalogue, "level", lang) else []
    return [
        {"key": "title", "label": catalogue.ui["sort_name"][lang]},
        {"key": "lead", "label": catalogue.ui["export_lead"][lang]},
        *level,
        facet(EVIDENCE_FACET, catalogue.ui["evidence_level"][lang]),
        *(facet(f["id"], f["label"][lang]) for f in catalogue.facets if f["id"] != "level"),
        {"key": "last_reviewed", "label": catalogue.ui["last_reviewed"][lang]},
        {"key": "url", "label": catalogue.ui["export_address"][lang]},
    ]


def method_list_html(catalogue: Catalogue, lang: str) -> str:
    """The method list with the Märkning filter: the filter form and the compact data it filters
    with, hidden until docs/assets/filter.js runs; the first methods as HTML."""
    methods = in_name_order(catalogue, lang)
    return environment().get_template("method_list.html.j2").render(
        **page_context(catalogue, lang),
        results=[result(catalogue, method, lang) for method in methods[:FIRST_RESULTS]],
        total=len(methods),
        evidence_total=len(catalogue.evidence_levels),
        facets=list_facets(catalogue, lang),
        sort_orders=SORT_ORDERS,
        filter_data_json=script_json(filter_data(catalogue, lang)),
        export_columns=json.dumps(export_columns(catalogue, lang), ensure_ascii=False, separators=(",", ":")),
        page_size=FIRST_RESULTS,
        texts=TEXTS_FILE,
        tags_index=TAGS_INDEX_FROM_METHOD_LIST,
        most_compared=MOST_COMPARED,
    )


def methods_json(catalogue: Catalogue, lang: str, default_language: str) -> list[dict]:
    """The filter's fields of methods.json (hooks/open_data.py adds each method's record: its
    evidence level, dates, sources and laws): one record per method, labels as ids. The list
    reads it for the texts of the methods it does not hold as HTML."""
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
