"""What a check found, and how it says so: each problem with file, line, column, method id, field
path, what is wrong and what was expected; the words that quote values in messages; the report.

The report is bounded: a broken file of 80,000 entries has hundreds of thousands of problems, and
an editor reads the first ones. At most REPORTED_PROBLEMS are printed, then a count of the rest.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from functools import lru_cache

NAMED_LISTS = ("methods", "terms", "sources", "laws")  # entries named by their id in problems
LONGEST_QUOTE = 60  # characters of a wrong value repeated in a message
REPORTED_PROBLEMS = 200

Location = tuple[int, int]  # 1-based line and column
FieldPath = tuple  # keys and list indexes from the document root


@dataclass(frozen=True)
class ReadIssue:
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
    # A value that is none of the choices, as (value, choices): "(did you mean …?)" follows the message when the
    # problem is printed, rather than being worked out for each of the thousands a generated file can have.
    unknown: tuple[object, object] | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        subject = " ".join(part for part in (self.method_id, self.field) if part)
        message = self.message + (suggest(*self.unknown) if self.unknown else "")
        text = f"{self.file}:{self.line}:{self.column}: " + (f"{subject}: " if subject else "") + message
        return f"{text}, expected {self.expected}" if self.expected else text


def suggest(word, choices) -> str:
    """" (did you mean …?)" with the choice closest to a word, or nothing when none is close."""
    return _did_you_mean(str(word), frozenset(map(str, choices)))


@lru_cache(maxsize=4096)  # a large broken file repeats the same misspelling many times
def _did_you_mean(word: str, choices: frozenset[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def count_problems(problems: list[Problem], at_least: int | None = None) -> str:
    """"3 problems", or "at least 26,000 problems" when the check stopped before it located them all."""
    count = len(problems) if at_least is None else max(at_least, len(problems))
    return f"{'' if at_least is None else 'at least '}{count:,} problem{'s' if count != 1 else ''}"


def at_least_of(*parts: tuple[list[Problem], int | None]) -> int | None:
    """The lower bound of several checks' problems together (each part: its problems and its lower bound or None);
    None when each part's problems are all it found."""
    if all(at_least is None for _, at_least in parts):
        return None
    return sum(len(problems) if at_least is None else max(at_least, len(problems)) for problems, at_least in parts)


def listed(problems: list[Problem], at_least: int | None = None) -> list[str]:
    """The problems as lines, at most REPORTED_PROBLEMS of them, then one line counting the rest."""
    lines = [str(problem) for problem in problems[:REPORTED_PROBLEMS]]
    rest = (len(problems) if at_least is None else max(at_least, len(problems))) - len(lines)
    if rest:
        lines.append(f"… and {'' if at_least is None else 'at least '}{rest:,} more not listed here: fix the ones above first.")
    return lines


class CatalogueError(Exception):
    def __init__(self, problems: list[Problem], at_least: int | None = None):
        self.problems = sorted(problems, key=reading_order)
        self.at_least = at_least  # None: these are all the problems; else there are at least this many
        super().__init__(self.report())

    def report(self) -> str:
        files = ", ".join(sorted({problem.file for problem in self.problems}))
        summary = f"{count_problems(self.problems, self.at_least)} in {files}; nothing was built."
        return "\n".join([*listed(self.problems, self.at_least), summary])


def reading_order(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.field, problem.message)

def dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{name(part)}" if text else name(part))
    return text


def quote(value) -> str:
    """A value as it appears in a message: quoted, and shortened when long."""
    text = repr(value)
    return text if len(text) <= LONGEST_QUOTE else text[: LONGEST_QUOTE - 5] + "…" + text[-1]


def name(value) -> str:
    """An id, key or label value as it appears in a message: bare when short and on one line, else quoted."""
    text = str(value)
    return text if text and len(text) <= LONGEST_QUOTE and text.isprintable() and text.strip() == text else quote(value)


def one_of(choices) -> str:
    return "one of " + ", ".join(map(name, choices))

@dataclass
class Context:
    display_name: str
    data: object
    locations: dict[FieldPath, Location]
    key_locations: dict[FieldPath, Location]
    text: str = ""  # the file's text, for places inside a value (a link in a text); empty on the quick path

    def item_id(self, path: FieldPath) -> str | None:
        """The id of the method (or glossary term) the path lies in, if it has a usable one."""
        if len(path) >= 2 and path[0] in NAMED_LISTS and isinstance(path[1], int) and isinstance(self.data, dict):
            items = self.data.get(path[0])
            item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            return item_id if isinstance(item_id, str) and name(item_id) == item_id else None
        return None

    def problem(self, path: FieldPath, message: str, expected: str = "", at: Location | None = None,
                unknown: tuple[object, object] | None = None) -> Problem:
        """The problem of the value at `path`; `unknown`: (the value, the choices it is none of), for a suggestion."""
        line, column = at or self.location(path)
        item_id = self.item_id(path)
        field_path = path[2:] if item_id else path
        return Problem(self.display_name, line, column, item_id, dotted(field_path), message, expected, unknown)

    def field_problem(self, path: FieldPath, message: str, expected: str,
                      unknown: tuple[object, object] | None = None) -> Problem:
        """A problem with a field's name (unknown, misspelt): located at the name, not its value."""
        return self.problem(path, message, expected, at=self.key_locations.get(path), unknown=unknown)

    def location(self, path: FieldPath) -> Location:
        """Where the value at `path` stands, or the nearest enclosing value that was read."""
        for length in range(len(path), -1, -1):
            if path[:length] in self.locations:
                return self.locations[path[:length]]
        return (1, 1)
