"""What a schema cannot say: unique ids, labels from the vocabulary, references that must exist.

Each rule reads only fields whose shape is right, so a method with one broken field still has every
other field checked; the schema reports the broken one.
"""

from __future__ import annotations

from .problems import Context, FieldPath, Problem, name, one_of
from .schema import suggest


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
    for index, method in methods:
        base = ("methods", index)
        level = mapping(method.get("evidence")).get("level")
        if isinstance(level, str) and level not in evidence_levels:
            problems.append(context.problem(base + ("evidence", "level"),
                                            f"unknown evidence level {name(level)}{suggest(level, evidence_levels)}",
                                            one_of(evidence_levels)))
        for facet_id, values in mapping(method.get("labels")).items():
            if facet_id not in facets:
                problems.append(context.field_problem(base + ("labels", facet_id),
                                                      f"unknown facet {name(facet_id)}{suggest(facet_id, facets)}",
                                                      one_of(facets)))
                continue
            for position, value in entries(values, str):
                if value not in facets[facet_id]:
                    problems.append(context.problem(base + ("labels", facet_id, position),
                                                    f"unknown {facet_id} value {name(value)}{suggest(value, facets[facet_id])}",
                                                    one_of(sorted(facets[facet_id]))))
        for position, legal in entries(method.get("legal_basis")):
            country = legal.get("country")
            if isinstance(country, str) and country not in countries:
                problems.append(context.problem(base + ("legal_basis", position, "country"),
                                                f"unknown country {name(country)}{suggest(country, countries)}",
                                                one_of(sorted(countries))))
        for position, related in entries(method.get("related"), str):
            path = base + ("related", position)
            if related == method.get("id"):
                problems.append(context.problem(path, "the method lists itself as related", "the id of another method in this file"))
            elif related not in known_ids:
                problems.append(context.problem(path, f"no method has the id {name(related)}{suggest(related, known_ids)}",
                                                "the id of another method in this file"))
    return problems


def _vocabulary_problems(context: Context, data: dict) -> list[Problem]:
    problems = duplicate_ids(context, enumerate(data["evidence_levels"]), ("evidence_levels",), "evidence level")
    problems += duplicate_ids(context, enumerate(data["facets"]), ("facets",), "facet")
    for index, facet in enumerate(data["facets"]):
        problems += duplicate_ids(context, enumerate(facet["values"]), ("facets", index, "values"), f"{facet['id']} value")
    return problems


def catalogue_rules(context: Context) -> list[Problem]:
    return _vocabulary_problems(context, context.data) + _method_problems(context, context.data)


def glossary_rules(context: Context) -> list[Problem]:
    return duplicate_ids(context, enumerate(context.data["terms"]), ("terms",), "term")
