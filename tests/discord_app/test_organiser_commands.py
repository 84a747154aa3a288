"""Organiser commands: hidden from attendees by default (``default_permissions``), and still
checked against ``ORGANISER_ROLE`` (an ``app_commands.check``) for whoever can see them."""

from __future__ import annotations

import discord
import pytest
import simcord
from simcord_checks import manager

from bot.discord_app.checks import ORGANISER_PERMISSIONS, global_organiser_only, organiser_only
from bot.discord_app.errors import NotOrganiser
from bot.i18n import t

ORGANISER_COMMANDS = {"announce", "announcements", "kb", "questions"}
# one subcommand each, with what it needs, to try them as attendees and as a manager
TRIES = (
    ("announce", {"message": "Free beer!"}),
    ("announcements list", {}),
    ("kb reload", {}),
    ("questions stats", {}),
)


def _leaves(command):
    if isinstance(command, discord.app_commands.Group):
        for child in command.commands:
            yield from _leaves(child)
    else:
        yield command


def test_organiser_commands_are_hidden_by_default_and_nothing_else(world) -> None:
    hidden = {
        command.name
        for command in world.bot.tree.get_commands()
        if command.to_dict(world.bot.tree).get("default_member_permissions") is not None
    }
    assert hidden == ORGANISER_COMMANDS
    for name in ORGANISER_COMMANDS:
        command = world.bot.tree.get_command(name)
        assert command.default_permissions == ORGANISER_PERMISSIONS
        payload = command.to_dict(world.bot.tree)
        assert int(payload["default_member_permissions"]) == ORGANISER_PERMISSIONS.value


def test_every_hidden_command_also_checks_the_role(world) -> None:
    """Hiding is the server admin's to change: the role check must be there too."""
    predicates = {
        check(lambda: None).__discord_app_commands_checks__[0]
        for check in (organiser_only, global_organiser_only)  # the latter for /kb
    }
    for name in ORGANISER_COMMANDS:
        for leaf in _leaves(world.bot.tree.get_command(name)):
            assert predicates & set(leaf.checks), f"/{leaf.qualified_name} has no organiser check"


async def test_attendees_do_not_see_them(world) -> None:
    for command, options in TRIES:
        with pytest.raises(simcord.SetupError, match="default-member-permissions"):
            await world.bob.slash(world.general, command, **options)


async def test_someone_who_sees_them_without_the_role_is_refused(world, locale) -> None:
    carol = manager(world.env, world.guild)
    for command, options in TRIES:
        result = await carol.slash(world.general, command, **options)
        assert result.ephemeral
        assert result.response.embeds[0].description == t("organisers_only", "en", role="Organiser")
    locale("fr")
    result = await carol.slash(world.general, "kb reload")
    assert result.response.embeds[0].description == t("organisers_only", "fr", role="Organiser")
    assert {type(error) for error in world.env.errors} == {NotOrganiser}


async def test_organisers_granted_in_integrations_can_use_them(world) -> None:
    result = await world.alice.slash(world.general, "questions stats")
    assert result.ephemeral and result.response.content == t("no_database", "en")  # past the check
