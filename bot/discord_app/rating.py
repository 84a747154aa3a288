"""Helpful / not helpful buttons under answers, stored with the question.

The buttons carry fixed custom ids and the view never times out; ``bot.add_view`` registers
it at start-up, so buttons on answers sent before a restart keep working. A click finds the
question from the message the button sits on (the bot's reply), so nothing else needs to be
encoded in the button.
"""

from __future__ import annotations

import logging

import discord

from bot.discord_app.checks import store_of
from bot.discord_app.errors import interaction_language
from bot.discord_app.lifecycle import track_interaction
from bot.i18n import t
from bot.store import StoreError

log = logging.getLogger(__name__)

HELPFUL_ID = "event-bot:rate:helpful"
NOT_HELPFUL_ID = "event-bot:rate:not-helpful"


class RatingView(discord.ui.View):
    """The two rating buttons. One instance serves every answer message."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        track_interaction(interaction)  # a stop waits for the rating to be stored
        return True

    @discord.ui.button(
        emoji="\N{THUMBS UP SIGN}", style=discord.ButtonStyle.secondary, custom_id=HELPFUL_ID
    )
    async def helpful(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self.rate(interaction, True)

    @discord.ui.button(
        emoji="\N{THUMBS DOWN SIGN}", style=discord.ButtonStyle.secondary, custom_id=NOT_HELPFUL_ID
    )
    async def not_helpful(
        self, interaction: discord.Interaction, button: discord.ui.Button
    ) -> None:
        await self.rate(interaction, False)

    async def rate(self, interaction: discord.Interaction, helpful: bool) -> None:
        language = interaction_language(interaction)
        store = store_of(interaction.client)
        message = interaction.message
        key = "rating_thanks"
        try:
            question = await store.question_for_reply(message.id) if store and message else None
            if (
                store is None
                or question is None
                or not await store.rate(question.id, interaction.user.id, helpful)
            ):
                key = "rating_unknown"
        except StoreError as exc:
            log.error("rating on message %s failed: %s", getattr(message, "id", "?"), exc)
            key = "rating_unknown"
        await interaction.response.send_message(
            t(key, language), ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
