"""Cooldowns for free-text answers: per user and per channel. Pure Python, clock injected.

A user who posts five questions in a row gets the first answered and the rest ignored until
their cooldown has passed; a busy channel gets at most one answer every few seconds. When a
message is rate-limited the bot stays silent, except for one reaction per user per cooldown
window (``Decision.notify``), so it never spams a channel to say it is spamming.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Decision:
    """``allowed``: answer now. Otherwise ``notify`` says whether to react once, and
    ``retry_after`` how many seconds until this user may ask again."""

    allowed: bool
    notify: bool = False
    retry_after: float = 0.0
    reason: str = ""


ALLOWED = Decision(True)

# Slash commands use discord.py's own cooldowns (``app_commands.checks.cooldown``, per user);
# a refused one gets a private "try again in N s" (bot.discord_app.errors).
ASK_RATE, ASK_PER = 4, 30.0
"""``/ask``: 4 questions per user in 30 s. Follow-up questions typed as fast as one reads the
answers pass; a script flooding the engine and the question log is stopped at the 5th.
Raising it lets one user fill the log; lowering it refuses quick follow-ups."""
ICS_RATE, ICS_PER = 3, 60.0
"""``/session ics``: 3 calendar files per user a minute. Each builds and uploads a file (the
whole agenda of a large event takes tens of milliseconds); nobody needs more."""


class FreeTextCooldown:
    """Per-user and per-channel minimum spacing between answers.

    ``clock`` returns an aware ``datetime`` (the bot's injected clock), so tests and simulated
    time control it. A rate-limited message does not restart the user's window: the user may
    ask again ``user_seconds`` after their last *answered* question.
    """

    def __init__(
        self,
        user_seconds: float,
        channel_seconds: float,
        clock: Callable[[], datetime],
        *,
        max_entries: int = 10_000,
    ) -> None:
        self.user_seconds = max(0.0, float(user_seconds))
        self.channel_seconds = max(0.0, float(channel_seconds))
        self.clock = clock
        self.max_entries = max_entries
        self._users: dict[Hashable, datetime] = {}
        self._channels: dict[Hashable, datetime] = {}
        self._notified: dict[Hashable, datetime] = {}

    def check(self, user: Hashable, channel: Hashable) -> Decision:
        """Decide for one message, and record it as answered when allowed."""
        now = self.clock()
        user_wait = self._remaining(self._users, user, self.user_seconds, now)
        channel_wait = self._remaining(self._channels, channel, self.channel_seconds, now)
        if user_wait <= 0 and channel_wait <= 0:
            self._users[user] = now
            self._channels[channel] = now
            self._notified.pop(user, None)
            self._prune(now)
            return ALLOWED
        wait = max(user_wait, channel_wait)
        reason = "user" if user_wait >= channel_wait else "channel"
        last_notice = self._notified.get(user)
        window = max(self.user_seconds, self.channel_seconds)
        notify = last_notice is None or (now - last_notice).total_seconds() >= window
        if notify:
            self._notified[user] = now
        return Decision(False, notify=notify, retry_after=round(wait, 3), reason=reason)

    def reset(self) -> None:
        self._users.clear()
        self._channels.clear()
        self._notified.clear()

    @staticmethod
    def _remaining(
        table: dict[Hashable, datetime], key: Hashable, seconds: float, now: datetime
    ) -> float:
        last = table.get(key)
        if last is None or seconds <= 0:
            return 0.0
        return seconds - (now - last).total_seconds()

    def _prune(self, now: datetime) -> None:
        """Forget entries whose window is over, when the tables grow large."""
        if len(self._users) + len(self._channels) <= self.max_entries:
            return
        horizon = max(self.user_seconds, self.channel_seconds)
        for table in (self._users, self._channels, self._notified):
            for key in [k for k, at in table.items() if (now - at).total_seconds() >= horizon]:
                del table[key]


__all__ = ["ALLOWED", "ASK_PER", "ASK_RATE", "ICS_PER", "ICS_RATE", "Decision", "FreeTextCooldown"]
