"""The reminder commands and the loop: ``/remind session:``, ``/reminders list|cancel``.

``/remind`` subscribes the user to a direct message before that session; ``/reminders list``
and ``/reminders cancel session:`` manage them. (They are their own commands, not
``/session`` subcommands, because the ``/session`` group belongs to the agenda cog.) Every
:data:`TICK_SECONDS` the loop posts the schedule changes (:mod:`.schedule_updates`) and the
reminders due (:mod:`.starting_soon`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import tasks

from bot.cogs.reminders.render import subscriptions_embed
from bot.cogs.reminders.schedule_updates import (
    ChangesOutcome,
    ScheduleUpdates,
    post_schedule_changes,
)
from bot.cogs.reminders.starting_soon import StartingSoon
from bot.discord_app.autocomplete import Choice, safe_choices
from bot.discord_app.checks import store_of, store_or_tell
from bot.discord_app.errors import EventCog, interaction_language, send_ephemeral
from bot.discord_app.lifecycle import stop_loop
from bot.discord_app.lookup import choice_label, entry_choices, resolve
from bot.discord_app.replies import NO_MENTIONS, find_or_suggest, quote
from bot.i18n import t
from bot.kb.model import KnowledgeBase, Session
from bot.render.embeds import timestamp
from bot.render.limits import truncate
from bot.store import StoreError

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

TICK_SECONDS = 20.0
"""How often the loop looks for due reminders (a pure computation over the knowledge base;
the database is touched only when a reminder is due)."""


class RemindersCog(EventCog):
    """Starting-soon posts, DM subscriptions (``/remind``, ``/reminders``), schedule updates.
    Everything persistent is in ``bot.store``; without one, reminders are off and the commands
    say the database is unavailable (schedule updates are still posted)."""

    reminders = app_commands.Group(
        name="reminders", description="Your session reminders", guild_only=True
    )

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self.starting_soon = StartingSoon(bot)
        self.updates = ScheduleUpdates(bot)

    async def cog_load(self) -> None:
        self.updates.start()
        store = store_of(self.bot)
        if store is None:
            log.warning(
                "no database (bot.store): starting-soon reminders and /remind are off; "
                "schedule updates are still posted"
            )
        else:
            await self.updates.baseline(store)
        self.scheduler.start()

    async def cog_unload(self) -> None:
        await stop_loop(self.scheduler)

    @tasks.loop(seconds=TICK_SECONDS)
    async def scheduler(self) -> None:
        try:
            await self.updates.check_knowledge()
        except Exception:
            log.exception("schedule-change check failed")
        try:
            await self.starting_soon.send_due()
        except Exception:
            log.exception("reminder tick failed; retrying at the next tick")

    @scheduler.before_loop
    async def _before_scheduler(self) -> None:
        await self.bot.wait_until_ready()

    async def on_knowledge_replaced(
        self, bot: Any, old_kb: KnowledgeBase, new_kb: KnowledgeBase
    ) -> ChangesOutcome:
        """Hook called by ``/kb reload`` and the watcher (see ``bot.cogs.knowledge_admin``)."""
        return await self.updates.on_knowledge_replaced(old_kb, new_kb)

    # -- /remind ----------------------------------------------------------------------------

    async def session_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        language = interaction_language(interaction)
        now = self.bot.now()

        def upcoming() -> list[tuple[str, str]]:
            choices = entry_choices(self.bot.answerer, ("session",), current, language)
            kb = self.bot.kb
            keep = []
            for label, value in choices:
                session = kb.session(value)
                if session is not None and session.start is not None and session.start > now:
                    keep.append((label, value))
            return keep

        return await safe_choices(interaction, upcoming)

    @app_commands.command(name="remind", description="Get a direct message before a session")
    @app_commands.guild_only()
    @app_commands.describe(session="The session (start typing its title or a speaker)")
    @app_commands.autocomplete(session=session_autocomplete)
    async def remind(
        self, interaction: discord.Interaction, session: app_commands.Range[str, 1, 200]
    ) -> None:
        language = interaction_language(interaction)
        store = await store_or_tell(self.bot, interaction)
        if store is None:
            return
        found = await find_or_suggest(
            self.bot, interaction, "session", session, "not_found_session"
        )
        if not isinstance(found, Session):
            return
        title = quote(found.title.pick(language), 150)
        if found.start is None:
            await send_ephemeral(interaction, t("remind_unscheduled", language, title=title))
            return
        if found.start <= self.bot.now():
            await send_ephemeral(interaction, t("remind_over", language, title=title))
            return
        assert interaction.guild_id is not None
        added = await store.subscribe(
            guild_id=interaction.guild_id, user_id=interaction.user.id, session_id=found.id
        )
        self.starting_soon.forget_subscribers()
        if not added:
            message = t("remind_already", language, title=title)
        else:
            message = t(
                "remind_subscribed",
                language,
                minutes=self.bot.settings.reminder_minutes,
                title=title,
                time=f"{timestamp(found.start, 'f')}, {timestamp(found.start, 'R')}",
            )
        await interaction.response.send_message(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    # -- /reminders list|cancel -------------------------------------------------------------

    @reminders.command(name="list", description="The sessions you asked to be reminded of")
    async def list_reminders(self, interaction: discord.Interaction) -> None:
        language = interaction_language(interaction)
        store = await store_or_tell(self.bot, interaction)
        if store is None:
            return
        assert interaction.guild_id is not None
        ids = await store.subscriptions(interaction.guild_id, interaction.user.id)
        if not ids:
            await interaction.response.send_message(
                t("reminders_none", language), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        await interaction.response.send_message(
            embed=subscriptions_embed(self.bot.kb, ids, language),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    async def subscribed_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        store = store_of(self.bot)
        if store is None or interaction.guild_id is None:
            return []
        try:
            ids = await store.subscriptions(interaction.guild_id, interaction.user.id)
        except StoreError:
            log.exception("autocomplete: cannot list reminders")
            return []
        language = interaction_language(interaction)
        kb = self.bot.kb
        folded = (current or "").casefold().strip()

        def build() -> list[tuple[str, str]]:
            out = []
            for session_id in ids:
                session = kb.session(session_id)
                label = choice_label(kb, session, language) if session else session_id
                if folded and folded not in label.casefold() and folded not in session_id:
                    continue
                out.append((truncate(label, 100), session_id[:100]))
            return out[:25]

        return await safe_choices(interaction, build)

    @reminders.command(name="cancel", description="Stop a session reminder")
    @app_commands.describe(session="One of your reminders")
    @app_commands.autocomplete(session=subscribed_autocomplete)
    async def remove_reminder(
        self, interaction: discord.Interaction, session: app_commands.Range[str, 1, 200]
    ) -> None:
        language = interaction_language(interaction)
        store = await store_or_tell(self.bot, interaction)
        if store is None:
            return
        assert interaction.guild_id is not None
        ids = await store.subscriptions(interaction.guild_id, interaction.user.id)
        session_id = session if session in ids else None
        if session_id is None:
            found = resolve(self.bot.answerer, "session", session).entry
            session_id = found.id if found is not None else session
        entry = self.bot.kb.session(session_id)
        title = quote(entry.title.pick(language) if entry else session_id, 150)
        removed = await store.unsubscribe(
            guild_id=interaction.guild_id, user_id=interaction.user.id, session_id=session_id
        )
        self.starting_soon.forget_subscribers()
        key = "reminders_removed" if removed else "reminders_not_subscribed"
        await interaction.response.send_message(
            t(key, language, title=title), ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def on_knowledge_replaced(
    bot: Any, old_kb: KnowledgeBase, new_kb: KnowledgeBase
) -> ChangesOutcome:
    """The hook to call after the knowledge base was replaced: posts the schedule changes once
    (through the reminders cog when it is loaded, so its own check does not repeat them)."""
    # by name, not isinstance: reloading the extension re-executes its modules, so the loaded
    # cog's class may not be the RemindersCog seen here
    cog = bot.get_cog(RemindersCog.__cog_name__) if hasattr(bot, "get_cog") else None
    if cog is not None and hasattr(cog, "on_knowledge_replaced"):
        return await cog.on_knowledge_replaced(bot, old_kb, new_kb)
    return await post_schedule_changes(bot, old_kb, new_kb)


__all__ = ["RemindersCog", "on_knowledge_replaced"]
