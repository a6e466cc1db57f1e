"""Northern Sami pages carry a complete Sami interface: no English left from the theme."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
SAMI_PARTIAL = ROOT / "overrides" / "partials" / "languages" / "se.html"
# Values that are codes, not words: the same in every language.
CODES = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def translations(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"), re.MULTILINE))


def test_sami_partial_translates_every_key_of_the_theme():
    english, sami = translations(MATERIAL_LANGUAGES / "en.html"), translations(SAMI_PARTIAL)
    assert set(sami) == set(english)
    assert sami["language"] == "se"
    untranslated = [key for key in english if key not in CODES and sami[key].strip() in ("", english[key])]
    assert untranslated == []


def interface_text(html: str) -> str:
    """Visible text and labels of the page outside the article (the theme's interface)."""
    html = re.sub(r"<article.*?</article>", " ", html, flags=re.DOTALL)
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.DOTALL)
    attributes = " ".join(re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attributes


@pytest.fixture(scope="module")
def english_words():
    english = translations(MATERIAL_LANGUAGES / "en.html")
    return sorted({value for key, value in english.items() if key not in CODES and re.fullmatch(r"[A-Za-z][A-Za-z ]{3,}", value)})


def test_no_english_interface_text_on_sami_pages(built, english_words):
    sami_pages = [path for path in built.html_pages() if path.relative_to(built.root).parts[0] == "se"]
    assert sami_pages
    for path in sami_pages:
        text = interface_text(path.read_text(encoding="utf-8"))
        found = [word for word in english_words if re.search(rf"\b{re.escape(word)}\b", text)]
        assert found == [], (path.relative_to(built.root).as_posix(), found)
