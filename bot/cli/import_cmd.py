"""``import FILE|URL [--out DIR]``: import a pretalx/frab schedule.json or schedule.xml."""

from __future__ import annotations

import argparse
import asyncio
import errno
import sys
from pathlib import Path

from bot.cli.common import EXIT_FAILED, EXIT_INVALID, EXIT_OK, add_knowledge_option, knowledge_dir
from bot.importers import (
    OVERLAP_POLICIES,
    SCHEDULE_FILE,
    ImportResult,
    ScheduleImportError,
    import_schedule,
)
from bot.importers.fetch import FetchError
from bot.importers.sync import fetch_and_import
from bot.settings import Settings, SettingsError, load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import a pretalx/frab schedule (schedule.json or schedule.xml)",
        description=(
            "Import a pretalx/frab schedule export into DIR/schedule.yaml (the event, its "
            "sessions, speakers, rooms and tracks, with the source's ids). Other files of the "
            "folder (faq.yaml, tools.yaml...) are never touched. Importing an updated export "
            "again updates schedule.yaml in place. Nothing is written unless the folder, with "
            "the new file, is valid. An http(s) URL is fetched first (SCHEDULE_MAX_BYTES, "
            "SCHEDULE_TIMEOUT_SECONDS). Exit 0 on success, 2 with 'place: problem' lines, 1 "
            "when the file cannot be written (disk full, no permission)."
        ),
    )
    parser.add_argument(
        "file",
        metavar="FILE|URL",
        help="the schedule.json or schedule.xml export, a file or an http(s) URL "
        "(e.g. https://pretalx.example.org/conf/schedule/export/schedule.json)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=None,
        help="knowledge folder for schedule.yaml (default: --knowledge, else KNOWLEDGE_DIR, "
        "else knowledge/)",
    )
    add_knowledge_option(parser)
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        default="",
        help="the event's IANA time zone, e.g. Europe/Berlin (default: the file's "
        "time_zone_name, else the city, else the sessions' UTC offset)",
    )
    parser.add_argument(
        "--keep-event",
        action="store_true",
        help="keep the event hand-written in another file of the folder; import only "
        "sessions and speakers",
    )
    parser.add_argument(
        "--overlaps",
        choices=OVERLAP_POLICIES,
        default="unroom",
        help="sessions at the same time in one room: 'unroom' (default) keeps them and moves "
        "the room of as few as possible into their abstract; 'refuse' stops the import",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check and report, but write nothing"
    )
    parser.set_defaults(func=run)


def is_url(source: str) -> bool:
    return "://" in source


def _fetch_and_import(args: argparse.Namespace, out_dir: Path, settings: Settings) -> ImportResult:
    _, result = asyncio.run(
        fetch_and_import(
            args.file,
            out_dir,
            timeout=settings.schedule_timeout_seconds,
            max_bytes=settings.schedule_max_bytes,
            timezone=args.timezone,
            overlaps=args.overlaps,
            keep_event=args.keep_event,
            dry_run=args.dry_run,
        )
    )
    assert result is not None  # no validators sent: never a 304
    return result


def run(args: argparse.Namespace) -> int:
    out_dir = args.out if args.out is not None else knowledge_dir(args)
    try:
        if is_url(args.file):
            try:
                settings = load_settings()
            except SettingsError as exc:
                print(exc, file=sys.stderr)
                return EXIT_INVALID
            result = _fetch_and_import(args, out_dir, settings)
        else:
            result = import_schedule(
                Path(args.file),
                out_dir,
                timezone=args.timezone,
                overlaps=args.overlaps,
                keep_event=args.keep_event,
                dry_run=args.dry_run,
            )
    except FetchError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_INVALID
    except ScheduleImportError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # writing: a full disk, a read-only folder (the writer is atomic)
        print(f"{out_dir / SCHEDULE_FILE}: {write_failure(exc)}", file=sys.stderr)
        return EXIT_FAILED
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(result.summary())
    return EXIT_OK


def write_failure(exc: OSError) -> str:
    """What to tell an organiser when the schedule could not be written."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "the disk is full: free some space and import again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "the folder is not writable: check its permissions, or choose another with --out"
    else:
        advice = "import again once the problem is fixed"
    return (
        f"cannot write ({reason}); {advice}. Nothing was written: the previous "
        f"{SCHEDULE_FILE}, if any, is unchanged."
    )
