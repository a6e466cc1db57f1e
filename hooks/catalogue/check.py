"""Checking a data file: the quick path for a valid file, the careful one when something is wrong.

First the quick one: libyaml reads the file into plain data, jsonschema-rs checks it against the
schema and the rules a schema cannot say run on the data; that is all a valid file needs (a 20 MB
catalogue of 1,000 methods takes under a second). A list or mapping over its limit (limits.py) is
reported from that plain data, or from a rough reading where the quick reader leaves the text to the
careful step, so the careful step never takes in a file far too large. Anything else takes the
careful step: the YAML is read again keeping every value's place, and python-jsonschema says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from .limits import file_too_large, overflow_problems, overflows
from .model import Catalogue
from .places import parse_yaml
from .problems import CatalogueError, Context, FieldPath, Location, Problem, at_least_of, reading_order
from .quick import NeedsCarefulReading, places_of, read_plainly, read_roughly
from .references import reference_rules
from .rules import catalogue_rules, glossary_rules
from .schema import CATALOGUE_SCHEMA, GLOSSARY_SCHEMA, quick_validator, count_schema_errors, schema_errors

# Schema errors examined in a broken file: enough for the report (problems.REPORTED_PROBLEMS), and
# a bound on the work (a generated file of 80,000 broken entries has over a million).
MOST_EXAMINED = 1_000
MOST_COUNTED = 100_000


@dataclass
class Checked:
    """What checking a file found: the data and where its values stand, or the problems.

    `locations` always holds where each entry of the top-level lists starts (a method's `- id:`
    line, for its edit link); the careful step also has every other value's place.
    """

    data: object
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    at_least: int | None = None  # None: `problems` are all there are; else a lower bound of their number


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
    rules: Callable[[Context], list[Problem]]

    def __call__(self, context: Context) -> tuple[list[Problem], int | None]:
        """Every problem, located; and None, or at least how many there are when there are more than
        were located: the schema's errors are located up to MOST_EXAMINED (an editor reads the first
        few) and counted, without locating them, up to MOST_COUNTED; the rules' are all located."""
        if quick_validator(self.schema_path).is_valid(context.data):  # only the rules can object: python-jsonschema is slow
            return self.rules(context), None
        problems, errors = schema_errors(context.data, self.schema_path, context, MOST_EXAMINED)
        examined_all = len(errors) < MOST_EXAMINED
        at_least = None if examined_all else count_schema_errors(context.data, self.schema_path, self.entries, MOST_COUNTED)
        if _shape_broken_outside(errors, self.entries):
            return problems, at_least
        found_by_rules = self.rules(context)  # all of them, located
        return problems + found_by_rules, None if at_least is None else at_least + len(found_by_rules)

    def accepts(self, data: object) -> bool:
        """Whether the data has no problem at all: quick, it locates nothing."""
        return quick_validator(self.schema_path).is_valid(data) and not self.rules(Context("", data, {}, {}))



def catalogue_validation(registers=None) -> Validation:
    """The catalogue's validation against the registers (`registers.Registers`); by default those in data/."""
    def rules(context: Context) -> list[Problem]:
        from .registers import default_registers  # the registers are checked with this module's machinery

        return catalogue_rules(context) + reference_rules(context, registers or default_registers())

    return Validation(CATALOGUE_SCHEMA, "methods", rules)


validate_catalogue = catalogue_validation()
validate_glossary = Validation(GLOSSARY_SCHEMA, "terms", glossary_rules)


def check_text(text: str, display_name: str, validate: Validation = validate_catalogue) -> Checked:
    """Every problem in the text at once; the data only when there are none. Never raises."""
    if "\r" in text:  # Windows and old Mac line breaks, as editors count them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _check_quickly(text, display_name, validate) or _check_carefully(text, display_name, validate)


def _check_quickly(source: str | bytes, display_name: str, validate: Validation) -> Checked | None:
    """What the quick path settles (a valid file; a list or mapping over its limit); None when the careful step must look."""
    try:
        try:
            data, entry_locations = read_plainly(source)
        except NeedsCarefulReading:  # the careful reader's to read; a rough reading still finds a list or mapping over its limit first
            return _over_limits(source, read_roughly(source), display_name, validate)
        if validate.accepts(data):
            return Checked(data, entry_locations)
        return _over_limits(source, data, display_name, validate)
    except (NeedsCarefulReading, yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None  # the careful step finds out what it is and where


def _over_limits(source: str | bytes, data: object, display_name: str, validate: Validation) -> Checked | None:
    """The lists and mappings over their limits, located in the text; None when there are none."""
    too_large = overflows(data, validate.schema_path.name)
    if not too_large:
        return None
    places = places_of(source, [overflow.first_extra for overflow in too_large])
    return Checked(None, {}, overflow_problems(Context(display_name, data, places, places), too_large))


def _check_carefully(text: str, display_name: str, validate: Validation) -> Checked:
    parsed = parse_yaml(text, display_name)
    if parsed.unreadable:
        return Checked(None, {}, parsed.unreadable)
    context = Context(display_name, parsed.data, parsed.locations, parsed.key_locations, text)
    too_large = overflows(parsed.data, validate.schema_path.name)
    if too_large:
        return Checked(None, {}, overflow_problems(context, too_large))
    problems = [context.problem(issue.path, issue.message, issue.expected, at=issue.location) for issue in parsed.issues]
    already_reported = {problem.line for problem in problems}
    found, at_least = validate(context)
    problems += [problem for problem in found if problem.line not in already_reported]
    if problems:
        unique = dict.fromkeys(problems)  # two schema rules can say the same thing (an empty text)
        return Checked(None, {}, sorted(unique, key=reading_order), at_least)
    return Checked(parsed.data, parsed.locations)


def check_file(path: Path, display_name: str | None = None, validate=validate_catalogue) -> Checked:
    """Read a file as UTF-8 and check it; a file that cannot be read is one more problem, not an exception."""
    name = display_name or Path(path).name
    try:
        too_large = file_too_large(Path(path).stat().st_size, name)
        if too_large:
            return Checked(None, {}, [too_large])
        raw = Path(path).read_bytes()
    except OSError as error:
        return Checked(None, {}, [Problem(name, 1, 1, None, "", f"cannot read the file ({error.strerror})", "a readable file")])
    quick = _check_quickly(raw, name, validate)  # from the bytes: a valid file is never decoded in Python
    if quick:
        return quick
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", errors="replace")) + 1
        return Checked(None, {}, [Problem(name, line, column, None, "", f"the byte {raw[error.start]:#04x} is not UTF-8 text",
                                          "the file saved as UTF-8")])
    text = text.removeprefix("\ufeff")
    # The quick path has read the bytes unless they hold \r, which it leaves to be normalised first.
    return check_text(text, name, validate) if b"\r" in raw else _check_carefully(text, name, validate)


def load_catalogue(path: Path, display_name: str | None = None, registers_folder: Path | None = None) -> Catalogue:
    """Read, parse and validate the catalogue and the registers (sources.yaml, laws.yaml) of data/,
    or of `registers_folder`; raise CatalogueError listing every problem of all three."""
    from .registers import check_registers

    registers, problems = check_registers(registers_folder) if registers_folder else check_registers()
    checked = check_file(path, display_name, catalogue_validation(registers))
    if problems or checked.problems:
        at_least = at_least_of((problems, registers.at_least), (checked.problems, checked.at_least))
        raise CatalogueError(problems + checked.problems, at_least)
    return Catalogue(checked.data, Path(path), checked.locations, registers.sources, registers.laws)


def load_glossary(path: Path, display_name: str | None = None) -> dict:
    checked = check_file(path, display_name, validate_glossary)
    if checked.problems:
        raise CatalogueError(checked.problems, checked.at_least)
    return checked.data
