"""``run`` (the default): the Discord bot when DISCORD_TOKEN is set, else the local console."""

from __future__ import annotations

import argparse
import sys

from bot.cli.chat_cmd import logged_console
from bot.cli.common import EXIT_INVALID, add_knowledge_option, add_now_option, load_or_report
from bot.settings import SettingsError, load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the Discord bot (DISCORD_TOKEN set) or the local console (no token)",
        description="Run the Discord bot when DISCORD_TOKEN is set (environment or .env); "
        "without a token, open the local console on the knowledge base.",
    )
    add_knowledge_option(parser)
    add_now_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    if settings.has_token:
        from bot.discord_app.runner import run_discord

        return run_discord(settings, knowledge=args.knowledge)
    kb = load_or_report(args.knowledge or settings.knowledge_dir)
    if kb is None:
        return EXIT_INVALID
    return logged_console(kb, settings, args.now)
