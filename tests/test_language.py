"""Every page says which language it is in and where its translations are, and the Northern Sami
pages carry no Norwegian (or English) interface text (the built site's HTML)."""

from __future__ import annotations

import copy
import re

from bs4 import Comment, Doctype

from conftest import HTML_LANG, LANGUAGES, SITE_URL, language_of, language_root


def language_and_path(built, path) -> tuple[str, str]:
    """(language, address within the language root) of a built page."""
    relative = path.relative_to(built.root).as_posix().removesuffix("index.html")
    lang = language_of(relative)
    return lang, relative.removeprefix(language_root(lang))


def test_every_page_links_each_translation_by_its_full_address_and_language(built):
    pages = built.html_pages()
    assert pages
    for path in pages:
        lang, within = language_and_path(built, path)
        page = built.page(path.relative_to(built.root).as_posix())
        alternates = {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}
        assert alternates == {other: f"{SITE_URL}{language_root(other)}{within}" for other in LANGUAGES}, path
        for other, address in alternates.items():
            translation = built.page(address.removeprefix(SITE_URL))
            assert translation.html["lang"] == HTML_LANG[other], address


def test_language_names_in_the_switcher_are_marked_with_their_own_language(built):
    for lang in LANGUAGES:
        names = built.page(language_root(lang)).select("a.md-select__link[hreflang]")
        assert {name["hreflang"]: name.get("lang") for name in names} == {other: HTML_LANG[other] for other in LANGUAGES}


def interface_strings(page) -> set[str]:
    """The texts a page shows or reads out besides its article: the theme's interface, and the
    titles and labels anywhere. Text marked as another language (lang) is left out: the names of
    the other languages are rightly written in those languages."""
    page = copy.copy(page)
    page_lang = page.html["lang"]
    for element in page.select("[lang]"):
        if element.name != "html" and element["lang"] != page_lang:
            element.decompose()
    labels = {element[attribute] for attribute in ("title", "aria-label", "placeholder") for element in page.select(f"[{attribute}]")}
    for element in page.select("article, script, style, head"):
        element.decompose()
    texts = {text.strip() for text in page.find_all(string=True) if not isinstance(text, (Comment, Doctype))}
    return {" ".join(text.split()) for text in labels | texts if re.search(r"[^\W\d_]", text)}


def test_sami_pages_share_no_interface_text_with_the_norwegian_pages(built):
    sami_pages = [path for path in built.html_pages() if language_and_path(built, path)[0] == "se"]
    assert sami_pages
    for path in sami_pages:
        sami = built.page(path.relative_to(built.root).as_posix())
        norwegian = built.page(language_and_path(built, path)[1])
        names = {sami.select_one("a.md-logo")["title"]} | {name.get_text(strip=True) for name in sami.select(".md-source__repository")}
        assert interface_strings(sami) & interface_strings(norwegian) - names == set(), path
