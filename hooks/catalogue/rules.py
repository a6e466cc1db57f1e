"""What a schema cannot say: unique ids, labels from the vocabulary, references that must exist.

Each rule reads only fields whose shape is right, so a method with one broken field still has every
other field checked; the schema reports the broken one.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import TAG_SEPARATOR
from .problems import Context, FieldPath, Problem, name, one_of
from .schema import DATA

# Pages that live where method pages do (<language root>/metoder/<id>/): a method with such an id
# would replace them. The method list itself is metoder/index.md; hand-written pages beside it are
# found in docs/<lang>/metoder/.
RESERVED_METHOD_IDS = frozenset({"index"})
METHOD_FOLDERS = DATA.parent / "docs"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def taken_method_ids(docs: Path = METHOD_FOLDERS) -> dict[str, str]:
    """{id: what already has that address}: the reserved ids and the pages and folders beside the method list."""
    taken = {method_id: "the method list's own page" for method_id in RESERVED_METHOD_IDS}
    for entry in sorted(docs.glob("*/metoder/*")):
        taken.setdefault(entry.stem if entry.suffix == ".md" else entry.name, f"docs/{entry.relative_to(docs)}")
    return taken


def entries(value, kind: type = dict) -> list[tuple[int, object]]:
    """(index, item) for the items of a list that are of `kind`: rules read only what has the right shape."""
    return [(index, item) for index, item in enumerate(value) if isinstance(item, kind)] if isinstance(value, list) else []


def mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def duplicate_ids(context: Context, items, path: FieldPath, what: str) -> list[Problem]:
    """One problem for each repeated id among the (index, item) pairs `items`."""
    first: dict[str, int] = {}
    problems = []
    for index, item in items:
        item_id = mapping(item).get("id")
        if not isinstance(item_id, str):
            continue  # the schema reports a missing or wrong id
        if item_id in first:
            first_line = context.location(path + (first[item_id], "id"))[0]
            problems.append(context.problem(path + (index, "id"), f"the id {name(item_id)} is used twice (first on line {first_line})",
                                            f"a unique id per {what}"))
        first.setdefault(item_id, index)
    return problems


def _method_problems(context: Context, data: dict) -> list[Problem]:
    """What a schema cannot say about methods: unique ids, labels and references that must exist.

    Each rule reads only fields whose shape is right, so a method with one broken field still has
    every other field checked; the schema reports the broken one.
    """
    facets = {facet["id"]: {value["id"] for value in facet["values"]} for facet in data["facets"]}
    evidence_levels = [level["id"] for level in data["evidence_levels"]]
    countries = facets.get("country", set())
    methods = entries(data["methods"])
    known_ids = {method.get("id") for _, method in methods if isinstance(method.get("id"), str)}
    problems = duplicate_ids(context, methods, ("methods",), "method")
    taken = taken_method_ids()
    for index, method in methods:
        base = ("methods", index)
        if method.get("id") in taken:
            problems.append(context.problem(base + ("id",), f"the id {name(method['id'])} is the address of {taken[method['id']]}",
                                            "another id (a method's page would replace it)"))
        level = mapping(method.get("evidence")).get("level")
        if isinstance(level, str) and level not in evidence_levels:
            problems.append(context.problem(base + ("evidence", "level"), f"unknown evidence level {name(level)}",
                                            one_of(evidence_levels), unknown=(level, evidence_levels)))
        for facet_id, values in mapping(method.get("labels")).items():
            if facet_id not in facets:
                problems.append(context.field_problem(base + ("labels", facet_id), f"unknown facet {name(facet_id)}",
                                                      one_of(facets), unknown=(facet_id, facets)))
                continue
            for position, value in entries(values, str):
                if value not in facets[facet_id]:
                    problems.append(context.problem(base + ("labels", facet_id, position),
                                                    f"unknown {facet_id} value {name(value)}", one_of(sorted(facets[facet_id])),
                                                    unknown=(value, facets[facet_id])))
        for position, legal in entries(method.get("legal_basis")):
            country = legal.get("country")
            if isinstance(country, str) and country not in countries:
                problems.append(context.problem(base + ("legal_basis", position, "country"), f"unknown country {name(country)}",
                                                one_of(sorted(countries)), unknown=(country, countries)))
        for position, related in entries(method.get("related"), str):
            path = base + ("related", position)
            if related == method.get("id"):
                problems.append(context.problem(path, "the method lists itself as related", "the id of another method in this file"))
            elif related not in known_ids:
                problems.append(context.problem(path, f"no method has the id {name(related)}",
                                                "the id of another method in this file", unknown=(related, known_ids)))
    return problems


def _vocabulary_problems(context: Context, data: dict) -> list[Problem]:
    problems = duplicate_ids(context, enumerate(data["evidence_levels"]), ("evidence_levels",), "evidence level")
    problems += duplicate_ids(context, enumerate(data["facets"]), ("facets",), "facet")
    for index, facet in enumerate(data["facets"]):
        problems += duplicate_ids(context, enumerate(facet["values"]), ("facets", index, "values"), f"{facet['id']} value")
        labels = [(("facets", index, "label"), facet["label"])]
        labels += [(("facets", index, "values", position, "label"), value["label"]) for position, value in enumerate(facet["values"])]
        problems += [context.problem(path + (lang,), f"the label {name(text)} holds {TAG_SEPARATOR}",
                                     f"a label without {TAG_SEPARATOR} (it separates a facet from its value in tags)")
                     for path, label in labels for lang, text in label.items() if TAG_SEPARATOR in text]
    return problems


def _interface_text_problems(context: Context, data: dict) -> list[Problem]:
    """An interface text's {placeholders} are filled in by the site's script or templates: every
    language has the same ones (a translated {antal} would show as it is)."""
    problems = []
    for key, text in data["ui"].items():
        wanted = sorted(PLACEHOLDER.findall(text["no"]))
        problems += [context.problem(("ui", key, lang), f"the placeholders {', '.join(found) or 'none'} differ from the Norwegian text's",
                                     f"the same placeholders as in \"no\": {', '.join(wanted) or 'none'}")
                     for lang in ("sv", "se") if (found := sorted(PLACEHOLDER.findall(text[lang]))) != wanted]
    return problems


def catalogue_rules(context: Context) -> list[Problem]:
    data = context.data
    return _vocabulary_problems(context, data) + _interface_text_problems(context, data) + _method_problems(context, data)


def glossary_rules(context: Context) -> list[Problem]:
    return duplicate_ids(context, enumerate(context.data["terms"]), ("terms",), "term")
