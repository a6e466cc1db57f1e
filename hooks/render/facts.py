"""What the site says about a method at a glance, read from the catalogue in one place: its levels,
its step on the evidence scale, the sources its evidence level rests on, its countries and when it
was last reviewed. The summary at the top of a method page, the comparison page, the method list
and methods.json all take these facts from here, so a change in how the catalogue stores them
(references as ids of a source register, dates in a group of their own) is made here alone.
"""

from __future__ import annotations

from catalogue import Catalogue


def facet_label(catalogue: Catalogue, facet_id: str, lang: str) -> str | None:
    """A facet's name, or None if the vocabulary has no such facet."""
    return next((facet["label"][lang] for facet in catalogue.facets if facet["id"] == facet_id), None)


def value_names(catalogue: Catalogue, method: dict, facet_id: str, lang: str) -> list[str]:
    """The names of the method's values in one facet, in the order the catalogue gives them."""
    return [catalogue.value_labels[(facet_id, value)][lang] for value in method["labels"].get(facet_id, [])]


def evidence_level_id(method: dict) -> str:
    return method["evidence"]["level"]


def evidence_step(catalogue: Catalogue, method: dict) -> int:
    """The method's step on the evidence scale, 1 for the strongest (the scale lists strongest first)."""
    return list(catalogue.evidence_levels).index(evidence_level_id(method)) + 1


def evidence_scale(catalogue: Catalogue, method: dict, lang: str) -> dict:
    """Every step of the scale with this method's marked: {step, total, label, steps: [{label, current}]}."""
    current = evidence_level_id(method)
    steps = [{"label": level["label"][lang], "current": level_id == current} for level_id, level in catalogue.evidence_levels.items()]
    return {
        "step": evidence_step(catalogue, method),
        "total": len(steps),
        "label": catalogue.evidence_levels[current]["label"][lang],
        "steps": steps,
    }


def cited_sources(catalogue: Catalogue, method: dict) -> list[dict]:
    """The sources the evidence level rests on, each {authors, year, title} from the source
    register (data/sources.yaml): what a reader needs to name them (the method page gives them in full).
    Authors and year are optional in the register; a source without them is named by its title."""
    sources = [catalogue.sources[source_id] for source_id in method["evidence"]["references"]]
    return [{"authors": source.get("authors"), "year": source.get("year"), "title": source["title"]} for source in sources]


def evidence_basis(method: dict, lang: str) -> str | None:
    """What the level rests on when that is a neighbouring intervention, said next to the level."""
    basis = method["evidence"].get("basis")
    return basis[lang] if basis else None


def last_reviewed(method: dict) -> str:
    """The date the text was last checked against its sources, YYYY-MM-DD."""
    return method["last_reviewed"]


def legal_basis(method: dict, country: str, lang: str) -> str | None:
    """The method's legal basis in one country (Markdown), or None if the catalogue names none."""
    return next((legal["text"][lang] for legal in method["legal_basis"] if legal["country"] == country), None)
