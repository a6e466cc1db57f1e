"""Load and validate the catalogue (data/methods.yaml) and the glossary (data/glossary.yaml).

Pure Python, no MkDocs: the build hooks, the editors' check command (hooks/check_catalogue.py) and
the tests all call `check_file` or `load_catalogue`. Nothing here raises on a broken file except
`load_*`, which raise one `CatalogueError` carrying every problem found, each with file, line,
column, method id, field path and what was expected.

A file is checked in two steps. First the quick one: libyaml reads it into plain data, jsonschema-rs
checks it against the schema and the rules a schema cannot say run on the data; that is all a valid
file needs (a 20 MB catalogue of 1,000 methods takes under a second). Anything else, including
whatever only the careful step reads or reports rightly (tabs, repeated keys, aliases, yes/no
keys...), takes the careful step: `parse_yaml` records where every value stands and the schema is
checked with python-jsonschema, whose errors say what is wrong, so that every problem is reported
with its place.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jsonschema_rs
import referencing
import yaml

LANGUAGES = ("no", "sv", "se")
DATA = Path(__file__).resolve().parent.parent / "data"
CATALOGUE_SCHEMA = DATA / "methods.schema.json"
GLOSSARY_SCHEMA = DATA / "glossary.schema.json"
# Top-level lists whose entries are named by their id in problems ("<method id> <field path>").
NAMED_LISTS = ("methods", "terms")

Location = tuple[int, int]  # 1-based line and column
FieldPath = tuple  # keys and list indexes from the document root

# libyaml reads the catalogue about 25 times faster than pure-Python PyYAML (0.01 s against
# 0.23 s for 300 KB); both give the same nodes and marks (columns count characters).
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Characters YAML does not accept (PyYAML's reader rule), found before parsing so that each is
# reported on its own line rather than as an offset into the file. Also refused: the line breaks
# YAML knows but editors do not show as such (U+0085, U+2028, U+2029), which would make YAML's
# line numbers differ from the editor's.
_FORBIDDEN_CHARACTER = re.compile("[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LONGEST_QUOTE = 60  # characters of a wrong value repeated in a message


@dataclass(frozen=True)
class _ReadIssue:
    """A problem seen while reading YAML, before method ids are known."""

    path: FieldPath
    location: Location
    message: str
    expected: str


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    method_id: str | None
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        subject = " ".join(part for part in (self.method_id, self.field) if part)
        text = f"{self.file}:{self.line}:{self.column}: " + (f"{subject}: " if subject else "") + self.message
        return f"{text}, expected {self.expected}" if self.expected else text


def count_problems(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


class CatalogueError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_reading_order)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        files = ", ".join(sorted({problem.file for problem in self.problems}))
        lines.append(f"{count_problems(self.problems)} in {files}; nothing was built.")
        return "\n".join(lines)


def _reading_order(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.field, problem.message)


class Catalogue:
    """The validated catalogue with look-ups the templates need."""

    def __init__(self, data: dict, path: Path, locations: dict[FieldPath, Location]):
        self.data = data
        self.path = path
        self.locations = locations

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


@dataclass
class Checked:
    """What checking a file found: the data and where its values stand, or the problems.

    `locations` always holds where each entry of the top-level lists starts (a method's `- id:`
    line, for its edit link); the careful step also has every other value's place.
    """

    data: object
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# --- Reading YAML while remembering where every value stands -------------------------------------


class _TooLarge(Exception):
    """Aliases (*name) expand the file beyond what its text could hold by itself."""

    def __init__(self, node: yaml.Node):
        self.node = node


def _mark(node: yaml.Node | yaml.Event) -> Location:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Reader:
    """Builds plain Python data from YAML nodes and records each value's line and column.

    A value's location is where it starts when that is on its key's line; a value that starts on a
    later line (a block of fields or a list) is located at its key, where an editor looks for it.
    """

    def __init__(self, loader, node_budget: int):
        self.loader = loader
        self.locations: dict[FieldPath, Location] = {}
        self.key_locations: dict[FieldPath, Location] = {}  # where each field's name stands
        self.issues: list[_ReadIssue] = []
        self.node_budget = node_budget  # a text of n characters holds fewer than n values
        self._open: set[int] = set()  # nodes being built: an alias to one of them is a loop

    def problem(self, node: yaml.Node, path: FieldPath, message: str, expected: str = "") -> None:
        self.issues.append(_ReadIssue(path, _mark(node), message, expected))

    def build(self, node: yaml.Node, path: FieldPath = ()):
        self.node_budget -= 1
        if self.node_budget < 0:
            raise _TooLarge(node)
        if id(node) in self._open:
            self.problem(node, path, "an alias (*name) here points back to the value that contains it", "a value without loops")
            return None
        self.locations[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict:
        try:
            self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        except yaml.constructor.ConstructorError as error:
            self.problem(node, path, f"a merge key (<<) cannot be used here ({error.problem})", "a mapping after <<")
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key, bool):
                self.problem(key_node, path, f"the key {key_node.value} was read as {str(key).lower()}",
                             f'"{key_node.value}" in quotes (YAML reads a bare {key_node.value} as a yes/no value)')
                key = key_node.value
            elif not isinstance(key, (str, int)):
                self.problem(key_node, path, "a key must be a plain word", "a name followed by a colon")
                continue
            key = str(key)
            if key in result:
                first_line = self.locations[path + (key,)][0]
                self.problem(key_node, path + (key,), f"the key {_name(key)} appears twice (first on line {first_line})",
                             "each key once")
                continue
            result[key] = self.build(value_node, path + (key,))
            self.key_locations[path + (key,)] = _mark(key_node)
            if value_node.start_mark.line != key_node.start_mark.line:
                self.locations[path + (key,)] = _mark(key_node)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath):
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as error:
            if node.tag.endswith(":timestamp"):
                self.problem(node, path, f"{_quote(node.value)} is not a real date ({error})", "a date as YYYY-MM-DD")
            else:
                reason = getattr(error, "problem", None) or str(error)
                self.problem(node, path, f"{_quote(node.value)} cannot be read ({reason})",
                             "a plain value (without a ! tag in front)")
            return node.value
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return value


def _dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{_name(part)}" if text else _name(part))
    return text


def _quote(value) -> str:
    """A value as it appears in a message: quoted, and shortened when long."""
    text = repr(value)
    return text if len(text) <= _LONGEST_QUOTE else text[: _LONGEST_QUOTE - 5] + "…" + text[-1]


def _name(value) -> str:
    """An id, key or label value as it appears in a message: bare when short and on one line, else quoted."""
    text = str(value)
    return text if text and len(text) <= _LONGEST_QUOTE and text.isprintable() and text.strip() == text else _quote(value)


def _one_of(choices) -> str:
    return "one of " + ", ".join(map(_name, choices))


def _character_problems(text: str, display_name: str) -> list[Problem]:
    """Tabs and control characters, the first of each line; YAML cannot be read past them."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            problems.append(Problem(display_name, number, line.index("\t") + 1, None, "",
                                    "a tab character is used for indentation or spacing",
                                    "spaces only (YAML does not allow tabs)"))
        forbidden = _FORBIDDEN_CHARACTER.search(line)
        if forbidden:
            problems.append(Problem(display_name, number, forbidden.start() + 1, None, "",
                                    f"the invisible control character U+{ord(forbidden.group()):04X} cannot be used",
                                    "plain text (delete the character; it often comes from copying out of another program)"))
    return problems


def _within(text: str, location: Location) -> Location:
    """A location inside the text: YAML places "the file ended too early" on a line after the last."""
    lines = text.split("\n")
    line, column = location
    return location if line <= len(lines) else (len(lines), len(lines[-1]) + 1)


@dataclass
class _Parsed:
    data: object = None
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    key_locations: dict[FieldPath, Location] = field(default_factory=dict)  # where each field's name stands
    issues: list[_ReadIssue] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)  # why the text could not be read at all


def _unreadable(display_name: str, location: Location, message: str, expected: str) -> _Parsed:
    return _Parsed(unreadable=[Problem(display_name, *location, None, "", message, expected)])


def parse_yaml(text: str, display_name: str) -> _Parsed:
    """Parse YAML into data plus the location of every value and of every field name.

    Text that cannot be read as YAML ends reading (`unreadable` says why); anything else read
    wrongly is returned as `issues` next to the data so that validation can go on and report it
    all at once.
    """
    character_problems = _character_problems(text, display_name)
    if character_problems:
        return _Parsed(unreadable=character_problems)
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _Parsed(None)  # an empty file: the schema says what belongs in it
        reader = _Reader(loader, node_budget=len(text) + 100)
        data = reader.build(node)
    except yaml.MarkedYAMLError as error:
        # A key without its colon is noticed only on the next line; the key's own line is the useful one.
        mark = error.context_mark if error.context == "while scanning a simple key" else error.problem_mark or error.context_mark
        context = f" ({error.context})" if error.context else ""
        return _unreadable(display_name, _within(text, (mark.line + 1, mark.column + 1) if mark else (1, 1)),
                           f"YAML syntax error: {(error.problem or '').removeprefix('but ')}{context}",
                           "valid YAML (check indentation, colons and quotes on this line and the one above)")
    except yaml.YAMLError as error:  # not tied to a place in the text
        return _unreadable(display_name, (1, 1), f"the file cannot be read as YAML ({error})", "valid YAML")
    except _TooLarge as error:
        return _unreadable(display_name, _mark(error.node), "aliases (*name) repeat so much that the file grows too large",
                           "each value written out once, without & and *")
    except RecursionError:
        return _unreadable(display_name, (1, 1), "the values are nested too deeply to read",
                           "at most a few hundred levels of indentation or brackets")
    finally:
        loader.dispose()
    return _Parsed(data, reader.locations, reader.key_locations, reader.issues)


# --- Reading YAML quickly, for a file that turns out valid -----------------------------------------

_TEXT_TAG = "tag:yaml.org,2002:str"
# Characters YAML reads but the careful reader reports (see _character_problems); libyaml itself
# refuses every other character that _FORBIDDEN_CHARACTER finds, and searching for four is quicker.
_READABLE_BUT_REPORTED = "\t\x85\u2028\u2029"


class _NeedsCarefulReading(Exception):
    """The text holds something that only the careful reader (`parse_yaml`) reads or reports rightly."""


def _read_plainly(text: str) -> tuple[dict, dict[FieldPath, Location]]:
    """The data, the same as `parse_yaml` gives, and where the entries of its top-level lists start.

    Raises _NeedsCarefulReading, or whatever libyaml raises, for anything the careful reader would
    report or read in its own way.
    """
    if any(character in text for character in _READABLE_BUT_REPORTED):
        raise _NeedsCarefulReading
    loader = _YamlLoader(text)
    try:
        return _PlainReader(loader).document()
    finally:
        loader.dispose()


class _PlainReader:
    """Plain data straight from libyaml's events: without `_Reader`'s nodes and places it takes a
    fraction of the time and of the memory."""

    def __init__(self, loader):
        self.loader = loader
        self.next_event = loader.get_event
        self.entry_locations: dict[FieldPath, Location] = {}

    def document(self) -> tuple[dict, dict[FieldPath, Location]]:
        self.next_event()  # the stream starts
        if not self.loader.check_event(yaml.DocumentStartEvent):
            raise _NeedsCarefulReading  # an empty file
        self.next_event()
        if type(self.next_event()) is not yaml.MappingStartEvent:
            raise _NeedsCarefulReading  # never valid
        data = self.mapping(top_level=True)
        self.next_event()  # the document ends
        if not self.loader.check_event(yaml.StreamEndEvent):
            raise _NeedsCarefulReading  # a second document
        return data, self.entry_locations

    def value(self, event: yaml.Event, field: str | None = None):
        """The value that starts with `event`; `field` names a top-level field, whose list entries' places are kept."""
        if event.anchor is not None:
            raise _NeedsCarefulReading  # an anchor (&name) or alias (*name): the careful reader catches loops and blow-ups
        if type(event) is yaml.ScalarEvent:
            return self.scalar(event)
        if type(event) is yaml.SequenceStartEvent:
            return self.sequence(field)
        return self.mapping()

    def scalar(self, event: yaml.ScalarEvent):
        tag = event.tag if event.tag not in (None, "!") else self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _TEXT_TAG:
            return event.value
        # Raises for what cannot be read (a date that does not exist, an unknown tag).
        value = self.loader.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()  # as `_Reader` gives it
        if type(value) is not int:
            raise _NeedsCarefulReading  # yes/no, empty, decimals: never valid or too rare to matter here
        return value

    def sequence(self, field: str | None) -> list:
        items = []
        event = self.next_event()
        while type(event) is not yaml.SequenceEndEvent:
            if field is not None:
                self.entry_locations[(field, len(items))] = _mark(event)
            items.append(self.value(event))
            event = self.next_event()
        return items

    def mapping(self, top_level: bool = False) -> dict:
        mapping = {}
        pairs = 0
        event = self.next_event()
        while type(event) is not yaml.MappingEndEvent:
            key = self.value(event)
            if type(key) is not str:
                raise _NeedsCarefulReading  # yes/no, a number or a merge (<<) as a key
            mapping[key] = self.value(self.next_event(), key if top_level else None)
            pairs += 1
            event = self.next_event()
        if len(mapping) != pairs:
            raise _NeedsCarefulReading  # a key given twice
        return mapping


# --- Validation ------------------------------------------------------------------------------------


@dataclass
class _Context:
    display_name: str
    data: object
    locations: dict[FieldPath, Location]
    key_locations: dict[FieldPath, Location]

    def item_id(self, path: FieldPath) -> str | None:
        """The id of the method (or glossary term) the path lies in, if it has a usable one."""
        if len(path) >= 2 and path[0] in NAMED_LISTS and isinstance(path[1], int) and isinstance(self.data, dict):
            items = self.data.get(path[0])
            item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            return item_id if isinstance(item_id, str) and _name(item_id) == item_id else None
        return None

    def problem(self, path: FieldPath, message: str, expected: str = "", at: Location | None = None) -> Problem:
        line, column = at or self.location(path)
        item_id = self.item_id(path)
        field_path = path[2:] if item_id else path
        return Problem(self.display_name, line, column, item_id, _dotted(field_path), message, expected)

    def field_problem(self, path: FieldPath, message: str, expected: str) -> Problem:
        """A problem with a field's name (unknown, misspelt): located at the name, not its value."""
        return self.problem(path, message, expected, at=self.key_locations.get(path))

    def location(self, path: FieldPath) -> Location:
        """Where the value at `path` stands, or the nearest enclosing value that was read."""
        for length in range(len(path), -1, -1):
            if path[:length] in self.locations:
                return self.locations[path[:length]]
        return (1, 1)


def _is_web_address(value: object) -> bool:
    """The schema's "uri" format: a complete http(s) address with a host name and no spaces."""
    if not isinstance(value, str):
        return True  # the type is the schema's concern
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(re.fullmatch(r"[^\s/:@.]+(\.[^\s/:@.]+)+", host)) and not re.search(r"\s", value)


_FORMAT_CHECKER = jsonschema.FormatChecker(formats=("date",))
_FORMAT_CHECKER.checks("uri")(_is_web_address)


@lru_cache(maxsize=None)
def _schemas() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(DATA.glob("*.schema.json"))}


@lru_cache(maxsize=None)
def _validator(schema_path: Path) -> jsonschema.Draft202012Validator:
    """A compiled validator per schema file; sibling schemas resolve by their $id (file name)."""
    registry = referencing.Registry().with_resources(
        (schema["$id"], referencing.Resource.from_contents(schema)) for schema in _schemas().values()
    )
    return jsonschema.Draft202012Validator(_schemas()[schema_path.name], registry=registry, format_checker=_FORMAT_CHECKER)


def _conforms(format_name: str, value: object) -> bool:
    return _FORMAT_CHECKER.conforms(value, format_name)


@lru_cache(maxsize=None)
def _quick_validator(schema_path: Path) -> jsonschema_rs.Draft202012Validator:
    """The same schema for jsonschema-rs (Rust, some 80 times faster), which says only whether the data
    is valid; it checks formats with the very functions python-jsonschema uses."""
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in _schemas().values()])
    return jsonschema_rs.Draft202012Validator(
        _schemas()[schema_path.name], registry=registry, validate_formats=True,
        formats={name: partial(_conforms, name) for name in _FORMAT_CHECKER.checkers},
    )


def _definition(schema: dict) -> dict:
    """Follow a "$ref" to one of the shared definitions (all live in methods.schema.json)."""
    reference = schema.get("$ref", "")
    return _schemas()[CATALOGUE_SCHEMA.name]["$defs"].get(reference.rsplit("/", 1)[-1], {}) if "#/$defs/" in reference else schema


def _suggest(word, choices) -> str:
    return _did_you_mean(str(word), frozenset(map(str, choices)))


@lru_cache(maxsize=4096)  # a large broken file repeats the same misspelling many times
def _did_you_mean(word: str, choices: frozenset[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


_TYPE_WORDS = {
    "object": "a mapping (field: value lines)",
    "array": "a list (lines starting with - or [a, b])",
    "string": "a text",
    "integer": "a whole number",
}


def _kind(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {_quote(value)}" if isinstance(value, str) else f"the value {_quote(value)}"


def _describe(schema: dict) -> str:
    """What a field holds, in the words its schema definition gives (or its type)."""
    definition = _definition(schema)
    text = (schema.get("description") or definition.get("description")
            or _TYPE_WORDS.get(definition.get("type"), "see data/methods.schema.json"))
    return (text[:1].lower() + text[1:]).removesuffix(".")


def _schema_problems(context: _Context, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    instance = error.instance
    if validator == "required":
        missing = next((name for name in error.validator_value if name not in instance and repr(name) in error.message), error.message)
        definition = schema.get("properties", {}).get(missing, {})
        return [context.problem(path, f"the field {missing} is missing", f"{missing} ({_describe(definition)})")]
    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [context.field_problem(path + (extra,), f"unknown field {_name(extra)}{_suggest(extra, allowed)}", _one_of(allowed))
                for extra in instance if extra not in allowed]
    if validator == "type" and not path and instance is None:
        return [context.problem(path, "the file is empty", "the fields " + ", ".join(schema.get("required", [])))]
    if validator == "type":
        return [context.problem(path, f"this is {_kind(instance)}", _TYPE_WORDS.get(schema.get("type"), str(schema.get("type"))))]
    if validator == "enum":
        return [context.problem(path, f"{_quote(instance)} is not allowed{_suggest(instance, schema['enum'])}",
                                _one_of(schema["enum"]))]
    if validator in ("minLength", "pattern") and not instance.strip():
        return [context.problem(path, "this is empty", "some text")]
    if validator == "pattern":
        return [context.problem(path, f"{_quote(instance)} is not in the right form",
                                schema.get("description") or f"text matching {schema.get('pattern')}")]
    if validator == "format" and schema.get("format") == "date":
        return [context.problem(path, f"{_quote(instance)} is not a real date", "a date as YYYY-MM-DD")]
    if validator == "format":
        return [context.problem(path, f"{_quote(instance)} is not a complete web address",
                                schema.get("description") or "an address starting with https://")]
    if validator == "oneOf":
        return [context.problem(path, "a reference needs either journal or publisher (not both, not neither)",
                                "journal: … or publisher: …")]
    if validator in ("minItems", "minProperties"):
        return [context.problem(path, "this is empty", "at least one entry")]
    if validator == "maxItems":
        reason = f" ({schema['description']})" if schema.get("description") else ""
        return [context.problem(path, f"this has {len(instance)} entries", f"at most {schema['maxItems']}{reason}")]
    if validator == "uniqueItems":
        return [context.problem(path, "a value is listed twice", "each value once")]
    if validator in ("minimum", "maximum"):
        return [context.problem(path, f"{instance} is out of range", f"a number from {schema.get('minimum')} to {schema.get('maximum')}")]
    return [context.problem(path, error.message[:200])]


def _entries(value, kind: type = dict) -> list[tuple[int, object]]:
    """(index, item) for the items of a list that are of `kind`: rules read only what has the right shape."""
    return [(index, item) for index, item in enumerate(value) if isinstance(item, kind)] if isinstance(value, list) else []


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _duplicate_ids(context: _Context, items, path: FieldPath, what: str) -> list[Problem]:
    """One problem for each repeated id among the (index, item) pairs `items`."""
    first: dict[str, int] = {}
    problems = []
    for index, item in items:
        item_id = _mapping(item).get("id")
        if not isinstance(item_id, str):
            continue  # the schema reports a missing or wrong id
        if item_id in first:
            first_line = context.location(path + (first[item_id], "id"))[0]
            problems.append(context.problem(path + (index, "id"), f"the id {_name(item_id)} is used twice (first on line {first_line})",
                                            f"a unique id per {what}"))
        first.setdefault(item_id, index)
    return problems


def _method_problems(context: _Context, data: dict) -> list[Problem]:
    """What a schema cannot say about methods: unique ids, labels and references that must exist.

    Each rule reads only fields whose shape is right, so a method with one broken field still has
    every other field checked; the schema reports the broken one.
    """
    facets = {facet["id"]: {value["id"] for value in facet["values"]} for facet in data["facets"]}
    evidence_levels = [level["id"] for level in data["evidence_levels"]]
    countries = facets.get("country", set())
    methods = _entries(data["methods"])
    known_ids = {method.get("id") for _, method in methods if isinstance(method.get("id"), str)}
    problems = _duplicate_ids(context, methods, ("methods",), "method")
    for index, method in methods:
        base = ("methods", index)
        level = _mapping(method.get("evidence")).get("level")
        if isinstance(level, str) and level not in evidence_levels:
            problems.append(context.problem(base + ("evidence", "level"),
                                            f"unknown evidence level {_name(level)}{_suggest(level, evidence_levels)}",
                                            _one_of(evidence_levels)))
        for facet_id, values in _mapping(method.get("labels")).items():
            if facet_id not in facets:
                problems.append(context.field_problem(base + ("labels", facet_id),
                                                      f"unknown facet {_name(facet_id)}{_suggest(facet_id, facets)}",
                                                      _one_of(facets)))
                continue
            for position, value in _entries(values, str):
                if value not in facets[facet_id]:
                    problems.append(context.problem(base + ("labels", facet_id, position),
                                                    f"unknown {facet_id} value {_name(value)}{_suggest(value, facets[facet_id])}",
                                                    _one_of(sorted(facets[facet_id]))))
        for position, legal in _entries(method.get("legal_basis")):
            country = legal.get("country")
            if isinstance(country, str) and country not in countries:
                problems.append(context.problem(base + ("legal_basis", position, "country"),
                                                f"unknown country {_name(country)}{_suggest(country, countries)}",
                                                _one_of(sorted(countries))))
        for position, related in _entries(method.get("related"), str):
            path = base + ("related", position)
            if related == method.get("id"):
                problems.append(context.problem(path, "the method lists itself as related", "the id of another method in this file"))
            elif related not in known_ids:
                problems.append(context.problem(path, f"no method has the id {_name(related)}{_suggest(related, known_ids)}",
                                                "the id of another method in this file"))
    return problems


def _vocabulary_problems(context: _Context, data: dict) -> list[Problem]:
    problems = _duplicate_ids(context, enumerate(data["evidence_levels"]), ("evidence_levels",), "evidence level")
    problems += _duplicate_ids(context, enumerate(data["facets"]), ("facets",), "facet")
    for index, facet in enumerate(data["facets"]):
        problems += _duplicate_ids(context, enumerate(facet["values"]), ("facets", index, "values"), f"{facet['id']} value")
    return problems


def _schema_errors(data: object, schema_path: Path, context: _Context) -> tuple[list[Problem], list[jsonschema.ValidationError]]:
    errors = list(_validator(schema_path).iter_errors(data))
    return [problem for error in errors for problem in _schema_problems(context, error)], errors


def _shape_broken_outside(errors: list[jsonschema.ValidationError], list_name: str) -> bool:
    """Whether anything outside the entries of `list_name` has the wrong shape (a type or a missing field).

    The rules beyond the schema then stay silent: checks against a broken vocabulary would only add noise.
    """
    paths = [tuple(error.absolute_path) for error in errors if error.validator in ("type", "required")]
    return any(len(path) < 2 or path[0] != list_name for path in paths)


@dataclass(frozen=True)
class Validation:
    """What a file must satisfy: its JSON Schema, then the rules a schema cannot say."""

    schema_path: Path
    entries: str  # the top-level list whose entries can be broken without silencing the rules
    rules: Callable[[_Context], list[Problem]]

    def __call__(self, context: _Context) -> list[Problem]:
        """Every problem, located."""
        problems, errors = _schema_errors(context.data, self.schema_path, context)
        if _shape_broken_outside(errors, self.entries):
            return problems
        return problems + self.rules(context)

    def accepts(self, data: object) -> bool:
        """Whether the data has no problem at all: quick, it locates nothing."""
        return _quick_validator(self.schema_path).is_valid(data) and not self.rules(_Context("", data, {}, {}))


def _catalogue_rules(context: _Context) -> list[Problem]:
    return _vocabulary_problems(context, context.data) + _method_problems(context, context.data)


def _glossary_rules(context: _Context) -> list[Problem]:
    return _duplicate_ids(context, enumerate(context.data["terms"]), ("terms",), "term")


validate_catalogue = Validation(CATALOGUE_SCHEMA, "methods", _catalogue_rules)
validate_glossary = Validation(GLOSSARY_SCHEMA, "terms", _glossary_rules)


def check_text(text: str, display_name: str, validate: Validation = validate_catalogue) -> Checked:
    """Every problem in the text at once; the data only when there are none. Never raises."""
    if "\r" in text:  # Windows and old Mac line breaks, as editors count them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data, entry_locations = _read_plainly(text)
        if validate.accepts(data):
            return Checked(data, entry_locations)
    except (_NeedsCarefulReading, yaml.YAMLError, ValueError, OverflowError, RecursionError):
        pass  # the careful step finds out what it is and where
    return _check_carefully(text, display_name, validate)


def _check_carefully(text: str, display_name: str, validate: Validation) -> Checked:
    parsed = parse_yaml(text, display_name)
    if parsed.unreadable:
        return Checked(None, {}, parsed.unreadable)
    context = _Context(display_name, parsed.data, parsed.locations, parsed.key_locations)
    problems = [context.problem(issue.path, issue.message, issue.expected, at=issue.location) for issue in parsed.issues]
    already_reported = {problem.line for problem in problems}
    problems += [problem for problem in validate(context) if problem.line not in already_reported]
    if problems:
        unique = dict.fromkeys(problems)  # two schema rules can say the same thing (an empty text)
        return Checked(None, {}, sorted(unique, key=_reading_order))
    return Checked(parsed.data, parsed.locations)


def check_file(path: Path, display_name: str | None = None, validate=validate_catalogue) -> Checked:
    """Read a file as UTF-8 and check it; a file that cannot be read is one more problem, not an exception."""
    name = display_name or Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return Checked(None, {}, [Problem(name, 1, 1, None, "", f"cannot read the file ({error.strerror})", "a readable file")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", errors="replace")) + 1
        return Checked(None, {}, [Problem(name, line, column, None, "", f"the byte {raw[error.start]:#04x} is not UTF-8 text",
                                          "the file saved as UTF-8")])
    return check_text(text.removeprefix("\ufeff"), name, validate)


def load_catalogue(path: Path, display_name: str | None = None) -> Catalogue:
    """Read, parse and validate the catalogue; raise CatalogueError listing every problem."""
    checked = check_file(path, display_name, validate_catalogue)
    if checked.problems:
        raise CatalogueError(checked.problems)
    return Catalogue(checked.data, Path(path), checked.locations)


def load_glossary(path: Path, display_name: str | None = None) -> dict:
    checked = check_file(path, display_name, validate_glossary)
    if checked.problems:
        raise CatalogueError(checked.problems)
    return checked.data
