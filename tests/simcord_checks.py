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


async def sync_for_organisers(
    env: simcord.Env, guild: simcord.GuildHandle, organisers: simcord.RoleHandle
) -> None:
    """Sync the slash commands, then do what docs/discord-setup.md asks of a server admin:
    show the organiser commands (hidden by default) to the organiser role, command by
    command (Server Settings -> Integrations)."""
    for command in await env.bot.tree.sync():
        if command.default_member_permissions is not None:
            guild.set_command_permissions(command, {organisers: True})


def manager(env: simcord.Env, guild: simcord.GuildHandle) -> simcord.MemberActor:
    """A member with Manage Server who is not an organiser: sees the organiser commands,
    must still be refused them."""
    staff = guild.create_role("Staff", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("carol"), roles=[staff])


def field(embed: discord.Embed, name: str) -> str:
    """The value of the embed's field called ``name`` (failing with the names it has)."""
    for f in embed.fields:
        if f.name == name:
            return f.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in embed.fields]}")


def labels(message) -> list[str]:
    """The labels of a message's buttons, row after row."""
    return [c["label"] for row in message.components for c in row.get("components", [])]


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
