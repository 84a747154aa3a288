"""Bilingual bot: French command names and help through the translator, replies in the
interaction's language for slash commands, in the question's language for free text, the
event's default language as fallback, and the fitting text of bilingual knowledge entries."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Location
from eventbot_fixtures import make_kb
from simcord_checks import manager

from bot.discord_app.errors import NotOrganiser
from bot.discord_app.translator import (
    COMMANDS,
    DESCRIPTION_LIMIT,
    NAME_PATTERN,
    PARAMETERS,
    EventTranslator,
    french_for,
)
from bot.i18n import t


def field(embed: discord.Embed, name: str) -> str:
    for item in embed.fields:
        if item.name == name:
            return item.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in embed.fields]}")


def replies(world, channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.id == world.bot.user.id]


def every_command(tree: app_commands.CommandTree):
    """Every slash command and group of the tree, recursively."""
    yield from tree.walk_commands()


# -- the translator ---------------------------------------------------------------------------


def _is_discord_name(name: str) -> bool:
    return bool(NAME_PATTERN.match(name)) and name == name.lower() and " " not in name


@pytest.mark.parametrize("qualified", sorted(COMMANDS))
def test_french_command_names_follow_discord_rules(qualified: str) -> None:
    name, description = COMMANDS[qualified]
    assert _is_discord_name(name), name
    assert 1 <= len(description) <= DESCRIPTION_LIMIT, description


@pytest.mark.parametrize("key", sorted(PARAMETERS))
def test_french_option_names_follow_discord_rules(key: tuple[str, str]) -> None:
    name, description = PARAMETERS[key]
    assert _is_discord_name(name), name
    assert 1 <= len(description) <= DESCRIPTION_LIMIT, description


async def test_every_command_group_and_option_of_the_bot_has_french(world) -> None:
    """Walks the running bot's tree, so a new command without French fails here."""
    missing = []
    seen = 0
    for command in every_command(world.bot.tree):
        seen += 1
        group = isinstance(command, app_commands.Group)
        name_at = Location.group_name if group else Location.command_name
        text_at = Location.group_description if group else Location.command_description
        for location in (name_at, text_at):
            if not french_for(location, command, ""):
                missing.append(f"/{command.qualified_name} {location.name}")
        if group:
            continue
        for parameter in command.parameters:
            for location in (Location.parameter_name, Location.parameter_description):
                if not french_for(location, parameter, ""):
                    missing.append(f"/{command.qualified_name} {parameter.name} {location.name}")
    assert seen >= 8
    assert not missing, missing


def _name_location(command: object) -> Location:
    return Location.group_name if isinstance(command, app_commands.Group) else Location.command_name


def _cog_commands():
    """Every slash command declared by any cog module, loaded in the factory or not yet."""
    import importlib
    import inspect
    import pkgutil

    from discord.ext import commands

    import bot.cogs

    for info in pkgutil.walk_packages(bot.cogs.__path__, "bot.cogs."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, commands.Cog) and cls.__module__ == module.__name__:
                for command in cls.__cog_app_commands__:
                    yield command
                    if isinstance(command, app_commands.Group):
                        yield from command.walk_commands()


def test_every_command_of_every_cog_module_has_french() -> None:
    missing = []
    for command in _cog_commands():
        group = isinstance(command, app_commands.Group)
        for location in (
            (Location.group_name, Location.group_description)
            if group
            else (Location.command_name, Location.command_description)
        ):
            if not french_for(location, command, ""):
                missing.append(f"/{command.qualified_name} {location.name}")
        for parameter in [] if group else command.parameters:
            for location in (Location.parameter_name, Location.parameter_description):
                if not french_for(location, parameter, ""):
                    missing.append(f"/{command.qualified_name} {parameter.name} {location.name}")
    assert not missing, missing


def test_no_french_is_left_for_a_command_that_does_not_exist() -> None:
    names = {command.qualified_name for command in _cog_commands()}
    assert set(COMMANDS) - names == set()
    options = {
        (command.qualified_name, p.name)
        for command in _cog_commands()
        if not isinstance(command, app_commands.Group)
        for p in command.parameters
    }
    assert set(PARAMETERS) - options == set()


async def test_french_names_do_not_collide(world) -> None:
    """Two subcommands of one group, or two options of one command, need distinct French."""
    for command in every_command(world.bot.tree):
        if isinstance(command, app_commands.Group):
            names = [french_for(_name_location(c), c, "") for c in command.commands]
            assert len(names) == len(set(names)), command.qualified_name
        else:
            options = [french_for(Location.parameter_name, p, "") for p in command.parameters]
            assert len(options) == len(set(options)), command.qualified_name
    top = [french_for(_name_location(c), c, "") for c in world.bot.tree.get_commands()]
    assert len(top) == len(set(top)), top


async def test_sync_sends_french_localisations_to_discord(world) -> None:
    registered = world.env.backend.commands[None]
    by_name = {name: payload for (name, _), payload in registered.items()}
    event = by_name["event"]
    assert event["name_localizations"] == {"fr": "evenement"}
    assert event["description_localizations"]["fr"].startswith("L'événement")
    session = by_name["session"]
    find = next(o for o in session["options"] if o["name"] == "find")
    assert find["name_localizations"] == {"fr": "chercher"}
    query = next(o for o in find["options"] if o["name"] == "query")
    assert query["name_localizations"] == {"fr": "recherche"}
    assert query["description_localizations"]["fr"].startswith("Commencez")
    for payload in registered.values():
        assert "fr" in (payload.get("name_localizations") or {}), payload["name"]


async def test_other_locales_keep_english() -> None:
    translator = EventTranslator()
    command = app_commands.Command(name="event", description="x", callback=_noop)
    context = app_commands.TranslationContext(Location.command_name, command)
    string = app_commands.locale_str("event")
    assert await translator.translate(string, discord.Locale.german, context) is None
    assert await translator.translate(string, discord.Locale.american_english, context) is None
    assert await translator.translate(string, discord.Locale.french, context) == "evenement"


async def _noop(interaction: discord.Interaction) -> None:  # pragma: no cover
    pass


# -- slash commands follow the interaction's locale -------------------------------------------


async def test_slash_replies_follow_the_client_language(world, locale) -> None:
    locale("fr")
    (embed,) = (await world.bob.slash(world.general, "event")).response.embeds
    assert field(embed, "Où") == "Grand hall, Lyon"
    assert embed.description == "Deux jours sur les conteneurs."
    locale("en-GB")
    (embed,) = (await world.bob.slash(world.general, "event")).response.embeds
    assert field(embed, "Where") == "Main hall, Lyon"
    locale("de")
    (embed,) = (await world.bob.slash(world.general, "event")).response.embeds
    assert field(embed, "Where") == "Main hall, Lyon"


async def test_session_embed_uses_the_french_title_for_a_french_client(world, locale) -> None:
    locale("fr")
    res = await world.bob.slash(world.general, "session find", query="keynote")
    (embed,) = res.response.embeds
    assert embed.title == "Keynote : sécuriser"
    assert embed.description == "Pourquoi AppArmor."
    assert "Quand" in [f.name for f in embed.fields]


async def test_ask_answers_in_the_question_language_before_the_locale(world, locale) -> None:
    locale("fr")
    (embed,) = (await world.bob.slash(world.general, "ask", question="wifi ?")).response.embeds
    assert embed.title == "Y a-t-il du wifi ?"  # no language in the question: the locale
    res = await world.bob.slash(world.general, "ask", question="is there wifi at the venue?")
    assert res.response.embeds[0].title == "Is there wifi?"  # English question, English answer
    locale("en-US")
    res = await world.bob.slash(world.general, "ask", question="est-ce qu'il y a du wifi ?")
    assert res.response.embeds[0].title == "Y a-t-il du wifi ?"


async def test_errors_and_refusals_follow_the_client_language(world, locale) -> None:
    locale("fr")
    res = await world.bob.slash(world.general, "speaker", name="zzzz qqqq")
    assert res.ephemeral
    text = res.response.embeds[0].title or res.response.embeds[0].description
    assert "Aucun intervenant" in text
    res = await manager(world.env, world.guild).slash(world.general, "kb reload")
    assert res.ephemeral
    assert res.response.embeds[0].description.startswith(
        t("organisers_only", "fr", role="Organiser")[:20]
    )
    assert {type(error) for error in world.env.errors} == {NotOrganiser}


# -- free text follows the question's language ------------------------------------------------


async def test_free_text_answers_in_the_question_language(world) -> None:
    await world.alice.send(world.questions, "is there wifi?")
    world.bot.free_text_cooldown.reset()
    await world.bob.send(world.questions, "y a-t-il du wifi ?")
    english, french = replies(world, world.questions)[-2:]
    assert english.embeds[0].title == "Is there wifi?"
    assert french.embeds[0].title == "Y a-t-il du wifi ?"
    assert "Oui" in french.embeds[0].description


@pytest.mark.bot(kb=make_kb(language="fr"))
async def test_unclear_language_falls_back_to_the_event_language(world) -> None:
    await world.alice.send(world.questions, "wifi")
    (reply,) = replies(world, world.questions)
    assert reply.embeds[0].title == "Y a-t-il du wifi ?"


async def test_unclear_language_falls_back_to_english_for_an_english_event(world) -> None:
    await world.alice.send(world.questions, "wifi")
    (reply,) = replies(world, world.questions)
    assert reply.embeds[0].title == "Is there wifi?"


async def test_a_one_language_entry_is_shown_to_everyone(world, locale) -> None:
    locale("fr")
    res = await world.bob.slash(world.general, "session find", query="linuxkit-talk")
    (embed,) = res.response.embeds
    assert embed.title == "Docker's new LinuxKit"  # only one text: shown in any language
    assert "Quand" in [f.name for f in embed.fields]  # labels still French
