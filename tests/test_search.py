"""Search stays in the reader's language, and finds Norwegian and Swedish words in other forms
(stemming), in headless Chromium on the served site."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from conftest import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, language_of, language_root, search_site

pytestmark = pytest.mark.browser

# A word in its base form, and an inflection of it, for the languages lunr can stem.
INFLECTIONS = {"no": ("metode", "metodenes"), "sv": ("metod", "metodernas")}


def languages_of(urls: list[str]) -> set[str]:
    return {language_of(urlsplit(url).path) for url in urls}


def article_words(built, lang: str) -> Counter:
    """How many of the language's pages use each word, as the pages show it."""
    pages = [path for path in built.html_pages() if language_of(path.relative_to(built.root).as_posix()) == lang]
    counts = Counter()
    for path in pages:
        article = built.page(path.relative_to(built.root).as_posix()).select_one("article")
        counts.update({word.lower() for word in re.findall(r"\w+", article.get_text(" "))})
    return counts


@pytest.fixture(scope="module")
def word_in_every_language(built) -> str:
    """A word the pages of all three languages use (a name, an abbreviation), found in the built site."""
    counts = {lang: article_words(built, lang) for lang in LANGUAGES}
    shared = [word for word in counts[DEFAULT_LANGUAGE] if len(word) >= 4 and not word.isdigit() and all(word in counts[lang] for lang in LANGUAGES)]
    assert shared, "no word appears in the pages of every language"
    return max(shared, key=lambda word: min(counts[lang][word] for lang in LANGUAGES))


def test_each_language_root_has_a_search_index_of_its_own_pages(built):
    for lang in LANGUAGES:
        index = json.loads((built.root / language_root(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
        pages = {doc["location"].split("#", 1)[0] for doc in index["docs"]}
        assert "" in pages, lang  # the language's home page, at its root
        for page in pages:
            assert built.page(language_root(lang) + page).html["lang"] == HTML_LANG[lang], (lang, page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_pages_of_the_page_language_only(page, server, word_in_every_language, lang):
    page.goto(f"{server}{language_root(lang)}")
    results = search_site(page, word_in_every_language)
    assert languages_of(results) == {lang}, (word_in_every_language, results)


@pytest.mark.parametrize("lang", INFLECTIONS)
def test_search_finds_a_word_in_another_form_than_the_query(page, server, built, lang):
    word, inflected = INFLECTIONS[lang]
    words = article_words(built, lang)
    # The query form starts no word on the pages, so only stemming can find them.
    assert words[word] and not any(other.startswith(inflected) for other in words)
    page.goto(f"{server}{language_root(lang)}")
    results = search_site(page, inflected)
    assert results and languages_of(results) == {lang}
