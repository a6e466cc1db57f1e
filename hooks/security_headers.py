"""MkDocs events: the site's Content-Security-Policy, in every page and in _headers, and the build
that fails when a file of the site carries a script the site does not ship.

Everything the site loads comes from its own origin. The policy allows script files from the site
and, of inline scripts, only those the theme and the site ship: the templates ALLOWED_INLINE_SCRIPTS,
rendered once per build and named by their SHA-256 hashes. It never takes a hash from the output,
which would allow whatever a page happens to carry.

The build checks every file a browser may open as a document (CHECKED_FILES): the pages as they are
rendered, the files it copies or generates (an HTML page or SVG image in docs/, a feed) before any
is written. Read token by token, as a browser's tokenizer reads it, a file stops the build if it has
- a script element other than the site's inline scripts and script files: every script element runs
  unless its type is a DATA_BLOCK_TYPES one (browsers run "text/ecmascript", " text/javascript" and
  more: no list of the types that run is complete), and a data block holds JSON and nothing else;
- an on…= or srcdoc attribute, or any attribute whose value (or one of an SVG animation's values)
  is an address that runs a script (SCRIPT_ADDRESS);
- markup that html.parser may read otherwise than a browser (see PageReader).

The policy reaches readers twice: as <meta http-equiv="Content-Security-Policy"> in every page (what
a meta element can carry: not frame-ancestors), so that hosts that send no headers of their own
(GitHub Pages) serve it; and in full, with the other security headers, in _headers for hosts that
read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_scope import site_finished

HEADERS_FILE = "_headers"
# The inline scripts the site ships: Material's helpers that keep the reader's choices, the reader's
# colour scheme before the first paint, the mark that scripts run. Anything else runs from a file
# (assets/javascripts/, docs/assets/).
ALLOWED_INLINE_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/scripted.html")
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

_allowed_hashes: set[str] = set()


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


def shipped_script_hashes(env: jinja2.Environment, config: MkDocsConfig) -> set[str]:
    """The hashes of the inline scripts the templates ALLOWED_INLINE_SCRIPTS write (each is fixed text)."""
    # A page's own context (base_url) is only in data blocks beside the scripts, which the check skips.
    return {script_hash(source) for name in ALLOWED_INLINE_SCRIPTS for source in inline_scripts(env.get_template(name).render(config=config, base_url="."))}


def content_security_policy(script_hashes: set[str], in_meta: bool = False) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *sorted(script_hashes)],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Material's icons are data: SVGs in its stylesheet
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    if not in_meta:  # browsers ignore frame-ancestors in a <meta> policy (CSP 3, section 6.1.2)
        directives["frame-ancestors"] = ["'none'"]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def security_headers(script_hashes: set[str]) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(script_hashes),
        "X-Content-Type-Options": "nosniff",
        # Readers of a mental-health site should not tell the sites it links to which page they read.
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",  # frame-ancestors for browsers without CSP 2
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
        "Strict-Transport-Security": "max-age=31536000",  # ignored over http (a local preview)
    }


def headers_file(headers: dict[str, str]) -> str:
    """The _headers format: a path pattern, then indented "Name: value" lines."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


@event_priority(-110)  # after scoped_build.py has left out the files this build does not write (-100)
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files, **kwargs) -> jinja2.Environment:
    _allowed_hashes.clear()
    _allowed_hashes.update(shipped_script_hashes(env, config))
    policy = content_security_policy(_allowed_hashes, in_meta=True)
    if set(policy) & set('"<>&'):  # written into an attribute as it is (overrides/main.html)
        raise PluginError(f"the Content-Security-Policy holds a character that needs escaping in HTML: {policy}")
    config.extra["content_security_policy"] = policy
    refuse_unshipped_files(files)
    return env


def refuse_unshipped_scripts(output: str, where: str) -> str:
    problem = unshipped_script(output, _allowed_hashes)
    if problem:
        raise PluginError(f"{where}: the page carries {problem}. Scripts belong in files under docs/assets/; "
                          "hooks/security_headers.py lists the inline scripts the site ships.")
    return output


def file_text(file: File) -> str:
    try:
        return file.content_bytes.decode("utf-8")
    except UnicodeDecodeError:  # a browser may read it in an encoding in which it holds a script
        raise PluginError(f"{file.src_uri}: the file is not UTF-8 text, so the build cannot check it for scripts.") from None


def refuse_unshipped_files(files: Files) -> None:
    """The files the build copies or generates that a browser may open as a document, before any is
    written (the pages are checked as they are rendered)."""
    for file in files:
        if not file.is_documentation_page() and file.dest_uri.lower().endswith(CHECKED_FILES):
            refuse_unshipped_scripts(file_text(file), file.src_uri)


@event_priority(-100)  # after the hooks that change a page's HTML, before it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return refuse_unshipped_scripts(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return refuse_unshipped_scripts(output, template_name) if template_name.lower().endswith(CHECKED_FILES) else output


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not site_finished(config):
        return
    (Path(config.site_dir) / HEADERS_FILE).write_text(headers_file(security_headers(_allowed_hashes)), encoding="utf-8")
