"""``run_discord``: every start-up failure is a message saying what to fix and a non-zero exit
code, never a traceback. Discord itself is replaced by bots whose ``start`` fails the way the
real one does."""

from __future__ import annotations

import io
from pathlib import Path

import aiohttp
import discord
import pytest
from eventbot_fixtures import make_kb
from schedule_server import real_export, server_thread

from bot.discord_app import runner
from bot.discord_app.factory import EventBot, create_bot
from bot.settings import Settings

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner opens DATABASE_PATH (relative by default): keep it out of the repository."""
    monkeypatch.chdir(tmp_path)


def settings(**overrides) -> Settings:
    return Settings(**{"discord_token": TOKEN, **overrides})


class Recorder:
    """A ``build`` for ``serve``/``run_discord``: bots whose ``start`` raises in turn."""

    def __init__(self, *failures: BaseException | None) -> None:
        self.failures = list(failures)
        self.built: list[EventBot] = []

    def __call__(self, settings, kb, **kwargs) -> EventBot:
        failure = self.failures.pop(0)

        class Stub(EventBot):
            async def start(self, token: str, *, reconnect: bool = True) -> None:
                if failure is not None:
                    raise failure

        bot = Stub(settings, kb, **kwargs)
        self.built.append(bot)
        return bot


def run(build: Recorder, **overrides) -> tuple[int, str]:
    stream = io.StringIO()
    code = runner.run_discord(
        settings(**overrides), build=build, stream=stream, setup_logging=False
    )
    return code, stream.getvalue()


def test_clean_run_and_stop():
    assert run(Recorder(None)) == (0, "")


def test_wrong_token():
    code, out = run(Recorder(discord.LoginFailure("Improper token has been passed.")))
    assert code == runner.EXIT_LOGIN
    assert "DISCORD_TOKEN" in out and "Reset Token" in out and "Traceback" not in out


def test_missing_message_content_intent_falls_back_to_slash_only(caplog):
    build = Recorder(discord.PrivilegedIntentsRequired(None), None)
    code, out = run(build)
    assert code == 0
    first, second = build.built
    assert first.intents.message_content and not second.intents.message_content
    assert "Message Content Intent" in out and "slash commands" in out
    assert "Privileged Gateway Intents" in caplog.text


def test_intent_refused_even_without_message_content():
    build = Recorder(
        discord.PrivilegedIntentsRequired(None), discord.PrivilegedIntentsRequired(None)
    )
    code, out = run(build)
    assert code == runner.EXIT_FAILED
    assert "Privileged Gateway Intents" in out


def test_slash_only_on_purpose_asks_for_no_privileged_intent():
    build = Recorder(None)
    assert run(build, message_content_intent=False)[0] == 0
    assert not build.built[0].intents.message_content


@pytest.mark.parametrize(
    "failure",
    [
        aiohttp.ClientConnectionError("Cannot connect to host discord.com"),
        OSError("Network is unreachable"),
        TimeoutError(),
    ],
)
def test_network_failure(failure):
    code, out = run(Recorder(failure))
    assert code == runner.EXIT_FAILED
    assert out.startswith("Could not reach Discord") and "Traceback" not in out


def test_unexpected_failure_says_where_to_look():
    code, out = run(Recorder(RuntimeError("kaboom")))
    assert code == runner.EXIT_FAILED
    assert "RuntimeError: kaboom" in out and "LOG_LEVEL=DEBUG" in out


def test_broken_knowledge_base(tmp_path: Path):
    (tmp_path / "event.yaml").write_text("event: [unclosed\n", encoding="utf-8")
    code, out = run(Recorder(None), knowledge_dir=tmp_path)
    assert code == runner.EXIT_INVALID
    assert f"The knowledge base in {tmp_path} does not load" in out


def test_unusable_database_is_a_clear_error(tmp_path: Path):
    database = tmp_path / "questions.sqlite3"
    database.write_bytes(b"this is not a database" * 100)
    code, out = run(Recorder(None), database_path=database)
    assert code == runner.EXIT_INVALID
    assert out.startswith("The question database cannot be opened") and "Traceback" not in out
    assert database.read_bytes() == b"this is not a database" * 100


def test_the_bot_gets_the_open_store_and_it_is_closed_after(tmp_path: Path):
    build = Recorder(None)
    assert run(build, database_path=tmp_path / "q.sqlite3")[0] == 0
    store = build.built[0].store
    assert store is not None and store.closed
    assert build.built[0].heartbeat  # for `python -m bot health`


def test_empty_token():
    code, out = run(Recorder(None), discord_token="  ")
    assert code == runner.EXIT_INVALID
    assert "DISCORD_TOKEN is empty" in out


@pytest.mark.parametrize(
    ("token", "hint"),
    [
        ("", "is empty"),
        ("Bot " + TOKEN, "starts with 'Bot '"),
        ("a" * 32, "does not look like a bot token"),
        ("abc def.ghi.jkl", "does not look like a bot token"),
        (TOKEN, None),
    ],
)
def test_token_problem(token, hint):
    problem = runner.token_problem(token)
    assert (problem is None) if hint is None else (hint in problem)


def test_the_factory_loads_the_knowledge_dir_by_default():
    bot = create_bot(settings())
    assert bot.kb.event.id and bot.answerer.kb is bot.kb
    assert bot.intents.message_content and not bot.intents.members


def test_replace_knowledge_keeps_the_old_one_when_the_new_one_fails(monkeypatch):
    bot = create_bot(settings(), make_kb())
    old = bot.kb

    def broken(kb):
        raise ValueError("bad index")

    monkeypatch.setattr("bot.discord_app.factory.Answerer", broken)
    with pytest.raises(ValueError):
        bot.replace_knowledge(make_kb(name="Other"))
    assert bot.kb is old and bot.answerer.kb is old


def test_a_fresh_folder_gets_the_programme_from_schedule_url_before_start(tmp_path: Path):
    folder = tmp_path / "knowledge"
    with server_thread(real_export()) as server:
        url = server.url.replace("127.0.0.1", "organiser:pw@127.0.0.1") + "?token=pw"
        build = Recorder(None)
        code, out = run(build, knowledge_dir=folder, schedule_url=url)
        assert code == runner.EXIT_OK, out
        assert "imported the programme from http://***@127.0.0.1:" in out and "48 sessions" in out
        assert "pw" not in out.replace("***", "")
        assert len(build.built[0].kb.sessions) == 48
        server.status = 500  # with schedule.yaml there, no fetch before start
        code, out = run(Recorder(None), knowledge_dir=folder, schedule_url=url)
        assert code == runner.EXIT_OK and "programme" not in out
        assert server.statuses == [200]


def test_a_failed_first_fetch_is_said_and_the_start_goes_on(tmp_path: Path):
    folder = tmp_path / "knowledge"
    with server_thread(b"<html>maintenance</html>") as server:
        code, out = run(Recorder(None), knowledge_dir=folder, schedule_url=server.url)
    assert "warning: the programme could not be imported:" in out and "web page" in out
    assert code == runner.EXIT_INVALID and "does not load" in out  # nothing else in the folder
