"""The question log as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from bot.store.models import Question
from bot.textfold import printable

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "asked_at",
    "guild_id",
    "channel_id",
    "source",
    "user_key",
    "user_id",
    "text",
    "answered",
    "matched_kind",
    "matched_id",
    "score",
    "alternatives",
    "latency_ms",
    "message_id",
    "reply_message_id",
    "helpful",
    "not_helpful",
)


def _csv_cell(value: Any) -> Any:
    """Attendee-written text made safe for a spreadsheet and a terminal (``--csv -``): control
    characters removed (line feeds and tabs kept), then a leading ``'`` before what a
    spreadsheet would run as a formula."""
    if not isinstance(value, str):
        return value
    value = printable(value, keep_lines=True)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(questions: Sequence[Question], out: TextIO) -> int:
    """Write ``questions`` as CSV (header :data:`CSV_COLUMNS`, times in UTC ISO-8601)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        writer.writerow(
            [
                q.id,
                q.asked_at.isoformat(),
                q.guild_id,
                q.channel_id,
                q.source,
                q.user_key,
                q.user_id,
                _csv_cell(q.text),
                int(q.answered),
                q.matched_kind,
                q.matched_id,
                q.score,
                " ".join(q.alternatives),
                q.latency_ms,
                q.message_id,
                q.reply_message_id,
                q.helpful,
                q.not_helpful,
            ]
        )
    return len(questions)
