"""Discord embeds for answers and entries (sessions, speakers, tools, companies, FAQ, the event).

Facts come from :mod:`bot.render.text` (who presents a session, tool names, the event's lines),
so the console and Discord never disagree; this module only adds layout and Discord
timestamps (``<t:unix:f>``, ``<t:unix:R>``) so each reader sees times in their own zone.

Every embed leaves here through :func:`~bot.render.limits.fit_embed`, which enforces
Discord's limits by truncating, never by failing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

import discord

from bot.answer.engine import Answer
from bot.i18n import t
from bot.kb.model import (
    Company,
    Entry,
    Event,
    Faq,
    KnowledgeBase,
    Link,
    Session,
    Speaker,
    Tool,
    kind_of,
    title_of,
)
from bot.render.limits import (
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    fit_embed,
    truncate,
)
from bot.render.text import (
    agenda_lines,
    alternative_titles,
    distinct_titles,
    event_lines,
    names,
    place_text,
    refusal_lines,
    session_people,
)

COLOUR = discord.Colour.blurple()
UNSURE_COLOUR = discord.Colour.light_grey()
ERROR_COLOUR = discord.Colour.red()

AGENDA_PAGE_SIZE = 6


def _add_field(embed: discord.Embed, name: str, value: str | None, *, inline: bool = False) -> None:
    if value and value.strip() and len(embed.fields) < FIELD_COUNT_LIMIT:
        embed.add_field(
            name=truncate(name, FIELD_NAME_LIMIT),
            value=truncate(value, FIELD_VALUE_LIMIT),
            inline=inline,
        )


def _join_lines(lines: Iterable[str], limit: int, language: str | None) -> str:
    """Lines joined with newlines within ``limit``; what does not fit becomes "...and N more"."""
    items = [line for line in lines if line]
    out: list[str] = []
    for line in items:
        line = truncate(line, limit)
        if len("\n".join([*out, line])) <= limit:
            out.append(line)
            continue
        while out:
            more = t("and_more", language, count=len(items) - len(out))
            if len("\n".join([*out, more])) <= limit:
                break
            out.pop()
        out.append(t("and_more", language, count=len(items) - len(out)))
        break
    return truncate("\n".join(out), limit)


# -- timestamps -----------------------------------------------------------------------------------


def timestamp(when: datetime, style: str = "f") -> str:
    """A Discord timestamp (``<t:1497346200:f>``); shown in each reader's own time zone."""
    return discord.utils.format_dt(when, style=style)  # type: ignore[arg-type]


def session_time(session: Session, language: str | None) -> str:
    """``<t:..:f> - <t:..:t> (<t:..:R>)``, or "time not scheduled"."""
    if session.start is None:
        return t("time_unknown", language)
    text = timestamp(session.start, "f")
    if session.end is not None:
        text += f" - {timestamp(session.end, 't')}"
    return f"{text} ({timestamp(session.start, 'R')})"


def _links(links: Sequence[Link]) -> str:
    return "\n".join(f"[{truncate(link.title, 100) or link.url}]({link.url})" for link in links)


def _footer(embed: discord.Embed, kb: KnowledgeBase, extra: str = "") -> None:
    text = kb.event.name + (f" · {extra}" if extra else "")
    embed.set_footer(text=text)


# -- entries --------------------------------------------------------------------------------------


def session_summary(kb: KnowledgeBase, session: Session, language: str | None) -> str:
    """One field value for lists: time, room, who presents."""
    parts = []
    if session.start is not None:
        when = timestamp(session.start, "t")
        if session.end is not None:
            when += f"-{timestamp(session.end, 't')}"
        parts.append(f"{timestamp(session.start, 'd')} {when}")
    if session.room:
        parts.append(f"{t('room', language)} {session.room}")
    people = session_people(kb, session)
    if people:
        parts.append(people)
    return " · ".join(parts) or t("time_unknown", language)


def session_embed(kb: KnowledgeBase, session: Session, language: str | None) -> discord.Embed:
    embed = discord.Embed(
        title=session.title.pick(language),
        url=session.url or None,
        description=session.abstract.pick(language) or None,
        colour=COLOUR,
    )
    _add_field(embed, t("when", language), session_time(session, language))
    _add_field(embed, t("room", language), session.room, inline=True)
    _add_field(embed, t("track", language), session.track, inline=True)
    people = session_people(kb, session)
    if people:
        label = t("speakers", language) if session.speakers else t("presented_by", language)
        _add_field(embed, label, people)
    tools = kb.tools_of(session)
    if tools:
        _add_field(embed, t("tools", language), names(tools))
    _add_field(embed, t("links", language), _links(session.links))
    _footer(embed, kb, t("illustrative", language) if session.illustrative else "")
    return fit_embed(embed)


def _session_lines(
    kb: KnowledgeBase, sessions: Iterable[Session], language: str | None
) -> list[str]:
    lines = []
    for session in sessions:
        line = f"**{truncate(session.title.pick(language), 200)}**"
        if session.start is not None:
            line += f" - {timestamp(session.start, 'f')}"
        if session.room:
            line += f", {t('room', language)} {session.room}"
        lines.append(line)
    return lines


def speaker_embed(kb: KnowledgeBase, speaker: Speaker, language: str | None) -> discord.Embed:
    description = "\n\n".join(
        p for p in (speaker.role.pick(language), speaker.bio.pick(language)) if p
    )
    embed = discord.Embed(title=speaker.name, description=description or None, colour=COLOUR)
    company = kb.company(speaker.company) if speaker.company else None
    if company:
        _add_field(embed, t("company", language), company.name, inline=True)
    sessions = kb.sessions_of_speaker(speaker.id)
    _add_field(
        embed,
        t("sessions", language),
        _join_lines(_session_lines(kb, sessions, language), 1024, language),
    )
    _add_field(embed, t("links", language), _links(speaker.links))
    _footer(embed, kb)
    return fit_embed(embed)


def tool_embed(kb: KnowledgeBase, tool: Tool, language: str | None) -> discord.Embed:
    embed = discord.Embed(
        title=tool.name, description=tool.description.pick(language) or None, colour=COLOUR
    )
    company = kb.company(tool.company) if tool.company else None
    if company:
        _add_field(embed, t("made_by", language), company.name, inline=True)
    _add_field(embed, t("links", language), _links(tool.links))
    sessions = kb.sessions_of_tool(tool.id)
    if sessions:
        lines = [
            f"{line} ({session_people(kb, session) or '-'})"
            for line, session in zip(_session_lines(kb, sessions, language), sessions, strict=True)
        ]
        _add_field(embed, t("discussed_in", language), _join_lines(lines, 1024, language))
    else:
        _add_field(embed, t("discussed_in", language), t("not_in_session", language))
    _footer(embed, kb)
    return fit_embed(embed)


def company_embed(kb: KnowledgeBase, company: Company, language: str | None) -> discord.Embed:
    embed = discord.Embed(
        title=company.name, description=company.description.pick(language) or None, colour=COLOUR
    )
    speakers = kb.speakers_of_company(company.id)
    if speakers:
        _add_field(embed, t("speakers", language), names(speakers))
    sessions = kb.sessions_of_company(company.id)
    _add_field(
        embed,
        t("sessions", language),
        _join_lines(_session_lines(kb, sessions, language), 1024, language),
    )
    _add_field(embed, t("links", language), _links(company.links))
    _footer(embed, kb)
    return fit_embed(embed)


def faq_embed(kb: KnowledgeBase, faq: Faq, language: str | None) -> discord.Embed:
    embed = discord.Embed(
        title=faq.question.pick(language), description=faq.answer.pick(language), colour=COLOUR
    )
    _add_field(embed, t("links", language), _links(faq.links))
    _footer(embed, kb)
    return fit_embed(embed)


def _day_stamp(day: date, kb: KnowledgeBase) -> str:
    start = datetime.combine(day, datetime.min.time(), tzinfo=kb.event.tz)
    return timestamp(start, "D")


def event_embed(kb: KnowledgeBase, event: Event, language: str | None) -> discord.Embed:
    lines = event_lines(kb, event, language)
    embed = discord.Embed(
        title=lines[0], description=event.description.pick(language) or None, colour=COLOUR
    )
    when = _day_stamp(event.start_date, kb)
    if event.end_date != event.start_date:
        when += f" - {_day_stamp(event.end_date, kb)}"
    first = next((s.start for s in kb.sessions if s.start is not None), None)
    if first is not None:
        when += (
            f"\n{t('first_session', language)}: {timestamp(first, 'f')} ({timestamp(first, 'R')})"
        )
    _add_field(embed, t("event_when", language), when)
    _add_field(embed, t("event_where", language), place_text(event, language))
    organisers = [c.name for c in (kb.company(i) for i in event.organisers) if c]
    _add_field(embed, t("organisers", language), ", ".join(organisers), inline=True)
    _add_field(embed, t("theme", language), event.theme.pick(language))
    _add_field(embed, t("attendance", language), event.attendance.pick(language))
    _add_field(embed, t("links", language), _links(event.links))
    notes = [n.pick(language) for n in event.notes]
    _add_field(embed, t("notes", language), _join_lines(notes, 1024, language))
    _footer(embed, kb, f"{event.timezone}")
    return fit_embed(embed)


def entry_embed(kb: KnowledgeBase, entry: Entry, language: str | None) -> discord.Embed:
    """The full embed of any entry."""
    if isinstance(entry, Session):
        return session_embed(kb, entry, language)
    if isinstance(entry, Speaker):
        return speaker_embed(kb, entry, language)
    if isinstance(entry, Tool):
        return tool_embed(kb, entry, language)
    if isinstance(entry, Company):
        return company_embed(kb, entry, language)
    if isinstance(entry, Faq):
        return faq_embed(kb, entry, language)
    return event_embed(kb, entry, language)


# -- lists ----------------------------------------------------------------------------------------


def agenda_embeds(
    kb: KnowledgeBase,
    sessions: Sequence[Session],
    language: str | None,
    title: str,
    *,
    description: str = "",
    per_page: int = AGENDA_PAGE_SIZE,
) -> list[discord.Embed]:
    """Sessions as pages of embeds (one field per session), "Page i/n" in the footer."""
    per_page = max(1, min(per_page, FIELD_COUNT_LIMIT))
    pages = [sessions[i : i + per_page] for i in range(0, len(sessions), per_page)] or [[]]
    embeds = []
    for number, page in enumerate(pages, start=1):
        embed = discord.Embed(title=title, description=description or None, colour=COLOUR)
        if not page:
            embed.description = (description + "\n\n" if description else "") + t(
                "agenda_empty", language
            )
        for session in page:
            _add_field(embed, session.title.pick(language), session_summary(kb, session, language))
        footer = kb.event.name
        if len(pages) > 1:
            footer += " · " + t("page", language, page=number, pages=len(pages))
        embed.set_footer(text=footer)
        embeds.append(fit_embed(embed))
    return embeds


def suggestions_embed(
    kb: KnowledgeBase,
    title: str,
    entries: Sequence[Entry],
    language: str | None,
    *,
    hint: str = "",
    label: str = "did_you_mean",
) -> discord.Embed:
    """ "Not found / did you mean": the closest entries as a list (buttons go with it);
    ``label`` heads the list ("related" when the entries are not what was asked)."""
    titles = distinct_titles([(kind_of(e), title_of(e, language)) for e in entries], language)
    lines = [f"- {truncate(title, 200)}" for title in titles]
    parts = [p for p in (hint, t(label, language) if lines else "", "\n".join(lines)) if p]
    embed = discord.Embed(title=title, description="\n".join(parts) or None, colour=UNSURE_COLOUR)
    return fit_embed(embed)


def answer_embeds(kb: KnowledgeBase, answer: Answer) -> list[discord.Embed]:
    """The reply to a message: one embed per question it holds (usually one)."""
    return [answer_embed(kb, part) for part in answer.parts or (answer,)]


def answer_embed(kb: KnowledgeBase, answer: Answer) -> discord.Embed:
    """The reply to one question (``/ask`` or free text) as one embed."""
    language = answer.language
    if answer.agenda:
        mode = answer.agenda.split(":")[0]
        if mode in ("now", "next"):
            title = t("now_title" if mode == "now" else "next_title", language)
            description = timestamp(answer.at, "f") if answer.at else ""
        else:
            heading = agenda_lines(kb, answer)[0]
            title, description = truncate(heading, 256), ""
        if answer.premise:
            # "did the day start with the Docker session?": "Not quite", then what did
            premise = t(f"premise_{answer.premise}", language)
            description = f"{premise}\n{description}" if description else premise
        if answer.sessions:
            return agenda_embeds(kb, answer.sessions, language, title, description=description)[0]
        embed = discord.Embed(
            title=title, description="\n".join(agenda_lines(kb, answer)), colour=COLOUR
        )
        _footer(embed, kb)
        return fit_embed(embed)
    if not answer.answered or answer.entry is None:
        lines = refusal_lines(kb, answer)
        return suggestions_embed(
            kb,
            truncate(lines[0], 256),
            answer.alternative_entries,
            language,
            hint=""
            if answer.alternative_entries or answer.reason in ("meta", "chatter")
            else t("unknown_hint", language),
            label="related" if answer.missing else "did_you_mean",
        )
    embed = entry_embed(kb, answer.entry, language)
    if answer.premise:
        embed.description = t(f"premise_{answer.premise}", language) + (
            "\n" + embed.description if embed.description else ""
        )
    if answer.alternatives:
        see_also = "; ".join(truncate(title, 200) for title in alternative_titles(answer))
        _add_field(embed, t("see_also", language).rstrip(" :"), see_also)
    return fit_embed(embed)


__all__ = [
    "agenda_embeds",
    "answer_embed",
    "answer_embeds",
    "company_embed",
    "entry_embed",
    "event_embed",
    "faq_embed",
    "session_embed",
    "session_summary",
    "session_time",
    "speaker_embed",
    "suggestions_embed",
    "timestamp",
    "tool_embed",
]
