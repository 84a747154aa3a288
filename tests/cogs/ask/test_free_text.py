"""Free-text questions: answered, refused, ignored; cooldowns; mention safety; no-intent mode."""

from __future__ import annotations

import discord
import pytest
from simcord_checks import bot_messages

QUESTION = "where is the linuxkit talk?"


def replies(world, channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.id == world.bot.user.id]


def reactions(world, channel, message) -> list[str]:
    stored = world.env.backend.get_message(channel.id, message.id)
    return [r.emoji for r in stored.reactions]


async def test_question_in_questions_channel_is_answered_as_a_reply(world):
    asked = await world.alice.send(world.questions, QUESTION)
    (reply,) = replies(world, world.questions)
    assert reply.reference.message_id == asked.id
    assert reply.embeds[0].title == "Docker's new LinuxKit"
    assert reply.content == ""


async def test_french_question_gets_a_french_answer(world):
    await world.alice.send(world.questions, "c'est quand la keynote ?")
    (reply,) = replies(world, world.questions)
    assert reply.embeds[0].title == "Keynote : sécuriser"
    assert any(f.name == "Quand" for f in reply.embeds[0].fields)


async def test_other_channels_need_a_mention(world):
    await world.alice.send(world.general, QUESTION)
    assert replies(world, world.general) == []
    await world.alice.send(world.general, f"{world.bot.user.mention} {QUESTION}")
    (reply,) = replies(world, world.general)
    assert reply.embeds[0].title == "Docker's new LinuxKit"


async def test_the_bot_role_mention_counts_as_a_mention(world):
    role = next(r for r in world.guild.me.roles if r.managed)
    await world.alice.send(world.general, f"<@&{role.id}> is there wifi?")
    (reply,) = replies(world, world.general)
    assert reply.embeds[0].title == "Is there wifi?"


async def test_threads_of_a_questions_channel_count(world):
    questions = world.bot.get_channel(world.questions.id)

    class Thread:
        id, name, parent = 1, "a thread", questions

    from bot.discord_app.checks import is_questions_channel

    assert is_questions_channel(world.bot.settings, Thread())
    assert not is_questions_channel(world.bot.settings, world.bot.get_channel(world.general.id))


async def test_direct_messages_are_answered(world):
    await world.alice.send_dm("is there wifi?")
    reply = world.alice.user.dm_channel.last_message
    assert reply.author.id == world.bot.user.id
    assert reply.embeds[0].title == "Is there wifi?"


@pytest.mark.parametrize("text", ["hi everyone!", "thanks :)", "merci !", "👍", "ok", "hmm", "lol"])
async def test_chatter_is_not_answered(world, text):
    await world.alice.send(world.questions, text)
    assert replies(world, world.questions) == []


async def test_a_single_known_word_is_a_question(world):
    await world.alice.send(world.questions, "kubernetes")
    (reply,) = replies(world, world.questions)
    assert reply.embeds[0].title == "Kubernetes"


async def test_bare_mention_gets_help(world):
    await world.alice.send(world.general, world.bot.user.mention)
    (reply,) = replies(world, world.general)
    assert reply.content.startswith("Ask me anything about TestConf 2030")


async def test_bots_webhooks_and_itself_are_never_answered(world):
    other_bot = world.guild.add_member(world.env.create_user("helper", bot=True))
    await other_bot.send(world.questions, QUESTION)
    await other_bot.send(world.questions, f"{world.bot.user.mention} {QUESTION}")
    hook = world.guild.create_webhook(world.questions, "Feed")
    await hook.send(QUESTION)
    assert replies(world, world.questions) == []
    await world.alice.send(world.questions, QUESTION)
    await world.env.settle()
    assert len(replies(world, world.questions)) == 1  # its own reply did not trigger another


async def test_unsure_answer_offers_buttons_and_the_asker_can_pick(world):
    await world.alice.send(world.questions, "pipelines and mesh")
    (reply,) = replies(world, world.questions)
    assert reply.embeds[0].title == "Sorry, I don't know that."
    labels = [c.label for row in reply.components for c in row.children]
    assert labels == ["Continuous delivery pipelines", "Service mesh in practice"]

    other = await world.bob.click(reply, label="Service mesh in practice")
    assert other.ephemeral
    assert other.response.embeds[0].title == "Service mesh in practice"
    still = world.env.backend.get_message(world.questions.id, reply.id)
    assert still.embeds[0]["title"] == "Sorry, I don't know that."

    await world.alice.click(reply, label="Continuous delivery pipelines")
    edited = world.env.backend.get_message(world.questions.id, reply.id)
    assert edited.embeds[0]["title"] == "Continuous delivery pipelines"
    assert edited.components == []


async def test_buttons_survive_a_knowledge_reload(world):
    await world.alice.send(world.questions, "pipelines and mesh")
    (reply,) = replies(world, world.questions)
    kb = world.bot.kb
    world.bot.replace_knowledge(type(kb)(event=kb.event, sessions=kb.sessions[:1]))
    res = await world.alice.click(reply, label="Service mesh in practice")
    assert res.ephemeral
    assert "no longer in the knowledge base" in res.response.embeds[0].description


async def test_long_messages_are_refused_politely(world):
    await world.alice.send(world.questions, "where is " + "the linuxkit talk " * 30)
    (reply,) = replies(world, world.questions)
    assert "too long" in reply.content and "300 at most" in reply.content
    assert reply.embeds == []


async def test_user_cooldown_stays_silent_with_one_reaction(world):
    first = await world.alice.send(world.questions, QUESTION)
    world.clock.advance(3)
    second = await world.alice.send(world.questions, "is there wifi?")
    world.clock.advance(3)
    third = await world.alice.send(world.questions, "kubernetes")
    assert len(replies(world, world.questions)) == 1
    assert reactions(world, world.questions, first) == []
    assert reactions(world, world.questions, second) == ["\N{HOURGLASS WITH FLOWING SAND}"]
    assert reactions(world, world.questions, third) == []
    world.clock.advance(5)
    await world.alice.send(world.questions, "is there wifi?")
    assert len(replies(world, world.questions)) == 2


async def test_channel_cooldown(world):
    await world.alice.send(world.questions, QUESTION)
    await world.bob.send(world.questions, "is there wifi?")
    assert len(replies(world, world.questions)) == 1
    world.clock.advance(2)
    await world.bob.send(world.questions, "is there wifi?")
    assert len(replies(world, world.questions)) == 2
    await world.bob.send(world.general, f"{world.bot.user.mention} kubernetes")
    assert len(replies(world, world.general)) == 0  # bob's own cooldown
    world.clock.advance(10)
    await world.bob.send(world.general, f"{world.bot.user.mention} kubernetes")
    assert len(replies(world, world.general)) == 1


@pytest.mark.bot(cooldown_seconds=0, channel_cooldown_seconds=0)
async def test_cooldowns_can_be_disabled(world):
    for _ in range(3):
        await world.alice.send(world.questions, QUESTION)
    assert len(replies(world, world.questions)) == 3


async def test_everyone_in_a_question_is_never_echoed_as_a_ping(world):
    await world.alice.send(world.questions, f"@everyone <@{world.bob.id}> {QUESTION}")
    (reply,) = replies(world, world.questions)
    assert reply.mention_everyone is False
    stored = world.env.backend.get_message(world.questions.id, reply.id)
    assert stored.ping_user_ids == [] and stored.ping_role_ids == []
    # the asker is not pinged by the reply either
    assert world.alice.id not in stored.ping_user_ids


async def test_mentions_in_knowledge_and_help_text_do_not_ping(world):
    world.bot.replace_knowledge(
        type(world.bot.kb)(
            event=world.bot.kb.event.__class__(
                **{
                    **world.bot.kb.event.__dict__,
                    "name": f"@everyone @here <@&{world.organiser.id}> <@{world.bob.id}>",
                }
            )
        )
    )
    await world.alice.send(world.general, world.bot.user.mention)
    (reply,) = replies(world, world.general)
    assert "everyone" in reply.content
    stored = world.env.backend.get_message(world.general.id, reply.id)
    assert not stored.mention_everyone
    assert stored.ping_user_ids == [] and stored.ping_role_ids == []
    res = await world.bob.slash(world.general, "event")
    assert "everyone" in res.response.embeds[0].title
    # assert_never_pinged (world fixture) checks every message and request at teardown


async def test_question_listeners_get_every_answer_before_it_is_sent(world):
    events = []
    replies_before = []
    linked = []

    async def listener(event):
        events.append(event)
        replies_before.append(len(bot_messages(world.env)))

        async def link(reply_id):
            linked.append(reply_id)

        return link

    world.bot.question_listeners.append(listener)
    asked = await world.alice.send(world.questions, QUESTION)
    await world.bob.slash(world.general, "ask", question="is there wifi?")
    free, slash = events
    (reply,) = replies(world, world.questions)
    assert replies_before == [0, 1], "each question reached the log before its answer"
    assert free.source == "free-text" and free.text == QUESTION
    assert free.answer.id == "linuxkit-talk" and free.answered
    assert free.guild_id == world.guild.id and free.channel_id == world.questions.id
    assert free.user_id == world.alice.id and free.message_id == asked.id
    assert free.latency_ms >= 0 and free.at == world.clock.now and free.language == "en"
    assert slash.source == "slash" and slash.answer.id == "wifi"
    assert slash.user_id == world.bob.id
    assert linked[0] == reply.id and linked[1] is not None


async def test_a_failing_listener_never_stops_the_answer(world, caplog):
    async def broken(event):
        raise RuntimeError("database is down")

    seen = []

    async def working(event):
        seen.append(event)

    world.bot.question_listeners.extend([broken, working])
    await world.alice.send(world.questions, QUESTION)
    assert len(replies(world, world.questions)) == 1
    assert len(seen) == 1
    assert "question listener" in caplog.text and "database is down" in caplog.text


@pytest.mark.bot(message_content=False)
@pytest.mark.simcord(approved_intents=discord.Intents.default())
async def test_without_the_message_content_intent(world):
    assert not world.bot.intents.message_content
    res = await world.bob.slash(world.general, "session find", query="linuxkit-talk")
    assert res.response.embeds[0].title == "Docker's new LinuxKit"
    await world.alice.send(world.questions, QUESTION)  # arrives without its text
    assert replies(world, world.questions) == []
    await world.alice.send(world.questions, f"{world.bot.user.mention} {QUESTION}")
    (reply,) = replies(world, world.questions)
    assert reply.embeds[0].title == "Docker's new LinuxKit"


async def test_the_bot_only_ever_sent_replies(world):
    await world.alice.send(world.questions, QUESTION)
    assert all(m.reference is not None for m in bot_messages(world.env))
