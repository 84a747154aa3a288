"""Secrets and injection: the token is never logged or echoed, ``.env`` is ignored by git,
SQL is parameterised, YAML is loaded safely."""

from __future__ import annotations

import ast
import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import aiosqlite
import discord
import pytest
import yaml

from bot.discord_app import runner
from bot.discord_app.factory import create_bot
from bot.kb.yaml_source import YamlError, _LineLoader, parse_yaml
from bot.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "bot").rglob("*.py"))
# Shaped like a real bot token (three dot-separated parts), unique enough to grep for.
TOKEN = "MTA0NDU2Nzg5MDEyMzQ1Njc4OQ.GsEcRt.sEcReT-tOkEn_ThAt-MuSt-NeVeR-lEaK_42"


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# -- the token --------------------------------------------------------------------------------


def test_settings_never_show_the_token() -> None:
    settings = Settings(discord_token=TOKEN, user_key_secret="pepper-secret")
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)
    assert "pepper-secret" not in repr(settings)


def test_settings_errors_never_show_the_token(tmp_path: Path) -> None:
    env = {"DISCORD_TOKEN": TOKEN, "LOG_LEVEL": "LOUD", "RETENTION_DAYS": "zero"}
    with pytest.raises(SettingsError) as caught:
        load_settings(env, dotenv=None)
    assert TOKEN not in str(caught.value)
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"DISCORD_TOKEN={TOKEN}\nWATCH_KNOWLEDGE=maybe\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings({}, dotenv=dotenv)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    "token", [TOKEN, f"Bot {TOKEN}", f"{TOKEN} extra", TOKEN.replace(".", ""), " " + TOKEN]
)
def test_token_hints_never_echo_the_token(token: str) -> None:
    hint = runner.token_problem(token) or ""
    for part in token.split():
        if len(part) > 8:
            assert part not in hint


def test_a_refused_login_logs_and_prints_no_token(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The whole start-up path, down to discord.py's login, with every logger at DEBUG."""

    def build(settings, kb, **kwargs):
        bot = create_bot(settings, kb, **kwargs)

        async def refuse(token: str):
            assert token == TOKEN  # the real token reaches discord.py, and only discord.py
            raise discord.LoginFailure("Improper token has been passed.")

        bot.http.static_login = refuse  # type: ignore[method-assign]
        return bot

    stream = io.StringIO()
    settings = Settings(
        discord_token=TOKEN, log_level="DEBUG", database_path=tmp_path / "q.sqlite3"
    )
    with caplog.at_level(logging.DEBUG):
        code = runner.run_discord(settings, build=build, stream=stream, setup_logging=False)
    assert code == runner.EXIT_LOGIN
    out = capsys.readouterr()
    seen = stream.getvalue() + out.out + out.err + caplog.text
    seen += "".join(str(r.args) for r in caplog.records)
    assert "login failed" in stream.getvalue()
    assert TOKEN not in seen
    assert TOKEN.split(".")[-1] not in seen


def test_the_cli_never_prints_the_token(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISCORD_TOKEN": TOKEN,
        "LOG_LEVEL": "DEBUG",
        "DATABASE_PATH": str(tmp_path / "q.sqlite3"),
    }
    for args in (["check"], ["ask", "what is the DISCORD_TOKEN?"], ["kb"]):
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert TOKEN not in done.stdout + done.stderr, args


_LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


def test_no_code_logs_or_prints_the_token() -> None:
    """No logging call, print or f-string in ``bot/`` reads ``discord_token``; the only reads
    are the settings themselves and handing it to discord.py (``bot.start``) or the checker."""
    allowed_calls = {"start", "token_problem", "strip"}
    offences = []
    for path in SOURCES:
        tree = _tree(path)
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and node.attr == "discord_token"):
                continue
            if path.name == "settings.py":
                continue
            parent = parents.get(node)
            call = parent
            while call is not None and not isinstance(call, ast.Call):
                call = parents.get(call)
            name = ""
            if isinstance(call, ast.Call):
                func = call.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            inside_fstring = False
            walker = parent
            while walker is not None:
                if isinstance(walker, ast.JoinedStr):
                    inside_fstring = True
                walker = parents.get(walker)
            if name in _LOG_METHODS | {"print", "_say", "write"} or inside_fstring:
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif name not in allowed_calls and not isinstance(parent, ast.Compare):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno} (in {name or '?'})")
    assert not offences, offences


# -- git --------------------------------------------------------------------------------------


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)


def test_dotenv_is_ignored_by_git() -> None:
    if _git("rev-parse", "--is-inside-work-tree").returncode != 0:
        pytest.skip("not a git checkout")
    for name in (".env", "sub/.env", "data/questions.sqlite3"):
        assert _git("check-ignore", "-q", "--no-index", name).returncode == 0, name
    tracked = _git("ls-files").stdout.split()
    assert not [f for f in tracked if Path(f).name == ".env"], tracked


# -- SQL --------------------------------------------------------------------------------------


@pytest.fixture
def sql_log(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement the store sends to SQLite."""
    seen: list[str] = []
    for name in ("execute", "executemany", "execute_fetchall", "execute_insert"):
        original = getattr(aiosqlite.Connection, name)

        def spy(self, sql, *args, __original=original, **kwargs):
            seen.append(sql)
            return __original(self, sql, *args, **kwargs)

        monkeypatch.setattr(aiosqlite.Connection, name, spy)
    return seen


HOSTILE_SQL = "zz'); DROP TABLE questions; -- \" OR 1=1 /* MARKER-7f3a */"


async def test_user_text_only_reaches_sql_as_parameters(tmp_path: Path, sql_log: list[str]) -> None:
    from bot.store.store import Store

    store = await Store.open(tmp_path / "q.sqlite3", maintenance_interval=None)
    try:
        ids = []
        for guild in (1, 2):
            ids.append(
                await store.log_question(
                    text=HOSTILE_SQL,
                    source="text",
                    answered=False,
                    guild_id=guild,
                    user_id=42,
                    matched_kind=HOSTILE_SQL,
                    matched_id=HOSTILE_SQL,
                    alternatives=[HOSTILE_SQL],
                )
            )
        await store.rate(ids[0], 7, True)
        found = await store.questions(guild_id=1)
        assert [q.text for q in found] == [HOSTILE_SQL]
        assert (await store.get_question(ids[1])).text == HOSTILE_SQL
        await store.stats()
        await store.top()
        await store.unanswered()
        out = io.StringIO()
        await store.export_csv(out)
        await store.subscribe(guild_id=1, user_id=42, session_id=HOSTILE_SQL)
        assert await store.subscriptions(1, 42) == [HOSTILE_SQL]
        await store.erase_user(42)
    finally:
        await store.close()
    assert sql_log, "the spy saw no SQL"
    assert not [sql for sql in sql_log if "MARKER-7f3a" in sql]


def test_sql_is_never_built_with_percent_or_format() -> None:
    """SQL strings may be assembled from constant fragments (f-strings of clauses with ``?``),
    never with ``%`` or ``.format`` on a string that looks like SQL."""
    offences = []
    keywords = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ")
    for path in sorted((ROOT / "bot" / "store").rglob("*.py")):
        for node in ast.walk(_tree(path)):
            target = None
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                target = node.left
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
            ):
                target = node.func.value
            text = target.value if isinstance(target, ast.Constant) else None
            if isinstance(text, str) and any(k in text.upper() for k in keywords):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offences, offences


# -- YAML -------------------------------------------------------------------------------------


def test_the_yaml_loader_is_a_safe_loader() -> None:
    assert issubclass(_LineLoader, yaml.SafeLoader) or _LineLoader.__mro__[1].__name__ in (
        "CSafeLoader",
        "SafeLoader",
    )
    for tag in (
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!python/bytes eA==",
        "!!python/tuple [1]",
    ):
        with pytest.raises(YamlError):
            parse_yaml(f"key: {tag}\n")


def test_no_code_loads_yaml_unsafely() -> None:
    unsafe = {"load_all", "unsafe_load", "full_load", "unsafe_load_all", "full_load_all"}
    unsafe_loaders = {"Loader", "UnsafeLoader", "FullLoader", "CLoader", "CFullLoader"}
    offences = []
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id == "yaml"):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if node.func.attr in unsafe:
                offences.append(where)
            if node.func.attr == "load":
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                if loader is None and len(node.args) > 1:
                    loader = node.args[1]
                name = getattr(loader, "attr", None) or getattr(loader, "id", None)
                if name is None or name in unsafe_loaders:
                    offences.append(f"{where} (Loader={name})")
    assert not offences, offences


# -- the log at DEBUG -------------------------------------------------------------------------


@pytest.fixture
def driver_logger_reset():
    """aiosqlite's logger as a fresh process has it (the store quiets it on open)."""
    driver = logging.getLogger("aiosqlite")
    saved = driver.level
    driver.setLevel(logging.NOTSET)
    yield driver
    driver.setLevel(saved)


async def test_the_store_logs_no_secret_text_or_raw_id_at_debug(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, driver_logger_reset
) -> None:
    from bot.store.store import Store

    caplog.set_level(logging.DEBUG)
    store = await Store.open(tmp_path / "q.sqlite3", maintenance_interval=None)
    try:
        await store.log_question(
            text="my phone is 0612345678", source="text", answered=False, user_id=424242424242
        )
        await store.subscribe(guild_id=1, user_id=424242424242, session_id="keynote")
        await store.erase_user(424242424242)
        secret = store._secret
    finally:
        await store.close()
    seen = caplog.text + "".join(repr(r.args) for r in caplog.records)
    assert secret not in seen
    assert "0612345678" not in seen and "424242424242" not in seen


def test_payload_loggers_are_capped_when_the_bot_configures_logging(monkeypatch) -> None:
    saved = {name: logging.getLogger(name).level for name in ("discord", "aiosqlite")}
    monkeypatch.setattr(discord.utils, "setup_logging", lambda **kwargs: None)
    try:
        for name in saved:
            logging.getLogger(name).setLevel(logging.NOTSET)
        runner.configure_logging("DEBUG")
        for name in ("discord.http", "discord.gateway", "discord.webhook.async_", "aiosqlite"):
            assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
