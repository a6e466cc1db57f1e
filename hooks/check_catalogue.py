"""The editors' check: find every problem in the catalogue, the source and law registers, the glossary
and the law links of the hand-written pages, without building the site.

Run it as `scripts/check-catalogue` from the project folder. It prints each problem as
`data/methods.yaml:LINE:COLUMN: <method id> <field path>: <what is wrong>, expected <what>` and
exits with 1, or prints one line saying all is well and exits with 0. It is not a MkDocs hook
(it is not listed under `hooks:` in mkdocs.yml); it lives here next to the code it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalogue import at_least_of, check_file, count_problems, listed, validate_glossary
from catalogue.check import catalogue_validation
from catalogue.references import overdue_reviews, page_law_problems
from catalogue.registers import check_registers

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_FILE = "data/methods.yaml"
GLOSSARY_FILE = "data/glossary.yaml"
REGISTERS_FOLDER = "data"  # data/sources.yaml and data/laws.yaml
PAGES = "docs"  # hand-written pages, whose law links are checked too


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/check-catalogue",
        description="Check data/methods.yaml and data/glossary.yaml and print every problem with its line.",
    )
    parser.add_argument("--catalogue", default=CATALOGUE_FILE, metavar="FILE", help=f"the catalogue to check (default: {CATALOGUE_FILE})")
    parser.add_argument("--glossary", default=GLOSSARY_FILE, metavar="FILE", help=f"the glossary to check (default: {GLOSSARY_FILE})")
    parser.add_argument("--registers", default=REGISTERS_FOLDER, metavar="FOLDER",
                        help=f"the folder with sources.yaml and laws.yaml (default: {REGISTERS_FOLDER})")
    return parser


def _resolve(name: str) -> Path:
    """A file named on the command line, relative to the current folder, else to the project."""
    path = Path(name)
    return path if path.is_absolute() or path.exists() else ROOT / path


def _page_problems(laws: dict[str, dict]) -> list:
    """The law links of the hand-written pages (docs/<language>/*.md)."""
    return [problem for page in sorted((ROOT / PAGES).rglob("*.md"))
            for problem in page_law_problems(page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix(), laws)]


def main(argv: list[str] | None = None) -> int:
    try:
        arguments = _parser().parse_args(argv)
    except SystemExit as stop:  # --help or a wrong option: argparse has printed why
        return int(stop.code or 0)
    try:
        registers, register_problems = check_registers(_resolve(arguments.registers), arguments.registers)
        catalogue = check_file(_resolve(arguments.catalogue), arguments.catalogue, catalogue_validation(registers))
        glossary = check_file(_resolve(arguments.glossary), arguments.glossary, validate_glossary)
        pages = _page_problems(registers.laws) if registers.laws is not None else []
    except Exception as error:  # a bug in the checker itself: one plain line for the editor, not a traceback
        print(f"The check itself failed ({type(error).__name__}: {error}). This is a fault in the checker, "
              "not in your file: please report it together with the file.")
        return 2
    problems = register_problems + catalogue.problems + glossary.problems + pages
    at_least = at_least_of((register_problems, registers.at_least), (catalogue.problems, catalogue.at_least),
                           (glossary.problems, glossary.at_least), (pages, None))
    if not catalogue.problems:
        for method in overdue_reviews(catalogue.data["methods"]):
            line = catalogue.locations[("methods", catalogue.data["methods"].index(method))][0]
            print(f"warning: {arguments.catalogue}:{line}: {method['id']}: the next review was due on {method['next_review']}; "
                  "the page says the review is overdue")
    if problems:
        print("\n".join(listed(problems, at_least)))
        files = ", ".join(dict.fromkeys(problem.file for problem in problems))
        print(f"{count_problems(problems, at_least)} in {files}; after fixing, run scripts/check-catalogue again.")
        return 1
    print(f"OK: {arguments.catalogue} ({len(catalogue.data['methods'])} methods), {arguments.registers}/sources.yaml "
          f"({len(registers.sources)} sources), {arguments.registers}/laws.yaml ({len(registers.laws)} laws) and "
          f"{arguments.glossary} ({len(glossary.data['terms'])} terms) have no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
