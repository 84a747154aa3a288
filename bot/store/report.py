"""The question log as plain-text reports, in English or French.

One formatting for ``python -m bot questions`` and ``/questions`` in Discord (inside a code
block there), so organisers read the same report wherever they ask. No Discord here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from bot.i18n import t
from bot.store.models import QuestionStats, TopEntry, UnansweredGroup
from bot.textfold import clip

EXAMPLE_CHARS = 60
TITLE_CHARS = 50

EntryTitle = Callable[[str, str], str | None]
"""The title of entry ``(kind, id)`` in the running knowledge base, None when it has no such
entry (removed since the question was answered)."""


def table(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str] | None = None,
    right: Sequence[int] = (),
) -> str:
    """A plain-text table, indented; columns whose index is in ``right`` are right-aligned."""
    cells = [[str(c) for c in row] for row in ([headers] if headers else []) + list(rows)]
    if not cells:
        return ""
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(parts).rstrip())
    return "\n".join(lines)


def format_time(value: datetime | None, tz: tzinfo) -> str:
    return "-" if value is None else value.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def format_stats(stats: QuestionStats, tz: tzinfo, tz_name: str, language: str = "en") -> str:
    rated = stats.helpful + stats.not_helpful
    latency = (
        "-"
        if stats.latency_p50_ms is None
        else f"p50 {stats.latency_p50_ms:.0f} ms, p95 {stats.latency_p95_ms or 0:.0f} ms"
    )
    busiest = ", ".join(f"{hour:02d}:00 ({count})" for hour, count in stats.busiest_hours(3))
    sources = ", ".join(f"{name} {count}" for name, count in stats.by_source.items())
    ratings = t("report_ratings", language, helpful=stats.helpful, not_helpful=stats.not_helpful)
    if rated:
        ratings += " " + t("report_helpful_rate", language, rate=_percent(stats.helpful_rate))
    rows = [
        (t("report_total", language), f"{stats.total:,}"),
        (t("report_answered", language), f"{stats.answered:,} ({_percent(stats.answer_rate)})"),
        (t("report_refused", language), f"{stats.refused:,}"),
        (t("report_askers", language), f"{stats.askers:,}"),
        (t("report_ratings_label", language), ratings),
        (t("report_latency", language), latency),
        (t("report_busiest", language), busiest or "-"),
        (t("report_sources", language), sources or "-"),
        (
            t("report_first_last", language),
            f"{format_time(stats.first_at, tz)} / {format_time(stats.last_at, tz)}",
        ),
    ]
    if stats.since:
        period = t("report_since", language, time=format_time(stats.since, tz), zone=tz_name)
    else:
        period = t("report_all_time", language, zone=tz_name)
    return t("report_stats_title", language, period=period) + "\n" + table(rows)


def entry_label(kind: str, entry_id: str, title_of: EntryTitle | None = None) -> str:
    """An answered entry as organisers know it: its title, else ``kind:id``."""
    title = title_of(kind, entry_id) if title_of is not None else None
    return clip(title, TITLE_CHARS) if title else f"{kind}:{entry_id}"


def format_top(
    entries: Sequence[TopEntry],
    tz: tzinfo,
    language: str = "en",
    title_of: EntryTitle | None = None,
) -> str:
    """The most asked entries, by title when ``title_of`` knows them (by id otherwise)."""
    if not entries:
        return t("report_top_empty", language)
    rows = [
        (
            rank,
            entry.count,
            entry_label(entry.kind, entry.entry_id, title_of),
            f"{entry.helpful}/{entry.not_helpful}",
            format_time(entry.last_asked, tz),
            clip(entry.example, EXAMPLE_CHARS),
        )
        for rank, entry in enumerate(entries, start=1)
    ]
    headers = ("#", *t("report_top_headers", language).split("|"))
    return t("report_top_title", language) + "\n" + table(rows, headers, right=(0, 1))


def format_unanswered(groups: Sequence[UnansweredGroup], tz: tzinfo, language: str = "en") -> str:
    if not groups:
        return t("report_unanswered_empty", language)
    rows = [
        (group.count, format_time(group.last_seen, tz), clip(group.example, EXAMPLE_CHARS))
        for group in groups
    ]
    headers = tuple(t("report_unanswered_headers", language).split("|"))
    return t("report_unanswered_title", language) + "\n" + table(rows, headers, right=(0,))
