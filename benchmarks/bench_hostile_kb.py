"""Benchmark: checking hostile 1 MB knowledge files, in bounded time and memory.

    python benchmarks/bench_hostile_kb.py [--runs 5] [--size 1000000]

Each case is a knowledge folder whose one file is about ``--size`` bytes of hostile YAML
(an alias bomb, a merge-key bomb, a million tiny values, tagged values, deep nesting, a huge
number, a huge string, a file that is nothing but errors, a long list of distinct values);
the baseline is a realistic folder of the same size (benchmarks/synthetic_kb.py), measured
in the same run. Each case runs ``load_knowledge`` in a fresh process, ``--runs`` times:
printed are the median and p99 time, the ratio to the baseline's median, and the process's
peak RSS. Targets (issue 13): every file checked in at most 2 s and 200 MB.

Then the event loop's lag while ``/kb reload`` loads the bomb and the baseline through
bot.kb.isolated (a child process): the largest delay of a 1 ms ticker, and the reload's time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_kb import write_synthetic_kb  # noqa: E402
from bot.kb.isolated import load_isolated  # noqa: E402

TIME_BUDGET = 2.0
MEMORY_BUDGET_MIB = 200.0
EVENT = 'event:\n  id: x\n  name: X\n  timezone: UTC\n  date: "2030-01-01"\n'
SESSION = "sessions:\n  - id: s\n    title: T\n"


def _bomb(size: int) -> str:
    lines = [SESSION.rstrip("\n"), "    aliases: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, 12):
        lines.append(f"    x{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines.append("    duration: *a11")
    return "\n".join(lines) + "\n"


def _merge(size: int) -> str:
    text = "x0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n"
    for level in range(1, 12):
        text += f"x{level}: &m{level} {{<<: [" + ", ".join([f"*m{level - 1}"] * 9) + "]}\n"
    return text


def _fill(prefix: str, item: str, suffix: str, size: int, sep: str = ", ") -> str:
    count = max(1, (size - len(prefix) - len(suffix)) // (len(item) + len(sep)))
    return prefix + sep.join([item] * count) + suffix


CASES: dict[str, Callable[[int], str]] = {
    "alias bomb (9^12 values)": _bomb,
    "merge-key bomb": _merge,
    "a million tiny values": lambda n: _fill(SESSION + "    tags: [", "a", "]\n", n),
    "tagged tiny values": lambda n: _fill(SESSION + "    tags: [", "!!str a", "]\n", n),
    "nested 500,000 deep": lambda n: "a: " + "[" * (n // 2) + "]" * (n // 2) + "\n",
    "a 1 MB number": lambda n: SESSION + "    duration: " + "9" * n + "\n",
    "a 1 MB string": lambda n: SESSION + "    duration: '" + "x" * n + "'\n",
    "nothing but errors": lambda n: "sessions:\n" + "  - {id: '!'}\n" * (n // 14),
    "95,000 distinct tags": lambda n: (
        SESSION + "    tags: [" + ", ".join(f"t{i}" for i in range(95_000)) + "]\n"
    ),
}

CHILD = """
import json, resource, sys, time
from bot.kb import KnowledgeError, load_knowledge
times = []
for _ in range({runs}):
    began = time.perf_counter()
    try:
        load_knowledge(sys.argv[1])
        outcome = "loaded"
    except KnowledgeError as error:
        outcome = str(error.problems[0])[-90:]
    times.append(time.perf_counter() - began)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"times": times, "peak": peak, "outcome": outcome}}))
"""


def _run_case(folder: Path, runs: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(runs=runs), str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return {"times": [float("nan")], "peak": float("nan"), "outcome": done.stderr[-200:]}
    return json.loads(done.stdout)


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def _lag_during(folder: Path) -> tuple[float, float]:
    """(largest ticker delay, reload time) in ms while load_isolated loads ``folder``."""
    worst = 0.0
    stop = False

    async def ticker() -> None:
        nonlocal worst
        while not stop:
            began = time.perf_counter()
            await asyncio.sleep(0.001)
            worst = max(worst, (time.perf_counter() - began) * 1000 - 1)

    task = asyncio.create_task(ticker())
    began = time.perf_counter()
    await load_isolated(folder)
    took = (time.perf_counter() - began) * 1000
    stop = True
    await task
    return worst, took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes per hostile file")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        work = Path(tmp)
        baseline = work / "baseline"
        entries = 200
        while True:  # a realistic folder of about --size bytes
            write_synthetic_kb(baseline, entries=entries)
            size = sum(p.stat().st_size for p in baseline.iterdir())
            if size >= args.size or entries > 100_000:
                break
            entries = int(entries * args.size / max(size, 1)) + 1
        folders = {f"baseline: realistic ({entries} entries)": baseline}
        for name, make in CASES.items():
            folder = work / f"case{len(folders)}"
            folder.mkdir()
            (folder / "event.yaml").write_text(EVENT, encoding="utf-8")
            (folder / "hostile.yaml").write_text(make(args.size), encoding="utf-8")
            folders[name] = folder
        results = {name: _run_case(folder, args.runs) for name, folder in folders.items()}
        base = statistics.median(next(iter(results.values()))["times"])
        print(f"{args.runs} runs per case, each case in a fresh process")
        print(f"{'':36} {'bytes':>9} {'median':>9} {'p99':>9} {'x base':>7} {'peak RSS':>9}")
        for name, result in results.items():
            folder = folders[name]
            size = sum(p.stat().st_size for p in folder.iterdir())
            median = statistics.median(result["times"])
            within = median <= TIME_BUDGET and result["peak"] <= MEMORY_BUDGET_MIB
            ok = ok and within
            print(
                f"{name:36} {size:9,} {median * 1000:7.0f}ms {_p99(result['times']) * 1000:7.0f}ms"
                f" {median / base:6.1f}x {result['peak']:6.0f} MiB {'' if within else 'OVER'}"
            )
            print(f"{'':38}-> {result['outcome']}")
        print()
        for name in (next(iter(folders)), "alias bomb (9^12 values)"):
            worst, took = asyncio.run(_lag_during(folders[name]))
            print(
                f"/kb reload of {name}: {took:.0f} ms in a child process; "
                f"event-loop lag max {worst:.1f} ms"
            )
    print(
        f"\nevery case within {TIME_BUDGET:g} s and {MEMORY_BUDGET_MIB:g} MiB: "
        f"{'yes' if ok else 'NO'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
