"""The question log through simcord: every question stored, ratings, organisers' reports."""

from __future__ import annotations

import csv
import io

import pytest
from PIL import Image
from simcord_checks import manager

from bot.discord_app.errors import NotOrganiser
from bot.discord_app.factory import EventBot, create_bot
from bot.discord_app.rating import HELPFUL_ID, NOT_HELPFUL_ID
from bot.store import Store
from bot.store.chart import HEIGHT_PX, WIDTH_PX


@pytest.fixture
def simcord_bot(settings, kb, clock, store) -> EventBot:
    return create_bot(settings, kb, clock=clock, store=store)


def text_of(result) -> str:
    response = result.response
    parts = [response.content or ""]
    for embed in response.embeds or ():
        parts += [embed.title or "", embed.description or ""]
    return "\n".join(parts)


async def test_free_text_and_slash_questions_are_logged(world, store: Store) -> None:
    await world.bob.send(world.questions, "when is the linuxkit talk?")
    await world.bob.slash(world.general, "ask", question="recette de la tarte tatin")
    questions = await store.questions()
    assert [q.source for q in questions] == ["text", "ask"]
    answered, refused = questions
    assert answered.answered and answered.matched_kind == "session"
    assert answered.reply_message_id == world.questions.last_message.id
    assert answered.user_id is None and answered.user_key  # pseudonymous by default
    assert not refused.answered and refused.text == "recette de la tarte tatin"


async def test_rating_buttons_store_one_rating_per_user(world, store: Store) -> None:
    await world.bob.send(world.questions, "when is the linuxkit talk?")
    reply = world.questions.last_message
    first = await world.bob.click(reply, custom_id=HELPFUL_ID)
    assert first.ephemeral and "Thanks" in text_of(first)
    await world.bob.click(reply, custom_id=NOT_HELPFUL_ID)  # changes his mind
    await world.alice.click(reply, custom_id=HELPFUL_ID)
    (question,) = await store.questions()
    assert (question.helpful, question.not_helpful) == (1, 1)


async def test_rating_survives_a_restart(world, settings, kb, clock, store: Store) -> None:
    await world.bob.send(world.questions, "when is the linuxkit talk?")
    reply = world.questions.last_message
    await world.env.restart_bot(create_bot(settings, kb, clock=clock, store=store))
    result = await world.bob.click(reply, custom_id=HELPFUL_ID)
    assert "Thanks" in text_of(result)
    (question,) = await store.questions()
    assert question.helpful == 1


async def test_refusals_offer_suggestions_not_ratings(world) -> None:
    await world.bob.send(world.questions, "what about the linuxkit pizza party with basil?")
    reply = world.questions.last_message
    custom_ids = {c.custom_id for row in reply.components for c in row.children}
    assert HELPFUL_ID not in custom_ids


async def test_reports_are_for_organisers_only(world) -> None:
    carol = manager(world.env, world.guild)
    for sub in ("stats", "top", "unanswered", "export"):
        result = await carol.slash(world.general, f"questions {sub}")
        assert result.ephemeral
        assert "Organiser" in text_of(result)
    assert {type(error) for error in world.env.errors} == {NotOrganiser}


async def test_organiser_reports(world, store: Store) -> None:
    for text in ("when is the linuxkit talk?", "where is the cloakroom?", "where is the cloakroom"):
        await world.bob.send(world.questions, text)
        world.clock.advance(60)
    stats = await world.alice.slash(world.general, "questions stats")
    assert stats.ephemeral and "total" in text_of(stats) and "3" in text_of(stats)
    top = await world.alice.slash(world.general, "questions top", since="7d")
    assert "Docker's new LinuxKit" in text_of(top)  # the title, not session:linuxkit-talk
    assert "session:linuxkit-talk" not in text_of(top)
    bad = await world.alice.slash(world.general, "questions top", since="last tuesday")
    assert bad.ephemeral and "7d" in text_of(bad)
    unanswered = await world.alice.slash(world.general, "questions unanswered")
    assert "cloakroom" in text_of(unanswered)
    export = await world.alice.slash(world.general, "questions export")
    assert export.ephemeral
    (attachment,) = export.response.attachments
    data = await attachment.read()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == 3


async def test_answers_do_not_pile_up_views_in_memory(world) -> None:
    before = len(world.bot.persistent_views)
    for question in ("when is the linuxkit talk?", "what is the keynote about?", "who is alice?"):
        await world.bob.send(world.questions, question)
        world.clock.advance(60)
    assert len(world.bot.persistent_views) == before
    assert not world.bot._connection._view_store._synced_message_views


async def test_too_long_and_rate_limited_questions_are_logged_too(world, store: Store) -> None:
    await world.bob.send(world.questions, "where is the linuxkit talk? " * 20)  # over 300 chars
    world.clock.advance(5)  # past the channel cooldown
    await world.alice.send(world.questions, "when is the linuxkit talk?")
    await world.alice.send(world.questions, "and what is linuxkit?")  # within her cooldown
    questions = await store.questions()
    assert [q.text for q in questions] == [
        ("where is the linuxkit talk? " * 20).strip(),
        "when is the linuxkit talk?",
        "and what is linuxkit?",
    ]
    assert [q.answered for q in questions] == [False, True, False]


async def test_a_too_long_ask_is_refused_and_logged(world, store: Store) -> None:
    """As .env.example promises: questions over MAX_QUESTION_CHARS are logged, /ask too."""
    question = "when is the linuxkit talk and " + "x" * 400  # over 300 chars
    result = await world.bob.slash(world.general, "ask", question=question)
    assert result.ephemeral and "too long" in text_of(result)
    (logged,) = await store.questions()
    assert (logged.text, logged.source, logged.answered) == (question, "ask", False)
    assert logged.user_key == store.user_key(world.bob.id) and logged.guild_id == world.guild.id


async def test_reports_follow_the_organisers_language(world, locale) -> None:
    await world.bob.send(world.questions, "where is the cloakroom?")
    locale("fr")
    stats = await world.alice.slash(world.general, "questions stats")
    assert "répondues" in text_of(stats)
    unanswered = await world.alice.slash(world.general, "questions unanswered")
    assert "Sans réponse" in text_of(unanswered) and "cloakroom" in text_of(unanswered)


async def test_reports_only_show_the_organisers_own_server(world, store: Store) -> None:
    await world.bob.send(world.questions, "when is the linuxkit talk?")
    await store.log_question(
        text="another server's secret question", source="text", answered=False, guild_id=1234
    )
    for sub in ("stats", "unanswered"):
        result = await world.alice.slash(world.general, f"questions {sub}")
        assert "secret" not in text_of(result)
    stats = await world.alice.slash(world.general, "questions stats")
    assert "total          1" in text_of(stats)
    export = await world.alice.slash(world.general, "questions export")
    data = (await export.response.attachments[0].read()).decode("utf-8")
    assert "secret" not in data and "linuxkit" in data


async def test_stats_attach_a_chart_of_the_servers_own_questions(world, store: Store) -> None:
    await world.bob.send(world.questions, "when is the linuxkit talk?")
    world.clock.advance(60)
    await world.bob.send(world.questions, "where is the cloakroom?")
    await store.log_question(text="elsewhere", source="text", answered=False, guild_id=1234)
    stats = await world.alice.slash(world.general, "questions stats")
    (attachment,) = stats.response.attachments
    assert attachment.filename == "questions.png"
    image = Image.open(io.BytesIO(await attachment.read()))
    assert image.size == (WIDTH_PX, HEIGHT_PX)
    assert image.info["Title"] == "Questions: 2 (answered 1, refused 1)"


async def test_stats_without_questions_or_when_drawing_fails_send_the_text(
    world, monkeypatch
) -> None:
    empty = await world.alice.slash(world.general, "questions stats")
    assert "total" in text_of(empty) and not empty.response.attachments
    await world.bob.send(world.questions, "when is the linuxkit talk?")

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts on this host")

    # by name: matplotlib (1 s to import) is loaded when the test runs, not at collection
    monkeypatch.setattr("matplotlib.figure.Figure.savefig", broken)
    stats = await world.alice.slash(world.general, "questions stats")
    assert "total" in text_of(stats) and not stats.response.attachments
