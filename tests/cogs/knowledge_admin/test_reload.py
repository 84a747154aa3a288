"""Live knowledge reloads: ``/kb reload`` (organisers), the file watcher in the running bot,
and what a failed reload keeps. The watcher's own logic is tested without Discord in
``tests/kb/test_watcher.py``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import discord
import pytest
from kb_files import BROKEN, NEW_SESSION, SESSIONS, write_kb
from simcord_checks import SETTINGS_FIELDS, manager

from bot.cogs.knowledge_admin import KnowledgeAdminCog, reload_embed
from bot.discord_app.errors import NotOrganiser
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.watcher import reload_knowledge
from bot.settings import Settings


def test_reload_reply_lists_every_problem_within_limits(tmp_path: Path) -> None:
    folder = write_kb(tmp_path / "k", "sessions:\n" + "  - id: x\n" * 400)
    result = reload_knowledge(folder)
    assert isinstance(result, KnowledgeError)
    for language in ("en", "fr"):
        embed = reload_embed(result, folder, language)
        assert len(embed) <= 6000 and len(embed.description) <= 4096
        assert "sessions.yaml:3:" in embed.description
        assert ("more" if language == "en" else "de plus") in embed.description


# -- /kb reload through Discord ---------------------------------------------------------------


def reply_embeds(res) -> list[discord.Embed]:
    """The embeds of the (deferred, then followed up) private reply."""
    messages = [*res.followups, res.response]
    return next(m.embeds for m in messages if m is not None and m.embeds)


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "knowledge")


@pytest.fixture
def settings(request, knowledge: Path) -> Settings:
    marker = request.node.get_closest_marker("bot")
    options = {k: v for k, v in (marker.kwargs if marker else {}).items() if k in SETTINGS_FIELDS}
    return Settings(
        discord_token="test.token.value",
        knowledge_dir=knowledge,
        **{"cooldown_seconds": 0.0, "channel_cooldown_seconds": 0.0, **options},
    )


@pytest.fixture
def kb(knowledge: Path) -> KnowledgeBase:
    return load_knowledge(knowledge)


@pytest.fixture
async def world(world):
    """The conftest world with DISCORD_GUILD_ID set to its server: /kb reload changes the bot
    everywhere, so a role matched by name counts only there."""
    world.bot.settings = replace(world.bot.settings, guild_id=world.guild.id)
    return world


async def test_reload_serves_new_data_at_once(world, knowledge: Path) -> None:
    before = await world.bob.autocomplete(world.general, "session find", "query", "webassembly")
    assert all(c["value"] != "wasm-talk" for c in before)
    write_kb(knowledge, SESSIONS + NEW_SESSION)
    res = await world.alice.slash(world.general, "kb reload")
    assert res.ephemeral
    (embed,) = reply_embeds(res)
    assert "2 sessions" in embed.description
    assert str(knowledge) in embed.description
    after = await world.bob.autocomplete(world.general, "session find", "query", "webassembly")
    assert after[0]["value"] == "wasm-talk"
    answered = await world.bob.slash(world.general, "ask", question="when is the wasm talk?")
    assert answered.response.embeds[0].title == "WebAssembly outside the browser"
    await world.bob.send(world.questions, "c'est quand webassembly ?")
    reply = [m for m in world.questions.history() if m.author.id == world.bot.user.id][-1]
    assert reply.embeds[0].title == "WebAssembly hors du navigateur"


async def test_a_failed_reload_keeps_the_running_knowledge(world, knowledge: Path) -> None:
    running = world.bot.kb
    write_kb(knowledge, BROKEN)
    res = await world.alice.slash(world.general, "kb reload")
    assert res.ephemeral
    (embed,) = reply_embeds(res)
    assert "Not reloaded" in embed.description
    assert "sessions.yaml:4:" in embed.description
    assert "sessions.yaml:7:" in embed.description
    assert "nobody" in embed.description
    assert world.bot.kb is running
    choices = await world.bob.autocomplete(world.general, "session find", "query", "linuxkit")
    assert choices[0]["value"] == "linuxkit-talk"
    # Fixed: the next reload works.
    write_kb(knowledge, SESSIONS)
    res = await world.alice.slash(world.general, "kb reload")
    (embed,) = reply_embeds(res)
    assert "1 sessions" in embed.description and world.bot.kb is not running


async def test_reload_is_for_organisers_only(world, knowledge: Path) -> None:
    running = world.bot.kb
    write_kb(knowledge, SESSIONS + NEW_SESSION)
    res = await manager(world.env, world.guild).slash(world.general, "kb reload")
    assert res.ephemeral
    assert "Organiser" in res.response.embeds[0].description
    assert world.bot.kb is running
    assert {type(error) for error in world.env.errors} == {NotOrganiser}


async def test_reload_calls_the_knowledge_replaced_hooks(world, knowledge: Path) -> None:
    calls: list[tuple[object, KnowledgeBase, KnowledgeBase]] = []

    class ScheduleUpdates(discord.ext.commands.Cog):
        async def on_knowledge_replaced(self, bot, old, new) -> None:
            calls.append((bot, old, new))

    def on_bot(bot, old, new) -> None:
        calls.append(("bot", old, new))

    await world.bot.add_cog(ScheduleUpdates())
    world.bot.on_knowledge_replaced = on_bot
    old = world.bot.kb
    write_kb(knowledge, SESSIONS + NEW_SESSION)
    await world.alice.slash(world.general, "kb reload")
    assert [(who if who == "bot" else "cog") for who, _, _ in calls] == ["cog", "bot"]
    assert calls[0][0] is world.bot
    assert all(o is old and n is world.bot.kb for _, o, n in calls)
    # A failed reload calls no hook.
    write_kb(knowledge, BROKEN)
    await world.alice.slash(world.general, "kb reload")
    assert len(calls) == 2


async def test_a_failing_hook_does_not_undo_the_reload(world, knowledge: Path) -> None:
    def broken(bot, old, new) -> None:
        raise RuntimeError("hook bug")

    world.bot.on_knowledge_replaced = broken
    write_kb(knowledge, SESSIONS + NEW_SESSION)
    res = await world.alice.slash(world.general, "kb reload")
    (embed,) = reply_embeds(res)
    assert "2 sessions" in embed.description
    assert world.bot.kb.get("session", "wasm-talk") is not None


@pytest.mark.bot(watch_knowledge=True)
async def test_the_watcher_reloads_without_a_command(world, knowledge: Path) -> None:
    cog = world.bot.get_cog("KnowledgeAdminCog")
    # load_extension imports its own copy of the module: compare by name
    assert type(cog).__name__ == KnowledgeAdminCog.__name__ and cog.watcher is not None
    running = world.bot.kb
    write_kb(knowledge, BROKEN)
    await world.env.advance_time(5)
    assert world.bot.kb is running  # a bad save is never served
    write_kb(knowledge, SESSIONS + NEW_SESSION)
    for _ in range(3):
        await world.env.advance_time(3)
        if world.bot.kb is not running:
            break
    assert world.bot.kb.get("session", "wasm-talk") is not None
    choices = await world.bob.autocomplete(world.general, "session find", "query", "webassembly")
    assert choices[0]["value"] == "wasm-talk"


async def test_no_watcher_unless_asked(world) -> None:
    cog = world.bot.get_cog("KnowledgeAdminCog")
    assert cog.watcher is None and not cog.watch.is_running()


@pytest.mark.bot(schedule_updates_channel="schedule-updates")
async def test_reload_posts_schedule_changes_once(world, knowledge: Path) -> None:
    """End to end with the reminders cog's hook: a moved and a new session are posted once."""
    if world.bot.get_cog("RemindersCog") is None:
        pytest.skip("the reminders cog (schedule-change posts) is not registered in the factory")
    channel = world.guild.create_text_channel("schedule-updates")
    world.clock.now = world.clock.now.replace(year=2030, month=5, day=14, hour=8)
    moved = SESSIONS.replace("10:30", "16:00")
    write_kb(knowledge, moved + NEW_SESSION)
    await world.alice.slash(world.general, "kb reload")
    posts = [m for m in channel.history() if m.author.id == world.bot.user.id]
    assert len(posts) == 1
    text = " ".join(
        f"{e.title} {e.description} {' '.join(f.value for f in e.fields)}" for e in posts[0].embeds
    )
    assert "LinuxKit" in text and "WebAssembly" in text
    await world.env.advance_time(120)  # the reminders loop must not post it again
    assert len([m for m in channel.history() if m.author.id == world.bot.user.id]) == 1


# -- half-written files --------------------------------------------------------------------------

FOUR_SESSIONS = "sessions:\n" + "".join(
    f"""\
  - id: talk-{n}
    title: "Talk {n}"
    start: "2030-05-14T1{n}:00"
    duration: 30
    room: Beta
"""
    for n in range(4)
)
ONE_SESSION = FOUR_SESSIONS[: FOUR_SESSIONS.index("  - id: talk-1")]  # cut after the first


@pytest.mark.bot(watch_knowledge=True)
async def test_the_watcher_never_serves_a_save_that_drops_most_sessions(
    world, knowledge: Path, caplog
) -> None:
    write_kb(knowledge, FOUR_SESSIONS)
    await world.alice.slash(world.general, "kb reload")
    running = world.bot.kb
    assert len(running.sessions) == 4
    write_kb(knowledge, ONE_SESSION)  # a save that paused half-way, but parses
    await world.env.advance_time(12)
    assert world.bot.kb is running
    assert "remove 3 of the 4 scheduled sessions at once" in caplog.text
    write_kb(knowledge, FOUR_SESSIONS + NEW_SESSION)  # the save completes
    for _ in range(4):
        await world.env.advance_time(3)
    assert len(world.bot.kb.sessions) == 5


@pytest.mark.bot(schedule_updates_channel="schedule-updates")
async def test_kb_reload_asks_before_posting_mass_cancellations(world, knowledge: Path) -> None:
    channel = world.guild.create_text_channel("schedule-updates")
    world.clock.now = world.clock.now.replace(year=2030, month=5, day=14, hour=8)
    write_kb(knowledge, FOUR_SESSIONS)
    await world.alice.slash(world.general, "kb reload")
    before = len(channel.history())
    write_kb(knowledge, ONE_SESSION)
    res = await world.alice.slash(world.general, "kb reload")
    reply = next(m for m in [*res.followups, res.response] if m is not None and m.embeds)
    assert "cancels 3 of the 4 announced sessions" in reply.content
    assert len(channel.history()) == before, "nothing posted before an organiser confirms"
    await world.alice.click(reply, label="Post the cancellations")
    posts = channel.history()[before:]
    lines = [line for m in posts for e in m.embeds for line in e.description.splitlines()]
    assert sorted(lines) == [f"Cancelled: **Talk {n}**" + lines[0][19:] for n in (1, 2, 3)] or (
        len(lines) == 3 and all(line.startswith("Cancelled: **Talk ") for line in lines)
    )
