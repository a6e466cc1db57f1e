"""A table of broken catalogues: each one gives exactly this message at exactly this place.

Every case changes the real catalogue (or writes a small file) the way an editor might, and the
expected line and column are found in the broken text itself, so the table keeps working while
the catalogue grows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogue import check_file, check_text, validate_glossary
from conftest import ROOT

NAME = "data/methods.yaml"
REAL = (ROOT / "data" / "methods.yaml").read_text(encoding="utf-8")
FIRST_METHOD = "  - id: individuell-plan\n"
METHODS_START = "\nmethods:\n"
METHOD_FIELDS = ("id, first_published, last_reviewed, next_review, changes, review_status, title, lead, in_brief, labels, target_group, evidence, competence, summary, "
                 "implementation, legal_basis, material, reflection_questions, related")
SYNTAX = "expected valid YAML (check indentation, colons and quotes on this line and the one above)"
TAB = "a tab character is used for indentation or spacing, expected spaces only (YAML does not allow tabs)"
ANOTHER_METHOD = "expected the id of another method in this file"


def changed(old: str, new: str, text: str = REAL) -> str:
    """The text with the first `old` in the first method (or later) replaced by `new`."""
    start = text.index(FIRST_METHOD)
    assert old in text[start:], old
    return text[:start] + text[start:].replace(old, new, 1)


def location(text: str, position: int) -> str:
    """LINE:COLUMN of a character position, both counted from 1."""
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return f"{line}:{column}"


def where(text: str, fragment: str, offset: int = 0, after: str = FIRST_METHOD) -> str:
    """LINE:COLUMN of the first `fragment` after `after`, plus `offset` characters."""
    return location(text, text.index(fragment, text.index(after) if after in text else 0) + offset)


def second(text: str, fragment: str, offset: int = 0) -> str:
    """LINE:COLUMN of the second `fragment` in the text, plus `offset` characters."""
    return location(text, text.index(fragment, text.index(fragment) + 1) + offset)


def line_of(text: str, fragment: str) -> int:
    return int(where(text, fragment, after="").split(":")[0])


@dataclass
class Case:
    name: str
    text: str
    expected: list[str]  # exactly the problems reported, or
    includes: bool = False  # at least the first of them (a change that also breaks what depends on it)


def edit(name: str, old: str, new: str, at: tuple[str, int], *messages: str, includes: bool = False) -> Case:
    """One change in the first method; each message is located at `at` (a fragment of the new text, an offset)."""
    text = changed(old, new)
    return Case(name, text, [f"{NAME}:{where(text, *at)}: {message}" for message in messages], includes)


def whole(name: str, text: str, *problems: str) -> Case:
    return Case(name, text, list(problems))


@functools.cache  # the 5 MB catalogue is checked by two tests
def problems_of(text: str) -> list[str]:
    return [str(problem) for problem in check_text(text, NAME).problems]


def _tabs_on_two_lines() -> Case:
    text = changed("    lead:\n", "\tlead:\n", changed("    title:\n", "    title:\t\n"))
    return Case("tabs on two lines", text, [f"{NAME}:{where(text, 'title:' + chr(9), 6)}: {TAB}",
                                            f"{NAME}:{where(text, chr(9) + 'lead')}: {TAB}"])


def _missing_and_unknown_language() -> Case:
    text = changed("      se: Individuála plána\n", "      sme: Individuála plána\n")
    return Case("unknown language", text, [
        f"{NAME}:{where(text, '    title:', 4)}: individuell-plan title: the field se is missing, expected se (the Northern Sami text)",
        f"{NAME}:{where(text, 'sme:')}: individuell-plan title.sme: unknown field sme (did you mean se?), expected one of no, sv, se",
    ])


def _misspelt_field() -> Case:
    text = changed("    lead:\n", "    leed:\n")
    return Case("misspelt field", text, [
        f"{NAME}:{where(text, FIRST_METHOD.strip(), 2)}: individuell-plan: the field lead is missing, "
        'expected lead (one or two sentences that say what the method is, in "no", sv and se)',
        f"{NAME}:{where(text, 'leed')}: individuell-plan leed: unknown field leed (did you mean lead?), expected one of {METHOD_FIELDS}",
    ])


def _list_instead_of_mapping() -> Case:
    block = re.search(r"    labels:\n(      .*\n)+", REAL[REAL.index(FIRST_METHOD):]).group()
    text = changed(block, "    labels: [individual, norway]\n")
    return Case("a list where a mapping belongs", text, [
        f"{NAME}:{where(text, '[individual, norway]')}: individuell-plan labels: this is a list, expected a mapping (field: value lines)"])


def _no_references() -> Case:
    text = changed("      references: [holum-2012, bjerkan-2011]\n", "      references: []\n")
    return Case("no references", text, [f"{NAME}:{where(text, '[]')}: individuell-plan evidence.references: this is empty, expected at least one entry"])


def _duplicate_id() -> Case:
    text = changed("  - id: samordnad-individuell-plan\n", FIRST_METHOD)
    return Case("duplicate id", text, [f"{NAME}:{second(text, FIRST_METHOD, 8)}: individuell-plan id: the id individuell-plan is used twice "
                                       f"(first on line {line_of(text, FIRST_METHOD)}), expected a unique id per method"], includes=True)


def _duplicate_key() -> Case:
    text = changed(FIRST_METHOD, FIRST_METHOD + "    id: individuell-plan-2\n")
    return Case("duplicate key", text, [f"{NAME}:{where(text, 'id: individuell-plan-2')}: individuell-plan id: the key id appears twice "
                                        f"(first on line {line_of(text, FIRST_METHOD)}), expected each key once"])


def _missing_section() -> Case:
    text = REAL[: REAL.index(METHODS_START) + 1]
    return Case("missing section", text, [f"{NAME}:{where(text, 'ui:', after='')}: the field methods is missing, "
                                          "expected methods (the methods, each one starting with - id: (at most 2,000))"])


def _two_documents() -> Case:
    text = REAL + "---\nmethods: []\n"
    return Case("two documents", text, [f"{NAME}:{REAL.count(chr(10)) + 1}:1: YAML syntax error: found another document "
                                        f"(expected a single document in the stream), {SYNTAX}"])


@functools.cache
def _five_megabytes() -> Case:
    """A catalogue grown past 5 MB by pasting its methods again and again: each copy repeats every id."""
    methods = REAL[REAL.index(METHODS_START) + len(METHODS_START):]
    text = REAL + methods * (5_000_000 // len(methods))
    assert len(text.encode("utf-8")) > 5_000_000
    first_id = re.search(r"^  - id: (\S+)$", methods, flags=re.M).group(1)
    return Case("a 5 MB file", text, [f"{NAME}:{REAL.count(chr(10)) + 1}:9: {first_id} id: the id {first_id} is used twice "
                                      f"(first on line {line_of(text, FIRST_METHOD)}), expected a unique id per method"], includes=True)


CASES = [
    edit("syntax error", "      level: [individual]\n", "      level: [individual\n", ("      country:", 13),
         f"YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence), {SYNTAX}"),
    edit("missing colon", "\n    target_group:\n", "\n    target_group\n", ("\n    target_group\n", 5),
         f"YAML syntax error: could not find expected ':' (while scanning a simple key), {SYNTAX}"),
    edit("bad indentation", "    lead:\n", "   lead:\n", ("   lead:", 3),
         f"YAML syntax error: did not find expected '-' indicator (while parsing a block collection), {SYNTAX}"),
    edit("tab", "    title:\n", "\ttitle:\n", ("\t",), TAB),
    _tabs_on_two_lines(),
    edit("control character", "      sv: Individuell plan (Norge)", "      sv: Individuell\x00 plan (Norge)", ("\x00",),
         "the invisible control character U+0000 cannot be used, "
         "expected plain text (delete the character; it often comes from copying out of another program)"),
    edit("text instead of a mapping", 'review_status: {"no": reviewed, sv: reviewed, se: draft}', "review_status: reviewed",
         ("review_status: ", 15), "individuell-plan review_status: this is the text 'reviewed', expected a mapping (field: value lines)"),
    _list_instead_of_mapping(),
    whole("a whole file that is a list", "- id: individuell-plan\n- id: koordinator\n",
          f"{NAME}:1:1: this is a list, expected a mapping (field: value lines)"),
    edit("missing language", "      se: Individuála plána\n", "", ("    title:", 4),
         "individuell-plan title: the field se is missing, expected se (the Northern Sami text)"),
    edit("empty language", "      se: Individuála plána\n", '      se: ""\n', ('""',), "individuell-plan title.se: this is empty, expected some text"),
    _missing_and_unknown_language(),
    edit("unquoted no", '      "no": Individuell plan\n', "      no: Individuell plan\n", ("no: Individuell",),
         'individuell-plan title: the key no was read as false, expected "no" in quotes (YAML reads a bare no as a yes/no value)'),
    edit("unknown label", "age_group: [children, adults, older]", "age_group: [children, adult, older]", ("adult,",),
         "individuell-plan labels.age_group[1]: unknown age_group value adult (did you mean adults?), expected one of adults, children, older"),
    edit("unknown facet", "      age_group:", "      agegroup:", ("agegroup",),
         "individuell-plan labels.agegroup: unknown facet agegroup (did you mean age_group?), "
         "expected one of level, country, provider, role, support_type, age_group, severity, condition"),
    edit("label listed twice", "age_group: [children, adults, older]", "age_group: [children, adults, adults]", ("[children",),
         "individuell-plan labels.age_group: a value is listed twice, expected each value once"),
    edit("unknown evidence level", "      level: observational\n", "      level: observatonal\n", ("observatonal",),
         "individuell-plan evidence.level: unknown evidence level observatonal (did you mean observational?), "
         "expected one of systematic-reviews, trials, observational, practice"),
    edit("misspelt review status", 'review_status: {"no": reviewed,', 'review_status: {"no": reviewd,', ("reviewd",),
         "individuell-plan review_status.no: 'reviewd' is not allowed (did you mean reviewed?), expected one of reviewed, draft"),
    _misspelt_field(),
    edit("id that is not a slug", FIRST_METHOD, "  - id: Individuell plan\n", ("Individuell plan", 0, ""),
         "Individuell plan id: 'Individuell plan' is not in the right form, "
         "expected lower-case letters a-z, digits and single hyphens, e.g. individuell-plan", includes=True),
    _duplicate_id(),
    _duplicate_key(),
    edit("impossible date", "last_reviewed: 2026-11-25", "last_reviewed: 2026-02-30", ("2026-02-30",),
         "individuell-plan last_reviewed: '2026-02-30' is not a real date (day is out of range for month), expected a date as YYYY-MM-DD"),
    edit("quoted impossible date", "last_reviewed: 2026-11-25", 'last_reviewed: "2026-13-01"', ('"2026-13',),
         "individuell-plan last_reviewed: '2026-13-01' is not a real date, expected a date as YYYY-MM-DD"),
    edit("date in words", "last_reviewed: 2026-11-25", "last_reviewed: 25. november 2026", ("25. nov",),
         "individuell-plan last_reviewed: '25. november 2026' is not a real date, expected a date as YYYY-MM-DD"),
    whole("empty file", "", f"{NAME}:1:1: the file is empty, expected the fields ui, evidence_levels, facets, methods"),
    whole("only comments", "# yaml-language-server: $schema=./methods.schema.json\n# nothing yet\n",
          f"{NAME}:1:1: the file is empty, expected the fields ui, evidence_levels, facets, methods"),
    _missing_section(),
    _no_references(),
    edit("unknown related id", "related: [samordnad-individuell-plan,", "related: [samordnad-individuel-plan,", ("samordnad-individuel-plan",),
         f"individuell-plan related[0]: no method has the id samordnad-individuel-plan (did you mean samordnad-individuell-plan?), {ANOTHER_METHOD}"),
    edit("related to itself", "related: [samordnad-individuell-plan,", "related: [individuell-plan,", ("individuell-plan", 0, "related: ["),
         f"individuell-plan related[0]: the method lists itself as related, {ANOTHER_METHOD}"),
    edit("unknown country", "      - country: norway\n", "      - country: norwey\n", ("norwey",),
         "individuell-plan legal_basis[0].country: unknown country norwey (did you mean norway?), expected one of norway, sweden"),
    # YAML knows an alias only as the value it names, so the place given is the anchor's (&loop).
    edit("alias loop", "    related: [samordnad-individuell-plan,", "    related: &loop [*loop, samordnad-individuell-plan,", ("&loop",),
         "individuell-plan related[0]: an alias (*name) here points back to the value that contains it, expected a value without loops"),
    _two_documents(),
    _five_megabytes(),
]


@pytest.mark.parametrize("broken", CASES, ids=[broken.name for broken in CASES])
def test_a_broken_catalogue_gives_the_exact_place_and_message(broken: Case):
    problems = problems_of(broken.text)
    if broken.includes:
        assert broken.expected[0] in problems
    else:
        assert problems == broken.expected


def test_the_table_covers_at_least_25_kinds_of_breakage():
    assert len({broken.name for broken in CASES}) >= 25


def test_a_5_mb_file_reports_every_repeated_id():
    text = _five_megabytes().text
    pasted = len(re.findall(r"^  - id: ", text[len(REAL):], flags=re.M))
    per_copy = len(re.findall(r"^  - id: ", REAL[REAL.index(METHODS_START):], flags=re.M))
    assert pasted % per_copy == 0 and pasted // per_copy >= 5  # every method, pasted at least five times
    assert sum("is used twice" in problem for problem in problems_of(text)) == pasted


def test_non_utf8_bytes_are_located_by_line_and_column(tmp_path: Path):
    text = changed("      sv: Individuell plan (Norge)", "      sv: Individuell plan (Noreg æ)")
    path = tmp_path / "methods.yaml"
    path.write_bytes(text.encode("utf-8").replace("Noreg æ".encode("utf-8"), "Noreg æ".encode("latin-1")))  # one word saved as Latin-1
    problems = [str(problem) for problem in check_file(path, NAME).problems]
    assert problems == [f"{NAME}:{where(text, 'æ')}: the byte 0xe6 is not UTF-8 text, expected the file saved as UTF-8"]


def test_binary_garbage_is_one_clear_problem(tmp_path: Path):
    path = tmp_path / "methods.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    problems = [str(problem) for problem in check_file(path, NAME).problems]
    assert problems == [f"{NAME}:2:118: the byte 0x80 is not UTF-8 text, expected the file saved as UTF-8"]


def test_a_broken_glossary_names_the_term_and_field():
    glossary = (ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8")
    first_term, second_term = re.findall(r"^  - id: (\S+)$", glossary, flags=re.M)[:2]
    text = glossary.replace(f"  - id: {second_term}\n", f"  - id: {first_term}\n", 1)
    problems = [str(problem) for problem in check_text(text, "data/glossary.yaml", validate_glossary).problems]
    assert problems == [f"data/glossary.yaml:{second(text, f'  - id: {first_term}', 8)}: {first_term} id: the id {first_term} is used twice "
                        f"(first on line {line_of(text, f'  - id: {first_term}')}), expected a unique id per term"]
