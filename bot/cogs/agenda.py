"""``/session find|now|next|agenda|ics``: the programme. Thin: parse, call the agenda, render, send.

``/session ics [session]`` answers with an ``.ics`` file (one session, or the whole agenda)
built by :func:`bot.calendar_export.sessions_to_ics`, off the event loop (a conference-size
agenda takes a few hundred milliseconds); the whole-agenda file is kept per language until the
knowledge base is replaced (``/kb reload``), so a crowd asking for it costs one build.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.agenda.timeline import event_days, filter_sessions
from bot.calendar_export import sessions_to_ics
from bot.discord_app.autocomplete import Choice, entry_autocomplete, safe_choices
from bot.discord_app.cooldown import ICS_PER, ICS_RATE
from bot.discord_app.errors import EventCog, interaction_language, send_ephemeral
from bot.discord_app.lookup import (
    day_choices,
    filter_labels,
    parse_day,
    rooms,
    text_choices,
    tracks,
)
from bot.discord_app.replies import (
    Reply,
    agenda_answer,
    find_or_suggest,
    quote,
    send_entry,
    send_reply,
)
from bot.discord_app.views import PaginatorView
from bot.i18n import format_date, t
from bot.kb.model import KnowledgeBase, Session
from bot.render.embeds import agenda_embeds, answer_embed, session_embed

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def ics_filename(name: str) -> str:
    """A safe attachment name for a session or event id: ``linuxkit-talk.ics``."""
    stem = _UNSAFE_FILENAME.sub("-", name).strip("-.")[:80] or "calendar"
    return f"{stem}.ics"


class AgendaCog(EventCog):
    session = app_commands.Group(name="session", description="Sessions of the event")

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        # The whole agenda's .ics per language, for the knowledge base it was built from.
        self._agenda_ics: tuple[KnowledgeBase | None, dict[str, bytes]] = (None, {})

    # -- autocomplete -----------------------------------------------------------------------

    async def session_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        return await entry_autocomplete(self.bot, interaction, "session", current)

    async def day_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        language = interaction_language(interaction)
        return await safe_choices(interaction, lambda: day_choices(self.bot.kb, current, language))

    async def room_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        return await safe_choices(interaction, lambda: text_choices(rooms(self.bot.kb), current))

    async def track_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        return await safe_choices(interaction, lambda: text_choices(tracks(self.bot.kb), current))

    # -- commands ---------------------------------------------------------------------------

    @session.command(name="find", description="Find a session by title, speaker or topic")
    @app_commands.describe(query="Start typing a title, a speaker or a topic")
    @app_commands.autocomplete(query=session_autocomplete)
    async def find(
        self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]
    ) -> None:
        await send_entry(
            self.bot, interaction, "session", query, session_embed, "not_found_session"
        )

    @session.command(name="now", description="What is on right now")
    async def now(self, interaction: discord.Interaction) -> None:
        language = interaction_language(interaction)
        kb = self.bot.kb
        answer = agenda_answer(kb, "now", self.bot.now(), language)
        await send_reply(interaction, Reply([answer_embed(kb, answer)]))

    @session.command(name="next", description="What comes next")
    async def next(self, interaction: discord.Interaction) -> None:
        language = interaction_language(interaction)
        kb = self.bot.kb
        answer = agenda_answer(kb, "next", self.bot.now(), language)
        await send_reply(interaction, Reply([answer_embed(kb, answer)]))

    @session.command(name="agenda", description="The programme, by day, room or track")
    @app_commands.describe(day="A day of the event", room="Only this room", track="Only this track")
    @app_commands.autocomplete(
        day=day_autocomplete, room=room_autocomplete, track=track_autocomplete
    )
    async def agenda(
        self,
        interaction: discord.Interaction,
        day: app_commands.Range[str, 1, 100] | None = None,
        room: app_commands.Range[str, 1, 100] | None = None,
        track: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        language = interaction_language(interaction)
        kb = self.bot.kb
        chosen_day = None
        if day:
            today = self.bot.now().astimezone(kb.event.tz).date()
            chosen_day = parse_day(kb, day, today=today)
            if chosen_day is None:
                example = event_days(kb)[0].isoformat()
                await send_ephemeral(
                    interaction, t("bad_day", language, value=quote(day, 40), example=example)
                )
                return
        sessions = filter_sessions(kb, day=chosen_day, room=room, track=track)
        day_label = (
            format_date(datetime.combine(chosen_day, datetime.min.time()), language)
            if chosen_day
            else None
        )
        filters = filter_labels(
            [
                (t("day", language), day_label),
                (t("room", language), room and quote(room, 60)),
                (t("track", language), track and quote(track, 60)),
            ]
        )
        description = t("agenda_filters", language, filters=filters) if filters else ""
        pages = agenda_embeds(
            kb, sessions, language, t("agenda_title", language), description=description
        )
        if len(pages) == 1:
            await send_reply(interaction, Reply(pages))
            return
        view = PaginatorView(pages, owner_id=interaction.user.id, language=language)
        await interaction.response.send_message(
            embed=pages[0], view=view, allowed_mentions=discord.AllowedMentions.none()
        )
        view.interaction = interaction

    @session.command(name="ics", description="A calendar file (.ics): one session or the agenda")
    @app_commands.describe(session="A session (empty: the whole agenda)")
    @app_commands.checks.cooldown(ICS_RATE, ICS_PER)
    @app_commands.autocomplete(session=session_autocomplete)
    async def ics(
        self,
        interaction: discord.Interaction,
        session: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        language = interaction_language(interaction)
        kb = self.bot.kb
        if session is None:
            if not any(s.start is not None for s in kb.sessions):
                await send_ephemeral(interaction, t("ics_no_times", language))
                return
            await interaction.response.defer(ephemeral=True, thinking=True)
            data = await self._whole_agenda_ics(kb, language)
            count = sum(1 for s in kb.sessions if s.start is not None)
            text = t("ics_agenda", language, event=quote(kb.event.name, 100), count=count)
            await self._send_ics(interaction, data, ics_filename(kb.event.id), text, language)
            return
        chosen = await find_or_suggest(
            self.bot, interaction, "session", session, "not_found_session"
        )
        if not isinstance(chosen, Session):
            return
        title = quote(chosen.title.pick(language) or chosen.id, 150)
        if chosen.start is None:
            await send_ephemeral(interaction, t("ics_unscheduled", language, title=title))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        stamp = self.bot.now()
        data = await asyncio.to_thread(
            sessions_to_ics, kb, [chosen], language=language, stamp=stamp
        )
        text = t("ics_session", language, title=title)
        await self._send_ics(interaction, data, ics_filename(chosen.id), text, language)

    async def _whole_agenda_ics(self, kb: KnowledgeBase, language: str) -> bytes:
        built_for, files = self._agenda_ics
        if built_for is not kb:
            files = {}
            self._agenda_ics = (kb, files)
        if language not in files:
            stamp = self.bot.now()
            files[language] = await asyncio.to_thread(
                sessions_to_ics, kb, None, language=language, stamp=stamp
            )
        return files[language]

    async def _send_ics(
        self,
        interaction: discord.Interaction,
        data: bytes,
        filename: str,
        text: str,
        language: str,
    ) -> None:
        """Replace the deferred "thinking" response with ``text`` and the file."""
        limit = (
            getattr(interaction, "filesize_limit", None)
            or discord.utils.DEFAULT_FILE_SIZE_LIMIT_BYTES
        )
        if len(data) > limit:
            megabytes = f"{len(data) / 2**20:.1f}"
            await interaction.edit_original_response(
                content=t("ics_too_big", language, size=megabytes),
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        await interaction.edit_original_response(
            content=text,
            attachments=[discord.File(io.BytesIO(data), filename=filename)],
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def setup(bot: EventBot) -> None:
    await bot.add_cog(AgendaCog(bot))
