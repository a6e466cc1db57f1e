"""Load and validate the catalogue (data/methods.yaml).

Pure Python, no MkDocs: the build hooks, the editors' check command and the tests all call
`load_catalogue`. It either returns a valid `Catalogue` or raises `CatalogueError` carrying every
problem found, each with file, line, column, method id, field path and what was expected.
"""

from __future__ import annotations

import datetime
import difflib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jsonschema
import referencing
import yaml

LANGUAGES = ("no", "sv", "se")
DATA = Path(__file__).resolve().parent.parent / "data"
CATALOGUE_SCHEMA = DATA / "methods.schema.json"
GLOSSARY_SCHEMA = DATA / "glossary.schema.json"

Location = tuple[int, int]  # 1-based line and column
FieldPath = tuple  # keys and list indexes from the document root


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


class CatalogueError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.field))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the catalogue; nothing was built.")
        return "\n".join(lines)


class Catalogue:
    """The validated catalogue with look-ups the templates need."""

    def __init__(self, data: dict, path: Path):
        self.data = data
        self.path = path

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


# --- Reading YAML while remembering where every value stands -------------------------------------


class _Reader:
    """Builds plain Python data from YAML nodes and records each value's line and column."""

    def __init__(self, display_name: str, loader: yaml.SafeLoader):
        self.display_name = display_name
        self.loader = loader
        self.locations: dict[FieldPath, Location] = {}
        self.issues: list[_ReadIssue] = []

    def problem(self, node: yaml.Node, path: FieldPath, message: str, expected: str = "") -> None:
        self.issues.append(_ReadIssue(path, (node.start_mark.line + 1, node.start_mark.column + 1), message, expected))

    def build(self, node: yaml.Node, path: FieldPath = ()):
        self.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
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
                self.problem(key_node, path + (key,), f"the key {key} appears twice (first on line {first_line})",
                             "each key once")
                continue
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath):
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as error:
            self.problem(node, path, f"{node.value!r} is not a real date or value ({error})", "a date as YYYY-MM-DD")
            return node.value
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


def _dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text: str, display_name: str) -> tuple[object, dict[FieldPath, Location], list]:
    """Parse YAML into data plus the location of every value.

    Syntax errors end reading (data is None, Problems returned); anything else read wrongly is
    returned as _ReadIssues next to the data so that validation can go on and report it all at once.
    """
    if "\t" in text:
        line_number = text[: text.index("\t")].count("\n") + 1
        column = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        return None, {}, [Problem(display_name, line_number, column, None, "", "a tab character is used for indentation or spacing",
                                  "spaces only (YAML does not allow tabs)")]
    loader = yaml.SafeLoader(text)
    reader = _Reader(display_name, loader)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = error.problem or str(error)
        context = f" ({error.context})" if error.context else ""
        return None, {}, [Problem(display_name, line, column, None, "", f"YAML syntax error: {message}{context}",
                                  "valid YAML (check indentation, colons and quotes on this line and the one above)")]
    finally:
        loader.dispose()
    if node is None:
        return None, {}, [Problem(display_name, 1, 1, None, "", "the file is empty", "the catalogue's top-level keys ui, evidence_levels, facets, methods")]
    data = reader.build(node)
    return data, reader.locations, reader.issues


# --- Validation ------------------------------------------------------------------------------------


@dataclass
class _Context:
    display_name: str
    data: object
    locations: dict[FieldPath, Location]

    def method_id(self, path: FieldPath) -> str | None:
        if len(path) >= 2 and path[0] == "methods" and isinstance(path[1], int):
            try:
                method = self.data["methods"][path[1]]
                return method.get("id") if isinstance(method, dict) else None
            except (KeyError, IndexError, TypeError):
                return None
        return None

    def problem(self, path: FieldPath, message: str, expected: str = "", at: Location | None = None) -> Problem:
        line, column = at or self._nearest_location(path)
        field_path = path[2:] if self.method_id(path) else path
        return Problem(self.display_name, line, column, self.method_id(path), _dotted(field_path), message, expected)

    def _nearest_location(self, path: FieldPath) -> Location:
        for length in range(len(path), -1, -1):
            if path[:length] in self.locations:
                return self.locations[path[:length]]
        return (1, 1)


@lru_cache(maxsize=None)
def _validator(schema_path: Path) -> jsonschema.Draft202012Validator:
    """A compiled validator per schema file; sibling schemas resolve by their $id (file name)."""
    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(schema_path.parent.glob("*.schema.json"))]
    registry = referencing.Registry().with_resources(
        (schema["$id"], referencing.Resource.from_contents(schema)) for schema in schemas
    )
    schema = next(schema for schema in schemas if schema["$id"] == schema_path.name)
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(choice) for choice in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _schema_problem(context: _Context, error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return context.problem(path, f"the field {missing} is missing", f"{missing} ({_describe(schema, missing)})")
    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [key for key in (error.instance or {}) if key not in allowed]
        extra = extras[0] if extras else "?"
        return context.problem(path + (extra,), f"unknown field {extra}{_suggest(extra, allowed)}",
                               "one of " + ", ".join(allowed))
    if validator == "type":
        wanted = schema.get("type")
        return context.problem(path, f"this is {_kind(error.instance)}", _TYPE_WORDS.get(wanted, str(wanted)))
    if validator == "enum":
        return context.problem(path, f"{error.instance!r} is not allowed{_suggest(error.instance, schema['enum'])}",
                               "one of " + ", ".join(map(str, schema["enum"])))
    if validator == "pattern":
        return context.problem(path, f"{error.instance!r} is not in the right form",
                               schema.get("description") or f"text matching {schema.get('pattern')}")
    if validator == "format":
        return context.problem(path, f"{error.instance!r} is not a valid {schema.get('format')}",
                               "a real date as YYYY-MM-DD" if schema.get("format") == "date" else "an address starting with https://")
    if validator == "oneOf":
        return context.problem(path, "a reference needs either journal or publisher (not both, not neither)", "journal: … or publisher: …")
    if validator in ("minItems", "minLength", "minProperties"):
        return context.problem(path, "this is empty", "at least one entry")
    if validator == "uniqueItems":
        return context.problem(path, "a value is listed twice", "each value once")
    if validator in ("minimum", "maximum"):
        return context.problem(path, f"{error.instance} is out of range", f"a number from {schema.get('minimum')} to {schema.get('maximum')}")
    return context.problem(path, error.message)


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
    return f"the text {value!r}"


def _describe(schema: dict, field: str) -> str:
    definition = schema.get("properties", {}).get(field, {})
    reference = definition.get("$ref", "")
    if reference.endswith("/text"):
        return 'a text with "no", sv and se'
    return _TYPE_WORDS.get(definition.get("type"), "see data/methods.schema.json")


def _semantic_problems(context: _Context, data: dict, skip: set[int]) -> list[Problem]:
    """What a schema cannot say: unique ids, labels and references that must exist.

    Methods in `skip` already failed the schema; their shape cannot be trusted here.
    """
    problems: list[Problem] = []
    facets = {facet["id"]: {value["id"] for value in facet["values"]} for facet in data["facets"]}
    evidence_levels = [level["id"] for level in data["evidence_levels"]]
    countries = facets.get("country", set())
    method_ids: dict[str, int] = {}
    checked = [(index, method) for index, method in enumerate(data["methods"]) if index not in skip]
    for index, method in checked:
        base = ("methods", index)
        if method["id"] in method_ids:
            problems.append(context.problem(base + ("id",), f"the id {method['id']} is used twice (also method number {method_ids[method['id']] + 1})",
                                            "a unique id per method"))
        method_ids.setdefault(method["id"], index)
        level = method["evidence"]["level"]
        if level not in evidence_levels:
            problems.append(context.problem(base + ("evidence", "level"), f"unknown evidence level {level}{_suggest(level, evidence_levels)}",
                                            "one of " + ", ".join(evidence_levels)))
        for facet_id, values in method["labels"].items():
            if facet_id not in facets:
                problems.append(context.problem(base + ("labels", facet_id), f"unknown facet {facet_id}{_suggest(facet_id, facets)}",
                                                "one of " + ", ".join(facets)))
                continue
            for position, value in enumerate(values):
                if value not in facets[facet_id]:
                    problems.append(context.problem(base + ("labels", facet_id, position),
                                                    f"unknown {facet_id} value {value}{_suggest(value, facets[facet_id])}",
                                                    "one of " + ", ".join(sorted(facets[facet_id]))))
        for position, legal in enumerate(method["legal_basis"]):
            if legal["country"] not in countries:
                problems.append(context.problem(base + ("legal_basis", position, "country"), f"unknown country {legal['country']}{_suggest(legal['country'], countries)}",
                                                "one of " + ", ".join(sorted(countries))))
    known_ids = method_ids.keys() | {m.get("id") for i, m in enumerate(data["methods"]) if i in skip and isinstance(m, dict)}
    for index, method in checked:
        for position, related in enumerate(method["related"]):
            if related not in known_ids:
                problems.append(context.problem(("methods", index, "related", position), f"no method has the id {related}{_suggest(related, method_ids)}",
                                                "the id of another method in this file"))
    return problems


def _vocabulary_problems(context: _Context, data: dict) -> list[Problem]:
    problems: list[Problem] = []
    for index, facet in enumerate(data["facets"]):
        seen: set[str] = set()
        for position, value in enumerate(facet["values"]):
            if value["id"] in seen:
                problems.append(context.problem(("facets", index, "values", position, "id"), f"the value {value['id']} is listed twice in facet {facet['id']}", "each value once"))
            seen.add(value["id"])
    return problems


def _glossary_problems(context: _Context, data: dict) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, term in enumerate(data["terms"]):
        if term["id"] in seen:
            problems.append(context.problem(("terms", index, "id"), f"the id {term['id']} is used twice", "a unique id per term"))
        seen.add(term["id"])
    return problems


def validate_catalogue(data: object, locations: dict[FieldPath, Location], display_name: str) -> list[Problem]:
    context = _Context(display_name, data, locations)
    errors = list(_validator(CATALOGUE_SCHEMA).iter_errors(data))
    problems = [_schema_problem(context, error) for error in errors]
    shape_errors = [error for error in errors if error.validator in ("type", "required")]
    broken_methods = {error.absolute_path[1] for error in shape_errors if len(error.absolute_path) > 1 and error.absolute_path[0] == "methods"}
    if any(len(error.absolute_path) < 2 or error.absolute_path[0] != "methods" for error in shape_errors):
        return problems  # the vocabulary itself is broken: label checks would only add noise
    return problems + _vocabulary_problems(context, data) + _semantic_problems(context, data, broken_methods)


def validate_glossary(data: object, locations: dict[FieldPath, Location], display_name: str) -> list[Problem]:
    context = _Context(display_name, data, locations)
    problems = [_schema_problem(context, error) for error in _validator(GLOSSARY_SCHEMA).iter_errors(data)]
    return problems or _glossary_problems(context, data)


def check_text(text: str, display_name: str, validate=validate_catalogue) -> tuple[dict | None, list[Problem]]:
    """Every problem in the text at once; the data only when there are none."""
    data, locations, read_issues = parse_yaml(text, display_name)
    if data is None:
        return None, read_issues
    context = _Context(display_name, data, locations)
    problems = [context.problem(issue.path, issue.message, issue.expected, at=issue.location) for issue in read_issues]
    already_reported = {problem.line for problem in problems}
    problems += [p for p in validate(data, locations, display_name) if p.line not in already_reported]
    return (None, problems) if problems else (data, [])


def _read_text(path: Path, name: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CatalogueError([Problem(name, 1, 1, None, "", f"cannot read the file ({error.strerror})", "a readable file")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise CatalogueError([Problem(name, line, column, None, "", f"the byte {raw[error.start]:#04x} is not UTF-8 text", "the file saved as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def load_catalogue(path: Path, display_name: str | None = None) -> Catalogue:
    """Read, parse and validate the catalogue; raise CatalogueError listing every problem."""
    name = display_name or Path(path).name
    data, problems = check_text(_read_text(Path(path), name), name)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(data, Path(path))


def load_glossary(path: Path, display_name: str | None = None) -> dict:
    name = display_name or Path(path).name
    data, problems = check_text(_read_text(Path(path), name), name, validate_glossary)
    if problems:
        raise CatalogueError(problems)
    return data
