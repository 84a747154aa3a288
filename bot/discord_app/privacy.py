"""What the logs may say about people: a keyed hash, never a raw Discord user id, and no
third-party debug output that dumps payloads.

:func:`user_ref` names a user as ``user:<first 12 characters of their user key>``: the same
keyed hash the question log stores (``questions.user_key``, see docs/database.md), so an
organiser can find someone's questions from a log line, but a log line alone cannot be
turned back into an account. Without a usable store the key comes from a secret made for
this bot object, so lines of one run still match each other.

:func:`quiet_payload_loggers` caps the loggers that print whole payloads at DEBUG (aiosqlite
prints every SQL parameter: the user-key secret, question texts; discord.py prints every
gateway event and HTTP body: user ids, message contents, interaction tokens) at INFO, even
with ``LOG_LEVEL=DEBUG``.
"""

from __future__ import annotations

import contextlib
import logging
import secrets

from bot.store.keys import user_key

LOG_KEY_CHARS = 12
PAYLOAD_LOGGERS = ("aiosqlite", "discord")
"""Loggers whose DEBUG lines carry payloads; ``discord`` covers ``discord.http``,
``discord.gateway``, ``discord.webhook``, ``discord.state``..."""

_BOT_SECRET = "_event_bot_log_key_secret"


def user_ref(bot: object, user_id: int | None) -> str:
    """How a log line names a Discord user (see the module doc)."""
    if user_id is None:
        return "user:-"
    store = getattr(bot, "store", None)
    if store is not None and not store.closed and store.key_problem is None:
        key = store.user_key(user_id)
    else:
        secret = getattr(bot, _BOT_SECRET, None)
        if secret is None:
            secret = secrets.token_hex(16)
            # an object that takes no attributes gets a new key each time: still never the id
            with contextlib.suppress(AttributeError):
                setattr(bot, _BOT_SECRET, secret)
        key = user_key(secret, user_id)
    return f"user:{key[:LOG_KEY_CHARS]}"


def target_ref(bot: object, target: str) -> str:
    """A reminder target for the log: ``channel:<id>`` as is, ``user:<id>`` keyed."""
    kind, _, ident = target.partition(":")
    if kind == "user" and ident.isdigit():
        return user_ref(bot, int(ident))
    return target


def quiet_payload_loggers(level: int = logging.INFO) -> None:
    """Never let :data:`PAYLOAD_LOGGERS` print below ``level`` (see the module doc)."""
    for name in PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level < level:
            logger.setLevel(level)


__all__ = ["LOG_KEY_CHARS", "PAYLOAD_LOGGERS", "quiet_payload_loggers", "target_ref", "user_ref"]
