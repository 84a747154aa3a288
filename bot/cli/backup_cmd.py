"""``backup FILE``: a consistent copy of the database, safe while the bot runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import EXIT_INVALID, EXIT_OK
from bot.settings import SettingsError, load_settings
from bot.store import StoreError
from bot.store.backup import backup_database


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to FILE, safely while the bot runs (SQLite backup API)",
        description="Copy the question database (DATABASE_PATH) to FILE with SQLite's online "
        "backup API: consistent even while the bot writes, checked, then renamed into place. "
        "FILE may be a folder (a time-stamped name is used). Exit 0 done, 2 on a problem.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the backup file, or a folder")
    parser.add_argument(
        "--database", type=Path, metavar="PATH", help="the SQLite database (default: DATABASE_PATH)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    database = args.database
    if database is None:
        try:
            database = load_settings().database_path
        except SettingsError as exc:
            print(exc, file=sys.stderr)
            return EXIT_INVALID
    try:
        report = backup_database(database, args.file, overwrite=args.force)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"backed up {database} to {report.path}: {report.bytes / 2**20:.1f} MiB, "
        f"{report.questions} question(s), schema {report.schema_version}, integrity ok"
    )
    return EXIT_OK
