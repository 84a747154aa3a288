"""``ask [--json] [--now ISO] QUESTION`` and ``ask --json -`` (one question per stdin line)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from bot.answer.engine import Answer, Answerer
from bot.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_knowledge_option,
    add_now_option,
    knowledge_dir,
    load_or_report,
    parse_now,
)
from bot.kb import KnowledgeBase
from bot.render.text import answer_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="answer one question (or one per stdin line with -)",
        description="Answer a question from the knowledge base. QUESTION '-' reads one "
        "question per line from standard input.",
    )
    parser.add_argument("question", nargs="+", help="the question, or - for standard input")
    parser.add_argument("--json", action="store_true", help="one JSON object per answer")
    parser.add_argument(
        "--lang", choices=("en", "fr"), help="reply language (default: the question's)"
    )
    add_knowledge_option(parser)
    add_now_option(parser)
    parser.set_defaults(func=run)


def answer_json(kb: KnowledgeBase, answer: Answer) -> dict:
    """The ``--json`` object: a stable shape for scripts and evaluation.

    Always: ``answered``, ``kind``, ``id``, ``title``, ``text``, ``score``,
    ``alternatives``. Also: ``sessions`` (the ids of a list answer), ``reason`` (why it
    refused), ``missing`` (what is not known), ``fact`` (the event attribute answered),
    ``premise`` (``right``/``wrong`` for a yes/no question), ``evidence`` (which words
    matched which field), and ``parts`` (one object per question of the message).
    """
    out = _answer_fields(kb, answer)
    if answer.parts:
        out["parts"] = [_answer_fields(kb, part) for part in answer.parts]
    return out


def _answer_fields(kb: KnowledgeBase, answer: Answer) -> dict:
    return {
        "answered": answer.answered,
        "kind": answer.kind,
        "id": answer.id,
        "title": answer.title,
        "text": answer_text(kb, answer),
        "score": answer.score,
        "alternatives": [
            {"kind": a.kind, "id": a.id, "title": a.title, "score": a.score}
            for a in answer.alternatives
        ],
        "sessions": [s.id for s in answer.sessions],
        "reason": answer.reason,
        "missing": answer.missing,
        "fact": answer.fact,
        "premise": answer.premise,
        "evidence": list(answer.evidence),
    }


def run(args: argparse.Namespace) -> int:
    kb = load_or_report(knowledge_dir(args))
    if kb is None:
        return EXIT_INVALID
    try:
        now = parse_now(args.now, kb)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    answerer = Answerer(kb)
    questions: Iterator[str]
    if args.question == ["-"]:
        questions = (line.rstrip("\r\n") for line in sys.stdin)
    else:
        questions = iter([" ".join(args.question)])
    for question in questions:
        answer = answerer.ask(question, now=now, language=args.lang)
        if args.json:
            print(json.dumps(answer_json(kb, answer), ensure_ascii=False), flush=True)
        else:
            print(
                answer_text(kb, answer), end="\n\n" if args.question == ["-"] else "\n", flush=True
            )
    return EXIT_OK
