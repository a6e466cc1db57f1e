"""A method's labels as Material tags, and links to their listings on the tags index."""

from __future__ import annotations

import html
from functools import lru_cache
from urllib.parse import quote

from catalogue import TAG_SEPARATOR, Catalogue
from pymdownx.slugs import slugify

# How search results show a tag: the separator with space around it.
SHOWN_TAG_SEPARATOR = " › "
# The language's tags index (docs/<lang>/merking.md), from the method list at <root>/metoder/
# and from a method page at <root>/metoder/<id>/.
TAGS_INDEX_FROM_METHOD_LIST = "../merking/"
TAGS_INDEX_FROM_METHOD_PAGE = "../../merking/"
# Material's tags plugin slugifies each level of a tag with these defaults (material/plugins/tags/config.py).
_tag_slugify = slugify(case="lower")


def tag_names(catalogue: Catalogue, method: dict, lang: str) -> list[str]:
    """The method's labels as Material tags, "Facet›Value", in facet order. Material writes tag names
    into pages as HTML (the tags index's headings and contents): catalogue text enters them escaped."""
    names = []
    for facet in catalogue.facets:
        for value_id in method["labels"].get(facet["id"], []):
            value_label = catalogue.value_labels[(facet["id"], value_id)][lang]
            names.append(html.escape(facet["label"][lang]) + TAG_SEPARATOR + html.escape(value_label))
    return names


def shown_tags(tag_names: list[str]) -> list[str]:
    """Tags as search results show them, "Facet › Value" (still HTML: Material's search writes them as such)."""
    return [name.replace(TAG_SEPARATOR, SHOWN_TAG_SEPARATOR) for name in tag_names]


def label_groups(catalogue: Catalogue, method: dict, lang: str, tags_index: str) -> list[dict]:
    """[{facet: label, values: [{label, href}]}] for the facets the method is labelled in; each
    value links to its listing on the tags index at the relative address `tags_index`."""
    groups = []
    for facet in catalogue.facets:
        value_labels = [catalogue.value_labels[(facet["id"], value_id)][lang] for value_id in method["labels"].get(facet["id"], [])]
        if value_labels:
            values = [{"label": label, "href": tag_listing_href(tags_index, facet["label"][lang], label)} for label in value_labels]
            groups.append({"facet": facet["label"][lang], "values": values})
    return groups


def tag_anchor(facet_label: str, value_label: str) -> str:
    """The id of a "Facet › Value" tag's heading on the tags index, made as Material's tags plugin
    makes it (ListingManager._slugify): each level of the hierarchy slugified, joined with the
    hierarchy separator, in the format "tag:{slug}", from the escaped names tag_names gives it."""
    return "tag:" + TAG_SEPARATOR.join(_tag_slugify(html.escape(label), "-") for label in (facet_label, value_label))


@lru_cache(maxsize=4096)  # a vocabulary of some hundred labels, linked from every method
def tag_listing_href(tags_index: str, facet_label: str, value_label: str) -> str:
    """Link to the methods carrying one label on the language's tags index at `tags_index`."""
    anchor = tag_anchor(facet_label, value_label)
    # Letters such as å and č, and the separator ›, stay as they are (browsers encode them when
    # they follow the link): three to nine bytes fewer each, on every label of every method page.
    return tags_index + "#" + "".join(character if ord(character) > 127 else quote(character, safe=":") for character in anchor)
