"""``/kb reload`` (organiser role) and the optional knowledge watcher (``WATCH_KNOWLEDGE``);
``/kb sync`` too, whose work is done by :mod:`bot.cogs.schedule_sync`.

Both reload the knowledge directory without a restart, in a child process
(:mod:`bot.kb.isolated`: no file can stall the gateway). A knowledge base that fails
validation is never served: the running one is kept, ``/kb reload`` replies privately with
every ``file:line`` problem, and the watcher logs them. A good one replaces the running one
through :meth:`EventBot.replace_knowledge` (answers and autocomplete use it at once), then
every ``on_knowledge_replaced(bot, old, new)`` hook is called: a method of that name on any
loaded cog, or a callable ``bot.on_knowledge_replaced`` (schedule-change posts plug in there).

The watcher never serves a reload that removes most of the scheduled sessions at once (what
an editor's half-written save looks like): it logs it and waits for an organiser's
``/kb reload``. A hook may return an outcome that needs an organiser's answer (schedule
updates hold such mass cancellations): ``/kb reload`` shows its prompt with two buttons.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import discord
from discord import app_commands
from discord.ext import tasks

from bot.agenda.changes import diff_schedules, mass_cancellation, scheduled_count
from bot.discord_app.checks import ORGANISER_PERMISSIONS, global_organiser_only
from bot.discord_app.errors import EventCog, interaction_language
from bot.discord_app.lifecycle import stop_loop
from bot.discord_app.privacy import user_ref
from bot.i18n import t
from bot.kb.isolated import load_isolated
from bot.kb.loader import KnowledgeError
from bot.kb.model import KnowledgeBase
from bot.kb.schema import Problem
from bot.kb.watcher import KnowledgeWatcher, ReloadResult
from bot.render.embeds import COLOUR, ERROR_COLOUR
from bot.render.limits import fit_embed, truncate

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

WATCH_INTERVAL_SECONDS = 2.0
WATCH_DEBOUNCE_SECONDS = 3.0
"""Files must stay unchanged this long before the watcher loads them: editors that save in
several steps pause between them. Longer waits more after each save."""
CONFIRM_TIMEOUT = 600.0
PROBLEMS_SHOWN = 25
HOOK_NAME = "on_knowledge_replaced"


def knowledge_directory(bot: EventBot) -> Path:
    """Where the running knowledge base came from (``--knowledge`` or ``KNOWLEDGE_DIR``)."""
    source = getattr(bot.kb, "source", "")
    return Path(source) if source else Path(bot.settings.knowledge_dir)


def counts_text(kb: KnowledgeBase, language: str) -> str:
    return t(
        "kb_counts",
        language,
        sessions=len(kb.sessions),
        speakers=len(kb.speakers),
        companies=len(kb.companies),
        tools=len(kb.tools),
        faq=len(kb.faqs),
    )


def _shown_path(path: str, directory: Path) -> str:
    """``sessions.yaml`` for a file of the knowledge directory, the path as given otherwise."""
    try:
        return str(Path(path).resolve().relative_to(directory.resolve()))
    except (ValueError, OSError):
        return path


def problem_lines(error: KnowledgeError, directory: Path) -> list[str]:
    """One ``file:line: message`` per problem, paths relative to the knowledge directory."""
    return [
        f"{_shown_path(p.path, directory)}:{p.line}: {' '.join(p.message.split())}"
        for p in error.problems
    ]


def _code_block(lines: list[str], limit: int, language: str) -> str:
    """``lines`` in a code block within ``limit`` characters, "…and N more" when cut."""
    # A backtick in a problem (YAML text quoted back) must not close the code block.
    safe = [line.replace("`", "\u02cb") for line in lines]
    shown: list[str] = []
    for count, line in enumerate(safe[:PROBLEMS_SHOWN]):
        rest = len(safe) - count - 1
        more = f"\n{t('kb_more_problems', language, count=rest)}" if rest else ""
        candidate = "\n".join([*shown, truncate(line, 300)])
        if len(candidate) + len(more) + 8 > limit:
            break
        shown.append(truncate(line, 300))
    hidden = len(safe) - len(shown)
    body = "```\n" + "\n".join(shown) + "\n```" if shown else ""
    if hidden:
        body += ("\n" if body else "") + t("kb_more_problems", language, count=hidden)
    return body


def reload_embed(
    result: ReloadResult, directory: Path, language: str, *, source: str | None = None
) -> discord.Embed:
    """The private reply to ``/kb reload``: the counts, or every ``file:line`` problem."""
    where = "`" + truncate(source or str(directory), 200).replace("`", "\u02cb") + "`"
    if isinstance(result, KnowledgeBase):
        description = t("kb_reloaded", language, source=where, counts=counts_text(result, language))
        embed = discord.Embed(title=t("kb_title", language), description=description, colour=COLOUR)
        return fit_embed(embed)
    head = t("kb_reload_failed", language, count=len(result.problems), source=where)
    lines = problem_lines(result, directory)
    body = _code_block(lines, 4096 - len(head) - 2, language)
    embed = discord.Embed(
        title=t("kb_title", language), description=f"{head}\n\n{body}", colour=ERROR_COLOUR
    )
    return fit_embed(embed)


@runtime_checkable
class NeedsConfirmation(Protocol):
    """A hook outcome that waits for an organiser's yes or no (see the module doc)."""

    def confirmation_prompt(self, language: str) -> str | None: ...

    async def confirm(self, post: bool, language: str) -> str: ...


class ConfirmView(discord.ui.View):
    """Two buttons under the ``/kb reload`` reply; only the organiser who reloaded may press."""

    def __init__(self, author_id: int, outcomes: list[NeedsConfirmation], language: str) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.author_id = author_id
        self.outcomes = outcomes
        self.language = language
        self.post.label = t("changes_held_post_button", language)
        self.drop.label = t("changes_held_drop_button", language)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.author_id

    async def _answer(self, interaction: discord.Interaction, post: bool) -> None:
        self.stop()
        lines = [await outcome.confirm(post, self.language) for outcome in self.outcomes]
        await interaction.response.edit_message(
            content="\n".join(lines), view=None, allowed_mentions=discord.AllowedMentions.none()
        )

    @discord.ui.button(style=discord.ButtonStyle.danger)
    async def post(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._answer(interaction, True)

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def drop(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._answer(interaction, False)


def removes_most_sessions(old: KnowledgeBase, new: KnowledgeBase) -> tuple[int, int] | None:
    """``(removed, scheduled)`` when ``new`` takes most of ``old``'s sessions off the schedule
    at once (see :func:`bot.agenda.changes.mass_cancellation`), else ``None``."""
    removed = sum(1 for c in diff_schedules(old, new) if c.kind == "cancelled")
    scheduled = scheduled_count(old)
    return (removed, scheduled) if mass_cancellation(removed, scheduled) else None


class KnowledgeAdminCog(EventCog):
    """``/kb reload`` and the knowledge watcher."""

    kb_group = app_commands.Group(
        name="kb",
        description="The knowledge base (organisers)",
        guild_only=True,
        default_permissions=ORGANISER_PERMISSIONS,
    )

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self._lock = asyncio.Lock()
        self.watcher: KnowledgeWatcher | None = None
        self.reloads = 0

    # -- lifecycle ----------------------------------------------------------------------------

    async def cog_load(self) -> None:
        if self.bot.settings.watch_knowledge:
            self.watcher = KnowledgeWatcher(
                knowledge_directory(self.bot),
                self._watched,
                interval=WATCH_INTERVAL_SECONDS,
                debounce=WATCH_DEBOUNCE_SECONDS,
                # discord.utils' clock: simulated time in tests, the wall clock in production
                clock=lambda: discord.utils.utcnow().timestamp(),
                reload=load_isolated,
            )
            self.watch.start()
            log.info("watching %s for knowledge changes", self.watcher.directory)

    async def cog_unload(self) -> None:
        await stop_loop(self.watch)

    @tasks.loop(seconds=WATCH_INTERVAL_SECONDS)
    async def watch(self) -> None:
        if self.watcher is not None:
            await self.watcher.check()

    @watch.error
    async def _watch_error(self, error: BaseException) -> None:  # pragma: no cover - defensive
        log.exception("knowledge watcher stopped", exc_info=error)

    # -- reloading ----------------------------------------------------------------------------

    async def reload(self, *, origin: str, outcomes: list[Any] | None = None) -> ReloadResult:
        """Load the knowledge directory and serve it if valid; never raises."""
        directory = knowledge_directory(self.bot)
        result = await load_isolated(directory)  # a child process: the gateway never stalls
        return await self.apply(result, directory, origin=origin, outcomes=outcomes)

    async def _watched(self, result: ReloadResult) -> None:
        assert self.watcher is not None
        if isinstance(result, KnowledgeBase):
            removed = removes_most_sessions(self.bot.kb, result)
            if removed is not None:
                log.warning(
                    "knowledge watcher: not reloaded: the files now remove %d of the %d "
                    "scheduled sessions at once (a half-written save?). Keeping the running "
                    "knowledge base; if this is intended, run /kb reload",
                    *removed,
                )
                return
        await self.apply(result, self.watcher.directory, origin="watcher")

    async def apply(
        self,
        result: ReloadResult,
        directory: Path,
        *,
        origin: str,
        outcomes: list[Any] | None = None,
    ) -> ReloadResult:
        """Serve ``result`` if it is a knowledge base; log either way; call the hooks (what
        they return goes to ``outcomes``)."""
        async with self._lock:
            if isinstance(result, KnowledgeError):
                log.warning(
                    "knowledge reload (%s) failed; keeping the running knowledge base:\n%s",
                    origin,
                    "\n".join(f"  {line}" for line in problem_lines(result, directory)),
                )
                return result
            old = self.bot.kb
            try:
                self.bot.replace_knowledge(result)
            except Exception as exc:  # indexing failed: keep serving the old one
                log.exception(
                    "knowledge reload (%s): the new knowledge base cannot be served", origin
                )
                return KnowledgeError([Problem(str(directory), 0, f"cannot be indexed: {exc!r}")])
            self.reloads += 1
            if self.watcher is not None:
                self.watcher.reset()
            log.info(
                "knowledge reloaded (%s) from %s: %s", origin, directory, counts_text(result, "en")
            )
        returned = await self._call_hooks(old, result)
        if outcomes is not None:
            outcomes.extend(returned)
        return result

    def _hooks(self) -> list[Any]:
        hooks = [
            getattr(cog, HOOK_NAME) for cog in self.bot.cogs.values() if hasattr(cog, HOOK_NAME)
        ]
        on_bot = getattr(self.bot, HOOK_NAME, None)
        if callable(on_bot):
            hooks.append(on_bot)
        return hooks

    async def _call_hooks(self, old: KnowledgeBase, new: KnowledgeBase) -> list[Any]:
        outcomes = []
        for hook in self._hooks():
            try:
                outcome = hook(self.bot, old, new)
                if inspect.isawaitable(outcome):
                    outcome = await outcome
                outcomes.append(outcome)
            except Exception:
                log.exception("%s hook %r failed", HOOK_NAME, getattr(hook, "__qualname__", hook))
        return outcomes

    # -- /kb reload ---------------------------------------------------------------------------

    @global_organiser_only  # /kb changes the bot in every server
    @kb_group.command(
        name="reload", description="Reload the knowledge base from its files (organisers)"
    )
    async def reload_command(self, interaction: discord.Interaction) -> None:
        language = interaction_language(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        directory = knowledge_directory(self.bot)
        outcomes: list[Any] = []
        result = await self.reload(
            origin=f"/kb reload by {user_ref(self.bot, interaction.user.id)}", outcomes=outcomes
        )
        waiting = [
            o
            for o in outcomes
            if isinstance(o, NeedsConfirmation) and o.confirmation_prompt(language)
        ]
        extra: dict[str, Any] = {}
        if waiting:
            prompts = [o.confirmation_prompt(language) or "" for o in waiting]
            extra = {
                "content": truncate("\n".join(prompts), 2000),
                "view": ConfirmView(interaction.user.id, waiting, language),
            }
        await interaction.followup.send(
            embed=reload_embed(result, directory, language),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
            **extra,
        )

    # -- /kb sync -----------------------------------------------------------------------------

    @global_organiser_only  # /kb changes the bot in every server
    @kb_group.command(name="sync", description="Fetch the programme from SCHEDULE_URL now")
    @app_commands.describe(
        force="No conditional request, and apply even a programme with no sessions"
    )
    async def sync_command(self, interaction: discord.Interaction, force: bool = False) -> None:
        language = interaction_language(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        # bot.cogs.schedule_sync holds the logic (by name: load_extension re-runs modules)
        syncer = self.bot.get_cog("ScheduleSyncCog")
        if syncer is None:
            embed = discord.Embed(description=t("sync_off", language), colour=ERROR_COLOUR)
        else:
            embed = await syncer.sync_now(  # type: ignore[attr-defined]
                force=force, user_id=interaction.user.id, language=language
            )
        await interaction.followup.send(
            embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )


async def setup(bot: EventBot) -> None:
    await bot.add_cog(KnowledgeAdminCog(bot))


__all__ = [
    "KnowledgeAdminCog",
    "counts_text",
    "knowledge_directory",
    "problem_lines",
    "reload_embed",
]
