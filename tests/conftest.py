"""Shared fixtures: the real site, built once per test session with the real MkDocs command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue import Catalogue, load_catalogue, load_glossary

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("no", "sv", "se")
DEFAULT_LANGUAGE = "no"
HTML_LANG = {"no": "nb", "sv": "sv", "se": "se"}


def language_root(lang: str) -> str:
    """Site-relative folder of a language: the default language is served at the root."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def run_mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
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
    return run_mkdocs_build(ROOT, site), site


@pytest.fixture(scope="session")
def site(build_result) -> Path:
    result, site_dir = build_result
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
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


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project, for builds with a changed catalogue."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "data", "docs", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy
