"""Question-log throughput and event-loop lag, next to a raw sqlite3 baseline.

    python benchmarks/bench_log.py [--questions 20000] [--askers 200] [--runs 3]
                                   [--synchronous NORMAL|FULL|both] [--dir DIR]

``--askers`` concurrent tasks each await ``Store.log_question`` in a loop (each await returns
once its row is committed) until ``--questions`` rows are logged; how long each await takes
is reported too (what a reply waits for). Meanwhile a probe task
sleeps 1 ms at a time and records how late it wakes up: the event-loop lag. The baseline, in
the same run, is plain synchronous ``sqlite3`` on the same schema and pragmas: one commit per
row, and ``executemany`` in batches of ``--askers`` rows (a best case with no event loop).

Prints medians over ``--runs`` (a fresh database each run). Targets: >= 5,000 questions/s,
loop lag p99 <= 20 ms. Not a test: it prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.store import Store  # noqa: E402
from bot.store.schema import MIGRATIONS  # noqa: E402
from bot.store.store import _INSERT_QUESTION  # noqa: E402

TEXTS = [
    "c'est où la keynote de 14h ?",
    "who talked about linux kit",
    "quand commence le talk sur kubernetes",
    "is there wifi at the venue",
    "qui parle de docker swarm cet après-midi",
    "where can I find the slides",
]


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def lag_probe(samples: list[float], stop: asyncio.Event, interval: float = 0.001) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        start = loop.time()
        await asyncio.sleep(interval)
        samples.append(max(0.0, loop.time() - start - interval))


async def run_store(path: Path, questions: int, askers: int, synchronous: str) -> dict[str, float]:
    store = await Store.open(
        path, synchronous=synchronous, maintenance_interval=None, user_key_secret="bench"
    )
    counter = itertools.count()
    lags: list[float] = []
    waits: list[float] = []
    stop = asyncio.Event()
    probe = asyncio.create_task(lag_probe(lags, stop))
    await asyncio.sleep(0.05)

    async def asker(worker: int) -> None:
        while (n := next(counter)) < questions:
            asked = time.perf_counter()
            await store.log_question(
                text=TEXTS[n % len(TEXTS)],
                source="text",
                answered=n % 4 != 0,
                guild_id=1,
                channel_id=2,
                user_id=10_000 + worker,
                matched_kind="session",
                matched_id=f"session-{n % 40}",
                score=87.5,
                alternatives=("speaker:a", "session:b"),
                latency_ms=3.2,
                message_id=1_000_000 + n,
            )
            waits.append(time.perf_counter() - asked)

    started = time.perf_counter()
    await asyncio.gather(*(asker(i) for i in range(askers)))
    elapsed = time.perf_counter() - started
    stop.set()
    await probe
    await store.close()
    check = sqlite3.connect(path)
    (count,) = check.execute("SELECT COUNT(*) FROM questions").fetchone()
    check.close()
    assert count == questions, (count, questions)
    return {
        "qps": questions / elapsed,
        "lag_p50_ms": percentile(lags, 0.50) * 1000,
        "lag_p99_ms": percentile(lags, 0.99) * 1000,
        "lag_max_ms": max(lags, default=0.0) * 1000,
        "wait_p50_ms": percentile(waits, 0.50) * 1000,
        "wait_p99_ms": percentile(waits, 0.99) * 1000,
    }


def raw_rows(questions: int) -> list[tuple]:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    alternatives = json.dumps(["speaker:a", "session:b"])
    return [
        (
            now,
            1,
            2,
            "text",
            "0123456789abcdef0123456789abcdef",
            None,
            TEXTS[n % len(TEXTS)],
            "session",
            f"session-{n % 40}",
            87.5,
            int(n % 4 != 0),
            alternatives,
            3.2,
            1_000_000 + n,
        )
        for n in range(questions)
    ]


def run_raw(path: Path, questions: int, batch: int, synchronous: str) -> float:
    """Plain sqlite3, same schema and pragmas; ``batch`` rows per commit. Returns rows/s."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(MIGRATIONS[0])
    rows = raw_rows(questions)
    started = time.perf_counter()
    for first in range(0, questions, batch):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(_INSERT_QUESTION, rows[first : first + batch])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return questions / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--askers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synchronous", choices=("NORMAL", "FULL", "both"), default="both")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the databases")
    args = parser.parse_args(argv)
    modes = ("NORMAL", "FULL") if args.synchronous == "both" else (args.synchronous,)
    workdir = Path(tempfile.mkdtemp(prefix="bench_log_", dir=args.dir))
    print(
        f"bench_log: {args.questions} questions, {args.askers} concurrent askers, "
        f"{args.runs} run(s), SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, "
        f"databases in {workdir}"
    )
    try:
        for mode in modes:
            store_runs, per_row, batched = [], [], []
            for run in range(args.runs):
                store_runs.append(
                    asyncio.run(
                        run_store(
                            workdir / f"store-{mode}-{run}.db", args.questions, args.askers, mode
                        )
                    )
                )
                batched.append(
                    run_raw(workdir / f"raw-b-{mode}-{run}.db", args.questions, args.askers, mode)
                )
                per_row.append(
                    run_raw(workdir / f"raw-1-{mode}-{run}.db", min(args.questions, 5000), 1, mode)
                )

            def med(key: str, runs: list[dict[str, float]] = store_runs) -> float:
                return statistics.median(r[key] for r in runs)

            qps = med("qps")
            raw_batched = statistics.median(batched)
            raw_row = statistics.median(per_row)
            verdict_qps = "ok" if qps >= 5000 else "BELOW TARGET"
            verdict_lag = "ok" if med("lag_p99_ms") <= 20 else "ABOVE TARGET"
            print(f"\nsynchronous={mode} (medians of {args.runs})")
            print(f"  store.log_question       {qps:>10,.0f} q/s   target >= 5,000: {verdict_qps}")
            print(
                f"  event-loop lag           p50 {med('lag_p50_ms'):.2f} ms, "
                f"p99 {med('lag_p99_ms'):.2f} ms, max {med('lag_max_ms'):.2f} ms   "
                f"target p99 <= 20 ms: {verdict_lag}"
            )
            print(
                f"  log_question until committed  p50 {med('wait_p50_ms'):.2f} ms, "
                f"p99 {med('wait_p99_ms'):.2f} ms"
            )
            print(
                f"  raw sqlite3, batches of {args.askers:<4} {raw_batched:>9,.0f} q/s   "
                f"store/raw = {qps / raw_batched:.2f}"
            )
            print(
                f"  raw sqlite3, commit per row {raw_row:>8,.0f} q/s   "
                f"store/raw = {qps / raw_row:.2f}"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
