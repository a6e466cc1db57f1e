"""Reading YAML while remembering where every value stands (the careful path).

Every value's line and column are recorded, so that every problem can be reported with its place;
whatever YAML reads in a surprising way (yes/no keys, repeated keys, aliases, tags) is an issue of
its own, next to the data, so validation can go on and report everything at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import yaml

from .problems import FieldPath, Location, Problem, ReadIssue, name, quote
from .text_formats import FORBIDDEN_CHARACTER

# libyaml reads the catalogue about 25 times faster than pure-Python PyYAML (0.01 s against
# 0.23 s for 300 KB); both give the same nodes and marks (columns count characters).
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Characters YAML does not accept (PyYAML's reader rule), found before parsing so that each is
# reported on its own line rather than as an offset into the file. Also refused: the line breaks
# YAML knows but editors do not show as such (U+0085, U+2028, U+2029), which would make YAML's
# line numbers differ from the editor's.


class _TooLarge(Exception):
    """Aliases (*name) expand the file beyond what its text could hold by itself."""

    def __init__(self, node: yaml.Node):
        self.node = node


def mark(node: yaml.Node | yaml.Event) -> Location:
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
        self.issues: list[ReadIssue] = []
        self.node_budget = node_budget  # a text of n characters holds fewer than n values
        self._open: set[int] = set()  # nodes being built: an alias to one of them is a loop

    def problem(self, node: yaml.Node, path: FieldPath, message: str, expected: str = "") -> None:
        self.issues.append(ReadIssue(path, mark(node), message, expected))

    def build(self, node: yaml.Node, path: FieldPath = ()):
        self.node_budget -= 1
        if self.node_budget < 0:
            raise _TooLarge(node)
        if id(node) in self._open:
            self.problem(node, path, "an alias (*name) here points back to the value that contains it", "a value without loops")
            return None
        self.locations[path] = mark(node)
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
                self.problem(key_node, path + (key,), f"the key {name(key)} appears twice (first on line {first_line})",
                             "each key once")
                continue
            result[key] = self.build(value_node, path + (key,))
            self.key_locations[path + (key,)] = mark(key_node)
            if value_node.start_mark.line != key_node.start_mark.line:
                self.locations[path + (key,)] = mark(key_node)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath):
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as error:
            if node.tag.endswith(":timestamp"):
                self.problem(node, path, f"{quote(node.value)} is not a real date ({error})", "a date as YYYY-MM-DD")
            else:
                reason = getattr(error, "problem", None) or str(error)
                self.problem(node, path, f"{quote(node.value)} cannot be read ({reason})",
                             "a plain value (without a ! tag in front)")
            return node.value
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return value

def character_problems(text: str, display_name: str) -> list[Problem]:
    """Tabs and control characters, the first of each line; YAML cannot be read past them."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            problems.append(Problem(display_name, number, line.index("\t") + 1, None, "",
                                    "a tab character is used for indentation or spacing",
                                    "spaces only (YAML does not allow tabs)"))
        forbidden = FORBIDDEN_CHARACTER.search(line)
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
class Parsed:
    data: object = None
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    key_locations: dict[FieldPath, Location] = field(default_factory=dict)  # where each field's name stands
    issues: list[ReadIssue] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)  # why the text could not be read at all


def _unreadable(display_name: str, location: Location, message: str, expected: str) -> Parsed:
    return Parsed(unreadable=[Problem(display_name, *location, None, "", message, expected)])


def parse_yaml(text: str, display_name: str) -> Parsed:
    """Parse YAML into data plus the location of every value and of every field name.

    Text that cannot be read as YAML ends reading (`unreadable` says why); anything else read
    wrongly is returned as `issues` next to the data so that validation can go on and report it
    all at once.
    """
    unreadable_characters = character_problems(text, display_name)
    if unreadable_characters:
        return Parsed(unreadable=unreadable_characters)
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(None)  # an empty file: the schema says what belongs in it
        reader = _Reader(loader, node_budget=len(text) + 100)
        data = reader.build(node)
    except yaml.MarkedYAMLError as error:
        # A key without its colon is noticed only on the next line; the key's own line is the useful one.
        error_mark = error.context_mark if error.context == "while scanning a simple key" else error.problem_mark or error.context_mark
        context = f" ({error.context})" if error.context else ""
        return _unreadable(display_name, _within(text, (error_mark.line + 1, error_mark.column + 1) if error_mark else (1, 1)),
                           f"YAML syntax error: {(error.problem or '').removeprefix('but ')}{context}",
                           "valid YAML (check indentation, colons and quotes on this line and the one above)")
    except yaml.YAMLError as error:  # not tied to a place in the text
        return _unreadable(display_name, (1, 1), f"the file cannot be read as YAML ({error})", "valid YAML")
    except _TooLarge as error:
        return _unreadable(display_name, mark(error.node), "aliases (*name) repeat so much that the file grows too large",
                           "each value written out once, without & and *")
    except RecursionError:
        return _unreadable(display_name, (1, 1), "the values are nested too deeply to read",
                           "at most a few hundred levels of indentation or brackets")
    finally:
        loader.dispose()
    return Parsed(data, reader.locations, reader.key_locations, reader.issues)
