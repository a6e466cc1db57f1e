"""Glossary terms marked where they are read: the marking itself (hooks/glossary_terms.py), the
built site's marks, and the explanation in Chromium on hover, keyboard focus and touch."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LANGUAGES, WCAG_21_AA, axe_results, language_of, language_root
from render.glossary_terms import UNMARKED, forms, mark_terms

TERMS = (("bruker", "bruker", ()), ("brukermedvirkning", "brukermedvirkning", ()), ("ip", "individuell plan (Norge)", ("individuelle planer",)),
         ("dps", "distriktspsykiatrisk senter (DPS)", ()), ("chime", "CHIME", ()))


def marked(html: str) -> list[tuple[str, str]]:
    """(term id, marked text) of each mark in marked HTML."""
    return re.findall(r'<a class="mg-term" href="g/#([^"]+)">([^<]+)</a>', mark_terms(html, TERMS, "g/"))


# --- The marking ---------------------------------------------------------------------------------


def test_the_first_occurrence_in_each_section_is_marked_and_headings_start_a_new_section():
    html = "<h1>Tittel</h1><p>En bruker og en bruker.</p><h2>Bruker</h2><p>Bruker igjen, bruker.</p>"
    assert marked(html) == [("bruker", "bruker"), ("bruker", "Bruker")]


def test_headings_links_code_cited_titles_and_description_terms_are_never_marked():
    for element in ("h2", "a", "code", "cite", "dt", "th", "button", "label", "summary"):
        assert marked(f"<{element} href='x'>bruker</{element}><p>x</p>") == [], element
    assert set(UNMARKED) >= {"h1", "h2", "h3", "h4", "h5", "h6", "a"}
    assert marked('<p title="bruker"><img alt="bruker">tekst</p>') == []  # attribute values are not text
    assert marked("<!-- bruker --><p>bruker</p>") == [("bruker", "bruker")]


def test_a_method_pages_record_is_never_marked_however_deep_its_blocks_nest():
    html = ('<div class="mg-citation"><div><p>bruker</p></div><p>bruker</p></div><ol class="x mg-references"><li>bruker</li></ol>'
            "<p>bruker</p>")
    assert marked(html) == [("bruker", "bruker")]
    assert mark_terms(html, TERMS, "g/").endswith('<p><a class="mg-term" href="g/#bruker">bruker</a></p>')


def test_whole_words_the_longest_term_and_capitals_only_for_abbreviations():
    assert marked("<p>brukerne og brukermedvirkning, pasient-bruker</p>") == [("brukermedvirkning", "brukermedvirkning")]
    assert marked("<p>dps, DPS og CHIME, chime</p>") == [("dps", "DPS"), ("chime", "CHIME")]
    assert marked("<p>Individuell\nplan og distriktspsykiatrisk senter</p>") == [("ip", "Individuell\nplan"), ("dps", "distriktspsykiatrisk senter")]
    assert forms("samordnet individuell plan (SIP, Sverige)") == ["samordnet individuell plan", "SIP"]
    assert forms("region (Sverige)") == ["region"]


def test_the_other_forms_a_glossary_lists_are_marked_too():
    assert marked("<p>To individuelle planer.</p><h2>X</h2><p>Individuell plan.</p>") == [("ip", "individuelle planer"), ("ip", "Individuell plan")]


# Terms that their pages use only in other forms (plurals, Sami cases): marked there through "also".
# (The Swedish evaluation page says "nationella mätningar", not "patientenkät", in its text.)
USED_IN_OTHER_FORMS = {"stemmehorergruppe": ("selvhjelpsgrupper", LANGUAGES), "pasienterfaringsundersokelse": ("brukerevaluering", ("no", "se"))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_term_its_page_uses_only_in_another_form_is_marked_there(built, lang):
    for term_id, (method_id, languages) in USED_IN_OTHER_FORMS.items():
        if lang not in languages:
            continue
        page = built.page(f"{language_root(lang)}metoder/{method_id}/")
        assert term_id in {urlsplit(link["href"]).fragment for link in page.select("a.mg-term")}, (lang, term_id)


def test_marks_are_well_formed_and_their_address_escaped():
    html = mark_terms("<p>bruker</p>", (("bruker", "bruker", ()),), '../x"y/')
    assert html == '<p><a class="mg-term" href="../x&quot;y/#bruker">bruker</a></p>'


# --- The built site ------------------------------------------------------------------------------


def glossary_rows(built, lang: str) -> set[str]:
    return {row["id"] for row in built.page(f"{language_root(lang)}ordliste/").select("tbody tr[id]")}


def test_the_glossary_page_has_an_anchor_per_term_and_no_marks_of_its_own(built, glossary):
    for lang in LANGUAGES:
        assert glossary_rows(built, lang) == {term["id"] for term in glossary["terms"]}
        assert built.page(f"{language_root(lang)}ordliste/").select("a.mg-term") == []


def test_every_mark_leads_to_its_term_in_the_page_language_once_per_section_never_in_a_heading_or_link(built, glossary):
    by_id = {term["id"]: term for term in glossary["terms"]}
    pages_with_marks = Counter()
    for path in built.html_pages():
        address = path.relative_to(built.root).as_posix()
        page = built.page(address)
        lang = language_of(address)
        seen = set()
        for mark in page.select("article a.mg-term"):
            assert not mark.find_parent(list(UNMARKED)), (address, mark)
            target = urlsplit(urljoin("/" + address, mark["href"]))
            assert target.path == f"/{language_root(lang)}ordliste/", (address, mark["href"])
            assert target.fragment in glossary_rows(built, lang)
            term = by_id[target.fragment]
            found_as = forms(term["term"][lang]) + term.get("also", {}).get(lang, [])
            assert " ".join(mark.get_text().split()).casefold() in {form.casefold() for form in found_as}
            section = mark.find_previous(["h1", "h2", "h3", "h4", "h5", "h6"])
            assert (id(section), target.fragment) not in seen, (address, target.fragment)
            seen.add((id(section), target.fragment))
        kind = "method page" if "/metoder/" in f"/{address}" and not address.endswith("metoder/index.html") else "hand-written page"
        if seen:
            pages_with_marks[(lang, kind)] += 1
    assert set(pages_with_marks) == {(lang, kind) for lang in LANGUAGES for kind in ("method page", "hand-written page")}, pages_with_marks


def test_each_language_publishes_its_explanations_as_plain_text(site, glossary):
    for lang in LANGUAGES:
        records = json.loads((site / language_root(lang) / "glossary.json").read_text(encoding="utf-8"))
        assert [(record["id"], record["term"]) for record in records] == [(term["id"], term["term"][lang]) for term in glossary["terms"]]
        assert all(record["definition"] and "<" not in record["definition"] for record in records)


# --- In the browser ------------------------------------------------------------------------------


def explanation_of(site, lang: str, term_id: str) -> dict:
    records = json.loads((site / language_root(lang) / "glossary.json").read_text(encoding="utf-8"))
    return next(record for record in records if record["id"] == term_id)


def first_mark(page) -> tuple:
    mark = page.locator("article a.mg-term").first
    return mark, mark.get_attribute("href").rsplit("#", 1)[1]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_focus_and_hover_show_the_explanation_in_the_page_language_and_escape_hides_it(page, server, site, catalogue, lang):
    page.goto(f"{server}{language_root(lang)}metoder/{catalogue.methods[0]['id']}/")
    mark, term_id = first_mark(page)
    record = explanation_of(site, lang, term_id)
    tip = page.get_by_role("tooltip")
    for _ in range(200):  # the term is reached with the keyboard alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mg-term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term")
    focused_id = page.evaluate("document.activeElement.getAttribute('href').split('#')[1]")
    tip.wait_for(state="visible")
    assert tip.inner_text() == f"{explanation_of(site, lang, focused_id)['term']} {explanation_of(site, lang, focused_id)['definition']}"
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == tip.get_attribute("id")
    results = axe_results(page, WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    page.evaluate("document.activeElement.blur()")
    mark.hover()
    tip.wait_for(state="visible")
    assert record["definition"] in tip.inner_text()
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")


@pytest.mark.browser
def test_a_tap_shows_the_explanation_and_a_second_tap_leads_to_the_glossary(browser, server, site, catalogue):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}sv/om-medvirkning/")
    mark, term_id = first_mark(page)
    address = page.url
    mark.tap()
    tip = page.get_by_role("tooltip")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith(explanation_of(site, "sv", term_id)["term"])
    assert page.url == address
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    mark.tap()
    page.wait_for_url(lambda url: urlsplit(url).path == "/sv/ordliste/" and urlsplit(url).fragment == term_id)
    context.close()
