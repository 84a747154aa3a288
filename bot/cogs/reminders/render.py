"""What the reminders feature posts: the "starting soon" embed, the schedule-change lines split
into messages within Discord's limits, and the ``/reminders list`` embed."""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.agenda.changes import ScheduleChange
from bot.discord_app.replies import quote
from bot.i18n import t
from bot.kb.model import KnowledgeBase, Session
from bot.render.embeds import timestamp
from bot.render.limits import (
    DESCRIPTION_LIMIT,
    TOTAL_LIMIT,
    fit_embed,
    fit_embeds,
    listing_embed,
    truncate,
)
from bot.render.text import session_people

REMINDER_COLOUR = discord.Colour.green()
UPDATE_COLOUR = discord.Colour.orange()
MAX_LISTED = 25

CHANGES_EMBEDS_PER_MESSAGE = 2
"""Schedule-update embeds per message: each holds up to a share of Discord's 6000 characters
per message (:func:`bot.render.limits.fit_embeds` gives each embed an equal share)."""


def reminder_embed(
    kb: KnowledgeBase, session: Session, language: str, *, dm: bool = False
) -> discord.Embed:
    """ "Starting soon: <title>" with a Discord timestamp, the room and who presents."""
    assert session.start is not None
    description = t(
        "reminder_starts",
        language,
        relative=timestamp(session.start, "R"),
        time=timestamp(session.start, "t"),
    )
    if dm:
        description = f"{t('reminder_dm_intro', language)}\n{description}"
    embed = discord.Embed(
        title=truncate(t("reminder_title", language, title=session.title.pick(language)), 256),
        url=session.url or None,
        description=description,
        colour=REMINDER_COLOUR,
    )
    if session.room:
        embed.add_field(name=t("room", language), value=truncate(session.room, 1024), inline=True)
    people = session_people(kb, session)
    if people:
        label = t("speakers", language) if session.speakers else t("presented_by", language)
        embed.add_field(name=label, value=truncate(people, 1024), inline=True)
    embed.set_footer(text=kb.event.name)
    return fit_embed(embed)


def where(session: Session, language: str) -> str:
    """When and in which room, as one phrase: ``<t:…:f>, Room Alpha``."""
    parts = []
    if session.start is not None:
        parts.append(timestamp(session.start, "f"))
    if session.room:
        parts.append(f"{t('room', language)} {session.room}")
    return ", ".join(parts)


def change_line(change: ScheduleChange, language: str) -> str:
    """One line per change, with Discord timestamps."""
    session = change.session
    title = f"**{truncate(session.title.pick(language), 150)}**"
    if change.kind == "added":
        return t("change_added", language, session=f"{title}, {where(session, language)}")
    if change.kind == "cancelled":
        return t("change_cancelled", language, session=f"{title}, {where(session, language)}")
    old = change.old
    assert old is not None
    now_parts, was_parts = [], []
    if change.time_changed and session.start is not None and old.start is not None:
        now_parts.append(timestamp(session.start, "f"))
        was_parts.append(timestamp(old.start, "f"))
    if change.room_changed:
        now_parts.append(f"{t('room', language)} {session.room or '-'}")
        was_parts.append(f"{t('room', language)} {old.room or '-'}")
    return t(
        "change_moved",
        language,
        session=f"{title}, {', '.join(now_parts)}",
        old=", ".join(was_parts),
    )


def change_groups(
    changes: list[ScheduleChange], event_name: str, language: str
) -> list[tuple[list[ScheduleChange], list[discord.Embed]]]:
    """The changes as messages, each a list of embeds within every Discord limit (10 embeds
    and 6000 characters per message, 4096 per description), with the changes each message
    holds; every change is in one of them, in order, however long the list."""
    per_message = CHANGES_EMBEDS_PER_MESSAGE
    budget = TOTAL_LIMIT // per_message  # what fit_embeds allows each embed of a full message
    overhead = len(_changes_embed([], event_name, language))  # title and footer
    room = min(budget - overhead, DESCRIPTION_LIMIT)
    embeds: list[tuple[list[ScheduleChange], discord.Embed]] = []
    lines: list[str] = []
    held: list[ScheduleChange] = []
    size = 0
    for change in changes:
        line = truncate(change_line(change, language), min(1000, room))
        grown = size + 1 + len(line) if lines else len(line)  # the description with this line
        if lines and grown > room:
            embeds.append((held, _changes_embed(lines, event_name, language)))
            lines, held, grown = [], [], len(line)
        lines.append(line)
        held.append(change)
        size = grown
    if lines:
        embeds.append((held, _changes_embed(lines, event_name, language)))
    groups = []
    for i in range(0, len(embeds), per_message):
        part = embeds[i : i + per_message]
        groups.append(([c for held, _ in part for c in held], fit_embeds([e for _, e in part])))
    return groups


def _changes_embed(lines: list[str], event_name: str, language: str) -> discord.Embed:
    embed = discord.Embed(
        title=t("changes_title", language),
        description="\n".join(lines),
        colour=UPDATE_COLOUR,
    )
    embed.set_footer(text=truncate(event_name, 256))
    return fit_embed(embed)


def subscriptions_embed(kb: KnowledgeBase, ids: Iterable[str], language: str) -> discord.Embed:
    """``/reminders list``: the sessions subscribed to, in programme order, then the ids no
    longer in the programme."""
    ids = list(ids)
    wanted = set(ids)
    lines = [
        f"**{quote(session.title.pick(language), 150)}**, {where(session, language)}"
        for session in [s for s in kb.sessions if s.id in wanted][:MAX_LISTED]
    ]
    unknown = [i for i in ids if kb.session(i) is None]
    lines.extend(f"`{quote(i, 80)}`" for i in unknown[: max(0, MAX_LISTED - len(lines))])
    if len(ids) > MAX_LISTED:
        lines.append(t("and_more", language, count=len(ids) - MAX_LISTED))
    return listing_embed(t("reminders_title", language), lines, REMINDER_COLOUR)


__all__ = [
    "change_groups",
    "change_line",
    "reminder_embed",
    "subscriptions_embed",
    "where",
]
