"""Facts the knowledge graph holds beyond one entry's card: event attributes, and whether a
yes/no question's premise agrees with the knowledge.

"How many people came?" is answered by the FAQ entry of that attribute when the organisers
wrote one (its id is the attribute's name), else by the event itself when it has that field.
"Jessie works at Microsoft, right?" is checked against the links: Jessie's company is Google,
so the premise is wrong, and the answer says so.
"""

from __future__ import annotations

import re
from datetime import date

from bot.answer.normalise import tokens
from bot.answer.timeexpr import TimeFinding
from bot.kb.model import (
    Company,
    Entry,
    Event,
    Faq,
    KnowledgeBase,
    Session,
    Speaker,
    Tool,
    entry_texts,
    kind_of,
)

# Which FAQ ids may answer an attribute, in order, before the event's own field.
_FAQ_IDS: dict[str, tuple[str, ...]] = {
    "city": ("city", "venue", "location"),
    "venue": ("venue", "location", "address"),
    "organisers": ("organisers", "organizers"),
}

PREMISE_RIGHT, PREMISE_WRONG = "right", "wrong"


def _event_has(event: Event, attribute: str) -> bool:
    return bool(
        {
            "date": True,
            "city": event.city,
            "venue": event.venue or event.city,
            "organisers": event.organisers,
            "theme": event.theme,
            "attendance": event.attendance,
            "edition": event.edition,
        }.get(attribute)
    )


def field_holds(kb: KnowledgeBase, label: str, entry: Entry) -> bool:
    """Whether ``entry`` has a field that answers a ``not_held`` category of the lexicon
    ("what's Jason Hansen's job?": a speaker whose ``role`` is given; "how long is the Rust
    talk?": a session whose times are not illustrative). A session answers for its one
    speaker, a speaker for their one session."""
    if label == "duration":
        # A real schedule's times answer it; the shipped event's are illustrative.
        if isinstance(entry, Speaker):
            sessions = kb.sessions_of_speaker(entry.id)
            entry = sessions[0] if len(sessions) == 1 else entry
        return isinstance(entry, Session) and entry.start is not None and not entry.illustrative
    if label != "job":
        return False
    if isinstance(entry, Session):
        speakers = kb.speakers_of(entry)
        entry = speakers[0] if len(speakers) == 1 else entry
    return isinstance(entry, Speaker) and bool(entry.role.values)


def role_holds(kb: KnowledgeBase, entry: Entry, words: tuple[str, ...]) -> bool:
    """Whether a person's role says these words ("who is Docker's CTO?": a speaker whose
    role is CTO). A card that names the role in passing ("Docker's boss has French
    origins") does not say who holds it. A session answers for its one speaker."""
    if isinstance(entry, Session):
        speakers = kb.speakers_of(entry)
        entry = speakers[0] if len(speakers) == 1 else entry
    phrase = " ".join(words)
    return isinstance(entry, Speaker) and any(
        phrase in " ".join(tokens(text)) for text in entry.role.all()
    )


def attribute_answer(kb: KnowledgeBase, attribute: str) -> tuple[str, Entry] | None:
    """The entry that answers an event attribute (``attendance``, ``date``...), if any."""
    for faq_id in _FAQ_IDS.get(attribute, (attribute,)):
        faq = kb.get("faq", faq_id)
        if faq is not None:
            return "faq", faq
    if _event_has(kb.event, attribute):
        return "event", kb.event
    return None


def linked_ids(kb: KnowledgeBase, entry: Entry) -> dict[str, set[str]]:
    """For each kind, the ids ``entry`` is linked to (a session's speakers, tools and
    companies; a speaker's company and sessions...)."""
    links: dict[str, set[str]] = {"speaker": set(), "company": set(), "session": set()}
    links["tool"] = set()
    if isinstance(entry, Session):
        links["speaker"] = {s.id for s in kb.speakers_of(entry)}
        links["company"] = {c.id for c in kb.companies_of(entry)}
        links["tool"] = {t.id for t in kb.tools_of(entry)}
    elif isinstance(entry, Speaker):
        links["company"] = {entry.company} if entry.company else set()
        links["session"] = {s.id for s in kb.sessions_of_speaker(entry.id)}
    elif isinstance(entry, Tool):
        links["company"] = {entry.company} if entry.company else set()
        links["session"] = {s.id for s in kb.sessions_of_tool(entry.id)}
    elif isinstance(entry, Company):
        links["speaker"] = {s.id for s in kb.speakers_of_company(entry.id)}
        links["session"] = {s.id for s in kb.sessions_of_company(entry.id)}
        links["tool"] = {t.id for t in kb.tools if t.company == entry.id}
    elif isinstance(entry, Event):
        links["company"] = set(entry.organisers)
    return links


def check_premise(
    kb: KnowledgeBase,
    entry: Entry,
    mentioned: list[tuple[str, Entry]],
    times: TimeFinding,
    numbers: list[int],
    edition: int = 0,
    making: bool = False,
) -> str:
    """``right``, ``wrong`` or ``""`` (nothing checkable) for a yes/no question about ``entry``.

    ``mentioned`` are the other entries the question names outright; ``times`` what it says of
    dates; ``numbers`` its numbers (an attendance claim); ``edition`` the edition's rank it
    claims ("c'était la 3e édition ?"), 0 for none; ``making`` whether the claim says who
    makes the entry ("Docker CE, c'est fait par Google ?").
    """
    verdicts: list[bool] = []
    about_edition = isinstance(entry, Event) or (isinstance(entry, Faq) and entry.id == "edition")
    if edition and about_edition and kb.event.edition.isdigit():
        verdicts.append(edition == int(kb.event.edition))
    links = linked_ids(kb, entry)
    for kind, other in mentioned:
        if other is entry or kind not in links:
            continue
        if kind == "company" and isinstance(entry, Tool) and not making and names(entry, other):
            # "docker CE runs on google cloud now?": the card names Google for another
            # reason than making the tool; what the claim says of it is not checked here.
            continue
        if kind == "company" and isinstance(entry, Session | Speaker | Tool | Event):
            verdicts.append(other.id in links["company"])
        elif kind == "speaker" and isinstance(entry, Session | Company):
            verdicts.append(other.id in links["speaker"])
        elif kind == "tool" and isinstance(entry, Session) and links["tool"]:
            # A session that lists its tools says what it covered: "le talk de X, c'était
            # sur Kubernetes ?" is answered no when its tools are not Kubernetes. A session
            # that lists none says nothing either way ("CloudBees a parlé de Jenkins ?").
            verdicts.append(other.id in links["tool"])
    day = day_of(kb, entry)
    if day is not None and (times.date is not None or times.weekday is not None):
        if times.date is not None:
            year, month, number = times.date
            verdicts.append(
                number == day.day
                and month in (0, day.month)  # 0: the day of the month alone ("le 13 ?")
                and (year is None or year == day.year)
            )
        elif times.weekday is not None:
            verdicts.append(times.weekday == day.weekday())
    if numbers and isinstance(entry, Faq | Event):
        text = " ".join(entry.answer.all() if isinstance(entry, Faq) else entry.attendance.all())
        held = {int(n) for n in re.findall(r"\d+", text)}
        years = {kb.event.start_date.year, kb.event.end_date.year}
        claims = [n for n in numbers if n >= 10 and n not in years]
        if held and claims:
            verdicts.append(all(n in held for n in claims))
    if not verdicts:
        return ""
    return PREMISE_RIGHT if all(verdicts) else PREMISE_WRONG


def says(entry: Entry, words: tuple[str, ...] | list[str]) -> bool:
    """Whether one of ``entry``'s texts says these folded words, whole and in order ("last
    year" in the attendance answer)."""
    phrase = f" {' '.join(words)} "
    return bool(words) and any(phrase in f" {' '.join(tokens(t))} " for t in entry_texts(entry))


def names(entry: Entry, other: Entry) -> bool:
    """Whether ``entry``'s texts name ``other`` (its name's words, in order)."""
    return says(entry, tokens(getattr(other, "name", "")))


def day_of(kb: KnowledgeBase, entry: Entry) -> date | None:
    """The day a session or the event (its card, or the date FAQ) falls on, else None."""
    if isinstance(entry, Session) and entry.start is not None:
        return entry.start.astimezone(kb.event.tz).date()
    if isinstance(entry, Event) or (isinstance(entry, Faq) and entry.id == "date"):
        return kb.event.start_date
    return None


def linked_entry(kb: KnowledgeBase, entry: Entry, kind: str) -> Entry | None:
    """``entry`` itself when it is of ``kind``, else the one entry of ``kind`` it links to
    (a speaker's only session, a session's only speaker...), else None."""
    if kind_of(entry) == kind:
        return entry
    ids = linked_ids(kb, entry).get(kind, set())
    if len(ids) != 1:
        return None
    return kb.get(kind, next(iter(ids)))
