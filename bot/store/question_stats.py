"""Reports over the question log: totals and rates, questions per hour, the most given
answers, and what the bot could not answer (grouped by similar text)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, tzinfo
from typing import Any

from bot.store.connection import StoreConnection, guarded
from bot.store.models import (
    QuestionStats,
    TopEntry,
    UnansweredGroup,
    from_db_time,
    maybe_time,
)
from bot.store.question_log import period_where
from bot.store.similar import DEFAULT_THRESHOLD, group_similar

_SELECT_TOP = """
    SELECT q.matched_kind, q.matched_id, COUNT(*) AS n, MAX(q.asked_at), q.text,
           COALESCE(SUM(r.helpful), 0), COALESCE(SUM(r.not_helpful), 0)
    FROM questions AS q
    LEFT JOIN (
        SELECT question_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful
        FROM ratings GROUP BY question_id
    ) AS r ON r.question_id = q.id
    {where} AND q.answered = 1 AND q.matched_id IS NOT NULL
    GROUP BY q.matched_kind, q.matched_id
    ORDER BY n DESC, MAX(q.asked_at) DESC
    LIMIT ?
"""


def _hour(bucket: str) -> datetime:
    """The start (UTC) of an hour bucket ``YYYY-MM-DDTHH``."""
    return datetime.strptime(bucket, "%Y-%m-%dT%H").replace(tzinfo=UTC)


class QuestionStatistics(StoreConnection):
    @guarded
    async def stats(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        tz: tzinfo = UTC,
    ) -> QuestionStats:
        """Totals, answer rate, ratings, latency and questions per hour of the day in ``tz``."""
        where, params = period_where(since, until, guild_id)
        qwhere, qparams = period_where(since, until, guild_id, "q")
        total, answered, askers, first, last, timed = (
            await self._fetchall(
                "SELECT COUNT(*), COALESCE(SUM(answered), 0), COUNT(DISTINCT user_key), "
                f"MIN(asked_at), MAX(asked_at), COUNT(latency_ms) FROM questions{where}",
                params,
            )
        )[0]
        by_source = dict(
            await self._fetchall(
                f"SELECT source, COUNT(*) FROM questions{where} GROUP BY source "
                "ORDER BY COUNT(*) DESC",
                params,
            )
        )
        rated, helpful, not_helpful = (
            await self._fetchall(
                "SELECT COUNT(DISTINCT r.question_id), COALESCE(SUM(r.helpful), 0), "
                "COALESCE(SUM(1 - r.helpful), 0) FROM ratings AS r "
                f"JOIN questions AS q ON q.id = r.question_id{qwhere}",
                qparams,
            )
        )[0]
        buckets = await self._fetchall(
            f"SELECT substr(asked_at, 1, 13), COUNT(*) FROM questions{where} GROUP BY 1",
            params,
        )
        p50 = await self._latency_percentile(where, params, timed, 0.50)
        p95 = await self._latency_percentile(where, params, timed, 0.95)
        by_hour = [0] * 24
        for bucket, count in buckets:
            by_hour[_hour(bucket).astimezone(tz).hour] += count
        return QuestionStats(
            since=since,
            until=until,
            total=total,
            answered=answered,
            refused=total - answered,
            askers=askers,
            rated_questions=rated,
            helpful=helpful,
            not_helpful=not_helpful,
            latency_p50_ms=p50,
            latency_p95_ms=p95,
            first_at=maybe_time(first),
            last_at=maybe_time(last),
            by_source=by_source,
            by_hour=tuple(by_hour),
        )

    @guarded
    async def hourly(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
    ) -> list[tuple[datetime, int, int]]:
        """Questions per hour over time: ``(hour start in UTC, answered, refused)``, oldest
        first, only hours that had questions (for the ``/questions stats`` chart)."""
        where, params = period_where(since, until, guild_id)
        rows = await self._fetchall(
            "SELECT substr(asked_at, 1, 13), COALESCE(SUM(answered), 0), COUNT(*) "
            f"FROM questions{where} GROUP BY 1 ORDER BY 1",
            params,
        )
        return [(_hour(hour), answered, total - answered) for hour, answered, total in rows]

    async def _latency_percentile(
        self, where: str, params: list[Any], count: int, fraction: float
    ) -> float | None:
        if not count:
            return None
        offset = min(count - 1, int(fraction * count))
        rows = await self._fetchall(
            f"SELECT latency_ms FROM questions{where} AND latency_ms IS NOT NULL "
            "ORDER BY latency_ms LIMIT 1 OFFSET ?",
            [*params, offset],
        )
        return rows[0][0] if rows else None

    @guarded
    async def top(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        limit: int = 10,
    ) -> list[TopEntry]:
        """The entries most often given as answers (answered questions grouped by matched
        entry), most asked first, with the latest question and the ratings."""
        where, params = period_where(since, until, guild_id, "q")
        rows = await self._fetchall(_SELECT_TOP.format(where=where), [*params, int(limit)])
        # With exactly one MAX() aggregate, SQLite takes q.text from the row holding the max.
        return [
            TopEntry(
                kind=row[0] or "",
                entry_id=row[1],
                count=row[2],
                last_asked=from_db_time(row[3]),
                example=row[4],
                helpful=row[5],
                not_helpful=row[6],
            )
            for row in rows
        ]

    @guarded
    async def unanswered(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        limit: int = 20,
        threshold: float = DEFAULT_THRESHOLD,
        scan_limit: int = 5000,
    ) -> list[UnansweredGroup]:
        """What the bot refused, grouped by similar text, newest group first: each group has
        ``count``, ``example`` (newest wording), ``last_seen``. Reads the ``scan_limit`` most
        recent refusals; grouping runs in a worker thread."""
        where, params = period_where(since, until, guild_id)
        rows = await self._fetchall(
            f"SELECT text, asked_at FROM questions{where} AND answered = 0 "
            "ORDER BY asked_at DESC, id DESC LIMIT ?",
            [*params, int(scan_limit)],
        )
        items = [(text, from_db_time(asked_at)) for text, asked_at in rows]
        groups = await asyncio.to_thread(group_similar, items, threshold=threshold)
        return groups[:limit]
