"""Checks and a clock shared by the Discord tests (a module of its own: ``conftest`` names
clash)."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

import discord
import simcord

from bot.settings import Settings

SETTINGS_FIELDS = {f.name for f in fields(Settings)}
SIM_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # simcord's virtual clock starts here


class SimClock:
    """The bot's clock under simcord's virtual time, shifted so a test starts at ``start``."""

    def __init__(self, start: datetime) -> None:
        self.offset = start - SIM_EPOCH

    def __call__(self) -> datetime:
        return discord.utils.utcnow() + self.offset


def bot_messages(env: simcord.Env):
    """Every message the bot posted (backend records, ephemeral ones included)."""
    bot_id = env.bot.user.id
    return [
        message
        for channel in env.backend.messages.values()
        for message in channel.values()
        if message.author_id == bot_id
    ]


def assert_never_pinged(env: simcord.Env) -> None:
    """No message of the bot pinged anyone, and every send asked Discord for no mentions."""
    for message in bot_messages(env):
        assert not message.ping_user_ids, message
        assert not message.ping_role_ids, message
        assert not message.mention_everyone, message
    for request in env.http_requests:
        body = request.json if isinstance(request.json, dict) else {}
        body = body.get("data", body) if "/callback" in request.path else body
        if (request.method in ("POST", "PATCH") and "/messages" in request.path) or body.get(
            "embeds"
        ):
            mentions = body.get("allowed_mentions")
            assert mentions is not None, request
            assert mentions.get("parse") == [] and not mentions.get("replied_user"), request
