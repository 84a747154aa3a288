"""The question log in Discord: every answered question is stored, organisers read it back.

- A question listener (``bot.question_listeners``) writes each question to ``bot.store``.
- ``/questions stats|top|unanswered|export`` (organiser role, ephemeral) show the same
  reports as ``python -m bot questions``, with the same formatting code; ``stats`` attaches
  the PNG chart of ``questions --chart`` (:mod:`bot.store.chart`, drawn in a worker thread).
"""

from __future__ import annotations

import asyncio
import functools
import io
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.agenda.when import parse_since
from bot.discord_app.checks import ORGANISER_PERMISSIONS, organiser_only, store_of
from bot.discord_app.errors import EventCog, interaction_language
from bot.discord_app.hooks import QuestionEvent, ReplyLink
from bot.discord_app.rating import RatingView
from bot.i18n import t
from bot.store import StoreError
from bot.store.chart import chart_data, render_chart
from bot.store.report import format_stats, format_top, format_unanswered

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

_SOURCES = {"free-text": "text", "slash": "ask", "console": "console"}
_CODE_BLOCK_LIMIT = 1900


def _code_block(text: str) -> str:
    if len(text) > _CODE_BLOCK_LIMIT:
        text = text[: _CODE_BLOCK_LIMIT - 2] + "\n…"
    fence = "`" * 3
    return f"{fence}\n{text.replace(fence, chr(39) * 3)}\n{fence}"


class QuestionsCog(EventCog):
    """Logs questions to the store and gives organisers the reports."""

    questions = app_commands.Group(
        name="questions",
        description="What attendees asked (organisers)",
        guild_only=True,
        default_permissions=ORGANISER_PERMISSIONS,
    )

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.question_listeners.append(self.log_question)
        # Rating buttons on answers sent before a restart keep working.
        self.bot.add_view(RatingView())

    async def cog_unload(self) -> None:
        if self.log_question in self.bot.question_listeners:
            self.bot.question_listeners.remove(self.log_question)

    async def log_question(self, event: QuestionEvent) -> ReplyLink | None:
        """Store one question (before it is answered); returns what records the reply's id
        once it is sent. Without a database the bot still answers."""
        store = store_of(self.bot)
        if store is None:
            return None
        answer = event.answer
        question_id = await store.log_question(
            text=event.text,
            source=_SOURCES.get(event.source, "text"),
            answered=answer.answered,
            guild_id=event.guild_id,
            channel_id=event.channel_id,
            user_id=event.user_id,
            matched_kind=answer.kind if answer.answered else None,
            matched_id=answer.id if answer.answered else None,
            score=answer.score,
            alternatives=[f"{a.kind}:{a.id}" for a in answer.alternatives],
            latency_ms=event.latency_ms,
            message_id=event.message_id,
            asked_at=event.at,
        )

        async def link_reply(reply_message_id: int) -> None:
            open_store = store_of(self.bot)
            if open_store is not None:
                await open_store.set_reply_message(question_id, reply_message_id)

        return link_reply

    async def _report(self, interaction: discord.Interaction, build) -> None:
        language = interaction_language(interaction)
        store = store_of(self.bot)
        if store is None:
            await interaction.response.send_message(t("no_database", language), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            content, file = await build(store, language)
        except StoreError as exc:
            log.error("question report failed: %s", exc)
            await interaction.followup.send(t("database_error", language), ephemeral=True)
            return
        await interaction.followup.send(
            content,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
            file=file if file is not None else discord.utils.MISSING,
        )

    @organiser_only
    @questions.command(
        name="stats", description="Totals, answer rate, ratings, busiest hours, and a chart"
    )
    async def stats(self, interaction: discord.Interaction) -> None:
        tz = self.bot.kb.event.tz

        async def build(store, language):
            stats = await store.stats(tz=tz, guild_id=interaction.guild_id)
            text = _code_block(format_stats(stats, tz, self.bot.kb.event.timezone, language))
            return text, await self._chart(store, interaction.guild_id, language)

        await self._report(interaction, build)

    async def _chart(self, store, guild_id: int | None, language: str) -> discord.File | None:
        """The PNG chart for ``/questions stats``; ``None`` (the text report alone) when there
        is nothing to draw or drawing fails (logged: the report must still be sent)."""
        kb = self.bot.kb
        try:
            data = await chart_data(
                store,
                tz=kb.event.tz,
                zone_name=kb.event.timezone,
                guild_id=guild_id,
                subtitle=f"{kb.event.name} · {t('chart_all_time', language)}",
            )
            if not data.total:
                return None
            png = await asyncio.to_thread(render_chart, data, language)
        except StoreError:
            raise
        except Exception:
            log.exception("the questions chart could not be drawn; sending the text report")
            return None
        return discord.File(io.BytesIO(png), filename="questions.png")

    @organiser_only
    @questions.command(name="top", description="Most asked entries")
    @app_commands.describe(since="7d, 12h, 30m, or a date like 2017-06-13 (default: all)")
    async def top(
        self,
        interaction: discord.Interaction,
        since: app_commands.Range[str, 1, 40] | None = None,
    ) -> None:
        tz = self.bot.kb.event.tz
        try:
            start = parse_since(since, self.bot.now(), tz) if since else None
        except ValueError:
            language = interaction_language(interaction)
            await interaction.response.send_message(
                t("bad_since", language, value=since),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return

        async def build(store, language):
            entries = await store.top(since=start, limit=15, guild_id=interaction.guild_id)
            kb = self.bot.kb
            titles = functools.partial(kb.title, language=language)
            return _code_block(format_top(entries, tz, language, titles)), None

        await self._report(interaction, build)

    @organiser_only
    @questions.command(name="unanswered", description="What the bot could not answer, newest first")
    async def unanswered(self, interaction: discord.Interaction) -> None:
        tz = self.bot.kb.event.tz

        async def build(store, language):
            groups = await store.unanswered(limit=15, guild_id=interaction.guild_id)
            return _code_block(format_unanswered(groups, tz, language)), None

        await self._report(interaction, build)

    @organiser_only
    @questions.command(name="export", description="Every question as a CSV file")
    async def export(self, interaction: discord.Interaction) -> None:
        async def build(store, language):
            buffer = io.StringIO()
            count = await store.export_csv(buffer, guild_id=interaction.guild_id)
            data = io.BytesIO(buffer.getvalue().encode("utf-8"))
            text = t("report_export", language, count=count)
            return text, discord.File(data, filename="questions.csv")

        await self._report(interaction, build)


async def setup(bot: EventBot) -> None:
    await bot.add_cog(QuestionsCog(bot))
