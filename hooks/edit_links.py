"""MkDocs events: every page's edit link (Material's content.action.edit).

A hand-written page links to its Markdown file in the repository (repo_url + edit_uri, as MkDocs
builds it). A method page has no file of its own: it is generated from data/methods.yaml, so its
link opens that file in the repository's file view at the line where the method starts.

repo_url comes from the REPO_URL environment variable (see mkdocs.yml). Without it, as in a local
preview, the site has no edit links at all: MkDocs would otherwise make links that lead nowhere.
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_data import catalogue


def catalogue_line_url(repo_url: str, catalogue_view_uri: str, line: int) -> str:
    """The catalogue in the repository's file view, scrolled to `line` (GitHub's #L<line> anchor)."""
    return urljoin(repo_url.rstrip("/") + "/", catalogue_view_uri) + f"#L{line}"


def on_config(config: MkDocsConfig) -> None:
    if not config.repo_url:
        config.edit_uri = None  # no repository to link to


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    method_id = page.meta.get("method_id")  # set in the front matter of generated method pages
    if config.repo_url and method_id:
        line = catalogue(config).method_line(method_id)
        page.edit_url = catalogue_line_url(config.repo_url, config.extra["catalogue_view_uri"], line)
    return context
