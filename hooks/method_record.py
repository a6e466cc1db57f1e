"""What a method page says about its record: its sources, material and laws, its dates and changes,
how to cite it and where to suggest a change (pure functions, no MkDocs).

`record_context` gives hooks/templates/record.html.j2 what it shows; the addresses that depend on
where the site and the repository live come in as `PageLinks`, made by hooks/sources_pages.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

import citations
from catalogue import Catalogue
from catalogue.references import review_overdue
from law_text import laws_named

CITATION_FILES = ("ris", "bib")


@dataclass(frozen=True)
class PageLinks:
    """Addresses a method page needs from the build: its own full address and the repository's pages."""

    page_url: str = ""  # the page's full address; empty when the site's address is not known
    new_issue_url: str | None = None  # the repository's "new issue" form, when the repository is known
    history_url: str | None = None  # the catalogue's history in the repository

    @classmethod
    def of(cls, page_url: str | None, repo_url: str | None, extra: dict) -> PageLinks:
        """The links of a page at `page_url`; repository links only when the repository's address is known."""
        if not repo_url:
            return cls(page_url or "")
        base = repo_url.rstrip("/") + "/"
        return cls(page_url or "", base + extra["new_issue_uri"], base + extra["catalogue_history_uri"])


def citation_file_name(method_id: str, kind: str) -> str:
    """The RIS or BibTeX file beside a method page (in its folder)."""
    return f"{method_id}.{kind}"


def texts_of(value) -> list[str]:
    """Every text inside a value (a text, a {language: text} mapping, a list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts_of(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts_of(item)]
    return []


def changes_newest_first(method: dict) -> list[dict]:
    return sorted(method["changes"], key=lambda change: change["date"], reverse=True)


def issue_url(links: PageLinks, title: str, lang: str, ui: dict) -> str | None:
    """The repository's new-issue form with the method and the page's address filled in."""
    if not links.new_issue_url:
        return None
    body = f"{ui['suggest_change'][lang]}\n\n{title}\n{links.page_url}\n"
    return f"{links.new_issue_url}?{urlencode({'title': f'{title}: ', 'body': body})}"


def record_context(catalogue: Catalogue, method: dict, lang: str, links: PageLinks, today: datetime.date | None = None) -> dict:
    """The template context of a method page's record sections."""
    title = method["title"][lang]
    laws = catalogue.laws
    return {
        "references": [citations.source_entry(catalogue.sources[source_id], lang) for source_id in method["evidence"]["references"]],
        "material": [citations.source_entry(catalogue.sources[source_id], lang) for source_id in method["material"]],
        "laws_named": laws_named([text for legal in method["legal_basis"] for text in texts_of(legal["text"][lang])], laws),
        "changes": changes_newest_first(method),
        "review_overdue": review_overdue(method, today),
        "citation": {
            "text": f"{citations.SITE_NAME}. {title}. {catalogue.ui['last_reviewed'][lang]} {method['last_reviewed']}.",
            "address": links.page_url,
            "files": [(kind, citation_file_name(method["id"], kind)) for kind in CITATION_FILES],
        },
        "suggest_url": issue_url(links, title, lang, catalogue.ui),
        "history_url": links.history_url,
    }


def citation_files(catalogue: Catalogue, method: dict, lang: str, page_url: str) -> dict[str, str]:
    """{file name: content} of the RIS and BibTeX files beside the page."""
    title, reviewed = method["title"][lang], method["last_reviewed"]
    return {
        citation_file_name(method["id"], "ris"): citations.ris(title, reviewed, page_url, lang),
        citation_file_name(method["id"], "bib"): citations.bibtex(method["id"], title, reviewed, page_url, lang,
                                                                  catalogue.ui["last_reviewed"][lang]),
    }
