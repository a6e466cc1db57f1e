"""MkDocs events: one search index per language, so a search on a Swedish page finds Swedish pages only.

mkdocs-static-i18n gathers every language's entries into one search/search_index.json. After the
whole site is built, this hook splits it into <language root>/search/search_index.json, each with
locations relative to its language root and the lunr settings of its language (stemming where
lunr has a stemmer for it). Material loads "search/search_index.json" relative to the "base" in
its page config, so overrides/main.html sets that base to the page's language root, given here.
Method pages are not in the joint index: their entries come from the pages' own rendering
(site_data.method_search_entries) and are added to their language's index here.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from build_scope import languages_built, languages_finished, scope
from render import language_root
from site_data import SEARCH_INDEX, i18n_plugin, method_search_entries

# Material's search worker loads assets/javascripts/lunr/min/lunr.<lang>.min.js for every lang but "en".
LUNR_LANGUAGE_FILE = "assets/javascripts/lunr/min/lunr.{}.min.js"


def language_base_url(base_url: str, lang: str, default_language: str) -> str:
    """The page's relative address of its language root, ending in "/" as a URL base must."""
    return posixpath.join(base_url, language_root(lang, default_language))


def lunr_config(site_config: dict, lang: str, has_stemmer: bool) -> dict:
    """The index settings for one language. lunr has no stemmer for some languages (Northern Sami):
    their words are indexed as written, without another language's stemmer, stop words or trimmer
    (lunr's default trimmer strips letters such as č and š from word edges)."""
    if has_stemmer:
        return {**site_config, "lang": [lang]}
    return {**site_config, "lang": ["en"], "pipeline": []}  # "en" loads no language file


def split_search_index(index: dict, languages: list[str], default_language: str, stemmed: set[str]) -> dict[str, dict]:
    """{language: its own search index}, locations made relative to the language root."""
    split = {lang: {"config": lunr_config(index["config"], lang, lang in stemmed), "docs": []} for lang in languages}
    for doc in index["docs"]:
        first_folder = doc["location"].split("/", 1)[0]
        lang = first_folder if first_folder in split else default_language
        location = doc["location"].removeprefix(language_root(lang, default_language))
        split[lang]["docs"].append({**doc, "location": location})
    return split


def index_json(language_index: dict, more_docs: list[bytes]) -> bytes:
    """A language's search index as UTF-8 JSON, with `more_docs` (entries already in JSON) after its own."""
    def as_json(value) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    docs = [as_json(doc) for doc in language_index["docs"]] + more_docs
    return b'{"config":' + as_json(language_index["config"]) + b',"docs":[' + b",".join(docs) + b"]}"


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    i18n = i18n_plugin(config)
    context["language_base_url"] = language_base_url(context["base_url"], i18n.current_language, i18n.default_language)
    return context


@event_priority(-110)  # after mkdocs-static-i18n has built every language and written the joint index
def on_post_build(config: MkDocsConfig) -> None:
    if not languages_finished(config):  # a language build inside the first one: the joint index is not complete yet
        return
    i18n = i18n_plugin(config)
    site = Path(config.site_dir)
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    languages = languages_built(config)
    # Whether lunr has a stemmer for a language: the theme ships its file (the site may not have it
    # yet, in an incremental preview build that copies no unchanged files).
    stemmed = {lang for lang in languages if any((Path(folder) / LUNR_LANGUAGE_FILE.format(lang)).exists() for folder in config.theme.dirs)}
    for lang, language_index in split_search_index(index, languages, i18n.default_language, stemmed).items():
        path = site / language_root(lang, i18n.default_language) / SEARCH_INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(index_json(language_index, method_search_entries.json(lang)))
        if scope.saved_search_entries:  # for the preview's next incremental build (hooks/scoped_build.py)
            (scope.saved_search_entries / lang).write_bytes(method_search_entries.saved(lang))
