"""The Content-Security-Policy guards the live site: it names only the scripts the site ships, every
page carries it (GitHub Pages sends no headers of the site's), and a build whose pages or copied files
(HTML, SVG) carry any other script, or markup the check cannot read as a browser does, fails."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import threading

import pytest

import script_check
from conftest import free_port, run_mkdocs_build
from site_server import read_headers_file
from test_build_errors import assert_stopped_cleanly, previous_site, said_once


def policy_in(page) -> str | None:
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"] if meta else None


def header_policy(site) -> str:
    [(_, headers)] = read_headers_file((site / "_headers").read_text(encoding="utf-8"))
    return headers["Content-Security-Policy"]


def test_every_page_carries_the_policy_and_no_referrer_before_anything_it_loads(built, site):
    full = header_policy(site)
    in_meta = "; ".join(part for part in full.split("; ") if not part.startswith("frame-ancestors"))
    for path in sorted(site.rglob("*.html")):
        page = built.page(path.relative_to(site).as_posix().removesuffix("index.html"))
        head = page.head.find_all(True)
        assert (head[0].name, head[0].get("charset")) == ("meta", "utf-8"), path
        assert policy_in(page) == in_meta, path
        assert head[1] is page.find("meta", attrs={"http-equiv": "Content-Security-Policy"}), path
        assert page.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer", path


def test_the_policy_allows_scripts_by_file_and_a_fixed_list_of_inline_ones(built, site):
    """The same three inline scripts on every page (Material's helpers that keep the reader's choices,
    the colour scheme before the first paint, the "scripted" mark), each named by its hash."""
    sources = header_policy(site).split("script-src ", 1)[1].split(";", 1)[0].split()
    assert sources[0] == "'self'"
    for path in sorted(site.rglob("*.html")):
        page = built.page(path.relative_to(site).as_posix().removesuffix("index.html"))
        inline = [script.string or "" for script in page.find_all("script") if not script.get("src") and script.get("type") in (None, "module")]
        assert sorted(sources[1:]) == sorted(f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'" for text in inline), path
    assert "'unsafe-inline'" not in header_policy(site)
    assert "frame-ancestors 'none'" in header_policy(site)


ADVICE = "Scripts belong in files under docs/assets/; hooks/security_headers.py lists the inline scripts the site ships."
EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def hostile_case(file: str, markup: str, found: str, case_id: str):
    """`markup` added to the page `file` (a Markdown page of docs/) or written as that file (any
    other), and what the build says it found there."""
    return pytest.param(file, markup, found, id=case_id)


@pytest.mark.parametrize("file, markup, found", [
    hostile_case("sv/om-nettstedet.md", "<script>window.injected = true</script>",
                 "an inline script the site does not ship: <script>window.injected = true", "inline script"),
    hostile_case("sv/om-nettstedet.md", '<img src="x.png" alt="" onerror="window.injected = true">',
                 'an event handler attribute: <img src="x.png" alt="" onerror="window.injected = true">', "event handler"),
    hostile_case("sv/om-nettstedet.md", '<p><img/src="x.png"/onerror="window.injected = true"></p>',
                 'an event handler attribute: <img/src="x.png"/onerror="window.injected = true">', "handler after a slash"),
    hostile_case("sv/om-nettstedet.md", '<a href="javascript:window.injected=true">x</a>',
                 'a script address: <a href="javascript:window.injected=true">', "script address"),
    hostile_case("sv/om-nettstedet.md", '<a href="&#106;avascript:window.injected=true">x</a>',
                 'a script address: <a href="&#106;avascript:window.injected=true">', "entity-encoded script address"),
    # Browsers run every script element whose type is not a data block's, whatever the spelling.
    hostile_case("no/kurs.md", '<script type="text/ecmascript">alert(1)</script>',
                 'an inline script the site does not ship: <script type="text/ecmascript">alert(1)', "other JavaScript type"),
    hostile_case("no/kurs.md", '<script type=" text/javascript">alert(1)</script>',
                 'an inline script the site does not ship: <script type=" text/javascript">alert(1)', "type with a space"),
    hostile_case("no/kurs.md", '<script type="application/json"><img src=x onerror=alert(1)></script>',
                 'a data block that holds more than JSON: <script type="application/json"><img src=x onerror=alert(1)>',
                 "markup in a data block"),
    # An SVG animation that sets a link's address to a script.
    hostile_case("no/kurs.md", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
                 'a script address: <animate attributeName="href" values="javascript:alert(1)"/>', "svg animate values"),
    hostile_case("no/kurs.md", '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
                 'a script address: <set attributeName="href" to="javascript:alert(1)"/>', "svg set to"),
    hostile_case("no/kurs.md", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
                 'a srcdoc attribute (a page inside the page): <iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">',
                 "srcdoc"),
    # Files the build copies as they are: checked before anything is written.
    hostile_case("no/evil.html", "<script>alert(1)</script><img src=x onerror=alert(1)>",
                 "an inline script the site does not ship: <script>alert(1)", "static HTML page"),
    hostile_case("no/evil.svg", EVIL_SVG,
                 'an event handler attribute: <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">', "static SVG image"),
])
def test_a_file_that_carries_a_script_the_site_does_not_ship_fails_the_build(project_copy, tmp_path, file, markup, found):
    target = project_copy / "docs" / file
    if target.suffix == ".md":
        markup = target.read_text(encoding="utf-8") + f"\n\n{markup}\n"
    target.write_text(markup, encoding="utf-8")
    site = previous_site(tmp_path)
    output = assert_stopped_cleanly(run_mkdocs_build(project_copy, site), site)
    said_once(f"{file}: the page carries {found}. {ADVICE}", output)


SHIPPED = 'document.documentElement.classList.add("mg-js")'


def checked(markup: str) -> str | None:
    page = f"<!doctype html><html><head><script>{SHIPPED}</script></head><body>{markup}</body></html>"
    return script_check.unshipped_script(page, {script_check.script_hash(SHIPPED)})


@pytest.mark.parametrize("markup, found", [
    ('<script type="module">alert(1)</script>',
     'an inline script the site does not ship: <script type="module">alert(1)'),
    ('<script type="text/plain">alert(1)</script>',
     'an inline script the site does not ship: <script type="text/plain">alert(1)'),
    ('<script/>alert(1)</script>',
     'an inline script the site does not ship: <script/>alert(1)'),
    ('<script src="/assets/filter.js">alert(1)</script>',
     'an inline script the site does not ship: <script src="/assets/filter.js">alert(1)'),
    ('<script src="//elsewhere.example/x.js"></script>',
     'a script from outside the site: <script src="//elsewhere.example/x.js">'),
    ('<script type="application/json">{"a": 1} alert(1)</script>',
     'a data block that holds more than JSON: <script type="application/json">{"a": 1} alert(1)'),
    ('<a href=" java\tscript:alert(1)">x</a>',  # a tab, which browsers drop from an address
     'a script address: <a href=" java script:alert(1)">'),
    ('<a href="&#x6A;avascript&colon;alert(1)">x</a>',
     'a script address: <a href="&#x6A;avascript&colon;alert(1)">'),
    ('<svg><animate attributeName="href" values="#a;javascript:alert(1)"/></svg>',
     'a script address: <animate attributeName="href" values="#a;javascript:alert(1)"/>'),
    ('<iframe src="data:text/html,x"></iframe>',
     'a script address: <iframe src="data:text/html,x">'),
    ('<object data="data:image/svg+xml,x"></object>',
     'a script address: <object data="data:image/svg+xml,x">'),
    ('<svg><set attributeName="onclick" to="alert(1)"/></svg>',
     'an event handler attribute: <set attributeName="onclick" to="alert(1)"/>'),
    ('<svg:svg xmlns:svg="http://www.w3.org/2000/svg" svg:onload="alert(1)"/>',
     'an event handler attribute: <svg:svg xmlns:svg="http://www.w3.org/2000/svg" svg:onload="alert(1)"/>'),
    # What html.parser would read otherwise than a browser is refused, not guessed at.
    ('<!--><script>alert(1)</script>-->',
     'a comment that a browser ends earlier than this check: <!--><script>alert(1)</script>'),
    ('<!-- --!><img src=x onerror=alert(1)> -->',
     'a comment that a browser ends earlier than this check: <!-- --!><img src=x onerror=alert(1)>'),
    ('<![CDATA[ ><img src=x onerror=alert(1)> ]]>',
     'a <![…]> section, which browsers read in more than one way: <![CDATA[ >'),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
     'markup inside <noscript>, which a browser may read as markup: <noscript><p title="'),
    ('<svg><style><img src=x onerror=alert(1)></style></svg>',
     'markup inside <style>, which a browser may read as markup: <style><img src=x onerror=alert(1)>'),
    ('<textarea></textarea/><img src=x onerror=alert(1)></textarea>',
     'markup inside <textarea>, which a browser may read as markup: <textarea></textarea/><img src=x onerror=alert(1)>'),
    ('<p>C&#; <img src=x onerror=alert(1)></p>',
     'an "&#" that starts no character reference (as text: &amp;#)'),
    ('<!DOCTYPE x [<!ENTITY e "javascript:alert(1)">]>',
     'a document type with definitions of its own: <!DOCTYPE x [<!ENTITY e "javascript:alert(1)"'),
    ('<?xml-stylesheet href="x.xsl"?>',
     'a processing instruction: <?xml-stylesheet href="x.xsl"?'),
], ids=lambda value: value[:40] if value.startswith("<") else "")
def test_the_check_reads_markup_as_a_browser_does(markup, found):
    assert checked(markup) == found


@pytest.mark.parametrize("markup", [
    f"<script>{SHIPPED}</script>",
    '<script type=" Application/JSON ">{"text": "\\u003cscript\\u003e"}</script>',
    '<script src="../assets/filter.js"></script>',
    '<p title="a &lt;script&gt; in text">&lt;script&gt;alert(1)&lt;/script&gt; &#60;img&#62; a < b &amp; c</p>',
    '<a href="https://example.org/javascript:x">x</a> <img src="data:image/png;base64,AAAA" alt="">',
    "<!-- a comment -->",
])
def test_what_the_site_ships_and_text_that_looks_like_code_pass(markup):
    assert checked(markup) is None


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    """A host like GitHub Pages: the files, none of the site's own headers."""

    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_without_the_hosts_headers_the_pages_own_policy_blocks_an_injected_script(browser, site):
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(PlainHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        tab = context.new_page()
        response = tab.goto(f"http://127.0.0.1:{port}/metoder/", wait_until="networkidle")
        assert "content-security-policy" not in response.headers
        assert tab.evaluate("document.documentElement.classList.contains('mg-filter-ready')")  # the site's own scripts ran
        violations = tab.evaluate("""() => new Promise(resolve => {
            const seen = [];
            document.addEventListener("securitypolicyviolation", event => seen.push(event.effectiveDirective));
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.append(script);
            setTimeout(() => resolve(seen), 200);
        })""")
        assert tab.evaluate("window.injected") is None
        assert violations == ["script-src-elem"]
    finally:
        context.close()
        httpd.shutdown()
