"""Benchmark the Märkning filter on the method list with a synthetic catalogue of 1,000 methods.

Writes the catalogue into a temporary copy of the project (the real catalogue's interface text,
evidence scale and vocabulary; the real methods, then synthetic ones made from them, each with
random labels from the real vocabulary, so text lengths are real: benchmarks/synthetic.py), builds it with the real strict
build, serves it on 127.0.0.1 and measures in Debian's headless Chromium, on /metoder/:

- the time from a checkbox change to the updated list and counts: performance.now() inside the
  page before checkbox.click() and after it returns. click() fires the change event and the
  filter's handler synchronously, so that span is the whole handler (filtering, counting, every
  DOM change). The main figure adds the style and layout the browser must do before it can paint
  the change, forced right away by reading document.body.offsetHeight: the frame that shows the
  new counts and the list updated from the top. The filter settles the rest of a long list over
  the next frames (docs/assets/filter.js), so a third figure is the time until the whole list is
  right (aria-busy gone); the URL is written after the first frame is painted.
- the size of the filter's data (the JSON inline in the page), raw and gzipped.

Run: .venv/bin/python benchmarks/filter_benchmark.py [--methods 1000] [--changes 50]
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
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
async ([changes, seed]) => {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const boxes = Array.from(document.querySelectorAll('form.mg-filter input[type="checkbox"]'));
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
    const shown = list.querySelectorAll("[data-method-id]:not([hidden])").length;
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=4)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="filter-benchmark-") as temp:
        project = copy_project(Path(temp) / "project")
        data = synthetic_catalogue(options.methods, options.seed)
        catalogue_text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (project / "data" / "methods.yaml").write_text(catalogue_text, encoding="utf-8")
        port = free_port()
        started = time.perf_counter()
        result = run_mkdocs_build(project, Path(temp) / "site", f"http://127.0.0.1:{port}/")
        build_seconds = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"the build failed:\n{result.stderr}")
        site = Path(temp) / "site"
        methods_json = (site / "methods.json").read_text(encoding="utf-8")
        list_page = (site / "metoder" / "index.html").read_text(encoding="utf-8")

        with serving(site, port) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}metoder/")
            page.wait_for_selector("form.mg-filter:not([hidden])")
            filter_data = page.locator("#mg-filter-data").text_content()
            timings = page.evaluate(MEASURE_CHANGES, [WARM_UP_CHANGES + options.changes, options.seed])[WARM_UP_CHANGES:]
            browser.close()

    handler, with_layout, complete, shown = ([timing[index] for timing in timings] for index in range(4))

    def spread(values: list[float]) -> str:
        return f"median {statistics.median(values):.2f} ms, p95 {percentile(values, .95):.2f} ms"

    print(f"Catalogue: {len(data['methods'])} methods, 3 languages; strict build {build_seconds:.1f} s")
    print(f"Filter data (inline JSON on the method list): {sizes(filter_data)}")
    print(f"For comparison (texts repeat, so these gzip better than real ones would: benchmarks/synthetic.py): "
          f"methods.json (open data, not read by the filter) {sizes(methods_json)}; "
          f"the whole method list page {sizes(list_page)}")
    print(f"Chromium, {len(timings)} checkbox changes on /metoder/ at 1280 px, after {WARM_UP_CHANGES} warm-up changes:")
    print(f"  change -> counts and list updated (handler):  {spread(handler)}")
    print(f"  the same + style and layout (forced reflow):   {spread(with_layout)}")
    print(f"  until the whole list is shown:                 {spread(complete)}")
    print(f"  methods shown after a change: median {statistics.median(shown):.0f}, from {min(shown)} to {max(shown)}")
    print(f"Load average while measuring (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
