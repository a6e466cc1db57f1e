"""What an edit asks the preview to build again (sitebuild/preview_changes.py): the decision an editor
waits on after each save, as a table, with the files editors and tools write beside the one saved."""

from __future__ import annotations

import pytest

from sitebuild.preview_changes import FULL, INCREMENTAL, RESTART, kind_of_change

# What editors and tools leave beside data/methods.yaml while saving it.
SAVED_WITH = {
    "vim": ["data/4913", "data/.methods.yaml.swp", "data/methods.yaml~"],
    "Emacs": ["data/#methods.yaml#", "data/.#methods.yaml"],
    "Kate": ["data/methods.yaml.kate-swp"],
    "a JetBrains IDE": ["data/methods.yaml___jb_tmp___", "data/methods.yaml___jb_old___"],
    "sed -i": ["data/sedAb12Cd"],
    "gedit": ["data/.goutputstream-X1Y2Z3"],
}


@pytest.mark.parametrize("tool", SAVED_WITH)
def test_a_catalogue_saved_by_any_editor_is_built_incrementally(tool):
    assert kind_of_change(["data/methods.yaml", *SAVED_WITH[tool]]) == INCREMENTAL


@pytest.mark.parametrize("changed, kind", [
    (["data/methods.yaml"], INCREMENTAL),
    (["docs/sv/kurs.md", "data/methods.yaml"], INCREMENTAL),
    (["data/glossary.yaml"], FULL),  # every page marks its glossary terms
    (["data/sources.yaml"], FULL),
    (["overrides/main.html"], FULL),
    (["hooks/templates/method.html.j2"], FULL),
    (["docs/assets/filter.css"], FULL),
    (["data/sedation.yaml"], FULL),  # a data file, not a tool's temporary one
    (["hooks/method_pages.py"], RESTART),
    (["mkdocs.yml"], RESTART),
    (["data/methods.schema.json"], RESTART),
])
def test_each_kind_of_edit_builds_what_depends_on_it(changed, kind):
    assert kind_of_change(changed) == kind
