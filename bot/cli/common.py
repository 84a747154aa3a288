"""Helpers shared by the command-line commands: options, loading, the clock, output."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.schema import parse_datetime
from bot.settings import DEFAULT_KNOWLEDGE_DIR, SettingsError, load_settings

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


KNOWLEDGE_HELP = (
    "knowledge directory (default: KNOWLEDGE_DIR from the environment, else knowledge/)"
)


def add_knowledge_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--knowledge DIR``, accepted before the command (``top_level``) and after it.

    A command's own option defaults to ``SUPPRESS``: when it is not given after the command,
    the value given before the command (or ``None``) stays in the namespace.
    """
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        help=KNOWLEDGE_HELP,
    )


def add_now_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="ISO",
        default=None,
        help="pretend it is this time, e.g. 2017-06-13T10:30 (event time zone unless an offset "
        "is given); for 'what is on now?' on a past event",
    )


def knowledge_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "knowledge", None):
        return Path(args.knowledge)
    try:
        return load_settings().knowledge_dir
    except SettingsError:
        return DEFAULT_KNOWLEDGE_DIR


def load_or_report(directory: Path) -> KnowledgeBase | None:
    """Load the knowledge base, or print every problem to stderr and return None."""
    try:
        return load_knowledge(directory)
    except KnowledgeError as exc:
        print(exc, file=sys.stderr)
        return None


def parse_now(value: str | None, kb: KnowledgeBase) -> datetime | None:
    """``--now`` as an aware datetime in the event's zone; raise ValueError when unreadable."""
    if not value:
        return None
    try:
        return parse_datetime(value, kb.event.tz)
    except ValueError:
        raise ValueError(
            f"--now: expected a date and time like 2017-06-13T10:30, got {value!r}"
        ) from None
