"""``chat``: the local console on a knowledge base, no Discord needed."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
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
        description="Ask questions in a local console, with line editing and history (arrow "
        "keys) where readline is available. Ctrl-D or Ctrl-C quits. Reads lines from standard "
        "input when it is not a terminal.",
    )
    add_knowledge_option(parser)
    add_now_option(parser)
    parser.set_defaults(func=run)


def enable_line_editing() -> bool:
    """Give ``input()`` line editing and history (arrow keys, Ctrl-R) where the readline
    module exists (not on Windows); whether it does."""
    try:
        import readline  # noqa: F401  (importing it is what hooks it into input())
    except ImportError:
        return False
    return True


def _prompt(stdin: TextIO, stdout: TextIO) -> str:
    """One line typed at the terminal, through ``input()`` (readline) when the console runs
    on the real terminal; raises EOFError at Ctrl-D."""
    print(file=stdout)
    if stdin is sys.stdin and stdout is sys.stdout:
        return input("> ")
    stdout.write("> ")
    stdout.flush()
    line = stdin.readline()
    if not line:
        raise EOFError
    return line


def console(
    kb: KnowledgeBase,
    stdin: TextIO,
    stdout: TextIO,
    now_text: str | None = None,
    log: Callable[[str, Answer, float], None] | None = None,
) -> int:
    """Answer each line of ``stdin``; a prompt is shown only on a terminal.

    ``log`` (question, answer, latency in ms) is called after each answer is shown. Ctrl-C
    quits like Ctrl-D (exit 0): it is how people leave a console.
    """
    try:
        now = parse_now(now_text, kb)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    answerer = Answerer(kb)
    interactive = stdin.isatty()
    if interactive:
        enable_line_editing()
    language = kb.event.language
    print(t("console_intro", language, event=kb.event.name, count=len(kb)), file=stdout)
    try:
        _answer_lines(answerer, kb, stdin, stdout, interactive, now, log)
    except KeyboardInterrupt:
        print(file=stdout)
    if interactive:
        print(t("console_bye", language), file=stdout)
    return EXIT_OK


def _answer_lines(
    answerer: Answerer,
    kb: KnowledgeBase,
    stdin: TextIO,
    stdout: TextIO,
    interactive: bool,
    now: datetime | None,
    log: Callable[[str, Answer, float], None] | None,
) -> None:
    while True:
        if interactive:
            try:
                line = _prompt(stdin, stdout)
            except EOFError:
                print(file=stdout)
                return
        else:
            line = stdin.readline()
            if not line:
                return
        question = line.strip()
        if not question:
            continue
        if question.lower() in ("quit", "exit", ":q"):
            return
        if not interactive:
            print(f"\n> {question}", file=stdout)
        started = time.perf_counter()
        answer = answerer.ask(question, now=now)
        latency = (time.perf_counter() - started) * 1000
        print(answer_text(kb, answer), file=stdout, flush=True)
        if log is not None:
            log(question, answer, latency)


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
