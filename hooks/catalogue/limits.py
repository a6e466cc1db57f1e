"""Size limits: how much a data file may hold, so that the check and the build stay bounded.

A file larger than MAX_FILE_BYTES is not read at all. A top-level list longer than its schema's
maxItems (2,000 methods, 2,000 glossary terms) is reported on its own, before anything else is
checked: a generated file of 80,000 broken entries would otherwise be checked entry by entry and
drown the one problem that matters. Each text has its own limit in the schema (maxLength).
"""

from __future__ import annotations

from .problems import FieldPath, Location, Problem

MAX_FILE_BYTES = 30_000_000  # about 1,500 methods written out in full, three languages each


def file_too_large(size: int, display_name: str) -> Problem | None:
    if size <= MAX_FILE_BYTES:
        return None
    return Problem(display_name, 1, 1, None, "", f"the file is {size / 1e6:.1f} MB",
                   f"at most {MAX_FILE_BYTES / 1e6:.0f} MB (the size limit of a data file; see the editor guide)")


def overlong_lists(data: object, schema: dict, entry_locations: dict[FieldPath, Location], display_name: str) -> list[Problem]:
    """One problem for each top-level list with more entries than its schema allows, at the first entry too many."""
    if not isinstance(data, dict):
        return []
    problems = []
    for list_name, definition in schema.get("properties", {}).items():
        most, entries = definition.get("maxItems"), data.get(list_name)
        if most is None or not isinstance(entries, list) or len(entries) <= most:
            continue
        line, column = entry_locations.get((list_name, most), (1, 1))
        problems.append(Problem(display_name, line, column, None, f"{list_name}[{most}]",
                                f"the file has {len(entries):,} {list_name}; nothing else was checked",
                                f"at most {most:,} (the size limit of the file; see the editor guide)"))
    return problems
