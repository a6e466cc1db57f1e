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
