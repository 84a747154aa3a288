"""The one place the Discord bot is built, for production (``runner``) and tests alike.

``create_bot(settings, kb, clock=...)`` returns an :class:`EventBot` holding everything the
cogs need: ``settings``, ``kb``, ``answerer``, ``clock``, the free-text cooldown and the
``question_listeners`` hook. Cogs read ``bot.kb`` / ``bot.answerer`` at call time and never
keep them, so :meth:`EventBot.replace_knowledge` (``/kb reload``) takes effect at once.
``setup_hook`` loads the cogs and syncs the slash commands to ``DISCORD_GUILD_ID``.

The bot knows no feature: each is a cog of :data:`COG_EXTENSIONS` that registers what it needs
itself (listeners, persistent views, dynamic buttons), start-up diagnostics included
(:mod:`bot.cogs.diagnostics`).
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import discord
from discord.ext import commands

from bot.answer.engine import Answer, Answerer
from bot.answer.normalise import detect_language
from bot.discord_app.cooldown import FreeTextCooldown
from bot.discord_app.errors import EventTree
from bot.discord_app.hooks import (
    PublishedQuestion,
    QuestionEvent,
    QuestionListener,
    notify_listeners,
)
from bot.discord_app.lifecycle import DRAIN_SECONDS, InFlight
from bot.discord_app.privacy import user_ref
from bot.discord_app.translator import EventTranslator
from bot.kb import KnowledgeBase, load_knowledge
from bot.settings import Settings
from bot.store import Store, StoreError

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
CogFactory = commands.Cog | Callable[["EventBot"], Any]

COG_EXTENSIONS: tuple[str, ...] = (
    "bot.cogs.diagnostics",
    "bot.cogs.agenda",
    "bot.cogs.speakers",
    "bot.cogs.tools",
    "bot.cogs.event",
    "bot.cogs.ask",
    "bot.cogs.owner",
    "bot.cogs.knowledge_admin",
    "bot.cogs.announcements",
    "bot.cogs.reminders",
    "bot.cogs.questions",
    "bot.cogs.schedule_sync",
    "bot.cogs.health",
)

SYNC_META_PREFIX = "commands_synced:"
SYNC_CLEARED = "cleared"
"""Kept instead of a hash when the owner removed a server's copy of the commands."""

LOG_BEFORE_REPLY_SECONDS = 2.0
"""How long an answer waits for the question log before it is sent anyway (the log then
finishes in the background, and a stop still waits for it). A commit takes milliseconds; a
database locked by another program can take longer, and ``/ask`` must answer within 3 s."""

SCOPES = ("bot", "applications.commands")
# View Channels, Send Messages, Send Messages in Threads, Embed Links, Read Message History,
# Add Reactions: everything the bot uses, nothing more (see docs/discord-setup.md).
REQUIRED_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
    add_reactions=True,
)


def build_intents(message_content: bool) -> discord.Intents:
    """Default (non-privileged) intents, plus message content when asked for.

    Without message content, slash commands, DMs and messages that mention the bot still
    work; plain messages in the questions channel arrive empty and are ignored.
    """
    intents = discord.Intents.default()
    intents.message_content = message_content
    intents.members = False
    intents.presences = False
    return intents


def invite_url(client_id: int | str) -> str:
    """The OAuth2 URL that adds the bot with the scopes and permissions it needs."""
    return discord.utils.oauth_url(client_id, permissions=REQUIRED_PERMISSIONS, scopes=SCOPES)


class EventBot(commands.Bot):
    """The event bot. Build it with :func:`create_bot`."""

    def __init__(
        self,
        settings: Settings,
        kb: KnowledgeBase,
        *,
        clock: Clock | None = None,
        extra_cogs: Iterable[CogFactory] = (),
        message_content: bool | None = None,
        sync_on_start: bool = True,
        store: Store | None = None,
        heartbeat: bool = False,
    ) -> None:
        content = settings.message_content_intent if message_content is None else message_content
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=build_intents(content),
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=EventTree,
        )
        self.settings = settings
        # The SQLite store (question log, announcements, reminders), opened and closed by
        # whoever runs the bot (the runner, or a test fixture); None runs without one.
        self.store = store
        # Write the heartbeat `python -m bot health` reads (bot/cogs/health.py): the runner
        # turns it on; tests that do not check it leave it off (a write every 30 s of
        # simulated time would slow every long advance_time).
        self.heartbeat = heartbeat
        self.kb = kb
        self.answerer = Answerer(kb)
        self.clock: Clock = clock or discord.utils.utcnow
        self.extra_cogs = tuple(extra_cogs)
        self.sync_on_start = sync_on_start
        self.question_listeners: list[QuestionListener] = []
        # Handlers at work on a message or an interaction: a stop lets them finish.
        self.in_flight = InFlight()
        self._stopping: asyncio.Task[None] | None = None
        self.free_text_cooldown = FreeTextCooldown(
            settings.cooldown_seconds, settings.channel_cooldown_seconds, self.now
        )

    # -- state ----------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The current time from the injected clock (aware)."""
        return self.clock()

    @property
    def free_text_enabled(self) -> bool:
        """Whether plain messages can be read (the message content intent is on)."""
        return self.intents.message_content

    def replace_knowledge(self, kb: KnowledgeBase) -> None:
        """Serve ``kb`` from now on. The answerer is built first: if that fails, nothing
        changes."""
        answerer = Answerer(kb)
        self.kb, self.answerer = kb, answerer
        log.info("knowledge base replaced: %s (%d entries)", kb.event.name, len(kb))

    def invite_url(self) -> str | None:
        client_id = self.application_id or (self.user.id if self.user else None)
        return invite_url(client_id) if client_id else None

    # -- answering ------------------------------------------------------------------------------

    def answer_question(
        self, text: str, *, default_language: str | None = None
    ) -> tuple[Answer, float]:
        """Ask the engine; returns the answer and the time it took (ms).

        ``default_language`` (the user's Discord language, for slash commands) is used when the
        question itself does not say whether it is French or English.
        """
        language = detect_language(text, default_language) if default_language else None
        started = time.perf_counter()
        answer = self.answerer.ask(text, now=self.now(), language=language)
        return answer, (time.perf_counter() - started) * 1000

    async def publish_question(self, event: QuestionEvent) -> PublishedQuestion:
        """Hand ``event`` to every question listener (the question log) *before* the reply
        is sent, and wait for them up to :data:`LOG_BEFORE_REPLY_SECONDS`. Then send the
        reply, and call :meth:`PublishedQuestion.replied` with its id. Failures are logged,
        never raised."""
        work = asyncio.ensure_future(notify_listeners(self.question_listeners, event, log))
        published = PublishedQuestion(work, event)
        if not await published.settled(LOG_BEFORE_REPLY_SECONDS):
            log.warning(
                "the question log took over %g s: answering first (message %s)",
                LOG_BEFORE_REPLY_SECONDS,
                event.message_id,
            )
        return published

    # -- lifecycle ------------------------------------------------------------------------------

    def is_closed(self) -> bool:
        """Closed or stopping: once a stop began, the gateway is not reconnected."""
        return self._stopping is not None or super().is_closed()

    async def close(self) -> None:
        """Stop in order (see :mod:`bot.discord_app.lifecycle`): close the gateway (code
        1000), let the handlers in flight finish, unload the cogs (their loops give back
        what they claimed), close the HTTP session. Every caller waits for the same stop."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop_in_order())
        await asyncio.shield(self._stopping)

    def hurry_stop(self) -> None:
        """Stop at once: the handlers still running are cancelled (a second signal)."""
        self.in_flight.hurry()

    async def _stop_in_order(self) -> None:
        if self.ws is not None and self.ws.open:
            await self.ws.close(code=1000)
        busy = len(self.in_flight)
        if busy:
            log.info("stopping: finishing %d answer(s) in progress", busy)
        cancelled = await self.in_flight.drain(DRAIN_SECONDS)
        if cancelled:
            log.warning("stopping: %d handler(s) still running were cancelled", cancelled)
        await super().close()

    async def setup_hook(self) -> None:
        await self.tree.set_translator(EventTranslator())
        for extension in COG_EXTENSIONS:
            await self.load_extension(extension)
        for extra in self.extra_cogs:
            cog = extra if isinstance(extra, commands.Cog) else extra(self)
            if inspect.isawaitable(cog):
                cog = await cog
            await self.add_cog(cog)
        if self.sync_on_start:
            await self.sync_guild_commands()

    async def sync_guild_commands(self) -> int | None:
        """Sync the slash commands to ``DISCORD_GUILD_ID`` at start (instant, unlike a global
        sync), only when they changed since the last sync (their payload's hash is kept in
        the store), and never after the owner removed that server's copy (``sync clear``).
        Returns how many were synced, 0 when nothing had changed, None when not synced."""
        guild_id = self.settings.guild_id
        if guild_id is None:
            log.warning(
                "DISCORD_GUILD_ID is not set: slash commands were not synced. Set it in .env "
                "(instant), or as the bot owner send '@bot sync global' once (can take an hour)."
            )
            return None
        guild = discord.Object(id=guild_id)
        recorded = await self.synced_state(guild_id)
        if recorded == SYNC_CLEARED:
            log.info(
                "slash commands: this server's copy was removed with '@bot sync clear' "
                "(the global commands serve it); not synced. '@bot sync' syncs it again."
            )
            return None
        self.tree.copy_global_to(guild=guild)
        if recorded is not None and recorded == await self.commands_hash(guild):
            log.info("slash commands unchanged since the last sync to guild %s", guild_id)
            return 0
        return await self.sync_to(guild)

    async def commands_hash(self, guild: discord.abc.Snowflake | None) -> str:
        """A hash of what a sync to ``guild`` (None: global) would send Discord, translations
        included: equal hashes, nothing to sync."""
        translator = self.tree.translator
        payload = []
        for command in self.tree.get_commands(guild=guild):
            if translator is not None:
                payload.append(await command.get_translated_payload(self.tree, translator))
            else:
                payload.append(command.to_dict(self.tree))
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    async def synced_state(self, guild_id: int) -> str | None:
        """What the last sync left for a server: the hash synced, :data:`SYNC_CLEARED`, or
        None (unknown: no store, or never synced)."""
        store = self.store
        if store is None or store.closed:
            return None
        try:
            return await store.get_meta(f"{SYNC_META_PREFIX}{guild_id}")
        except StoreError as exc:
            log.warning("could not read the last command sync from the database: %s", exc)
            return None

    async def remember_sync(self, guild_id: int, state: str) -> None:
        """Record the last sync to a server: the hash synced, or :data:`SYNC_CLEARED`."""
        store = self.store
        if store is None or store.closed:
            return
        try:
            await store.put_meta(f"{SYNC_META_PREFIX}{guild_id}", state)
        except StoreError as exc:
            log.warning("could not record the command sync in the database: %s", exc)

    async def sync_to(self, guild: discord.abc.Snowflake) -> int | None:
        """Sync the commands to ``guild`` now and remember it; None when Discord refused."""
        guild_id = guild.id
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.Forbidden:
            log.error(
                "DISCORD_GUILD_ID=%s: cannot register slash commands there. Is the bot in that "
                "server, invited with the 'applications.commands' scope? Invite URL: %s",
                guild_id,
                self.invite_url() or "see docs/discord-setup.md",
            )
            return None
        except discord.HTTPException as exc:
            log.error("DISCORD_GUILD_ID=%s: syncing slash commands failed: %s", guild_id, exc)
            return None
        await self.remember_sync(guild_id, await self.commands_hash(guild))
        log.info("synced %d slash commands to guild %s", len(synced), guild_id)
        return len(synced)

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """An event handler raised: log it with what it was handling, and carry on."""
        context = []
        for arg in args:
            if isinstance(arg, discord.Message):
                guild_id = arg.guild.id if arg.guild else None
                context.append(
                    f"message={arg.id} channel={arg.channel.id} guild={guild_id} "
                    f"author={user_ref(self, arg.author.id)}"
                )
            else:
                context.append(type(arg).__name__)
        log.exception("error in %s (%s)", event_method, ", ".join(context) or "no context")

    async def on_command_error(
        self, context: commands.Context, error: commands.CommandError, /
    ) -> None:
        """Mention-prefix commands (``@bot sync``): unknown ones are questions, not errors."""
        if isinstance(error, commands.CommandNotFound):
            return
        if isinstance(error, commands.CheckFailure):
            log.info(
                "command %s refused for %s: %s",
                context.command,
                user_ref(self, context.author.id),
                error,
            )
            return
        original = getattr(error, "original", error)
        log.error(
            "command %s failed (%s channel=%s): %s",
            context.command,
            user_ref(self, context.author.id),
            context.channel.id,
            original,
            exc_info=(type(original), original, original.__traceback__),
        )


def create_bot(
    settings: Settings,
    kb: KnowledgeBase | None = None,
    *,
    clock: Clock | None = None,
    extra_cogs: Iterable[CogFactory] = (),
    message_content: bool | None = None,
    sync_on_start: bool = True,
    store: Store | None = None,
    heartbeat: bool = False,
) -> EventBot:
    """Build the bot. ``kb`` defaults to loading ``settings.knowledge_dir`` (raises
    :class:`bot.kb.KnowledgeError`); ``clock`` defaults to ``discord.utils.utcnow``;
    ``message_content`` overrides ``settings.message_content_intent`` (the runner turns it off
    when Discord refuses the privileged intent)."""
    if kb is None:
        kb = load_knowledge(settings.knowledge_dir)
    return EventBot(
        settings,
        kb,
        clock=clock,
        extra_cogs=extra_cogs,
        message_content=message_content,
        sync_on_start=sync_on_start,
        store=store,
        heartbeat=heartbeat,
    )


__all__ = [
    "COG_EXTENSIONS",
    "REQUIRED_PERMISSIONS",
    "SCOPES",
    "EventBot",
    "build_intents",
    "create_bot",
    "invite_url",
]
