"""Benchmark: importing FOSDEM 2024's schedule.xml (674 events), and loading the result.

    python benchmarks/bench_import.py [--runs 20] [--file PATH]

Prints, for N runs each: the median and p99 of a bare defusedxml parse of the same file
(the baseline, measured in the same run), of the whole import (parse, checks, YAML,
validation of the folder with load_knowledge, atomic write), and of loading the resulting
knowledge folder; each with its ratio to the baseline; and the process's peak RSS.
The issue's budget: import <= 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import defusedxml.ElementTree as SafeET

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.importers import import_schedule  # noqa: E402
from bot.kb import load_knowledge  # noqa: E402

DEFAULT_FILE = ROOT / ".." / "shared" / "data" / "schedules" / "fosdem-2024.xml"
BUDGET_SECONDS = 1.0


def _peak_rss_mib() -> float:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1024 if sys.platform != "darwin" else peak / 2**20
    except ImportError:  # pragma: no cover - Windows
        import psutil

        return psutil.Process().memory_info().peak_wset / 2**20


def _measure(runs: int, action: Callable[[int], object]) -> list[float]:
    action(-1)  # warm-up: imports, caches
    times = []
    for run in range(runs):
        began = time.perf_counter()
        action(run)
        times.append(time.perf_counter() - began)
    return times


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args(argv)
    source = args.file.resolve()
    if not source.is_file():
        print(f"{source}: not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)

        def baseline(_: int) -> object:
            return SafeET.parse(source).getroot()

        def import_once(run: int) -> object:
            return import_schedule(source, work / f"run{run}")

        result = import_schedule(source, work / "loaded")
        sessions = len(result.data.sessions)

        def load_once(_: int) -> object:
            return load_knowledge(work / "loaded")

        rows = [
            ("baseline: defusedxml parse", _measure(args.runs, baseline)),
            ("import (parse .. validate .. write)", _measure(args.runs, import_once)),
            ("load_knowledge of the result", _measure(args.runs, load_once)),
        ]
    base = statistics.median(rows[0][1])
    print(f"{source.name}: {sessions} sessions, {args.runs} runs each")
    print(f"{'':38} {'median':>9} {'p99':>9} {'x baseline':>11}")
    for name, times in rows:
        median = statistics.median(times)
        print(
            f"{name:38} {median * 1000:7.1f}ms {_p99(times) * 1000:7.1f}ms {median / base:10.1f}x"
        )
    import_median = statistics.median(rows[1][1])
    verdict = "within" if import_median <= BUDGET_SECONDS else "OVER"
    print(f"import median {import_median:.3f} s: {verdict} the {BUDGET_SECONDS:.0f} s budget")
    print(f"peak RSS {_peak_rss_mib():.0f} MiB")
    return 0 if import_median <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
