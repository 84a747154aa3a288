"""Run some tests with the host in a far-away time zone: results must not change."""

from __future__ import annotations

import time

import pytest


@pytest.fixture(params=["UTC", "Pacific/Kiritimati", "America/Los_Angeles"])
def host_tz(request, monkeypatch):
    """Set the host's time zone (``TZ``) for one test; restored afterwards."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()
