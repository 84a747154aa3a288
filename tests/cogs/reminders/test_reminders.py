"""Starting-soon reminders, /remind DMs and schedule-change posts, through simcord.

The bot's clock follows simcord's virtual clock, shifted to the test event (``START``), so
``env.advance_time`` drives both the reminder loop and the bot's "now". The store is opened by
the fixture (outside the bot, as the runner does) on a temporary file.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from types import SimpleNamespace

import aiohttp
import discord
import pytest
import simcord
from eventbot_fixtures import DAY1, DAY2, at
from eventbot_fixtures import session as make_session
from simcord_checks import SimClock

from bot.agenda.changes import schedule_slot
from bot.agenda.reminders_due import reminder_key
from bot.cogs.reminders._cog import RemindersCog, on_knowledge_replaced
from bot.discord_app.delivery import nonce_for
from bot.discord_app.factory import EventBot, create_bot
from bot.kb.model import KnowledgeBase
from bot.settings import Settings
from bot.store import Store

START = at(DAY1, 9, 20)
KEYNOTE = at(DAY1, 9, 30)


@pytest.fixture
def clock() -> SimClock:
    return SimClock(START)


@pytest.fixture
def settings(request) -> Settings:
    marker = request.node.get_closest_marker("bot")
    options = {
        "discord_token": "test.token.value",
        "questions_channels": ("questions",),
        "room_channels": {"beta": "room-beta"},
        "schedule_updates_channel": "schedule",
        **(marker.kwargs if marker else {}),
    }
    return Settings(**options)


def build(settings, kb, clock, store) -> EventBot:
    return create_bot(settings, kb, clock=clock, store=store)


@pytest.fixture
def simcord_bot(settings, kb, clock, store) -> EventBot:
    return build(settings, kb, clock, store)


@dataclass
class World:
    env: simcord.Env
    bot: EventBot
    clock: SimClock
    general: simcord.ChannelHandle
    announcements: simcord.ChannelHandle
    room_beta: simcord.ChannelHandle
    schedule: simcord.ChannelHandle
    bob: simcord.MemberActor
    bob_user: simcord.UserHandle

    async def run_until(self, when: datetime) -> None:
        """Advance virtual time until the bot's clock reads ``when``."""
        seconds = (when - self.bot.now()).total_seconds()
        assert seconds >= 0, f"already past {when}"
        await self.env.advance_time(seconds)

    def jump_to(self, when: datetime) -> None:
        """Move the bot's clock at once (as if it had been off), without running the loop."""
        self.clock.offset += when - self.bot.now()


@pytest.fixture
async def world(simcord_env, clock) -> World:
    env = simcord_env
    guild = env.create_guild("Conf")
    general = guild.create_text_channel("general")
    announcements = guild.create_text_channel("announcements")
    room_beta = guild.create_text_channel("room-beta")
    schedule = guild.create_text_channel("schedule")
    bob_user = env.create_user("bob")
    bob = guild.add_member(bob_user)
    await env.bot.tree.sync()
    return World(env, env.bot, clock, general, announcements, room_beta, schedule, bob, bob_user)


def posted(channel) -> list[discord.Message]:
    return [m for m in channel.history() if not m.flags.ephemeral]


def titles(channel) -> list[str]:
    return [m.embeds[0].title for m in posted(channel)]


def reply_text(result) -> str:
    response = result.response
    parts = [response.content or ""]
    for embed in response.embeds:
        parts += [embed.title or "", embed.description or ""]
    return "\n".join(parts)


# -- starting soon --------------------------------------------------------------------------------


@pytest.fixture(params=["UTC", "Pacific/Kiritimati"])
def host_tz(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


async def test_reminder_fires_once_at_the_right_minute(world: World, host_tz: str) -> None:
    await world.run_until(KEYNOTE - timedelta(minutes=5, seconds=1))
    assert posted(world.announcements) == []
    await world.env.advance_time(21)
    (message,) = posted(world.announcements)
    sent_at = message.created_at + world.clock.offset
    assert KEYNOTE - timedelta(minutes=5) <= sent_at < KEYNOTE - timedelta(minutes=4)
    embed = message.embeds[0]
    assert embed.title == "Starting soon: Opening keynote: securing containers"
    start = int(KEYNOTE.timestamp())
    assert f"<t:{start}:R>" in embed.description and f"<t:{start}:t>" in embed.description
    assert not message.mentions and not message.role_mentions
    await world.run_until(at(DAY1, 9, 45))
    assert len(posted(world.announcements)) == 1
    assert posted(world.room_beta) == [], "the keynote is in Alpha, which has no room channel"


async def test_parallel_sessions_and_the_room_channel(world: World) -> None:
    world.jump_to(at(DAY1, 10, 20))
    await world.run_until(at(DAY1, 10, 26))
    assert sorted(titles(world.announcements)) == [
        "Starting soon: Docker's new LinuxKit",
        "Starting soon: Kubernetes in production",
    ]
    assert titles(world.room_beta) == ["Starting soon: Docker's new LinuxKit"]


@pytest.mark.bot(reminder_minutes=15)
async def test_lead_is_configurable(world: World) -> None:
    world.jump_to(at(DAY1, 11, 10))
    await world.run_until(at(DAY1, 11, 15) - timedelta(seconds=1))
    assert posted(world.announcements) == []
    await world.env.advance_time(21)
    assert titles(world.announcements) == ["Starting soon: Helm charts for everyone"]


async def test_restart_does_not_repeat(world: World, settings, kb, clock, store) -> None:
    await world.run_until(KEYNOTE - timedelta(minutes=4))
    assert len(posted(world.announcements)) == 1
    await world.env.restart_bot(build(settings, kb, clock, store))
    await world.run_until(KEYNOTE)
    assert len(posted(world.announcements)) == 1


async def test_reload_after_the_reminder_does_not_repeat(world: World, kb) -> None:
    await world.run_until(KEYNOTE - timedelta(minutes=4))
    assert len(posted(world.announcements)) == 1
    same_schedule = replace(kb, source="reloaded")  # a reload: a new, equal knowledge base
    world.bot.replace_knowledge(same_schedule)
    await on_knowledge_replaced(world.bot, kb, same_schedule)
    await world.run_until(KEYNOTE)
    assert len(posted(world.announcements)) == 1
    assert posted(world.schedule) == []


async def test_down_during_the_window_is_reminded_on_return(world: World) -> None:
    world.jump_to(KEYNOTE - timedelta(minutes=2))  # the bot was off at 9:25
    await world.env.advance_time(20)
    assert len(posted(world.announcements)) == 1
    world.jump_to(at(DAY1, 10, 29))
    await world.env.advance_time(20)
    assert len(posted(world.announcements)) == 3, "10:30 sessions; not the keynote again"


async def test_two_bots_on_one_database_post_once(world: World, tmp_path) -> None:
    other = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    try:
        target = f"channel:{world.announcements.id}"
        assert await other.claim_reminder("keynote", KEYNOTE, target)  # the other bot posted
        await other.confirm_reminder("keynote", KEYNOTE, target)
        await world.run_until(KEYNOTE)
        assert posted(world.announcements) == []
        assert not await other.claim_reminder("keynote", KEYNOTE, target)
    finally:
        await other.close()


async def test_moved_session_is_reminded_at_its_new_time(world: World, kb) -> None:
    keynote = kb.session("keynote")
    later = replace(keynote, start=at(DAY1, 9, 50), end=at(DAY1, 10, 20))
    new_kb = _with_sessions(kb, later)
    world.bot.replace_knowledge(new_kb)
    await world.run_until(at(DAY1, 9, 40))
    assert posted(world.announcements) == []
    await world.run_until(at(DAY1, 9, 46))
    assert titles(world.announcements) == ["Starting soon: Opening keynote: securing containers"]
    assert (
        f"<t:{int(later.start.timestamp())}:R>"
        in posted(world.announcements)[0].embeds[0].description
    )
    # the loop noticed the replaced knowledge base and posted the move once
    (update,) = posted(world.schedule)
    assert "Moved" in update.embeds[0].description


# -- schedule updates ------------------------------------------------------------------------------


def _with_sessions(kb: KnowledgeBase, *changed, drop: tuple[str, ...] = ()) -> KnowledgeBase:
    by_id = {s.id: s for s in kb.sessions if s.id not in drop}
    for session in changed:
        by_id[session.id] = session
    return replace(kb, sessions=tuple(by_id.values()))


async def test_reload_posts_new_cancelled_moved_once(world: World, kb) -> None:
    helm = kb.session("helm-charts")
    moved = replace(helm, room="Alpha", start=at(DAY1, 12, 0), end=at(DAY1, 12, 45))
    added = replace(kb.session("ci-pipelines"), id="lightning", start=at(DAY1, 17, 0))
    old = kb
    new = _with_sessions(kb, moved, added, drop=("monitoring",))
    world.bot.replace_knowledge(new)
    await on_knowledge_replaced(world.bot, old, new)  # what /kb reload calls
    await world.env.advance_time(60)  # the loop sees the same replacement: not posted again
    (message,) = posted(world.schedule)
    text = message.embeds[0].description
    lines = text.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Moved: **Helm charts for everyone**")
    assert f"<t:{int(moved.start.timestamp())}:f>" in lines[0] and "Room Alpha" in lines[0]
    assert f"was <t:{int(helm.start.timestamp())}:f>, Room Beta" in lines[0]
    assert lines[1].startswith("Cancelled: **Monitoring with Prometheus**")
    assert lines[2].startswith("New: **Continuous delivery pipelines**")
    assert message.embeds[0].title == "Schedule update"


async def test_reload_without_schedule_change_posts_nothing(world: World, kb) -> None:
    edited = replace(kb, source="elsewhere")
    world.bot.replace_knowledge(edited)
    await on_knowledge_replaced(world.bot, kb, edited)
    await world.env.advance_time(30)
    assert posted(world.schedule) == []


async def test_many_changes_are_split_into_messages_within_discord_limits(world: World, kb) -> None:
    """60 long-titled sessions moved at once: several messages, each within 10 embeds and
    6000 characters (Discord refuses the whole message otherwise), every change in one."""
    many = [
        make_session(
            f"talk-{n}",
            f"Talk {n:02d}: " + "a long title about containers in production " * 3,
            DAY2,
            9 + n // 6,
            (n % 6) * 10,
            minutes=10,
            room=f"Room {n % 4}",
        )
        for n in range(60)
    ]
    old = replace(kb, sessions=(*kb.sessions, *many))
    world.bot.replace_knowledge(old)
    await world.env.advance_time(30)  # the loop posts these as new (also split)
    before = len(posted(world.schedule))
    moved = [
        replace(s, start=s.start + timedelta(minutes=15), end=s.end + timedelta(minutes=15))
        for s in many
    ]
    new = replace(kb, sessions=(*kb.sessions, *moved))
    world.bot.replace_knowledge(new)
    await on_knowledge_replaced(world.bot, old, new)
    await world.env.advance_time(60)  # the loop sees the same replacement: not posted again

    messages = posted(world.schedule)[before:]
    assert len(messages) > 1
    lines = []
    for message in messages:
        assert 1 <= len(message.embeds) <= 10
        assert sum(len(embed) for embed in message.embeds) <= 6000
        for embed in message.embeds:
            assert embed.title == "Schedule update" and len(embed.description) <= 4096
            lines += embed.description.splitlines()
    assert len(lines) == 60
    assert all(line.startswith("Moved: **Talk ") and "…" not in line for line in lines)
    assert [line[len("Moved: **Talk ") :][:2] for line in lines] == [f"{n:02d}" for n in range(60)]


# -- /remind and /reminders ------------------------------------------------------------------------


async def test_remind_sends_a_dm_once(world: World) -> None:
    result = await world.bob.slash(world.general, "remind", session="keynote")
    assert result.ephemeral
    assert "Opening keynote" in reply_text(result) and "5 min" in reply_text(result)
    again = await world.bob.slash(world.general, "remind", session="opening keynote")
    assert "already" in reply_text(again)

    listing = await world.bob.slash(world.general, "reminders list")
    assert "Opening keynote" in reply_text(listing)

    await world.run_until(KEYNOTE)
    dms = [m for m in world.bob_user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert len(dms) == 1
    assert dms[0].embeds[0].title.startswith("Starting soon: Opening keynote")
    await world.run_until(KEYNOTE + timedelta(minutes=5))
    assert len(world.bob_user.dm_channel.history()) == 1


async def test_remind_autocomplete_offers_upcoming_sessions(world: World) -> None:
    choices = await world.bob.autocomplete(world.general, "remind", "session", "kubernetes")
    assert "k8s-prod" in [c["value"] for c in choices]
    world.jump_to(at(DAY1, 11, 0))
    choices = await world.bob.autocomplete(world.general, "remind", "session", "kubernetes")
    assert "k8s-prod" not in [c["value"] for c in choices], "already started"


async def test_remove_reminder(world: World) -> None:
    await world.bob.slash(world.general, "remind", session="keynote")
    choices = await world.bob.autocomplete(world.general, "reminders cancel", "session", "")
    assert [c["value"] for c in choices] == ["keynote"]
    removed = await world.bob.slash(world.general, "reminders cancel", session="keynote")
    assert "removed" in reply_text(removed)
    listing = await world.bob.slash(world.general, "reminders list")
    assert "no session reminders" in reply_text(listing)
    await world.run_until(KEYNOTE)
    assert world.bob_user.dm_channel.history() == []


async def test_remind_refuses_unknown_or_started_sessions(world: World) -> None:
    unknown = await world.bob.slash(world.general, "remind", session="underwater basket weaving")
    assert "No session matches" in reply_text(unknown)
    assert unknown.ephemeral
    world.jump_to(at(DAY1, 9, 40))
    started = await world.bob.slash(world.general, "remind", session="keynote")
    assert "already started" in reply_text(started)
    assert await world.bot.store.subscriptions(world.general.guild.id, world.bob.id) == []


async def test_closed_dms_are_handled_quietly(world: World, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bot.cogs.reminders")
    await world.bob.slash(world.general, "remind", session="keynote")
    world.env.inject_error(
        "POST",
        f"/channels/{world.bob_user.dm_channel.id}/messages",
        status=403,
        code=50007,
        message="Cannot send messages to this user",
        times=None,
    )
    await world.run_until(KEYNOTE)
    assert len(posted(world.announcements)) == 1, "the channel reminder still went out"
    assert world.env.errors == []
    assert "not delivered" in caplog.text


async def test_a_network_error_on_one_update_message_does_not_stop_the_others(
    world: World, kb, monkeypatch, caplog
) -> None:
    many = [
        make_session(
            f"talk-{n}",
            f"Talk {n:02d}: " + "containers in production " * 6,
            DAY2,
            9 + n // 6,
            (n % 6) * 10,
            minutes=10,
            room=f"Room {n % 4}",
        )
        for n in range(60)
    ]
    old = replace(kb, sessions=(*kb.sessions, *many))
    world.bot.replace_knowledge(old)
    await world.env.advance_time(30)
    before = len(posted(world.schedule))
    moved = [
        replace(s, start=s.start + timedelta(minutes=15), end=s.end + timedelta(minutes=15))
        for s in many
    ]
    new = replace(kb, sessions=(*kb.sessions, *moved))
    original = discord.abc.Messageable.send
    calls = []

    async def flaky_send(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise TimeoutError
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(discord.abc.Messageable, "send", flaky_send)
    world.bot.replace_knowledge(new)
    await on_knowledge_replaced(world.bot, old, new)
    assert len(calls) > 1, "the next message was still sent"
    assert len(posted(world.schedule)) - before == len(calls) - 1
    assert "cannot post schedule changes (message 1 of" in caplog.text


# -- passing failures ------------------------------------------------------------------------------


def record_posts(monkeypatch, world: World, channel_id: int, fail: list[BaseException]) -> list:
    """Spy on the bot's POSTs to ``channel_id``: each one's nonce; the first ones raise the
    errors in ``fail`` (a timeout, a network error: what simcord's HTTP errors cannot show)."""
    http = world.bot.http
    original = http.request
    nonces: list = []

    async def request(route, **kwargs):
        if route.method == "POST" and route.url.endswith(f"/channels/{channel_id}/messages"):
            nonces.append((kwargs.get("json") or {}).get("nonce"))
            if fail:
                raise fail.pop(0)
        return await original(route, **kwargs)

    monkeypatch.setattr(http, "request", request)
    return nonces


@pytest.mark.parametrize(
    "error",
    [TimeoutError(), aiohttp.ClientConnectionError("reset"), "503"],
    ids=["timeout", "network", "5xx"],
)
async def test_a_passing_failure_is_retried_with_the_same_nonce(
    world: World, monkeypatch, caplog, error
) -> None:
    fail = [] if error == "503" else [error]
    if error == "503":
        path = f"/channels/{world.announcements.id}/messages"
        world.env.inject_error("POST", path, status=503, times=1)
    nonces = record_posts(monkeypatch, world, world.announcements.id, fail)
    await world.run_until(KEYNOTE - timedelta(minutes=5) + timedelta(seconds=30))
    assert "will retry at the next tick (attempt 1)" in caplog.text
    await world.run_until(KEYNOTE)
    assert titles(world.announcements) == ["Starting soon: Opening keynote: securing containers"]
    assert len(nonces) == 2 and nonces[0] == nonces[1] and nonces[0]


async def test_a_reminder_that_keeps_failing_is_logged_when_its_window_closes(
    world: World, caplog
) -> None:
    world.env.inject_error(
        "POST", f"/channels/{world.announcements.id}/messages", status=502, times=None
    )
    await world.run_until(KEYNOTE + timedelta(minutes=2))
    assert posted(world.announcements) == []
    assert caplog.text.count("will retry at the next tick") >= 10
    assert "not delivered: " in caplog.text and "gave up" in caplog.text
    store = world.bot.store
    target = f"channel:{world.announcements.id}"
    assert await store.claim_reminder("keynote", KEYNOTE, target), "the claim was given back"


# -- schedule changes: each posted once, across restarts and processes ---------------------------


def moved_helm(kb: KnowledgeBase) -> KnowledgeBase:
    helm = kb.session("helm-charts")
    return _with_sessions(kb, replace(helm, start=at(DAY1, 12, 0), end=at(DAY1, 12, 45)))


def second_process(world: World, store: Store, kb: KnowledgeBase):
    """Another bot process on the same database and the same Discord: its own store (and
    claim token), its own reminders cog, the same channels."""
    bot = SimpleNamespace(
        kb=kb,
        settings=world.bot.settings,
        store=store,
        now=world.bot.now,
        guilds=world.bot.guilds,
        get_guild=world.bot.get_guild,
    )
    return RemindersCog(bot)


async def test_two_bots_on_one_database_post_each_schedule_change_once(
    world: World, kb, tmp_path
) -> None:
    await world.env.advance_time(30)  # both running: the schedule is taken as announced
    other_store = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    try:
        new = moved_helm(kb)
        other = second_process(world, other_store, new)
        world.bot.replace_knowledge(new)
        await asyncio.gather(
            on_knowledge_replaced(world.bot, kb, new), other.on_knowledge_replaced(None, kb, new)
        )
        await world.env.advance_time(60)
        await other.updates.check_knowledge()
    finally:
        await other_store.close()
    (update,) = posted(world.schedule)
    assert update.embeds[0].description.startswith("Moved: **Helm charts for everyone**")


async def test_a_change_made_while_the_bot_was_down_is_posted_once_at_start(
    world: World, settings, kb, clock, store
) -> None:
    await world.env.advance_time(30)
    assert posted(world.schedule) == []
    new = moved_helm(kb)  # edited while the bot was stopped
    for _ in range(2):  # started on the new files, then restarted again
        await world.env.restart_bot(build(settings, new, clock, store))
        await world.env.advance_time(30)
    (update,) = posted(world.schedule)
    assert update.embeds[0].description.startswith("Moved: **Helm charts for everyone**")


async def test_a_failed_schedule_post_is_given_back_and_retried_with_the_same_nonce(
    world: World, kb, monkeypatch, caplog
) -> None:
    await world.env.advance_time(30)
    nonces = record_posts(monkeypatch, world, world.schedule.id, [TimeoutError()])
    new = moved_helm(kb)
    world.bot.replace_knowledge(new)
    await on_knowledge_replaced(world.bot, kb, new)
    assert posted(world.schedule) == [] and "will retry" in caplog.text
    await world.env.advance_time(30)
    await world.env.advance_time(30)
    (update,) = posted(world.schedule)
    assert "Helm charts" in update.embeds[0].description
    assert len(nonces) == 2 and nonces[0] == nonces[1]


async def test_a_crash_between_claim_and_post_is_reported_at_start(
    world: World, settings, kb, clock, store, tmp_path, caplog
) -> None:
    await world.env.advance_time(30)
    crashed = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    slot = (await crashed.announced_schedule())["helm-charts"]
    helm = moved_helm(kb).session("helm-charts")
    row = ("helm-charts", slot.slot, schedule_slot(helm), slot.title)
    assert await crashed.claim_schedule_changes([row], post=[True]) == [True]
    await crashed.close()  # killed before posting
    await world.env.restart_bot(build(settings, moved_helm(kb), clock, store))
    await world.env.advance_time(30)
    assert "schedule change of session helm-charts may not have been posted" in caplog.text
    assert posted(world.schedule) == [], "at most once"


async def test_a_reload_that_cancels_most_sessions_waits_for_an_organiser(
    world: World, kb, caplog
) -> None:
    await world.env.advance_time(30)
    keep = ("keynote", "closing")
    truncated = _with_sessions(kb, drop=tuple(s.id for s in kb.sessions if s.id not in keep))
    world.bot.replace_knowledge(truncated)
    outcome = await on_knowledge_replaced(world.bot, kb, truncated)
    await world.env.advance_time(60)
    assert posted(world.schedule) == [], "no phantom cancellations"
    assert "cancels 7 of the 9 announced sessions" in outcome.confirmation_prompt("en")
    assert "NOT posted until an organiser confirms" in caplog.text
    assert await outcome.confirm(True, "en") == "The 7 cancellation(s) were posted."
    lines = [
        line
        for m in posted(world.schedule)
        for e in m.embeds
        for line in e.description.splitlines()
    ]
    assert len(lines) == 7 and all(line.startswith("Cancelled: ") for line in lines)
    await world.env.advance_time(60)
    assert len(posted(world.schedule)) == 1


async def test_held_cancellations_can_be_taken_without_a_post(world: World, kb) -> None:
    await world.env.advance_time(30)
    truncated = _with_sessions(kb, drop=tuple(s.id for s in kb.sessions if s.id != "closing"))
    world.bot.replace_knowledge(truncated)
    outcome = await on_knowledge_replaced(world.bot, kb, truncated)
    assert "without a post" in await outcome.confirm(False, "en")
    again = await on_knowledge_replaced(world.bot, kb, truncated)
    assert again.confirmation_prompt("en") is None
    await world.env.advance_time(60)
    assert posted(world.schedule) == []


# -- subscribers who left ------------------------------------------------------------------------


async def test_no_dm_to_a_subscriber_who_left_the_event_server(
    world: World, store: Store, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot.cogs.reminders")
    await world.bob.slash(world.general, "remind", session="keynote")
    await world.bob.slash(world.general, "remind", session="closing")
    other = world.env.create_guild("Another server")
    other.add_member(world.bob_user)  # bob and the bot still share a server: a DM would work
    world.general.guild.remove_member(world.bob)
    await world.run_until(KEYNOTE)
    assert world.bob_user.dm_channel.history() == []
    assert len(posted(world.announcements)) == 1, "the channel reminder still went out"
    assert await store.subscriptions(world.general.guild.id, world.bob.id) == []
    assert "left server" in caplog.text and "2 subscription(s) dropped" in caplog.text
    assert str(world.bob.id) not in caplog.text


async def test_a_failed_membership_check_is_asked_again_not_dropped(
    world: World, store: Store
) -> None:
    await world.bob.slash(world.general, "remind", session="keynote")
    guild_id = world.general.guild.id
    # without the members intent the member is not cached: the bot asks Discord
    assert world.bot.get_guild(guild_id).get_member(world.bob.id) is None
    world.env.inject_error("GET", f"/guilds/{guild_id}/members/{world.bob.id}", status=503)
    await world.run_until(KEYNOTE)
    dms = [m for m in world.bob_user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert len(dms) == 1, "asked again at the next tick, then sent"
    assert await store.subscriptions(guild_id, world.bob.id) == ["keynote"]


async def test_a_reminder_claimed_by_a_process_killed_before_sending_is_sent(
    world: World, tmp_path, monkeypatch
) -> None:
    world.bot.get_cog("RemindersCog").scheduler.cancel()  # this bot is "starting up"
    await world.run_until(KEYNOTE - timedelta(minutes=5))
    killed = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    target = f"channel:{world.announcements.id}"
    assert await killed.claim_reminder("keynote", KEYNOTE, target, now=world.bot.now())
    await killed.close()  # killed between the claim and the send
    nonces = record_posts(monkeypatch, world, world.announcements.id, [])
    cog = world.bot.get_cog("RemindersCog")
    assert await cog.starting_soon.send_due() == 0, "maybe still in flight over there: not yet"
    await world.env.advance_time(25)
    assert await cog.starting_soon.send_due() == 1
    assert titles(world.announcements) == ["Starting soon: Opening keynote: securing containers"]
    assert nonces == [
        nonce_for("r", "keynote", reminder_key(world.bot.kb.session("keynote"))[1], target)
    ]
    await world.env.advance_time(25)
    assert await cog.starting_soon.send_due() == 0, "confirmed: never again"
