"""Buttons: pages of a long agenda, and "did you mean" choices.

"Did you mean" buttons are :class:`EntryButton` dynamic items: their ``custom_id`` carries the
asker, the language, the entry kind and id, so they keep working after a restart or a
knowledge reload (the entry is looked up in ``bot.kb`` when clicked). The asker's click
replaces the reply with the chosen entry; anyone else gets it privately.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.discord_app.errors import interaction_language, report_interaction_error, send_ephemeral
from bot.discord_app.lifecycle import track_interaction
from bot.i18n import t
from bot.kb.model import Entry, kind_of, title_of
from bot.render.embeds import entry_embed
from bot.render.limits import truncate
from bot.render.text import distinct_titles

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

BUTTON_LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
PAGINATOR_TIMEOUT = 600.0


class PaginatorView(discord.ui.View):
    """Previous / next buttons over pre-rendered embeds; only the invoker may turn pages."""

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        *,
        owner_id: int,
        language: str,
        timeout: float | None = PAGINATOR_TIMEOUT,
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.language = language
        self.index = 0
        self.interaction: discord.Interaction | None = None
        self.previous_page.label = t("previous_page", language)
        self.next_page.label = t("next_page", language)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Grey out the buttons that lead nowhere from the current page. (Not ``_refresh``:
        discord.py's views use that name for their own update from a message edit.)"""
        self.previous_page.disabled = self.index <= 0
        self.next_page.disabled = self.index >= len(self.pages) - 1

    @property
    def current(self) -> discord.Embed:
        return self.pages[self.index]

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        track_interaction(interaction)
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, t("not_your_buttons", interaction_language(interaction)))
        return False

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        await interaction.response.edit_message(embed=self.current, view=self)

    @discord.ui.button(label="<", style=discord.ButtonStyle.secondary)
    async def previous_page(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label=">", style=discord.ButtonStyle.primary)
    async def next_page(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._show(interaction, self.index + 1)

    async def on_timeout(self) -> None:
        if self.interaction is None:
            return
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        # The message may be gone or the token expired: then there is nothing to clean up.
        with contextlib.suppress(discord.HTTPException):
            await self.interaction.edit_original_response(view=self)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_interaction_error(interaction, error, where=f"paginator {item!r}")


def entry_custom_id(asker_id: int, language: str, entry: Entry) -> str:
    return f"eb:{asker_id}:{language}:{kind_of(entry)}:{entry.id}"


class EntryButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"eb:(?P<asker>\d+):(?P<lang>[a-z]{2}):(?P<kind>[a-z]+):(?P<id>.+)",
):
    """A button that shows one knowledge entry; persistent across restarts."""

    def __init__(self, asker_id: int, language: str, kind: str, entry_id: str, label: str) -> None:
        self.asker_id = asker_id
        self.language = language
        self.kind = kind
        self.entry_id = entry_id
        super().__init__(
            discord.ui.Button(
                label=truncate(label, BUTTON_LABEL_LIMIT) or entry_id[:BUTTON_LABEL_LIMIT],
                style=discord.ButtonStyle.secondary,
                custom_id=f"eb:{asker_id}:{language}:{kind}:{entry_id}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> EntryButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(int(match["asker"]), match["lang"], match["kind"], match["id"], label or "?")

    async def callback(self, interaction: discord.Interaction) -> None:
        track_interaction(interaction)
        try:
            bot: EventBot = interaction.client  # type: ignore[assignment]
            kb = bot.kb
            entry = kb.get(self.kind, self.entry_id)
            mine = interaction.user.id == self.asker_id
            language = self.language if mine else interaction_language(interaction)
            if entry is None:
                await send_ephemeral(interaction, t("entry_gone", language))
                return
            embed = entry_embed(kb, entry, language)
            if mine:
                await interaction.response.edit_message(
                    content=None,
                    embed=embed,
                    view=None,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            else:
                await interaction.response.send_message(
                    embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
                )
        except Exception as error:
            await report_interaction_error(interaction, error, where="entry button")


def suggestions_view(
    entries: Sequence[Entry], *, asker_id: int, language: str, limit: int = 5
) -> discord.ui.View | None:
    """A view with one button per entry (at most ``limit``), or None when there is none."""
    view = discord.ui.View(timeout=None)
    shown = [e for e in entries if len(entry_custom_id(asker_id, language, e)) <= CUSTOM_ID_LIMIT]
    shown = shown[:limit]
    titles = distinct_titles([(kind_of(e), title_of(e, language)) for e in shown], language)
    for entry, title in zip(shown, titles, strict=True):
        view.add_item(EntryButton(asker_id, language, kind_of(entry), entry.id, title))
    return view if view.children else None


__all__ = ["EntryButton", "PaginatorView", "entry_custom_id", "suggestions_view"]
