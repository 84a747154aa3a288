"""``chat``: the local console on a knowledge base, no Discord needed."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import TextIO

from bot.answer.engine import Answer, Answerer
from bot.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_knowledge_option,
    add_now_option,
    load_or_report,
    parse_now,
)
from bot.cli.console_log import ConsoleLog
from bot.i18n import t
from bot.kb import KnowledgeBase
from bot.render.text import answer_text
from bot.settings import Settings, SettingsError, load_settings


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


def console(
    kb: KnowledgeBase,
    stdin: TextIO,
    stdout: TextIO,
    now_text: str | None = None,
    log: Callable[[str, Answer, float], None] | None = None,
) -> int:
    """Answer each line of ``stdin``; a prompt is shown only on a terminal.

    ``log`` (question, answer, latency in ms) is called after each answer is shown.
    """
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
        started = time.perf_counter()
        answer = answerer.ask(question, now=now)
        latency = (time.perf_counter() - started) * 1000
        print(answer_text(kb, answer), file=stdout, flush=True)
        if log is not None:
            log(question, answer, latency)
    if interactive:
        print(file=stdout)
    return EXIT_OK


def logged_console(kb: KnowledgeBase, settings: Settings, now_text: str | None) -> int:
    """The console on stdin/stdout, logging each question to the question database."""
    with ConsoleLog(settings) as question_log:
        return console(kb, sys.stdin, sys.stdout, now_text, question_log.log)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    kb = load_or_report(args.knowledge or settings.knowledge_dir)
    if kb is None:
        return EXIT_INVALID
    return logged_console(kb, settings, args.now)
