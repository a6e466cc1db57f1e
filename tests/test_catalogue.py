"""Loading and validating the catalogue, without MkDocs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalogue import CatalogueError, check_text, load_catalogue, load_glossary
from conftest import LANGUAGES, ROOT

CATALOGUE = ROOT / "data" / "methods.yaml"


def test_the_real_catalogue_is_valid_and_complete_in_every_language(catalogue):
    assert len(catalogue.methods) >= 5
    for method in catalogue.methods:
        for field in ("title", "lead", "target_group", "competence", "summary", "implementation"):
            assert set(method[field]) == set(LANGUAGES)
        assert method["evidence"]["references"]


def test_the_catalogue_names_its_schema_for_editors_that_complete_fields_while_typing():
    first_line = CATALOGUE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./methods.schema.json"
    schema = json.loads((ROOT / "data" / "methods.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_method_field_in_the_schema_is_described_for_editors():
    schema = json.loads((ROOT / "data" / "methods.schema.json").read_text(encoding="utf-8"))
    fields = schema["$defs"]["method"]["properties"]
    assert sorted(fields) == sorted(schema["$defs"]["method"]["required"])
    assert [name for name, definition in fields.items() if not definition.get("description")] == []


def test_method_line_is_the_line_of_the_methods_id(catalogue):
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    for method in catalogue.methods:
        assert lines[catalogue.method_line(method["id"]) - 1] == f"  - id: {method['id']}"


def test_a_value_repeated_with_an_alias_loads_as_if_written_out_and_edit_links_keep_their_lines(tmp_path: Path):
    text = (CATALOGUE.read_text(encoding="utf-8").replace("\nui:\n  level:\n", "\nui:\n  level: &level\n", 1)
            .replace("\nevidence_levels:", "\n  level_again: *level\nevidence_levels:", 1))
    path = tmp_path / "methods.yaml"
    path.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(path)
    assert catalogue.ui["level_again"] == catalogue.ui["level"]
    lines = text.splitlines()
    for method in catalogue.methods:
        assert lines[catalogue.method_line(method["id"]) - 1] == f"  - id: {method['id']}"


def broken(replace_from: str, replace_to: str) -> list[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    assert replace_from in text
    return [str(problem) for problem in check_text(text.replace(replace_from, replace_to, 1), "data/methods.yaml").problems]


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


def test_all_problems_are_reported_at_once_in_file_order():
    text = CATALOGUE.read_text(encoding="utf-8")
    text = text.replace("level: observational", "level: observatonal", 1).replace("last_reviewed: 2026-11-25", "last_reviewed: 2026-02-30", 1)
    problems = check_text(text, "data/methods.yaml").problems
    messages = " | ".join(map(str, problems))
    assert "unknown evidence level observatonal (did you mean observational?)" in messages
    assert "last_reviewed: '2026-02-30' is not a real date" in messages
    assert [problem.line for problem in problems] == sorted(problem.line for problem in problems)


def test_a_misspelt_field_is_reported_at_its_key_with_the_missing_field():
    problems = broken("\n    competence:", "\n    competense:")
    assert problems == [
        f"data/methods.yaml:{line_of('  - id: individuell-plan')}:5: individuell-plan: the field competence is missing, "
        'expected competence (what the staff need to know or be trained in, in "no", sv and se)',
        f"data/methods.yaml:{line_of(chr(10) + '    competence:') + 1}:5: individuell-plan competense: unknown field competense (did you mean competence?), "
        "expected one of id, first_published, last_reviewed, next_review, changes, review_status, title, lead, in_brief, labels, target_group, evidence, competence, summary, "
        "implementation, legal_basis, material, reflection_questions, related",
    ]


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


def test_the_error_report_counts_problems_and_names_the_file(tmp_path: Path):
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - id: a\n    term: x\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_glossary(path, "data/glossary.yaml")
    assert str(error.value).splitlines() == [
        "data/glossary.yaml:2:5: a: the field definition is missing, expected definition (a Markdown text (no HTML, at most 6,000 characters) in all three languages: \"no\" (in quotes), sv and se)",
        "data/glossary.yaml:3:11: a term: this is the text 'x', expected a mapping (field: value lines)",
        "2 problems in data/glossary.yaml; nothing was built.",
    ]
