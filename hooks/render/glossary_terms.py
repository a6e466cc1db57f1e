"""Glossary terms marked where they are read (pure functions, no MkDocs).

In a page's HTML, the first occurrence of each glossary term in each section (the text from one
heading to the next) becomes a link to the term's row on the glossary page,
<a class="mg-term" href="…/ordliste/#ID">term</a>; docs/assets/glossary.js shows the explanation
beside it on hover, keyboard focus and touch. Never inside a heading, a link or another element
where a link cannot go or would mislead (code, buttons, labels, term names of a description list,
table headers, the titles of cited works).

A term is found as written in the glossary, whole words only, in any case; a term in capitals
(DPS, CHIME) only in capitals. "individuell plan (Norge)" is found as "individuell plan", and an
abbreviation in brackets, as in "distriktspsykiatrisk senter (DPS)", also on its own.

Finding is by word: every word of the page is looked up in a table of the terms' first words
(a few tenths of a millisecond a page), and only those that start a term are matched in full.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from .templates import markdown_html

GLOSSARY_PAGE = "ordliste/"  # docs/<lang>/ordliste.md, at <language root>/ordliste/
# Elements whose text is never marked; void elements have no text and are not listed.
UNMARKED = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "button", "label", "summary", "legend", "select", "option",
    "textarea", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "template", "dt", "th", "caption", "time",
    "cite",  # a published title is quoted as it is
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", re.S)
_WORD = re.compile(r"\w+")
_BRACKETED = re.compile(r"\s*\(([^)]*)\)")
_ABBREVIATION = re.compile(r"[A-ZÆØÅÄÖ]{2,}")


@dataclass(frozen=True)
class Term:
    id: str
    pattern: re.Pattern  # the whole term, matched at a word's start


def forms(term: str) -> list[str]:
    """What a glossary term is found as: the term without what it has in brackets, and each
    abbreviation in the brackets."""
    found = [_BRACKETED.sub("", term).strip()]
    for bracketed in _BRACKETED.findall(term):
        found += [part.strip() for part in bracketed.split(",") if _ABBREVIATION.fullmatch(part.strip())]
    return [form for form in found if _WORD.search(form)]


def _pattern(form: str) -> re.Pattern:
    spaced = r"\s+".join(re.escape(word) for word in form.split())
    flags = 0 if form.isupper() else re.IGNORECASE
    return re.compile(spaced + r"(?![\w-])", flags)


@lru_cache(maxsize=16)
def term_table(terms: tuple[tuple[str, str], ...]) -> dict[str, list[Term]]:
    """{first word, case-folded: [Term, longest form first]} for (id, term) pairs in one language."""
    table: dict[str, list[tuple[int, Term]]] = {}
    for term_id, term in terms:
        for form in forms(term):
            table.setdefault(_WORD.match(form).group().casefold(), []).append((len(form), Term(term_id, _pattern(form))))
    return {word: [term for _, term in sorted(found, key=lambda item: -item[0])] for word, found in table.items()}


def term_list(glossary: dict, lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((term["id"], term["term"][lang]) for term in glossary["terms"])


class _Places:
    """Where in a page's HTML text may be marked: outside tags and unmarked elements, and which
    section (counted from the headings) a position is in."""

    def __init__(self, page: str):
        self.tag_starts, self.tag_ends, self.sections = [], [], []
        unmarked_starts, self.unmarked = [], []
        open_unmarked: dict[str, list[int]] = {}
        for tag in _TAG.finditer(page):
            self.tag_starts.append(tag.start())
            self.tag_ends.append(tag.end())
            closing, name = tag.group(1), (tag.group(2) or "").lower()
            if name in HEADINGS and not closing:
                self.sections.append(tag.start())
            if name in UNMARKED:
                if not closing:
                    open_unmarked.setdefault(name, []).append(tag.start())
                elif open_unmarked.get(name):
                    self.unmarked.append((open_unmarked[name].pop(), tag.end()))
        # An element left open (invalid HTML) keeps the rest of the page unmarked.
        self.unmarked += [(start, len(page)) for starts in open_unmarked.values() for start in starts]
        self.unmarked.sort()
        self._unmarked_starts = [start for start, _ in self.unmarked]
        self._furthest_end = []
        furthest = -1
        for _, end in self.unmarked:
            furthest = max(furthest, end)
            self._furthest_end.append(furthest)

    def markable(self, position: int) -> bool:
        tag = bisect.bisect_right(self.tag_starts, position) - 1
        if tag >= 0 and position < self.tag_ends[tag]:
            return False
        element = bisect.bisect_right(self._unmarked_starts, position) - 1
        return element < 0 or self._furthest_end[element] <= position

    def section(self, position: int) -> int:
        return bisect.bisect_right(self.sections, position)


def mark_terms(page: str, terms: tuple[tuple[str, str], ...], glossary_href: str) -> str:
    """The page's HTML with the first occurrence of each term in each section linked to its row on
    the glossary page at the relative address glossary_href."""
    table = term_table(terms)
    places = None
    marked: set[tuple[int, str]] = set()
    pieces, done = [], 0
    for word in _WORD.finditer(page):
        candidates = table.get(word.group().casefold())
        if not candidates or word.start() < done or page[word.start() - 1:word.start()] == "-":
            continue
        places = places or _Places(page)
        if not places.markable(word.start()):
            continue
        section = places.section(word.start())
        for term in candidates:
            found = term.pattern.match(page, word.start())
            if found and (section, term.id) not in marked and places.markable(found.end() - 1):
                marked.add((section, term.id))
                pieces += [page[done:found.start()], f'<a class="mg-term" href="{html.escape(glossary_href)}#{html.escape(term.id)}">', found.group(), "</a>"]
                done = found.end()
                break
    return "".join(pieces) + page[done:]


def glossary_href(location: str) -> str:
    """The glossary page, relative to a page at `location` within its language root (e.g.
    "metoder/samvalg/" or "" for the home page)."""
    return "../" * location.count("/") + GLOSSARY_PAGE


def glossary_records(glossary: dict, lang: str) -> list[dict]:
    """<language root>/glossary.json, what glossary.js shows: [{id, term, definition}], the
    definition as plain text."""
    return [
        {"id": term["id"], "term": term["term"][lang], "definition": " ".join(html.unescape(re.sub(r"<[^>]+>", "", markdown_html(term["definition"][lang]))).split())}
        for term in glossary["terms"]
    ]
