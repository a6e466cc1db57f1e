"""The editor guide (docs/<lang>/redaktor.md) tells the truth: its template passes the check, and
each error message it shows is what the checker prints for that mistake made in the template.

Line numbers in the guide date from when it was written; the catalogue grows, so they are
compared as "some line", while every other character must match.
"""

from __future__ import annotations

import re

import pytest

from catalogue import check_text
from conftest import LANGUAGES, ROOT

CATALOGUE = (ROOT / "data" / "methods.yaml").read_text(encoding="utf-8")
# The mistakes the guide walks through, made in its template: (what is written, what the editor wrote).
MISTAKES = [
    ('      "no": Metodens navn', "      no: Metodens navn"),
    ("      se: Okta dahje guokte cealkka das mii vuohki lea.\n", ""),
    ("age_group: [adults]", "age_group: [adult]"),
    ("\n    competence:", "\n    competense:"),
    ("last_reviewed: 2026-11-25", "last_reviewed: 2026-11-31"),
    ("    legal_basis: []", "\tlegal_basis: []"),
    ("    legal_basis: []", "    legal_basis []"),
    ("related: [koordinator]", "related: [kordinator]"),
    ("  - id: ny-metode", "  - id: individuell-plan"),
    ('      "no": Metodens navn på bokmål', '      "no": Metodens navn <b>på bokmål</b>'),
    ('        "no": Hva forskningen sier om metoden, med kildene nedenfor.',
     '        "no": Hva forskningen sier om metoden, med <a href="https://example.org/">kildene</a> nedenfor.'),
    ('      "no": Hva metoden går ut på.', '      "no": Hva metoden går ut på, se [nettstedet](http://example.org/).'),
    ("references: [holum-2012]", "references: [holum-2021]"),
]


def guide(lang: str) -> str:
    return (ROOT / "docs" / lang / "redaktor.md").read_text(encoding="utf-8")


def template(lang: str) -> str:
    return re.search(r"```yaml\n(.*?)```", guide(lang), flags=re.S).group(1)


def with_template(text: str) -> str:
    return CATALOGUE.rstrip("\n") + "\n" + text


def any_line(message: str) -> str:
    return re.sub(r"first on line \d+", "first on line N", re.sub(r"^data/methods\.yaml:\d+:\d+:", "data/methods.yaml:L:C:", message))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guides_template_passes_the_check(lang):
    assert check_text(with_template(template(lang)), "data/methods.yaml").problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_shows_the_messages_the_checker_really_prints(lang):
    printed = []
    for written, mistaken in MISTAKES:
        assert written in template(lang)
        broken = with_template(template(lang).replace(written, mistaken, 1))
        printed += [any_line(str(problem)) for problem in check_text(broken, "data/methods.yaml").problems]
    shown = [any_line(line) for line in re.findall(r"^data/methods\.yaml:\d+:\d+: .*$", guide(lang), flags=re.M)]
    assert shown == printed
