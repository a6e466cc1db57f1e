"""The Content-Security-Policy guards the live site: it names only the scripts the site ships, every
page carries it (GitHub Pages sends no headers of the site's), and a build whose pages carry any
other script fails."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import threading

import pytest

from conftest import free_port, run_mkdocs_build
from site_server import read_headers_file



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


@pytest.mark.parametrize("markup", [
    "<script>window.injected = true</script>",
    '<img src="x.png" alt="" onerror="window.injected = true">',
    '<p><img/src="x.png"/onerror="window.injected = true"></p>',
    '<a href="javascript:window.injected=true">x</a>',
    '<a href="&#106;avascript:window.injected=true">x</a>',
], ids=["inline script", "event handler", "handler after a slash", "script address", "entity-encoded script address"])
def test_a_page_that_carries_a_script_the_site_does_not_ship_fails_the_build(project_copy, tmp_path, markup):
    page = project_copy / "docs" / "sv" / "om-nettstedet.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{markup}\n", encoding="utf-8")
    result = run_mkdocs_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "sv/om-nettstedet.md: the page carries a" in output


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
