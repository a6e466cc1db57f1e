"""MkDocs events: what Material writes that the W3C HTML checker rejects, made valid.

Material's base.html (not a block or partial the site can override) gives its two hidden toggles,
the drawer's and the search's checkboxes, autocomplete="off", which HTML allows only on text-like
inputs. The attribute keeps Firefox from restoring the toggles' state on reload; without it a
reader may find the drawer open after going back, which is harmless. Each page loses the
attribute; a Material version that writes the toggles differently stops the build, so this file
is looked at again.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
)


def without_toggle_autocomplete(output: str, where: str) -> str:
    for toggle in TOGGLES:
        if toggle not in output:
            raise PluginError(f"{where}: Material no longer writes {toggle}: check hooks/valid_html.py against its base.html")
        output = output.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_toggle_autocomplete(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return without_toggle_autocomplete(output, template_name) if template_name == "404.html" else output
