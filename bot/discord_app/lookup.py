"""Finding the entry a slash-command option names, and the autocomplete choices. No Discord.

An option arrives either as an entry id (the user picked an autocomplete choice) or as
whatever they typed (they pressed Enter first). :func:`resolve` accepts both: the id, an exact
name or alias (accents and case folded), then the answering engine; when nothing is certain
it returns the closest entries for a "did you mean".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from rapidfuzz import fuzz

from bot.agenda.timeline import event_days
from bot.answer.engine import Answerer
from bot.answer.facts import linked_entry
from bot.i18n import format_date
from bot.kb.model import Entry, KnowledgeBase, Session, title_of
from bot.textfold import clip, fold

CHOICE_NAME_LIMIT = 100
CHOICE_VALUE_LIMIT = 100
MAX_CHOICES = 25
MAX_SUGGESTIONS = 5
CONFIDENT_NAME_SCORE = 92.0


@dataclass(frozen=True)
class Resolution:
    entry: Entry | None
    suggestions: tuple[Entry, ...] = field(default=())


def _names(entry: Entry) -> list[str]:
    out = [title_of(entry, "en"), title_of(entry, "fr")]
    out.extend(getattr(entry, "aliases", ()))
    return [fold(name).strip() for name in out if name]


def resolve(answerer: Answerer, kind: str, query: str) -> Resolution:
    """The entry of ``kind`` that ``query`` names, or suggestions when unsure."""
    kb = answerer.kb
    text = (query or "").strip()
    if not text:
        return Resolution(None, tuple(e for _, e in answerer.suggest("", (kind,), MAX_SUGGESTIONS)))
    direct = kb.get(kind, text)
    if direct is not None:
        return Resolution(direct)
    folded = fold(text)
    pool = [entry for k, entry in kb.entries() if k == kind]
    for entry in pool:
        if folded in _names(entry) or folded == fold(entry.id):
            return Resolution(entry)
    answer = answerer.ask(text)
    if answer.answered and answer.entry is not None and len(answer.sessions) <= 1:
        # Typed text goes through the same engine as questions: a speaker's surname typed in
        # /session find opens that speaker's one session.
        linked = linked_entry(kb, answer.entry, kind)
        if linked is not None:
            return Resolution(linked)
    ranked = [e for _, e in answerer.suggest(text, (kind,), MAX_SUGGESTIONS)]
    if ranked:
        best = max(fuzz.WRatio(folded, name) for name in _names(ranked[0]))
        runner_up = (
            max(fuzz.WRatio(folded, name) for name in _names(ranked[1])) if len(ranked) > 1 else 0
        )
        if best >= CONFIDENT_NAME_SCORE and best - runner_up >= 5:
            return Resolution(ranked[0])
    from_answer = [e for e in (answer.entry, *answer.alternative_entries) if e in pool]
    suggestions: list[Entry] = []
    for entry in (*from_answer, *ranked):
        if entry is not None and entry not in suggestions:
            suggestions.append(entry)
    return Resolution(None, tuple(suggestions[:MAX_SUGGESTIONS]))


def choice_label(kb: KnowledgeBase, entry: Entry, language: str | None) -> str:
    """An autocomplete label (at most 100 characters): sessions get their local start time."""
    title = title_of(entry, language)
    if isinstance(entry, Session) and entry.start is not None:
        start = entry.start.astimezone(kb.event.tz)
        multi_day = kb.event.end_date != kb.event.start_date
        prefix = f"{start:%d/%m %H:%M}" if multi_day else f"{start:%H:%M}"
        room = f" {entry.room}" if entry.room else ""
        title = f"{prefix}{room} · {title}"
    return clip(title, CHOICE_NAME_LIMIT) or entry.id[:CHOICE_NAME_LIMIT]


def entry_choices(
    answerer: Answerer, kinds: tuple[str, ...], current: str, language: str | None
) -> list[tuple[str, str]]:
    """``(label, value)`` pairs for an autocomplete: at most 25, within Discord's limits.

    Entries whose id is longer than a choice value allows are left out (they can still be
    found by typing their name).
    """
    out: list[tuple[str, str]] = []
    for _, entry in answerer.suggest(current or "", kinds, limit=MAX_CHOICES * 2):
        if len(entry.id) > CHOICE_VALUE_LIMIT:
            continue
        out.append((choice_label(answerer.kb, entry, language), entry.id))
        if len(out) >= MAX_CHOICES:
            break
    return out


def text_choices(values: Iterable[str], current: str) -> list[tuple[str, str]]:
    """Choices among plain names (rooms, tracks): folded substring or fuzzy match."""
    unique = list(dict.fromkeys(v for v in values if v))
    query = fold(current or "").strip()
    if query:
        scored = [
            (fuzz.WRatio(query, fold(v)) + (50 if query in fold(v) else 0), v) for v in unique
        ]
        unique = [v for score, v in sorted(scored, key=lambda p: -p[0]) if score >= 60]
    return [(clip(v, CHOICE_NAME_LIMIT), v[:CHOICE_VALUE_LIMIT]) for v in unique[:MAX_CHOICES]]


def rooms(kb: KnowledgeBase) -> list[str]:
    return list(dict.fromkeys([*kb.event.rooms, *(s.room for s in kb.sessions if s.room)]))


def tracks(kb: KnowledgeBase) -> list[str]:
    return list(dict.fromkeys([*kb.event.tracks, *(s.track for s in kb.sessions if s.track)]))


def day_choices(kb: KnowledgeBase, current: str, language: str | None) -> list[tuple[str, str]]:
    """The event's days as ``("Day 1 - 13 June 2017", "2017-06-13")``."""
    out = []
    query = fold(current or "").strip()
    for number, day in enumerate(event_days(kb), start=1):
        label = f"{number} - {format_date(datetime.combine(day, datetime.min.time()), language)}"
        if not query or query in fold(label) or query in day.isoformat():
            out.append((clip(label, CHOICE_NAME_LIMIT), day.isoformat()))
    return out[:MAX_CHOICES]


def parse_day(kb: KnowledgeBase, value: str, today: date | None = None) -> date | None:
    """A day of the event from an ISO date, a day number ("2"), a label, or today/aujourd'hui.

    Returns None when ``value`` names no day of the event.
    """
    text = fold(value or "").strip()
    days = event_days(kb)
    if not text:
        return None
    try:
        wanted = date.fromisoformat(text)
    except ValueError:
        wanted = None
    if wanted is not None:
        return wanted if wanted in days else None
    if text in ("today", "aujourd'hui", "aujourdhui", "auj") and today is not None:
        return today if today in days else None
    if text.isdigit() and 1 <= int(text) <= len(days):
        return days[int(text) - 1]
    for label, iso in day_choices(kb, "", "en") + day_choices(kb, "", "fr"):
        if text == fold(label) or text in fold(label).split(" - ", 1)[-1]:
            return date.fromisoformat(iso)
    return None


def filter_labels(parts: Sequence[tuple[str, str | None]]) -> str:
    return ", ".join(f"{name}: {value}" for name, value in parts if value)


__all__ = [
    "Resolution",
    "choice_label",
    "clip",
    "day_choices",
    "entry_choices",
    "filter_labels",
    "parse_day",
    "resolve",
    "rooms",
    "text_choices",
    "tracks",
]
