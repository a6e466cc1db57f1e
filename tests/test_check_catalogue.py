"""The editors' command, scripts/check-catalogue: every problem, an exit status, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import check_catalogue
from conftest import ROOT

COMMAND = ROOT / "scripts" / "check-catalogue"
CATALOGUE = ROOT / "data" / "methods.yaml"
SOURCES = ROOT / "data" / "sources.yaml"
LAWS = ROOT / "data" / "laws.yaml"


def run_command(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMMAND), *arguments], capture_output=True, text=True, timeout=120)


def test_the_command_accepts_the_real_catalogue_and_glossary_in_one_line():
    result = run_command()
    assert result.returncode == 0, result.stdout + result.stderr
    method_count = CATALOGUE.read_text(encoding="utf-8").split("\nmethods:\n")[1].count("\n  - id: ") + 1
    assert result.stdout.splitlines() == [
        f"OK: data/methods.yaml ({method_count} methods), data/sources.yaml ({SOURCES.read_text(encoding='utf-8').count(chr(10) + '  - id: ')} sources), "
        f"data/laws.yaml ({LAWS.read_text(encoding='utf-8').count(chr(10) + '  - id: ')} laws) and data/glossary.yaml "
        f"({len(check_catalogue.check_file(ROOT / 'data' / 'glossary.yaml', validate=check_catalogue.validate_glossary).data['terms'])} terms) have no problems."
    ]


def test_the_command_prints_every_problem_and_fails(tmp_path: Path):
    text = CATALOGUE.read_text(encoding="utf-8")
    broken = tmp_path / "methods.yaml"
    broken.write_text(text.replace("level: observational", "level: observatonal", 1).replace("\n    competence:", "\n    competense:", 1), encoding="utf-8")
    result = run_command("--catalogue", str(broken))
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len(lines) == 4
    assert "individuell-plan: the field competence is missing" in lines[0]
    assert "unknown evidence level observatonal (did you mean observational?)" in lines[1]
    assert "unknown field competense (did you mean competence?)" in lines[2]
    assert lines[-1] == f"3 problems in {broken}; after fixing, run scripts/check-catalogue again."
    assert result.stderr == ""


def test_a_5_mb_file_of_binary_garbage_is_one_problem_not_a_traceback(tmp_path: Path):
    garbage = tmp_path / "methods.yaml"
    garbage.write_bytes(bytes(range(256)) * 20_000)
    result = run_command("--catalogue", str(garbage))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"{garbage}:2:118: the byte 0x80 is not UTF-8 text, expected the file saved as UTF-8"


def test_a_fault_in_the_checker_is_one_plain_line(monkeypatch, capsys):
    def fail(*args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(check_catalogue, "check_file", fail)
    assert check_catalogue.main([]) == 2
    output = capsys.readouterr().out
    assert output.splitlines() == [
        "The check itself failed (RuntimeError: simulated fault). This is a fault in the checker, "
        "not in your file: please report it together with the file."
    ]


def test_a_wrong_option_explains_the_usage(capsys):
    assert check_catalogue.main(["--colour"]) == 2
    assert "usage: scripts/check-catalogue" in capsys.readouterr().err
