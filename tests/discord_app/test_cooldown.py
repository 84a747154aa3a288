"""Free-text cooldowns (discord-free, clock injected)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.discord_app.cooldown import FreeTextCooldown


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 5, 14, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def test_user_cooldown():
    clock = Clock()
    cooldown = FreeTextCooldown(10, 0, clock)
    assert cooldown.check("alice", "c1").allowed
    clock.advance(3)
    limited = cooldown.check("alice", "c2")
    assert not limited.allowed and limited.reason == "user"
    assert limited.retry_after == 7
    assert cooldown.check("bob", "c1").allowed
    clock.advance(7)
    assert cooldown.check("alice", "c1").allowed


def test_limited_messages_do_not_extend_the_window():
    clock = Clock()
    cooldown = FreeTextCooldown(10, 0, clock)
    assert cooldown.check("alice", "c").allowed
    for _ in range(9):
        clock.advance(1)
        assert not cooldown.check("alice", "c").allowed
    clock.advance(1)
    assert cooldown.check("alice", "c").allowed


def test_channel_cooldown():
    clock = Clock()
    cooldown = FreeTextCooldown(0, 2, clock)
    assert cooldown.check("alice", "c").allowed
    limited = cooldown.check("bob", "c")
    assert not limited.allowed and limited.reason == "channel"
    assert cooldown.check("bob", "other").allowed
    clock.advance(2)
    assert cooldown.check("bob", "c").allowed


def test_notify_once_per_window():
    clock = Clock()
    cooldown = FreeTextCooldown(10, 2, clock)
    assert cooldown.check("alice", "c").allowed
    first = cooldown.check("alice", "c")
    assert not first.allowed and first.notify
    clock.advance(1)
    assert not cooldown.check("alice", "c").notify
    clock.advance(5)
    assert not cooldown.check("alice", "c").notify
    clock.advance(4)
    assert cooldown.check("alice", "c").allowed
    assert cooldown.check("alice", "c").notify


def test_zero_disables():
    cooldown = FreeTextCooldown(0, 0, Clock())
    assert all(cooldown.check("alice", "c").allowed for _ in range(5))


def test_tables_are_pruned():
    clock = Clock()
    cooldown = FreeTextCooldown(1, 1, clock, max_entries=10)
    for n in range(50):
        clock.advance(2)
        cooldown.check(f"user{n}", f"channel{n}")
    assert len(cooldown._users) + len(cooldown._channels) <= 12
