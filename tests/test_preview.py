"""scripts/serve, as an editor uses it: after each edit the preview serves what a fresh build of the
same sources gives, file for file; while the catalogue is broken it serves the last good site at
once, with the checker's message on every page; `--lang sv` previews Swedish alone."""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO_URL, ROOT, build_environment, free_port, run_site_build
from sitebuild.preview_server import Preview, without_preview

BUILD_DATE = re.compile(rb"<lastmod>[^<]*</lastmod>")


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""  # not yet listening


def wait_until(condition, what: str, timeout: float = 180) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"the preview did not {what} within {timeout} s")


@contextlib.contextmanager
def preview(project: Path, *options: str):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**build_environment(url, REPO_URL), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "sitebuild", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}", *options],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_until(lambda: get(url)[0] == 200 or server.poll() is not None, "finish its first build")
        assert server.poll() is None, server.stderr.read()
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shows(url: str, text: str) -> bool:
    status, body = get(url)
    assert b"mg-preview-error" not in body, f"the edit did not build: {body.decode()[:3000]}"
    return status == 200 and text.encode() in body


def served_as_built(url: str, project: Path, built: Path, folder: str = "") -> list[str]:
    """The files of a fresh build (under `folder`) that the preview serves differently."""
    differing = []
    for file in sorted(path for path in (built / folder).rglob("*") if path.is_file()):
        name = file.relative_to(built).as_posix()
        status, body = get(url + name)
        expected = file.read_bytes()
        if name.endswith(".html"):
            body = without_preview(body)
        if name.endswith(".gz"):
            body, expected = gzip.decompress(body), gzip.decompress(expected)
        if "sitemap.xml" in name:
            body, expected = BUILD_DATE.sub(b"", body), BUILD_DATE.sub(b"", expected)
        if status != 200 or body != expected:
            differing.append(f"{name} ({status})")
    return differing


def idle(url: str) -> bool:
    status, body = get(url + ".preview/status")
    return status == 200 and not json.loads(body)["building"]


def assert_served_as_freshly_built(url: str, project: Path, tmp_path: Path, round_name: str) -> Path:
    wait_until(lambda: idle(url), "finish building")
    built = tmp_path / round_name
    result = run_site_build(project, built, site_url=url)
    assert result.returncode == 0, result.stderr
    differing = served_as_built(url, project, built)
    assert not differing, f"after {round_name}, {len(differing)} files differ from a fresh build: {differing[:10]}"
    return built


def test_after_each_edit_the_preview_serves_what_a_fresh_build_gives(project_copy, tmp_path, catalogue):
    catalogue_file = project_copy / "data" / "methods.yaml"
    method = catalogue.methods[0]
    referring = next(other for other in catalogue.methods if method["id"] in other["related"])
    with preview(project_copy) as url:
        # A method's lead, on its line: its pages, and the method list, in one language.
        # The edited method's pages are served first, before the rest is built: as a full build has them.
        lead_start = " ".join(method["lead"]["no"].split()[:3])
        edit(catalogue_file, lead_start, f"{lead_start} Forhåndsvisning1")
        page = f"metoder/{method['id']}/index.html"
        wait_until(lambda: shows(url + page, "Forhåndsvisning1"), "show the edited lead")
        first_served = without_preview(get(url + page)[1])
        built = assert_served_as_freshly_built(url, project_copy, tmp_path, "a lead edited")
        assert first_served == (built / page).read_bytes()

        # A title, in Swedish, on a line of its own: the pages of the methods that name it change
        # too, and with edit links so do the pages of every method whose entry starts further down.
        title = method["title"]["sv"]
        edit(catalogue_file, f"      sv: {title}\n", f"      sv: >-\n        {title} Förhandsvisning2\n")
        wait_until(lambda: shows(f"{url}sv/metoder/{referring['id']}/", "Förhandsvisning2"), "show the new title on a method page naming it")
        assert_served_as_freshly_built(url, project_copy, tmp_path, "a title edited")

        # A hand-written page.
        edit(project_copy / "docs" / "se" / "kurs.md", "\n\n", "\n\nOvdagihttin3.\n\n")
        wait_until(lambda: shows(f"{url}se/kurs/", "Ovdagihttin3"), "show the edited page")
        assert_served_as_freshly_built(url, project_copy, tmp_path, "a page edited")


def test_while_the_catalogue_is_broken_readers_get_the_last_good_site_with_the_error_on_it(project_copy, catalogue):
    catalogue_file = project_copy / "data" / "methods.yaml"
    good = catalogue_file.read_text(encoding="utf-8")
    page = f"metoder/{catalogue.methods[0]['id']}/"
    with preview(project_copy) as url:
        _, before = get(url + page)
        catalogue_file.write_text(good.replace("    competence:", "    competense:", 1), encoding="utf-8")
        wait_until(lambda: b"mg-preview-error" in get(url + page)[1], "show the error")

        started = time.monotonic()
        status, during = get(url + page)
        assert status == 200 and time.monotonic() - started < 2  # at once, not when the catalogue is fixed
        assert b"competense: unknown field competense (did you mean competence?)" in during
        assert without_preview(during) == without_preview(before)
        assert b"mg-preview-error" in get(url + "sv/")[1]

        catalogue_file.write_text(good, encoding="utf-8")
        wait_until(lambda: b"mg-preview-error" not in get(url + page)[1], "drop the error once the catalogue is fixed")


def test_one_language_can_be_previewed_alone(project_copy, tmp_path):
    with preview(project_copy, "--lang", "sv") as url:
        status, _ = get(url + "metoder/")
        assert status == 404
        request = urllib.request.Request(url, method="HEAD")
        assert urllib.request.urlopen(request).url == url + "sv/"
        built = tmp_path / "whole-site"
        assert run_site_build(project_copy, built, site_url=url).returncode == 0
        assert not served_as_built(url, project_copy, built, folder="sv")


def test_pages_served_ahead_of_a_build_that_then_fails_are_taken_back(tmp_path):
    """The edited pages are served before the rest of their build; if that fails, the site served
    is the last good build again, not a mix of two."""
    preview = Preview(tmp_path)
    (preview.site / "metoder" / "a").mkdir(parents=True)
    (preview.site / "metoder" / "a" / "index.html").write_text("the good build")
    overlay = tmp_path / "overlay"
    for name in ("metoder/a/index.html", "metoder/b/index.html"):
        (overlay / name).parent.mkdir(parents=True, exist_ok=True)
        (overlay / name).write_text("the edit")
    preview.take_in({"built": str(overlay), "overlay": True, "provisional": True, "home": "/"})
    assert (preview.site / "metoder" / "a" / "index.html").read_text() == "the edit"

    preview.fail("a warning in the strict build")

    assert (preview.site / "metoder" / "a" / "index.html").read_text() == "the good build"
    assert not (preview.site / "metoder" / "b" / "index.html").exists()
    assert preview.error == "a warning in the strict build"
