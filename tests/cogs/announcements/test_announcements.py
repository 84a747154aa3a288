"""/announce and /announcements through simcord, with virtual time driving the scheduler.

The bot's clock follows simcord's virtual clock (shifted to the test event's day), so
``env.advance_time`` moves both the scheduler loop and what the bot thinks "now" is. The
store is opened by the fixture, outside the bot (as the runner does), on a temporary file.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, timedelta

import aiohttp
import discord
import pytest
import simcord
from eventbot_fixtures import DAY1, at
from simcord_checks import SimClock, manager, sync_for_organisers

import bot.cogs.announcements._cog as announcements_cog
from bot.discord_app.errors import NotOrganiser, permission_names
from bot.discord_app.factory import EventBot, create_bot
from bot.store import Store, StoreError

START = at(DAY1, 10, 0)


@pytest.fixture
def clock() -> SimClock:
    return SimClock(START)


def build(settings, kb, clock, store) -> EventBot:
    return create_bot(settings, kb, clock=clock, store=store)


@pytest.fixture
def simcord_bot(settings, kb, clock, store) -> EventBot:
    return build(settings, kb, clock, store)


@dataclass
class World:
    env: simcord.Env
    bot: EventBot
    guild: simcord.GuildHandle
    general: simcord.ChannelHandle
    announcements: simcord.ChannelHandle
    organiser: simcord.RoleHandle
    attendees: simcord.RoleHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor


@pytest.fixture
async def world(simcord_env) -> World:
    env = simcord_env
    guild = env.create_guild("Conf")
    general = guild.create_text_channel("general")
    announcements = guild.create_text_channel("announcements")
    organiser = guild.create_role("Organiser")
    attendees = guild.create_role("Attendees")
    alice = guild.add_member(env.create_user("alice"), roles=[organiser])
    bob = guild.add_member(env.create_user("bob"), roles=[attendees])
    await sync_for_organisers(env, guild, organiser)
    return World(env, env.bot, guild, general, announcements, organiser, attendees, alice, bob)


def posted(channel) -> list[discord.Message]:
    """Announcements posted in ``channel`` (not "starting soon" reminders, not ephemeral)."""
    return [
        m
        for m in channel.history()
        if not m.flags.ephemeral and m.embeds and m.embeds[0].title == "Announcement"
    ]


def text_of(result) -> str:
    response = result.response
    parts = [response.content or ""]
    parts += [e.description or "" for e in response.embeds]
    return "\n".join(parts)


async def confirm(actor, result, label: str = "Post"):
    return await actor.click(result.response.message, label=label)


# -- refusing -------------------------------------------------------------------------------------


async def test_non_organiser_is_refused(world: World) -> None:
    carol = manager(world.env, world.guild)  # sees the commands (Manage Server), no role
    for command, options in (
        ("announce", {"message": "Free beer!"}),
        ("announcements list", {}),
        ("announcements cancel", {"id": 1}),
    ):
        with pytest.raises(simcord.SetupError, match="not visible"):
            await world.bob.slash(world.general, command, **options)
        result = await carol.slash(world.general, command, **options)
        assert result.ephemeral
        assert "Organiser" in text_of(result)
    assert posted(world.announcements) == []
    assert await world.bot.store.pending_announcements() == []
    assert {type(error) for error in world.env.errors} == {NotOrganiser}


# -- now ------------------------------------------------------------------------------------------


async def test_announce_now_previews_then_posts_on_confirm(world: World) -> None:
    result = await world.alice.slash(world.general, "announce", message="Lunch is served")
    assert result.ephemeral
    assert "#announcements" in text_of(result) or "<#" in text_of(result)
    assert result.response.embeds[0].description == "Lunch is served"
    assert posted(world.announcements) == [], "nothing is posted before confirming"

    await confirm(world.alice, result)
    (message,) = posted(world.announcements)
    assert message.embeds[0].description == "Lunch is served"
    assert message.embeds[0].title == "Announcement"
    assert message.content == ""
    assert not message.role_mentions and not message.mention_everyone


async def test_blank_message_is_refused(world: World) -> None:
    result = await world.alice.slash(world.general, "announce", message="   ")
    assert result.ephemeral and "empty" in text_of(result)
    assert result.response.components == []


async def test_cancel_in_preview_posts_nothing(world: World) -> None:
    result = await world.alice.slash(world.general, "announce", message="Oops")
    await confirm(world.alice, result, "Cancel")
    assert posted(world.announcements) == []


async def test_only_the_author_can_confirm(world: World) -> None:
    result = await world.alice.slash(world.general, "announce", message="Mine")
    # bob cannot even see alice's ephemeral preview in his client; simcord refuses the click
    with pytest.raises(simcord.SetupError, match="not visible"):
        await world.bob.click(result.response.message, label="Post")
    assert posted(world.announcements) == []


async def test_ping_only_when_asked(world: World) -> None:
    result = await world.alice.slash(
        world.general,
        "announce",
        message="Doors open @everyone",
        ping=world.attendees,
    )
    assert "Attendees" in text_of(result) or str(world.attendees.id) in text_of(result)
    await confirm(world.alice, result)
    (message,) = posted(world.announcements)
    assert message.content == world.attendees.mention
    record = world.env.backend.messages[world.announcements.id][message.id]
    assert record.ping_role_ids == [world.attendees.id] or set(record.ping_role_ids) == {
        world.attendees.id
    }
    assert not record.mention_everyone


async def test_other_channel(world: World) -> None:
    result = await world.alice.slash(
        world.general, "announce", message="Here", channel=world.general
    )
    await confirm(world.alice, result)
    assert [m.embeds[0].description for m in posted(world.general)] == ["Here"]
    assert posted(world.announcements) == []


# -- later ----------------------------------------------------------------------------------------


async def test_scheduled_announcement_fires_at_its_minute(world: World) -> None:
    result = await world.alice.slash(
        world.general, "announce", message="Keynote in 5", at="in 10 minutes"
    )
    assert "<t:" in text_of(result)
    done = await confirm(world.alice, result, "Schedule")
    due = int((START + timedelta(minutes=10)).timestamp())
    assert done.response.content.startswith("Announcement #1 will be posted in <#")
    assert f"<t:{due}:F>" in done.response.content and f"<t:{due}:R>" in done.response.content
    assert done.response.components == [], "the buttons are gone once used"
    (pending,) = await world.bot.store.pending_announcements()
    assert pending.due_at == START + timedelta(minutes=10)

    await world.env.advance_time(9 * 60)
    assert posted(world.announcements) == []
    await world.env.advance_time(60 + 20)
    (message,) = posted(world.announcements)
    assert message.embeds[0].description == "Keynote in 5"
    assert "late" not in message.embeds[0].description
    assert await world.bot.store.pending_announcements() == []
    await world.env.advance_time(600)
    assert len(posted(world.announcements)) == 1


@pytest.fixture(params=["UTC", "Pacific/Kiritimati"])
def host_tz(request, monkeypatch):
    """The host's time zone (``TZ``) for one test: results must not depend on it."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


async def test_time_of_day_is_the_event_time_zone(world: World, host_tz: str) -> None:
    result = await world.alice.slash(world.general, "announce", message="Coffee", at="10:30")
    await confirm(world.alice, result, "Schedule")
    (pending,) = await world.bot.store.pending_announcements()
    assert pending.due_at == at(DAY1, 10, 30)
    assert pending.due_at.astimezone(UTC).hour == 8


async def test_bad_time_is_explained_and_nothing_stored(world: World) -> None:
    result = await world.alice.slash(world.general, "announce", message="x", at="half past")
    assert result.ephemeral
    assert "14:30" in text_of(result) and "half past" in text_of(result)
    result = await world.alice.slash(world.general, "announce", message="x", at="09:00")
    assert "already passed" in text_of(result)
    assert await world.bot.store.pending_announcements() == []


async def test_list_and_cancel(world: World) -> None:
    for text, when in (("First", "in 20 minutes"), ("Second", "11:00")):
        result = await world.alice.slash(world.general, "announce", message=text, at=when)
        await confirm(world.alice, result, "Schedule")
    listing = await world.alice.slash(world.general, "announcements list")
    assert listing.ephemeral
    shown = text_of(listing)
    assert "First" in shown and "Second" in shown and "#1" in shown and "#2" in shown

    choices = await world.alice.autocomplete(world.general, "announcements cancel", "id", "")
    assert [c["value"] for c in choices] == [1, 2]

    cancelled = await world.alice.slash(world.general, "announcements cancel", id=1)
    assert "#1" in text_of(cancelled)
    again = await world.alice.slash(world.general, "announcements cancel", id=1)
    assert "no scheduled announcement #1" in text_of(again)

    await world.env.advance_time(61 * 60)
    assert [m.embeds[0].description for m in posted(world.announcements)] == ["Second"]


# -- restarts and two schedulers ------------------------------------------------------------------


async def test_restart_does_not_lose_or_repeat(world: World, settings, kb, clock, store) -> None:
    result = await world.alice.slash(world.general, "announce", message="Soon", at="in 2 minutes")
    await confirm(world.alice, result, "Schedule")
    await world.env.advance_time(3 * 60)
    assert len(posted(world.announcements)) == 1

    result = await world.alice.slash(world.general, "announce", message="Later", at="in 5 minutes")
    await confirm(world.alice, result, "Schedule")
    await world.env.restart_bot(build(settings, kb, clock, store))
    await world.env.advance_time(10 * 60)
    assert [m.embeds[0].description for m in posted(world.announcements)] == ["Soon", "Later"]


async def test_missed_while_down_is_posted_late_with_a_note(
    world: World, settings, kb, clock, store
) -> None:
    cog = world.bot.get_cog("AnnouncementsCog")
    cog.scheduler.loop.cancel()  # the bot is "down"
    result = await world.alice.slash(world.general, "announce", message="Late", at="in 1 minute")
    await confirm(world.alice, result, "Schedule")
    await world.env.advance_time(10 * 60)
    assert posted(world.announcements) == []
    await world.env.restart_bot(build(settings, kb, clock, store))
    await world.env.advance_time(20)
    (message,) = posted(world.announcements)
    assert "posted late" in message.embeds[0].description


@pytest.mark.bot(announcement_grace_minutes=5)
async def test_missed_past_the_grace_window_is_skipped(
    world: World, settings, kb, clock, store, caplog
) -> None:
    cog = world.bot.get_cog("AnnouncementsCog")
    cog.scheduler.loop.cancel()
    result = await world.alice.slash(world.general, "announce", message="Stale", at="in 1 minute")
    await confirm(world.alice, result, "Schedule")
    await world.env.advance_time(30 * 60)
    await world.env.restart_bot(build(settings, kb, clock, store))
    await world.env.advance_time(60)
    assert posted(world.announcements) == []
    assert "skipped" in caplog.text
    assert await store.pending_announcements() == []


async def test_two_schedulers_post_once(world: World, tmp_path) -> None:
    result = await world.alice.slash(world.general, "announce", message="Once", at="in 1 minute")
    await confirm(world.alice, result, "Schedule")
    await world.env.advance_time(50)
    # a second bot process on the same database claims at the same moment as the first
    other = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    try:
        claimed, _ = await other.claim_due_announcements(now=world.bot.now())
        await world.env.advance_time(60)
    finally:
        await other.close()
    assert len(claimed) + len(posted(world.announcements)) == 1


async def test_a_failed_post_is_retried_not_lost(world: World, caplog) -> None:
    result = await world.alice.slash(world.general, "announce", message="Retry", at="in 1 minute")
    await confirm(world.alice, result, "Schedule")
    world.env.inject_error("POST", f"/channels/{world.announcements.id}/messages", status=500)
    await world.env.advance_time(100)
    assert "will retry" in caplog.text, "the first attempt failed"
    assert [m.embeds[0].description for m in posted(world.announcements)] == ["Retry"]
    await world.env.advance_time(120)
    assert len(posted(world.announcements)) == 1


# -- failures while posting -----------------------------------------------------------------------


async def schedule_two(world: World) -> None:
    for text in ("First", "Second"):
        result = await world.alice.slash(world.general, "announce", message=text, at="in 1 minute")
        await confirm(world.alice, result, "Schedule")


def fail_first_post(monkeypatch, world: World, error: BaseException) -> list[str]:
    """The bot's first POST to the announcements channel raises ``error`` (a timeout, a
    network error: what simcord's HTTP errors cannot show); returns the calls' log."""
    http = world.bot.http
    original = http.request
    calls: list[str] = []
    target = f"/channels/{world.announcements.id}/messages"

    async def request(route, **kwargs):
        if route.method == "POST" and route.url.endswith(target):
            calls.append(route.url)
            if len(calls) == 1:
                raise error
        return await original(route, **kwargs)

    monkeypatch.setattr(http, "request", request)
    return calls


def descriptions(channel) -> list[str]:
    return sorted(m.embeds[0].description for m in posted(channel))


@pytest.mark.parametrize(
    "error",
    [TimeoutError(), aiohttp.ClientConnectionError("connection reset"), OSError("network down")],
    ids=["timeout", "client-error", "os-error"],
)
async def test_a_network_error_loses_no_announcement_of_the_tick(
    world: World, monkeypatch, caplog, error
) -> None:
    await schedule_two(world)
    calls = fail_first_post(monkeypatch, world, error)
    await world.env.advance_time(80)
    assert "will retry" in caplog.text
    assert len(calls) >= 3, "the second was posted in the same tick, the first retried"
    assert descriptions(world.announcements) == ["First", "Second"]
    await world.env.advance_time(300)
    assert descriptions(world.announcements) == ["First", "Second"], "each posted exactly once"
    assert await world.bot.store.pending_announcements() == []
    for item in (
        await world.bot.store.get_announcement(1),
        await world.bot.store.get_announcement(2),
    ):
        assert item.status == "posted" and item.posted_message_id is not None


async def test_a_retried_send_carries_a_nonce(world: World, monkeypatch) -> None:
    """The same nonce on the retry: Discord returns the first message rather than posting
    again when the timed-out request had reached it."""
    await schedule_two(world)
    nonces: list[str] = []
    original = world.bot.http.request
    failed = []

    async def request(route, **kwargs):
        if route.method == "POST" and route.url.endswith(f"{world.announcements.id}/messages"):
            payload = kwargs.get("json") or {}
            nonces.append(payload.get("nonce"))
            if not failed:
                failed.append(True)
                raise TimeoutError
        return await original(route, **kwargs)

    monkeypatch.setattr(world.bot.http, "request", request)
    await world.env.advance_time(80)
    assert len(nonces) == 3 and nonces[0] == nonces[2] and nonces[0] != nonces[1]
    assert descriptions(world.announcements) == ["First", "Second"]


async def test_a_5xx_fetching_the_channel_is_retried(world: World, monkeypatch, caplog) -> None:
    await schedule_two(world)
    cached = world.bot.get_channel
    monkeypatch.setattr(
        world.bot, "get_channel", lambda cid: None if cid == world.announcements.id else cached(cid)
    )
    world.env.inject_error("GET", f"/channels/{world.announcements.id}", status=503)
    await world.env.advance_time(80)
    assert "will retry" in caplog.text
    assert descriptions(world.announcements) == ["First", "Second"]
    await world.env.advance_time(300)
    assert descriptions(world.announcements) == ["First", "Second"]


@pytest.mark.parametrize("status", [404, 403, 400], ids=["gone", "forbidden", "refused"])
async def test_a_final_refusal_is_not_retried_and_the_others_still_post(
    world: World, caplog, status: int
) -> None:
    result = await world.alice.slash(
        world.general, "announce", message="Elsewhere", at="in 1 minute", channel=world.general
    )
    await confirm(world.alice, result, "Schedule")
    await schedule_two(world)
    world.env.inject_error("POST", f"/channels/{world.general.id}/messages", status=status)
    await world.env.advance_time(300)
    assert "not retried" in caplog.text
    assert posted(world.general) == []
    assert descriptions(world.announcements) == ["First", "Second"]
    refused = await world.bot.store.get_announcement(1)
    assert refused.status == "skipped" and not refused.unconfirmed, "not posted, and said so"
    assert await world.bot.store.pending_announcements() == []


async def test_a_store_error_after_sending_does_not_post_twice(
    world: World, monkeypatch, caplog
) -> None:
    await schedule_two(world)
    store = world.bot.store
    original = store.record_announcement_message
    failures = []

    async def record(announcement_id, message_id):
        if not failures:
            failures.append(announcement_id)
            raise StoreError("locked", "database is locked")
        return await original(announcement_id, message_id)

    monkeypatch.setattr(store, "record_announcement_message", record)
    await world.env.advance_time(80)
    assert failures == [1] and "not recorded" in caplog.text
    assert descriptions(world.announcements) == ["First", "Second"]
    await world.env.advance_time(300)
    assert descriptions(world.announcements) == ["First", "Second"], "sent once, never again"


async def test_stopping_mid_tick_gives_back_what_was_not_posted(world: World, monkeypatch) -> None:
    await schedule_two(world)
    started = asyncio.Event()
    original = world.bot.http.request

    async def request(route, **kwargs):
        if route.method == "POST" and route.url.endswith(f"{world.announcements.id}/messages"):
            started.set()
            await asyncio.sleep(24 * 3600)  # a send that hangs (virtual time)
        return await original(route, **kwargs)

    monkeypatch.setattr(world.bot.http, "request", request)
    cog = world.bot.get_cog("AnnouncementsCog")
    for _ in range(10):
        if started.is_set():
            break
        await world.env.advance_time(15)
    assert started.is_set()
    cog.scheduler.loop.cancel()
    await world.env.advance_time(1)
    pending = await world.bot.store.pending_announcements()
    assert [a.text for a in pending] == ["First", "Second"]
    assert posted(world.announcements) == []


async def test_a_channel_the_bot_cannot_post_in_is_refused_naming_the_permissions(
    world: World,
) -> None:
    muted = world.guild.create_text_channel(
        "muted",
        overwrites={
            world.env.bot.user: discord.PermissionOverwrite(send_messages=False, embed_links=False)
        },
    )
    result = await world.alice.slash(world.general, "announce", message="Hi", channel=muted)
    assert result.ephemeral
    assert "I lack Send Messages, Embed Links there" in text_of(result)
    assert result.response.components == [], "no preview to confirm"
    # the wording is the one the error handler uses for missing permissions (one helper)
    assert announcements_cog.permission_names is permission_names
    assert permission_names(["send_messages", "embed_links"]) == "Send Messages, Embed Links"


async def test_an_announcement_lost_in_a_crash_is_reported_not_reposted(
    world: World, settings, kb, clock, store, tmp_path, caplog
) -> None:
    result = await world.alice.slash(world.general, "announce", message="Lost", at="in 1 minute")
    await confirm(world.alice, result, "Schedule")
    world.bot.get_cog("AnnouncementsCog").scheduler.loop.cancel()
    await world.env.advance_time(70)
    # another process claims it, then is killed before posting (its claim stays)
    crashed = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    (claimed,), _ = await crashed.claim_due_announcements(now=world.bot.now())
    await crashed.close()
    await world.env.restart_bot(build(settings, kb, clock, store))
    assert f"announcement #{claimed.id}" in caplog.text
    assert "may not have been posted" in caplog.text
    await world.env.advance_time(120)
    assert posted(world.announcements) == [], "at most once: never posted twice"
    listing = await world.alice.slash(world.general, "announcements list")
    shown = text_of(listing)
    assert "Lost" in shown and "may not have been posted" in shown
