"""What an edit asks the preview to build again (pure functions, no MkDocs).

An edit to the catalogue's methods, or to a hand-written page, is built incrementally: every
hand-written page, methods.json, the sitemap and the search indexes again (they list every method),
but of the method pages only those whose inputs changed. A method page reads its own entry, the
entries its `related` list names, and everything in the data files that is not a method entry
(hooks/render/method_page.py); with edit links, also the line where its entry starts. The tags
index is written again only when a method's title or tags change. Anything
else — the vocabulary, the interface text, the glossary, a template, the theme — is a full build;
Python code or the configuration restarts the builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

INCREMENTAL = "incremental"
FULL = "full"
RESTART = "restart"

CATALOGUE = "data/methods.yaml"


# Files that editors and tools write beside the one being saved and then remove or keep as a backup:
# vim (4913, .swp, ~), Emacs (#name#, .#name), Kate (.kate-swp), JetBrains IDEs (___jb_tmp___,
# ___jb_old___), `sed -i` and `perl -i` (sedXXXXXX), and hidden files such as gedit's .goutputstream-*.
_TOOL_FILE = re.compile(r"[.#].*|.*(~|\.swp|\.swx|\.tmp|\.kate-swp|___jb_tmp___|___jb_old___)|4913|sed[A-Za-z0-9]{6}")


def is_noise(path: str) -> bool:
    """Editors' and tools' temporary and backup files."""
    return bool(_TOOL_FILE.fullmatch(PurePosixPath(path).name))


def kind_of_change(paths: list[str]) -> str:
    """How much to build after the files at `paths` (relative to the project) changed."""
    paths = [path for path in paths if not is_noise(path)]
    if any(path == "mkdocs.yml" or path.endswith(".py") or (path.startswith("data/") and path.endswith(".json")) for path in paths):
        return RESTART  # code, the configuration or a schema: a fresh process
    if all(path == CATALOGUE or (path.startswith("docs/") and path.endswith(".md")) for path in paths):
        return INCREMENTAL
    return FULL


@dataclass(frozen=True)
class MethodEdit:
    """What an edit of the catalogue's methods changes."""

    changed: frozenset[str]  # the ids of the methods whose entries changed
    pages: frozenset[str]  # the ids of the method pages that differ (theirs, and of the methods naming them)
    tags_index: bool  # whether a method's title or tags differ: the tags index lists them


def methods_edit(before, after, edit_links: bool) -> MethodEdit | None:
    """What differs between two catalogues, or None when any page may (the list of methods or
    anything but the methods changed)."""
    if [method["id"] for method in before.methods] != [method["id"] for method in after.methods]:
        return None
    if {key: value for key, value in before.data.items() if key != "methods"} != {key: value for key, value in after.data.items() if key != "methods"}:
        return None
    old = before.methods_by_id
    changed = {method["id"] for method in after.methods if method != old[method["id"]]}
    pages = changed | {method["id"] for method in after.methods if changed.intersection(method.get("related", []))}
    if edit_links:  # a method page's edit link opens the catalogue at the line where its entry starts
        pages |= {method["id"] for method in after.methods if before.method_line(method["id"]) != after.method_line(method["id"])}
    return MethodEdit(frozenset(changed), frozenset(pages), any(_listed_as(before, old[id]) != _listed_as(after, after.methods_by_id[id]) for id in changed))


def _listed_as(catalogue, method: dict) -> list:
    """What the tags index shows of a method page: its title under each of its tags, per language."""
    import render  # the project's (sitebuild.language_builds.project_modules)
    from catalogue import LANGUAGES

    return [(meta["title"], meta["tags"]) for meta in (render.method_meta(catalogue, method, lang) for lang in LANGUAGES)]
