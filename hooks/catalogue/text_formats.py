"""What the catalogue's texts may hold: the schema's "plain-text" and "commonmark" formats.

The data files come in by pull request, and a reviewer may skim them: a text is text, never markup
that a browser would run. Plain texts (names, leads, labels, interface text, reference fields) go
into page titles, attributes, search entries and feeds, so they hold no HTML at all: nothing that
reads as a tag or a comment. Markdown texts are rendered by cmark, which leaves raw HTML and
dangerous links out; the check says so, so that an editor learns it from the check and not from a
page that silently lacks what they wrote.

Both checks are format functions of the JSON Schema (data/methods.schema.json), so the quick and
the careful path apply them alike; `plain_text_problem` and `markdown_problem` say what is wrong.
"""

from __future__ import annotations

import ctypes
import html
import re
from urllib.parse import urlsplit

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

# `<` followed by a letter, / or ! starts a tag, an end tag or a comment (or <!DOCTYPE, <![CDATA[).
MARKUP = re.compile(r"<[A-Za-z/!]")
RAW_HTML_OMITTED = "<!-- raw HTML omitted -->"
# Link targets in cmark's HTML: it writes every link and image in exactly this form.
LINK_TARGET = re.compile(r'<(?:a href|img src)="([^"]*)"')
# Schemes a link in a Markdown text may use; any other address must be relative (a page of the site).
# law: is a link to a law of data/laws.yaml (catalogue/laws.py), which the build resolves to its official address.
LINK_SCHEMES = frozenset({"https", "law"})
SNIPPET = 40
# What no text may hold, however it is written (a YAML escape such as "\e" or "\x85" too): control
# characters but the line break and the tab, lone surrogates and Unicode's non-characters. HTML
# forbids them and XML (the feeds) cannot carry them.
_NONCHARACTERS = "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
FORBIDDEN_CHARACTER = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_NONCHARACTERS}]")


# cmark returns its HTML in memory it allocated with the C library's malloc, for the caller to free;
# cmarkgfm's markdown_to_html never frees it, which at 1,000 methods kept some 25 MB per pass over
# the catalogue's texts (the check, then every language's pages) until the build ended.
_free = ctypes.CDLL(None).free
_free.argtypes = [ctypes.c_void_p]


def commonmark_html(text: str, options: int = 0) -> str:
    """A CommonMark text as HTML, rendered by cmark (raw HTML left out unless `options` say otherwise)."""
    encoded = text.encode("utf-8")
    rendered = _cmark.lib.cmark_markdown_to_html(encoded, len(encoded), options)
    try:
        return _cmark.ffi.string(rendered).decode("utf-8")
    finally:
        _free(int(_cmark.ffi.cast("uintptr_t", rendered)))


def snippet(text: str, start: int) -> str:
    """A short piece of `text` from `start`, for a message."""
    piece = text[start : start + SNIPPET].split("\n", 1)[0]
    return piece + ("…" if len(piece) < len(text) - start else "")


def character_problem(text: str) -> str | None:
    """The first character no text may hold, as U+XXXX, or None."""
    found = FORBIDDEN_CHARACTER.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def plain_text_problem(text: str) -> str | None:
    """What in a plain text reads as markup, or None."""
    found = MARKUP.search(text)
    return snippet(text, found.start()) if found else None


def allowed_link(target: str) -> bool:
    """https:// addresses, and addresses within the site (relative, or a #section of the page)."""
    parts = urlsplit(target)
    if parts.scheme:
        return parts.scheme in LINK_SCHEMES and bool(parts.netloc or parts.scheme not in ("http", "https"))
    return bool(target) and not target.startswith("//")  # //host/ is another site; "" is a removed link


def markdown_problem(text: str) -> tuple[str, str] | None:
    """("raw HTML" | "link", what was found) for the first thing a Markdown text may not hold, or None."""
    rendered = commonmark_html(text)
    if RAW_HTML_OMITTED in rendered:
        found = MARKUP.search(text) or re.search("<", text)
        return "raw HTML", snippet(text, found.start() if found else 0)
    if all(allowed_link(html.unescape(target)) for target in LINK_TARGET.findall(rendered)):
        return None
    # cmark empties a dangerous link's address; rendered without its safety, the link keeps the
    # address the editor wrote (entities decoded), for the message.
    for target in LINK_TARGET.findall(commonmark_html(text, Options.CMARK_OPT_UNSAFE)):
        target = html.unescape(target)
        if not allowed_link(target):
            return "link", target[:SNIPPET] or "an empty address"
    return "link", "an empty address"


def is_plain_text(value: object) -> bool:
    return not isinstance(value, str) or (character_problem(value) is None and plain_text_problem(value) is None)


def is_safe_markdown(value: object) -> bool:
    return not isinstance(value, str) or (character_problem(value) is None and markdown_problem(value) is None)


FORMATS = {"plain-text": is_plain_text, "commonmark": is_safe_markdown}
