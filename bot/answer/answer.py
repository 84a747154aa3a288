"""What the engine returns: an :class:`Answer` (and its :class:`Alternative` entries).

Renderers (console, ``ask --json``, Discord embeds) read these; nothing here computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.answer.intent import Intent
from bot.kb.model import Entry, Session


@dataclass(frozen=True)
class Alternative:
    kind: str
    id: str
    title: str
    score: float


@dataclass(frozen=True)
class Answer:
    """What the engine found. Renderers turn it into words; ``entry`` is the matched record.

    ``kind`` is a knowledge kind; ``score`` is 0-100. Besides one entry, an answer may be:

    - a list of sessions: ``agenda`` is ``"<mode>:<event status>"`` with mode ``now``,
      ``next``, ``after`` (what follows a session), ``slot`` (a room, day or time) or
      ``topic`` (several talks on a subject); ``sessions`` holds them (maybe none: "nothing
      is on"), ``entry`` is the first (or the event), ``scope`` what was asked;
    - a fact: ``fact`` names the event attribute answered (``attendance``, ``date``...);
    - a checked yes/no: ``premise`` is ``"right"`` or ``"wrong"``;
    - a partial refusal: ``answered`` is false, ``missing`` says what is not known
      (``money``, ``media``, ``logistics``...) and ``alternatives`` offer what is related;
    - several answers: ``parts`` holds one answer per question of the message (this one
      is the first's).

    ``evidence`` says which question words matched which field of the entry.
    """

    answered: bool
    kind: str | None
    id: str | None
    title: str
    score: float
    intent: Intent
    language: str
    question: str
    entry: Entry | None = None
    alternatives: tuple[Alternative, ...] = ()
    sessions: tuple[Session, ...] = ()
    agenda: str = ""
    at: datetime | None = None
    reason: str = ""
    alternative_entries: tuple[Entry, ...] = field(default=(), repr=False)
    parts: tuple[Answer, ...] = ()
    fact: str = ""
    premise: str = ""
    missing: str = ""
    scope: str = ""
    rooms: tuple[str, ...] = ()  # the rooms a list answer was asked about
    evidence: tuple[str, ...] = ()
