"""Benchmark the Märkning filter on the method list with a synthetic catalogue of 1,000 methods.

Writes the catalogue into a temporary copy of the project (the real catalogue's interface text,
evidence scale and vocabulary; the real methods, then synthetic ones made from them, each with
random labels from the real vocabulary, so text lengths are real: benchmarks/synthetic.py), builds it with the real strict
build, serves it on 127.0.0.1 and measures in Debian's headless Chromium, on /metoder/:

- the time from a checkbox change to the updated list and counts (the first page of matching
  methods, in the chosen order): performance.now() inside the
  page before checkbox.click() and after it returns. click() fires the change event and the
  filter's handler synchronously, so that span is the whole handler (filtering, counting, every
  DOM change). The main figure adds the style and layout the browser must do before it can paint
  the change, forced right away by reading document.body.offsetHeight: the frame that shows the
  new counts and the list. A third figure is the time until the list is complete (aria-busy gone:
  it waits for methods.json when it shows a method the HTML does not hold; fetched during the
  warm-up changes); the URL is written after the first frame is painted.
- the size of the filter's data (the JSON inline in the page), raw and gzipped, and of the whole
  method list page (it holds the first methods as HTML; filter.js fetches methods.json for the
  rest when a reader first needs them, from texts.json) and of the comparison page (every method, for readers
  without JavaScript).

With --baseline REF (a commit, e.g. main) the same catalogue is also built with that commit's
code and both sites are measured in turns in one browser, so the ratio of the two stands for the
change whatever else the machine is doing; the walk then leaves out the evidence levels, which an
older filter may not have, so both sites see the same changes.

Run: .venv/bin/python benchmarks/filter_benchmark.py [--methods 1000] [--changes 50] [--baseline main]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_ARGS, copy_project, free_port, run_mkdocs_build, serving  # noqa: E402
from synthetic import synthetic_catalogue  # noqa: E402  (benchmarks/synthetic.py, shared with build_benchmark.py)

WARM_UP_CHANGES = 10

# Runs in the page: a seeded random walk over the checkboxes (check an enabled one, or uncheck
# one when three are checked), timing each change.
# Returns [handler ms, handler + layout ms, whole list shown ms, results shown].
MEASURE_CHANGES = """
async ([changes, seed, skipEvidence]) => {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const boxes = Array.from(document.querySelectorAll('form.mg-filter input[type="checkbox"]')).filter((box) => !skipEvidence || box.name !== "evidence");
  const list = document.querySelector(".mg-results");
  const timings = [];
  for (let change = 0; change < changes; change++) {
    const checked = boxes.filter((box) => box.checked);
    const candidates = checked.length >= 3 ? checked : boxes.filter((box) => !box.disabled && !box.checked);
    const box = candidates[Math.floor(random() * candidates.length)];
    const start = performance.now();
    box.click();
    const handled = performance.now();
    document.body.offsetHeight;
    const laidOut = performance.now();
    while (list.getAttribute("aria-busy") === "true") await new Promise((resolve) => requestAnimationFrame(resolve));
    const complete = performance.now();
    const shown = Number(document.querySelector("form.mg-filter [aria-live]").textContent.match(/\d+/)[0]);
    timings.push([handled - start, laidOut - start, complete - start, shown]);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  }
  return timings;
}
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def sizes(text: str) -> str:
    raw = text.encode("utf-8")
    return f"{len(raw) / 1024:,.1f} KB raw, {len(gzip.compress(raw, compresslevel=9)) / 1024:,.1f} KB gzipped"


def build(project: Path, data: dict, site: Path, port: int) -> float:
    """Build the catalogue `data` with the project copy at `project` into `site`; the seconds it took."""
    (project / "data" / "methods.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    started = time.perf_counter()
    result = run_mkdocs_build(project, site, f"http://127.0.0.1:{port}/")
    if result.returncode != 0:
        sys.exit(f"the build in {project} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


def baseline_project(ref: str, folder: Path) -> Path:
    """The project as commit `ref` has it (git archive), in `folder`."""
    folder.mkdir()
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def for_schema(data: dict, project: Path) -> dict:
    """The catalogue without the method fields the project's schema does not know (an older one)."""
    known = json.loads((project / "data" / "methods.schema.json").read_text(encoding="utf-8"))["$defs"]["method"]["properties"]
    return {**data, "methods": [{key: value for key, value in method.items() if key in known} for method in data["methods"]]}


def measure(browser, url: str, changes: int, seed: int, skip_evidence: bool) -> list[list[float]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}metoder/")
    page.wait_for_selector("form.mg-filter:not([hidden])")
    timings = page.evaluate(MEASURE_CHANGES, [WARM_UP_CHANGES + changes, seed, skip_evidence])[WARM_UP_CHANGES:]
    page.close()
    return timings


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} ms, p95 {percentile(values, .95):.2f} ms"


def report(name: str, timings: list[list[float]]) -> None:
    handler, with_layout, complete, shown = ([timing[index] for timing in timings] for index in range(4))
    print(f"{name}: Chromium, {len(timings)} checkbox changes on /metoder/ at 1280 px, after {WARM_UP_CHANGES} warm-up changes each time the page was opened:")
    print(f"  change -> counts and list updated (handler):  {spread(handler)}")
    print(f"  the same + style and layout (forced reflow):   {spread(with_layout)}")
    print(f"  until the whole list is shown:                 {spread(complete)}")
    print(f"  methods matching after a change: median {statistics.median(shown):.0f}, from {min(shown)} to {max(shown)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--baseline", help="a commit whose filter to measure side by side, e.g. main")
    parser.add_argument("--rounds", type=int, default=5, help="with --baseline: turns each site gets")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="filter-benchmark-") as temp:
        data = synthetic_catalogue(options.methods, options.seed)
        sites = {"this tree": (copy_project(Path(temp) / "project"), Path(temp) / "site", free_port())}
        if options.baseline:
            baseline = baseline_project(options.baseline, Path(temp) / "baseline")
            sites[options.baseline] = (baseline, Path(temp) / "baseline-site", free_port())
        seconds = {name: build(project, for_schema(data, project), site, port) for name, (project, site, port) in sites.items()}
        site = sites["this tree"][1]
        list_page = (site / "metoder" / "index.html").read_text(encoding="utf-8")
        filter_data = re.search(r'<script type="application/json" id="mg-filter-data">(.*?)</script>', list_page, re.S).group(1)
        methods_json = (site / "methods.json").read_text(encoding="utf-8")
        list_texts = (site / "metoder" / "texts.json").read_text(encoding="utf-8")
        comparison_page = (site / "metoder" / "sammenlign" / "index.html").read_text(encoding="utf-8")

        timings: dict[str, list] = {name: [] for name in sites}
        with contextlib.ExitStack() as stack, sync_playwright() as playwright:
            urls = {name: stack.enter_context(serving(site_dir, port)) for name, (_, site_dir, port) in sites.items()}
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            rounds = options.rounds if options.baseline else 1
            for turn in range(rounds):
                for name in sites if turn % 2 == 0 else reversed(list(sites)):
                    timings[name] += measure(browser, urls[name], options.changes // rounds, options.seed + turn, bool(options.baseline))
            browser.close()

    print(f"Catalogue: {len(data['methods'])} methods, 3 languages; strict build " + ", ".join(f"{name} {s:.1f} s" for name, s in seconds.items()))
    print(f"Filter data (inline JSON on the method list): {sizes(filter_data)}")
    print(f"The method list page (target: at most 30 KB gzipped): {sizes(list_page)}")
    print(f"The list's texts, fetched when a reader first needs a method its HTML does not hold: {sizes(list_texts)}")
    print(f"For comparison (texts repeat, so these gzip better than real ones would: benchmarks/synthetic.py): "
          f"methods.json (the open data) {sizes(methods_json)}; the comparison page (every method) {sizes(comparison_page)}")
    for name, measured in timings.items():
        report(name, measured)
    if options.baseline:
        median = lambda name, index: statistics.median(timing[index] for timing in timings[name])
        for index, what in ((0, "handler"), (1, "handler + style and layout"), (2, "until the list is complete")):
            print(f"Ratio this tree / {options.baseline}, {what} (medians): {median('this tree', index) / median(options.baseline, index):.2f}")
    print(f"Load average while measuring (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
