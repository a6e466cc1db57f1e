"""Work done once per build, however many languages and pages: the catalogue is read and validated
once, and each page template is compiled once. Counted in a real three-language build, run in this
process so that the loader and the template compiler can be watched."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

import render
import site_data
from conftest import LANGUAGES, language_root


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

    for lang in LANGUAGES:  # the build really made every language's method pages
        pages = site.glob(f"{language_root(lang)}{render.METHODS_FOLDER}/*/index.html")
        assert len([page for page in pages if page.parent.name != "sammenlign"]) == len(catalogue.methods)
    assert loads == {catalogue_file: 1}
    assert {"method.html.j2", "method_list.html.j2", "heading.html.j2", "labels.html.j2"} <= compiled.keys()
    assert compiled == {name: 1 for name in compiled}
    assert render.environment.cache_info().misses == 1
