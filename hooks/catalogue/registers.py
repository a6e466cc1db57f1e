"""The source register (data/sources.yaml) and the law register (data/laws.yaml).

Each is checked like the catalogue (the same quick and careful paths, problems with file, line and
column); what a schema cannot say about them is here: unique ids, a DOI source's address, a checked
section in its country's form. The catalogue is checked against them (references.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .check import Validation, check_file
from .laws import ANY_SECTION, section_problem
from .problems import Context, Problem, at_least_of, quote
from .rules import duplicate_ids, entries
from .schema import DATA

SOURCES_FILE = "sources.yaml"
LAWS_FILE = "laws.yaml"
DOI_RESOLVER = "https://doi.org/"


def _source_rules(context: Context) -> list[Problem]:
    sources = entries(context.data["sources"])
    problems = duplicate_ids(context, sources, ("sources",), "source")
    for index, source in sources:
        doi, url = source.get("doi"), source.get("url")
        if isinstance(doi, str) and isinstance(url, str) and url != DOI_RESOLVER + doi:
            problems.append(context.problem(("sources", index, "url"), f"{quote(url)} is not the address of the DOI {doi}",
                                            f"no url (a source with a DOI links to {DOI_RESOLVER}{doi})"))
    return problems


def _law_rules(context: Context) -> list[Problem]:
    laws = entries(context.data["laws"])
    problems = duplicate_ids(context, laws, ("laws",), "law")
    for index, law in laws:
        if law.get("country") not in ("norway", "sweden"):
            continue  # the schema reports it
        for position, section in entries(law.get("checked_sections"), str):
            expected = section_problem(law, section) if ANY_SECTION.fullmatch(section) else None  # else the schema says it
            if expected:
                problems.append(context.problem(("laws", index, "checked_sections", position),
                                                f"{quote(section)} is not a section of a {law['country']} law", expected))
    return problems


validate_sources = Validation(DATA / "sources.schema.json", "sources", _source_rules)
validate_laws = Validation(DATA / "laws.schema.json", "laws", _law_rules)


@dataclass(frozen=True)
class Registers:
    """The valid registers by id; a register with problems is None (its own problems say why)."""

    sources: dict[str, dict] | None
    laws: dict[str, dict] | None
    at_least: int | None = None  # None: check_registers gave every problem of the two; else at least this many


@lru_cache(maxsize=1)
def default_registers() -> Registers:
    """The registers in data/, for checking a catalogue text on its own (tests, the quick path)."""
    return check_registers()[0]


def check_registers(folder: Path = DATA, display_folder: str = "data") -> tuple[Registers, list[Problem]]:
    """Both registers in `folder`, checked; their problems named as `display_folder`/<file>."""
    checked = {name: check_file(Path(folder) / name, (Path(display_folder) / name).as_posix(), validation)
               for name, validation in ((SOURCES_FILE, validate_sources), (LAWS_FILE, validate_laws))}

    def by_id(name: str, key: str) -> dict[str, dict] | None:
        result = checked[name]
        return None if result.problems else {entry["id"]: entry for entry in result.data[key]}

    problems = [problem for result in checked.values() for problem in result.problems]
    at_least = at_least_of(*((result.problems, result.at_least) for result in checked.values()))
    return Registers(by_id(SOURCES_FILE, "sources"), by_id(LAWS_FILE, "laws"), at_least), problems
