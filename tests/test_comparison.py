"""The comparison page (<language root>/metoder/sammenlign/?m=<id>,<id>...): the built HTML
compares every method, and in Chromium the page keeps the columns its address names.

What each cell should say is computed from methods.json and the catalogue's names at test time.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, axe_results, language_root
from law_text import resolve_law_links
from list_helpers import in_order, methods_json
from render.templates import markdown_html

pytestmark = pytest.mark.browser

COMPARISON = "metoder/sammenlign/"
READ_TABLE = """table => ({
  methods: Array.from(table.tHead.rows[0].cells).slice(1).map(cell => cell.dataset.methodId),
  links: Array.from(table.tHead.rows[0].cells).slice(1).map(cell => cell.querySelector('a').href),
  rows: Array.from(table.tBodies[0].rows, row => [row.cells[0].innerText.trim(), ...Array.from(row.cells).slice(1).map(cell => cell.innerText.replace(/\\s+/g, ' ').trim())]),
})"""


def comparison_url(lang: str, ids: list[str] | None = None) -> str:
    return f"{language_root(lang)}{COMPARISON}" + (f"?m={','.join(ids)}" if ids else "")


def cited(source: dict) -> str:
    """A source as the comparison names it: authors (year). title, without the parts the register leaves out."""
    authors, year = source.get("authors"), source.get("year")
    return (f"{authors} ({year}). " if authors and year else f"{authors}. " if authors else f"({year}). " if year else "") + source["title"]


def expected_rows(records: list[dict], ids: list[str], catalogue, lang: str) -> list[list[str]]:
    """Row name and one cell per method, in the table's order: level, evidence level with its
    sources, target group, competence, legal basis per country, labels per facet, last review."""
    by_id = {record["id"]: record for record in records}
    methods = [catalogue.methods_by_id[method_id] for method_id in ids]
    names = lambda facet, values: ", ".join(catalogue.value_labels[(facet, value)][lang] for value in values)
    scale = list(catalogue.evidence_levels)
    basis = lambda method: [method["evidence"]["basis"][lang]] if method["evidence"].get("basis") else []
    evidence = lambda record, method: " ".join(
        [f"{catalogue.evidence_levels[record['evidence_level']]['label'][lang]} ("
         + catalogue.ui["evidence_scale_position"][lang].format(step=scale.index(record["evidence_level"]) + 1, total=len(scale))
         + (")." if basis(method) else ")")]  # what the level rests on is a sentence of its own
        + basis(method)
        + [cited(source) for source in record["references"]]
    )
    # The legal texts as the method pages give them: Markdown, law links to the law texts.
    as_text = lambda markdown: " ".join(BeautifulSoup(resolve_law_links(markdown_html(markdown), catalogue.laws, catalogue.ui["law_not_checked"][lang]), "html.parser").get_text(" ").split())
    legal = lambda method, country: next((as_text(legal["text"][lang]) for legal in method["legal_basis"] if legal["country"] == country), catalogue.ui["compare_none"][lang])
    countries = next(facet for facet in catalogue.facets if facet["id"] == "country")["values"]
    return [
        [catalogue.ui["level"][lang], *(names("level", by_id[i]["labels"].get("level", [])) for i in ids)],
        [catalogue.ui["evidence_level"][lang], *(evidence(by_id[m["id"]], m) for m in methods)],
        [catalogue.ui["target_group"][lang], *(m["in_brief"]["target_group"][lang] for m in methods)],
        [catalogue.ui["competence"][lang], *(m["in_brief"]["competence"][lang] for m in methods)],
        *([f"{catalogue.ui['legal_basis'][lang]}: {country['label'][lang]}", *(legal(m, country["id"]) for m in methods)] for country in countries),
        *([facet["label"][lang], *(names(facet["id"], by_id[i]["labels"].get(facet["id"], [])) for i in ids)] for facet in catalogue.facets if facet["id"] != "level"),
        [catalogue.ui["last_reviewed"][lang], *(by_id[i]["last_reviewed"] for i in ids)],
    ]


def squashed(rows: list[list[str]]) -> list[list[str]]:
    """Cells without their white space: where a browser puts a space between a link and the full
    stop after it is no part of what a cell says."""
    return [[re.sub(r"\s+", "", cell) for cell in row] for row in rows]


def open_comparison(page, server: str, lang: str, query: str = "") -> dict:
    page.goto(f"{server}{comparison_url(lang)}{query}")
    return page.eval_on_selector("table.mg-compare", READ_TABLE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_page_is_a_plain_table_comparing_every_method(browser, server, site, catalogue, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    records = methods_json(site, lang)
    ids = in_order(records, catalogue, lang)
    table = open_comparison(page, server, lang, "?m=" + ",".join(ids[:2]))  # the address is read only with JavaScript
    assert table["methods"] == ids
    assert table["links"] == [urljoin(server, record["url"]) for record in sorted(records, key=lambda r: ids.index(r["id"]))]
    assert squashed(table["rows"]) == squashed(expected_rows(records, ids, catalogue, lang))
    assert page.locator(".mg-compare-notes").is_hidden()
    assert page.locator("table.mg-compare th[scope=col]").count() == len(ids) + 1
    assert page.locator("table.mg-compare th[scope=row]").count() == len(table["rows"])
    context.close()


@pytest.mark.parametrize("count", [2, 3, 4])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_three_or_four_methods_side_by_side_in_the_order_asked_each_linking_to_its_page(page, server, site, catalogue, lang, count):
    records = methods_json(site, lang)
    ids = in_order(records, catalogue, lang, "evidence")[::-1][:count]  # not the table's own order
    table = open_comparison(page, server, lang, f"?m={','.join(ids)}")
    assert table["methods"] == ids
    assert squashed(table["rows"]) == squashed(expected_rows(records, ids, catalogue, lang))
    for link, method_id in zip(table["links"], ids):
        assert urlsplit(link).path == f"/{language_root(lang)}metoder/{method_id}/"
    assert page.locator(".mg-compare-notes").is_hidden()
    assert page.locator(".mg-compare-all").is_hidden()
    # The language switcher leads to the same comparison.
    for link in page.eval_on_selector_all("a.md-select__link[hreflang]", "links => links.map(link => link.href)"):
        assert urlsplit(link).query == f"m={quote(','.join(ids), safe=',')}", link


def test_unknown_ids_are_left_out_with_a_note_and_more_than_four_are_cut_to_four(page, server, site, catalogue):
    records = methods_json(site, "no")
    ids = in_order(records, catalogue, "no")[:6]
    hostile = '<img src=x onerror="window.injected=1">'
    table = open_comparison(page, server, "no", f"?m=nope,{ids[0]},{quote(hostile)}&m={','.join(ids[1:])},{ids[0]}")
    assert table["methods"] == ids[:4]
    note = page.locator(".mg-compare-notes")
    assert note.is_visible()
    text = note.inner_text()
    assert "nope" in text and hostile in text  # shown as text, never as markup
    assert catalogue.ui["compare_too_many"]["no"] in text
    assert page.locator(".mg-compare-notes img").count() == 0 and page.evaluate("window.injected") is None
    assert urlsplit(page.url).query == f"m={','.join(ids[:4])}"  # the address keeps what the page shows


def test_an_address_with_no_known_method_compares_every_method_and_says_why(page, server, site, catalogue):
    records = methods_json(site, "sv")
    table = open_comparison(page, server, "sv", "?m=finns-inte")
    assert table["methods"] == in_order(records, catalogue, "sv")
    assert "finns-inte" in page.locator(".mg-compare-notes").inner_text()
    assert page.locator(".mg-compare-all").is_visible()


def test_on_a_phone_the_table_scrolls_sideways_inside_its_box_and_the_page_does_not(browser, server, site, catalogue):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    ids = in_order(methods_json(site, "no"), catalogue, "no")[:3]
    open_comparison(page, server, "no", f"?m={','.join(ids)}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator(".mg-compare-scroll")
    assert page.evaluate("box => box.scrollWidth > box.clientWidth", box.element_handle())
    assert box.get_attribute("tabindex") == "0"  # keyboard users can scroll it too
    # The aspect names stay in view while the methods scroll past.
    before = page.locator("table.mg-compare th[scope=row]").first.bounding_box()["x"]
    page.evaluate("box => box.scrollBy(300, 0)", box.element_handle())
    assert abs(page.locator("table.mg-compare th[scope=row]").first.bounding_box()["x"] - before) < 2
    context.close()


def test_the_comparison_prints_on_a4_landscape_without_the_site_around_it(page, server, site, catalogue, tmp_path):
    ids = in_order(methods_json(site, "no"), catalogue, "no")[:4]
    open_comparison(page, server, "no", f"?m={','.join(ids)}")
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = {tuple(round(float(number)) for number in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf) for box in [box.decode()]}
    assert sizes == {(0, 0, 842, 595)}, sizes  # A4 landscape, in points
    page.emulate_media(media="print")
    assert page.locator("table.mg-compare").is_visible()
    assert page.evaluate("() => { const t = document.querySelector('table.mg-compare'); return t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1 }")
    for chrome in (".md-header", ".md-footer"):
        assert all(not element.is_visible() for element in page.locator(chrome).all()), chrome


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations_on_the_comparison_page(browser, server, site, catalogue, lang, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    ids = in_order(methods_json(site, lang), catalogue, lang)
    for query in (f"?m={','.join(ids[:3])},ukjent", ""):  # three methods with a note, and every method
        page.goto(f"{server}{comparison_url(lang)}{query}")
        results = axe_results(page)
        assert results.violations_count == 0, results.generate_report()
    context.close()
