"""The database schema as a list of versioned migrations (``PRAGMA user_version``).

Migration ``N`` takes a database from version ``N - 1`` to ``N``; it runs in one transaction
together with setting ``user_version``, so a crash half-way leaves the previous version intact.
Never edit a released migration: append a new one. ``docs/database.md`` documents the columns.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the question log, ratings, scheduled announcements, sent reminders, subscriptions.
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE questions (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        asked_at         TEXT    NOT NULL,
        guild_id         INTEGER,
        channel_id       INTEGER,
        source           TEXT    NOT NULL,
        user_key         TEXT,
        user_id          INTEGER,
        text             TEXT    NOT NULL,
        matched_kind     TEXT,
        matched_id       TEXT,
        score            REAL,
        answered         INTEGER NOT NULL CHECK (answered IN (0, 1)),
        alternatives     TEXT    NOT NULL DEFAULT '[]',
        latency_ms       REAL,
        message_id       INTEGER,
        reply_message_id INTEGER
    );
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE INDEX questions_answered ON questions (answered, asked_at);
    CREATE INDEX questions_user_key ON questions (user_key);

    CREATE TABLE ratings (
        question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
        user_key    TEXT    NOT NULL,
        helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        rated_at    TEXT    NOT NULL,
        PRIMARY KEY (question_id, user_key)
    ) WITHOUT ROWID;
    CREATE INDEX ratings_user_key ON ratings (user_key);

    CREATE TABLE announcements (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id          INTEGER NOT NULL,
        channel_id        INTEGER NOT NULL,
        author_key        TEXT    NOT NULL,
        text              TEXT    NOT NULL,
        ping_role_id      INTEGER,
        due_at            TEXT    NOT NULL,
        status            TEXT    NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'posted', 'cancelled', 'skipped')),
        created_at        TEXT    NOT NULL,
        posted_at         TEXT,
        posted_message_id INTEGER
    );
    CREATE INDEX announcements_due ON announcements (status, due_at);

    CREATE TABLE sent_reminders (
        session_id TEXT NOT NULL,
        start      TEXT NOT NULL,
        target     TEXT NOT NULL,
        sent_at    TEXT NOT NULL,
        PRIMARY KEY (session_id, start, target)
    ) WITHOUT ROWID;

    CREATE TABLE reminder_subscriptions (
        guild_id   INTEGER NOT NULL,
        user_id    INTEGER NOT NULL,
        session_id TEXT    NOT NULL,
        created_at TEXT    NOT NULL,
        PRIMARY KEY (guild_id, session_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX reminder_subscriptions_user ON reminder_subscriptions (user_id);
    """,
    # 2: find a question from the bot's reply message, when an attendee rates the answer.
    """
    CREATE INDEX questions_reply_message ON questions (reply_message_id);
    """,
    # 3: who claimed an announcement that has no message yet (a crash between the claim and
    # the post leaves it marked, to tell organisers it may not have been posted), and a
    # reminder not confirmed sent yet (one left by a stopped process is sent again, with the
    # same nonce); the schedule as last announced, so each schedule change is posted once
    # across restarts and processes.
    """
    ALTER TABLE announcements ADD COLUMN claim_token TEXT;
    ALTER TABLE sent_reminders ADD COLUMN claim_token TEXT;

    CREATE TABLE announced_schedule (
        session_id  TEXT PRIMARY KEY,
        slot        TEXT NOT NULL,
        title       TEXT NOT NULL,
        claim_token TEXT,
        updated_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
"""The newest schema version this code knows; a database with a higher one is refused."""

OUR_TABLES = frozenset(
    {
        "meta",
        "questions",
        "ratings",
        "announcements",
        "sent_reminders",
        "reminder_subscriptions",
        "announced_schedule",
    }
)
