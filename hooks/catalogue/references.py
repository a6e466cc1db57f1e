"""What the catalogue must satisfy against the registers and the calendar.

- evidence.references and material name sources of data/sources.yaml;
- every law link in a method's texts names a law of data/laws.yaml, and a section in its country's form;
- the dates: no change in the future, no review before first publication, no next review before
  the last one. A next review that is past due is not an error: `overdue_reviews` lists them, the
  check prints a warning and the page says so.

Each rule reads only what has the right shape; the schema reports the rest. A register that has
problems of its own is None here, and the rules that need it stay silent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from .laws import law_links, section_problem
from .problems import Context, FieldPath, Location, Problem, name, one_of, quote
from .rules import entries, mapping


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the schema reports it


def _texts(value, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every text inside a value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def _place_in_text(context: Context, path: FieldPath, target: str, occurrence: int) -> Location | None:
    """Where the `occurrence`-th link to `target` inside the value at `path` stands in the file."""
    if not context.text or path not in context.locations:
        return None
    line, column = context.locations[path]
    lines = context.text.split("\n")
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    needle = f"(law:{target})"
    for _ in range(occurrence + 1):
        offset = context.text.find(needle, offset)
        if offset < 0:
            return None
        offset += 1
    line = context.text.count("\n", 0, offset) + 1
    return line, offset - (context.text.rfind("\n", 0, offset) + 1) + 1


def _link_problem(link, laws: dict[str, dict]) -> tuple[str, str, tuple | None] | None:
    """What is wrong with one law link, what was expected and, for an unknown law, (its id, the ids it is none of);
    None when it names a law and a well-formed section."""
    law = laws.get(link.law_id)
    if law is None:
        return (f"the law link law:{name(link.target)} names no law",
                f"law:ID or law:ID/SECTION with an id from data/laws.yaml: {one_of(sorted(laws))}", (link.law_id, laws))
    expected = section_problem(law, link.section) if link.section is not None else None
    if expected:
        return f"the section {quote(link.section)} in law:{name(link.target)} is not in the right form", expected, None
    return None


def law_link_problems(context: Context, path: FieldPath, text: str, laws: dict[str, dict]) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for link in law_links(text):
        occurrence = seen.get(link.target, 0)
        seen[link.target] = occurrence + 1
        problem = _link_problem(link, laws)
        if problem:
            message, expected, unknown = problem
            problems.append(context.problem(path, message, expected, at=_place_in_text(context, path, link.target, occurrence),
                                            unknown=unknown))
    return problems


def _future_problem(context: Context, path: FieldPath, what: str, date, today: datetime.date) -> list[Problem]:
    """A date that says something has happened must not lie after today."""
    if date and date > today:
        return [context.problem(path, f"{what} is dated {date}, in the future", f"a date on or before today ({today})")]
    return []


def _date_problems(context: Context, base: FieldPath, method: dict, today: datetime.date) -> list[Problem]:
    first, last, upcoming = (_date(method.get(key)) for key in ("first_published", "last_reviewed", "next_review"))
    # A first publication after today would need a review before it, or one in the future: both are reported.
    problems = _future_problem(context, base + ("last_reviewed",), "the last review", last, today)
    if first and last and last < first:
        problems.append(context.problem(base + ("last_reviewed",), f"the review date {last} is before the first publication ({first})",
                                        f"a date on or after first_published ({first})"))
    if last and upcoming and upcoming <= last:
        problems.append(context.problem(base + ("next_review",), f"the next review {upcoming} is not after the last review ({last})",
                                        f"a date after last_reviewed ({last})"))
    for position, change in entries(method.get("changes")):
        path, date = base + ("changes", position, "date"), _date(change.get("date"))
        problems += _future_problem(context, path, "the change", date, today)
        if date and first and date < first:
            problems.append(context.problem(path, f"the change is dated {date}, before the first publication ({first})",
                                            f"a date on or after first_published ({first})"))
    return problems


def _source_problems(context: Context, path: FieldPath, ids, sources: dict[str, dict]) -> list[Problem]:
    return [context.problem(path + (position,), f"no source has the id {name(source_id)}",
                            "the id of a source in data/sources.yaml", unknown=(source_id, sources))
            for position, source_id in entries(ids, str) if source_id not in sources]


def reference_rules(context: Context, registers, today: datetime.date | None = None) -> list[Problem]:
    """The catalogue's problems against the registers (`registers`: catalogue.registers.Registers) and today's date."""
    today = today or datetime.date.today()
    problems = []
    for index, method in entries(mapping(context.data).get("methods")):
        base = ("methods", index)
        problems += _date_problems(context, base, method, today)
        if registers.sources is not None:
            problems += _source_problems(context, base + ("evidence", "references"), mapping(method.get("evidence")).get("references"),
                                         registers.sources)
            problems += _source_problems(context, base + ("material",), method.get("material"), registers.sources)
        if registers.laws is not None:
            for path, text in _texts(method, base):
                if "(law:" in text:
                    problems += law_link_problems(context, path, text, registers.laws)
    return problems


def overdue_reviews(methods: list[dict], today: datetime.date | None = None) -> list[dict]:
    """The methods whose next review date has passed."""
    today = today or datetime.date.today()
    return [method for method in methods if (_date(method.get("next_review")) or today) < today]


def review_overdue(method: dict, today: datetime.date | None = None) -> bool:
    return bool(overdue_reviews([method], today))



def page_law_problems(text: str, display_name: str, laws: dict[str, dict]) -> list[Problem]:
    """The law links of a hand-written page (Markdown), each problem at its line and column."""
    return [Problem(display_name, number, link.column + 1, None, "", *problem)
            for number, line in enumerate(text.split("\n"), start=1)
            for link in law_links(line)
            if (problem := _link_problem(link, laws))]
