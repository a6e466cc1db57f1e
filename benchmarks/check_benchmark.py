"""Benchmark the editors' check, scripts/check-catalogue, as an editor runs it.

Times the whole command (the bash wrapper, scripts/setup-env on an installed machine, Python
start-up, reading and validating data/methods.yaml and data/glossary.yaml) on the real catalogue,
on synthetic catalogues of 100 and 300 methods (benchmarks/synthetic.py), the largest about
5 MB, and on files of 1,500 and 80,000 broken entries (an id and a title each: 14 problems an
entry). Prints, per catalogue, its size, the lines the check printed, the median and slowest wall
and CPU time of the runs, and the largest memory any check has taken so far.

Run: .venv/bin/python benchmarks/check_benchmark.py [--runs 10] [--sizes 100 300]

Wall time counts whatever else the machine runs; CPU time (user + system of the command and its
children) is disturbed less.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "benchmarks")]

from synthetic import synthetic_catalogue  # noqa: E402

COMMAND = ROOT / "scripts" / "check-catalogue"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(arguments: list[str], runs: int) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU seconds of each run, the exit status of the last, and how many lines it printed."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu_before, wall_before = children_cpu(), time.perf_counter()
        result = subprocess.run([str(COMMAND), *arguments], capture_output=True, text=True)
        walls.append(time.perf_counter() - wall_before)
        cpus.append(children_cpu() - cpu_before)
    return walls, cpus, result.returncode, result.stdout.count("\n")


def report(label: str, catalogue: Path, arguments: list[str], runs: int) -> None:
    walls, cpus, status, lines = time_command(arguments, runs)
    # The largest resident set of any child so far: the check of the largest file, as they run smallest first.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"| {label} | {catalogue.stat().st_size / 1e6:.2f} MB | {status} | {lines:,} | {statistics.median(walls):.2f} s | {max(walls):.2f} s "
          f"| {statistics.median(cpus):.2f} s | {peak_mb:.0f} MB |")


def broken_entries(catalogue: Path, count: int) -> str:
    """The real catalogue's vocabulary with `count` broken methods: an id and a title that is no mapping each."""
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("\nmethods:\n") + len("\nmethods:\n")
    return text[:start] + "".join(f"  - id: method-{number}\n    title: Method {number}\n" for number in range(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300])
    arguments = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}; {arguments.runs} runs each")
    print(f"{os.cpu_count()} CPUs")
    print("| catalogue | size | exit status | lines printed | median wall | slowest wall | median CPU | peak memory so far |")
    print("|---|---|---|---|---|---|---|---|")
    report("data/methods.yaml (real)", ROOT / "data" / "methods.yaml", [], arguments.runs)
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            path = Path(folder) / f"methods-{size}.yaml"
            path.write_text(yaml.dump(synthetic_catalogue(size, seed=size), Dumper=yaml.CSafeDumper, allow_unicode=True,
                                      sort_keys=False, width=100), encoding="utf-8")
            report(f"synthetic, {size} methods", path, ["--catalogue", str(path)], arguments.runs)
        for count in (1_500, 80_000):  # under and over the size limit (2,000 methods): bounded either way
            path = Path(folder) / f"broken-{count}.yaml"
            path.write_text(broken_entries(ROOT / "data" / "methods.yaml", count), encoding="utf-8")
            report(f"{count:,} broken entries", path, ["--catalogue", str(path)], arguments.runs)


if __name__ == "__main__":
    main()
