"""``kb [--json]``: every entry the bot knows."""

from __future__ import annotations

import argparse
import json

from bot.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    add_knowledge_option,
    knowledge_dir,
    load_or_report,
)
from bot.kb.model import title_of
from bot.render.text import entry_lines


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("kb", help="list every entry the bot knows")
    parser.add_argument("--json", action="store_true", help="a JSON list of entries")
    parser.add_argument("--lang", choices=("en", "fr"), default=None, help="text language")
    add_knowledge_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kb = load_or_report(knowledge_dir(args))
    if kb is None:
        return EXIT_INVALID
    language = args.lang or kb.event.language
    items = [
        {
            "kind": kind,
            "id": entry.id,
            "title": title_of(entry, language),
            "aliases": list(getattr(entry, "aliases", ())),
            "text": "\n".join(entry_lines(kb, entry, language)[1:]),
        }
        for kind, entry in kb.entries()
    ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return EXIT_OK
    for item in items:
        print(f"{item['kind']:8} {item['id']:40} {item['title']}")
    return EXIT_OK
