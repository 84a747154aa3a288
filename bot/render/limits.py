"""Discord's limits on embeds (title 256, description 4096, field name 256, field value 1024,
footer 2048, 25 fields, 6000 in total), enforced by truncating on a word boundary with an
ellipsis, never by failing. Every embed the bot sends leaves through :func:`fit_embed`."""

from __future__ import annotations

from collections.abc import Sequence

import discord

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
TOTAL_LIMIT = 6000
ELLIPSIS = "…"
EMPTY_FIELD = "-"


def truncate(text: str | None, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, on a word boundary when one is near,
    ending with an ellipsis when anything was cut."""
    text = (text or "").strip()
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    if boundary >= (limit * 4) // 5:
        cut = cut[:boundary]
    cut = _close_open_token(cut).rstrip()
    return cut + ELLIPSIS


def _close_open_token(text: str) -> str:
    """Drop a Discord timestamp or markdown link cut in half at the end of ``text``."""
    for opener, closer in (("<t:", ">"), ("[", ")")):
        start = text.rfind(opener)
        if start != -1 and closer not in text[start:]:
            return text[:start]
    return text


def fit_embed(embed: discord.Embed, budget: int = TOTAL_LIMIT) -> discord.Embed:
    """Make ``embed`` respect every Discord limit (in place) and return it.

    ``budget`` is the total allowed (lower it when several embeds share one message).
    Over budget, the description is shortened first, then trailing fields are dropped,
    then the remaining field values are shortened.
    """
    if embed.title:
        embed.title = truncate(embed.title, TITLE_LIMIT) or None
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION_LIMIT) or None
    if embed.footer.text:
        embed.set_footer(
            text=truncate(embed.footer.text, FOOTER_LIMIT), icon_url=embed.footer.icon_url
        )
    if embed.author.name:
        embed.set_author(
            name=truncate(embed.author.name, AUTHOR_LIMIT),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    fields = [
        (
            truncate(f.name, FIELD_NAME_LIMIT) or EMPTY_FIELD,
            truncate(f.value, FIELD_VALUE_LIMIT) or EMPTY_FIELD,
            bool(f.inline),
        )
        for f in embed.fields
    ][:FIELD_COUNT_LIMIT]
    embed.clear_fields()
    for name, value, inline in fields:
        embed.add_field(name=name, value=value, inline=inline)

    excess = len(embed) - budget
    if excess > 0 and embed.description:
        keep = max(0, len(embed.description) - excess)
        embed.description = truncate(embed.description, keep) or None
    while len(embed) > budget and len(embed.fields) > 1:
        embed.remove_field(len(embed.fields) - 1)
    excess = len(embed) - budget
    if excess > 0 and embed.fields:
        field = embed.fields[0]
        value = truncate(field.value, max(len(EMPTY_FIELD), len(field.value or "") - excess))
        embed.set_field_at(
            0, name=field.name, value=value or EMPTY_FIELD, inline=bool(field.inline)
        )
    excess = len(embed) - budget
    if excess > 0 and embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, max(0, len(embed.footer.text) - excess)))
    excess = len(embed) - budget
    if excess > 0 and embed.title:
        embed.title = truncate(embed.title, max(1, len(embed.title) - excess))
    return embed


def listing_embed(title: str, lines: Sequence[str], colour: discord.Colour | int) -> discord.Embed:
    """A titled list, one item a line, within Discord's limits (announcements, reminders)."""
    embed = discord.Embed(title=title, description=truncate("\n".join(lines), 4096), colour=colour)
    return fit_embed(embed)


def fit_embeds(embeds: Sequence[discord.Embed]) -> list[discord.Embed]:
    """Fit several embeds that go into one message (10 at most, 6000 characters together)."""
    chosen = list(embeds)[:10]
    share = TOTAL_LIMIT // max(len(chosen), 1)
    return [fit_embed(e, budget=share) for e in chosen]
