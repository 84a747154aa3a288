"""``export ics [--session ID] [--out FILE]``: sessions as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.calendar_export import sessions_to_ics
from bot.cli.common import EXIT_INVALID, EXIT_OK, add_knowledge_option, knowledge_dir
from bot.files import write_atomically
from bot.kb import KnowledgeError, load_knowledge


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export sessions as a calendar (.ics)",
        description=(
            "Export the knowledge base's sessions (or the ones named with --session) as an "
            "iCalendar file for calendar apps. Exit 0 on success, 2 with 'place: problem'."
        ),
    )
    parser.add_argument("format", choices=["ics"], help="the export format: ics")
    parser.add_argument(
        "--session",
        metavar="ID",
        action="append",
        default=[],
        help="a session id to export (repeat for several; default: every session with a time)",
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        default=None,
        help="write here (default: standard output)",
    )
    parser.add_argument(
        "--language", choices=["en", "fr"], default=None, help="language of titles and texts"
    )
    add_knowledge_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    directory = knowledge_dir(args)
    try:
        kb = load_knowledge(directory)
    except KnowledgeError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    sessions = None
    if args.session:
        sessions = []
        for session_id in args.session:
            session = kb.session(session_id)
            if session is None:
                print(
                    f"--session {session_id}: no session with this id in {directory}",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            if session.start is None:
                print(
                    f"--session {session_id}: this session has no time to put in a calendar",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            sessions.append(session)
    try:
        data = sessions_to_ics(kb, sessions, language=args.language)
    except ValueError as exc:
        print(f"{directory}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"{out}: no such folder {out.parent}", file=sys.stderr)
        return EXIT_INVALID
    try:
        write_atomically(out, data)
    except OSError as exc:
        print(f"{out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    count = len(sessions) if sessions is not None else sum(1 for s in kb.sessions if s.start)
    print(
        f"{out}: {count} session{'s' if count != 1 else ''} from {kb.event.name}", file=sys.stderr
    )
    return EXIT_OK
