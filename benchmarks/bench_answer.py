"""Answer latency on the shipped event and on a generated 2,000-entry knowledge base.

Prints, for each knowledge base: load time, per-question latency (p50, p99) of the full
engine, and of a bare ``rapidfuzz.process.extractOne`` over the same entries' titles
measured in the same run, with their ratio; then the process's peak RSS.

Targets (2-core machine): p99 <= 5 ms at 2,000 entries and <= 3x the bare baseline;
loading 2,000 entries <= 0.3 s; peak RSS <= 100 MB.

    python benchmarks/bench_answer.py [--entries 2000] [--questions 2000]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import process

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic_kb import sample_questions, write_synthetic_kb
from bot.answer.engine import Answerer
from bot.kb import load_knowledge, title_of
from bot.kb.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed_ms(function, items: list[str]) -> list[float]:
    out = []
    for item in items:
        begin = time.perf_counter()
        function(item)
        out.append((time.perf_counter() - begin) * 1000)
    return out


def bench(name: str, directory: Path, questions: int, repeats: int = 5) -> None:
    loads, indexes = [], []
    kb: KnowledgeBase | None = None
    for _ in range(repeats):
        begin = time.perf_counter()
        kb = load_knowledge(directory)
        loaded = time.perf_counter()
        Answerer(kb)
        loads.append(loaded - begin)
        indexes.append(time.perf_counter() - loaded)
    assert kb is not None
    titles = [title_of(entry) for _, entry in kb.entries()]
    asked = sample_questions(titles, questions)
    # Fresh engine: the per-word cache starts empty, as after a reload.
    answerer = Answerer(kb)
    engine = timed_ms(answerer.ask, asked)
    baseline = timed_ms(lambda q: process.extractOne(q, titles), asked)
    e50, e99 = statistics.median(engine), percentile(engine, 0.99)
    b50, b99 = statistics.median(baseline), percentile(baseline, 0.99)
    print(f"\n== {name}: {len(kb)} entries, {len(asked)} questions")
    load_ms = statistics.median(loads) * 1000
    print(f"load+validate  median {load_ms:8.1f} ms   (target <= 300 ms at 2,000)")
    print(f"build index    median {statistics.median(indexes) * 1000:8.1f} ms")
    print(f"engine         p50 {e50:7.3f} ms   p99 {e99:7.3f} ms   (target p99 <= 5 ms)")
    print(f"bare extractOne p50 {b50:7.3f} ms   p99 {b99:7.3f} ms")
    print(f"ratio engine/bare: p50 {e50 / b50:5.2f}x   p99 {e99 / b99:5.2f}x   (target <= 3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    bench("shipped event (knowledge/)", ROOT / "knowledge", args.questions)
    with tempfile.TemporaryDirectory() as tmp:
        directory = write_synthetic_kb(Path(tmp), entries=args.entries)
        bench("generated knowledge base", directory, args.questions)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:.0f} MB   (target <= 100 MB)")


if __name__ == "__main__":
    main()
