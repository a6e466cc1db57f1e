"""The pure rendering functions, called without MkDocs."""

from __future__ import annotations

import html

import pytest

import render
from conftest import LANGUAGES


def test_method_meta_carries_title_tags_and_review_status(catalogue):
    method = catalogue.methods[0]
    for lang in LANGUAGES:
        meta = render.method_meta(catalogue, method, lang)
        assert meta["title"] == html.escape(method["title"][lang])
        assert meta["review_status"] == method["review_status"][lang]
        assert meta["tags"] == render.tag_names(catalogue, method, lang)


def test_method_html_escapes_catalogue_text_and_renders_its_markdown(catalogue):
    method = {
        **catalogue.methods[0],
        "title": {lang: 'A "quoted" <title> & more' for lang in LANGUAGES},
        "summary": {lang: "First.\n\n1. one\n2. two\n\n<script>alert(1)</script>" for lang in LANGUAGES},
    }
    content = render.method_html(catalogue, method, "sv")
    assert "A &#34;quoted&#34; &lt;title&gt; &amp; more" in content
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in content
    assert "<script>" not in content


def test_a_lead_is_plain_text_on_the_page_as_the_check_treats_it(catalogue):
    """The check lets Markdown through in a plain text (it is text): the page must show it as text, not as a link or an image."""
    lead = "[Les mer](https://evil.example/phish) ![px](https://tracker.example/p.png) **fet**"
    content = render.method_html(catalogue, {**catalogue.methods[0], "lead": {lang: lead for lang in LANGUAGES}}, "no")
    assert f'<p class="mg-lead">{lead}</p>' in content
    assert "evil.example" not in content.replace(lead, "")


def test_toc_tokens_nest_headings_as_python_markdown_does(catalogue):
    method = next(method for method in catalogue.methods if method["legal_basis"])
    tokens = render.toc_tokens(render.method_html(catalogue, method, "no"))
    [title] = tokens
    assert (title["level"], title["name"]) == (1, method["title"]["no"])
    sections = [child["name"] for child in title["children"]]
    assert sections[:2] == [catalogue.ui[key]["no"] for key in ("target_group", "evidence")]
    evidence = title["children"][1]
    assert [child["name"] for child in evidence["children"]] == [catalogue.ui["references"]["no"]]


def test_search_entries_give_the_page_then_each_section_with_its_text(catalogue):
    method = catalogue.methods[0]
    content = render.method_html(catalogue, method, "sv")
    entries = render.search_entries(content, "metoder/x/", ["T › a"])
    page = entries[0]
    assert (page["location"], page["title"], page["tags"]) == ("metoder/x/", method["title"]["sv"], ["T › a"])
    # The page's own entry: the lead, then the summary above the first section.
    assert page["text"].startswith(" ".join(method["lead"]["sv"].split()))
    assert method["in_brief"]["target_group"]["sv"] in page["text"]
    target_group = entries[1]
    assert target_group["location"] == "metoder/x/#" + render.heading_id(catalogue.ui["target_group"]["sv"])
    assert target_group["text"] == " ".join(method["target_group"]["sv"].split())
    assert all("<" not in entry["text"] for entry in entries)


def test_method_url_has_no_prefix_for_the_default_language():
    assert render.method_url("samvalg", "no", "no") == "metoder/samvalg/"
    assert render.method_url("samvalg", "se", "no") == "se/metoder/samvalg/"


def test_methods_json_records_ids_and_labels(catalogue):
    records = render.methods_json(catalogue, "sv", "no")
    assert [record["id"] for record in records] == [method["id"] for method in catalogue.methods]
    assert records[0]["labels"] == catalogue.methods[0]["labels"]


def test_placeholders_are_filled_only_where_a_hand_written_page_asked_for_them():
    marked = render.mark_placeholders("a\n<!-- medvirkning:x -->\nb", {"x"}, "secret")
    # The same words in catalogue text (here, after marking) are left as they are.
    content = marked + "\n<!-- medvirkning:x -->\n<!-- medvirkning:x:guess -->"
    assert render.fill_placeholders(content, {"x": lambda: "X"}, "secret") == "a\nX\nb\n<!-- medvirkning:x -->\n<!-- medvirkning:x:guess -->"
    with pytest.raises(render.UnknownPlaceholder, match="medvirkning:y"):
        render.mark_placeholders("<!-- medvirkning:y -->", {"x"}, "secret")


def test_glossary_puts_the_page_language_first(catalogue, glossary):
    table = render.glossary_html(catalogue, glossary, "se")
    header = table.split("</thead>")[0]
    assert header.index(catalogue.ui["language_se"]["se"]) < header.index(catalogue.ui["language_no"]["se"])
    assert table.count("<tr") == len(glossary["terms"]) + 1
    assert [term["id"] for term in glossary["terms"] if f'<tr id="{term["id"]}">' not in table] == []


def test_without_the_repositorys_address_the_accessibility_statement_says_there_is_no_report_link(catalogue):
    for lang in LANGUAGES:
        html_text = render.report_problem_html(catalogue, lang, None)
        assert "<a " not in html_text and html.escape(catalogue.ui["report_problem_unavailable"][lang]) in html_text
