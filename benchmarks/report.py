"""The benchmark's table, its verdicts against the targets of issue 14, and its plot (benchmarks/build_benchmark.py)."""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass
from pathlib import Path

from timing import Build

MOST_PARALLEL_RATIO = 0.6  # parallel / one-process build at 1,000 methods, on 2 cores
MOST_EDITOR_LOOP_RATIO = 2  # editor loop at 1,000 methods / at 14
MOST_GROWTH_100_TO_1000 = 11
MOST_HOOK_OVERHEAD = 1.10
MOST_METHOD_PAGE_GZIPPED = 8 * 1024
MOST_PEAK_MEMORY = 300 * 1024 * 1024
CLOCK_NAMES = {"wall_seconds": "wall time", "cpu_seconds": "CPU time"}


@dataclass
class Size:
    raw: int
    gzipped: int


@dataclass
class Figures:
    methods: int
    one_process: Build  # mkdocs build
    parallel: Build  # scripts/build
    plain: Build  # the same pages as Markdown files, mkdocs build without the method-page hook
    pages: int
    site_bytes: int
    median_method_page: Size
    largest_method_page: Size
    filter_data: Size
    methods_json: Size
    method_list_page: Size

    def hook_overhead(self, clock: str) -> float:
        return getattr(self.one_process, clock) / getattr(self.plain, clock)

    def parallel_ratio(self) -> float:
        return self.parallel.wall_seconds / self.one_process.wall_seconds


def clock_for(figures: list[Figures]) -> str:
    """The time the one-process targets are judged on: wall time, or CPU time if other processes
    wanted the CPUs during the run (a one-process build runs on one core, so on an otherwise idle
    machine the two agree)."""
    busiest = max(build.load_average for f in figures for build in (f.one_process, f.plain))
    return "cpu_seconds" if busiest > (os.cpu_count() or 1) - 0.5 else "wall_seconds"


def kb(size: float) -> str:
    return f"{size / 1024:,.1f}"


def mb(size: float) -> str:
    return f"{size / 1024 / 1024:,.0f}"


def table(figures: list[Figures]) -> str:
    rows = [
        ("scripts/build (languages in parallel), wall s; CPU s", lambda f: f"{f.parallel.wall_seconds:.1f}; {f.parallel.cpu_seconds:.1f}"),
        ("mkdocs build (one process), wall s; CPU s", lambda f: f"{f.one_process.wall_seconds:.1f}; {f.one_process.cpu_seconds:.1f}"),
        ("Parallel / one-process, wall", lambda f: f"{f.parallel_ratio():.2f}"),
        ("Plain Markdown build (no hook), wall s; CPU s", lambda f: f"{f.plain.wall_seconds:.1f}; {f.plain.cpu_seconds:.1f}"),
        ("Hook / plain Markdown, wall; CPU", lambda f: f"{f.hook_overhead('wall_seconds'):.2f}; {f.hook_overhead('cpu_seconds'):.2f}"),
        ("Peak memory per process, MB: parallel; one process", lambda f: f"{mb(f.parallel.peak_memory)}; {mb(f.one_process.peak_memory)}"),
        ("HTML pages", lambda f: f"{f.pages:,}"),
        ("Site size, MB", lambda f: f"{f.site_bytes / 1024 / 1024:,.1f}"),
        ("Method page, median KB (gzipped)", lambda f: f"{kb(f.median_method_page.raw)} ({kb(f.median_method_page.gzipped)})"),
        ("Method page, largest KB (gzipped)", lambda f: f"{kb(f.largest_method_page.raw)} ({kb(f.largest_method_page.gzipped)})"),
        ("Filter data inline on the method list, KB (gzipped)", lambda f: f"{kb(f.filter_data.raw)} ({kb(f.filter_data.gzipped)})"),
        ("methods.json, KB (gzipped)", lambda f: f"{kb(f.methods_json.raw)} ({kb(f.methods_json.gzipped)})"),
        ("Method list page, KB (gzipped)", lambda f: f"{kb(f.method_list_page.raw)} ({kb(f.method_list_page.gzipped)})"),
        ("Load average when the builds started (parallel; one process)", lambda f: f"{f.parallel.load_average:.1f}; {f.one_process.load_average:.1f}"),
    ]
    lines = ["| Methods × 3 languages | " + " | ".join(f"{f.methods:,}" for f in figures) + " |", "|---|" + "---:|" * len(figures)]
    lines += [f"| {name} | " + " | ".join(cell(f) for f in figures) + " |" for name, cell in rows]
    return "\n".join(lines)


def verdicts(figures: list[Figures], loops: dict[int, list[float]], clock: str) -> list[str]:
    by_size = {f.methods: f for f in figures}
    checks = []
    if 1000 in by_size:
        ratio = by_size[1000].parallel_ratio()
        checks.append((f"parallel / one-process build at 1,000 methods at most {MOST_PARALLEL_RATIO} on 2 cores ({os.cpu_count()} here)",
                       f"{ratio:.2f}", ratio <= MOST_PARALLEL_RATIO))
    if len(loops) == 2:
        small, large = sorted(loops)
        ratio = statistics.median(loops[large]) / statistics.median(loops[small])
        checks.append((f"editor loop at {large:,} methods / at {small:,} at most {MOST_EDITOR_LOOP_RATIO}", f"{ratio:.2f} (medians)",
                       ratio <= MOST_EDITOR_LOOP_RATIO))
    if {100, 1000} <= by_size.keys():
        for name, build in (("scripts/build", "parallel"), ("mkdocs build", "one_process")):
            clock_used = "wall_seconds" if build == "parallel" else clock
            growth = getattr(getattr(by_size[1000], build), clock_used) / getattr(getattr(by_size[100], build), clock_used)
            checks.append((f"{name} time 1,000 / 100 at most {MOST_GROWTH_100_TO_1000} ({CLOCK_NAMES[clock_used]})", f"{growth:.1f}",
                           growth <= MOST_GROWTH_100_TO_1000))
    worst_overhead = max(f.hook_overhead(clock) for f in figures)
    checks.append((f"hook build / plain Markdown at most {MOST_HOOK_OVERHEAD:.2f} ({CLOCK_NAMES[clock]})", f"{worst_overhead:.2f} at worst",
                   worst_overhead <= MOST_HOOK_OVERHEAD))
    largest = max(f.largest_method_page.gzipped for f in figures)
    checks.append((f"method page at most {kb(MOST_METHOD_PAGE_GZIPPED)} KB gzipped", f"largest {kb(largest)} KB", largest <= MOST_METHOD_PAGE_GZIPPED))
    memory = max(max(f.parallel.peak_memory, f.one_process.peak_memory) for f in figures)
    checks.append((f"peak memory per build process under {mb(MOST_PEAK_MEMORY)} MB", f"{mb(memory)} MB", memory < MOST_PEAK_MEMORY))
    return [f"{'met' if met else 'NOT MET'}: {target}: {figure}" for target, figure, met in checks]


def plot(figures: list[Figures], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import FuncFormatter

    methods = [f.methods for f in figures]
    figure, (time_axis, size_axis) = pyplot.subplots(1, 2, figsize=(10, 4), layout="constrained")
    time_axis.plot(methods, [f.parallel.wall_seconds for f in figures], "o-", label="scripts/build (languages in parallel)")
    time_axis.plot(methods, [f.one_process.wall_seconds for f in figures], "^-", label="mkdocs build (one process)")
    time_axis.plot(methods, [f.plain.wall_seconds for f in figures], "s--", label="plain Markdown files, no hook")
    time_axis.set(xscale="log", yscale="log", xlabel="methods (× 3 languages)", ylabel="wall time, s", title=f"Build ({os.cpu_count()} cores)")
    for set_formatter in (time_axis.yaxis.set_major_formatter, time_axis.yaxis.set_minor_formatter):
        set_formatter(FuncFormatter(lambda value, _: f"{value:g}"))  # 60, not 6×10¹
    size_axis.plot(methods, [f.median_method_page.raw / 1024 for f in figures], "o-", label="median, raw")
    size_axis.plot(methods, [f.median_method_page.gzipped / 1024 for f in figures], "s-", label="median, gzipped")
    size_axis.plot(methods, [f.largest_method_page.gzipped / 1024 for f in figures], "^:", label="largest, gzipped")
    size_axis.axhline(MOST_METHOD_PAGE_GZIPPED / 1024, color="grey", linestyle=":", label="target: 8 KB gzipped")
    size_axis.set(xscale="log", ylim=(0, None), xlabel="methods (× 3 languages)", ylabel="KB", title="Method page HTML")
    for axis in (time_axis, size_axis):
        axis.set_xticks(methods, [f"{m:,}" for m in methods])
        axis.legend(fontsize="small")
        axis.grid(alpha=0.3)
    figure.savefig(path, dpi=100)
