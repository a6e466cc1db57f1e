"""MkDocs events: the site's Content-Security-Policy, in every page and in _headers, and the build
that fails when a page carries a script the site does not ship.

Everything the site loads comes from its own origin. The policy allows script files from the site
and, of inline scripts, only those the theme and the site ship: the templates ALLOWED_INLINE_SCRIPTS,
rendered once per build and named by their SHA-256 hashes. It never takes a hash from the output,
which would allow whatever a page happens to carry. After each page is rendered, the build checks it:
any other inline script, an on…= attribute or a javascript: address stops the build, naming the page.

The policy reaches readers twice: as <meta http-equiv="Content-Security-Policy"> in every page (what
a meta element can carry: not frame-ancestors), so that hosts that send no headers of their own
(GitHub Pages) serve it; and in full, with the other security headers, in _headers for hosts that
read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from build_scope import site_finished

HEADERS_FILE = "_headers"
# The inline scripts the site ships: Material's helpers that keep the reader's choices, the reader's
# colour scheme before the first paint, the mark that scripts run. Anything else runs from a file
# (assets/javascripts/, docs/assets/).
ALLOWED_INLINE_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/scripted.html")
# <script type="…"> values a browser runs as a script (anything else is a data block).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_ATTRIBUTE = re.compile(r"""\b(type|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# A start tag with its attributes as browsers read them (separated by spaces or /, or by nothing after
# a quoted value), quoted values read whole (a value may hold " onload=" as text).
START_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*((?:[\s/]*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)[\s/]*>""")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
# Quick passes find what could be a handler attribute (after a space, a / or a quote, as browsers
# read attributes), or an address that could be a script's; each candidate is then read in its tag.
HANDLER_CANDIDATE = re.compile(r"""[\s/"'][oO][nN][a-zA-Z]+\s*=""")
ADDRESS_CANDIDATE = re.compile(r"""\s(?:href|src|action|formaction|xlink:href|data)\s*=\s*(?:"[^"]*[:&][^"]*"|'[^']*[:&][^']*'|[^\s"'=<>`]*[:&])""", re.I)

_allowed_hashes: set[str] = set()


def script_hash(source: str) -> str:
    """The CSP source expression of an inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(page_html: str) -> list[str]:
    """The source of every inline script a browser would run (not JSON data blocks)."""
    scripts = []
    for attributes, source in SCRIPT_ELEMENT.findall(page_html):
        found = {name.lower(): next(value for value in values if value is not None) for name, *values in SCRIPT_ATTRIBUTE.findall(attributes)}
        if "src" not in found and found.get("type", "").lower() in SCRIPT_TYPES:
            scripts.append(source)
    return scripts


def _attributes_around(page_html: str, position: int) -> list[tuple[str, str]] | None:
    """The attributes (name, unescaped value) of the start tag that `position` lies in, or None
    when it lies in text or inside another attribute's value."""
    tag = START_TAG.match(page_html, page_html.rfind("<", 0, position))
    if not tag or tag.end() <= position:
        return None
    return [(name.lower(), html.unescape(next((value for value in values if value), ""))) for name, *values in ATTRIBUTE.findall(tag.group(1))]


def _runs_script(name: str, value: str) -> bool:
    if name.startswith("on"):
        return True
    return name in URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:"))


def _candidates(page_html: str):
    yield from HANDLER_CANDIDATE.finditer(page_html)
    # A script address spells "script:" or hides letters or its colon in character references.
    lowered = page_html.lower()
    if "script:" in lowered or "&#" in page_html or "&colon;" in lowered:
        yield from ADDRESS_CANDIDATE.finditer(page_html)


def unshipped_script(page_html: str, allowed: set[str]) -> str | None:
    """What on the page would run without being one of the site's scripts, or None.

    Handler attributes and script addresses are looked for with quick passes over the page; each
    candidate is then read in its tag, so text that merely looks like one (" onload=" in a title)
    is not taken for one.
    """
    for source in inline_scripts(page_html):
        if script_hash(source) not in allowed:
            return f"an inline script the site does not ship: <script>{source[:60]}"
    for candidate in _candidates(page_html):
        attributes = _attributes_around(page_html, candidate.start() + 1)
        for name, value in attributes or []:
            if _runs_script(name, value):
                tag = page_html[page_html.rfind("<", 0, candidate.start()):candidate.end()]
                return f"{'an event handler attribute' if name.startswith('on') else 'a script address'}: {tag[:80]}"
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


def on_env(env: jinja2.Environment, config: MkDocsConfig, **kwargs) -> jinja2.Environment:
    _allowed_hashes.clear()
    _allowed_hashes.update(shipped_script_hashes(env, config))
    policy = content_security_policy(_allowed_hashes, in_meta=True)
    if set(policy) & set('"<>&'):  # written into an attribute as it is (overrides/main.html)
        raise PluginError(f"the Content-Security-Policy holds a character that needs escaping in HTML: {policy}")
    config.extra["content_security_policy"] = policy
    return env


def refuse_unshipped_scripts(output: str, where: str) -> str:
    problem = unshipped_script(output, _allowed_hashes)
    if problem:
        raise PluginError(f"{where}: the page carries {problem}. Scripts belong in files under docs/assets/; "
                          "hooks/security_headers.py lists the inline scripts the site ships.")
    return output


@event_priority(-100)  # after the hooks that change a page's HTML, before it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return refuse_unshipped_scripts(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return refuse_unshipped_scripts(output, template_name) if template_name.endswith(".html") else output


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not site_finished(config):
        return
    (Path(config.site_dir) / HEADERS_FILE).write_text(headers_file(security_headers(_allowed_hashes)), encoding="utf-8")
