"""The catalogue again after an edit to some of its methods: only the changed entries read and checked.

A long-lived process (the preview, `mkdocs serve`) reads the catalogue after every edit; at 1,000
methods reading and checking the whole 20 MB file takes seconds, most of it for entries the edit
did not touch. When everything but some method entries is the same text as in the catalogue
loaded before, the changed entries are read on their own (catalogue.quick, as for the whole file),
checked against the schema together with the unchanged rest of the file outside `methods`, and
against the registers (sources, laws, dates: rules that look at one entry at a time); the rules that
span entries (unique ids, related methods that exist, …) run on the whole data, as the quick path
does. Anything else — other parts changed, the registers changed, entries added or
removed, an anchor, an entry that fails — takes the ordinary way (catalogue.load_catalogue), which reports every problem.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from catalogue import Catalogue
from catalogue.limits import MAX_FILE_BYTES
from catalogue.problems import Context
from catalogue.quick import read_plainly
from catalogue.registers import LAWS_FILE, SOURCES_FILE, Registers
from catalogue.references import reference_rules
from catalogue.rules import catalogue_rules
from catalogue.schema import CATALOGUE_SCHEMA, DATA, quick_validator, schemas

# The registers a catalogue is checked against (catalogue.registers): when either changed, it is read anew.
REGISTERS = (DATA / SOURCES_FILE, DATA / LAWS_FILE)

METHODS = "methods"
UTF8_BOM = "\ufeff".encode()
# What the schema may say about the methods list as a whole for entries checked one by one to be
# the same as the list checked at once (a keyword such as uniqueItems would compare entries).
ENTRY_WISE_KEYWORDS = {"type", "items", "description", "maxItems", "minItems", "title", "$comment"}


@dataclass
class Split:
    """A catalogue file's bytes cut at its method entries: as bytes, the 20 MB of 1,000 methods are
    searched and hashed without being decoded (as a Python text they would be 40 MB)."""

    head: bytes  # the file up to and including the `methods:` line
    entries: list[bytes]  # each method entry's lines
    starts: list[int]  # the 1-based line where each entry starts

    def digests(self) -> "Digests":
        return Digests(_digest(self.head), [_digest(entry) for entry in self.entries], self.starts)


@dataclass
class Digests:
    """What is kept of a split file to compare the next with: some 20 bytes an entry, not the 20 MB."""

    head: bytes
    entries: list[bytes]
    starts: list[int]


def _digest(part: bytes) -> bytes:
    return hashlib.blake2b(part, digest_size=16).digest()


def split_methods(raw: bytes) -> Split | None:
    """The lines of each method entry, when the file ends with a block list of methods."""
    found = re.search(rb"(?:^|\n)methods:[ \t]*\n(?=( *)- )", raw)
    if not found:
        return None
    head, body = raw[: found.end()], raw[found.end():]
    if re.search(rb"\n[^\s#-]", body):  # a top-level field after the methods
        return None
    # Patterns that start with a line break let the search skip ahead quickly (20 MB at 1,000 methods).
    cuts = [0, *(entry.start() + 1 for entry in re.finditer(re.escape(b"\n" + found.group(1) + b"- "), body)), len(body)]
    entries = [body[start:end] for start, end in zip(cuts, cuts[1:])]
    starts = list(itertools.accumulate((entry.count(b"\n") for entry in entries[:-1]), initial=head.count(b"\n") + 1))
    return Split(head, entries, starts)


@dataclass
class Loaded:
    """A catalogue, the digests of the text it was read from, and the state of the registers then."""

    catalogue: Catalogue
    digests: Digests | None
    registers: tuple = ()


def registers_state() -> tuple:
    def state(path: Path):
        try:
            return path.stat().st_mtime_ns, path.stat().st_size
        except OSError:
            return None

    return tuple(state(path) for path in REGISTERS)


def _entry(lines: bytes, start: int) -> tuple[dict, tuple[int, int]]:
    """One entry read on its own (raises as catalogue.quick does, or for bytes that are not UTF-8),
    and where it starts in the file."""
    data, locations = read_plainly(f"{METHODS}:\n".encode() + lines)
    line, column = locations[(METHODS, 0)]
    if len(data[METHODS]) != 1:
        raise ValueError("not one entry")
    return data[METHODS][0], (line - 2 + start, column)


def load_after_edit(path: Path, display_name: str, before: Loaded | None, load_catalogue, again: bool = True) -> Loaded:
    """The catalogue at `path`, read incrementally from `before` where it can be, else with
    `load_catalogue` (catalogue.load_catalogue), which raises CatalogueError as it does. Unless
    it will be read `again`, nothing is kept to compare with (a build reads it once)."""
    registers = registers_state()
    if not again and before is None:
        return Loaded(load_catalogue(path, display_name), None, registers)
    try:
        raw = Path(path).read_bytes().removeprefix(UTF8_BOM)
    except OSError:
        raw = b""
    same_file = before is not None and before.catalogue.path == Path(path) and before.registers == registers
    # Bytes that are not UTF-8 can only be in what changed, which is read (and so checked) anew.
    split = split_methods(raw) if raw and len(raw) <= MAX_FILE_BYTES and b"\r" not in raw else None
    del raw
    digests = split.digests() if split else None
    catalogue = _incrementally(split, digests, before) if same_file and split and before.digests else None
    del split
    return Loaded(catalogue or load_catalogue(path, display_name), digests, registers)


def _incrementally(new: Split, new_digests: Digests, before: Loaded) -> Catalogue | None:
    old = before.digests
    registers = Registers(before.catalogue.sources, before.catalogue.laws)
    schema = schemas()[CATALOGUE_SCHEMA.name]
    if old.head != new_digests.head or len(old.entries) != len(new.entries):
        return None
    if not set(schema["properties"][METHODS]) <= ENTRY_WISE_KEYWORDS:
        return None
    methods, locations = list(before.catalogue.methods), dict(before.catalogue.locations)
    changed = []
    for index, (was, is_now, now, start) in enumerate(zip(old.entries, new_digests.entries, new.entries, new.starts)):
        if was == is_now:
            line, column = before.catalogue.locations[(METHODS, index)]
            locations[(METHODS, index)] = (line - old.starts[index] + start, column)
            continue
        try:
            methods[index], locations[(METHODS, index)] = _entry(now, start)
        except Exception:  # whatever it is, the ordinary way reports it
            return None
        changed.append(methods[index])
    data = {**before.catalogue.data, METHODS: methods}
    if not quick_validator(CATALOGUE_SCHEMA).is_valid({**data, METHODS: changed}):
        return None
    # The unchanged entries passed the registers' rules before, against the same registers.
    if catalogue_rules(Context("", data, {}, {})) or reference_rules(Context("", {METHODS: changed}, {}, {}), registers):
        return None
    locations = {key: value for key, value in locations.items() if key[0] != METHODS or len(key) == 2}
    return Catalogue(data, before.catalogue.path, locations, before.catalogue.sources, before.catalogue.laws)
