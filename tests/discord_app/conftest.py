"""The tests of ``bot.discord_app`` run on the small knowledge base of
:mod:`eventbot_fixtures`, not the shipped one (``tests/conftest.py``); the simcord fixtures
are :mod:`simcord_fixtures`."""

from __future__ import annotations

import pytest
from eventbot_fixtures import make_kb

from bot.kb.model import KnowledgeBase


@pytest.fixture
def kb() -> KnowledgeBase:
    return make_kb()
