"""Every built page is valid HTML by the W3C Nu HTML checker (npm vnu-jar, run with Java), and its
headings' ids keep their letters."""

from __future__ import annotations

import json
import subprocess

from conftest import LANGUAGES, ROOT, language_root

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(*paths) -> list[str]:
    """The checker's errors for the HTML files under `paths`, as "file: message (extract)"."""
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    return [f"{message.get('url', '')}: {message['message']} ({message.get('extract', '').strip()[:80]})" for message in messages]


def test_the_checker_finds_errors_when_there_are_some(tmp_path):
    # Guards the test below: a checker that did not run would find nothing either.
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="nb"><title>x</title><a href="#a b">x</a><p id="">', encoding="utf-8")
    assert len(nu_errors(page)) == 2


def test_every_built_page_passes_the_w3c_html_checker(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20 * len(LANGUAGES)
    assert nu_errors(site) == []


def test_heading_ids_keep_their_letters_and_are_never_empty(built, catalogue):
    ids = [element["id"] for path in built.html_pages() for element in built.page(path.relative_to(built.root).as_posix()).select("[id]")]
    assert "" not in ids
    method_page = built.page(f"{language_root('no')}metoder/{catalogue.methods[0]['id']}/")
    assert method_page.find(id="gjennomføring") is not None  # Python-Markdown's default slug: "gjennomfring"
    assert built.page("kurs/").find(id="spørsmål-til-refleksjon") is not None  # a hand-written page: "sprsmal-til-refleksjon"
