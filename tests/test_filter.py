"""The Märkning filter on the method list (<language root>/metoder/): the built site's HTML, and the
served site in headless Chromium.

What should match is computed at test time from the published methods.json (values within a facet
combine with OR, facets with AND), and the values chosen are picked from the data, so the tests
hold for any catalogue.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import combinations
from urllib.parse import parse_qs, unquote, urlencode, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import LANGUAGES, language_root

Selection = dict[str, set[str]]  # facet id -> the value ids chosen in it

PHONE = {"width": 375, "height": 740}
FOCUSED_CHECKBOX = "() => { const e = document.activeElement; return e.matches('form.mg-filter input') && [e.name, e.value] }"
FOCUS_OUTLINE = "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]}"

# What a visitor sees of the filter: every checkbox with the count in its label, the methods shown
# and the live status message.
READ_FILTER = """form => ({
  choices: Array.from(form.querySelectorAll('input[type="checkbox"]'), input => ({
    facet: input.name, value: input.value, checked: input.checked, disabled: input.disabled,
    label: input.closest('label').textContent,
  })),
  shown: Array.from(document.querySelectorAll('[data-method-id]'))
    .filter(result => result.getClientRects().length > 0).map(result => result.dataset.methodId),
  status: Array.from(document.querySelectorAll('[aria-live="polite"]'), element => element.textContent.trim()),
})"""


def list_url(lang: str) -> str:
    return f"{language_root(lang)}metoder/"


def methods_json(site, lang: str) -> list[dict]:
    return json.loads((site / language_root(lang) / "methods.json").read_text(encoding="utf-8"))["methods"]


@pytest.fixture(scope="module")
def records(site) -> list[dict]:
    return methods_json(site, "no")


def matching(records: list[dict], selection: Selection) -> set[str]:
    """Ids of the methods carrying at least one chosen value in every facet with a choice."""
    return {
        record["id"]
        for record in records
        if all(set(record["labels"].get(facet, [])) & values for facet, values in selection.items() if values)
    }


def count_with(records: list[dict], selection: Selection, facet: str, value: str) -> int:
    """How many methods a value gives together with the other facets' current choices."""
    return len(matching(records, {**selection, facet: {value}}))


def carried_values(records: list[dict]) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for record in records:
        for facet, values in record["labels"].items():
            counts.setdefault(facet, Counter()).update(values)
    return counts


def narrowing_clicks(records: list[dict], catalogue) -> list[tuple[str, str]]:
    """Choices from the data whose result is not empty: the two values most methods carry in the
    facet with the most values in use (OR), then the value of another facet that the fewest of
    those methods carry (AND)."""
    counts = carried_values(records)
    first = max(counts, key=lambda facet: len(counts[facet]))
    either = [value for value, _ in counts[first].most_common(2)]
    found = [record for record in records if record["id"] in matching(records, {first: set(either)})]
    second = next(
        facet["id"] for facet in catalogue.facets
        if facet["id"] != first and any(record["labels"].get(facet["id"]) for record in found)
    )
    narrowest = Counter(value for record in found for value in record["labels"].get(second, [])).most_common()[-1][0]
    return [(first, value) for value in either] + [(second, narrowest)]


def empty_combination(records: list[dict], catalogue) -> Selection:
    """Two values of different facets that no method carries together, both in use if the data has such a pair."""
    counts = carried_values(records)
    in_use = [(facet, value) for facet in counts for value in counts[facet]]
    unused = [
        (facet["id"], value["id"]) for facet in catalogue.facets for value in facet["values"]
        if not counts.get(facet["id"], {}).get(value["id"])
    ]
    pairs = [*combinations(in_use, 2), *((used, spare) for used in in_use for spare in unused)]
    for (facet, value), (other, other_value) in pairs:
        if facet != other and not matching(records, {facet: {value}, other: {other_value}}):
            return {facet: {value}, other: {other_value}}
    pytest.fail("every pair of values occurs together in the catalogue: no empty combination to try")


def selection_of(clicks: list[tuple[str, str]]) -> Selection:
    selection: Selection = {}
    for facet, value in clicks:
        selection.setdefault(facet, set()).add(value)
    return selection


def selection_in_url(url: str) -> Selection:
    return {facet: set(values) for facet, values in parse_qs(urlsplit(url).query).items()}


def open_list(page, server: str, lang: str = "no", selection: Selection | None = None) -> None:
    query = urlencode([(facet, value) for facet, values in (selection or {}).items() for value in sorted(values)])
    page.goto(f"{server}{list_url(lang)}" + (f"?{query}" if query else ""))
    page.wait_for_selector("form.mg-filter", state="visible")


def checkbox(page, facet: str, value: str):
    return page.locator(f'form.mg-filter input[type="checkbox"][name="{facet}"][value="{value}"]')


def assert_filter_shows(page, records: list[dict], selection: Selection, catalogue, lang: str = "no") -> None:
    """The list, the live count, every value's count and state, and the URL agree with methods.json."""
    selection = {facet: values for facet, values in selection.items() if values}
    # The address follows once the list is painted, and a long list settles over a few frames
    # (docs/assets/filter.js says why).
    page.wait_for_url(lambda url: selection_in_url(url) == selection, timeout=5000)
    page.wait_for_selector('.mg-results:not([aria-busy="true"])', state="attached", timeout=5000)
    state = page.eval_on_selector("form.mg-filter", READ_FILTER)
    expected = matching(records, selection)
    assert sorted(state["shown"]) == sorted(expected)
    message = catalogue.ui["filter_result_count"][lang].format(count=len(expected), total=len(records))
    assert state["status"] == [message if expected else f"{message} {catalogue.ui['filter_no_match'][lang]}"]
    for choice in state["choices"]:
        chosen = choice["value"] in selection.get(choice["facet"], set())
        count = count_with(records, selection, choice["facet"], choice["value"])
        assert choice["checked"] == chosen, choice
        assert re.search(r"\((\d+)\)\s*$", choice["label"]).group(1) == str(count), choice
        # Zero-count values stay visible but disabled; a chosen one never, or it could not be unchosen.
        assert choice["disabled"] == (count == 0 and not chosen), choice


# --- The built HTML ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_facet_is_a_fieldset_of_checkboxes_named_by_ids_and_labelled_in_the_language(built, catalogue, lang):
    form = built.page(list_url(lang)).select_one("form.mg-filter")
    for facet in catalogue.facets:
        inputs = form.select(f'input[name="{facet["id"]}"]')
        assert [(i["type"], i["value"]) for i in inputs] == [("checkbox", value["id"]) for value in facet["values"]]
        for value, checkbox_input in zip(facet["values"], inputs):
            assert checkbox_input.find_parent("fieldset").legend.get_text(strip=True) == facet["label"][lang]
            assert value["label"][lang] in checkbox_input.find_parent("label").get_text()
    assert len(form.select('[aria-live="polite"]')) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_every_label_links_to_its_listing_on_the_tags_index(built, catalogue, lang):
    page_url = "/" + list_url(lang)
    results = built.page(list_url(lang)).select("[data-method-id]")
    assert sorted(result["data-method-id"] for result in results) == sorted(method["id"] for method in catalogue.methods)
    for result in results:
        method = catalogue.methods_by_id[result["data-method-id"]]
        method_page = "/" + list_url(lang) + method["id"] + "/"
        listed = set()
        for link in result.select("a")[1:]:  # the first link is the method's name
            target = urlsplit(urljoin(page_url, link["href"]))
            assert target.path == f"/{language_root(lang)}merking/", link
            heading = built.page(target.path.lstrip("/")).find(id=unquote(target.fragment))
            assert heading is not None, f"{link['href']} has no such anchor"
            tag = heading.get_text(strip=True).rstrip("¶")
            assert tag.endswith(" › " + link.get_text(strip=True))
            listing = heading.find_next_sibling("ul")
            assert method_page in {urljoin(target.path, a["href"]) for a in listing.select("a")}, tag
            listed.add(tag)
        assert listed == {
            f"{facet['label'][lang]} › {catalogue.value_labels[(facet['id'], value)][lang]}"
            for facet in catalogue.facets for value in method["labels"].get(facet["id"], [])
        }


# --- In the browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_without_javascript_no_filter_controls_show_and_every_method_is_listed(browser, server, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang in LANGUAGES:
        page.goto(f"{server}{list_url(lang)}")
        assert page.locator("form.mg-filter").is_hidden()
        assert page.get_by_role("checkbox").count() == 0
        visible = [result for result in page.locator("[data-method-id]").all() if result.is_visible()]
        assert len(visible) == len(catalogue.methods)
        assert page.locator(".mg-results details:not([open])").count() == 0  # every method's labels show
    context.close()


@pytest.mark.browser
def test_values_combine_with_or_within_a_facet_and_with_and_across_facets(page, server, records, catalogue):
    open_list(page, server)
    assert_filter_shows(page, records, {}, catalogue)
    clicks = narrowing_clicks(records, catalogue)
    for done, (facet, value) in enumerate(clicks, start=1):
        checkbox(page, facet, value).check()
        assert_filter_shows(page, records, selection_of(clicks[:done]), catalogue)
    assert matching(records, selection_of(clicks))
    facet, value = clicks[0]
    checkbox(page, facet, value).uncheck()
    assert_filter_shows(page, records, selection_of(clicks[1:]), catalogue)


@pytest.mark.browser
def test_a_combination_nothing_matches_says_so_and_its_choices_can_be_undone(page, server, records, catalogue):
    selection = empty_combination(records, catalogue)
    (facet, values), (other, other_values) = selection.items()
    open_list(page, server, selection=selection)
    assert_filter_shows(page, records, selection, catalogue)
    checkbox(page, other, *other_values).uncheck()
    assert_filter_shows(page, records, {facet: values}, catalogue)
    assert checkbox(page, other, *other_values).is_disabled()


@pytest.mark.browser
def test_one_click_clears_every_choice_and_shows_every_method_again(page, server, records, catalogue):
    open_list(page, server, selection=empty_combination(records, catalogue))
    page.get_by_role("button", name=catalogue.ui["filter_clear"]["no"]).click()
    assert_filter_shows(page, records, {}, catalogue)


@pytest.mark.browser
def test_choices_live_in_the_url_and_the_back_button_steps_through_them(page, server, records, catalogue):
    clicks = narrowing_clicks(records, catalogue)
    open_list(page, server)
    for done, (facet, value) in enumerate(clicks, start=1):
        checkbox(page, facet, value).check()
        assert_filter_shows(page, records, selection_of(clicks[:done]), catalogue)
    for done in range(len(clicks) - 1, -1, -1):
        page.go_back()
        assert_filter_shows(page, records, selection_of(clicks[:done]), catalogue)
    page.go_forward()
    assert_filter_shows(page, records, selection_of(clicks[:1]), catalogue)
    # A bookmarked address, with a facet repeated for several values, gives the same list.
    page.goto(page.url.split("?")[0] + "?" + urlencode(clicks))
    assert_filter_shows(page, records, selection_of(clicks), catalogue)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_same_query_gives_the_same_methods_in_every_language_in_its_words(page, server, site, catalogue, lang):
    records = methods_json(site, lang)
    selection = selection_of(narrowing_clicks(records, catalogue))
    open_list(page, server, lang, selection)
    assert_filter_shows(page, records, selection, catalogue, lang)
    legends = page.locator("form.mg-filter legend").all_inner_texts()
    assert [legend.strip() for legend in legends] == [facet["label"][lang] for facet in catalogue.facets]
    assert page.get_by_role("button", name=catalogue.ui["filter_clear"][lang]).is_visible()


@pytest.mark.browser
def test_the_language_switcher_keeps_the_choices(page, server, site, records, catalogue):
    clicks = narrowing_clicks(records, catalogue)
    open_list(page, server, selection=selection_of(clicks[:1]))
    checkbox(page, *clicks[1]).check()
    assert_filter_shows(page, records, selection_of(clicks[:2]), catalogue)
    page.locator("a.md-select__link[hreflang=sv]").dispatch_event("click")
    page.wait_for_url(lambda url: urlsplit(url).path == f"/{list_url('sv')}")
    assert_filter_shows(page, methods_json(site, "sv"), selection_of(clicks[:2]), catalogue, "sv")


@pytest.mark.browser
def test_the_filter_works_with_the_keyboard_alone_with_visible_focus(page, server, records, catalogue):
    open_list(page, server)
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_CHECKBOX)
        if focused:
            break
    else:
        pytest.fail("Tab never reached a checkbox of the filter")
    focus = page.evaluate(FOCUS_OUTLINE)
    assert focus[0] != "none" and focus[1] > 0, focus
    page.keyboard.press("Space")
    assert_filter_shows(page, records, {focused[0]: {focused[1]}}, catalogue)
    page.keyboard.press("Space")
    assert_filter_shows(page, records, {}, catalogue)
    # The facet's fold button comes just before its values.
    page.keyboard.press("Shift+Tab")
    toggle = page.locator("form.mg-filter legend button:focus")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert checkbox(page, *focused).is_hidden()


@pytest.mark.browser
def test_on_a_phone_the_facets_fold_and_leave_the_results_in_view(browser, server, records, catalogue):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_list(page, server)
    toggles = page.locator("form.mg-filter legend button")
    assert toggles.count() == len(catalogue.facets)
    assert {toggle.get_attribute("aria-expanded") for toggle in toggles.all()} == {"false"}
    assert page.locator("form.mg-filter").bounding_box()["height"] < PHONE["height"]
    assert page.locator("[data-method-id]").first.is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    facet, value = narrowing_clicks(records, catalogue)[0]
    page.locator(f'fieldset:has(input[name="{facet}"]) legend button').tap()
    checkbox(page, facet, value).tap()
    assert_filter_shows(page, records, {facet: {value}}, catalogue)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, PHONE["width"]])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations_on_the_method_list_in_use(browser, server, records, catalogue, lang, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    # Checked, unchecked and disabled values all on show, every facet and every result's labels unfolded.
    open_list(page, server, lang, selection_of(narrowing_clicks(records, catalogue)))
    for toggle in page.locator("form.mg-filter legend button").all():
        if toggle.get_attribute("aria-expanded") == "false":
            toggle.click()
    for labels in page.locator(".mg-results summary:visible").all():
        labels.click()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    context.close()
