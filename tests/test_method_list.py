"""The method list beyond filtering (<language root>/metoder/): sorting, the first methods in the
HTML and the rest on demand, marking methods to compare, and the spreadsheet of what it shows.

Expectations come from the published methods.json (tests/list_helpers.py). Besides the real site,
a longer synthetic catalogue (more methods than the page holds as HTML, dates that differ, texts
with separators, quotes, line breaks and formula characters) is built once for this module.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import sys
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import LANGUAGES, ROOT, copy_project, free_port, language_root, run_mkdocs_build, serving
from list_helpers import (
    assert_filter_shows, checkbox, filter_labels, in_order, list_url, matching, methods_json, narrowing_clicks, open_list,
    selection_of,
)
from render.method_list import FIRST_RESULTS

pytestmark = pytest.mark.browser

LONG = 2 * FIRST_RESULTS + 7  # three pages of results
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_TITLE = '=HYPERLINK("https://example.org/x";"klikk"); «sitat», semikolon'
HOSTILE_LEAD = '@SUM(1;2) og "anførsel"\nandre linje, med komma'


# --- A longer catalogue ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    """(directory, address) of a built and served site with LONG methods."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_catalogue

    data = synthetic_catalogue(LONG, seed=7)
    for number, method in enumerate(data["methods"]):
        method["first_published"] = datetime.date(2024, 6, 1)
        method["last_reviewed"] = datetime.date(2025, 1, 1) + datetime.timedelta(days=(number * 37) % 300)
    data["methods"][-1]["title"] = {lang: f"{HOSTILE_TITLE} {lang}" for lang in LANGUAGES}
    data["methods"][-1]["lead"] = {lang: HOSTILE_LEAD for lang in LANGUAGES}
    project = copy_project(tmp_path_factory.mktemp("long") / "project")
    (project / "data" / "methods.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    port = free_port()
    site = project.parent / "site"
    result = run_mkdocs_build(project, site, f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    with serving(site, port) as url:
        yield site, url


def open_long_list(page, long_site, lang="no", selection=None, sort="name") -> list[dict]:
    site, url = long_site
    open_list(page, url, lang, selection, sort)
    return methods_json(site, lang)


def test_the_long_list_holds_its_first_methods_as_html_and_points_to_the_tags_index_for_all(long_site, browser, catalogue):
    site, url = long_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    for lang in LANGUAGES:
        records = methods_json(site, lang)
        tab.goto(f"{url}{list_url(lang)}")
        shown = tab.eval_on_selector_all(".mg-results [data-method-id]", "items => items.map(item => item.dataset.methodId)")
        assert shown == in_order(records, catalogue, lang)[:FIRST_RESULTS]
        note = tab.locator(".mg-nojs-note")
        assert note.is_visible() and str(LONG) in note.inner_text()
        tab.locator(".mg-nojs-note a").click()
        tab.wait_for_url(lambda address: urlsplit(address).path == f"/{language_root(lang)}merking/")
        # The tags index, reached without JavaScript, lists every method.
        listed = {urlsplit(urljoin(tab.url, href)).path for href in tab.eval_on_selector_all("article a[href]", "links => links.map(l => l.getAttribute('href'))")}
        assert {f"/{record['url']}" for record in records} <= listed
    context.close()


def test_the_long_list_shows_more_on_demand_and_fetches_the_texts_only_then(long_site, page, catalogue):
    fetched = []
    page.on("request", lambda request: request.url.endswith(("methods.json", "texts.json")) and fetched.append(request.url))
    records = open_long_list(page, long_site)
    assert_filter_shows(page, records, {}, catalogue)
    assert fetched == []  # the first page of results needs no more than the HTML
    more = page.get_by_role("button", name=catalogue.ui["list_show_more"]["no"])
    more.click()
    assert_filter_shows(page, records, {}, catalogue, shown=2 * FIRST_RESULTS)
    assert [urlsplit(address).path for address in fetched] == [f"/{list_url('no')}texts.json"]  # the names and leads only, once
    # Keyboard users continue at the first method added.
    assert page.evaluate("document.activeElement.closest('[data-method-id]').dataset.methodId") == in_order(records, catalogue, "no")[FIRST_RESULTS]
    more.click()
    assert_filter_shows(page, records, {}, catalogue, shown=LONG)
    assert more.is_hidden()
    assert len(fetched) == 1


@pytest.mark.parametrize("sort", ["evidence", "reviewed"])
def test_a_filter_or_sort_that_shows_methods_not_in_the_html_fetches_them(long_site, page, catalogue, sort):
    site, url = long_site
    records = methods_json(site, "sv")
    selection = selection_of(narrowing_clicks(records, catalogue)[:1])
    open_list(page, url, "sv", selection, sort)
    assert_filter_shows(page, records, selection, catalogue, "sv", sort)
    added = [item for item in page.eval_on_selector_all(".mg-results [data-method-id]", "items => items.map(i => i.dataset.methodId)")
             if item not in in_order(records, catalogue, "sv")[:FIRST_RESULTS]]
    assert added, "the test should show methods that are not in the HTML"
    # Those methods read as the others: name linking to the page, lead, evidence level, date, labels.
    by_id = {record["id"]: record for record in records}
    for method_id in added:
        item = page.locator(f'.mg-results [data-method-id="{method_id}"]')
        record = by_id[method_id]
        assert item.locator(".mg-result__title").inner_text() == record["title"]
        assert urljoin(page.url, item.locator(".mg-result__title").get_attribute("href")) == urljoin(url, record["url"])
        assert item.locator(".mg-result__lead").inner_text() == " ".join(record["lead"].split())
        assert item.locator(".mg-result__evidence").inner_text() == catalogue.evidence_levels[record["evidence_level"]]["label"]["sv"]
        assert item.locator("time").get_attribute("datetime") == record["last_reviewed"]
        item.locator("summary").click()  # the labels are folded, and made when unfolded
        item.locator(".mg-labels a.md-tag").first.wait_for()
        tags = item.locator(".mg-labels a.md-tag").all_inner_texts()
        assert tags == [catalogue.value_labels[(facet["id"], value["id"])]["sv"] for facet in catalogue.facets for value in facet["values"]
                        if value["id"] in record["labels"].get(facet["id"], [])]  # in the vocabulary's order


# --- Sorting ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_list_sorts_by_name_evidence_level_and_last_review_and_keeps_the_order_in_the_address(page, server, site, catalogue, lang):
    records = methods_json(site, lang)
    selection = selection_of(narrowing_clicks(records, catalogue)[:1])
    open_list(page, server, lang, selection)
    assert_filter_shows(page, records, selection, catalogue, lang)
    for sort in ("evidence", "reviewed", "name"):
        page.select_option('form.mg-filter select[name="sort"]', sort)
        assert_filter_shows(page, records, selection, catalogue, lang, sort)
    page.select_option('form.mg-filter select[name="sort"]', "evidence")
    assert_filter_shows(page, records, selection, catalogue, lang, "evidence")
    page.go_back()
    assert_filter_shows(page, records, selection, catalogue, lang, "name")
    page.go_forward()
    assert_filter_shows(page, records, selection, catalogue, lang, "evidence")


def test_the_order_survives_the_language_switcher(page, server, site, catalogue):
    records = methods_json(site, "no")
    selection = selection_of(narrowing_clicks(records, catalogue)[:1])
    open_list(page, server, "no", selection, "evidence")
    page.select_option('form.mg-filter select[name="sort"]', "reviewed")
    page.locator("a.md-select__link[hreflang=se]").dispatch_event("click")
    page.wait_for_url(lambda url: urlsplit(url).path == f"/{list_url('se')}")
    assert_filter_shows(page, methods_json(site, "se"), selection, catalogue, "se", "reviewed")


def test_sorting_the_long_list_orders_every_method_not_only_those_in_the_html(long_site, page, catalogue):
    records = open_long_list(page, long_site, sort="reviewed")
    assert_filter_shows(page, records, {}, catalogue, sort="reviewed")
    newest = max(record["last_reviewed"] for record in records)
    assert page.locator(".mg-results [data-method-id]:not([hidden]) time").first.get_attribute("datetime") == newest


# --- Marking methods to compare --------------------------------------------------------------------


def test_two_to_four_marked_methods_open_their_comparison_and_the_marks_survive_filtering(page, server, site, catalogue):
    records = methods_json(site, "no")
    open_list(page, server)
    order = in_order(records, catalogue, "no")
    bar, open_link = page.locator(".mg-compare-bar"), page.locator(".mg-compare-bar__open")
    mark = lambda method_id: page.locator(f'.mg-results [data-method-id="{method_id}"] .mg-compare-mark input')
    assert bar.is_hidden()
    mark(order[0]).check()
    assert bar.is_visible() and open_link.is_hidden()  # one method is no comparison
    for method_id in order[1:4]:
        mark(method_id).check()
    assert mark(order[4]).is_disabled()  # four at most
    mark(order[3]).uncheck()
    assert mark(order[4]).is_enabled()
    # A filter that hides a marked method keeps it marked.
    others = [level for level in catalogue.evidence_levels if level != filter_labels(next(r for r in records if r["id"] == order[0]))["evidence"][0]]
    hiding = next(level for level in others if matching(records, {"evidence": {level}}))
    checkbox(page, "evidence", hiding).check()
    assert_filter_shows(page, records, {"evidence": {hiding}}, catalogue)
    assert "3" in bar.inner_text()
    checkbox(page, "evidence", hiding).uncheck()
    assert_filter_shows(page, records, {}, catalogue)
    assert [mark(method_id).is_checked() for method_id in order[:4]] == [True, True, True, False]
    open_link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/metoder/sammenlign/")
    assert page.eval_on_selector_all("table.mg-compare thead th[data-method-id]", "cells => cells.map(c => c.dataset.methodId)") == order[:3]


# --- The spreadsheet -------------------------------------------------------------------------------


def expected_spreadsheet(records: list[dict], ids: list[str], catalogue, lang: str, site_url: str) -> list[list[str]]:
    """The rows the spreadsheet should have, from methods.json and the catalogue's names."""
    by_id = {record["id"]: record for record in records}
    facets = [facet for facet in catalogue.facets if facet["id"] != "level"]
    # Each facet's values in the vocabulary's order.
    vocabulary = {facet["id"]: [value["id"] for value in facet["values"]] for facet in catalogue.facets}
    names = lambda facet_id, values: ", ".join(catalogue.value_labels[(facet_id, value)][lang] for value in vocabulary[facet_id] if value in values)
    header = [catalogue.ui["sort_name"][lang], catalogue.ui["export_lead"][lang], catalogue.ui["level"][lang], catalogue.ui["evidence_level"][lang],
              *(facet["label"][lang] for facet in facets), catalogue.ui["last_reviewed"][lang], catalogue.ui["export_address"][lang]]
    as_text = lambda text: f"'{text}" if text.startswith(FORMULA_START) else text
    rows = [
        [as_text(by_id[i]["title"]), as_text(by_id[i]["lead"].strip()), names("level", by_id[i]["labels"].get("level", [])),
         catalogue.evidence_levels[by_id[i]["evidence_level"]]["label"][lang],
         *(names(facet["id"], by_id[i]["labels"].get(facet["id"], [])) for facet in facets),
         by_id[i]["last_reviewed"], urljoin(site_url, by_id[i]["url"])]
        for i in ids
    ]
    return [header, *rows]


def download_spreadsheet(page) -> tuple[str, bytes]:
    with page.expect_download() as download:
        page.locator("a.mg-export").click()
    return download.value.suggested_filename, download.value.path().read_bytes()


def read_back(data: bytes) -> list[list[str]]:
    """The file as a spreadsheet program set to Norwegian or Swedish reads it: UTF-8 after a byte
    order mark, fields separated by semicolons, RFC 4180 quoting, lines ending in CR LF."""
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark"
    text = data.decode("utf-8-sig")
    outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", text)
    assert outside_quotes.endswith("\r\n") and outside_quotes.count("\n") == outside_quotes.count("\r\n")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_spreadsheet_holds_the_methods_shown_after_filter_and_sort(page, server, site, catalogue, lang):
    records = methods_json(site, lang)
    selection = selection_of(narrowing_clicks(records, catalogue)[:2])
    open_list(page, server, lang, selection, "evidence")
    assert_filter_shows(page, records, selection, catalogue, lang, "evidence")
    name, data = download_spreadsheet(page)
    assert name == f"{catalogue.ui['export_file_name'][lang]}.csv"
    ids = [method_id for method_id in in_order(records, catalogue, lang, "evidence") if method_id in matching(records, selection)]
    assert read_back(data) == expected_spreadsheet(records, ids, catalogue, lang, server)
    for letter in {"no": "å", "sv": "ä", "se": "č"}[lang]:
        assert letter in data.decode("utf-8-sig")


def test_the_spreadsheet_of_the_long_list_holds_every_method_and_quotes_what_needs_quoting(long_site, page, catalogue):
    site, url = long_site
    records = open_long_list(page, long_site, sort="reviewed")
    assert_filter_shows(page, records, {}, catalogue, sort="reviewed")
    _, data = download_spreadsheet(page)
    rows = read_back(data)
    assert rows == expected_spreadsheet(records, in_order(records, catalogue, "no", "reviewed"), catalogue, "no", url)
    assert len(rows) == 1 + LONG  # every method, not only those the page holds as HTML
    # The hostile texts: a formula shows as text, and separators, quotes and the line break are
    # inside quoted fields (RFC 4180), so the row has as many fields as the header.
    row = next(row for row in rows if row[0].startswith("'=HYPERLINK"))
    assert row[:2] == [f"'{HOSTILE_TITLE} no", f"'{HOSTILE_LEAD}"]
    assert len(row) == len(rows[0])
    text = data.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""https://example.org/x"";""klikk""); «sitat», semikolon no"' in text
    assert '"\'@SUM(1;2) og ""anførsel""\nandre linje, med komma"' in text
