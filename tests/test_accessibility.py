"""WCAG 2.1 A and AA: axe-core, run in headless Chromium on the served site, finds no violation on any
page type (home, method list, a method page, the tags index, the glossary, and the search dialog
open with results) in any language, in the light and the dark colour scheme, on a desktop and a
phone screen."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, WCAG_21_AA, axe_results, language_root, search_site

pytestmark = pytest.mark.browser

# Material's value of data-md-color-scheme for the system setting the browser reports.
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = (1280, 375)


def page_types(catalogue) -> dict[str, str]:
    """One address per page type, relative to the language root."""
    return {
        "home": "",
        "method list": "metoder/",
        "method page": f"metoder/{catalogue.methods[0]['id']}/",
        "tags index": "merking/",
        "glossary": "ordliste/",
    }


@pytest.fixture(scope="module")
def tab_for(browser, server):
    """One tab per colour scheme and screen width, reused for every page it checks."""
    tabs = {}

    def tab(scheme: str, width: int):
        if (scheme, width) not in tabs:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            tabs[scheme, width] = context.new_page()
        return tabs[scheme, width]

    yield tab
    for opened in tabs.values():
        opened.context.close()


def violations(tab) -> list[str]:
    # Every method in the list as the reader sees it scrolled into view: off screen the browser skips
    # an item's rendering (content-visibility, filter.css), and axe cannot judge colours it has not painted.
    tab.evaluate("""() => {
        document.querySelectorAll('.mg-result').forEach(item => { item.style.contentVisibility = 'visible'; });
        return new Promise(painted => requestAnimationFrame(() => requestAnimationFrame(painted)));
    }""")
    found = axe_results(tab, WCAG_21_AA).response["violations"]
    return [f"{violation['id']}: {[node['target'] for node in violation['nodes'][:5]]}" for violation in found]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_21_aa_violation_on_any_page_type(tab_for, server, catalogue, lang, scheme, width):
    tab = tab_for(scheme, width)
    found = {}
    for page_type, path in page_types(catalogue).items():
        tab.goto(f"{server}{language_root(lang)}{path}")
        assert tab.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], page_type
        found[page_type] = violations(tab)
    first_word_of_a_title = catalogue.methods[0]["title"][lang].split()[0]
    assert search_site(tab, first_word_of_a_title)
    found["search with results"] = violations(tab)
    assert {page_type: problems for page_type, problems in found.items() if problems} == {}
