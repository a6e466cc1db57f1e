"""What in a document would run a script the site does not ship (pure functions, no MkDocs).

A document is read token by token, as a browser's tokenizer reads it (html.parser), and the first
thing found stops the reading:
- a script element other than the allowed inline scripts and script files of the site: every script
  element runs unless its type is a DATA_BLOCK_TYPES one (browsers run "text/ecmascript",
  " text/javascript" and more: no list of the types that run is complete), and a data block holds
  JSON and nothing else;
- an on…= or srcdoc attribute, or any attribute whose value (or one of an SVG animation's values)
  is an address that runs a script (SCRIPT_ADDRESS);
- markup that html.parser may read otherwise than a browser (see PageReader).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError

# The <script type="…"> of the data blocks the site ships (Material's __config, the page's path to
# the site root, the filter's data), compared as browsers compare it: trimmed, in lower case.
DATA_BLOCK_TYPES = {"application/json"}
# Elements whose content a browser reads as text up to their end tag (in HTML; inside <svg> or <math>
# the same names hold markup, so the check allows no markup in them).
RAW_TEXT_ELEMENTS = {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
# Files a browser may open as a document and run scripts in (GitHub Pages serves .xml as XML).
CHECKED_FILES = (".html", ".htm", ".shtml", ".xhtml", ".xht", ".svg", ".xml")
# A "<" that starts a tag, an end tag, a comment, a declaration or a processing instruction.
MARKUP = re.compile(r"<[a-zA-Z/!?]")
# Addresses that run a script or open a document that can (after whitespace and control characters
# are dropped and letters lowered, as browsers read an address's scheme).
SCRIPT_ADDRESS = re.compile(r"(?:javascript|vbscript):"
                            r"|data:(?:text/(?:html|xml|javascript)|application/(?:xhtml\+xml|xml|javascript)|image/svg\+xml)")
ADDRESS_IGNORED = re.compile(r"[\x00-\x20]")
# An address with a scheme or a host of its own: not a file of the site (browsers read \ as /).
ELSEWHERE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2}")
ASCII_WHITESPACE = " \t\n\f\r"


class Found(PluginError):
    """What a file carries that would run a script the site does not ship (or may, read by a browser)."""


def script_hash(source: str) -> str:
    """The CSP source expression of an inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def excerpt(text: str) -> str:
    """Markup as it is quoted in a message: on one line, at most 80 characters."""
    return " ".join(text.split())[:80]


def address(value: str) -> str:
    """An address as a browser reads its start: without whitespace and control characters, in lower case."""
    return ADDRESS_IGNORED.sub("", value).lower()


def attribute_problem(name: str, value: str) -> str | None:
    """What an attribute (its value with character references decoded) would run, or None."""
    local = name.rpartition(":")[2]  # xlink:href, svg:onload in XML
    if local.startswith("on") or (local == "attributename" and value.strip(ASCII_WHITESPACE).lower().startswith("on")):
        return "an event handler attribute"
    if local == "srcdoc":
        return "a srcdoc attribute (a page inside the page)"
    if ":" in value and any(SCRIPT_ADDRESS.match(address(part)) for part in (value.split(";") if local == "values" else [value])):
        return "a script address"
    return None


def plain_json(text: str) -> bool:
    """Whether a data block holds JSON and nothing a browser could read as markup."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text


class PageReader(HTMLParser):
    """Reads a document token by token and raises Found at the first thing in it that would run a
    script the site does not ship, or that html.parser may read otherwise than a browser: a "<" it
    leaves as text, markup in an element a browser reads as text (inside <svg> it does not), a
    comment a browser ends earlier, <![…]>, a document type with definitions of its own. Collects
    the inline scripts in `scripts`; with allowed=None it takes every inline script for one."""

    CDATA_CONTENT_ELEMENTS = ()  # raw text is switched on in handle_starttag, for RAW_TEXT_ELEMENTS

    def __init__(self, allowed: set[str] | None):
        super().__init__(convert_charrefs=False)  # text keeps its references: any "<" in it is markup
        self.allowed = allowed
        self.scripts: list[str] = []
        self._raw: tuple[str, dict, str] | None = None  # the open raw text element: name, attributes, start tag
        self._text: list[str] = []

    def set_cdata_mode(self, elem: str) -> None:
        super().set_cdata_mode(elem)  # where a browser ends the element: "</name" and a space, / or >
        self.interesting = re.compile(rf"</{re.escape(self.cdata_elem)}(?=[\t\n\f\r />])", re.I)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            problem = attribute_problem(name, value or "")
            if problem:
                raise Found(f"{problem}: {excerpt(self.get_starttag_text())}")
        name = tag.rpartition(":")[2]
        if name in RAW_TEXT_ELEMENTS:
            self._raw, self._text = (name, dict(reversed(attrs)), self.get_starttag_text()), []  # the first of a name counts
            self.set_cdata_mode(tag)

    handle_startendtag = handle_starttag  # an HTML page reads <script/> as <script>: its content follows

    def handle_endtag(self, tag: str) -> None:
        if self._raw:  # in raw text, html.parser reports only the element's own end tag
            self.end_raw_text()

    def handle_data(self, data: str) -> None:
        if self._raw:
            self._text.append(data)
        elif data == "&#":  # html.parser reads the rest of the document as text after it
            raise Found('an "&#" that starts no character reference (as text: &amp;#)')
        elif MARKUP.search(data):  # html.parser gave up on it; a browser may not
            raise Found(f"markup this check cannot read as a browser does: {excerpt(data)}")

    def handle_comment(self, data: str) -> None:
        if data.startswith((">", "->")) or "--!>" in data:
            raise Found(f"a comment that a browser ends earlier than this check: {excerpt('<!--' + data)}")

    def handle_decl(self, decl: str) -> None:
        if "[" in decl:
            raise Found(f"a document type with definitions of its own: {excerpt('<!' + decl)}")

    def handle_pi(self, data: str) -> None:
        if not re.match(r"xml\s", data):
            raise Found(f"a processing instruction: {excerpt('<?' + data)}")

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        section = self.rawdata[i:self.rawdata.find(">", i) + 1 or None]  # where an HTML page ends it
        raise Found(f"a <![…]> section, which browsers read in more than one way: {excerpt(section)}")

    def end_raw_text(self) -> None:
        name, attributes, start = self._raw
        text, self._raw = "".join(self._text), None
        if name == "script":
            self.check_script(attributes, start, text)
        elif MARKUP.search(text):
            raise Found(f"markup inside <{name}>, which a browser may read as markup: {excerpt(start + text)}")

    def check_script(self, attributes: dict, start: str, text: str) -> None:
        if (attributes.get("type") or "").strip(ASCII_WHITESPACE).lower() in DATA_BLOCK_TYPES:
            if not plain_json(text):
                raise Found(f"a data block that holds more than JSON: {excerpt(start + text)}")
        elif not text.strip(ASCII_WHITESPACE) and {"src", "href", "xlink:href"} & attributes.keys():
            source = next(attributes[name] or "" for name in ("src", "href", "xlink:href") if name in attributes)
            if ELSEWHERE.match(address(source)):
                raise Found(f"a script from outside the site: {excerpt(start)}")
        elif self.allowed is not None and script_hash(text) not in self.allowed:
            raise Found(f"an inline script the site does not ship: {excerpt(start + text)}")
        else:
            self.scripts.append(text)

    def read(self, document: str) -> PageReader:
        try:
            self.feed(document)
            self.close()
        except AssertionError:  # html.parser's own complaint about markup it cannot read
            raise Found(f"markup this check cannot read as a browser does: {excerpt(self.rawdata)}") from None
        if self._raw:  # an element left open runs to the end of the document
            self._text.append(self.rawdata)
            self.end_raw_text()
        return self


def inline_scripts(page_html: str) -> list[str]:
    """The source of every inline script in the page (not data blocks, not script files)."""
    return PageReader(allowed=None).read(page_html).scripts


def unshipped_script(page_html: str, allowed: set[str]) -> str | None:
    """What in the page would run without being one of the site's scripts (or may), or None."""
    try:
        PageReader(allowed).read(page_html)
    except Found as found:
        return str(found)
    return None
