"""The Märkning filter on the method list (<language root>/metoder/): the built site's HTML, and the
served site in headless Chromium.

What should match is computed at test time from the published methods.json (values within a facet
combine with OR, facets with AND; the evidence level is a facet of its own), and the values chosen
are picked from the data, so the tests hold for any catalogue (tests/list_helpers.py).
"""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import LANGUAGES, axe_results, language_root
from list_helpers import (
    assert_filter_shows, checkbox, empty_combination, filter_facet_ids, list_url, matching, methods_json, narrowing_clicks,
    open_list, selection_of, state_in_url,
)
from render.alphabetical import in_name_order
from render.method_list import FIRST_RESULTS, list_facets

PHONE = {"width": 375, "height": 740}
FOCUSED_CHECKBOX = "() => { const e = document.activeElement; return e.matches('form.mg-filter input') && [e.name, e.value] }"
FOCUS_OUTLINE = "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]}"


@pytest.fixture(scope="module")
def records(site) -> list[dict]:
    return methods_json(site, "no")


# --- The built HTML ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_facet_and_the_evidence_levels_are_fieldsets_of_checkboxes_named_by_ids_and_labelled_in_the_language(built, catalogue, lang):
    form = built.page(list_url(lang)).select_one("form.mg-filter")
    facets = [(facet["id"], facet["label"][lang], [(value["id"], value["label"][lang]) for value in facet["values"]]) for facet in catalogue.facets]
    evidence = ("evidence", catalogue.ui["evidence_level"][lang], [(level, value["label"][lang]) for level, value in catalogue.evidence_levels.items()])
    for facet_id, facet_label, values in [*facets, evidence]:
        inputs = form.select(f'input[name="{facet_id}"]')
        assert [(i["type"], i["value"]) for i in inputs] == [("checkbox", value_id) for value_id, _ in values]
        for (_, value_label), checkbox_input in zip(values, inputs):
            assert checkbox_input.find_parent("fieldset").legend.get_text(strip=True) == facet_label
            assert value_label in checkbox_input.find_parent("label").get_text()
    assert len(form.select('[aria-live="polite"]')) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_every_label_links_to_its_listing_on_the_tags_index(built, catalogue, lang):
    page_url = "/" + list_url(lang)
    results = built.page(list_url(lang)).select(".mg-results [data-method-id]")
    assert [result["data-method-id"] for result in results] == [method["id"] for method in in_name_order(catalogue, lang)][:FIRST_RESULTS]
    for result in results:
        method = catalogue.methods_by_id[result["data-method-id"]]
        method_page = "/" + list_url(lang) + method["id"] + "/"
        listed = set()
        for link in result.select("a.md-tag"):
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
def test_without_javascript_no_filter_controls_show_and_the_first_methods_are_listed(browser, server, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang in LANGUAGES:
        page.goto(f"{server}{list_url(lang)}")
        assert page.locator("form.mg-filter").is_hidden()
        assert page.get_by_role("checkbox").count() == 0
        visible = [result for result in page.locator(".mg-results [data-method-id]").all() if result.is_visible()]
        assert len(visible) == min(len(catalogue.methods), FIRST_RESULTS)
        # The rest are reached through the tags index (tests/test_method_list.py, at scale).
        assert page.locator(".mg-nojs-note").count() == (len(catalogue.methods) > FIRST_RESULTS)
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
    page.goto(page.url.split("?")[0] + "?" + "&".join(f"{facet}={value}" for facet, value in clicks))
    assert_filter_shows(page, records, selection_of(clicks), catalogue)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_same_query_gives_the_same_methods_in_every_language_in_its_words(page, server, site, catalogue, lang):
    records = methods_json(site, lang)
    selection = selection_of(narrowing_clicks(records, catalogue))
    open_list(page, server, lang, selection)
    assert_filter_shows(page, records, selection, catalogue, lang)
    legends = page.locator("form.mg-filter legend").all_inner_texts()
    assert [legend.strip() for legend in legends] == [facet["label"] for facet in list_facets(catalogue, lang)]
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
@pytest.mark.parametrize("lang", ["sv", "se"])
def test_a_language_link_clicked_right_after_a_choice_keeps_it(page, server, site, records, catalogue, lang):
    """Issue 11, item 7: the choice is in the link before the history entry is written (a frame later)."""
    (facet, value), (other, other_value) = narrowing_clicks(records, catalogue)[1:]
    open_list(page, server, selection={facet: {value}})
    page.evaluate(
        """([name, value, lang]) => {
          document.querySelector(`form.mg-filter input[name="${name}"][value="${value}"]`).click();
          document.querySelector(`a.md-select__link[hreflang="${lang}"]`).click();
        }""",
        [other, other_value, lang],
    )
    page.wait_for_url(lambda url: urlsplit(url).path == f"/{list_url(lang)}")
    assert_filter_shows(page, methods_json(site, lang), {facet: {value}, other: {other_value}}, catalogue, lang)


@pytest.mark.browser
def test_a_query_longer_than_a_host_accepts_is_not_copied_into_the_language_links(page, server, records, catalogue):
    facet, value = narrowing_clicks(records, catalogue)[0]
    junk = "x" * 9000  # hosts answer 414 above about 8 KB
    page.goto(f"{server}{list_url('no')}?{facet}={value}&junk={junk}&{facet}=<b>")
    page.wait_for_selector("form.mg-filter", state="visible")
    assert_filter_shows(page, records, {facet: {value}}, catalogue)  # the address keeps what the list understood
    links = page.eval_on_selector_all("a.md-select__link[hreflang]", "links => links.map(link => link.getAttribute('href'))")
    assert len(links) == len(LANGUAGES)
    for link in links:
        assert state_in_url(link) == ({facet: {value}}, "name"), link
        assert len(link) < 8 * 1024


@pytest.mark.browser
def test_the_evidence_levels_combine_with_the_other_facets_by_address_and_by_click(page, server, site, records, catalogue):
    steps = list(catalogue.evidence_levels)
    carried = [step for step in steps if any(record["evidence_level"] == step for record in records)]
    (facet, value), *_ = narrowing_clicks(records, catalogue)
    # By address: two evidence levels (OR) with a value of another facet (AND).
    selection = {"evidence": set(carried[:2]), facet: {value}}
    open_list(page, server, selection=selection)
    assert_filter_shows(page, records, selection, catalogue)
    # By click: one more evidence level (if another gives methods here), then one less.
    chosen = set(carried[:2])
    addable = [step for step in steps if step not in chosen and checkbox(page, "evidence", step).is_enabled()]
    for step in addable[:1]:
        checkbox(page, "evidence", step).check()
        chosen.add(step)
        assert_filter_shows(page, records, {**selection, "evidence": chosen}, catalogue)
    checkbox(page, "evidence", carried[0]).uncheck()
    assert_filter_shows(page, records, {**selection, "evidence": chosen - {carried[0]}}, catalogue)
    # In every language the same levels give the same methods.
    for lang in ("sv", "se"):
        open_list(page, server, lang, {"evidence": {carried[0]}})
        assert_filter_shows(page, methods_json(site, lang), {"evidence": {carried[0]}}, catalogue, lang)


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
    assert toggles.count() == len(filter_facet_ids(catalogue))
    assert {toggle.get_attribute("aria-expanded") for toggle in toggles.all()} == {"false"}
    assert page.locator("form.mg-filter").bounding_box()["height"] < PHONE["height"]
    assert page.locator(".mg-results [data-method-id]").first.is_visible()
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
    # Two methods marked for comparison (the bar at the foot of the list) and another order.
    for mark in page.locator(".mg-results .mg-result:not([hidden]) .mg-compare-mark input").all()[:2]:
        mark.check()
    page.select_option('form.mg-filter select[name="sort"]', "evidence")
    page.wait_for_selector('.mg-results:not([aria-busy="true"])', state="attached")
    results = axe_results(page)
    assert results.violations_count == 0, results.generate_report()
    context.close()
