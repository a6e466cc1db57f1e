"""One timed build in its own process: wall time, CPU time and peak memory (benchmarks/build_benchmark.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    wall_seconds: float
    cpu_seconds: float  # user + system, the build's processes together
    peak_memory: int  # bytes: the largest resident set of any one of the build's processes
    load_average: float  # of the last minute, when the build started
    warnings: list[str]


def one_process_command(site_dir: Path) -> list[str]:
    """Plain `mkdocs build`: every language one after another in one process."""
    return [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site_dir)]


def parallel_command(site_dir: Path) -> list[str]:
    """scripts/build: one process per language, assembled (sitebuild/)."""
    return [str(ROOT / "scripts" / "build"), "--no-strict", "-f", "mkdocs.yml", "-d", str(site_dir)]


# The build is started by a small launcher that reports its children's usage: Linux carries a
# process's memory high-water mark across fork and exec, so a build started straight from this
# process (which holds 1,000-method catalogues) would report this process's peak as its own.
_LAUNCHER = """
import json, os, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
os.write(int(sys.argv[1]), json.dumps([code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024]).encode())
"""


def timed_build(command: list[str], project: Path, env: dict) -> Build:
    """Run a build; its figures. Not --strict: a catalogue smaller than the real one lacks methods
    that hand-written pages link to; the warnings are returned and printed instead.

    CPU time is the build's processes' together; peak memory the largest of them (Linux's
    RUSAGE_CHILDREN), so for scripts/build the largest language process."""
    load_average = os.getloadavg()[0]
    report, report_end = os.pipe()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(report_end), *command], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, pass_fds=[report_end])
    os.close(report_end)
    stderr = process.stderr.read()
    process.wait()
    wall = time.perf_counter() - started
    with os.fdopen(report, "rb") as reported:
        code, cpu_seconds, peak_memory = json.loads(reported.read() or b"[1, 0, 0]")
    if code != 0:
        sys.exit(f"{' '.join(command)} failed in {project}:\n{stderr}")
    warnings = [line for line in stderr.splitlines() if line.startswith("WARNING")]
    return Build(wall, cpu_seconds, peak_memory, load_average, warnings)


def best_builds(commands: dict[str, list[str]], projects: dict[str, Path], env: dict, repeat: int) -> dict[str, Build]:
    """The fastest of `repeat` runs of each build, the builds taking turns so that each meets the
    same moments of whatever else the machine is doing."""
    runs: dict[str, list[Build]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(timed_build(command, projects[name], env))
    return {name: min(builds, key=lambda build: build.wall_seconds) for name, builds in runs.items()}
