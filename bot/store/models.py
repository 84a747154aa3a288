"""Plain records returned by the store, and the time format it stores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.store.similar import SimilarGroup

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime."""

SOURCES: frozenset[str] = frozenset({"text", "ask", "console"})
"""Where a question came from: a free-text message, the ``/ask`` command, the local console."""

ANNOUNCEMENT_STATUSES: tuple[str, ...] = ("pending", "posted", "cancelled", "skipped")

_DB_TIME = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    return datetime.now(UTC)


def require_aware(value: datetime, name: str = "datetime") -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{name}: expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name}: expected an aware datetime (with a time zone), got {value!r}")
    return value


def to_db_time(value: datetime, name: str = "datetime") -> str:
    """Aware datetime -> fixed-width UTC ISO-8601 text, which sorts as time.

    Example: ``2017-06-13T09:30:00.000000Z``.
    """
    return require_aware(value, name).astimezone(UTC).strftime(_DB_TIME)


def from_db_time(value: str) -> datetime:
    return datetime.strptime(value, _DB_TIME).replace(tzinfo=UTC)


def maybe_time(value: str | None) -> datetime | None:
    return None if value is None else from_db_time(value)


@dataclass(frozen=True, slots=True)
class Question:
    """One logged question, with the ratings it received."""

    id: int
    asked_at: datetime
    guild_id: int | None
    channel_id: int | None
    source: str
    user_key: str | None
    user_id: int | None
    text: str
    matched_kind: str | None
    matched_id: str | None
    score: float | None
    answered: bool
    alternatives: tuple[str, ...]
    latency_ms: float | None
    message_id: int | None
    reply_message_id: int | None
    helpful: int = 0
    not_helpful: int = 0


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """Totals over a period (``since``/``until`` as asked; ``None`` means unbounded)."""

    since: datetime | None
    until: datetime | None
    total: int
    answered: int
    refused: int
    askers: int
    rated_questions: int
    helpful: int
    not_helpful: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    first_at: datetime | None
    last_at: datetime | None
    by_source: dict[str, int] = field(default_factory=dict)
    by_hour: tuple[int, ...] = (0,) * 24
    """Questions per hour of the day (0-23) in the time zone passed to ``stats``."""

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.total if self.total else None

    @property
    def helpful_rate(self) -> float | None:
        rated = self.helpful + self.not_helpful
        return self.helpful / rated if rated else None

    def busiest_hours(self, n: int = 3) -> list[tuple[int, int]]:
        """The ``n`` busiest hours of the day as ``(hour, count)``, busiest first."""
        ranked = sorted(
            ((hour, count) for hour, count in enumerate(self.by_hour) if count),
            key=lambda item: (-item[1], item[0]),
        )
        return ranked[:n]


@dataclass(frozen=True, slots=True)
class TopEntry:
    """A knowledge-base entry and how often questions were answered with it."""

    kind: str
    entry_id: str
    count: int
    last_asked: datetime
    example: str
    """The most recent question answered with this entry."""
    helpful: int
    not_helpful: int


UnansweredGroup = SimilarGroup
"""Refused questions with similar text: ``count``, ``example``, ``last_seen``, ..."""


@dataclass(frozen=True, slots=True)
class Announcement:
    id: int
    guild_id: int
    channel_id: int
    author_key: str
    text: str
    ping_role_id: int | None
    due_at: datetime
    status: str
    created_at: datetime
    posted_at: datetime | None
    posted_message_id: int | None
    claim_token: str | None = None
    """Set from the claim until the message id is recorded (or the claim is given back)."""

    @property
    def unconfirmed(self) -> bool:
        """Claimed for posting, but no message was recorded: the process may have stopped
        between the claim and the post (at-most-once: it is not posted again)."""
        return (
            self.status == "posted"
            and self.posted_message_id is None
            and self.claim_token is not None
        )


@dataclass(frozen=True, slots=True)
class AnnouncedSlot:
    """A session's schedule as last announced: ``slot`` is its time and room as an opaque
    string (``""``: not on the schedule), ``title`` its title as JSON (for a cancellation);
    ``claim_token`` is set while the change to ``slot`` is being posted."""

    session_id: str
    slot: str
    title: str
    claim_token: str | None = None


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """Rows deleted by a retention purge (everything older than ``cutoff``)."""

    cutoff: datetime
    questions: int
    announcements: int
    reminders: int
    subscriptions: int

    @property
    def total(self) -> int:
        return self.questions + self.announcements + self.reminders + self.subscriptions


@dataclass(frozen=True, slots=True)
class ErasureReport:
    """Rows deleted when erasing one user's data (``announcements``: rows whose author key was
    blanked; the announcements themselves belong to the event and stay)."""

    questions: int
    ratings: int
    subscriptions: int
    reminders: int
    announcements: int

    @property
    def total(self) -> int:
        return (
            self.questions + self.ratings + self.subscriptions + self.reminders + self.announcements
        )
