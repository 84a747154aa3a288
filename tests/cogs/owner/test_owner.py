"""The owner's text commands (:mod:`bot.cogs.owner`): ``@bot sync`` by mention."""

from __future__ import annotations

import discord
from discord.ext import commands


def replies(world, channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.id == world.bot.user.id]


async def test_owner_can_sync_commands_by_mention(world):
    world.bot.owner_id = world.alice.id
    mention = world.bot.user.mention
    await world.alice.send(world.general, f"{mention} sync")
    (reply,) = replies(world, world.general)
    assert reply.content.startswith("Synced") and reply.content.endswith("commands to Conf.")
    await world.alice.send(world.general, f"{mention} sync global")
    assert replies(world, world.general)[-1].content.startswith("Synced")
    assert "globally" in replies(world, world.general)[-1].content
    await world.bob.send(world.general, f"{mention} sync global")
    assert len(replies(world, world.general)) == 2
    assert any(isinstance(e, commands.NotOwner) for e in world.env.errors)
