"""Size limits: how much a data file may hold, so that the check and the build stay bounded.

A file larger than MAX_FILE_BYTES is not read at all. Every list has a limit in its schema (maxItems:
2,000 methods, 5,000 sources, 1,000 laws, 100 references and 200 changes a method, ...), and so does
every mapping (the schema's maxProperties, else MOST_FIELDS); a list where the schema expects none
may hold MOST_ENTRIES. A list or mapping over its limit is reported on its own, before anything else
is checked, and its entries are not looked at: a generated file of 80,000 broken entries would
otherwise be checked entry by entry and drown the one problem that matters. Each text has its own
limit in the schema (maxLength).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from .problems import NAMED_LISTS, Context, FieldPath, Problem, dotted
from .schema import schemas

MAX_FILE_BYTES = 30_000_000  # about 1,500 methods written out in full, three languages each
MOST_FIELDS = 100  # fields of a mapping whose schema sets no maxProperties (a method has 19)
MOST_ENTRIES = 100  # entries of a list where the schema expects no list (an unknown field, a list for a text)
_LIMITS = ("maxItems", "maxProperties")
_SEE_GUIDE = "see the editor guide"
_UNCHECKED = "nothing else was checked"


def file_too_large(size: int, display_name: str) -> Problem | None:
    if size <= MAX_FILE_BYTES:
        return None
    return Problem(display_name, 1, 1, None, "", f"the file is {size / 1e6:.1f} MB",
                   f"at most {MAX_FILE_BYTES / 1e6:.0f} MB (the size limit of a data file; {_SEE_GUIDE})")


@dataclass(frozen=True)
class Overflow:
    """A list or a mapping with more entries than it may hold."""

    path: FieldPath  # of the list or mapping
    size: int
    most: int
    first_extra: FieldPath  # the first entry too many: the list's index `most`, or the mapping's field after the first `most`


def overflows(data: object, schema_file: str) -> list[Overflow]:
    """Every list and mapping in the data over its limit in the schema `schema_file` (a name in data/), in
    the file's order; the entries of one over its limit are not looked at."""
    found: list[Overflow] = []
    _find_overflows(data, schemas()[schema_file], schema_file, (), found)
    return found


def _find_overflows(value: object, schema: dict, schema_file: str, path: FieldPath, found: list[Overflow]) -> None:
    schema, schema_file = _followed(schema, schema_file)
    if isinstance(value, list):
        most, keys = schema.get("maxItems", MOST_ENTRIES), range(len(value))
    elif isinstance(value, dict):
        most, keys = schema.get("maxProperties", MOST_FIELDS), value
    else:
        return
    if len(value) > most:
        extra = most if isinstance(value, list) else next(islice(value, most, None))
        found.append(Overflow(path, len(value), most, path + (extra,)))
        return
    for key in keys:
        if isinstance(value[key], (list, dict)):
            _find_overflows(value[key], _entry_schema(schema, key), schema_file, path + (key,), found)


def _entry_schema(schema: dict, key: int | str) -> dict:
    """The schema of a list's entry (an index) or a mapping's field (a name); {} where it says nothing."""
    if isinstance(key, int):
        inner = schema.get("items")
    else:
        inner = schema.get("properties", {}).get(key, schema.get("additionalProperties"))
    return inner if isinstance(inner, dict) else {}


# (id of a schema with "$ref", its file) -> (that schema, kept so that its id stays its own; the followed schema; its file)
_FOLLOWED: dict[tuple[int, str], tuple[dict, dict, str]] = {}


def _followed(schema: dict, schema_file: str) -> tuple[dict, str]:
    """The schema with its "$ref" followed (within its file, #/$defs/name, or to a sibling's, methods.schema.json#/...),
    and the file it now stands in; a limit beside the "$ref" applies as well as the definition's."""
    if "$ref" not in schema:
        return schema, schema_file
    key = (id(schema), schema_file)
    if key not in _FOLLOWED:
        target_file, _, pointer = schema["$ref"].partition("#")
        target_file = target_file or schema_file
        target = schemas()[target_file]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        target, target_file = _followed(target, target_file)
        merged = {**target, **{keyword: value for keyword, value in schema.items() if keyword != "$ref"}}
        for keyword in _LIMITS:
            if keyword in schema and keyword in target:
                merged[keyword] = min(schema[keyword], target[keyword])
        _FOLLOWED[key] = schema, merged, target_file
    return _FOLLOWED[key][1:]


def overflow_problems(context: Context, found: list[Overflow]) -> list[Problem]:
    """One problem for each overflow, at its first entry too many (`context` knows where that stands)."""
    return [_overflow_problem(context, overflow) for overflow in found]


def _overflow_problem(context: Context, overflow: Overflow) -> Problem:
    size, extra = overflow.size, overflow.first_extra
    if len(overflow.path) == 1 and overflow.path[0] in NAMED_LISTS:  # methods, sources, ...: named by place, not by id
        return Problem(context.display_name, *context.location(extra), None, dotted(extra),
                       f"the file has {size:,} {overflow.path[0]}; {_UNCHECKED}", _at_most(overflow.most, "the file"))
    if isinstance(extra[-1], int):
        return context.problem(extra, f"the list has {size:,} entries; {_UNCHECKED}", _at_most(overflow.most, "a list"))
    where = "the mapping" if overflow.path else "the file"
    return context.field_problem(extra, f"{where} has {size:,} fields; {_UNCHECKED}", _at_most(overflow.most, "a mapping"))


def _at_most(most: int, what: str) -> str:
    return f"at most {most:,} (the size limit of {what}; {_SEE_GUIDE})"
