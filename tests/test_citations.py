"""Hostile text from data/ stays text in every new output: the method page's record sections, the
law links, the Atom feed, the RIS and BibTeX files and methods.json."""

from __future__ import annotations

import copy
import json

import feedparser
import pytest
from bs4 import BeautifulSoup

import citations
import feeds
import open_data
import render
from law_text import resolve_law_links
from method_record import PageLinks, citation_files

HOSTILE = '</title><script>alert(1)</script>"\'&{}\\%#]]>\nER  - \nTY  - JOUR'


@pytest.fixture
def hostile(catalogue):
    """The catalogue with hostile text in a method's title and change, a source and a law."""
    data = copy.deepcopy(catalogue)
    method = data.methods_by_id["individuell-plan"]
    method["title"] = {lang: HOSTILE for lang in method["title"]}
    method["changes"][0]["note"] = {lang: HOSTILE for lang in method["changes"][0]["note"]}
    data.sources["holum-2012"] = {**data.sources["holum-2012"], "title": HOSTILE, "details": HOSTILE}
    data.laws["pbrl"] = {**data.laws["pbrl"], "url": 'https://lovdata.no/"><script>alert(2)</script>',
                         "title": {lang: HOSTILE for lang in ("no", "sv", "se")}}
    return data


def test_the_method_page_escapes_sources_laws_changes_and_the_citation(hostile):
    links = PageLinks.of("https://example.org/metoder/individuell-plan/", "https://git.example.org/repo", {
        "new_issue_uri": "issues/new", "catalogue_history_uri": "commits/main/data/methods.yaml"})
    page = render.method_html(hostile, hostile.methods_by_id["individuell-plan"], "no", links)
    assert "<script>" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert HOSTILE.split("\n")[0] in soup.select_one("#source-holum-2012").get_text()
    assert soup.select_one(".mg-changes li").get_text().endswith(HOSTILE)
    assert all(link["href"].startswith("https://lovdata.no/") for link in soup.select("a.mg-law"))


def test_law_link_addresses_are_escaped_as_attribute_values():
    laws = {"x": {"id": "x", "country": "norway", "url": 'https://lovdata.no/a"b<c', "checked_sections": []}}
    html = resolve_law_links('<p><a href="law:x">words</a></p>', laws, "not <checked>")
    assert html == '<p><a class="mg-law" href="https://lovdata.no/a&quot;b&lt;c">words</a></p>'
    html = resolve_law_links('<p><a href="law:x/3-1">§ 3-1</a></p>', laws, "not <checked>")
    assert html.endswith('<span class="mg-unchecked">(not &lt;checked&gt;)</span></p>')
    assert resolve_law_links('<a href="law:unknown">words</a>', laws, "") == "words"


def test_ris_keeps_every_value_on_its_own_line():
    record = citations.ris(HOSTILE, "2026-11-25", "https://example.org/x/", "no")
    lines = record.split("\r\n")
    assert [line for line in lines if line.startswith("ER  -")] == ["ER  - "]
    assert [line for line in lines if line.startswith("TY  -")] == ["TY  - ELEC"]
    assert lines[1] == "TI  - " + " ".join(HOSTILE.split())


def test_bibtex_escapes_braces_and_commands():
    entry = citations.bibtex("individuell-plan", HOSTILE, "2026-11-25", "https://example.org/x/", "sv", "Senast granskad")
    title = next(line for line in entry.splitlines() if line.startswith("  title = "))
    assert title == "  title = {" + citations.bibtex_value(HOSTILE) + "},"
    value = title.removeprefix("  title = {").removesuffix("},")
    unescaped = value.replace(r"\{", "").replace(r"\}", "").replace("{}", "")
    assert "{" not in unescaped and "}" not in unescaped  # no brace can close the field early
    assert r"\textbackslash{}" in value and r"\%" in value and r"\#" in value and r"\&" in value


def test_the_feed_keeps_hostile_text_as_text(hostile):
    xml = feeds.atom_feed(hostile, "no", "nb", "https://example.org/feed.xml", "https://example.org/",
                          lambda method_id: f"https://example.org/metoder/{method_id}/")
    assert b"<script>" not in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    entry = next(entry for entry in parsed.entries if entry.link == "https://example.org/metoder/individuell-plan/")
    assert entry.summary == HOSTILE


def test_citation_files_and_methods_json_carry_hostile_text_safely(hostile):
    files = citation_files(hostile, hostile.methods_by_id["individuell-plan"], "se", "https://example.org/se/metoder/individuell-plan/")
    assert set(files) == {"individuell-plan.ris", "individuell-plan.bib"}
    text = open_data.methods_json_text(hostile, "no", "no")
    assert "</script>" not in text and "</title>" not in text
    record = next(record for record in json.loads(text)["methods"] if record["id"] == "individuell-plan")
    assert record["title"] == HOSTILE and record["references"][0]["title"] == HOSTILE
