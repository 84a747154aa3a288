"""Live knowledge reloads: ``/kb reload`` (organisers), the file watcher, and what a failed
reload keeps. The watcher's own logic is tested first, without Discord."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from pathlib import Path

import discord
import pytest
from simcord_checks import SETTINGS_FIELDS, manager

from bot.cogs.knowledge_admin import KnowledgeAdminCog, problem_lines, reload_embed
from bot.discord_app.errors import NotOrganiser
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.watcher import KnowledgeWatcher, fingerprint, reload_knowledge
from bot.settings import Settings

EVENT = """\
event:
  id: reloadconf
  name: ReloadConf
  timezone: Europe/Paris
  date: "2030-05-14"
  language: en
"""

SESSIONS = """\
sessions:
  - id: linuxkit-talk
    title: "Docker's new LinuxKit"
    start: "2030-05-14T10:30"
    duration: 30
    room: Beta
"""

NEW_SESSION = """\
  - id: wasm-talk
    title:
      en: "WebAssembly outside the browser"
      fr: "WebAssembly hors du navigateur"
    start: "2030-05-14T11:30"
    duration: 30
    room: Beta
    tags: [wasm]
"""

BROKEN = """\
sessions:
  - id: linuxkit-talk
    title: "Docker's new LinuxKit"
    start: "2030-05-14T25:30"
  - id: orphan
    title: Orphan
    speakers: [nobody]
"""


def write_kb(folder: Path, sessions: str = SESSIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "event.yaml").write_text(EVENT, encoding="utf-8")
    path = folder / "sessions.yaml"
    path.write_text(sessions, encoding="utf-8")
    # A later write in the same clock tick must still look different.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    return folder


# -- the watcher, without Discord -------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "knowledge")


async def test_watcher_ignores_unchanged_files(folder: Path) -> None:
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=Clock())
    assert await watcher.check() is None
    assert got == []


async def test_watcher_reloads_once_a_change_has_settled(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock)
    write_kb(folder, SESSIONS + NEW_SESSION)
    assert await watcher.check() is None  # seen, not settled yet
    clock.now = 0.5
    assert await watcher.check() is None
    clock.now = 1.2
    result = await watcher.check()
    assert isinstance(result, KnowledgeBase)
    assert [s.id for s in result.sessions] == ["linuxkit-talk", "wasm-talk"]
    assert got == [result]
    clock.now = 5.0
    assert await watcher.check() is None  # nothing new: no second reload
    assert watcher.reloads == 1


async def test_watcher_debounces_a_burst_of_writes(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock)
    for step in range(5):  # an editor writing every 0.5 s
        clock.now = step * 0.5
        write_kb(folder, SESSIONS + NEW_SESSION * (step % 2) + "\n" * step)
        assert await watcher.check() is None
    clock.now += 1.5
    assert await watcher.check() is not None
    assert len(got) == 1


async def test_watcher_reports_the_error_of_a_bad_file(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=0, clock=clock)
    write_kb(folder, BROKEN)
    result = await watcher.check()
    assert isinstance(result, KnowledgeError)
    assert got == [result]
    lines = problem_lines(result, folder)
    assert any(line.startswith("sessions.yaml:4: ") for line in lines), lines
    assert any(line.startswith("sessions.yaml:7: ") for line in lines), lines


async def test_watcher_ignores_a_change_undone_before_it_settled(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock)
    extra = folder / "faq.yaml"
    extra.write_text("faq: []\n", encoding="utf-8")
    assert await watcher.check() is None
    extra.unlink()
    clock.now = 3.0
    assert await watcher.check() is None
    assert got == []


async def test_watcher_survives_a_missing_folder_and_a_failing_callback(tmp_path: Path) -> None:
    def explode(result: object) -> None:
        raise RuntimeError("callback bug")

    folder = write_kb(tmp_path / "k")
    watcher = KnowledgeWatcher(folder, explode, debounce=0, clock=Clock())
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    assert fingerprint(folder) == ()
    result = await watcher.check()  # the callback raised: logged, not propagated
    assert isinstance(result, KnowledgeError)
    assert "no such knowledge directory" in str(result)


async def test_watcher_task_starts_and_stops(folder: Path) -> None:
    got: list[object] = []

    async def callback(result: object) -> None:
        got.append(result)

    watcher = KnowledgeWatcher(folder, callback, interval=0.01, debounce=0)
    watcher.start()
    assert watcher.running
    write_kb(folder, SESSIONS + NEW_SESSION)
    for _ in range(200):
        if got:
            break
        await asyncio.sleep(0.01)
    await watcher.stop()
    assert not watcher.running
    assert isinstance(got[0], KnowledgeBase)


def test_reload_never_raises(tmp_path: Path) -> None:
    def buggy(path: Path) -> KnowledgeBase:
        raise ValueError("a bug in validation")

    result = reload_knowledge(tmp_path, loader=buggy)
    assert isinstance(result, KnowledgeError)
    assert "a bug in validation" in str(result)


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


async def test_the_watcher_throws_away_a_load_during_which_the_files_changed(
    folder: Path,
) -> None:
    clock = Clock()
    got: list[object] = []

    def loader(path: Path) -> KnowledgeBase:
        kb = load_knowledge(path)
        if not got and len(kb.sessions) == 1:
            write_kb(folder, SESSIONS + NEW_SESSION)  # the editor was still saving
        return kb

    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock, loader=loader)
    write_kb(folder, SESSIONS + "\n")
    assert await watcher.check() is None
    clock.now = 2.0
    assert await watcher.check() is None, "changed while loading: not served"
    assert got == []
    clock.now = 4.0
    result = await watcher.check()
    assert isinstance(result, KnowledgeBase) and len(result.sessions) == 2
    assert got == [result]


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
