"""Fixtures for the store tests: a store on a temporary file, with a clock the test moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Store

from .helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "questions.sqlite3"


@pytest.fixture
async def store(db_path: Path, clock: FakeClock) -> AsyncIterator[Store]:
    opened = await Store.open(
        db_path, clock=clock, maintenance_interval=None, busy_timeout=0.5, synchronous="NORMAL"
    )
    try:
        yield opened
    finally:
        await opened.close()
