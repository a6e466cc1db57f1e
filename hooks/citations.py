"""How sources are shown and how a method page is cited (pure functions, no MkDocs).

A source of the register links to https://doi.org/<DOI> when it has a DOI, else to its confirmed
address, else to nothing. A method page is cited as "Medvirkningsguiden. <title>. <last reviewed>.
<address>" on the page, and the same as RIS and BibTeX files beside it for reference managers.
Every value comes from data/ and is written so that it cannot break out of its field: RIS fields
are one line each, BibTeX values have their special characters escaped.
"""

from __future__ import annotations

import re

from catalogue.registers import DOI_RESOLVER

SITE_NAME = "Medvirkningsguiden"
# BibTeX (and LaTeX under it) treats these as commands or groups; each is written as its escape.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "$": r"\$", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")
# The language of a page for reference managers (RIS LA, biblatex langid).
LANGUAGE_NAMES = {"no": ("nb", "norsk"), "sv": ("sv", "swedish"), "se": ("se", "northernsami")}


def source_address(source: dict) -> str | None:
    """Where a source can be read: its DOI's address, else its confirmed address."""
    return DOI_RESOLVER + source["doi"] if source.get("doi") else source.get("url")


def source_details(source: dict, lang: str) -> str | None:
    """Volume, pages or report number are one text; details in words are given in each language."""
    details = source.get("details")
    return details[lang] if isinstance(details, dict) else details


def source_entry(source: dict, lang: str) -> dict:
    """A source as a page in `lang` lists it: the register's fields, its details in that language, the
    address its title links to, and whether the title is only a description (in square brackets)."""
    return {**source, "details": source_details(source, lang), "address": source_address(source),
            "container": source.get("journal") or source.get("publisher"), "described": source["title"].startswith("[")}


def one_line(text: str) -> str:
    """A value on one line, its runs of whitespace (line breaks too) as single spaces."""
    return " ".join(str(text).split())


def ris(title: str, reviewed: str, address: str, lang: str) -> str:
    """The page as an RIS record (an electronic source): one "TAG  - value" line per field."""
    fields = [("TY", "ELEC"), ("TI", title), ("T2", SITE_NAME), ("PB", SITE_NAME), ("PY", reviewed[:4]),
              ("DA", reviewed.replace("-", "/")), ("UR", address), ("LA", LANGUAGE_NAMES[lang][0])]
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in fields) + "ER  - \r\n"


def bibtex_value(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match.group()], one_line(text))


def bibtex(key: str, title: str, reviewed: str, address: str, lang: str, reviewed_label: str) -> str:
    """The page as a biblatex @online entry; `key` is the method's id (lower-case letters, digits, hyphens)."""
    fields = [("title", title), ("organization", SITE_NAME), ("date", reviewed), ("url", address),
              ("langid", LANGUAGE_NAMES[lang][1]), ("note", f"{reviewed_label} {reviewed}")]
    lines = [f"  {name} = {{{bibtex_value(value)}}}," for name, value in fields]
    return "@online{" + f"{SITE_NAME.lower()}-{key}-{lang}" + ",\n" + "\n".join(lines) + "\n}\n"
