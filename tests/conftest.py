"""Shared fixtures: the real site, built once per test session with the real build command (scripts/build)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue import Catalogue, load_catalogue, load_glossary
from site_server import make_server

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("no", "sv", "se")
DEFAULT_LANGUAGE = "no"
HTML_LANG = {"no": "nb", "sv": "sv", "se": "se"}
AXE_EVERY_RULE = {"resultTypes": ["violations"]}
WCAG_21_AA = {**AXE_EVERY_RULE, "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def language_root(lang: str) -> str:
    """Site-relative folder of a language: the default language is served at the root."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def language_of(address: str) -> str:
    """The language of a site-relative address: its first folder, or the default language at the root."""
    first_folder = address.lstrip("/").split("/", 1)[0] + "/"
    return next((lang for lang in LANGUAGES if language_root(lang) == first_folder), DEFAULT_LANGUAGE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The site is built for the address the tests serve it from, so absolute links (sitemap,
# canonical) point at the test server.
SERVER_PORT = free_port()
SITE_URL = f"http://127.0.0.1:{SERVER_PORT}/"
# A stand-in repository address (a reserved example domain) so that pages get their edit links.
REPO_URL = "https://git.example.org/medvirkningsguiden"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def build_environment(site_url: str = SITE_URL, repo_url: str | None = REPO_URL) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    env.pop("REPO_URL", None)
    if repo_url:
        env["REPO_URL"] = repo_url
    return env


def run_mkdocs_build(project: Path, site_dir: Path, site_url: str = SITE_URL, repo_url: str | None = REPO_URL) -> subprocess.CompletedProcess:
    """Plain `mkdocs build --strict`: every language one after another in one process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=build_environment(site_url, repo_url), capture_output=True, text=True, timeout=600,
    )


def run_site_build(project: Path, site_dir: Path, site_url: str = SITE_URL, repo_url: str | None = REPO_URL) -> subprocess.CompletedProcess:
    """`scripts/build`, as the workflows run it: the languages in parallel processes, assembled."""
    return subprocess.run(
        [ROOT / "scripts" / "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project, env=build_environment(site_url, repo_url), capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "data" / "methods.yaml")


@pytest.fixture(scope="session")
def glossary() -> dict:
    return load_glossary(ROOT / "data" / "glossary.yaml")


@pytest.fixture(scope="session")
def build_result(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    site = tmp_path_factory.mktemp("site")
    return run_site_build(ROOT, site), site


@pytest.fixture(scope="session")
def site(build_result) -> Path:
    result, site_dir = build_result
    assert result.returncode == 0, f"scripts/build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


class Site:
    def __init__(self, root: Path):
        self.root = root
        self._pages: dict[str, BeautifulSoup] = {}

    def path(self, url: str) -> Path:
        target = self.root / url
        return target / "index.html" if url == "" or url.endswith("/") else target

    def page(self, url: str) -> BeautifulSoup:
        if url not in self._pages:
            self._pages[url] = BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")
        return self._pages[url]

    def html_pages(self):
        return sorted(path for path in self.root.rglob("*.html") if path.name != "404.html")


@pytest.fixture(scope="session")
def built(site) -> Site:
    return Site(site)


def copy_project(copy: Path) -> Path:
    """Copy what the build reads into the new folder `copy` (also used by benchmarks/)."""
    copy.mkdir()
    for name in ("mkdocs.yml", "data", "docs", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project, for builds with a changed catalogue."""
    return copy_project(tmp_path / "project")


@contextlib.contextmanager
def serving(directory: Path, port: int):
    """Serve a built site on 127.0.0.1:port while the block runs, with the headers of its _headers
    file (its Content-Security-Policy) as a host would send them (also used by benchmarks/)."""
    httpd = make_server(directory, port)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site) -> str:
    """The built site served on 127.0.0.1, as a visitor's browser would load it."""
    with serving(site, SERVER_PORT) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser tab (desktop size); tests that need a phone make their own context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def search_site(tab, query: str) -> list[str]:
    """Search the open page with Material's search dialog as a reader does; the result links."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

    field = tab.locator(".md-search__input")
    tab.keyboard.press("/")  # Material's shortcut: opens the dialog with the cursor in the field
    expect(field).to_be_focused()
    tab.keyboard.type(query)
    expect(field).to_have_value(query)
    # The search index is built in a worker when the page loads; on a busy machine that can take a
    # while, and Material shows the results once it is ready. If none come, say what the dialog says.
    try:
        tab.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    except PlaywrightTimeout:
        status = tab.locator(".md-search-result__meta").text_content()
        raise AssertionError(f"no search result for {query!r}; the search dialog says {status!r}") from None
    return tab.eval_on_selector_all(".md-search-result__item a[href]", "links => links.map(link => link.href)")


def axe_results(tab, options: dict = AXE_EVERY_RULE):
    """axe-core's findings on the open page as a reader sees it once still: mid-fade (search results
    fading in, the language menu closing after the keyboard passed it) a text's contrast is lower than
    it will be, and on a busy machine axe can land there. Every rule unless `options` narrow them."""
    from axe_playwright_python.sync_playwright import Axe

    tab.wait_for_function("() => document.getAnimations().every(animation => animation.playState !== 'running')")
    return Axe().run(tab, options=options)
