"""``eval CASES.yaml [--min PERCENT]``: run regression cases against the knowledge base."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.answer.engine import Answerer
from bot.answer.evaluate import CasesError, Report, evaluate, read_cases, unknown_ids
from bot.cli.common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    add_knowledge_option,
    knowledge_dir,
    load_or_report,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score the bot on your own question -> expected answer cases",
        description="Run cases (a YAML list of {q: question, expect: kind:id | id | refuse}) "
        "and print the failures and the score.",
    )
    parser.add_argument("cases", type=Path, help="the cases file")
    parser.add_argument(
        "--min", type=float, default=None, metavar="PERCENT", help="exit 1 when the score is below"
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print the figures only, not the failures (for a held-out set you must not tune on)",
    )
    add_knowledge_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kb = load_or_report(knowledge_dir(args))
    if kb is None:
        return EXIT_INVALID
    try:
        cases = read_cases(args.cases)
    except (CasesError, OSError) as exc:
        print(exc)
        return EXIT_INVALID
    unknown = unknown_ids(kb, cases)
    if unknown:
        for case, want in unknown:
            print(f"{args.cases}:{case.line}: expected id {want!r} is not in the knowledge base")
        print("fix these expectations first (a typo, or an entry that was renamed)")
        return EXIT_INVALID
    report = evaluate(Answerer(kb), cases)
    print_report(report, failures=not args.summary)
    if args.min is not None and report.score < args.min:
        print(f"below the minimum of {args.min:g}%")
        return EXIT_FAILED
    return EXIT_OK


def print_report(report: Report, *, failures: bool = True) -> None:
    """The failures (unless ``failures`` is false), then right / refused / confidently wrong,
    overall and per type."""
    failed = report.failures
    if failed and failures:
        width = min(60, max(len(o.case.question) for o in failed))
        print(f"{'line':>5}  {'question':{width}}  {'verdict':8}  {'expected':28}  got")
        for outcome in failed:
            question = outcome.case.question[:width]
            got = f"{outcome.got} ({outcome.answer.score:.0f})"
            print(
                f"{outcome.case.line:>5}  {question:{width}}  {outcome.verdict:8}  "
                f"{outcome.case.label[:28]:28}  {got}"
            )
        print()
    right, asked = report.answered_right
    refused, off_topic = report.refused_right
    wrong, total = report.confidently_wrong
    missed, _ = report.wrongly_refused
    print(f"answered right: {right}/{asked}   refused right: {refused}/{off_topic}")
    print(
        f"right {len(report.outcomes) - len(failed)}/{total}   "
        f"refused (should have answered) {missed}/{asked}   "
        f"confidently wrong {wrong}/{total} ({100.0 * wrong / total if total else 0:.1f}%)"
    )
    types = report.by_type()
    if len(types) > 1 or "-" not in types:
        print(f"{'type':14} {'n':>4} {'right':>6} {'refused':>8} {'wrong':>6}")
        for name, row in types.items():
            print(
                f"{name:14} {row['n']:>4} {row['right']:>6} {row['refused']:>8} {row['wrong']:>6}"
            )
    print(f"score: {report.score:.1f}% ({len(report.outcomes) - len(failed)}/{total})")
