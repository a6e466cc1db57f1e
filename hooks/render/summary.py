"""The summary at the top of a method page: what a practitioner choosing between methods reads
first (levels, the evidence level on its scale, who it is for, what it takes, countries, last
review, the text's review status), before the page's first section."""

from __future__ import annotations

from catalogue import Catalogue

from . import facts


def summary(catalogue: Catalogue, method: dict, lang: str) -> dict:
    """What hooks/templates/summary.html.j2 shows for one method in one language."""
    return {
        "levels": facts.value_names(catalogue, method, "level", lang),
        "evidence": facts.evidence_scale(catalogue, method, lang),
        "evidence_id": facts.evidence_level_id(method),
        "evidence_basis": facts.evidence_basis(method, lang),
        "target_group": method["in_brief"]["target_group"][lang],
        "competence": method["in_brief"]["competence"][lang],
        "countries": facts.value_names(catalogue, method, "country", lang),
        "country_heading": facts.facet_label(catalogue, "country", lang),
        "last_reviewed": facts.last_reviewed(method),
        "review_status": method["review_status"][lang],
    }
