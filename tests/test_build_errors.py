"""A broken catalogue or glossary stops the real build — scripts/build and plain `mkdocs build` —
with a clear message, said once, and leaves the last site as it was."""

from __future__ import annotations

import re

import pytest

from conftest import run_mkdocs_build, run_site_build

builds = pytest.mark.parametrize("run_build", [run_site_build, run_mkdocs_build], ids=["scripts/build", "mkdocs build"])


def previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    return site


def assert_stopped_cleanly(result, site) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"
    assert sorted(path.name for path in site.iterdir()) == ["index.html"]
    assert not [path.name for path in site.parent.iterdir() if path.name.startswith(".")], "a folder of the failed build was left behind"
    return output


def said_once(line: str, output: str) -> None:
    assert output.count(line) == 1, output


@builds
def test_broken_catalogue_stops_the_build_without_traceback_and_keeps_the_old_site(run_build, project_copy, tmp_path):
    site = previous_site(tmp_path)
    catalogue = project_copy / "data" / "methods.yaml"
    text = catalogue.read_text(encoding="utf-8")
    line = text.split("\n    competence:")[0].count("\n") + 2  # the method's own field, not in_brief's
    catalogue.write_text(text.replace("\n    competence:", "\n    competense:", 1), encoding="utf-8")

    output = assert_stopped_cleanly(run_build(project_copy, site), site)

    said_once(f"data/methods.yaml:{line}:5: individuell-plan competense: unknown field competense (did you mean competence?)", output)
    said_once("2 problems in data/methods.yaml; nothing was built.", output)


@builds
def test_unreadable_catalogue_names_the_file(run_build, project_copy, tmp_path):
    site = previous_site(tmp_path)
    (project_copy / "data" / "methods.yaml").write_bytes(b"ui:\n  level: \xff\xfe\n")
    output = assert_stopped_cleanly(run_build(project_copy, site), site)
    said_once("data/methods.yaml:2:10: the byte 0xff is not UTF-8 text", output)


@builds
def test_broken_glossary_stops_the_build_without_traceback_and_keeps_the_old_site(run_build, project_copy, tmp_path):
    site = previous_site(tmp_path)
    glossary = project_copy / "data" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    first_definition = re.search(r'^    definition:\n      "no": ', text, flags=re.M)
    line = text[: first_definition.start()].count("\n") + 2
    glossary.write_text(text[: first_definition.start()] + text[first_definition.start():].replace('"no": ', "no: ", 1), encoding="utf-8")

    output = assert_stopped_cleanly(run_build(project_copy, site), site)

    term_id = re.search(r"^  - id: (\S+)$", text, flags=re.M).group(1)
    said_once(f"data/glossary.yaml:{line}:7: {term_id} definition: the key no was read as false", output)
    said_once("1 problem in data/glossary.yaml; nothing was built.", output)


# Catalogue text that reads like other text on the same page gives one id twice: the build stops.
REPEATED_IDS = {
    "a method titled like a section": ("data/methods.yaml", '"no": Individuell plan\n', '"no": Sammendrag\n', "metoder/individuell-plan.md", "sammendrag"),
    "a label read like another": ("data/methods.yaml", 'label: {"no": Sverige,', 'label: {"no": "Norge!",', "merking.md", "tag:land›norge"),
    "a term with the glossary's own id": ("data/glossary.yaml", "  - id: brukermedvirkning\n", "  - id: ordliste\n", "ordliste.md", "ordliste"),
}


@pytest.mark.parametrize("case", REPEATED_IDS, ids=list(REPEATED_IDS))
def test_text_that_gives_an_id_twice_stops_the_build_naming_the_page_and_the_id(case, project_copy, tmp_path):
    site = previous_site(tmp_path)
    data_file, old, new, page, repeated = REPEATED_IDS[case]
    path = project_copy / data_file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    output = assert_stopped_cleanly(run_site_build(project_copy, site), site)

    said_once(f"{page}: the id {repeated!r} is given twice on the page", output)
