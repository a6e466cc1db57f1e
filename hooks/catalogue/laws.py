"""Law links in texts: [visible words](law:LAW_ID) or [visible words](law:LAW_ID/SECTION).

One definition of the syntax, shared by the checks (an unknown law or a malformed section is an
editor's error with its place) and by the build, which turns each link into the law's official
address (hooks/law_text.py). A Norwegian section is written as Lovdata numbers it (3-1, 2-5b, 108);
a Swedish one as chapter:paragraph (16:4, 5:8a) or as the paragraph of a law without chapters (2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

# In Markdown, before rendering: the link's target, up to its closing parenthesis.
MARKDOWN_LINK = re.compile(r"\]\(law:([^)]*)\)")
ANY_SECTION = re.compile(r"(\d+:)?\d+[a-z]?|\d+-\d+[a-z]?")  # either country's form (laws.schema.json says the same)
SECTION_FORMS = {
    "norway": (re.compile(r"\d+(-\d+)?[a-z]?"), "a section as Lovdata numbers it, such as 3-1, 2-5b or 108"),
    "sweden": (re.compile(r"(\d+:)?\d+[a-z]?"), "chapter:paragraph such as 16:4 or 5:8a, or a paragraph such as 2"),
}


@dataclass(frozen=True)
class LawLink:
    target: str  # what follows law: in the text
    law_id: str
    section: str | None
    column: int  # where law: starts in the text, counted from 0


def law_links(text: str) -> list[LawLink]:
    """Every law link in a Markdown text, in order."""
    links = []
    for match in MARKDOWN_LINK.finditer(text):
        target = match.group(1)
        law_id, _, section = target.partition("/")
        links.append(LawLink(target, law_id, section if "/" in target else None, match.start(1) - len("law:")))
    return links


def section_problem(law: dict, section: str) -> str | None:
    """Why a section cannot be one of this law's (None when its form is right)."""
    pattern, expected = SECTION_FORMS[law["country"]]
    return None if pattern.fullmatch(section) else expected


def law_address(law: dict, section: str | None) -> str | None:
    """The official address of a law or of one of its sections: the section's own where the register
    gives the rule for it (Lovdata), else the law's; None for a law without a confirmed address."""
    if section and law.get("section_url"):
        return law["section_url"].replace("{section}", quote(section, safe=""))
    return law.get("url")


def checked(law: dict, section: str | None) -> bool:
    """Whether the reference material confirms what the page says about this section."""
    return section is None or section in law.get("checked_sections", [])
