"""The editor loop (benchmarks/build_benchmark.py): scripts/serve on a catalogue, a method's page
open in Chromium, an edit to that method's lead in data/methods.yaml, and the seconds until the
page in the browser shows it (the preview reloads it)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from timing import ROOT

EDITS = 5
PAUSE = 2  # seconds between an edit shown and the next saved, as an editor reads it


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return
        time.sleep(0.05)
    sys.exit(f"{url} did not show {text!r} within {timeout} s")


def editor_loop(project: Path, method: dict, port: int, env: dict, chromium: str, chromium_args: list[str], log: Path) -> list[float]:
    """Seconds from saving each edit until the open page shows it."""
    catalogue_file = project / "data" / "methods.yaml"
    lead_start = " ".join(method["lead"]["no"].split()[:3])  # on one line in the file
    url = f"http://127.0.0.1:{port}/metoder/{method['id']}/"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(ROOT / "scripts" / "serve"), "--no-strict", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            env={**env, "PYTHONPATH": str(ROOT)}, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            wait_for(url, lead_start, timeout=600)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=chromium_args)
                tab = browser.new_page()
                tab.goto(url)
                seconds, before = [], lead_start
                for edit in range(1, EDITS + 1):
                    time.sleep(PAUSE)
                    marker = f"Redigering{edit}x{time.time_ns()}"  # in place of the last one: texts have a size limit
                    text = catalogue_file.read_text(encoding="utf-8")
                    if before not in text:
                        sys.exit(f"the lead's first words {before!r} are not on one line of {catalogue_file}")
                    catalogue_file.write_text(text.replace(before, f"{lead_start} {marker}", 1), encoding="utf-8")
                    saved = time.perf_counter()
                    tab.get_by_text(marker).or_(tab.locator(".mg-preview-error")).first.wait_for(timeout=300_000)
                    if tab.locator(".mg-preview-error").count():
                        sys.exit(f"the edit did not build: {tab.locator('.mg-preview-error').inner_text()}")
                    seconds.append(time.perf_counter() - saved)
                    before = f"{lead_start} {marker}"
                browser.close()
            return seconds
        finally:
            server.terminate()
            server.wait(timeout=120)
