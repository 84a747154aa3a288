"""Checks shared by the Discord tests (a module of its own: ``conftest`` names clash)."""

from __future__ import annotations

from dataclasses import fields

import simcord

from bot.settings import Settings

SETTINGS_FIELDS = {f.name for f in fields(Settings)}


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
