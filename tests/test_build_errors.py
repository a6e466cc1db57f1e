"""A broken catalogue stops the real build with a clear message and leaves the last site as it was."""

from __future__ import annotations

from conftest import run_mkdocs_build


def test_broken_catalogue_stops_the_build_without_traceback_and_keeps_the_old_site(project_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    catalogue = project_copy / "data" / "methods.yaml"
    text = catalogue.read_text(encoding="utf-8")
    line = text.split("    competence:")[0].count("\n") + 1
    catalogue.write_text(text.replace("    competence:", "    competense:", 1), encoding="utf-8")

    result = run_mkdocs_build(project_copy, site)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert f"data/methods.yaml:{line}:5: individuell-plan competense: unknown field competense (did you mean competence?)" in output
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"
    assert sorted(path.name for path in site.iterdir()) == ["index.html"]


def test_unreadable_catalogue_names_the_file(project_copy, tmp_path):
    (project_copy / "data" / "methods.yaml").write_bytes(b"ui:\n  level: \xff\xfe\n")
    result = run_mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "data/methods.yaml:2:10: the byte 0xff is not UTF-8 text" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
