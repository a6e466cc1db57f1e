"""What the hook modules share: the build's data files, each read and validated once per change;
the method pages' search entries until they are written; Jinja's compiled templates.

MkDocs loads every hook file as its own module, so shared state lives here, in a plain module
that the hooks import, rather than in one hook that another imports (that would load it twice).
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

import catalogue_edits
from catalogue import Catalogue, load_catalogue, load_glossary

CATALOGUE_FILE = "data/methods.yaml"
# Where each language root has its search index (Material's search loads it from there).
SEARCH_INDEX = "search/search_index.json"
GLOSSARY_FILE = "data/glossary.yaml"

_cache: dict[str, tuple[tuple | None, object]] = {}
# The data files this build has looked at: within one build every page reads the same data, even if
# an editor saves mid-build (a file being written can read as empty); the next build reads the edit.
_looked_at: set[str] = set()


def new_build() -> None:
    """A build starts (method_pages.py: on_config): look at the data files again, once."""
    _looked_at.clear()


def cached_load(config: MkDocsConfig, relative_path: str, loader, also: tuple[Path, ...] = ()):
    """Load a data file once per change (of it, or of the files `also` it reads) seen at the start of
    a build: i18n runs on_config once per language, serve once per edit."""
    if relative_path in _looked_at and relative_path in _cache:
        return _cache[relative_path][1]
    _looked_at.add(relative_path)
    path = Path(config.config_file_path).parent / relative_path

    def state(file: Path):
        try:
            stat = file.stat()
            return stat.st_mtime_ns, stat.st_size
        except OSError:
            return None  # the loader reports the missing file

    key = tuple(state(file) for file in (path, *also))
    if relative_path not in _cache or _cache[relative_path][0] != key:
        _cache.pop(relative_path, None)  # never keep a stale copy after a failed load
        _cache[relative_path] = (key, loader(path, relative_path))
    return _cache[relative_path][1]


def catalogue(config: MkDocsConfig) -> Catalogue:
    return cached_load(config, CATALOGUE_FILE, _read_catalogue, also=catalogue_edits.REGISTERS)  # it is checked against the registers


_catalogue_read: catalogue_edits.Loaded | None = None  # the last catalogue read without a problem
# True in a process that serves (the preview, mkdocs serve): it reads the catalogue again after each
# edit, and keeps what lets it read only the changed methods then (method_pages.py: on_startup).
reads_catalogue_again = False


def _read_catalogue(path: Path, display_name: str) -> Catalogue:
    """After an edit to some methods, only those are read again (catalogue_edits.py)."""
    global _catalogue_read
    _catalogue_read = catalogue_edits.load_after_edit(path, display_name, _catalogue_read, load_catalogue, reads_catalogue_again)
    return _catalogue_read.catalogue


def glossary(config: MkDocsConfig) -> dict:
    return cached_load(config, GLOSSARY_FILE, load_glossary)


def i18n_plugin(config: MkDocsConfig):
    return config.plugins["i18n"]


class MethodSearchEntries:
    """The method pages' search entries by language, in catalogue order, added as each page renders
    and written into the language's index by language_search.py once every language is built. Each
    entry is kept as the UTF-8 JSON it is written as: as Python objects, 1,000 methods' entries took
    some 30 MB a language. An incremental preview build keeps the entries of the methods it does
    not render from what the build of the site being served saved (`saved`, `restore`)."""

    def __init__(self) -> None:
        self.by_language: dict[str, dict[str, list[bytes]]] = {}

    def start(self, lang: str, method_ids: list[str]) -> None:
        self.by_language[lang] = {method_id: [] for method_id in method_ids}

    def add(self, lang: str, method_id: str, entries: list[dict]) -> None:
        self.by_language[lang][method_id] = [_entry_json(entry) for entry in entries]

    def saved(self, lang: str) -> bytes:
        """The language's entries, one line a method ("id<TAB>entry,entry,…"), for `restore`."""
        return b"".join(method_id.encode() + b"\t" + b",".join(entries) + b"\n" for method_id, entries in self.by_language[lang].items())

    def restore(self, lang: str, saved: bytes, method_ids: set[str]) -> None:
        """Take the entries of `method_ids` from what `saved` gave in an earlier build."""
        for line in saved.splitlines():
            method_id, entries = line.decode().split("\t", 1)
            if method_id in method_ids and entries:
                self.by_language[lang][method_id] = [entries.encode()]

    def json(self, lang: str) -> list[bytes]:
        return [entry for entries in self.by_language.get(lang, {}).values() for entry in entries]


def _entry_json(entry: dict) -> bytes:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()


method_search_entries = MethodSearchEntries()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled Jinja templates kept for the life of the process (see template_cache.py)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


template_bytecode = MemoryBytecodeCache()
