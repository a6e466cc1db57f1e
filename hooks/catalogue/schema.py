"""The JSON Schemas of the data files, their validators, and their errors in an editor's words."""

from __future__ import annotations

import json
import re
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jsonschema_rs
import referencing

from .problems import Context, FieldPath, Problem, name, one_of, quote
from .text_formats import FORMATS, character_problem, markdown_problem, plain_text_problem

DATA = Path(__file__).resolve().parent.parent.parent / "data"
CATALOGUE_SCHEMA = DATA / "methods.schema.json"
GLOSSARY_SCHEMA = DATA / "glossary.schema.json"


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
for _format_name, _conforming in FORMATS.items():
    _FORMAT_CHECKER.checks(_format_name)(_conforming)


@lru_cache(maxsize=None)
def schemas() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(DATA.glob("*.schema.json"))}


@lru_cache(maxsize=None)
def _validator(schema_path: Path) -> jsonschema.Draft202012Validator:
    """A compiled validator per schema file; sibling schemas resolve by their file name."""
    registry = referencing.Registry().with_resources(
        (name, referencing.Resource.from_contents(schema)) for name, schema in schemas().items()
    )
    return jsonschema.Draft202012Validator(schemas()[schema_path.name], registry=registry, format_checker=_FORMAT_CHECKER)


def _conforms(format_name: str, value: object) -> bool:
    return _FORMAT_CHECKER.conforms(value, format_name)


@lru_cache(maxsize=None)
def quick_validator(schema_path: Path) -> jsonschema_rs.Draft202012Validator:
    """The same schema for jsonschema-rs (Rust, some 80 times faster), which says only whether the data
    is valid; it checks formats with the very functions python-jsonschema uses."""
    return _rust_validator(schemas()[schema_path.name])


@lru_cache(maxsize=None)
def _entry_validator(schema_path: Path, entries: str) -> jsonschema_rs.Draft202012Validator:
    """jsonschema-rs for one entry of the file's top-level list `entries` (a method, a source, ...)."""
    return _rust_validator({"$ref": f"{schema_path.name}#/properties/{entries}/items"})


def _rust_validator(schema: dict) -> jsonschema_rs.Draft202012Validator:
    registry = jsonschema_rs.Registry(list(schemas().items()))
    return jsonschema_rs.Draft202012Validator(
        schema, registry=registry, validate_formats=True,
        formats={name: partial(_conforms, name) for name in _FORMAT_CHECKER.checkers},
    )


def _definition(schema: dict) -> dict:
    """Follow a "$ref" to one of the shared definitions (all live in methods.schema.json)."""
    reference = schema.get("$ref", "")
    return schemas()[CATALOGUE_SCHEMA.name]["$defs"].get(reference.rsplit("/", 1)[-1], {}) if "#/$defs/" in reference else schema


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
    return f"the text {quote(value)}" if isinstance(value, str) else f"the value {quote(value)}"


def _describe(schema: dict) -> str:
    """What a field holds, in the words its schema definition gives (or its type)."""
    definition = _definition(schema)
    text = (schema.get("description") or definition.get("description")
            or _TYPE_WORDS.get(definition.get("type"), "see data/methods.schema.json"))
    return (text[:1].lower() + text[1:]).removesuffix(".")


def _required(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    missing = next((key for key in error.validator_value if key not in error.instance and repr(key) in error.message), error.message)
    definition = error.schema.get("properties", {}).get(missing, {})
    return [context.problem(path, f"the field {missing} is missing", f"{missing} ({_describe(definition)})")]


def _additional_properties(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    allowed = list(error.schema.get("properties", {}))
    return [context.field_problem(path + (extra,), f"unknown field {name(extra)}", one_of(allowed), unknown=(extra, allowed))
            for extra in error.instance if extra not in allowed]


def _type(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    if not path and error.instance is None:
        return [context.problem(path, "the file is empty", "the fields " + ", ".join(error.schema.get("required", [])))]
    expected = error.schema.get("type")
    return [context.problem(path, f"this is {_kind(error.instance)}", _TYPE_WORDS.get(expected, str(expected)))]


def _enum(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    choices = error.schema["enum"]
    return [context.problem(path, f"{quote(error.instance)} is not allowed", one_of(choices), unknown=(error.instance, choices))]


def _pattern(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    if not error.instance.strip():
        return [context.problem(path, "this is empty", "some text")]
    return [context.problem(path, f"{quote(error.instance)} is not in the right form",
                            _describe(error.schema) if error.schema.get("description") else f"text matching {error.schema.get('pattern')}")]


def _length(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    if error.validator == "minLength" or not error.instance.strip():
        return [context.problem(path, "this is empty", "some text")]
    most = error.validator_value
    return [context.problem(path, f"this text has {len(error.instance):,} characters",
                            f"at most {most:,} (the size limit of a text; see the editor guide)")]


def _format(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    instance, kind = error.instance, error.validator_value
    if kind == "date":
        return [context.problem(path, f"{quote(instance)} is not a real date", "a date as YYYY-MM-DD")]
    if kind in ("plain-text", "commonmark") and (character := character_problem(instance)):
        return [context.problem(path, f"the invisible control character {character} cannot be used",
                                "text without control characters (a YAML escape such as \\e or \\x85 writes one)")]
    if kind == "plain-text":
        return [context.problem(path, f"{quote(plain_text_problem(instance))} reads as an HTML tag or comment",
                                "plain text, without < directly followed by a letter, / or ! (write < with a space after it)")]
    if kind == "commonmark":
        what, found = markdown_problem(instance)
        if what == "raw HTML":
            return [context.problem(path, f"raw HTML is not allowed here ({quote(found)})",
                                    "Markdown without HTML tags or comments (e.g. **bold**, [a link](https://…))")]
        return [context.problem(path, f"only https:// and relative links ({quote(found)})",
                                "links as [text](https://…) or to a page of this site, e.g. [text](../samvalg/)")]
    return [context.problem(path, f"{quote(instance)} is not a complete web address",
                            error.schema.get("description") or "an address starting with https://")]


def _one_of_journal_or_publisher(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    return [context.problem(path, "a reference needs either journal or publisher (not both, not neither)", "journal: … or publisher: …")]


def _too_few(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    return [context.problem(path, "this is empty", "at least one entry")]


def _too_many(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    most = error.validator_value
    reason = f" ({_describe(error.schema)})" if error.schema.get("description") else ""
    return [context.problem(path, f"this has {len(error.instance):,} entries", f"at most {most:,}{reason}")]


def _unique(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    return [context.problem(path, "a value is listed twice", "each value once")]


def _range(context: Context, path: FieldPath, error: jsonschema.ValidationError) -> list[Problem]:
    schema = error.schema
    return [context.problem(path, f"{error.instance} is out of range", f"a number from {schema.get('minimum')} to {schema.get('maximum')}")]


# One small function per JSON Schema keyword: each says what is wrong in an editor's words.
_MESSAGES = {
    "required": _required, "additionalProperties": _additional_properties, "type": _type, "enum": _enum,
    "pattern": _pattern, "minLength": _length, "maxLength": _length, "format": _format, "oneOf": _one_of_journal_or_publisher,
    "minItems": _too_few, "minProperties": _too_few, "maxItems": _too_many, "maxProperties": _too_many,
    "uniqueItems": _unique, "minimum": _range, "maximum": _range,
}


def _schema_problems(context: Context, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    if error.validator in _MESSAGES and isinstance(error.schema, dict):
        return _MESSAGES[error.validator](context, path, error)
    return [context.problem(path, error.message[:200])]


def schema_errors(data: object, schema_path: Path, context: Context, most: int) -> tuple[list[Problem], list[jsonschema.ValidationError]]:
    """The problems of the first `most` schema errors (python-jsonschema finds them roughly in the
    file's order), and those errors."""
    errors = list(islice(_validator(schema_path).iter_errors(data), most))
    return [problem for error in errors for problem in _schema_problems(context, error)], errors


def count_schema_errors(data: object, schema_path: Path, entries: str, most: int) -> int:
    """At least how many schema errors the data has, counted up to `most` (jsonschema-rs: quick, no messages).

    Where a broken file has its thousands, in the entries of its top-level list `entries`, they are counted
    one entry at a time: jsonschema-rs gathers all the errors of what it checks at once, each with a copy of
    the value it is about (15,000 errors of 800 methods took 150 MB in one go)."""
    items = data.get(entries) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return sum(1 for _ in islice(quick_validator(schema_path).iter_errors(data), most))
    validator, count = _entry_validator(schema_path, entries), 0
    for item in items:
        count += sum(1 for _ in validator.iter_errors(item))
        if count >= most:
            return most
    return count
