"""Opening the database: migrations, settings, and every way a database can be unusable."""

from __future__ import annotations

import ast
import os
import sqlite3
from pathlib import Path

import pytest

import bot.store.opening as opening
from bot.settings import Settings
from bot.store import SCHEMA_VERSION, Store, StoreError
from bot.store.keys import user_key
from bot.store.schema import OUR_TABLES

from .helpers import FakeClock, digest, read_only


async def open_store(path: Path, **options) -> Store:
    options.setdefault("maintenance_interval", None)
    options.setdefault("busy_timeout", 0.2)
    return await Store.open(path, **options)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows if not name.startswith("sqlite_")}


async def test_fresh_database_is_created_migrated_and_in_wal_mode(db_path: Path) -> None:
    assert not db_path.parent.exists()
    store = await open_store(db_path)
    assert store.schema_version == SCHEMA_VERSION
    await store.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert tables(db_path) == OUR_TABLES


async def test_reopening_keeps_data_and_does_not_migrate_again(db_path: Path) -> None:
    async with await open_store(db_path) as store:
        qid = await store.log_question(text="hello", source="console", answered=False)
    async with await open_store(db_path) as store:
        found = await store.get_question(qid)
        assert found is not None and found.text == "hello"


async def test_generated_secret_is_persisted_so_keys_are_stable(db_path: Path) -> None:
    async with await open_store(db_path) as store:
        first = store.user_key(1234)
    async with await open_store(db_path) as store:
        assert store.user_key(1234) == first
    with sqlite3.connect(db_path) as conn:
        (secret,) = conn.execute("SELECT value FROM meta WHERE key = 'user_key_secret'").fetchone()
    assert len(secret) == 64
    assert first == user_key(secret, 1234)
    assert "1234" not in first


async def test_configured_secret_is_used_and_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    settings = Settings(database_path=path, user_key_secret="s3cret", retention_days=30)
    async with await Store.from_settings(settings, maintenance_interval=None) as store:
        assert store.user_key(42) == user_key("s3cret", 42)
        assert store.retention_days == 30
    with sqlite3.connect(path) as conn:
        stored = dict(conn.execute("SELECT key, value FROM meta"))
    assert list(stored) == ["user_key_check"], "a check value, never the secret"
    assert "s3cret" not in stored["user_key_check"]


async def test_a_new_migration_runs_once_on_an_existing_database(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with await open_store(db_path) as store:
        await store.log_question(text="kept", source="console", answered=True)
    extra = (
        "CREATE TABLE later (id INTEGER PRIMARY KEY);\nALTER TABLE questions ADD COLUMN lang TEXT;"
    )
    monkeypatch.setattr(opening, "MIGRATIONS", (*opening.MIGRATIONS, extra))
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    async with await open_store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION + 1
        assert len(await store.questions()) == 1
    async with await open_store(db_path):
        pass
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "later" in tables(db_path)


async def test_a_failing_migration_leaves_the_previous_version_intact(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with await open_store(db_path):
        pass
    before = tables(db_path)
    broken = "CREATE TABLE half (id INTEGER);\nINSERT INTO missing_table VALUES (1);"
    monkeypatch.setattr(opening, "MIGRATIONS", (*opening.MIGRATIONS, broken))
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError):
        await open_store(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert tables(db_path) == before


def test_migrations_split_into_statements() -> None:
    statements = [s for m in opening.MIGRATIONS for s in opening.statements(m)]
    assert all(sqlite3.complete_statement(s) for s in statements)
    assert sum(s.upper().startswith("CREATE TABLE") for s in statements) == len(OUR_TABLES)


# ---------------------------------------------------------------- unusable databases


async def test_locked_by_another_process_rollback_journal(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    try:
        with pytest.raises(StoreError) as caught:
            await open_store(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.kind == "locked"
    assert "locked by another process?" in str(caught.value)
    assert str(path) in str(caught.value)


async def test_locked_by_another_writer_in_wal_mode(db_path: Path) -> None:
    async with await open_store(db_path) as store:
        await store.log_question(text="before", source="console", answered=True)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('x', 'y')")
    try:
        with pytest.raises(StoreError) as caught:
            await open_store(db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.kind == "locked"
    async with await open_store(db_path) as store:  # usable again once released
        assert len(await store.questions()) == 1


async def test_read_only_file(db_path: Path) -> None:
    async with await open_store(db_path):
        pass
    before = digest(db_path)
    with read_only(db_path), pytest.raises(StoreError) as caught:
        await open_store(db_path)
    assert caught.value.kind == "read-only"
    assert "read-only: check permissions" in str(caught.value)
    assert digest(db_path) == before


async def test_read_only_directory_for_a_new_database(tmp_path: Path) -> None:
    directory = tmp_path / "ro"
    directory.mkdir()
    with read_only(directory), pytest.raises(StoreError) as caught:
        await open_store(directory / "q.db")
    assert caught.value.kind == "read-only"
    assert "not writable" in str(caught.value)
    assert list(directory.iterdir()) == []


async def test_garbage_bytes_are_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(os.urandom(3 * 4096))
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        await open_store(path)
    assert caught.value.kind == "corrupt"
    assert "not a database / corrupt: move it aside" in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["garbage.db"]


async def test_damaged_pages_are_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    async with await open_store(path, synchronous="NORMAL") as store:
        for n in range(300):
            await store.log_question(
                text=f"question {n} " + "x" * 200, source="text", answered=True
            )
    size = path.stat().st_size
    assert size > 8 * 4096
    with open(path, "r+b") as handle:  # keep the header page, scramble the rest
        handle.seek(4096)
        handle.write(os.urandom(size - 4096))
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        await open_store(path)
    assert caught.value.kind == "corrupt"
    assert "move it aside" in str(caught.value)
    assert digest(path) == before


async def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        await open_store(path)
    assert caught.value.kind == "newer-version"
    message = str(caught.value)
    assert f"{SCHEMA_VERSION + 5} > supported {SCHEMA_VERSION}" in message
    assert "upgrade the bot" in message
    assert digest(path) == before


async def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        await open_store(path)
    assert caught.value.kind == "foreign"
    assert "invoices" in str(caught.value)
    assert digest(path) == before


async def test_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        await open_store(tmp_path / "nope" / "q.db", create=False)
    assert caught.value.kind == "missing"
    assert not (tmp_path / "nope").exists()


async def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        await open_store(tmp_path)
    assert "is a directory" in str(caught.value)


async def test_closed_store_refuses_work(store: Store) -> None:
    await store.close()
    await store.close()  # idempotent
    with pytest.raises(StoreError) as caught:
        await store.log_question(text="late", source="console", answered=False)
    assert caught.value.kind == "closed"


async def test_naive_clock_is_rejected(db_path: Path) -> None:
    from datetime import datetime

    store = await open_store(db_path, clock=lambda: datetime(2017, 6, 13, 9, 0))
    try:
        with pytest.raises(ValueError, match="aware"):
            await store.log_question(text="x", source="console", answered=False)
    finally:
        await store.close()


async def test_clock_is_used(store: Store, clock: FakeClock) -> None:
    qid = await store.log_question(text="x", source="console", answered=False)
    found = await store.get_question(qid)
    assert found is not None and found.asked_at == clock.now


def test_store_package_does_not_import_discord() -> None:
    package = Path(opening.__file__).parent
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "discord" or n.startswith("discord.") for n in names), source
