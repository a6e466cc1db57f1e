"""MkDocs event: write _headers, the security headers for hosts that read that file (Netlify,
Cloudflare Pages), with a Content-Security-Policy the built site satisfies.

Everything the site loads comes from its own origin. Material inlines a few small scripts in every
page; rather than allow inline scripts, the policy names each of them by its SHA-256 hash, computed
here from the built pages (they differ only by the relative path to the site root, so a handful of
hashes cover the whole site). JSON data blocks such as Material's page config are not scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from site_data import i18n_plugin

HEADERS_FILE = "_headers"
# <script type="…"> values a browser runs as a script (anything else is a data block).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Every script element, found with one regular expression (fast) before HTMLParser reads them.
_SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)  # a hash covers the script's exact source text
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "").lower() in SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-…') for every inline script of a page."""
    parser = _InlineScripts()
    parser.feed("".join(_SCRIPT_ELEMENT.findall(html)))  # the parser reads only the script elements, not the whole page
    parser.close()
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
        for script in parser.scripts
    }


def content_security_policy(script_hashes: set[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *sorted(script_hashes)],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Material's icons are data: SVGs in its stylesheet
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def security_headers(script_hashes: set[str]) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(script_hashes),
        "X-Content-Type-Options": "nosniff",
        # Readers of a mental-health site should not tell the sites it links to which page they read.
        "Referrer-Policy": "no-referrer",
    }


def headers_file(headers: dict[str, str]) -> str:
    """The _headers format: a path pattern, then indented "Name: value" lines."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if i18n_plugin(config).building:
        return
    site = Path(config.site_dir)
    hashes = set().union(*(inline_script_hashes(page.read_text(encoding="utf-8")) for page in site.rglob("*.html")))
    (site / HEADERS_FILE).write_text(headers_file(security_headers(hashes)), encoding="utf-8")
