"""``chat``: the local console on a knowledge base, no Discord needed."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.answer.engine import Answerer
from bot.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_knowledge_option,
    add_now_option,
    knowledge_dir,
    load_or_report,
    parse_now,
)
from bot.i18n import t
from bot.kb import KnowledgeBase
from bot.render.text import answer_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="local console: ask questions without Discord",
        description="Ask questions in a local console. Ctrl-D quits. Reads lines from "
        "standard input when it is not a terminal.",
    )
    add_knowledge_option(parser)
    add_now_option(parser)
    parser.set_defaults(func=run)


def console(kb: KnowledgeBase, stdin: TextIO, stdout: TextIO, now_text: str | None = None) -> int:
    """Answer each line of ``stdin``; a prompt is shown only on a terminal."""
    try:
        now = parse_now(now_text, kb)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    answerer = Answerer(kb)
    interactive = stdin.isatty()
    print(t("console_intro", kb.event.language, event=kb.event.name, count=len(kb)), file=stdout)
    while True:
        if interactive:
            stdout.write("\n> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        if question.lower() in ("quit", "exit", ":q"):
            break
        if not interactive:
            print(f"\n> {question}", file=stdout)
        print(answer_text(kb, answerer.ask(question, now=now)), file=stdout, flush=True)
    if interactive:
        print(file=stdout)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    kb = load_or_report(knowledge_dir(args))
    if kb is None:
        return EXIT_INVALID
    return console(kb, sys.stdin, sys.stdout, args.now)
