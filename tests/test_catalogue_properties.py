"""Property-based: whatever an editor does to a valid catalogue, the checker answers and never crashes.

A small valid catalogue (the real one's vocabulary and first methods) is changed at random, as
data (keys deleted, values of another type, values swapped) and as text (garbage typed anywhere).
The checker must either accept the result or report problems that each name a real place in it.
"""

from __future__ import annotations

import copy
import re
from functools import cache

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue import check_file, check_text, load_catalogue, validate_glossary
from conftest import ROOT

NAME = "data/methods.yaml"
PROBLEM = re.compile(r"^data/methods\.yaml:(\d+):(\d+): \S.*$")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def small_catalogue() -> dict:
    data = copy.deepcopy(load_catalogue(ROOT / "data" / "methods.yaml").data)
    data["methods"] = data["methods"][:3]
    kept = {method["id"] for method in data["methods"]}
    for method in data["methods"]:
        method["related"] = [related for related in method["related"] if related in kept]
    return data


def dump(data) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)


@cache
def small_text() -> str:
    return dump(small_catalogue())


def assert_answers(text: str, validate=None) -> None:
    """Accepted with data and no problems, or refused with problems that point into the text."""
    checked = check_text(text, NAME) if validate is None else check_text(text, NAME, validate)
    if checked.problems:
        assert checked.data is None
        line_count = len(re.split(r"\r\n|\r|\n", text))  # line breaks as editors count them
        for problem in checked.problems:
            match = PROBLEM.match(str(problem))
            assert match, str(problem)
            assert 1 <= int(match.group(1)) <= line_count
    else:
        assert isinstance(checked.data, dict)


def test_the_small_catalogue_is_valid_to_start_with():
    checked = check_text(small_text(), NAME)
    assert checked.problems == []


def paths(value, prefix=()):
    """Every path to a value inside the data: keys and list indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, prefix + (index,))


@cache
def all_paths() -> list[tuple]:
    return [path for path in paths(small_catalogue()) if path]


def get(data, path):
    for part in path:
        data = data[part]
    return data


def set_at(data, path, value):
    get(data, path[:-1])[path[-1]] = value


def delete_at(data, path):
    container = get(data, path[:-1])
    del container[path[-1]]


ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.dates().map(str),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
MUTATIONS = st.sampled_from(["delete", "replace", "swap", "rename"])


@SETTINGS
@given(st.lists(st.tuples(MUTATIONS, st.integers(0, 10**9), st.integers(0, 10**9), ANY_VALUE), min_size=1, max_size=4))
def test_changed_data_is_accepted_or_refused_with_located_problems(mutations):
    data = copy.deepcopy(small_catalogue())
    for kind, first, second, value in mutations:
        candidates = [path for path in paths(data) if path]
        if not candidates:
            break
        path = candidates[first % len(candidates)]
        other = candidates[second % len(candidates)]
        if kind == "delete":
            delete_at(data, path)
        elif kind == "replace":
            set_at(data, path, value)
        elif kind == "swap" and path[: len(other)] != other and other[: len(path)] != path:
            first_value, second_value = get(data, path), get(data, other)
            set_at(data, path, second_value)
            set_at(data, other, first_value)
        elif kind == "rename" and isinstance(path[-1], str):
            container = get(data, path[:-1])
            container[str(value)[:12]] = container.pop(path[-1])
    assert_answers(dump(data))


# Characters and words that mean something to YAML, and a few it refuses.
GARBAGE = st.lists(st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\t \n\\") + ["no", "yes", "~", "<<", "\x00", "é", "\u2028"]),
                   min_size=1, max_size=12).map("".join)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10**9), GARBAGE), min_size=1, max_size=3))
def test_garbage_typed_into_the_text_is_accepted_or_refused_with_located_problems(insertions):
    text = small_text()
    for position, garbage in insertions:
        position %= len(text) + 1
        text = text[:position] + garbage + text[position:]
    assert_answers(text)


@SETTINGS
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=3))
def test_lines_deleted_from_the_text_are_accepted_or_refused_with_located_problems(doomed):
    lines = small_text().splitlines(keepends=True)
    for line in doomed:
        if lines:
            del lines[line % len(lines)]
    assert_answers("".join(lines))


@SETTINGS
@given(st.binary(max_size=400).map(lambda raw: raw.decode("utf-8", errors="replace")))
def test_arbitrary_text_is_accepted_or_refused_with_located_problems(text):
    assert_answers(text)
    assert_answers(text, validate_glossary)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 10**9), GARBAGE | st.sampled_from(["\r\n", "\r", "\ufeff"])), max_size=3),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_a_file_is_checked_as_its_text_is(tmp_path_factory, insertions, encoding):
    """check_file reads a file's bytes straight into libyaml; the verdict, the data and the places are
    those of its text, and a file not saved as UTF-8 is refused as such."""
    text = small_text()
    for position, garbage in insertions:
        position %= len(text) + 1
        text = text[:position] + garbage + text[position:]
    path = tmp_path_factory.mktemp("file") / "methods.yaml"
    path.write_bytes(text.encode(encoding, errors="surrogatepass"))
    from_file = check_file(path, NAME)
    if encoding == "utf-16":
        assert [problem.message for problem in from_file.problems] == ["the byte 0xff is not UTF-8 text"]
        return
    from_text = check_text(text.removeprefix("\ufeff"), NAME)
    assert (from_file.data, from_file.locations, from_file.problems) == (from_text.data, from_text.locations, from_text.problems)
