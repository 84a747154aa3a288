"""The bot the factory builds: every cog's slash command registered, and every command
reads the knowledge base the bot holds now."""

from __future__ import annotations

from eventbot_fixtures import DAY1, at, make_kb

from bot.kb.model import KnowledgeBase, Session, Text

COMMANDS = {
    "session find",
    "session now",
    "session next",
    "session agenda",
    "speaker",
    "tool",
    "event",
    "ask",
}


async def test_every_command_is_registered(world):
    assert set(world.bob.available_commands(world.general)) >= COMMANDS


async def test_answers_read_the_current_knowledge_base(world):
    renamed = make_kb(name="OtherConf")
    world.bot.replace_knowledge(
        KnowledgeBase(
            event=renamed.event,
            sessions=(Session(id="new", title=Text.of("Brand new session"), start=at(DAY1, 9)),),
        )
    )
    res = await world.bob.slash(world.general, "event")
    assert res.response.embeds[0].title == "OtherConf"
    choices = await world.bob.autocomplete(world.general, "session find", "query", "brand")
    assert [c["value"] for c in choices] == ["new"]
