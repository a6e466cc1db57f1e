"""What the method list tests share: expectations computed from the published methods.json (values
within a facet combine with OR, facets with AND; the evidence level is the facet "evidence"; the
orders are by name, evidence level and last review), values picked from the data, and what a
visitor sees of the filter in Chromium."""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from itertools import combinations
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from conftest import language_root
from render.alphabetical import name_key
from render.method_list import FIRST_RESULTS, list_facets

Selection = dict[str, set[str]]  # facet id -> the value ids chosen in it

# What a visitor sees of the filter: every checkbox with the count in its label, the methods the
# list shows, in order, and the filter's live status message.
READ_FILTER = """form => ({
  choices: Array.from(form.querySelectorAll('input[type="checkbox"]'), input => ({
    facet: input.name, value: input.value, checked: input.checked, disabled: input.disabled,
    label: input.closest('label').textContent,
  })),
  shown: Array.from(document.querySelectorAll('.mg-results [data-method-id]'))
    .filter(result => result.getClientRects().length > 0).map(result => result.dataset.methodId),
  status: Array.from(form.querySelectorAll('[aria-live="polite"]'), element => element.textContent.trim()),
  sort: form.querySelector('select[name="sort"]').value,
})"""


def list_url(lang: str) -> str:
    return f"{language_root(lang)}metoder/"


def methods_json(site, lang: str) -> list[dict]:
    return json.loads((site / language_root(lang) / "methods.json").read_text(encoding="utf-8"))["methods"]


def filter_labels(record: dict) -> dict[str, list[str]]:
    """A record's values in every facet of the filter: its labels and its evidence level."""
    return {**record["labels"], "evidence": [record["evidence_level"]]}


def filter_facet_ids(catalogue) -> list[str]:
    return [facet["id"] for facet in list_facets(catalogue, "no")]


def matching(records: list[dict], selection: Selection) -> set[str]:
    """Ids of the methods carrying at least one chosen value in every facet with a choice."""
    return {
        record["id"]
        for record in records
        if all(set(filter_labels(record).get(facet, [])) & values for facet, values in selection.items() if values)
    }


def count_with(records: list[dict], selection: Selection, facet: str, value: str) -> int:
    """How many methods a value gives together with the other facets' current choices."""
    return len(matching(records, {**selection, facet: {value}}))


def in_order(records: list[dict], catalogue, lang: str, sort: str = "name") -> list[str]:
    """Every method's id in the order the list offers: by name in the language's alphabet; by
    evidence level, strongest first; by last review, newest first (ties by name)."""
    by_name = sorted(records, key=lambda record: (name_key(record["title"], lang), record["id"]))
    steps = list(catalogue.evidence_levels)
    keys = {
        "name": lambda record: 0,
        "evidence": lambda record: steps.index(record["evidence_level"]),
        "reviewed": lambda record: -datetime.date.fromisoformat(record["last_reviewed"]).toordinal(),
    }
    return [record["id"] for record in sorted(by_name, key=keys[sort])]


def carried_values(records: list[dict]) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for record in records:
        for facet, values in filter_labels(record).items():
            counts.setdefault(facet, Counter()).update(values)
    return counts


def narrowing_clicks(records: list[dict], catalogue) -> list[tuple[str, str]]:
    """Choices from the data whose result is not empty: the two values most methods carry in the
    facet with the most values in use (OR), then the value of another facet that the fewest of
    those methods carry (AND)."""
    counts = carried_values(records)
    first = max(counts, key=lambda facet: len(counts[facet]))
    either = [value for value, _ in counts[first].most_common(2)]
    found = [record for record in records if record["id"] in matching(records, {first: set(either)})]
    second = next(
        facet for facet in filter_facet_ids(catalogue)
        if facet != first and any(filter_labels(record).get(facet) for record in found)
    )
    narrowest = Counter(value for record in found for value in filter_labels(record).get(second, [])).most_common()[-1][0]
    return [(first, value) for value in either] + [(second, narrowest)]


def empty_combination(records: list[dict], catalogue) -> Selection:
    """Two values of different facets that no method carries together, both in use if the data has such a pair."""
    counts = carried_values(records)
    in_use = [(facet, value) for facet in counts for value in counts[facet]]
    unused = [
        (facet["id"], value["id"]) for facet in list_facets(catalogue, "no") for value in facet["values"]
        if not counts.get(facet["id"], {}).get(value["id"])
    ]
    pairs = [*combinations(in_use, 2), *((used, spare) for used in in_use for spare in unused)]
    for (facet, value), (other, other_value) in pairs:
        if facet != other and not matching(records, {facet: {value}, other: {other_value}}):
            return {facet: {value}, other: {other_value}}
    pytest.fail("every pair of values occurs together in the catalogue: no empty combination to try")


def selection_of(clicks: list[tuple[str, str]]) -> Selection:
    selection: Selection = {}
    for facet, value in clicks:
        selection.setdefault(facet, set()).add(value)
    return selection


def state_in_url(url: str) -> tuple[Selection, str]:
    """The choices and the order an address holds."""
    query = parse_qs(urlsplit(url).query)
    sort = query.pop("sort", ["name"])[0]
    return {facet: set(values) for facet, values in query.items()}, sort


def query_of(selection: Selection | None, sort: str = "name") -> str:
    pairs = [(facet, value) for facet, values in (selection or {}).items() for value in sorted(values)]
    query = urlencode(pairs + ([("sort", sort)] if sort != "name" else []))
    return f"?{query}" if query else ""


def open_list(page, server: str, lang: str = "no", selection: Selection | None = None, sort: str = "name") -> None:
    page.goto(f"{server}{list_url(lang)}{query_of(selection, sort)}")
    page.wait_for_selector("form.mg-filter", state="visible")


def checkbox(page, facet: str, value: str):
    return page.locator(f'form.mg-filter input[type="checkbox"][name="{facet}"][value="{value}"]')


def assert_filter_shows(page, records: list[dict], selection: Selection, catalogue, lang: str = "no", sort: str = "name", shown: int = FIRST_RESULTS) -> None:
    """The list (the first `shown` matching methods, in order), the live count, every value's count
    and state, the order and the URL agree with methods.json."""
    selection = {facet: values for facet, values in selection.items() if values}
    # The address follows once the list is painted (docs/assets/filter.js says why); methods not
    # in the HTML wait for methods.json.
    page.wait_for_url(lambda url: state_in_url(url) == (selection, sort), timeout=5000)
    page.wait_for_selector('.mg-results:not([aria-busy="true"])', state="attached", timeout=5000)
    state = page.eval_on_selector("form.mg-filter", READ_FILTER)
    expected = matching(records, selection)
    assert state["sort"] == sort
    assert state["shown"] == [method for method in in_order(records, catalogue, lang, sort) if method in expected][:shown]
    message = catalogue.ui["filter_result_count"][lang].format(count=len(expected), total=len(records))
    assert state["status"] == [message if expected else f"{message} {catalogue.ui['filter_no_match'][lang]}"]
    for choice in state["choices"]:
        chosen = choice["value"] in selection.get(choice["facet"], set())
        count = count_with(records, selection, choice["facet"], choice["value"])
        assert choice["checked"] == chosen, choice
        assert re.search(r"\((\d+)\)\s*$", choice["label"]).group(1) == str(count), choice
        # Zero-count values stay visible but disabled; a chosen one never, or it could not be unchosen.
        assert choice["disabled"] == (count == 0 and not chosen), choice
