"""The agenda in free text, and topic lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.agenda.timeline import event_status, system_clock
from bot.answer import agenda_query
from bot.answer.answer import Alternative, Answer
from bot.answer.asked import LIST_VERBS
from bot.answer.attribute_answers import AttributesMixin
from bot.answer.chatter import CHATTER_WORDS
from bot.answer.facts import PREMISE_RIGHT, PREMISE_WRONG
from bot.answer.index import BODY, KEYWORD
from bot.answer.intent import Intent
from bot.answer.normalise import (
    FOLDED_KIND_WORDS,
    STOP_WORDS_FOLDED,
    is_generic,
    tokens,
)
from bot.answer.rank import NAMED_THRESHOLD, Scored
from bot.answer.thresholds import (
    LIST_RATIO,
    MAX_ALTERNATIVES,
    MAX_LIST,
    TITLE_RUN,
    TOPIC_SIMILARITY,
)
from bot.answer.understand import Frame
from bot.answer.yes_no import GREETINGS
from bot.kb.model import Entry, Session, title_of


def _inside_title_run(words: list[str], cues: set[str], title: list[str]) -> set[str]:
    """The cue words of ``words`` said inside a run of :data:`TITLE_RUN` words of
    ``title``, in its order, with another word of substance beside the cue."""
    found: set[str] = set()
    runs = {tuple(title[i : i + TITLE_RUN]) for i in range(len(title) - TITLE_RUN + 1)}
    for start in range(len(words) - TITLE_RUN + 1):
        window = tuple(words[start : start + TITLE_RUN])
        said = cues.intersection(window)
        substance = [w for w in window if w not in STOP_WORDS_FOLDED and w not in cues]
        if said and substance and window in runs:
            found |= said
    return found


class AgendaMixin(AttributesMixin):
    """Rooms, days, times, now/next/after and topic lists: answers that are lists of
    sessions."""

    def _agenda_frame(
        self,
        frame: Frame,
        intent: Intent,
        lang: str,
        now: datetime | None,
        ranked: list[Scored],
    ) -> Answer | None:
        """Answer a room/day/time or now/next/after question from the agenda, or None when
        the question is about an entry after all ("when is the Rust talk on Sunday")."""
        kb = self.kb
        session = self._session_of(ranked)
        relation = frame.relation
        if relation in ("first", "last"):
            day = agenda_query.resolve_day(kb, frame.times, now)
            found = agenda_query.first_or_last(kb, day, last=relation == "last")
            speakers = kb.speakers_of(found[0]) if len(found) == 1 else ()
            if len(found) == 1 and not frame.yes_no:
                opened = self._of_first_talk(frame, found[0])
                if opened is not None:
                    return self._answer(frame.text, intent, lang, *opened, 1.0, [])
            if (intent is Intent.WHO or frame.person_wanted) and len(speakers) == 1:
                # "qui a ouvert la journée ?": the person who gave that talk.
                return self._answer(frame.text, intent, lang, "speaker", speakers[0], 1.0, [])
            listing = self._listing(frame, intent, lang, "slot", found)
            return replace(listing, premise=self._first_premise(frame, ranked, found))
        # "What comes after the Rust talk (in Curie)?": what follows that talk in its room;
        # "what's next in Curie?" names no talk and is answered from the clock below.
        same_room = session is not None and (not frame.rooms or session.room in frame.rooms)
        follows = relation == "after" or (relation == "next" and not frame.rooms)
        if session is not None and same_room and follows:
            return self._listing(frame, intent, lang, "after", agenda_query.after(kb, session))
        if ranked and not (frame.rooms and frame.times.any):
            return None
        if frame.has_topic and not ranked and not frame.rooms and not relation:
            return None
        when = now or system_clock()
        if relation == "now" and not frame.times.any:
            found = agenda_query.now_in(kb, when, frame.rooms)
            return self._listing(frame, intent, lang, "now", found, at=when)
        if relation in ("next", "after") and not frame.times.any:
            found = agenda_query.next_in(kb, when, frame.rooms)
            return self._listing(frame, intent, lang, "next", found, at=when)
        if not frame.constrained:
            return None
        if frame.rooms and not frame.times.any and now is not None:
            # "what's happening in K.3.401?" during the event: what is on there now, or next.
            found = agenda_query.now_in(kb, now, frame.rooms)
            if found:
                return self._listing(frame, intent, lang, "now", found, at=now)
            found = agenda_query.next_in(kb, now, frame.rooms)
            if found and agenda_query.slot_of(kb, (), frame.times, now).day is not None:
                return self._listing(frame, intent, lang, "next", found, at=now)
        slot = agenda_query.slot_of(kb, frame.rooms, frame.times, now)
        sessions = agenda_query.in_slot(kb, slot, approx=frame.times.approx)
        if relation in ("next", "after") and slot.clock is not None:
            later = [s for s in sessions if agenda_query.start_minutes(kb, s) > slot.clock]
            sessions = later or sessions
        return self._listing(frame, intent, lang, "slot", sessions, at=now)

    def _of_first_talk(self, frame: Frame, session: Session) -> tuple[str, Entry] | None:
        """What a question asks of the one talk that opened (or closed) the day, beyond its
        speaker: the company ("the opening speaker works for which firm?") or the tools its
        card lists ("which tools did the first speaker say mattered?")."""
        asked = {m.label for m in self.reader.lex.kind_nouns.find([frame.asked])}
        if (
            frame.company_wanted
            or frame.employer_asked
            or "company" in asked
            or frame.described[:1] == ("company",)
        ):
            companies = self.kb.companies_of(session)
            speakers = self.kb.speakers_of(session)
            if len(speakers) == 1 and speakers[0].company:
                company = self.kb.company(speakers[0].company)
                return ("company", company) if company is not None else None
            return ("company", companies[0]) if len(companies) == 1 else None
        if ("tool" in asked or frame.described[:1] == ("tool",)) and self.kb.tools_of(session):
            return "session", session  # its card lists them
        return None

    def _first_premise(self, frame: Frame, ranked: list[Scored], found: list[Session]) -> str:
        """For "did the day start with the Docker session?": whether the entry the question
        names confidently is (or gives) one of the sessions that opened (or closed) it."""
        if not (frame.yes_no and found and ranked and self._confident(ranked)):
            return ""
        claimed = self.index.entries[ranked[0].position]
        opened = {s.id for s in found}
        sessions = (
            {claimed.id}
            if claimed.kind == "session"
            else self._links(claimed.entry).get("session", set())
        )
        return PREMISE_RIGHT if sessions & opened else PREMISE_WRONG

    def _session_of(self, ranked: list[Scored]) -> Session | None:
        if not ranked:
            return None
        item = self.index.entries[ranked[0].position]
        if isinstance(item.entry, Session):
            return item.entry
        if item.kind in ("speaker", "tool", "company"):
            found = {
                "speaker": self.kb.sessions_of_speaker,
                "tool": self.kb.sessions_of_tool,
                "company": self.kb.sessions_of_company,
            }[item.kind](item.id)
            if len(found) == 1:
                return found[0]
        return None

    def _listing(
        self,
        frame: Frame,
        intent: Intent,
        lang: str,
        mode: str,
        sessions: list[Session],
        at: datetime | None = None,
    ) -> Answer:
        sessions = sessions[:MAX_LIST] if mode == "topic" else sessions
        head = sessions[0] if sessions else None
        status = event_status(self.kb, at) if at is not None else "during"
        rest = tuple(
            Alternative("session", s.id, title_of(s, lang), 100.0)
            for s in sessions[1 : MAX_ALTERNATIVES + 1]
        )
        return Answer(
            answered=True,
            kind="session" if head else "event",
            id=head.id if head else self.kb.event.id,
            title=title_of(head if head else self.kb.event, lang),
            score=100.0,
            intent=intent,
            language=lang,
            question=frame.text,
            entry=head or self.kb.event,
            alternatives=rest if mode in ("topic", "talks") else (),
            sessions=tuple(sessions),
            agenda=f"{mode}:{status}",
            at=at,
            scope=_scope(frame),
            rooms=frame.rooms,
        )

    def _talks_of(
        self, frame: Frame, intent: Intent, lang: str, kind: str, entry: Entry
    ) -> Answer | None:
        """ "quand parle Alexander Bokovoy ?": a speaker's (or a company's) talks when there
        are several, in order, the first as the answer; None for one or none (the caller
        answers that one, or the card)."""
        if intent not in (Intent.WHEN, Intent.WHERE) or frame.yes_no:
            return None
        if kind == "speaker":
            found = self.kb.sessions_of_speaker(entry.id)
        elif kind == "company":
            found = self.kb.sessions_of_company(entry.id)
        else:
            return None
        if len(found) < 2:
            return None
        ordered = sorted(found, key=lambda s: (s.start is None, s.start or datetime.min, s.id))
        return self._listing(frame, intent, lang, "talks", ordered)

    def _titled_with_relation(self, frame: Frame, intent: Intent, hint: str) -> set[str]:
        """The relation words ("next", "after") that belong to a title the question says
        whole, rather than ask about the agenda's flow."""
        if not frame.has_topic:
            return set()
        words = set(frame.relation_words)
        ranked = self.ranker.rank(
            [*frame.kept, *frame.relation_words], set(frame.topic) | words, intent, hint
        )
        if not ranked:
            return set()
        entry = self.index.entries[ranked[0].position]
        if ranked[0].named < NAMED_THRESHOLD:
            # "à quelle heure commence deploy your NEXT python app ?": the cue inside a run
            # of the title's own words, in its order
            return _inside_title_run(frame.words, words, tokens(title_of(entry.entry)))
        return {w for name in entry.names if len(name) > 1 for w in words & name}

    def _programme(self, frame: Frame, intent: Intent, lang: str) -> Answer | None:
        """ "What talks were there?", "quels étaient les talks ?": the programme, in order
        (the first :data:`MAX_LIST`; the heading points to ``/session agenda`` for all)."""
        if frame.constrained or frame.relation or frame.attribute:
            return None
        if (
            _TOPIC_WORDS & set(frame.words)
            or STOP_WORDS_FOLDED.intersection(frame.topic)  # "what sessions cover AI"
            or any(not _names_nothing(w) for w in frame.kept)
            or _modified(frame.words)
        ):
            # "list all the talks": "list" names nothing; "any talks about tools?" does, and
            # "talks on it?", "show me Go sessions" ask a topic the reader could not keep.
            return None
        sessions = agenda_query.programme(self.kb)
        if not sessions:
            return None
        return self._listing(frame, intent, lang, "programme", sessions[:MAX_LIST])

    def _topic_list(
        self, frame: Frame, intent: Intent, lang: str, ranked: list[Scored]
    ) -> Answer | None:
        """The sessions on a topic ("anything on Rust?"), best first, or None.

        A session is listed when it holds every word of the topic in its title, track,
        tags or keywords (a typo counts when the index has one reading of it), or, failing
        that, when it ranks within :data:`LIST_RATIO` of the best confident match.
        """
        # The topic's words: those some entry holds in a title, track, tag or keyword
        # ("anything on JS, thx": "thx" is no topic). "AI", a French stop word, counts.
        candidates = frame.subject or [w for w in frame.kept if not is_generic(w)]
        if any(not self.index.lookup(w) and w not in CHATTER_WORDS for w in frame.subject):
            return None  # a word of the topic nobody holds: not a list of what we know
        order = {scored.position: i for i, scored in enumerate(ranked)}
        track = self._track_said(candidates)
        if track:
            # "des sessions cloud infrastructure ?": that track's talks, not every talk that
            # says "cloud" somewhere and "infrastructure" somewhere else
            numbers = [
                self._position_of[("session", s.id)] for s in self.kb.sessions if s.track == track
            ]
            numbers.sort(key=lambda n: (order.get(n, len(order)), n))
            found = [self.index.entries[n].entry for n in numbers]
            return self._listing(
                frame, intent, lang, "topic", [s for s in found if isinstance(s, Session)]
            )
        sessions: list[Session] = []
        for floor in (KEYWORD, BODY):
            # Titles, tracks and keywords first; failing those, the abstracts that say every
            # word of the topic ("talks about privacy" on a schedule with no keywords), when
            # at most MAX_LIST sessions do.
            holding = self._sessions_holding(candidates, floor)
            for number in sorted(holding, key=lambda n: (order.get(n, len(order)), n)):
                item = self.index.entries[number]
                if isinstance(item.entry, Session):
                    sessions.append(item.entry)
            if sessions or floor != KEYWORD:
                break
            if len(self._sessions_holding(candidates, BODY)) > MAX_LIST:
                break  # a word too common in abstracts to say what the talk is about
        if not sessions and ranked and self._confident(ranked):
            best = ranked[0].score
            for scored in ranked:
                if scored.score < best * LIST_RATIO:
                    break
                item = self.index.entries[scored.position]
                if isinstance(item.entry, Session):
                    sessions.append(item.entry)
        if not sessions:
            return None
        return self._listing(frame, intent, lang, "topic", sessions[:MAX_LIST])

    def _track_said(self, words: list[str]) -> str:
        """The one track whose name holds ``words`` (two or more) in a row, else ``""``."""
        if len(words) < 2:
            return ""
        said = f" {' '.join(words)} "
        tracks = {
            s.track
            for s in self.kb.sessions
            if s.track and said in f" {' '.join(tokens(s.track))} "
        }
        return tracks.pop() if len(tracks) == 1 else ""

    def _sessions_holding(self, words: list[str], floor: float) -> set[int]:
        """Index positions holding every one of ``words`` (close typos count) at ``floor``
        weight or more; words nobody holds at that weight are left out."""
        holding: set[int] | None = None
        for word in words:
            strong_tokens = [t for t, sim in self.index.lookup(word) if sim >= TOPIC_SIMILARITY]
            found = {
                n
                for token in strong_tokens
                for n, weight in self.index.postings[token].items()
                if weight >= floor
            }
            if found:
                holding = found if holding is None else holding & found
        return holding or set()


_TOPIC_WORDS = frozenset(tokens("on about regarding around related sur concernant autour"))
_ALL_WORDS = frozenset(("all", "every", "tous", "toutes", "tout", "thanks", "merci"))
_SESSION_WORDS = FOLDED_KIND_WORDS["session"]


def _modified(words: list[str]) -> bool:
    """Whether a word other than a determiner stands before a word for talks ("show me GO
    sessions"): a topic, though it folds to a stop word."""
    return any(
        word in _SESSION_WORDS and i > 0 and words[i - 1] not in _DETERMINERS
        for i, word in enumerate(words)
    )


_DETERMINERS = frozenset(
    tokens(
        "the a an all any some every which what these those their les des la le l un une "
        "tous toutes quels quelles ces ses vos nos list liste"
    )
)


def _names_nothing(word: str) -> bool:
    """A word of "quels étaient les talks ?" that asks for no topic: a stop word, a word
    for talks or the day, a verb of listing, a greeting or "all" ("fun talks?" has a topic,
    though "fun" is chatter on its own)."""
    return (
        word in STOP_WORDS_FOLDED
        or word in _SESSION_WORDS
        or word in LIST_VERBS
        or word in GREETINGS
        or word in _ALL_WORDS
    )


def _scope(frame: Frame) -> str:
    """What a list answer was asked for, in the question's own words (for its heading)."""
    return frame.text.strip()[:100]
