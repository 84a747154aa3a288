"""Building replies: embeds plus (optional) buttons, never pinging anyone.

:func:`build_answer_reply` is the one place an answer (``/ask`` or free text) becomes a
Discord message: later features (rating buttons) attach their items to the view it returns.
Every reply is sent with ``allowed_mentions`` set to none, because replies echo user text
(the question) and knowledge text, either of which may contain ``@everyone`` or a mention.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.agenda.timeline import event_status, next_sessions, sessions_at
from bot.answer.engine import Answer
from bot.answer.intent import Intent
from bot.discord_app.errors import interaction_language
from bot.discord_app.lookup import resolve
from bot.discord_app.rating import RatingView
from bot.discord_app.views import suggestions_view
from bot.i18n import t
from bot.kb.model import Entry, KnowledgeBase
from bot.render.embeds import answer_embeds, suggestions_embed
from bot.render.limits import fit_embeds, truncate

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

NO_MENTIONS = discord.AllowedMentions.none()


@dataclass
class Reply:
    """What to send: embeds, an optional view, optional text. ``kwargs()`` feeds ``send``."""

    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    content: str | None = None

    def kwargs(self, **extra: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "embeds": fit_embeds(self.embeds),
            "allowed_mentions": NO_MENTIONS,
        }
        if self.content:
            out["content"] = truncate(discord.utils.escape_mentions(self.content), 2000)
        if self.view is not None:
            out["view"] = self.view
        out.update(extra)
        return out


def build_answer_reply(bot: EventBot, answer: Answer, *, asker_id: int) -> Reply:
    """The reply to a question: the answer's embed (one per question of the message), and
    "did you mean" buttons when unsure."""
    kb = bot.kb
    embeds = answer_embeds(kb, answer)
    view: discord.ui.View | None = None
    if not answer.answered and answer.alternative_entries:
        view = suggestions_view(
            answer.alternative_entries, asker_id=asker_id, language=answer.language
        )
    elif answer.answered and getattr(bot, "store", None) is not None:
        # Stopped before sending: discord.py then keeps no per-message copy; clicks are handled
        # by the one RatingView registered at start-up (bot.add_view), matched by custom id.
        view = RatingView()
        view.stop()
    return Reply(embeds, view)


async def find_or_suggest(
    bot: EventBot, interaction: discord.Interaction, kind: str, query: str, not_found_key: str
) -> Entry | None:
    """The ``kind`` entry that ``query`` names; otherwise tell the user, privately, with the
    closest entries as buttons (``not_found_key`` is the i18n message), and return None."""
    language = interaction_language(interaction)
    found = resolve(bot.answerer, kind, query)
    if found.entry is not None:
        return found.entry
    message = t(not_found_key, language, query=quote(query))
    reply = not_found_reply(
        bot.kb, message, found.suggestions, asker_id=interaction.user.id, language=language
    )
    await send_reply(interaction, reply, ephemeral=True)
    return None


async def send_entry(
    bot: EventBot,
    interaction: discord.Interaction,
    kind: str,
    query: str,
    render: Callable[[KnowledgeBase, Any, str], discord.Embed],
    not_found_key: str,
) -> None:
    """``/session find``, ``/speaker``, ``/tool``: the entry's card, or "not found" with
    suggestions."""
    entry = await find_or_suggest(bot, interaction, kind, query, not_found_key)
    if entry is not None:
        embed = render(bot.kb, entry, interaction_language(interaction))
        await send_reply(interaction, Reply([embed]))


def not_found_reply(
    kb: KnowledgeBase,
    message: str,
    suggestions: tuple[Entry, ...],
    *,
    asker_id: int,
    language: str,
) -> Reply:
    """ "No session matches X" with the closest entries as buttons."""
    embed = suggestions_embed(kb, message, suggestions, language)
    return Reply([embed], suggestions_view(suggestions, asker_id=asker_id, language=language))


def agenda_answer(kb: KnowledgeBase, mode: str, now: datetime, language: str) -> Answer:
    """An :class:`Answer` for ``/session now`` or ``/session next`` (what the engine returns
    for "what's on now?"), so both render the same way."""
    if mode == "now":
        sessions = tuple(sessions_at(kb, now))
        intent = Intent.NOW
    else:
        upcoming = next_sessions(kb, now, limit=25)
        first = upcoming[0].start if upcoming else None
        sessions = tuple(s for s in upcoming if s.start == first)
        intent = Intent.NEXT
    head = sessions[0] if sessions else None
    return Answer(
        answered=True,
        kind="session" if head else "event",
        id=head.id if head else kb.event.id,
        title="",
        score=100.0,
        intent=intent,
        language=language,
        question=f"/session {mode}",
        entry=head or kb.event,
        sessions=sessions,
        agenda=f"{mode}:{event_status(kb, now)}",
        at=now,
    )


async def send_reply(
    interaction: discord.Interaction, reply: Reply, *, ephemeral: bool = False
) -> discord.InteractionCallbackResponse:
    """Answer ``interaction`` with ``reply`` (never pinging)."""
    return await interaction.response.send_message(**reply.kwargs(ephemeral=ephemeral))


def quote(text: str, limit: int = 80) -> str:
    """User text made safe to show: no markdown, no mentions, bounded."""
    text = discord.utils.escape_markdown(" ".join((text or "").split()))
    return truncate(discord.utils.escape_mentions(text), limit)


__all__ = [
    "NO_MENTIONS",
    "Reply",
    "agenda_answer",
    "build_answer_reply",
    "not_found_reply",
    "quote",
    "send_reply",
]
