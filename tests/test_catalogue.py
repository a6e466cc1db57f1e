"""Loading and validating the catalogue, without MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue import CatalogueError, check_text, load_catalogue
from conftest import LANGUAGES, ROOT

CATALOGUE = ROOT / "data" / "methods.yaml"


def test_the_real_catalogue_is_valid_and_complete_in_every_language(catalogue):
    assert len(catalogue.methods) >= 5
    for method in catalogue.methods:
        for field in ("title", "lead", "target_group", "competence", "summary", "implementation"):
            assert set(method[field]) == set(LANGUAGES)
        assert method["evidence"]["references"]


def broken(replace_from: str, replace_to: str) -> list[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    assert replace_from in text
    _, problems = check_text(text.replace(replace_from, replace_to, 1), "data/methods.yaml")
    return [str(problem) for problem in problems]


def line_of(fragment: str) -> int:
    return CATALOGUE.read_text(encoding="utf-8").split(fragment)[0].count("\n") + 1


def test_an_unknown_label_names_line_method_field_and_a_suggestion():
    problems = broken("age_group: [children, adults, older]", "age_group: [children, adult, older]")
    line = line_of("age_group: [children, adults, older]")
    assert problems == [
        f"data/methods.yaml:{line}:29: individuell-plan labels.age_group[1]: unknown age_group value adult "
        "(did you mean adults?), expected one of adults, children, older"
    ]


def test_an_unquoted_no_key_is_reported_not_silently_turned_into_false():
    quoted = '    "no": Nivå'
    problems = broken(quoted, "    no: Nivå")
    assert problems[0].startswith(f"data/methods.yaml:{line_of(quoted)}:5: ui.level: the key no was read as false")


def test_all_problems_are_reported_at_once():
    text = CATALOGUE.read_text(encoding="utf-8")
    text = text.replace("level: observational", "level: observatonal", 1).replace("last_reviewed: 2026-11-25", "last_reviewed: 2026-02-30", 1)
    _, problems = check_text(text, "data/methods.yaml")
    messages = " | ".join(map(str, problems))
    assert "unknown evidence level observatonal (did you mean observational?)" in messages
    assert "last_reviewed: '2026-02-30' is not a real date" in messages


def test_a_file_that_cannot_be_read_names_the_file(tmp_path):
    with pytest.raises(CatalogueError) as error:
        load_catalogue(tmp_path / "missing.yaml", "data/methods.yaml")
    assert str(error.value).startswith("data/methods.yaml:1:1: cannot read the file")


def test_a_yaml_syntax_error_gives_its_line(tmp_path: Path):
    path = tmp_path / "methods.yaml"
    path.write_text("ui:\n  level: [a\nfacets: []\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(path, "data/methods.yaml")
    assert str(error.value).startswith("data/methods.yaml:3:")
    assert "YAML syntax error" in str(error.value)
