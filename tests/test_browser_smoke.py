"""The served site in a real headless Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()


def test_method_page_language_switcher_navigates_to_the_same_method(page, server, catalogue):
    method = catalogue.methods[0]
    page.goto(f"{server}sv/metoder/{method['id']}/")
    assert heading(page) == method["title"]["sv"]
    page.hover(".md-header .md-select")
    page.click("a.md-select__link[hreflang=se]")
    page.wait_for_url(f"{server}se/metoder/{method['id']}/")
    assert page.locator("html").get_attribute("lang") == "se"
    assert heading(page) == method["title"]["se"]


def test_a_colour_scheme_chosen_on_any_page_is_kept_on_every_other(page, server, catalogue):
    """Material keeps the reader's choice under the site's root (__md_scope, partials/javascripts/base.html)."""
    page.goto(f"{server}sv/metoder/{catalogue.methods[0]['id']}/")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    chosen = page.evaluate("document.body.dataset.mdColorScheme")
    assert chosen != before
    for address in ("", "se/ordliste/", "metoder/"):
        page.goto(f"{server}{address}")
        assert page.evaluate("document.body.dataset.mdColorScheme") == chosen, address


def test_a_printed_method_page_has_its_text_references_and_address_but_no_site_chrome(page, server, catalogue):
    method = catalogue.methods[0]
    url = f"{server}metoder/{method['id']}/"
    page.goto(url)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-content__button"):
        assert all(not element.is_visible() for element in page.locator(chrome).all()), chrome
    assert page.locator("article h1").first.is_visible()
    assert page.get_by_text(catalogue.sources[method["evidence"]["references"][0]]["title"], exact=False).first.is_visible()
    address = page.locator(".mg-print-address")
    assert address.is_visible() and address.inner_text().strip() == url
    page.emulate_media(media="screen")
    assert not address.is_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_method_list_does_not_jump_when_the_filter_script_runs(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const entry of list.getEntries())"
        " if (!entry.hadRecentInput) window.__shift += entry.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    tab.goto(f"{server}metoder/")
    tab.wait_for_selector(".mg-filter:not([hidden])")
    tab.wait_for_timeout(500)
    shift = tab.evaluate("window.__shift")
    context.close()
    assert shift < 0.05, f"cumulative layout shift {shift:.3f} at {width} px"


# One page of every kind: the widest content each kind carries (tables, the filter, the comparison).
PAGE_KINDS = ("", "metoder/", "metoder/brukerstyrt-innleggelse/", "metoder/sammenlign/", "merking/", "ordliste/", "lovverk/",
              "kurs/", "redaktor/", "tilgjengelighet/")


@pytest.mark.parametrize("lang_root", ["", "sv/", "se/"])
def test_no_page_scrolls_sideways_on_a_320_px_phone(browser, server, lang_root):
    """WCAG 1.4.10 (reflow): at 320 CSS px only a wide table may scroll, inside its own region."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    too_wide = {}
    for kind in PAGE_KINDS:
        tab.goto(f"{server}{lang_root}{kind}")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[kind] = width
    context.close()
    assert not too_wide, f"wider than 320 px: {too_wide}"
