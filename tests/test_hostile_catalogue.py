"""Hostile catalogues, as a careful attacker or a clumsy editor would write them: the check says
exactly what is wrong and where, and stays bounded however large the file.

What the check lets through as text is built into a real site in test_hostile_site.py.
"""

from __future__ import annotations

import pytest
import yaml

from catalogue import check_file, check_text
from check_catalogue import main as check_main
from test_catalogue_errors import FIRST_METHOD, NAME, REAL, changed, where

PLAIN = "reads as an HTML tag or comment, expected plain text, without < directly followed by a letter, / or ! (write < with a space after it)"
RAW_HTML = "expected Markdown without HTML tags or comments (e.g. **bold**, [a link](https://…))"
LINK = "expected links as [text](https://…) or to a page of this site, e.g. [text](../samvalg/)"
ESCAPED, NONCHARACTER = "Individuell \\e[31m plan", "Den enskildes \\U0010FFFF plan"  # YAML escapes, as written in the file
NO_CONTROL = "text without control characters (a YAML escape such as \\e or \\x85 writes one)"
SUMMARY_START = "    summary:\n      \"no\": |\n        "


def in_summary(markdown: str) -> str:
    """The real catalogue with `markdown` at the start of the first method's Norwegian summary."""
    return changed(SUMMARY_START, SUMMARY_START + markdown + "\n        ")


def SUMMARY_AT(text: str) -> str:  # noqa: N802 - reads as a place in the table
    """Where the first method's Norwegian summary stands: its block starts on the line of "no": |."""
    return at(text, SUMMARY_START.strip(), len(SUMMARY_START.strip()) - 1)


def first_summary(text: str) -> str:
    return yaml.safe_load(text)["methods"][0]["summary"]["no"]


def problems_of(text: str) -> list[str]:
    return [str(problem) for problem in check_text(text, NAME).problems]


def at(text: str, fragment: str, offset: int = 0) -> str:
    return f"{NAME}:{where(text, fragment, offset)}"


TITLE = "Individuell plan</title><script>alert(1)</script>"
CASES = {
    "script after the title": (
        lambda: changed('"no": Individuell plan\n', f'"no": "{TITLE}"\n'),
        lambda text: [f"{at(text, TITLE, -1)}: individuell-plan title.no: '</title><script>alert(1)</script>' {PLAIN}"]),
    "svg with onload in the lead": (
        lambda: changed("      sv: Den enskildes", "      sv: <svg onload=alert(1)> Den enskildes"),
        lambda text: [f"{at(text, '<svg')}: individuell-plan lead.sv: '<svg onload=alert(1)> Den enskildes egen…' {PLAIN}"]),
    "a placeholder in a title": (
        lambda: changed('"no": Individuell plan\n', '"no": "Plan <!-- medvirkning:method-list -->"\n'),
        lambda text: [f"{at(text, 'Plan <!--', -1)}: individuell-plan title.no: '<!-- medvirkning:method-list -->' {PLAIN}"]),
    "an unknown placeholder in a label": (
        lambda: REAL.replace("    se: Dássi\n", '    se: "<!-- medvirkning:nonexistent -->"\n', 1),
        lambda text: [f"{NAME}:{where(text, '<!-- medvirkning:nonexistent', -1, after='ui:')}: ui.level.se: "
                      f"'<!-- medvirkning:nonexistent -->' {PLAIN}"]),
    "an iframe in a Markdown text": (
        lambda: in_summary('<iframe src="https://example.org/"></iframe>'),
        lambda text: [f"{SUMMARY_AT(text)}: individuell-plan summary.no: raw HTML is not allowed here "
                      f"('<iframe src=\"https://example.org/\"></ifr…'), {RAW_HTML}"]),
    "a javascript: link": (
        lambda: in_summary("[Les mer](javascript:alert(1))"),
        lambda text: [f"{SUMMARY_AT(text)}: individuell-plan summary.no: only https:// and relative links "
                      f"('javascript:alert(1)'), {LINK}"]),
    "an entity-encoded javascript: link": (
        lambda: in_summary("[Les mer](&#106;avascript&#58;alert(1))"),
        lambda text: [f"{SUMMARY_AT(text)}: individuell-plan summary.no: only https:// and relative links "
                      f"('javascript:alert(1)'), {LINK}"]),
    "an http: link": (
        lambda: in_summary("<http://example.org/>"),
        lambda text: [f"{SUMMARY_AT(text)}: individuell-plan summary.no: only https:// and relative links "
                      f"('http://example.org/'), {LINK}"]),
    "a data: image": (
        lambda: in_summary("![x](data:image/svg+xml;base64,PHN2Zz4=)"),
        lambda text: [f"{SUMMARY_AT(text)}: individuell-plan summary.no: only https:// and relative links "
                      f"('data:image/svg+xml;base64,PHN2Zz4='), {LINK}"]),
    "the id index": (
        lambda: changed(FIRST_METHOD, "  - id: index\n"),
        lambda text: [f"{at(text, '- id: index', 6)}: index id: the id index is the address of the method list's own page, "
                      "expected another id (a method's page would replace it)"]),
    "braces in the permalink title": (
        lambda: REAL.replace("    sv: Länk till det här avsnittet\n", "    sv: Länk {här}\n", 1),
        lambda text: [f"{NAME}:{where(text, 'Länk {här}', after='ui:')}: ui.permalink.sv: 'Länk {{här}}' is not in the right form, "
                      "expected a plain text without { or } (the theme's tag listing fills this text in with Python's str.format)",
                      f"{NAME}:{where(text, 'Länk {här}', after='ui:')}: ui.permalink.sv: the placeholders {{här}} differ from the "
                      "Norwegian text's, expected the same placeholders as in \"no\": none"]),
    "a translated placeholder": (
        lambda: REAL.replace("    sv: Visar {count} av {total} metoder.\n", "    sv: Visar {antal} av {total} metoder.\n", 1),
        lambda text: [f"{NAME}:{where(text, 'Visar {antal}', after='ui:')}: ui.filter_result_count.sv: the placeholders {{antal}}, {{total}} "
                      "differ from the Norwegian text's, expected the same placeholders as in \"no\": {count}, {total}"]),
    "a control character written as a YAML escape": (
        lambda: changed('"no": Individuell plan\n', f'"no": "{ESCAPED}"\n'),
        lambda text: [f"{at(text, ESCAPED, -1)}: individuell-plan title.no: the invisible control character U+001B cannot be used, "
                      f"expected {NO_CONTROL}"]),
    "a non-character in a lead": (
        lambda: changed("      sv: Den enskildes egen plan i Norge", f'      sv: "{NONCHARACTER}"\n      #'),
        lambda text: [f"{at(text, NONCHARACTER, -1)}: individuell-plan lead.sv: the invisible control character U+10FFFF cannot be used, "
                      f"expected {NO_CONTROL}"]),
    "a text over its size limit": (
        lambda: in_summary("x" * 6001),
        lambda text: [f"{SUMMARY_AT(text)}: individuell-plan summary.no: this text has {len(first_summary(text)):,} characters, "
                      "expected at most 6,000 (the size limit of a text; see the editor guide)"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_hostile_text_gives_its_exact_place_and_message(case):
    make_text, expected = CASES[case]
    text = make_text()
    found = problems_of(text)
    # A renamed method also leaves the other methods' links to it dangling, each reported on its own.
    assert (found[:1] if case == "the id index" else found) == expected(text)


@pytest.mark.parametrize("payload", ['{{ 7*7 }}', "&lt;script&gt;alert(1)&lt;/script&gt;", '" onmouseover="alert(1)" x="',
                                     "javascript:alert(1)", "< script>alert(1)< /script>", "a <- b, a<3, x < y"])
def test_text_that_only_looks_like_code_is_text(payload):
    # These reach the pages as text; test_hostile_site.py shows that none of them runs there.
    quoted = payload.replace("'", "''")  # a single-quoted YAML text
    assert problems_of(changed('"no": Individuell plan\n', f"\"no\": '{quoted}'\n")) == []


def test_80000_broken_entries_give_one_problem_about_the_size_limit(tmp_path):
    start = REAL.index("\nmethods:\n") + len("\nmethods:\n")
    entries = "".join(f"  - id: method-{number}\n    title: Method {number}\n" for number in range(80_000))
    path = tmp_path / "methods.yaml"
    path.write_text(REAL[:start] + entries, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert [str(problem) for problem in check_file(path, NAME).problems] == [
        f"{NAME}:{where(text, '- id: method-2000', 2, after='')}: methods[2000]: the file has 80,000 methods; nothing else was checked, "
        "expected at most 2,000 (the size limit of the file; see the editor guide)"]


def test_at_most_200_problems_are_printed_then_a_count_of_the_rest(tmp_path, capsys):
    start = REAL.index("\nmethods:\n") + len("\nmethods:\n")
    entries = "".join(f"  - id: method-{number}\n    title: Method {number}\n" for number in range(1_500))
    path = tmp_path / "methods.yaml"
    path.write_text(REAL[:start] + entries, encoding="utf-8")

    assert check_main(["--catalogue", str(path)]) == 1

    lines = capsys.readouterr().out.splitlines()
    # Each entry lacks 17 required fields and has a title that is no mapping: 18 problems each.
    assert len(lines) == 202
    assert lines[-2] == f"… and at least {1_500 * 18 - 200:,} more not listed here: fix the ones above first."
    assert lines[-1] == f"at least {1_500 * 18:,} problems in {path}; after fixing, run scripts/check-catalogue again."


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "methods.yaml"
    with path.open("wb") as file:
        file.truncate(30_000_001)
    assert [str(problem) for problem in check_file(path, NAME).problems] == [
        f"{NAME}:1:1: the file is 30.0 MB, expected at most 30 MB (the size limit of a data file; see the editor guide)"]
