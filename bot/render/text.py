"""Plain-text renderings of answers and entries: the console, ``ask`` and ``ask --json``.

The Discord embeds (``bot/render/embeds.py``) reuse the helpers here for everything but
layout and timestamps, so the two never disagree on facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.answer.engine import Answer
from bot.i18n import MESSAGES, format_date, normalise_language, t
from bot.kb.model import Company, Entry, Event, Faq, KnowledgeBase, Session, Speaker, Tool, title_of


def label_of(key: str, language: str | None) -> str:
    """A field label with its colon, French style in French: ``"Salle : "``, ``"Room: "``."""
    return t(key, language) + (" : " if normalise_language(language) == "fr" else ": ")


def local_time_range(session: Session, kb: KnowledgeBase, language: str | None) -> str:
    """``13 June 2017, 11:00-11:30 (Europe/Paris)``, or "time not scheduled"."""
    if session.start is None or session.end is None:
        return t("time_unknown", language)
    tz = kb.event.tz
    start, end = session.start.astimezone(tz), session.end.astimezone(tz)
    return f"{format_date(start, language)}, {start:%H:%M}-{end:%H:%M} ({kb.event.timezone})"


def session_people(kb: KnowledgeBase, session: Session) -> str:
    """Speakers with their companies, or the presenting companies when no speaker is named."""
    people = []
    for speaker in kb.speakers_of(session):
        company = kb.company(speaker.company) if speaker.company else None
        people.append(f"{speaker.name} ({company.name})" if company else speaker.name)
    if people:
        return ", ".join(people)
    return ", ".join(c.name for c in kb.companies_of(session))


def names(items: tuple | list) -> str:
    return ", ".join(title_of(item) for item in items)


def session_lines(kb: KnowledgeBase, session: Session, language: str | None) -> list[str]:
    lines = [session.title.pick(language)]
    when = local_time_range(session, kb, language)
    place = f"{t('room', language)} {session.room}" if session.room else ""
    note = f" [{t('illustrative', language)}]" if session.illustrative else ""
    lines.append(" - ".join(p for p in (when, place) if p) + note)
    people = session_people(kb, session)
    if people:
        label = "speakers" if session.speakers else "presented_by"
        lines.append(f"{label_of(label, language)}{people}")
    tools = kb.tools_of(session)
    if tools:
        lines.append(f"{label_of('tools', language)}{names(tools)}")
    if session.abstract:
        lines.append(session.abstract.pick(language))
    return lines


def speaker_lines(kb: KnowledgeBase, speaker: Speaker, language: str | None) -> list[str]:
    company = kb.company(speaker.company) if speaker.company else None
    head = f"{speaker.name} ({company.name})" if company else speaker.name
    lines = [head]
    if speaker.role:
        lines.append(speaker.role.pick(language))
    if speaker.bio:
        lines.append(speaker.bio.pick(language))
    for session in kb.sessions_of_speaker(speaker.id):
        lines.append(
            f"{label_of('session', language)}{session.title.pick(language)} - "
            f"{local_time_range(session, kb, language)}"
            + (f", {t('room', language)} {session.room}" if session.room else "")
        )
    return lines


def tool_lines(kb: KnowledgeBase, tool: Tool, language: str | None) -> list[str]:
    lines = [tool.name, tool.description.pick(language)]
    company = kb.company(tool.company) if tool.company else None
    if company:
        lines.append(f"{label_of('made_by', language)}{company.name}")
    sessions = kb.sessions_of_tool(tool.id)
    if sessions:
        lines.append(
            f"{label_of('discussed_in', language)}"
            + "; ".join(
                f"{s.title.pick(language)} ({session_people(kb, s) or '-'})" for s in sessions
            )
        )
    else:
        lines.append(t("not_in_session", language))
    return lines


def company_lines(kb: KnowledgeBase, company: Company, language: str | None) -> list[str]:
    lines = [company.name]
    if company.description:
        lines.append(company.description.pick(language))
    speakers = kb.speakers_of_company(company.id)
    if speakers:
        lines.append(f"{label_of('speakers', language)}{names(speakers)}")
    sessions = kb.sessions_of_company(company.id)
    if sessions:
        lines.append(
            f"{label_of('sessions', language)}"
            + "; ".join(s.title.pick(language) for s in sessions)
        )
    return lines


def place_text(event: Event, language: str | None) -> str:
    """The event's place for a reply (:meth:`Event.place`), saying when the venue is unknown."""
    place = event.place(language)
    if event.venue:
        return place
    unknown = t("venue_unknown", language)
    return f"{place} ({unknown})" if place else unknown


def event_lines(kb: KnowledgeBase, event: Event, language: str | None) -> list[str]:
    when = format_date(datetime.combine(event.start_date, datetime.min.time()), language)
    if event.end_date != event.start_date:
        when += " - " + format_date(datetime.combine(event.end_date, datetime.min.time()), language)
    where = place_text(event, language)
    lines = [event.name + (f" ({t('edition', language)} {event.edition})" if event.edition else "")]
    lines.append(f"{label_of('event_when', language)}{when} ({event.timezone})")
    lines.append(f"{label_of('event_where', language)}{where}")
    organisers = [c.name for c in (kb.company(i) for i in event.organisers) if c]
    if organisers:
        lines.append(f"{label_of('organisers', language)}{', '.join(organisers)}")
    if event.theme:
        lines.append(f"{label_of('theme', language)}{event.theme.pick(language)}")
    if event.attendance:
        lines.append(f"{label_of('attendance', language)}{event.attendance.pick(language)}")
    if event.description:
        lines.append(event.description.pick(language))
    lines.extend(note.pick(language) for note in event.notes)
    return lines


def faq_lines(kb: KnowledgeBase, faq: Faq, language: str | None) -> list[str]:
    return [faq.question.pick(language), faq.answer.pick(language)]


def entry_lines(kb: KnowledgeBase, entry: Entry, language: str | None) -> list[str]:
    """The full description of any entry, first line its title."""
    if isinstance(entry, Session):
        return session_lines(kb, entry, language)
    if isinstance(entry, Speaker):
        return speaker_lines(kb, entry, language)
    if isinstance(entry, Tool):
        return tool_lines(kb, entry, language)
    if isinstance(entry, Company):
        return company_lines(kb, entry, language)
    if isinstance(entry, Faq):
        return faq_lines(kb, entry, language)
    return event_lines(kb, entry, language)


_LIST_HEADINGS = {
    "topic": "topic_heading",
    "talks": "talks_heading",
    "after": "after_heading",
    "programme": "programme_heading",
}
_LIST_EMPTY = {"after": "after_empty"}


def agenda_lines(kb: KnowledgeBase, answer: Answer) -> list[str]:
    language = answer.language
    when = answer.at.astimezone(kb.event.tz) if answer.at else None
    stamp = f"{format_date(when, language)} {when:%H:%M}" if when else ""
    mode, status = answer.agenda.split(":")
    if mode not in ("now", "next"):
        if not answer.sessions:
            return [t(_LIST_EMPTY.get(mode, "list_empty"), language, scope=answer.scope)]
        lines = [t(_LIST_HEADINGS.get(mode, "list_heading"), language, scope=answer.scope)]
        for session in answer.sessions:
            lines.append("- " + " | ".join(session_lines(kb, session, language)[:3]))
        return lines
    if answer.sessions:
        start = answer.sessions[0].start or answer.at
        first = start.astimezone(kb.event.tz) if start else None
        first_stamp = f"{format_date(first, language)} {first:%H:%M}" if first else stamp
        head = (
            t("now_on", language, time=stamp)
            if mode == "now"
            else t("next_on", language, time=first_stamp)
        )
        lines = [head]
        for session in answer.sessions:
            lines.append("- " + " | ".join(session_lines(kb, session, language)[:3]))
        return lines
    day = format_date(datetime.combine(kb.event.start_date, datetime.min.time()), language)
    if status == "after":
        return [t("event_after", language, event=kb.event.name, date=day)]
    if status == "before" and mode == "now":
        return [t("event_before", language, event=kb.event.name, date=day)]
    if answer.rooms:
        key = "nothing_now_in" if mode == "now" else "nothing_next_in"
        return [t(key, language, time=stamp, room=", ".join(answer.rooms))]
    key = "nothing_now" if mode == "now" else "nothing_next"
    return [t(key, language, time=stamp)]


def missing_label(missing: str, language: str | None) -> str:
    """What a partial refusal says is not known ("money (prices, revenue, funding)")."""
    key = f"missing_{missing}"
    return t(key if key in MESSAGES else "missing_attribute", language)


_KIND_KEYS = {
    "session": "kind_session",
    "speaker": "kind_speaker",
    "company": "kind_company",
    "tool": "kind_tool",
    "faq": "kind_faq",
    "event": "kind_event",
}


def distinct_titles(named: Sequence[tuple[str, str]], language: str | None) -> list[str]:
    """The titles of ``(kind, title)`` pairs offered together; two of one title ("Docker"
    the company, "Docker" the tool) say which is which."""
    titles = [title for _kind, title in named]
    return [
        f"{title} ({t(_KIND_KEYS[kind], language)})"
        if titles.count(title) > 1 and kind in _KIND_KEYS
        else title
        for kind, title in named
    ]


def alternative_titles(answer: Answer) -> list[str]:
    """The titles of the entries offered with an answer, told apart."""
    return distinct_titles([(a.kind, a.title) for a in answer.alternatives], answer.language)


def refusal_lines(kb: KnowledgeBase, answer: Answer) -> list[str]:
    """ "I don't know" (or what the bot is for, or what is not known), then what is close."""
    language = answer.language
    if answer.reason == "meta":
        return [t("meta_reply", language, event=kb.event.name)]
    if answer.reason == "chatter":
        return [t("chatter_reply", language, event=kb.event.name)]
    if answer.missing:
        lines = [
            t(
                "not_held",
                language,
                what=missing_label(answer.missing, language),
                event=kb.event.name,
            )
        ]
        label = "related"
    else:
        lines = [t("unknown", language)]
        label = "did_you_mean"
    if answer.alternatives:
        lines.append(t(label, language))
        lines.extend(f"- {title}" for title in alternative_titles(answer))
    return lines


def answer_text(kb: KnowledgeBase, answer: Answer) -> str:
    """The reply to a question, as plain text (each question of the message in turn)."""
    if answer.parts:
        return "\n\n".join(_one_answer_text(kb, part) for part in answer.parts)
    return _one_answer_text(kb, answer)


def _one_answer_text(kb: KnowledgeBase, answer: Answer) -> str:
    language = answer.language
    if answer.agenda:
        premise = [t(f"premise_{answer.premise}", language)] if answer.premise else []
        return "\n".join([*premise, *agenda_lines(kb, answer)])
    if not answer.answered or answer.entry is None:
        return "\n".join(refusal_lines(kb, answer))
    lines = entry_lines(kb, answer.entry, language)
    if answer.premise:
        lines.insert(0, t(f"premise_{answer.premise}", language))
    if answer.alternatives:
        lines.append(t("see_also", language) + " " + "; ".join(alternative_titles(answer)))
    return "\n".join(lines)
