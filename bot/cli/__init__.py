"""The command line: ``python -m bot [COMMAND] ...``.

Each command lives in its own module under ``bot/cli/`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable taking the
parsed arguments and returning the exit code. ``COMMANDS`` lists them in help order.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bot.cli.common import add_knowledge_option

COMMANDS: tuple[str, ...] = (
    "run",
    "chat",
    "ask",
    "kb",
    "check",
    "eval",
    "questions",
    "import",
    "export",
    "health",
    "backup",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=(
            "Event bot. With no command: runs the Discord bot when DISCORD_TOKEN is set, "
            "otherwise opens a local console on the knowledge base."
        ),
    )
    add_knowledge_option(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"bot.cli.{name}_cmd")
        module.register(subparsers)
    return parser


def with_command(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``run`` inserted where no command is named: ``python -m bot``,
    ``python -m bot --now ISO`` and ``python -m bot --knowledge DIR`` run the bot (or the
    console); ``--knowledge DIR`` may come before any command."""
    argv = list(argv)
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--knowledge":
            index += 2
        elif token.startswith("--knowledge="):
            index += 1
        elif token in ("-h", "--help") or not token.startswith("-"):
            return argv  # help, a command, or a typo argparse reports with the choices
        else:
            break
    return [*argv[:index], "run", *argv[index:]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(with_command(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
