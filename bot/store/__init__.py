"""The bot's SQLite store: question log, ratings, scheduled announcements, reminders.

Discord-free: takes ids, texts and aware datetimes; see ``docs/database.md``.
"""

from bot.store.errors import StoreError
from bot.store.keys import user_key
from bot.store.models import (
    SOURCES,
    AnnouncedSlot,
    Announcement,
    Clock,
    ErasureReport,
    PurgeReport,
    Question,
    QuestionStats,
    TopEntry,
    UnansweredGroup,
)
from bot.store.question_csv import CSV_COLUMNS, write_csv
from bot.store.schema import SCHEMA_VERSION
from bot.store.similar import SimilarGroup, group_similar, normalise
from bot.store.store import Store

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "SOURCES",
    "AnnouncedSlot",
    "Announcement",
    "Clock",
    "ErasureReport",
    "PurgeReport",
    "Question",
    "QuestionStats",
    "SimilarGroup",
    "Store",
    "StoreError",
    "TopEntry",
    "UnansweredGroup",
    "group_similar",
    "normalise",
    "user_key",
    "write_csv",
]
