"""Edit links in the built site: every page has one, and it opens the file the page is made from.

A hand-written page opens its Markdown file; a method page, generated from the catalogue, opens
data/methods.yaml at the line where that method starts (found here in the file's own text).
"""

from __future__ import annotations

import re

from conftest import REPO_URL, ROOT, run_mkdocs_build

CATALOGUE = ROOT / "data" / "methods.yaml"
EDIT_LINK = 'a.md-content__button[rel="edit"]'


def edit_href(built, url: str) -> str | None:
    link = built.page(url).select_one(EDIT_LINK)
    return link["href"] if link else None


def page_url(built, path) -> str:
    return path.relative_to(built.root).as_posix()


def test_every_page_has_an_edit_link(built):
    pages = [page_url(built, path) for path in built.html_pages()]
    assert len(pages) > 20
    assert [url for url in pages if not edit_href(built, url)] == []


def test_a_hand_written_page_opens_its_own_markdown_file(built):
    for url in ("index.html", "kurs/index.html", "sv/redaktor/index.html", "se/metoder/index.html"):
        href = edit_href(built, url)
        assert href.startswith(f"{REPO_URL}/edit/main/docs/"), href
        source = href.removeprefix(f"{REPO_URL}/edit/main/")
        language = url.split("/")[0] if url.split("/")[0] in ("sv", "se") else "no"
        assert source.startswith(f"docs/{language}/")
        assert (ROOT / source).is_file(), source


def test_a_method_page_opens_the_catalogue_at_the_methods_line(built, catalogue):
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    for method in catalogue.methods:
        line = lines.index(f"  - id: {method['id']}") + 1
        for prefix in ("", "sv/", "se/"):
            assert edit_href(built, f"{prefix}metoder/{method['id']}/index.html") == f"{REPO_URL}/blob/main/data/methods.yaml#L{line}"


def test_without_a_repository_address_no_page_has_an_edit_link(tmp_path):
    site = tmp_path / "site"
    result = run_mkdocs_build(ROOT, site, repo_url=None)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    assert pages
    assert [page for page in pages if re.search(r'rel="edit"|class="md-source"', page)] == []
