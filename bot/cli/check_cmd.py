"""``check [DIR]``: validate a knowledge directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_knowledge_option,
    knowledge_dir,
    load_or_report,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate a knowledge directory",
        description="Validate a knowledge directory. Exit 0 when valid, 2 with file:line errors.",
    )
    parser.add_argument("directory", nargs="?", type=Path, help="default: the knowledge directory")
    add_knowledge_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    directory = args.directory or knowledge_dir(args)
    kb = load_or_report(directory)
    if kb is None:
        return EXIT_INVALID
    counts = ", ".join(
        f"{len(items)} {name}"
        for name, items in (
            ("sessions", kb.sessions),
            ("speakers", kb.speakers),
            ("companies", kb.companies),
            ("tools", kb.tools),
            ("FAQ entries", kb.faqs),
        )
    )
    print(f"{directory}: valid - {kb.event.name}: {counts}.")
    return EXIT_OK
