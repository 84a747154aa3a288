"""``health``: is the bot running, connected, with its store and knowledge loaded?

For Docker's ``HEALTHCHECK``, systemd and monitoring: reads the heartbeat the running bot
writes to its database every 30 s (:mod:`bot.store.heartbeat`), read-only. Exit 0 healthy,
1 unhealthy (with the reason), 2 the settings are unusable.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.cli.common import EXIT_FAILED, EXIT_INVALID, EXIT_OK
from bot.settings import SettingsError, load_settings
from bot.store.heartbeat import STALE_AFTER_SECONDS, HeartbeatError, assess, read_heartbeat


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "health",
        help="exit 0 when the running bot is connected with its store and knowledge loaded",
        description="Check the heartbeat the running Discord bot writes to its database "
        f"every 30 s: healthy when it is at most {STALE_AFTER_SECONDS} s old, connected to "
        "Discord and serving a knowledge base. Exit 0 healthy, 1 unhealthy, 2 bad settings.",
    )
    parser.add_argument(
        "--database", type=Path, metavar="PATH", help="the SQLite database (default: DATABASE_PATH)"
    )
    parser.add_argument(
        "--max-age",
        type=float,
        default=STALE_AFTER_SECONDS,
        metavar="SECONDS",
        help=f"oldest acceptable heartbeat (default {STALE_AFTER_SECONDS})",
    )
    parser.add_argument("--json", action="store_true", help="print the heartbeat as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.database is None:
        try:
            database = load_settings().database_path
        except SettingsError as exc:
            print(exc, file=sys.stderr)
            return EXIT_INVALID
    else:
        database = args.database
    try:
        heartbeat = read_heartbeat(database)
    except HeartbeatError as exc:
        print(f"unhealthy: {exc}")
        return EXIT_FAILED
    healthy, why = assess(heartbeat, datetime.now(UTC), stale_after=args.max_age)
    if args.json:
        data = json.loads(heartbeat.to_json()) if heartbeat else {}
        print(json.dumps({"healthy": healthy, "reason": why, "heartbeat": data}))
    else:
        print(f"{'healthy' if healthy else 'unhealthy'}: {why}")
    return EXIT_OK if healthy else EXIT_FAILED
