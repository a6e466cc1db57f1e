"""Benchmark the build, the preview and the weight of the pages with synthetic catalogues.

For each size (10, 100 and 1,000 methods, three languages each; benchmarks/synthetic.py makes the
catalogues), in temporary copies of the project, measured side by side in one run:

- scripts/build, the three languages in parallel processes, and plain `mkdocs build`, every
  language one after another in one process (the builds take turns, --repeat times; the fastest
  counts): wall time, CPU time, peak memory per process; then the pages of the site: number, total
  size, the median and largest method page (raw and gzipped), the filter's data, methods.json and
  the method list;
- the same pages written out as plain Markdown files under docs/<lang>/metoder/ (the page data as
  front matter, the hook's own HTML as the body), built by `mkdocs build` without the method-page
  hook: the hook's overhead is the ratio of the two one-process builds.

Then the editor loop at 14 and at 1,000 methods (benchmarks/editor_loop.py): scripts/serve, the
first method's page open in Chromium, three edits to its lead, the seconds until the page shows each.

Prints the machine's core count and the figures as ratios against the targets of issue 14, and
writes benchmarks/results/results.json, results.md (the README's table) and build-scaling.png.

Run: .venv/bin/pip install -r benchmarks/requirements.txt   (once: matplotlib, for the plot)
     .venv/bin/python benchmarks/build_benchmark.py [--sizes 10 100 1000] [--repeat 2] [--loop-sizes 14 1000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import render  # noqa: E402
from catalogue import LANGUAGES, Catalogue, load_catalogue  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, REPO_URL, copy_project, free_port, language_root  # noqa: E402
from editor_loop import editor_loop  # noqa: E402
from report import CLOCK_NAMES, Figures, Size, clock_for, mb, plot, table, verdicts  # noqa: E402
from synthetic import synthetic_catalogue  # noqa: E402
from timing import best_builds, one_process_command, parallel_command  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
METHOD_HOOK = "hooks/method_pages.py"
PLAIN_FOLDER = "markdown-metoder"  # the plain build's method pages, <language root>/markdown-metoder/<id>/
FILTER_DATA = re.compile(r'<script type="application/json" id="mg-filter-data">(.*?)</script>', re.S)


def build_environment(site_url: str) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "REPO_URL": REPO_URL}


def size_of(data: bytes) -> Size:
    return Size(len(data), len(gzip.compress(data, compresslevel=9)))


def write_catalogue(project: Path, data: dict) -> Path:
    path = project / "data" / "methods.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plain_page(catalogue: Catalogue, method: dict, lang: str) -> str:
    """A method page as a Markdown file: its page data as front matter, its content (the hook's
    own rendering) as the body, which Python-Markdown passes through as raw HTML."""
    front_matter = yaml.safe_dump(render.method_meta(catalogue, method, lang), allow_unicode=True, sort_keys=False)
    return f"---\n{front_matter}---\n\n{render.method_html(catalogue, method, lang)}"


def make_plain_project(project: Path, catalogue: Catalogue) -> None:
    """The method pages as Markdown files in docs/, and mkdocs.yml without the hook that generates
    them. The files are kept out of the navigation, as the hook keeps its pages. They go into a
    folder of their own (PLAIN_FOLDER): the catalogue, which the hand-written pages still read,
    rejects method ids that are pages beside the method list."""
    for lang in LANGUAGES:
        folder = project / "docs" / lang / PLAIN_FOLDER
        folder.mkdir()
        for method in catalogue.methods:
            (folder / f"{method['id']}.md").write_text(plain_page(catalogue, method, lang), encoding="utf-8")
    config_file = project / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    hook_line = f"  - {METHOD_HOOK}\n"
    if hook_line not in config:
        sys.exit(f"mkdocs.yml no longer lists {METHOD_HOOK} under hooks: the plain build would not differ")
    not_in_nav = f"not_in_nav: |\n  /*/{PLAIN_FOLDER}/*.md\n"
    config_file.write_text(config.replace(hook_line, "") + not_in_nav, encoding="utf-8")


def method_pages(site: Path, catalogue) -> list[Path]:
    """The built pages of the catalogue's methods (the method folder also holds the comparison page)."""
    pages = (site / language_root(lang) / render.METHODS_FOLDER / method["id"] / "index.html" for lang in LANGUAGES for method in catalogue.methods)
    return sorted(page for page in pages if page.is_file())


def measure(size: int, seed: int, repeat: int, temp: Path) -> Figures:
    data = synthetic_catalogue(size, seed)
    project = copy_project(temp / f"hook-{size}")
    catalogue = load_catalogue(write_catalogue(project, data))  # the synthetic catalogue is valid
    plain_project = copy_project(temp / f"plain-{size}")
    write_catalogue(plain_project, data)
    make_plain_project(plain_project, catalogue)
    site, one_process_site = temp / f"hook-{size}-site", temp / f"one-process-{size}-site"
    builds = best_builds(
        {"parallel": parallel_command(site), "one_process": one_process_command(one_process_site), "plain": one_process_command(temp / f"plain-{size}-site")},
        {"parallel": project, "one_process": project, "plain": plain_project},
        build_environment(f"http://127.0.0.1:{free_port()}/"), repeat,
    )
    pages = method_pages(site, catalogue)
    if len(pages) != len(catalogue.methods) * len(LANGUAGES):
        sys.exit(f"{len(pages)} method pages built for {len(catalogue.methods)} methods in {len(LANGUAGES)} languages")
    page_sizes = sorted((size_of(page.read_bytes()) for page in pages), key=lambda size: size.gzipped)
    list_page = (site / render.METHODS_FOLDER / "index.html").read_bytes()
    files = [path for path in site.rglob("*") if path.is_file()]
    return Figures(
        methods=len(catalogue.methods), **builds,
        pages=sum(1 for path in files if path.suffix == ".html"),
        site_bytes=sum(path.stat().st_size for path in files),
        median_method_page=Size(statistics.median(size.raw for size in page_sizes), statistics.median(size.gzipped for size in page_sizes)),
        largest_method_page=page_sizes[-1],
        filter_data=size_of(FILTER_DATA.search(list_page.decode("utf-8")).group(1).encode("utf-8")),
        methods_json=size_of((site / "methods.json").read_bytes()),
        method_list_page=size_of(list_page),
    )


def editor_loops(sizes: list[int], seed: int, temp: Path) -> tuple[dict[int, list[float]], float]:
    """{methods: seconds of each edit} for scripts/serve on each size; the load average at the start."""
    load_average, loops = os.getloadavg()[0], {}
    for size in sizes:
        project = copy_project(temp / f"serve-{size}")
        catalogue = load_catalogue(write_catalogue(project, synthetic_catalogue(size, seed)))
        port = free_port()
        loops[size] = editor_loop(project, catalogue.methods[0], port, build_environment(f"http://127.0.0.1:{port}/"),
                                  CHROMIUM, CHROMIUM_ARGS, temp / f"serve-{size}.log")
        print(f"{size:>5} methods: an edit shows in Chromium after {', '.join(f'{s:.2f}' for s in loops[size])} s", flush=True)
    return loops, load_average


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each build per size; the fastest counts")
    parser.add_argument("--loop-sizes", type=int, nargs="*", default=[14, 1000], help="catalogue sizes for the editor loop (none: skip it)")
    parser.add_argument("--seed", type=int, default=4)
    options = parser.parse_args()

    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    figures = []
    with tempfile.TemporaryDirectory(prefix="build-benchmark-") as temp:
        for size in options.sizes:
            figures.append(done := measure(size, options.seed, options.repeat, Path(temp)))
            print(f"{done.methods:>5} methods: scripts/build {done.parallel.wall_seconds:.1f} s wall ({mb(done.parallel.peak_memory)} MB per process), "
                  f"mkdocs build {done.one_process.wall_seconds:.1f} s ({mb(done.one_process.peak_memory)} MB): {done.parallel_ratio():.2f}; "
                  f"plain Markdown {done.plain.wall_seconds:.1f} s; load average {done.parallel.load_average:.1f}", flush=True)
            # The plain build has its method pages elsewhere (PLAIN_FOLDER): hand-written links to them are expected not to resolve.
            moved = [warning for warning in done.plain.warnings if f"contains a link '{render.METHODS_FOLDER}/" in warning]
            warnings = sorted(set(done.one_process.warnings) | set(done.parallel.warnings) | set(done.plain.warnings) - set(moved))
            if warnings or moved:
                print("\n".join(f"        {warning}" for warning in warnings)
                      + f"\n        (and {len(moved)} links of hand-written pages to method pages in the plain build, which has them in {PLAIN_FOLDER}/)")
        loops, loop_load_average = editor_loops(options.loop_sizes, options.seed, Path(temp))

    clock = clock_for(figures)
    loop_lines = "".join(
        f"Editor loop at {size:,} methods (scripts/serve, the method's page open in Chromium): an edit to its lead shows after "
        f"{', '.join(f'{s:.2f}' for s in seconds)} s (median {statistics.median(seconds):.2f}).\n" for size, seconds in loops.items()
    )
    if loops:
        loop_lines += f"Load average when the editor loops started: {loop_load_average:.1f}.\n"
    judged = f"{os.cpu_count()} cores. One-process targets judged on {CLOCK_NAMES[clock]}" + (
        " (other processes were running: wall time counts them)" if clock == "cpu_seconds" else "") + "; the parallel build on wall time.\n"
    report = f"{table(figures)}\n\n{loop_lines}{judged}\n" + "".join(f"- {check}\n" for check in verdicts(figures, loops, clock))
    print(f"\n{report}")

    RESULTS.mkdir(exist_ok=True)
    results = {"cores": os.cpu_count(), "judged_on": clock, "figures": [asdict(f) for f in figures],
               "editor_loop_seconds": {str(size): seconds for size, seconds in loops.items()}, "editor_loop_load_average": loop_load_average}
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "results.md").write_text(report, encoding="utf-8")
    plot(figures, RESULTS / "build-scaling.png")
    print(f"\nWrote {RESULTS.relative_to(ROOT)}/results.json, results.md and build-scaling.png")


if __name__ == "__main__":
    main()
