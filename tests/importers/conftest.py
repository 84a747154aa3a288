"""Fixtures for the importer tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import SCHEDULES, small_schedule


@pytest.fixture(scope="session")
def schedules_dir() -> Path:
    if not SCHEDULES.is_dir():
        pytest.skip(f"the real schedule exports are not here: {SCHEDULES.resolve()}")
    return SCHEDULES


@pytest.fixture
def small() -> dict[str, Any]:
    """A fresh copy of a small pretalx-like schedule (3 sessions, 2 speakers, 2 days)."""
    return small_schedule()
