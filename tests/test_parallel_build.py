"""scripts/build — the languages built in parallel processes and assembled (sitebuild/,
hooks/language_assembly.py) — gives the site that one-process `mkdocs build` gives."""

from __future__ import annotations

import difflib
import gzip
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

import language_assembly
from build_scope import Helper
from conftest import ROOT, run_mkdocs_build, run_site_build

BUILD_DATE = re.compile(rb"<lastmod>[^<]*</lastmod>")


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def normalised(name: str, data: bytes) -> bytes:
    """A file as it is, but for what differs between any two builds of the same sources: the
    sitemap's dates are the day of the build (and the .gz file's header carries it too)."""
    if name.endswith("sitemap.xml.gz"):
        data = gzip.decompress(data)
    return BUILD_DATE.sub(b"<lastmod>(build date)</lastmod>", data) if "sitemap.xml" in name else data


def difference(name: str, one: bytes, other: bytes) -> str:
    lines = difflib.unified_diff(one.decode(errors="replace").splitlines(), other.decode(errors="replace").splitlines(), "mkdocs build", "scripts/build", lineterm="", n=1)
    return f"{name}:\n" + "\n".join(line[:300] for line in list(lines)[:20])


def test_the_parallel_build_gives_the_one_process_site_file_for_file(site, tmp_path):
    one_process = tmp_path / "one-process"
    result = run_mkdocs_build(ROOT, one_process)
    assert result.returncode == 0, result.stderr

    assert files_of(site) == files_of(one_process)
    differing = [
        difference(name, normalised(name, (one_process / name).read_bytes()), normalised(name, (site / name).read_bytes()))
        for name in sorted(files_of(one_process))
        if normalised(name, (one_process / name).read_bytes()) != normalised(name, (site / name).read_bytes())
    ]
    assert not differing, f"{len(differing)} files differ; the first:\n" + "\n".join(differing[:3])


def test_a_static_file_in_any_languages_folder_reaches_the_site(project_copy, tmp_path):
    """A picture beside a page in docs/sv/ is copied by the Swedish build, as plain `mkdocs build` copies it."""
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>\n'
    for folder in ("no", "sv", "se"):
        (project_copy / "docs" / folder / "bilde.svg").write_text(picture, encoding="utf-8")
    result = run_site_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for written in ("bilde.svg", "sv/bilde.svg", "se/bilde.svg"):
        assert (tmp_path / "site" / written).read_text(encoding="utf-8") == picture, written


def language_build(folder: Path, lang: str, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_file_that_a_language_build_writes_differently_outside_its_folder_stops_the_assembly(tmp_path):
    site = language_build(tmp_path / "site", "no", {"index.html": "no", "assets/site.css": "a {}", "404.html": "no"})
    helper = language_build(tmp_path / "sv-build", "sv", {"sv/index.html": "sv", "assets/site.css": "a { color: red }", "404.html": "sv"})
    with pytest.raises(Abort, match="the sv build wrote assets/site.css outside its language folder"):
        language_assembly.take_in(site, Helper("sv", helper, report_fd=-1), "no")


def test_assembly_takes_the_language_folder_and_keeps_the_sites_own_per_build_files(tmp_path):
    site = language_build(tmp_path / "site", "no", {"index.html": "no", "assets/site.css": "a {}", "404.html": "no"})
    helper = language_build(tmp_path / "sv-build", "sv", {"sv/index.html": "sv", "assets/site.css": "a {}", "404.html": "sv"})
    language_assembly.take_in(site, Helper("sv", helper, report_fd=-1), "no")
    assert files_of(site) == {"index.html", "assets/site.css", "404.html", "sv/index.html"}
    assert (site / "404.html").read_text() == "no"


def test_sitemaps_of_the_language_builds_are_merged_in_their_order():
    def sitemap(*locations: str) -> str:
        entries = "".join(f"\n    <url>\n        <loc>{location}</loc>\n    </url>" for location in locations)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</urlset>'

    assert language_assembly.merged_sitemap([sitemap("/", "/kurs/"), sitemap("/sv/"), sitemap()]) == sitemap("/", "/kurs/", "/sv/")
