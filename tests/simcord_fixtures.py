"""Fixtures for the Discord tests (``tests/discord_app``, ``tests/cogs``), driven through
simcord (a simulated Discord); a plugin registered by ``tests/conftest.py``.

``simcord_bot`` is built by the production factory (``create_bot``) with the ``kb`` fixture (in
those folders their ``conftest.py`` makes it the small knowledge base of
:mod:`eventbot_fixtures`, so the tests do not depend on the shipped event) and a settable
clock. ``world`` adds a server with a questions channel, another channel, an organiser role
and two members, and syncs the slash commands. Options per test go through
``@pytest.mark.bot(...)`` (keyword arguments for ``create_bot`` or for ``Settings``) and
``@pytest.mark.simcord(...)`` (for simcord).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import simcord
import simcord.env
from eventbot_fixtures import DAY1, FakeClock, at
from simcord_checks import SETTINGS_FIELDS, assert_never_pinged, sync_for_organisers

from bot.discord_app.factory import EventBot, create_bot
from bot.settings import Settings
from bot.store import Store

SETTLE_POLL_SECONDS = 0.002


@pytest.fixture(scope="session", autouse=True)
def quick_settle() -> Iterator[None]:
    """simcord polls for quiescence every 2 ms instead of 50 ms, for the whole run.

    After a message the bot does not answer (chatter, a rate-limited question, a refused
    command...), simcord sees the finished handler's done-callback as pending work and sleeps
    one ``idle`` interval before it calls the bot settled: 50 ms of real time per such step,
    most of the Discord tests' wall-clock time. ``idle`` is only how often settling looks
    again (a pending task still wakes it at once, the timeout is unchanged), so settling is
    the same, only noticed sooner.
    """
    original = simcord.env.Env._settle_internal

    async def settle(self, *, idle: float = SETTLE_POLL_SECONDS, **kwargs):
        return await original(self, idle=min(idle, SETTLE_POLL_SECONDS), **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(simcord.env.Env, "_settle_internal", settle)
        yield


@pytest.fixture
def locale(monkeypatch):
    """Set the Discord client language of the interactions that follow: ``locale("fr")``."""
    current = {"value": "en-US"}
    original = simcord.interactions.base_payload

    def base_payload(*args, **kwargs):
        record, payload = original(*args, **kwargs)
        payload["locale"] = current["value"]
        return record, payload

    monkeypatch.setattr(simcord.interactions, "base_payload", base_payload)

    def set_locale(value: str) -> None:
        current["value"] = value

    return set_locale


@pytest.fixture
async def store(tmp_path):
    """An open question/announcement store on a temporary file (tests that want one pass it to
    ``create_bot(..., store=store)``, as the runner does)."""
    opened = await Store.open(tmp_path / "bot.sqlite3", maintenance_interval=None)
    yield opened
    await opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(at(DAY1, 10, 40))


@pytest.fixture
def settings(request) -> Settings:
    marker = request.node.get_closest_marker("bot")
    options = {k: v for k, v in (marker.kwargs if marker else {}).items() if k in SETTINGS_FIELDS}
    base = {
        "discord_token": "test.token.value",
        "questions_channels": ("questions",),
        "cooldown_seconds": 10.0,
        "channel_cooldown_seconds": 2.0,
        "max_question_chars": 300,
    }
    base.update(options)
    return Settings(**base)


@pytest.fixture
def simcord_bot(request, settings, kb, clock) -> EventBot:
    marker = request.node.get_closest_marker("bot")
    options = {
        k: v for k, v in (marker.kwargs if marker else {}).items() if k not in SETTINGS_FIELDS
    }
    return create_bot(settings, options.pop("kb", kb), clock=clock, **options)


@dataclass
class World:
    env: simcord.Env
    bot: EventBot
    guild: simcord.GuildHandle
    questions: simcord.ChannelHandle
    general: simcord.ChannelHandle
    organiser: simcord.RoleHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor
    clock: FakeClock


@pytest.fixture
async def world(simcord_env, clock):
    env = simcord_env
    guild = env.create_guild("Conf")
    questions = guild.create_text_channel("questions")
    general = guild.create_text_channel("general")
    organiser = guild.create_role("Organiser")
    guild.create_text_channel("announcements")
    alice = guild.add_member(env.create_user("alice"), roles=[organiser])
    bob = guild.add_member(env.create_user("bob"))
    await sync_for_organisers(env, guild, organiser)
    yield World(env, env.bot, guild, questions, general, organiser, alice, bob, clock)
    assert_never_pinged(env)


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "bot(**options): create_bot keyword arguments or Settings fields for the bot"
    )
