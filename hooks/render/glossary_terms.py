"""Glossary terms marked where they are read (pure functions, no MkDocs).

In a page's HTML, the first occurrence of each glossary term in each section (the text from one
heading to the next) becomes a link to the term's row on the glossary page,
<a class="mg-term" href="…/ordliste/#ID">term</a>; docs/assets/glossary.js shows the explanation
beside it on hover, keyboard focus and touch. Never inside a heading, a link or another element
where a link cannot go or would mislead (code, buttons, labels, term names of a description list,
table headers, the titles of cited works).

A term is found as written in the glossary, whole words only, in any case; a term in capitals
(DPS, CHIME) only in capitals. "individuell plan (Norge)" is found as "individuell plan", and an
abbreviation in brackets, as in "distriktspsykiatrisk senter (DPS)", also on its own; so are the
other forms the glossary lists for it ("also": plurals, other inflections).

Finding is by word: each term's first word is found in the page by substring search (in C) and
kept where it is a whole word, and only there is the term matched in full: about 0.3 ms a method
page, where a loop over every word took 1.9 ms and one expression of all first words 4.3 ms.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from .templates import markdown_html

GLOSSARY_PAGE = "ordliste/"  # docs/<lang>/ordliste.md, at <language root>/ordliste/
# Elements whose text is never marked.
UNMARKED = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "button", "label", "summary", "legend", "select", "option",
    "textarea", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "template", "dt", "th", "caption", "time",
    "cite",  # a published title is quoted as it is
})
# Blocks whose text is never marked, by class: a method page's record (sources, material, laws,
# dates, history and how to cite it) quotes names and titles as they are published.
UNMARKED_CLASSES = frozenset({"mg-references", "mg-material", "mg-laws", "mg-dates", "mg-history", "mg-citation"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The HTML is the build's own (cmark, Jinja, Python-Markdown): tag names in lower case.
_HEADING_START = re.compile(r"<h[1-6][\s>]")
_UNMARKED_TAG = re.compile(r"<(/?)(" + "|".join(sorted(UNMARKED, key=len, reverse=True)) + r")[\s>]")
_TAG_NAME = re.compile(r"<([a-z][a-z0-9]*)")
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
def term_table(terms: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, list[Term]]:
    """{first word, in lower case: [Term, longest form first]} for (id, term, other forms) in one language."""
    table: dict[str, list[tuple[int, Term]]] = {}
    for term_id, term, also in terms:
        for form in forms(term) + list(also):
            table.setdefault(_WORD.match(form).group().lower(), []).append((len(form), Term(term_id, _pattern(form))))
    return {word: [term for _, term in sorted(found, key=lambda item: -item[0])] for word, found in table.items()}


def term_list(glossary: dict, lang: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple((term["id"], term["term"][lang], tuple(term.get("also", {}).get(lang, ()))) for term in glossary["terms"])


class _Places:
    """Where in a page's HTML text may be marked: outside tags and unmarked elements, and which
    section (counted from the headings) a position is in. Built from the few tags that matter,
    found by regular expressions, not from a walk over every tag."""

    def __init__(self, page: str):
        self.page = page
        self.sections = [heading.start() for heading in _HEADING_START.finditer(page)]
        self.unmarked = []
        open_elements: dict[str, list[int]] = {}
        for tag in _UNMARKED_TAG.finditer(page):
            closing, name = tag.group(1), tag.group(2)
            if not closing:
                open_elements.setdefault(name, []).append(tag.start())
            elif open_elements.get(name):
                self.unmarked.append((open_elements[name].pop(), tag.end()))
        self.unmarked += _unmarked_blocks(page)
        # An element left open (invalid HTML) keeps the rest of the page unmarked.
        self.unmarked += [(start, len(page)) for starts in open_elements.values() for start in starts]
        self.unmarked.sort()
        self._unmarked_starts = [start for start, _ in self.unmarked]
        self._furthest_end = []
        furthest = -1
        for _, end in self.unmarked:
            furthest = max(furthest, end)
            self._furthest_end.append(furthest)

    def markable(self, position: int) -> bool:
        if self.page.rfind("<", 0, position) > self.page.rfind(">", 0, position):
            return False  # inside a tag (an attribute's value); text holds < and > only as &lt; and &gt;
        element = bisect.bisect_right(self._unmarked_starts, position) - 1
        return element < 0 or self._furthest_end[element] <= position

    def section(self, position: int) -> int:
        return bisect.bisect_right(self.sections, position)


def _unmarked_blocks(page: str) -> list[tuple[int, int]]:
    """(start, end) of each element with an unmarked class, found by its class name."""
    blocks = []
    for name in UNMARKED_CLASSES:
        at = page.find(name)
        while at >= 0:
            tag_start = page.rfind("<", 0, at)
            tag = _TAG_NAME.match(page, tag_start)
            end_of_tag = page.find(">", at)
            if tag and page.rfind(">", 0, at) < tag_start and re.search(rf'\bclass="(?:[^"]*\s)?{name}[\s"]', page[tag_start:end_of_tag]):
                blocks.append((tag_start, _end_of(page, tag.group(1), end_of_tag + 1)))
            at = page.find(name, at + len(name))
    return blocks


def _end_of(page: str, name: str, after: int) -> int:
    """Where the element named `name` whose start tag ends at `after` ends, nested ones counted."""
    depth = 1
    for tag in re.finditer(rf"<(/?){name}[\s>]", page[after:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return after + tag.end()
    return len(page)
def _lowered(page: str) -> str:
    """The page in lower case, every character where it was (str.lower lengthens a few, such as İ)."""
    lowered = page.lower()
    return lowered if len(lowered) == len(page) else "".join(c.lower() if len(c.lower()) == 1 else c for c in page)


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _word_starts(lowered: str, table: dict[str, list[Term]]) -> list[int]:
    """Where a word that starts a term begins, in order: each first word found by substring search
    (in C), kept where it is a whole word."""
    starts = []
    for word in table:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _is_word_character(lowered[at - 1])) and (end == len(lowered) or not _is_word_character(lowered[end])):
                starts.append(at)
            at = lowered.find(word, end)
    return sorted(starts)


def mark_terms(page: str, terms: tuple[tuple[str, str, tuple[str, ...]], ...], glossary_href: str) -> str:
    """The page's HTML with the first occurrence of each term in each section linked to its row on
    the glossary page at the relative address glossary_href."""
    table = term_table(terms)
    lowered = _lowered(page)
    places = None
    marked: set[tuple[int, str]] = set()
    pieces, done = [], 0
    for start in _word_starts(lowered, table):
        if start < done or page[start - 1:start] == "-":
            continue
        places = places or _Places(page)
        if not places.markable(start):
            continue
        section = places.section(start)
        for term in table[_WORD.match(lowered, start).group()]:
            found = term.pattern.match(page, start)
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
