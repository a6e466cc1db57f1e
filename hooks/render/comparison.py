"""The comparison page (<language root>/metoder/sammenlign/): one column per method, one row per
aspect (level, evidence level with the sources it rests on, target group, competence, legal basis
per country, labels per facet, last review), each method's name linking to its page.

The HTML holds every method, so without JavaScript the page compares them all in a plain table;
docs/assets/compare.js keeps the columns of the methods named in ?m=<id>,<id>... (two to four).
"""

from __future__ import annotations

from catalogue import Catalogue
from law_text import resolve_law_links

from . import facts
from .alphabetical import in_name_order
from .templates import environment, page_context

METHOD_PAGE_FROM_COMPARISON = "../{id}/"  # the page is at <root>/metoder/sammenlign/
# How many methods a comparison shows, for compare.js and compare-marks.js (the interface text says four).
MOST_COMPARED = 4


def column(catalogue: Catalogue, method: dict, lang: str) -> dict:
    """One method's cells, in row order (see rows)."""
    scale = facts.evidence_scale(catalogue, method, lang)
    return {
        "id": method["id"],
        "href": METHOD_PAGE_FROM_COMPARISON.format(id=method["id"]),
        "title": method["title"][lang],
        "levels": facts.value_names(catalogue, method, "level", lang),
        "evidence": scale,
        "sources": facts.cited_sources(catalogue, method),
        "basis": facts.evidence_basis(method, lang),
        "target_group": method["in_brief"]["target_group"][lang],
        "competence": method["in_brief"]["competence"][lang],
        "legal_basis": {country: facts.legal_basis(method, country, lang) for country in countries(catalogue)},
        "labels": {facet["id"]: facts.value_names(catalogue, method, facet["id"], lang) for facet in label_facets(catalogue)},
        "last_reviewed": facts.last_reviewed(method),
    }


def countries(catalogue: Catalogue) -> list[str]:
    """The countries with a legal basis row: the country facet's values."""
    return [value["id"] for facet in catalogue.facets if facet["id"] == "country" for value in facet["values"]]


def label_facets(catalogue: Catalogue) -> list[dict]:
    """The facets with a row of their own: all but the level, which the table gives first."""
    return [facet for facet in catalogue.facets if facet["id"] != "level"]


def comparison_html(catalogue: Catalogue, lang: str) -> str:
    methods = in_name_order(catalogue, lang)
    content = environment().get_template("comparison.html.j2").render(
        **page_context(catalogue, lang),
        columns=[column(catalogue, method, lang) for method in methods],
        countries=[(country, catalogue.value_labels[("country", country)][lang]) for country in countries(catalogue)],
        label_facets=[(facet["id"], facet["label"][lang]) for facet in label_facets(catalogue)],
        most_compared=MOST_COMPARED,
    )
    return resolve_law_links(content, catalogue.laws, catalogue.ui["law_not_checked"][lang])  # the legal basis rows' law links
