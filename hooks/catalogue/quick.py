"""Reading YAML quickly, for a file that turns out valid: plain data straight from libyaml's events.

It gives the same data as the careful reader (places.parse_yaml) and keeps only where the entries
of the top-level lists start (a method's edit link); anything the careful reader would report or
read in its own way raises NeedsCarefulReading. Two more readings serve the size limits: a rough one
of such a text (read_roughly), near enough for the sizes of its lists and mappings, and one that
finds where given values stand (places_of), for the problem of a list or mapping over its limit.
"""

from __future__ import annotations

import datetime

import yaml

from .places import YamlLoader, mark
from .problems import FieldPath, Location

_TEXT_TAG = "tag:yaml.org,2002:str"
# Characters YAML reads but the careful reader reports (see character_problems); libyaml itself
# refuses every other character that _FORBIDDEN_CHARACTER finds, and searching for four is quicker.
_READABLE_BUT_REPORTED = "\t\x85\u2028\u2029"
_READABLE_BUT_REPORTED_UTF8 = [character.encode("utf-8") for character in _READABLE_BUT_REPORTED]
# libyaml reads bytes that start so as UTF-16; the careful path reports a file that is not UTF-8.
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class NeedsCarefulReading(Exception):
    """The text holds something that only the careful reader (`parse_yaml`) reads or reports rightly."""


def read_plainly(source: str | bytes) -> tuple[dict, dict[FieldPath, Location]]:
    """The data, the same as `parse_yaml` gives, and where the entries of its top-level lists start.

    `source` is the text, or the file's UTF-8 bytes as read: libyaml decodes them itself, so a large
    file is never held as a Python text as well (a 24 MB catalogue is 48 MB as one).
    Raises NeedsCarefulReading, or whatever libyaml raises, for anything the careful reader would
    report or read in its own way.
    """
    return _read(source, _PlainReader)


def read_roughly(source: str | bytes) -> object:
    """The data near enough for its sizes (see _RoughReader), from a text that `read_plainly` leaves to the
    careful reader; raises NeedsCarefulReading, or whatever libyaml raises, for what it cannot read either."""
    return _read(source, _RoughReader)[0]


def _read(source: str | bytes, reader: type[_PlainReader]) -> tuple[dict, dict[FieldPath, Location]]:
    if isinstance(source, bytes):
        if b"\r" in source or source.startswith(_UTF16_MARKS):
            raise NeedsCarefulReading  # line breaks the careful path counts as editors do; not UTF-8
        reported = _READABLE_BUT_REPORTED_UTF8
    else:
        reported = _READABLE_BUT_REPORTED
    if any(character in source for character in reported):
        raise NeedsCarefulReading
    loader = YamlLoader(source)
    try:
        return reader(loader).document()
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
            raise NeedsCarefulReading  # an empty file
        self.next_event()
        if type(self.next_event()) is not yaml.MappingStartEvent:
            raise NeedsCarefulReading  # never valid
        data = self.mapping(top_level=True)
        self.next_event()  # the document ends
        if not self.loader.check_event(yaml.StreamEndEvent):
            raise NeedsCarefulReading  # a second document
        return data, self.entry_locations

    def value(self, event: yaml.Event, field: str | None = None):
        """The value that starts with `event`; `field` names a top-level field, whose list entries' places are kept."""
        if event.anchor is not None:
            raise NeedsCarefulReading  # an anchor (&name) or alias (*name): the careful reader catches loops and blow-ups
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
            raise NeedsCarefulReading  # yes/no, empty, decimals: never valid or too rare to matter here
        return value

    def sequence(self, field: str | None) -> list:
        items = []
        event = self.next_event()
        while type(event) is not yaml.SequenceEndEvent:
            if field is not None:
                self.entry_locations[(field, len(items))] = mark(event)
            items.append(self.value(event))
            event = self.next_event()
        return items

    def mapping(self, top_level: bool = False) -> dict:
        mapping = {}
        event = self.next_event()
        while type(event) is not yaml.MappingEndEvent:
            key = self.key(event)
            if key in mapping:
                self.repeated_key()
            mapping[key] = self.value(self.next_event(), key if top_level else None)
            event = self.next_event()
        return mapping

    def key(self, event: yaml.Event) -> str:
        key = self.value(event)
        if type(key) is not str:
            raise NeedsCarefulReading  # yes/no, a number or a merge (<<) as a key
        return key

    def repeated_key(self) -> None:
        raise NeedsCarefulReading  # a key given twice


class _RoughReader(_PlainReader):
    """Reads what `_PlainReader` leaves to the careful reader (yes/no, empty values, a key given twice, a date
    that does not exist) roughly, as its text: near enough for the sizes of lists and mappings, so that a file
    far over a limit is reported before the careful reader takes it all in, a node and a place for each value."""

    def scalar(self, event: yaml.ScalarEvent):
        try:
            return super().scalar(event)
        except (NeedsCarefulReading, yaml.YAMLError, ValueError, OverflowError):
            return event.value

    def key(self, event: yaml.Event) -> str:
        if type(event) is not yaml.ScalarEvent or event.anchor is not None:
            raise NeedsCarefulReading  # a list or a mapping as a key; an anchor
        return event.value

    def repeated_key(self) -> None:
        pass  # the careful reader reports it; the mapping's size is the same


_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _AllFound(Exception):
    """Every place wanted is known: the rest of the text need not be read."""


def places_of(source: str | bytes, paths: list[FieldPath]) -> dict[FieldPath, Location]:
    """Where each path stands in a text that `read_plainly` has read: a list entry where it starts, a
    field at its name (as the careful reader places them). One more pass over libyaml's events, which
    enters only the values on the way to a path and stops at the last one."""
    loader = YamlLoader(source)
    finder = _PlaceFinder(loader.get_event, paths)
    try:
        loader.get_event(), loader.get_event()  # the stream and the document start
        finder.enter(loader.get_event(), ())
    except _AllFound:
        pass
    finally:
        loader.dispose()
    return finder.places


class _PlaceFinder:
    """Follows libyaml's events down the paths wanted, skipping every value that leads to none of them."""

    def __init__(self, next_event, paths: list[FieldPath]):
        self.next_event = next_event
        self.wanted = set(paths)
        self.on_the_way = {path[:length] for path in self.wanted for length in range(len(path))}
        self.places: dict[FieldPath, Location] = {}

    def enter(self, event: yaml.Event, path: FieldPath) -> None:
        """Read the value that starts with `event` (a list or a mapping), noting the places wanted in it."""
        is_mapping = type(event) is yaml.MappingStartEvent
        index = 0
        event = self.next_event()
        while type(event) not in _ENDS:
            child, place = path + (event.value if is_mapping else index,), mark(event)
            if is_mapping:
                event = self.next_event()  # the field's value
            if child in self.wanted:
                self.places[child] = place
                if len(self.places) == len(self.wanted):
                    raise _AllFound
            if child in self.on_the_way and type(event) in _STARTS:
                self.enter(event, child)
            else:
                self.skip(event)
            index += 1
            event = self.next_event()

    def skip(self, event: yaml.Event) -> None:
        """Read past the value that starts with `event`."""
        depth = int(type(event) in _STARTS)
        while depth:
            kind = type(self.next_event())
            depth += (kind in _STARTS) - (kind in _ENDS)
