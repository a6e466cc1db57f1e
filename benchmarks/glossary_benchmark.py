"""What marking glossary terms costs a build: the same 1,000-method catalogue (benchmarks/synthetic.py)
built with hooks/render/glossary_terms.py as it is and with its mark_terms switched off (in a copy
of the project), two builds each, in turns, so that whatever else the machine does falls on both.
Prints the CPU seconds (user + system) and wall seconds of each build and the ratio of the CPU times.

Run: .venv/bin/python benchmarks/glossary_benchmark.py [--methods 1000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from conftest import copy_project  # noqa: E402
from synthetic import synthetic_catalogue  # noqa: E402

MARK_TERMS = '    """The page\'s HTML with the first occurrence'


def project_with(folder: Path, catalogue_text: str, marking: bool) -> Path:
    project = copy_project(folder)
    (project / "data" / "methods.yaml").write_text(catalogue_text, encoding="utf-8")
    if not marking:
        module = project / "hooks" / "render" / "glossary_terms.py"
        source = module.read_text(encoding="utf-8")
        assert MARK_TERMS in source, "mark_terms has changed: update this benchmark"
        module.write_text(source.replace(MARK_TERMS, "    return page\n" + MARK_TERMS, 1), encoding="utf-8")
    return project


def timed_build(project: Path, site: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one strict build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"the build in {project} failed:\n{result.stdout}\n{result.stderr}")
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    catalogue_text = yaml.safe_dump(synthetic_catalogue(options.methods, 4), allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory(prefix="glossary-benchmark-") as temp:
        projects = {name: project_with(Path(temp) / name, catalogue_text, name == "marked") for name in ("marked", "unmarked")}
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in projects}
        for turn in range(options.rounds):
            for name in projects if turn % 2 == 0 else reversed(list(projects)):
                runs[name].append(timed_build(projects[name], Path(temp) / f"site-{name}-{turn}"))
    for name, measured in runs.items():
        print(f"{name}: " + ", ".join(f"CPU {cpu:.1f} s (wall {wall:.1f} s)" for cpu, wall in measured))
    cpu = {name: sum(cpu for cpu, _ in measured) for name, measured in runs.items()}
    print(f"{options.methods} methods x 3 languages: marked / unmarked, CPU time: {cpu['marked'] / cpu['unmarked']:.3f}")
    print(f"Load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
