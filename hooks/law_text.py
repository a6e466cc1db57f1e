"""Law links in rendered HTML: each <a href="law:ID/SECTION"> becomes the law's official address.

Texts link a law by its id (catalogue/laws.py has the syntax); Markdown, cmark for the catalogue's
texts and Python-Markdown for the hand-written pages, leaves the target as it is, escaped. Here the
target is looked up in the law register and replaced by the address the register gives, escaped
again; a section the reference material does not confirm gets a neutral mark after the link, in
the page's language. A law without a confirmed address is named without a link.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from catalogue.laws import checked, law_address, law_links

# As both Markdown renderers write a link: the href first, then any title, then the link text.
LAW_ANCHOR = re.compile(r'<a href="law:([^"]*)"([^>]*)>(.*?)</a>', re.S)


def resolve_law_links(content: str, laws: dict[str, dict], not_checked: str) -> str:
    """The HTML with every law link pointing at the official text; `not_checked` is the mark's words."""

    def replace(match: re.Match) -> str:
        target = unquote(html.unescape(match.group(1)))
        law_id, _, section = target.partition("/")
        law = laws.get(law_id)
        if law is None:  # the checks refuse unknown laws; never link to nowhere
            return match.group(3)
        address = law_address(law, section or None)
        link = f'<a class="mg-law" href="{html.escape(address)}">{match.group(3)}</a>' if address else match.group(3)
        if checked(law, section or None):
            return link
        return f'{link} <span class="mg-unchecked">({html.escape(not_checked)})</span>'

    return LAW_ANCHOR.sub(replace, content) if 'href="law:' in content else content


def laws_named(texts: list[str], laws: dict[str, dict]) -> list[dict]:
    """The laws the texts link, each once, in the order they are first named."""
    named = {}
    for text in texts:
        for link in law_links(text):
            if link.law_id in laws:
                named.setdefault(link.law_id, laws[link.law_id])
    return list(named.values())
