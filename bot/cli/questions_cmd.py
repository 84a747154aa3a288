"""``python -m bot questions``: the question log from the command line.

    python -m bot questions                      totals, answer rate, ratings, busiest hours, top
    python -m bot questions --top                most asked, grouped by the entry that answered
    python -m bot questions --unanswered         what the bot refused, grouped by similar text
    python -m bot questions --csv FILE           export as CSV (``-`` for standard output)
    python -m bot questions --chart FILE.png     a PNG: per hour, answered/refused, top refused
    python -m bot questions --erase-user ID      erase one user's data (on request)
    python -m bot questions --purge              delete what is older than RETENTION_DAYS

``--since`` takes a date or time (ISO, read in ``--tz``) or a duration back from now
(``7d``, ``12h``, ``30m``). Answered entries are shown by their title in the knowledge base
(``--knowledge``); an entry it no longer has, or a knowledge base that does not load, is shown
by ``kind:id``. Exit codes: 0 done, 2 the database or the arguments are unusable.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.agenda.when import parse_since
from bot.cli.common import add_knowledge_option, knowledge_dir
from bot.files import write_atomically
from bot.i18n import t
from bot.kb import KnowledgeError, load_knowledge
from bot.settings import SettingsError, load_settings
from bot.store import Store, StoreError
from bot.store.report import (
    EntryTitle,
    format_stats,
    format_time,
    format_top,
    format_unanswered,
)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "questions",
        help="the question log: stats, top, unanswered, CSV export, erase, purge",
        description=(
            "Read the question log: totals and the most asked entries by default; "
            "--unanswered, --top, --csv to choose; --erase-user and --purge to delete."
        ),
    )
    parser.add_argument(
        "--database",
        type=Path,
        metavar="PATH",
        help="the SQLite database (default: DATABASE_PATH, data/questions.sqlite3)",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--unanswered",
        action="store_true",
        help="what the bot refused, newest first, grouped by similar text",
    )
    action.add_argument(
        "--top", action="store_true", help="most asked, grouped by the entry that answered"
    )
    action.add_argument(
        "--csv", metavar="FILE", help="export the questions as CSV to FILE ('-': stdout)"
    )
    action.add_argument(
        "--chart",
        metavar="FILE.png",
        help="draw questions per hour (answered and refused) and the most refused questions "
        "as a PNG, as /questions stats attaches it",
    )
    action.add_argument(
        "--erase-user",
        metavar="ID",
        type=int,
        help="erase one user's questions, ratings and subscriptions (Discord user id)",
    )
    action.add_argument(
        "--purge", action="store_true", help="delete what is older than RETENTION_DAYS"
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="only questions from DATE on: 2017-06-13, 2017-06-13T14:00, or 7d / 12h / 30m ago",
    )
    parser.add_argument(
        "--tz",
        default="UTC",
        metavar="ZONE",
        help="time zone for --since, --now and displayed times, e.g. Europe/Paris (default UTC)",
    )
    parser.add_argument("--now", metavar="DATETIME", help="pretend it is DATETIME (in --tz)")
    parser.add_argument("--guild", type=int, metavar="ID", help="only this guild's questions")
    parser.add_argument(
        "--limit", type=int, default=10, metavar="N", help="rows to show (default 10)"
    )
    add_knowledge_option(parser)
    parser.set_defaults(func=run)
    return parser


def entry_titles(args: argparse.Namespace) -> EntryTitle | None:
    """Titles from the knowledge base, to show entries by name; None (ids shown) when it
    does not load, with a note on stderr."""
    directory = knowledge_dir(args)
    try:
        kb = load_knowledge(directory)
    except KnowledgeError as exc:
        print(
            f"note: the knowledge base in {directory} does not load ({len(exc.problems)} "
            "problem(s), see `python -m bot check`): entries are shown by id",
            file=sys.stderr,
        )
        return None
    return kb.title


async def _run(args: argparse.Namespace, out: TextIO) -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        tz: tzinfo = UTC if args.tz.upper() == "UTC" else ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"error: --tz: unknown time zone {args.tz!r} (e.g. Europe/Paris)", file=sys.stderr)
        return 2
    try:
        now = datetime.now(UTC)
        if args.now is not None:
            now = parse_since(args.now, now, tz)
        since = None if args.since is None else parse_since(args.since, now, tz)
    except ValueError as exc:
        print(f"error: --since/--now: {exc}", file=sys.stderr)
        return 2
    path = args.database or settings.database_path
    store = await Store.from_settings(
        dataclasses.replace(settings, database_path=path),
        clock=lambda: now,
        create=False,
        maintenance_interval=None,
        require_key=False,  # reports need no key; --erase-user refuses without the right one
    )
    async with store:
        if args.erase_user is not None:
            report = await store.erase_user(args.erase_user)
            print(
                f"erased user {args.erase_user}: {report.questions} question(s), "
                f"{report.ratings} rating(s), {report.subscriptions} subscription(s), "
                f"{report.reminders} sent reminder(s); author key removed from "
                f"{report.announcements} announcement(s)",
                file=out,
            )
        elif args.purge:
            purged = await store.purge_expired()
            print(
                f"purged everything older than {format_time(purged.cutoff, tz)} "
                f"({store.retention_days} days): {purged.questions} question(s), "
                f"{purged.announcements} announcement(s), {purged.reminders} sent reminder(s), "
                f"{purged.subscriptions} subscription(s)",
                file=out,
            )
        elif args.csv is not None:
            if args.csv == "-":
                count = await store.export_csv(out, since=since, guild_id=args.guild)
                out.flush()
            else:
                with open(args.csv, "w", encoding="utf-8", newline="") as handle:
                    count = await store.export_csv(handle, since=since, guild_id=args.guild)
                print(f"wrote {count} question(s) to {args.csv}", file=out)
        elif args.chart is not None:
            await _write_chart(store, args, since, tz, out)
        elif args.unanswered:
            groups = await store.unanswered(since=since, guild_id=args.guild, limit=args.limit)
            print(format_unanswered(groups, tz), file=out)
        elif args.top:
            entries = await store.top(since=since, guild_id=args.guild, limit=args.limit)
            print(format_top(entries, tz, title_of=entry_titles(args)), file=out)
        else:
            stats = await store.stats(since=since, guild_id=args.guild, tz=tz)
            entries = await store.top(since=since, guild_id=args.guild, limit=args.limit)
            print(format_stats(stats, tz, args.tz), file=out)
            print(file=out)
            print(format_top(entries, tz, title_of=entry_titles(args)), file=out)
            if stats.refused:
                print(f"\n{stats.refused} refused: see --unanswered", file=out)
    return 0


async def _write_chart(
    store: Store, args: argparse.Namespace, since: datetime | None, tz: tzinfo, out: TextIO
) -> None:
    from bot.store.chart import chart_data, chart_title, render_chart

    period = (
        t("chart_since", "en", time=format_time(since, tz))
        if since is not None
        else t("chart_all_time", "en")
    )
    data = await chart_data(
        store, tz=tz, zone_name=args.tz, since=since, guild_id=args.guild, subtitle=period
    )
    png = await asyncio.to_thread(render_chart, data)
    write_atomically(Path(args.chart), png)
    print(f"wrote the chart to {args.chart}: {chart_title(data)}", file=out)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Entry point set as ``func``; returns the exit code (2 for an unusable database)."""
    try:
        return asyncio.run(_run(args, out or sys.stdout))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except OSError as exc:  # e.g. --csv into a directory that does not exist
        print(f"error: {exc}", file=sys.stderr)
        return 2
