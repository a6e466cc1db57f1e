"""The catalogue read again after an edit (hooks/catalogue_edits.py) is the catalogue read from
scratch: the same data, the same lines for edit links, the same problems for a broken edit — and
an edit to one method's text is really read without reading the whole file again."""

from __future__ import annotations

import shutil

import pytest
import yaml

from catalogue import CatalogueError, load_catalogue
from catalogue_edits import load_after_edit, split_methods
from conftest import ROOT

CATALOGUE = ROOT / "data" / "methods.yaml"


@pytest.fixture
def catalogue_file(tmp_path):
    return shutil.copy(CATALOGUE, tmp_path / "methods.yaml")


def read_again(path, before, counting: list | None = None):
    def full_load(*args):
        if counting is not None:
            counting.append(args)
        return load_catalogue(*args)

    return load_after_edit(path, "data/methods.yaml", before, full_load, again=True)


def assert_as_from_scratch(path, loaded) -> None:
    scratch = load_catalogue(path, "data/methods.yaml")
    assert loaded.catalogue.data == scratch.data
    assert [loaded.catalogue.method_line(m["id"]) for m in scratch.methods] == [scratch.method_line(m["id"]) for m in scratch.methods]


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_file_splits_into_its_method_entries():
    split = split_methods(CATALOGUE.read_bytes())
    catalogue = load_catalogue(CATALOGUE)
    assert len(split.entries) == len(catalogue.methods)
    assert split.starts == [catalogue.method_line(method["id"]) for method in catalogue.methods]


@pytest.mark.parametrize("old, new", [
    ("Brukerens egen plan", "Brukerens helt egen plan"),  # one line of one method
    ("      sv: Individuell plan (Norge)\n", "      sv: >-\n        Individuell plan\n        (Norge)\n"),  # lines added: later entries move
])
def test_an_edit_to_a_methods_text_is_read_alone_and_gives_the_catalogue_read_from_scratch(catalogue_file, old, new):
    before = read_again(catalogue_file, None)
    edit(catalogue_file, old, new)
    full_loads = []
    after = read_again(catalogue_file, before, full_loads)
    assert full_loads == []  # read incrementally
    assert_as_from_scratch(catalogue_file, after)


def save_as_latin_1(path, old: str, new: str) -> None:
    """An edit saved by an editor set to Latin-1: `new`'s letters as bytes that are not UTF-8."""
    raw = path.read_bytes()
    assert old.encode() in raw
    path.write_bytes(raw.replace(old.encode(), new.encode("latin-1"), 1))


@pytest.mark.parametrize("broken_by", [
    lambda path: edit(path, "    competence:", "    competense:"),
    lambda path: save_as_latin_1(path, "Brukerens egen plan", "Brukerens egen plan på ære"),
], ids=["a misspelt field", "bytes that are not UTF-8"])
def test_a_broken_edit_gives_the_problems_of_a_read_from_scratch(catalogue_file, broken_by):
    before = read_again(catalogue_file, None)
    broken_by(catalogue_file)
    with pytest.raises(CatalogueError) as incremental:
        read_again(catalogue_file, before)
    with pytest.raises(CatalogueError) as scratch:
        load_catalogue(catalogue_file, "data/methods.yaml")
    assert incremental.value.report() == scratch.value.report()


def test_an_edit_that_breaks_a_rule_across_methods_is_caught(catalogue_file):
    before = read_again(catalogue_file, None)
    related = before.catalogue.methods[0]["related"][0]
    edit(catalogue_file, f"    related: [{related}", f"    related: [no-such-method")
    with pytest.raises(CatalogueError, match="no-such-method"):
        read_again(catalogue_file, before)


@pytest.mark.parametrize("old, new, reported", [
    ("      references: [holum-2012", "      references: [holum-2013", "no source has the id holum-2013"),
    ("    first_published: 2026-11-25", "    first_published: 2026-11-30", "before the first publication"),
], ids=["a source the register lacks", "a review before the first publication"])
def test_an_edit_that_breaks_a_rule_of_its_own_entry_is_caught(catalogue_file, old, new, reported):
    before = read_again(catalogue_file, None)
    edit(catalogue_file, old, new)
    with pytest.raises(CatalogueError, match=reported):
        read_again(catalogue_file, before)


@pytest.mark.parametrize("change", ["a method added", "an anchor", "the vocabulary"])
def test_other_edits_are_read_from_scratch(catalogue_file, change):
    before = read_again(catalogue_file, None)
    text = catalogue_file.read_text(encoding="utf-8")
    if change == "a method added":
        split = split_methods(text.encode())
        copy = split.entries[0].decode().replace("  - id: individuell-plan", "  - id: individuell-plan-kopi")
        catalogue_file.write_text(text + copy, encoding="utf-8")
    elif change == "an anchor":
        edit(catalogue_file, "    last_reviewed: ", "    last_reviewed: &dato ")
    else:
        edit(catalogue_file, "ui:\n", "ui:\n  # a comment in the interface text\n")
    full_loads = []
    after = read_again(catalogue_file, before, full_loads)
    assert len(full_loads) == 1
    assert_as_from_scratch(catalogue_file, after)


def test_a_file_with_its_lists_at_the_left_margin_is_read_alone_too(tmp_path):
    path = tmp_path / "methods.yaml"
    path.write_text(yaml.safe_dump(load_catalogue(CATALOGUE).data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = read_again(path, None)
    edit(path, "Brukerens egen plan", "Brukerens helt egen plan")
    full_loads = []
    after = read_again(path, before, full_loads)
    assert full_loads == []
    assert_as_from_scratch(path, after)
