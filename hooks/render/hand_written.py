"""Catalogue content for hand-written pages: the glossary table, the course page's questions,
the accessibility statement's report link, the 404 page's messages, and the placeholders that ask for them."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from catalogue import LANGUAGES, Catalogue

from .templates import METHODS_FOLDER, environment, language_root, page_context


def reflection_questions_html(catalogue: Catalogue, lang: str) -> str:
    """The course page's questions, method by method (the course page is at <root>/kurs/)."""
    return environment().get_template("reflection_questions.html.j2").render(
        **page_context(catalogue, lang), methods=catalogue.methods, method_list=f"../{METHODS_FOLDER}/"
    )


def glossary_html(catalogue: Catalogue, glossary: dict, lang: str) -> str:
    """The glossary table: one row per term, the term in every language (this one first), the explanation in this one."""
    return environment().get_template("glossary.html.j2").render(
        **page_context(catalogue, lang),
        terms=sorted(glossary["terms"], key=lambda term: term["term"][lang].casefold()),
        languages=(lang,) + tuple(code for code in LANGUAGES if code != lang),
    )


def report_problem_html(catalogue: Catalogue, lang: str, new_issue_url: str | None) -> str:
    """How to report an accessibility problem: the repository's new-issue form with the subject and
    what to describe filled in, or, where the build does not know the repository, that there is none here."""
    ui = catalogue.ui
    query = urlencode({"title": f"{ui['accessibility_statement'][lang]}: ", "body": ui["report_problem_body"][lang]})
    return environment().get_template("report_problem.html.j2").render(
        **page_context(catalogue, lang), report_url=f"{new_issue_url}?{query}" if new_issue_url else None
    )


def not_found_messages(catalogue: Catalogue, default_language: str) -> list[dict]:
    """The 404 page's message in every language: a host serves that one page for every missing
    address, whatever language the visitor was reading."""
    return [
        {"lang": lang, "title": catalogue.ui["not_found"][lang], "home": catalogue.ui["not_found_home"][lang], "root": language_root(lang, default_language)}
        for lang in LANGUAGES
    ]


PLACEHOLDER = re.compile(r"<!--\s*medvirkning:([a-z-]+)\s*-->")


class UnknownPlaceholder(ValueError):
    pass


def mark_placeholders(markdown: str, known: set[str], token: str) -> str:
    """A hand-written page's Markdown with each <!-- medvirkning:NAME --> marked with `token`, a
    secret of the build. Only marked placeholders are filled (fill_placeholders): catalogue text
    that reaches a page (a title on the tags index) can never ask for content. An unknown name
    is an error."""

    def mark(match: re.Match) -> str:
        name = match.group(1)
        if name not in known:
            raise UnknownPlaceholder(f"unknown placeholder medvirkning:{name}; known: {', '.join(sorted(known))}")
        return f"<!-- medvirkning:{name}:{token} -->"

    return PLACEHOLDER.sub(mark, markdown)


def fill_placeholders(content: str, renderers: dict, token: str) -> str:
    """Replace each placeholder marked with `token` whose name is in `renderers` with renderers[NAME]();
    the others stay for a later pass."""
    marked = re.compile(rf"<!-- medvirkning:([a-z-]+):{re.escape(token)} -->")
    return marked.sub(lambda match: renderers[match.group(1)]() if match.group(1) in renderers else match.group(0), content)
