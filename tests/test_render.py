"""The pure rendering functions, called without MkDocs."""

from __future__ import annotations

import pytest
import yaml

import render
from conftest import LANGUAGES


def front_matter(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def test_method_markdown_front_matter_carries_title_tags_and_review_status(catalogue):
    method = catalogue.methods[0]
    for lang in LANGUAGES:
        meta = front_matter(render.method_markdown(catalogue, method, lang))
        assert meta["title"] == method["title"][lang]
        assert meta["review_status"] == method["review_status"][lang]
        assert meta["tags"] == render.tag_names(catalogue, method, lang)


def test_method_markdown_survives_quotes_and_colons_in_titles(catalogue):
    method = {**catalogue.methods[0], "title": {lang: 'A "quoted": title' for lang in LANGUAGES}}
    assert front_matter(render.method_markdown(catalogue, method, "sv"))["title"] == 'A "quoted": title'


def test_method_url_has_no_prefix_for_the_default_language():
    assert render.method_url("samvalg", "no", "no") == "metoder/samvalg/"
    assert render.method_url("samvalg", "se", "no") == "se/metoder/samvalg/"


def test_methods_json_records_ids_and_labels(catalogue):
    records = render.methods_json(catalogue, "sv", "no")
    assert [record["id"] for record in records] == [method["id"] for method in catalogue.methods]
    assert records[0]["labels"] == catalogue.methods[0]["labels"]


def test_placeholders_are_filled_by_name_and_unknown_names_fail():
    assert render.fill_placeholders("a\n<!-- medvirkning:x -->\nb", {"x": lambda: "X"}) == "a\nX\nb"
    with pytest.raises(render.UnknownPlaceholder, match="medvirkning:y"):
        render.fill_placeholders("<!-- medvirkning:y -->", {"x": lambda: "X"})


def test_glossary_puts_the_page_language_first(catalogue, glossary):
    table = render.glossary_markdown(catalogue, glossary, "se")
    header = table.splitlines()[0]
    assert header.index(catalogue.ui["language_se"]["se"]) < header.index(catalogue.ui["language_no"]["se"])
    assert table.count("\n") >= len(glossary["terms"]) + 2
