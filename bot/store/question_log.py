"""The question log: reading logged questions, the bot's replies to them, and ratings.

Questions are written by the store's writer (:meth:`~bot.store.Store.log_question`); the
reports over them are in :mod:`bot.store.question_stats`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TextIO

from bot.store.connection import StoreConnection, guarded
from bot.store.models import Question, from_db_time, to_db_time
from bot.store.question_csv import write_csv

_SELECT_QUESTION = """
    SELECT q.id, q.asked_at, q.guild_id, q.channel_id, q.source, q.user_key, q.user_id, q.text,
           q.matched_kind, q.matched_id, q.score, q.answered, q.alternatives, q.latency_ms,
           q.message_id, q.reply_message_id,
           COALESCE(r.helpful, 0), COALESCE(r.not_helpful, 0)
    FROM questions AS q
    LEFT JOIN (
        SELECT question_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful
        FROM ratings GROUP BY question_id
    ) AS r ON r.question_id = q.id
"""


def _question(row: Sequence[Any]) -> Question:
    return Question(
        id=row[0],
        asked_at=from_db_time(row[1]),
        guild_id=row[2],
        channel_id=row[3],
        source=row[4],
        user_key=row[5],
        user_id=row[6],
        text=row[7],
        matched_kind=row[8],
        matched_id=row[9],
        score=row[10],
        answered=bool(row[11]),
        alternatives=tuple(json.loads(row[12] or "[]")),
        latency_ms=row[13],
        message_id=row[14],
        reply_message_id=row[15],
        helpful=row[16],
        not_helpful=row[17],
    )


def period_where(
    since: datetime | None,
    until: datetime | None,
    guild_id: int | None,
    alias: str = "",
) -> tuple[str, list[Any]]:
    """A ``WHERE`` clause over questions (always present, ``1`` when unconstrained) and its
    parameters."""
    prefix = f"{alias}." if alias else ""
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append(f"{prefix}asked_at >= ?")
        params.append(to_db_time(since, "since"))
    if until is not None:
        clauses.append(f"{prefix}asked_at < ?")
        params.append(to_db_time(until, "until"))
    if guild_id is not None:
        clauses.append(f"{prefix}guild_id = ?")
        params.append(int(guild_id))
    return " WHERE " + (" AND ".join(clauses) or "1"), params


class QuestionLog(StoreConnection):
    @guarded
    async def set_reply_message(self, question_id: int, message_id: int) -> bool:
        """Remember the bot's reply to a question; ``False`` if the question is gone."""
        cursor = await self._write(
            "UPDATE questions SET reply_message_id = ? WHERE id = ?",
            (int(message_id), int(question_id)),
        )
        return cursor.rowcount == 1

    @guarded
    async def get_question(self, question_id: int) -> Question | None:
        rows = await self._fetchall(_SELECT_QUESTION + " WHERE q.id = ?", (int(question_id),))
        return _question(rows[0]) if rows else None

    @guarded
    async def question_for_reply(self, reply_message_id: int) -> Question | None:
        """The question the bot answered with message ``reply_message_id`` (for ratings)."""
        rows = await self._fetchall(
            _SELECT_QUESTION + " WHERE q.reply_message_id = ? ORDER BY q.id DESC LIMIT 1",
            (int(reply_message_id),),
        )
        return _question(rows[0]) if rows else None

    @guarded
    async def rate(
        self, question_id: int, user_id: int, helpful: bool, *, at: datetime | None = None
    ) -> bool:
        """Record (or change) one user's rating of an answer; ``False`` if the question is gone
        (purged or erased). One rating per user and question: the last click wins."""
        when = to_db_time(at if at is not None else self.now(), "at")
        cursor = await self._write(
            """
            INSERT INTO ratings (question_id, user_key, helpful, rated_at)
            SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?)
            ON CONFLICT (question_id, user_key)
            DO UPDATE SET helpful = excluded.helpful, rated_at = excluded.rated_at
            """,
            (int(question_id), self.user_key(user_id), int(bool(helpful)), when, question_id),
        )
        return cursor.rowcount == 1

    @guarded
    async def questions(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        answered: bool | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Question]:
        """Logged questions in a period, oldest first unless ``newest_first``."""
        where, params = period_where(since, until, guild_id, "q")
        if answered is not None:
            where += " AND q.answered = ?"
            params.append(int(answered))
        order = "DESC" if newest_first else "ASC"
        sql = f"{_SELECT_QUESTION}{where} ORDER BY q.asked_at {order}, q.id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_question(row) for row in await self._fetchall(sql, params)]

    async def export_csv(
        self,
        out: TextIO,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
    ) -> int:
        """Write the questions of a period to ``out`` as CSV (oldest first); returns the
        number of rows. Cells that a spreadsheet would run as a formula get a leading ``'``.
        Not :func:`guarded` itself (:meth:`questions` is): an error writing ``out`` is the
        caller's, not the database's."""
        found = await self.questions(since=since, until=until, guild_id=guild_id)
        return await asyncio.to_thread(write_csv, found, out)
