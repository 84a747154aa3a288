"""The cogs' tests run on the small knowledge base of :mod:`eventbot_fixtures`, not the shipped
one (``tests/conftest.py``); the simcord fixtures are :mod:`simcord_fixtures`. ``french`` sends
the interactions that follow from a Discord client set to French."""

from __future__ import annotations

import pytest
import simcord.interactions
from eventbot_fixtures import make_kb

from bot.kb.model import KnowledgeBase


@pytest.fixture
def kb() -> KnowledgeBase:
    return make_kb()


@pytest.fixture
def french(monkeypatch):
    """Interactions arrive from a Discord client set to French."""
    original = simcord.interactions.base_payload

    def base_payload(*args, **kwargs):
        record, payload = original(*args, **kwargs)
        payload["locale"] = "fr"
        return record, payload

    monkeypatch.setattr(simcord.interactions, "base_payload", base_payload)
