"""Every HTML page of every language, loaded in headless Chromium from the test server, which sends
the site's _headers (its Content-Security-Policy) as a host would: no request leaves the site, no
request fails, the console stays clean, the policy blocks nothing, and every link within the site
leads to a page (and a place on it) that exists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

# Collects what the page's Content-Security-Policy blocked; runs before any script of the page.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`));
"""


@dataclass
class Visit:
    """What loading one page did."""

    policy: str | None = None  # the Content-Security-Policy header the page came with
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "status URL" of responses >= 400
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # every <a href>, as the browser resolves it


def page_url(server: str, site, path) -> str:
    return server + path.relative_to(site).as_posix().removesuffix("index.html")


@pytest.fixture(scope="module")
def visits(browser, server, site) -> dict[str, Visit]:
    """{page address: Visit} for every HTML page of the built site, 404.html included."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    tab = context.new_page()
    visits: dict[str, Visit] = {}
    current = Visit()
    context.on("request", lambda request: current.requests.append(request.url))
    context.on("response", lambda response: response.status >= 400 and current.failed.append(f"{response.status} {response.url}"))
    tab.on("console", lambda message: message.type == "error" and current.console_errors.append(message.text))
    tab.on("pageerror", lambda error: current.console_errors.append(str(error)))
    for path in sorted(site.rglob("*.html")):
        url = page_url(server, site, path)
        current = visits[url] = Visit()
        response = tab.goto(url, wait_until="networkidle")  # Material fetches the search index after load
        current.policy = response.headers.get("content-security-policy")
        current.csp_violations = tab.evaluate("window.cspViolations")
        current.links = tab.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    context.close()
    return visits


def problems(visits: dict[str, Visit], attribute: str) -> dict[str, list[str]]:
    return {url: getattr(visit, attribute) for url, visit in visits.items() if getattr(visit, attribute)}


def test_the_crawl_covers_every_language(visits, server):
    # Guards the tests below against passing on a crawl that found no pages.
    assert {f"{server}", f"{server}sv/", f"{server}se/"} <= set(visits)


def test_pages_request_nothing_from_other_sites(visits, server):
    elsewhere = {url: [request for request in visit.requests if not request.startswith(server)] for url, visit in visits.items()}
    assert {url: requests for url, requests in elsewhere.items() if requests} == {}


def test_the_repository_link_asks_the_repository_host_for_nothing(built):
    # Material's script fetches a repository's stars and forks from GitHub's or GitLab's API for a
    # link marked as its "source" component; the test build's repository is on neither host, so the
    # crawl could not see that request.
    pages = [path.relative_to(built.root).as_posix() for path in built.html_pages()]
    assert [page for page in pages if built.page(page).select('[data-md-component="source"]')] == []


def test_no_request_of_any_page_fails(visits):
    assert problems(visits, "failed") == {}


def test_no_page_logs_an_error_to_the_console(visits):
    assert problems(visits, "console_errors") == {}


def test_every_page_comes_with_a_content_security_policy_that_blocks_nothing_on_it(visits):
    assert [url for url, visit in visits.items() if not visit.policy] == []
    assert problems(visits, "csp_violations") == {}


def ids_on(context, address: str) -> set[str] | None:
    """The element ids of the page at an address (none for a file that is not HTML); None if it does not load."""
    response = context.request.get(address)
    if not response.ok:
        return None
    if "html" not in response.headers.get("content-type", ""):
        return set()
    return {element["id"] for element in BeautifulSoup(response.text(), "html.parser").select("[id]")}


def test_every_link_within_the_site_leads_to_a_page_and_place_that_exist(visits, browser, server):
    linked_from = defaultdict(set)
    for url, visit in visits.items():
        for link in visit.links:
            if link.startswith(server):
                linked_from[link].add(urlsplit(url).path)
    context = browser.new_context()
    ids_of: dict[str, set[str] | None] = {}
    broken = {}
    for link, sources in sorted(linked_from.items()):
        address, fragment = urldefrag(link)
        address = address.split("?", 1)[0]
        if address not in ids_of:
            ids_of[address] = ids_on(context, address)
        if ids_of[address] is None or (fragment and unquote(fragment) not in ids_of[address]):
            broken[link] = sorted(sources)[:3]
    context.close()
    assert broken == {}
