"""Benchmark the editors' check, scripts/check-catalogue, as an editor runs it.

Times the whole command (the bash wrapper, scripts/setup-env on an installed machine, Python
start-up, reading and validating data/methods.yaml and data/glossary.yaml) on the real catalogue,
on synthetic catalogues of 100 and 300 methods (benchmarks/synthetic.py), the largest about
5 MB, on files of 1,500 and 80,000 broken entries (an id and a title each: 14 problems an
entry), and on the files of issue 11's audit: registers of 80,000 broken or same-id entries, 80,000
references or changes in one method, 400,000 unknown fields, 80,000 unknown references spread over
800 methods. Prints, per file, its size, the lines the check printed, the median and slowest wall
and CPU time of the runs, and the largest memory a run took.

Run: .venv/bin/python benchmarks/check_benchmark.py [--runs 10] [--sizes 100 300]

Wall time counts whatever else the machine runs; CPU time (user + system of the command and its
children) is disturbed less.
"""

from __future__ import annotations

import argparse
import os
import shutil
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


# Each run is started from a small process of its own, which measures it: a process forked from this one would
# count this one's memory as its own (Linux carries the largest resident set over exec).
MEASURED_RUN = """
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, file=sys.stderr)
sys.exit(status)
"""


def run_once(arguments: list[str]) -> tuple[float, float, int, int, float]:
    """Wall and CPU seconds of one run, its exit status, the lines it printed and its largest resident set (MB)."""
    result = subprocess.run([sys.executable, "-c", MEASURED_RUN, str(COMMAND), *arguments], capture_output=True)
    wall, cpu, peak_kb = result.stderr.split()[-3:]
    return float(wall), float(cpu), result.returncode, result.stdout.count(b"\n"), int(peak_kb) / 1024


def report(label: str, catalogue: Path, arguments: list[str], runs: int) -> None:
    walls, cpus, statuses, lines, peaks = zip(*(run_once(arguments) for _ in range(runs)))
    print(f"| {label} | {catalogue.stat().st_size / 1e6:.2f} MB | {statuses[-1]} | {lines[-1]:,} | {statistics.median(walls):.2f} s "
          f"| {max(walls):.2f} s | {statistics.median(cpus):.2f} s | {max(peaks):.0f} MB |")


def broken_entries(catalogue: Path, count: int) -> str:
    """The real catalogue's vocabulary with `count` broken methods: an id and a title that is no mapping each."""
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("\nmethods:\n") + len("\nmethods:\n")
    return text[:start] + "".join(f"  - id: method-{number}\n    title: Method {number}\n" for number in range(count))


def audit_files(real: str) -> dict[str, tuple[str, str]]:
    """Issue 11's audit: {label: (file name, text)}, each over a limit, or under them with 80,000 problems."""
    start = real.index("\nmethods:\n") + len("\nmethods:\n")
    change = '      - date: 2026-11-25\n        note: {"no": Endret., sv: Ändrad., se: Rievdaduvvon.}\n'
    same_id = "  - id: same\n    title: A title\n    publisher: A publisher\n    confirmed: Seen on the publisher's page.\n"
    return {
        "80,000 broken sources": ("sources.yaml", "sources:\n" + "".join(f"- id: s-{n}\n  title: [x]\n" for n in range(80_000))),
        "80,000 broken laws": ("laws.yaml", "laws:\n" + "".join(f"- id: l-{n}\n  title: [x]\n" for n in range(80_000))),
        "80,000 sources, one id": ("sources.yaml", "sources:\n" + same_id * 80_000),
        "80,000 references, one method": ("methods.yaml", real.replace(
            "      references: [holum-2012, bjerkan-2011]\n", f"      references: [{', '.join(f'nope-{n}' for n in range(80_000))}]\n", 1)),
        "80,000 changes, one method": ("methods.yaml", real.replace("    changes:\n", "    changes:\n" + change * 80_000, 1)),
        "400,000 unknown fields": ("methods.yaml", real + "".join(f"k{number}: 1\n" for number in range(400_000))),
        "80,000 references, 800 methods": ("methods.yaml", real[:start] + "".join(
            f"  - id: m-{method}\n    evidence:\n      references: [{', '.join(f'nope-{method}-{n}' for n in range(100))}]\n"
            for method in range(800))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300])
    arguments = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}; {arguments.runs} runs each")
    print(f"{os.cpu_count()} CPUs")
    print("| catalogue | size | exit status | lines printed | median wall | slowest wall | median CPU | peak memory |")
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
        audit = audit_files((ROOT / "data" / "methods.yaml").read_text(encoding="utf-8"))
        for number, (label, (name, text)) in enumerate(audit.items()):
            registers = Path(folder) / f"audit-{number}"
            registers.mkdir()
            for register in ("sources.yaml", "laws.yaml"):
                shutil.copy(ROOT / "data" / register, registers)
            (registers / name).write_text(text, encoding="utf-8")
            report(label, registers / name, ["--registers", str(registers), "--catalogue", str(registers / "methods.yaml")]
                   if name == "methods.yaml" else ["--registers", str(registers)], arguments.runs)


if __name__ == "__main__":
    main()
