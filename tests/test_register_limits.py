"""Size limits of the registers and of every list and mapping, as a generated or pasted file meets them.

A file far over a limit gives one line at the first entry too many and nothing else is checked; a
file under the limits but full of problems prints 200 of them and an honest count of the rest. An
editor notices either as a short report that comes at once: the tests count its lines (never more
than 202: 200 problems, the count of the rest and the summary), they do not time it.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from catalogue import CatalogueError, load_catalogue
from catalogue.limits import MOST_ENTRIES, MOST_FIELDS
from check_catalogue import main as check_main
from conftest import ROOT

DATA = ROOT / "data"
REAL = (DATA / "methods.yaml").read_text(encoding="utf-8")
INPUT_SCHEMAS = ("methods.schema.json", "sources.schema.json", "laws.schema.json", "glossary.schema.json")
MOST_PRINTED = 202
RERUN = "after fixing, run scripts/check-catalogue again."
NOTHING_ELSE = "nothing else was checked"
SAME_ID_SOURCE = "  - id: same\n    title: A title\n    publisher: A publisher\n    confirmed: Seen on the publisher's page.\n"


def place_at(text: str, position: int) -> str:
    """LINE:COLUMN of a position in the text."""
    return f"{text.count(chr(10), 0, position) + 1}:{position - (text.rfind(chr(10), 0, position) + 1) + 1}"


def place(text: str, fragment: str, offset: int = 0) -> str:
    return place_at(text, text.index(fragment) + offset)


def broken_entries(list_name: str, count: int) -> str:
    """A register of `count` entries, each an id and a title that is a list: three problems an entry."""
    return f"{list_name}:\n" + "".join(f"- id: entry-{number}\n  title: [x]\n" for number in range(count))


def registers(tmp_path, **texts: str):
    """A registers folder: the real sources.yaml and laws.yaml, except the texts given (sources=..., laws=...)."""
    folder = tmp_path / "registers"
    folder.mkdir()
    for name in ("sources", "laws"):
        if name in texts:
            (folder / f"{name}.yaml").write_text(texts[name], encoding="utf-8")
        else:
            shutil.copy(DATA / f"{name}.yaml", folder)
    return folder


def catalogue(tmp_path, text: str):
    path = tmp_path / "methods.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(capsys, *arguments: str) -> tuple[int, list[str]]:
    """The exit status of scripts/check-catalogue and the lines it printed."""
    status = check_main(list(arguments))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= MOST_PRINTED
    return status, lines


def test_every_list_and_every_mapping_of_free_fields_in_the_schemas_has_a_size_limit():
    def unbounded(node, where: str):
        if isinstance(node, dict):
            if node.get("type") == "array" and "maxItems" not in node:
                yield where
            if isinstance(node.get("additionalProperties"), dict) and "maxProperties" not in node:
                yield where
            for key, value in node.items():
                yield from unbounded(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from unbounded(value, f"{where}/{index}")

    schemas = {name: json.loads((DATA / name).read_text(encoding="utf-8")) for name in INPUT_SCHEMAS}
    assert [where for name, schema in schemas.items() for where in unbounded(schema, name)] == []


@pytest.mark.parametrize(("list_name", "most"), [("sources", 5_000), ("laws", 1_000)])
def test_80000_broken_register_entries_give_one_problem_about_the_size_limit(tmp_path, capsys, list_name, most):
    text = broken_entries(list_name, 80_000)
    folder = registers(tmp_path, **{list_name: text})
    assert check(capsys, "--registers", str(folder)) == (1, [
        f"{folder}/{list_name}.yaml:{place(text, f'- id: entry-{most}', 2)}: {list_name}[{most}]: the file has 80,000 {list_name}; "
        f"{NOTHING_ELSE}, expected at most {most:,} (the size limit of the file; see the editor guide)",
        f"1 problem in {folder}/{list_name}.yaml; {RERUN}"])


def test_80000_valid_sources_with_one_id_give_one_problem_about_the_size_limit(tmp_path, capsys):
    text = "sources:\n" + SAME_ID_SOURCE * 80_000
    folder = registers(tmp_path, sources=text)
    first_too_many = len("sources:\n") + 5_000 * len(SAME_ID_SOURCE) + len("  - ")
    assert check(capsys, "--registers", str(folder)) == (1, [
        f"{folder}/sources.yaml:{place_at(text, first_too_many)}: sources[5000]: the file has 80,000 sources; {NOTHING_ELSE}, "
        "expected at most 5,000 (the size limit of the file; see the editor guide)",
        f"1 problem in {folder}/sources.yaml; {RERUN}"])


def test_sources_within_the_limit_sharing_one_id_are_all_counted(tmp_path, capsys):
    text = "sources:\n" + SAME_ID_SOURCE * 4_999
    folder = registers(tmp_path, sources=text)
    status, lines = check(capsys, "--registers", str(folder))
    assert status == 1
    assert len(lines) == MOST_PRINTED
    assert lines[0] == (f"{folder}/sources.yaml:{place_at(text, len('sources:' + chr(10) + SAME_ID_SOURCE + '  - id: '))}: "
                        "same id: the id same is used twice (first on line 2), expected a unique id per source")
    assert lines[-2:] == ["… and 4,798 more not listed here: fix the ones above first.",
                          f"4,998 problems in {folder}/sources.yaml; {RERUN}"]


def test_a_register_with_thousands_of_problems_says_there_are_at_least_so_many_when_building(tmp_path):
    folder = registers(tmp_path, sources=broken_entries("sources", 1_500))
    with pytest.raises(CatalogueError) as error:
        load_catalogue(DATA / "methods.yaml", "data/methods.yaml", folder)
    lines = str(error.value).splitlines()
    assert len(lines) == MOST_PRINTED
    assert lines[0] == ("data/sources.yaml:2:3: entry-0: a reference needs either journal or publisher (not both, not neither), "
                        "expected journal: … or publisher: …")
    # Each entry lacks confirmed, has neither journal nor publisher, and a title that is a list.
    assert lines[-2:] == ["… and at least 4,300 more not listed here: fix the ones above first.",
                          "at least 4,500 problems in data/sources.yaml; nothing was built."]


def test_a_register_with_thousands_of_problems_says_there_are_at_least_so_many(tmp_path, capsys):
    folder = registers(tmp_path, sources=broken_entries("sources", 1_500))
    status, lines = check(capsys, "--registers", str(folder))
    assert status == 1
    assert lines[-2:] == ["… and at least 4,300 more not listed here: fix the ones above first.",
                          f"at least 4,500 problems in {folder}/sources.yaml; {RERUN}"]


def assert_the_only_problem(capsys, path, line: str) -> None:
    """The check of the catalogue at `path` prints exactly this one problem line, then its count."""
    assert check(capsys, "--catalogue", str(path)) == (1, [line, f"1 problem in {path}; {RERUN}"])


def test_a_file_over_a_limit_with_what_only_the_careful_reader_reads_gives_the_same_one_problem(tmp_path, capsys):
    # An empty value and a key given twice are left to the careful reader, which would take 80,000 entries in
    # value by value: the list over its limit is found first all the same.
    start = REAL.index("\nmethods:\n") + len("\nmethods:\n")
    text = REAL[:start] + "".join(f"  - id: method-{number}\n    title:\n    title:\n" for number in range(80_000))
    path = catalogue(tmp_path, text)
    assert_the_only_problem(capsys, path,
        f"{path}:{place(text, '- id: method-2000', 2)}: methods[2000]: the file has 80,000 methods; {NOTHING_ELSE}, "
        "expected at most 2,000 (the size limit of the file; see the editor guide)")


def test_80000_unknown_references_of_one_method_give_one_problem_about_the_size_limit(tmp_path, capsys):
    references = "      references: [holum-2012, bjerkan-2011]\n"
    assert references in REAL
    text = REAL.replace(references, "      references: [" + ", ".join(f"nope-{number}" for number in range(80_000)) + "]\n", 1)
    path = catalogue(tmp_path, text)
    assert_the_only_problem(capsys, path,
        f"{path}:{place(text, 'nope-100,')}: individuell-plan evidence.references[100]: the list has 80,000 entries; {NOTHING_ELSE}, "
        "expected at most 100 (the size limit of a list; see the editor guide)")


def test_80000_changes_of_one_method_give_one_problem_about_the_size_limit(tmp_path, capsys):
    changes, change = "    changes:\n", '      - date: 2026-11-25\n        note: {"no": Endret., sv: Ändrad., se: Rievdaduvvon.}\n'
    text = REAL.replace(changes, changes + change * 80_000, 1)
    count = len(yaml.safe_load(REAL)["methods"][0]["changes"]) + 80_000
    path = catalogue(tmp_path, text)
    first_too_many = text.index(changes) + len(changes) + 200 * len(change) + len("      - ")
    assert_the_only_problem(capsys, path,
        f"{path}:{place_at(text, first_too_many)}: individuell-plan changes[200]: the list has {count:,} entries; {NOTHING_ELSE}, "
        "expected at most 200 (the size limit of a list; see the editor guide)")


def test_80000_entries_where_the_schema_expects_no_list_give_one_problem_about_the_size_limit(tmp_path, capsys):
    start = "  - id: individuell-plan\n"
    text = REAL.replace(start, start + "    notes: [" + ", ".join(f"n{number}" for number in range(80_000)) + "]\n", 1)
    path = catalogue(tmp_path, text)
    assert_the_only_problem(capsys, path,
        f"{path}:{place(text, ' n100,', 1)}: individuell-plan notes[{MOST_ENTRIES}]: the list has 80,000 entries; {NOTHING_ELSE}, "
        f"expected at most {MOST_ENTRIES} (the size limit of a list; see the editor guide)")


def test_400000_unknown_top_level_fields_give_one_problem_about_the_size_limit(tmp_path, capsys):
    text = REAL + "".join(f"k{number}: 1\n" for number in range(400_000))
    known = len(yaml.safe_load(REAL))  # ui, evidence_levels, facets, methods
    first_too_many = f"k{MOST_FIELDS - known}"
    path = catalogue(tmp_path, text)
    assert_the_only_problem(capsys, path,
        f"{path}:{place(text, chr(10) + first_too_many + ':', 1)}: {first_too_many}: the file has {400_000 + known:,} fields; "
        f"{NOTHING_ELSE}, expected at most {MOST_FIELDS} (the size limit of a mapping; see the editor guide)")


def test_80000_unknown_fields_in_one_method_give_one_problem_about_the_size_limit(tmp_path, capsys):
    start = "  - id: individuell-plan\n"
    text = REAL.replace(start, start + "".join(f"    k{number}: 1\n" for number in range(80_000)), 1)
    fields = len(yaml.safe_load(REAL)["methods"][0]) + 80_000
    path = catalogue(tmp_path, text)
    first_too_many = f"k{MOST_FIELDS - 1}"  # after the method's id
    assert_the_only_problem(capsys, path,
        f"{path}:{place(text, f' {first_too_many}:', 1)}: individuell-plan {first_too_many}: the mapping has {fields:,} fields; "
        f"{NOTHING_ELSE}, expected at most {MOST_FIELDS} (the size limit of a mapping; see the editor guide)")


def test_80000_unknown_references_spread_over_methods_are_printed_200_with_suggestions_then_counted(tmp_path, capsys):
    start = REAL.index("\nmethods:\n") + len("\nmethods:\n")
    text = REAL[:start] + "".join(f"  - id: method-{method}\n    evidence:\n      references: ["
                                  + ", ".join(f"holum-{2013 + method * 100 + number}" for number in range(100)) + "]\n"
                                  for method in range(800))
    path = catalogue(tmp_path, text)
    status, lines = check(capsys, "--catalogue", str(path))
    assert status == 1
    assert len(lines) == MOST_PRINTED
    # Each "did you mean" is worked out for a printed problem only, and the printed ones all have theirs.
    assert (f"{path}:{place(text, 'holum-2013')}: method-0 evidence.references[0]: no source has the id holum-2013 "
            "(did you mean holum-2012?), expected the id of a source in data/sources.yaml") in lines
    unknown = [line for line in lines if "no source has the id" in line]
    assert unknown and all("(did you mean " in line for line in unknown)
    assert lines[-1].startswith("at least ") and lines[-1].endswith(f" problems in {path}; {RERUN}")
    assert int(lines[-1].split()[2].replace(",", "")) >= 80_000
