"""MkDocs events: what Material writes that the W3C HTML checker rejects, made valid, and pages
whose ids repeat stopped.

Material's base.html (not a block or partial the site can override) gives its two hidden toggles,
the drawer's and the search's checkboxes, autocomplete="off", which HTML allows only on text-like
inputs. The attribute keeps Firefox from restoring the toggles' state on reload; without it a
reader may find the drawer open after going back, which is harmless. Each page loses the
attribute; a Material version that writes the toggles differently stops the build, so this file
is looked at again.

Ids come from catalogue text too (headings from method titles, tag anchors from label names,
glossary rows from term ids): two texts that read alike give one id twice, and a link to it lands
on the wrong one. That stops the build with the page and the id, rather than publish it.
"""

from __future__ import annotations

import re
from collections import Counter

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


ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


def repeated_ids(output: str) -> list[str]:
    return [value for value, count in Counter(ID_ATTRIBUTE.findall(output)).items() if count > 1]


def check_unique_ids(output: str, where: str) -> str:
    repeated = repeated_ids(output)
    if repeated:
        raise PluginError(f"{where}: the id {repeated[0]!r} is given twice on the page: two titles, labels or terms read alike, "
                          "or one reads like a heading of the page; rename one")
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return check_unique_ids(without_toggle_autocomplete(output, page.file.src_uri), page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return without_toggle_autocomplete(output, template_name) if template_name == "404.html" else output
