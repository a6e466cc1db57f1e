"""MkDocs events: the site's Content-Security-Policy, in every page and in _headers, and the build
that fails when a file of the site carries a script the site does not ship.

Everything the site loads comes from its own origin. The policy allows script files from the site
and, of inline scripts, only those the theme and the site ship: the templates ALLOWED_INLINE_SCRIPTS,
rendered once per build and named by their SHA-256 hashes. It never takes a hash from the output,
which would allow whatever a page happens to carry.

The build checks every file a browser may open as a document (script_check.CHECKED_FILES): the
pages as they are rendered, and the files it copies or generates (an HTML page or SVG image in
docs/, a feed) before any is written; script_check.py says what stops it.

The policy reaches readers twice: as <meta http-equiv="Content-Security-Policy"> in every page (what
a meta element can carry: not frame-ancestors), so that hosts that send no headers of their own
(GitHub Pages) serve it; and in full, with the other security headers, in _headers for hosts that
read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_scope import site_finished
from script_check import CHECKED_FILES, inline_scripts, script_hash, unshipped_script

HEADERS_FILE = "_headers"
# The inline scripts the site ships: Material's helpers that keep the reader's choices, the reader's
# colour scheme before the first paint, the mark that scripts run. Anything else runs from a file
# (assets/javascripts/, docs/assets/).
ALLOWED_INLINE_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/scripted.html")
_allowed_hashes: set[str] = set()


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
