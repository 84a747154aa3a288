"""Where ORGANISER_ROLE counts: a role name is not unique across Discord, so anyone can make
an "Organiser" role in a server of their own that the bot is in."""

from __future__ import annotations

from dataclasses import replace

import pytest
from simcord_checks import sync_for_organisers

from bot.cogs.diagnostics import configuration_problems


def text_of(result) -> str:
    response = result.response
    return "\n".join(
        [response.content or "", *(e.description or "" for e in response.embeds or ())]
    )


@pytest.fixture
async def elsewhere(world):
    """Another server the bot is in, where mallory has a role named like the organisers'
    (and, as that server's admin, shows the organiser commands to it)."""
    other = world.env.create_guild("Mallory's server")
    general = other.create_text_channel("general")
    fake = other.create_role("Organiser")
    mallory = other.add_member(world.env.create_user("mallory"), roles=[fake])
    await sync_for_organisers(world.env, other, fake)
    return other, general, mallory


def configure(world, **settings) -> None:
    world.bot.settings = replace(world.bot.settings, **settings)


@pytest.fixture(autouse=True)
def refusals_expected(world):
    """Refusals are NotOrganiser errors the error layer answered: expected here."""
    yield
    world.env.errors[:] = [e for e in world.env.errors if "NotOrganiser" not in repr(e)]


async def test_with_discord_guild_id_a_role_name_counts_only_there(world, elsewhere) -> None:
    _, general, mallory = elsewhere
    configure(world, guild_id=world.guild.id)
    running = world.bot.kb
    for command, options in (("kb reload", {}), ("announce", {"message": "Free beer"})):
        refused = await mallory.slash(general, command, **options)
        assert refused.ephemeral
        assert "only in the event's server" in text_of(refused), command
    assert world.bot.kb is running
    assert general.history() == [m for m in general.history() if m.flags.ephemeral]
    done = await world.alice.slash(world.general, "kb reload")
    assert "Only members" not in text_of(done) and "event's server" not in text_of(done)


async def test_without_it_a_role_name_cannot_reload_for_every_server(world, elsewhere) -> None:
    _, general, mallory = elsewhere
    running = world.bot.kb
    for actor, channel in ((mallory, general), (world.alice, world.general)):
        refused = await actor.slash(channel, "kb reload")
        assert "set DISCORD_GUILD_ID, or ORGANISER_ROLE to the role's id" in text_of(refused)
    assert world.bot.kb is running
    # a command that acts in its own server still works for a role given by name
    preview = await world.alice.slash(world.general, "announce", message="Lunch")
    assert preview.response.embeds[0].description == "Lunch", "the preview, not a refusal"
    assert any(
        "ORGANISER_ROLE 'Organiser' is a role name" in p for p in configuration_problems(world.bot)
    )


async def test_a_role_given_by_id_is_unique_everywhere(world, elsewhere) -> None:
    _, general, mallory = elsewhere
    configure(world, organiser_role=str(world.organiser.id))
    refused = await mallory.slash(general, "kb reload")
    assert "Only members with the" in text_of(refused)
    done = await world.alice.slash(world.general, "kb reload")
    assert "Only members" not in text_of(done) and "DISCORD_GUILD_ID" not in text_of(done)
    assert not any("is a role name" in p for p in configuration_problems(world.bot))
