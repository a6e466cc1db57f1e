"""Work done once per build, however many languages and pages: the catalogue is read and validated
once, and each page template is compiled once per process. Counted in a real three-language build,
run in this process so that the loader and the template compiler can be watched, and in scripts/build
(one process per language, forked after the catalogue is read), with each process noting its work."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

import render
import site_data
from conftest import LANGUAGES, ROOT, build_environment, language_root


def assert_every_method_page_built(site: Path, catalogue) -> None:
    """The build really made every language's method pages (the folder also holds the comparison page)."""
    for lang in LANGUAGES:
        pages = {page.parent.name for page in site.glob(f"{language_root(lang)}{render.METHODS_FOLDER}/*/index.html")}
        assert {method["id"] for method in catalogue.methods} <= pages, lang


def test_a_three_language_build_reads_the_catalogue_once_and_compiles_each_template_once(project_copy, tmp_path, monkeypatch, catalogue):
    catalogue_file = project_copy / site_data.CATALOGUE_FILE
    os.utime(catalogue_file)  # a file this process has not loaded yet, so nothing comes from earlier tests
    loads = Counter()
    real_load = site_data.load_catalogue

    def counting_load(path, *args, **kwargs):
        loads[Path(path)] += 1
        return real_load(path, *args, **kwargs)

    compiled = Counter()
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, filename=None, *args, **kwargs):
        if filename and Path(filename).parent == render.TEMPLATES:
            compiled[name] += 1
        return real_compile(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(site_data, "load_catalogue", counting_load)
    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    render.environment.cache_clear()  # templates compiled by earlier tests would not be counted

    site = tmp_path / "site"
    build(load_config(str(project_copy / "mkdocs.yml"), site_dir=str(site)))

    assert_every_method_page_built(site, catalogue)
    assert loads == {catalogue_file: 1}
    assert {"method.html.j2", "method_list.html.j2", "heading.html.j2", "labels.html.j2"} <= compiled.keys()
    assert compiled == {name: 1 for name in compiled}
    assert render.environment.cache_info().misses == 1


# Run as a script: scripts/build's processes, each noting what it loads and compiles in one file.
COUNTING_BUILD = r"""
import os, sys
from pathlib import Path
root, config_file, site, log_path = sys.argv[1:5]
sys.path.insert(0, root)
from sitebuild.language_builds import project_modules
project_modules(Path(config_file))
import jinja2, render, site_data
log = open(log_path, "a", buffering=1)  # appended to by every process

real_load = site_data.load_catalogue
def counting_load(path, *args, **kwargs):
    log.write(f"load {os.getpid()} {path}\n")
    return real_load(path, *args, **kwargs)
site_data.load_catalogue = counting_load

real_compile = jinja2.Environment.compile
def counting_compile(self, source, name=None, filename=None, *args, **kwargs):
    if filename and Path(filename).parent == render.TEMPLATES:
        log.write(f"compile {os.getpid()} {name}\n")
    return real_compile(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counting_compile

from sitebuild.__main__ import main
sys.exit(main(["build", "-q", "-f", config_file, "-d", site]))
"""


def test_the_parallel_build_reads_the_catalogue_once_and_each_process_compiles_each_template_once(project_copy, tmp_path, catalogue):
    log = tmp_path / "work.log"
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD, str(ROOT), str(project_copy / "mkdocs.yml"), str(site), str(log)],
        env=build_environment(), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert_every_method_page_built(site, catalogue)

    lines = [line.split() for line in log.read_text().splitlines()]
    assert [path for kind, _, path in lines if kind == "load"] == [str(project_copy / site_data.CATALOGUE_FILE)]
    compiled = Counter((pid, name) for kind, pid, name in lines if kind == "compile")
    assert {"method.html.j2", "method_list.html.j2", "heading.html.j2", "labels.html.j2"} <= {name for _, name in compiled}
    assert compiled == {key: 1 for key in compiled}


def test_a_file_saved_while_a_build_runs_is_read_by_the_next_build_not_midway(tmp_path):
    """An editor saves during a build (a file being written can read as empty): the pages still to
    be built read the data the build started with; the next build reads the edit."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    data = tmp_path / "data.txt"
    data.write_text("before")
    config = type("Config", (), {"config_file_path": str(tmp_path / "mkdocs.yml")})()
    read = lambda: site_data.cached_load(config, "data.txt", lambda path, name: path.read_text())

    site_data.new_build()
    assert read() == "before"
    data.write_text("")  # halfway through the editor's save
    assert read() == "before"
    data.write_text("after")
    site_data.new_build()
    assert read() == "after"
