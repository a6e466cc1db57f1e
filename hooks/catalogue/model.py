"""The validated catalogue, with the look-ups the templates need."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .problems import FieldPath, Location

LANGUAGES = ("no", "sv", "se")
# Joins a facet and its value in a tag ("Nivå›Systemnivå"): Material's tags plugin splits tags at it
# and joins the parts' slugs with it in ids, so it is a character without spaces that no label holds.
TAG_SEPARATOR = "›"


class Catalogue:
    """The validated catalogue with look-ups the templates need."""

    def __init__(self, data: dict, path: Path, locations: dict[FieldPath, Location],
                 sources: dict[str, dict] | None = None, laws: dict[str, dict] | None = None):
        self.data = data
        self.path = path
        self.locations = locations
        self.sources = sources or {}  # data/sources.yaml by id
        self.laws = laws or {}  # data/laws.yaml by id

    @property
    def ui(self) -> dict:
        return self.data["ui"]

    @property
    def facets(self) -> list[dict]:
        return self.data["facets"]

    @property
    def methods(self) -> list[dict]:
        return self.data["methods"]

    @cached_property
    def evidence_levels(self) -> dict[str, dict]:
        return {level["id"]: level for level in self.data["evidence_levels"]}

    @cached_property
    def methods_by_id(self) -> dict[str, dict]:
        return {method["id"]: method for method in self.methods}

    @cached_property
    def value_labels(self) -> dict[tuple[str, str], dict]:
        return {(facet["id"], value["id"]): value["label"] for facet in self.facets for value in facet["values"]}

    @cached_property
    def _method_indexes(self) -> dict[str, int]:
        return {method["id"]: index for index, method in enumerate(self.methods)}

    def method_line(self, method_id: str) -> int:
        """The line where the method's entry starts in the file (its `- id:` line)."""
        return self.locations[("methods", self._method_indexes[method_id])][0]
