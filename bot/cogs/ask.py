"""``/ask question:`` and free-text questions, both answered by the same engine.

A plain message is a question when it is posted in a questions channel (``QUESTIONS_CHANNELS``,
threads included), sent as a DM, or mentions the bot anywhere. Then, in order:

1. messages from bots (this one included) and webhooks are ignored;
2. chatter ("hi", "thanks!", an emoji, one unknown word) is ignored, see
   :mod:`bot.answer.chatter`; a bare mention, "help" or "aide" gets a short help;
3. the per-user / per-channel cooldown: when limited, no reply (one reaction at most);
4. a message over ``MAX_QUESTION_CHARS`` is refused politely;
5. otherwise the answer is sent as a reply, without pinging anyone.

Every question from step 3 on is logged *before* it is answered (the question listeners are
told first, see :mod:`bot.discord_app.hooks`), and the handler is counted in flight, so a stop
lets it finish: no answered question is ever missing from the log.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.chatter import is_chatter
from bot.answer.engine import Answer
from bot.answer.intent import Intent
from bot.answer.normalise import detect_language, fold
from bot.discord_app.checks import is_questions_channel
from bot.discord_app.cooldown import ASK_PER, ASK_RATE
from bot.discord_app.errors import EventCog, interaction_language, send_ephemeral
from bot.discord_app.hooks import PublishedQuestion, QuestionEvent
from bot.discord_app.privacy import user_ref
from bot.discord_app.replies import Reply, build_answer_reply, send_reply
from bot.discord_app.views import EntryButton
from bot.i18n import t

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

RATE_LIMITED_REACTION = "\N{HOURGLASS WITH FLOWING SAND}"
HELP_WORDS = frozenset({"help", "aide", "?", "info", "infos"})


def unanswered(text: str, reason: str, bot: EventBot) -> Answer:
    """The record of a question the bot did not put to the engine (rate-limited, too long):
    logged all the same, so the question log loses nothing."""
    return Answer(
        answered=False,
        kind=None,
        id=None,
        title="",
        score=0.0,
        intent=Intent.ANY,
        language=detect_language(text, bot.kb.event.language),
        question=text,
        reason=reason,
    )


class AskCog(EventCog):
    def __init__(self, bot: EventBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        # "Did you mean" buttons keep working after a restart; the not-found replies of
        # /session find, /speaker, /tool and /remind carry the same buttons.
        self.bot.add_dynamic_items(EntryButton)

    # -- /ask -------------------------------------------------------------------------------

    @app_commands.command(name="ask", description="Ask a question about the event")
    @app_commands.describe(question="Your question, in English or French")
    @app_commands.checks.cooldown(ASK_RATE, ASK_PER)
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 2000]
    ) -> None:
        bot = self.bot
        locale_language = interaction_language(interaction)
        limit = bot.settings.max_question_chars
        if len(question) > limit:
            await bot.publish_question(  # logged as not answered (before the reply), like free text
                QuestionEvent(
                    source="slash",
                    text=question,
                    answer=unanswered(question, "too long", bot),
                    latency_ms=0.0,
                    at=bot.now(),
                    language=locale_language,
                    guild_id=interaction.guild_id,
                    channel_id=interaction.channel_id,
                    user_id=interaction.user.id,
                    message_id=interaction.id,
                )
            )
            await send_ephemeral(
                interaction, t("too_long", locale_language, length=len(question), limit=limit)
            )
            return
        answer, latency = bot.answer_question(question, default_language=locale_language)
        published = await bot.publish_question(
            QuestionEvent(
                source="slash",
                text=question,
                answer=answer,
                latency_ms=latency,
                at=bot.now(),
                language=answer.language,
                guild_id=interaction.guild_id,
                channel_id=interaction.channel_id,
                user_id=interaction.user.id,
                message_id=interaction.id,
            )
        )
        reply = build_answer_reply(bot, answer, asker_id=interaction.user.id)
        callback = await send_reply(interaction, reply)
        await published.replied(getattr(callback, "message_id", None), log)

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """A ``/ask`` refused by its cooldown is logged all the same (as rate-limited, like
        free text), then the user is told when to try again."""
        question = getattr(interaction.namespace, "question", None)
        if isinstance(error, app_commands.CommandOnCooldown) and isinstance(question, str):
            bot = self.bot
            published = await bot.publish_question(
                QuestionEvent(
                    source="slash",
                    text=question,
                    answer=unanswered(question, "rate-limited", bot),
                    latency_ms=0.0,
                    at=bot.now(),
                    language=interaction_language(interaction),
                    guild_id=interaction.guild_id,
                    channel_id=interaction.channel_id,
                    user_id=interaction.user.id,
                    message_id=interaction.id,
                )
            )
            await published.replied(None, log)
        await super().cog_app_command_error(interaction, error)

    # -- free text ----------------------------------------------------------------------------

    def _addressed(self, message: discord.Message) -> tuple[bool, bool, str]:
        """``(addressed, mentioned, text without the bot's mention)``."""
        me = self.bot.user
        assert me is not None
        content = message.content or ""
        # A mention, or a reply to one of the bot's messages that pings it.
        mentioned = any(user.id == me.id for user in message.mentions)
        own_roles = set()
        if message.guild is not None and message.guild.me is not None:
            # The role Discord creates for the bot when invited (the only managed role it has).
            own_roles = {r.id for r in message.guild.me.roles if r.managed}
        role_mentioned = any(role.id in own_roles for role in message.role_mentions)
        text = re.sub(rf"<@!?{me.id}>", " ", content)
        for role_id in own_roles:
            text = text.replace(f"<@&{role_id}>", " ")
        text = " ".join(text.split())
        mentioned = mentioned or role_mentioned
        if mentioned or message.guild is None:
            return True, True, text
        return is_questions_channel(self.bot.settings, message.channel), False, text

    def _is_command(self, text: str) -> bool:
        first = text.split(maxsplit=1)[0] if text else ""
        return bool(first) and self.bot.get_command(first.lower()) is not None

    def _known(self, word: str) -> bool:
        return bool(self.bot.answerer.index.lookup(word))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        bot = self.bot
        if message.author.bot or message.webhook_id is not None or bot.user is None:
            return
        if message.author.id == bot.user.id:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return  # joins, pins, thread starters... are not questions
        addressed, mentioned, text = self._addressed(message)
        if not addressed:
            return
        bot.in_flight.track_current()
        if mentioned and self._is_command(text):
            return  # "@bot sync": a mention command, handled by the commands extension
        help_wanted = mentioned and (not text or fold(text).strip(" !.") in HELP_WORDS)
        if not help_wanted and is_chatter(text, self._known):
            return
        decision = bot.free_text_cooldown.check(message.author.id, message.channel.id)
        if not decision.allowed:
            log.info(
                "free text rate-limited (%s, retry in %.1fs): %s channel=%s message=%s",
                decision.reason,
                decision.retry_after,
                user_ref(bot, message.author.id),
                message.channel.id,
                message.id,
            )
            published = await self._publish(
                message, text, unanswered(text, "rate-limited", bot), 0.0
            )
            if decision.notify:
                await self._react(message, RATE_LIMITED_REACTION)
            await published.replied(None, log)
            return
        language = detect_language(text, bot.kb.event.language)
        if help_wanted:
            reply = Reply(content=t("mention_help", language, event=bot.kb.event.name))
            await self._reply(message, reply)
            return
        limit = bot.settings.max_question_chars
        if len(text) > limit:
            published = await self._publish(message, text, unanswered(text, "too long", bot), 0.0)
            reply = Reply(content=t("too_long", language, length=len(text), limit=limit))
            sent = await self._reply(message, reply)
            await published.replied(sent.id if sent else None, log)
            return
        answer, latency = bot.answer_question(text)
        published = await self._publish(message, text, answer, latency)
        sent = await self._reply(
            message, build_answer_reply(bot, answer, asker_id=message.author.id)
        )
        await published.replied(sent.id if sent else None, log)

    async def _reply(self, message: discord.Message, reply: Reply) -> discord.Message | None:
        """Reply to ``message`` (still sent if it was deleted meanwhile), never pinging."""
        try:
            return await message.channel.send(
                **reply.kwargs(reference=message.to_reference(fail_if_not_exists=False))
            )
        except discord.HTTPException as exc:
            log.warning(
                "could not reply to message %s in channel %s (guild %s): %s",
                message.id,
                message.channel.id,
                message.guild.id if message.guild else None,
                exc,
            )
            return None

    async def _react(self, message: discord.Message, emoji: str) -> None:
        try:
            await message.add_reaction(emoji)
        except discord.HTTPException as exc:
            log.info("could not react to message %s: %s", message.id, exc)

    async def _publish(
        self, message: discord.Message, text: str, answer: Answer, latency: float
    ) -> PublishedQuestion:
        bot = self.bot
        return await bot.publish_question(
            QuestionEvent(
                source="free-text",
                text=text,
                answer=answer,
                latency_ms=latency,
                at=bot.now(),
                language=answer.language,
                guild_id=message.guild.id if message.guild else None,
                channel_id=message.channel.id,
                user_id=message.author.id,
                message_id=message.id,
            )
        )


__all__ = ["AskCog"]


async def setup(bot: EventBot) -> None:
    await bot.add_cog(AskCog(bot))
