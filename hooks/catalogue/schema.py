"""The JSON Schemas of the data files, their validators, and their errors in an editor's words."""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jsonschema_rs
import referencing

from .problems import Context, Problem, name, one_of, quote

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
def quick_validator(schema_path: Path) -> jsonschema_rs.Draft202012Validator:
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


def suggest(word, choices) -> str:
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
    return f"the text {quote(value)}" if isinstance(value, str) else f"the value {quote(value)}"


def _describe(schema: dict) -> str:
    """What a field holds, in the words its schema definition gives (or its type)."""
    definition = _definition(schema)
    text = (schema.get("description") or definition.get("description")
            or _TYPE_WORDS.get(definition.get("type"), "see data/methods.schema.json"))
    return (text[:1].lower() + text[1:]).removesuffix(".")


def _schema_problems(context: Context, error: jsonschema.ValidationError) -> list[Problem]:
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
        return [context.field_problem(path + (extra,), f"unknown field {name(extra)}{suggest(extra, allowed)}", one_of(allowed))
                for extra in instance if extra not in allowed]
    if validator == "type" and not path and instance is None:
        return [context.problem(path, "the file is empty", "the fields " + ", ".join(schema.get("required", [])))]
    if validator == "type":
        return [context.problem(path, f"this is {_kind(instance)}", _TYPE_WORDS.get(schema.get("type"), str(schema.get("type"))))]
    if validator == "enum":
        return [context.problem(path, f"{quote(instance)} is not allowed{suggest(instance, schema['enum'])}",
                                one_of(schema["enum"]))]
    if validator in ("minLength", "pattern") and not instance.strip():
        return [context.problem(path, "this is empty", "some text")]
    if validator == "pattern":
        return [context.problem(path, f"{quote(instance)} is not in the right form",
                                schema.get("description") or f"text matching {schema.get('pattern')}")]
    if validator == "format" and schema.get("format") == "date":
        return [context.problem(path, f"{quote(instance)} is not a real date", "a date as YYYY-MM-DD")]
    if validator == "format":
        return [context.problem(path, f"{quote(instance)} is not a complete web address",
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

def schema_errors(data: object, schema_path: Path, context: Context) -> tuple[list[Problem], list[jsonschema.ValidationError]]:
    errors = list(_validator(schema_path).iter_errors(data))
    return [problem for error in errors for problem in _schema_problems(context, error)], errors
