"""The programme from SCHEDULE_URL while the bot runs, through simcord with virtual time: a
real export served on 127.0.0.1, then a modified one (posted, served, reminded at the new
times), then faults (told to organisers once), ``/kb sync`` and ``/kb sync force``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import simcord
from schedule_server import ScheduleServer, empty_export, modified_export, real_export
from simcord_checks import SimClock, assert_never_pinged, manager, sync_for_organisers

from bot.agenda.reminders_due import due_reminders
from bot.discord_app.errors import NotOrganiser
from bot.discord_app.factory import EventBot, create_bot
from bot.importers import import_schedule_bytes
from bot.kb import KnowledgeBase, load_knowledge
from bot.settings import Settings

POLL = 5 * 60
BEFORE_EVENT = datetime(2020, 12, 26, 12, tzinfo=UTC)  # rC3 starts on 27 December 2020
ZONE = "Europe/Berlin"  # rC3's export does not name its zone


@pytest.fixture
async def server():
    served = ScheduleServer()
    served.serve(real_export())
    await served.start()
    yield served
    await served.stop()


@pytest.fixture
def knowledge(tmp_path: Path, server: ScheduleServer) -> Path:
    folder = tmp_path / "knowledge"
    import_schedule_bytes(server.body, server.url, folder, timezone=ZONE)
    return folder


@pytest.fixture
def clock() -> SimClock:
    return SimClock(BEFORE_EVENT)


@pytest.fixture
def settings(request, knowledge: Path, server: ScheduleServer) -> Settings:
    marker = request.node.get_closest_marker("bot")
    options = {
        "discord_token": "test.token.value",
        "knowledge_dir": knowledge,
        "schedule_url": server.url,
        "schedule_timezone": ZONE,
        "schedule_updates_channel": "schedule",
        "organiser_channel": "organisers",
        **(marker.kwargs if marker else {}),
    }
    return Settings(**options)


@pytest.fixture
def kb(knowledge: Path) -> KnowledgeBase:
    return load_knowledge(knowledge)


@pytest.fixture
def simcord_bot(settings, kb, clock, store) -> EventBot:
    return create_bot(settings, kb, clock=clock, store=store)


@dataclass
class World:
    env: simcord.Env
    bot: EventBot
    server: ScheduleServer
    general: simcord.ChannelHandle
    schedule: simcord.ChannelHandle
    organisers: simcord.ChannelHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor

    async def poll(self) -> None:
        await self.env.advance_time(POLL)


@pytest.fixture
async def world(simcord_env, server) -> World:
    env = simcord_env
    guild = env.create_guild("rC3")
    general = guild.create_text_channel("general")
    schedule = guild.create_text_channel("schedule")
    organisers = guild.create_text_channel("organisers")
    role = guild.create_role("Organiser")
    alice = guild.add_member(env.create_user("alice"), roles=[role])
    bob = guild.add_member(env.create_user("bob"))
    await sync_for_organisers(env, guild, role)
    # /kb changes the bot in every server: a role named "Organiser" counts in the event's
    # server only (DISCORD_GUILD_ID)
    env.bot.settings = replace(env.bot.settings, guild_id=guild.id)
    await env.advance_time(1)  # the first poll, right after start
    yield World(env, env.bot, server, general, schedule, organisers, alice, bob)
    assert_never_pinged(env)


def posts(channel) -> list[str]:
    return [
        " ".join(f"{e.title} {e.description}" for e in m.embeds) or m.content
        for m in channel.history()
        if not m.flags.ephemeral
    ]


def reply(res) -> str:
    messages = [*res.followups, res.response]
    return " ".join(e.description or "" for m in messages if m is not None for e in m.embeds)


async def test_polls_apply_a_changed_programme_and_304s_cost_nothing(world: World) -> None:
    assert world.server.statuses == [200]  # at start: fetched, unchanged, nothing posted
    assert posts(world.schedule) == []
    old = world.bot.kb
    world.server.serve(modified_export(world.server.body))
    await world.poll()
    assert world.server.statuses == [200, 200]
    new = world.bot.kb
    assert new is not old
    (update,) = posts(world.schedule)
    assert "Cancelled" in update and "Moved" in update and "Stubnitz deck" in update
    moved = next(s for s in new.sessions if (o := old.get("session", s.id)) and o.start != s.start)
    # Reminders follow the new time: due at the new start minus the lead, not at the old one.
    lead = timedelta(minutes=world.bot.settings.reminder_minutes)
    old_start = old.get("session", moved.id).start
    assert moved.id in {r.session.id for r in due_reminders(new, moved.start - lead, lead)}
    assert moved.id not in {r.session.id for r in due_reminders(new, old_start - lead, lead)}
    count = len(world.server.requests)
    await world.poll()
    assert world.server.statuses[count:] == [304]
    assert world.bot.kb is new and len(posts(world.schedule)) == 1
    assert posts(world.organisers) == []


async def test_faults_keep_the_programme_and_organisers_are_told_once(world: World) -> None:
    running = world.bot.kb
    world.server.status = 503
    await world.poll()
    await world.poll()
    await world.poll()
    assert world.server.statuses[-3:] == [503, 503, 503]
    (told,) = posts(world.organisers)
    assert "HTTP 503" in told and "keeps the programme" in told
    assert world.bot.kb is running
    world.server.serve(empty_export(world.server.body))
    await world.poll()
    await world.poll()
    assert len(posts(world.organisers)) == 2
    assert "no scheduled session" in posts(world.organisers)[-1]
    assert "/kb sync force:True" in posts(world.organisers)[-1]
    assert world.bot.kb is running and posts(world.schedule) == []
    world.server.serve(modified_export(real_export()))
    await world.poll()
    assert "can be fetched again" in posts(world.organisers)[-1]
    assert len(posts(world.organisers)) == 3
    assert world.bot.kb is not running and len(posts(world.schedule)) == 1


async def test_kb_sync_fetches_now_and_force_applies_an_empty_programme(world: World) -> None:
    res = await world.alice.slash(world.general, "kb sync")
    assert res.ephemeral and "has not changed" in reply(res)
    assert world.server.statuses[-1] == 304
    world.server.serve(empty_export(world.server.body))
    res = await world.alice.slash(world.general, "kb sync")
    assert "no scheduled session" in reply(res) and "/kb sync force:True" in reply(res)
    assert len(world.bot.kb.sessions) == 48
    res = await world.alice.slash(world.general, "kb sync", force=True)
    assert "Programme updated" in reply(res) and "48 removed" in reply(res)
    assert "posted in #schedule" in reply(res)
    assert not any(s.start for s in world.bot.kb.sessions)
    assert "can be fetched again" in posts(world.organisers)[-1]


async def test_kb_sync_is_for_organisers(world: World) -> None:
    count = len(world.server.requests)
    with pytest.raises(simcord.SetupError, match="not visible"):
        await world.bob.slash(world.general, "kb sync")  # hidden from attendees
    carol = manager(world.env, world.general.guild)  # sees it (Manage Server), no role
    res = await carol.slash(world.general, "kb sync")
    assert res.ephemeral and "Organiser" in res.response.embeds[0].description
    assert len(world.server.requests) == count
    assert {type(error) for error in world.env.errors} == {NotOrganiser}


@pytest.mark.bot(schedule_url="")
async def test_without_a_url_nothing_is_fetched_and_kb_sync_says_why(world: World) -> None:
    await world.poll()
    assert world.server.requests == []
    res = await world.alice.slash(world.general, "kb sync")
    assert "SCHEDULE_URL is not set" in reply(res)
