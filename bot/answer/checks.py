"""Checks: whether the evidence is there, and what the knowledge does not hold."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from bot.answer.chatter import CHATTER_WORDS
from bot.answer.compose import ComposeMixin
from bot.answer.facts import names
from bot.answer.index import NAME, IndexedEntry
from bot.answer.intent import Intent
from bot.answer.normalise import (
    STOP_WORDS_FOLDED,
    fold,
    is_generic,
    tokens,
    typed_words,
)
from bot.answer.rank import NAMED_THRESHOLD, Scored
from bot.answer.thresholds import (
    _PLAIN_DETAILS,
    ANSWER_THRESHOLD,
    COUNTED_STEM_LETTERS,
    FOREIGN_MIN_LETTERS,
    LEAD_MARGIN,
    LEADING_MARGIN,
    LEADING_THRESHOLD,
    LEADING_WORDS,
    MAX_FRAGMENT_WORDS,
    NAMED_ANSWER_THRESHOLD,
    PRECISION_NAMED,
    SHORT_TOPIC_LETTERS,
    STRONG_FIELD,
    TOPIC_SIMILARITY,
)
from bot.answer.understand import Frame
from bot.answer.vocabulary import is_ordinary_word
from bot.kb.model import Entry, Session, Tool, entry_texts

# The noun a count asks for: "how many CONTAINERS", "combien de CONTENEURS".
_COUNTED = re.compile(r"\b(?:how many|combien de|combien d)\s+(\w+)")
_YEAR = re.compile(r"(?:19|20)\d\d")


class ChecksMixin(ComposeMixin):
    """Whether the evidence is there (:meth:`_confident`), and whether the question asks
    something the knowledge does not hold: a detail not on the card, a name the event never
    had, another edition's year, a link nobody made."""

    def _entry_at(self, scored: Scored) -> Entry:
        return self.index.entries[scored.position].entry

    def _holding(self, words: set[str], every: bool = True) -> list[int]:
        """Index positions of the entries holding all (or any) of ``words``."""
        postings = self.index.postings
        sets = [set(postings.get(w, ())) for w in words]
        if not sets:
            return []
        found = set.intersection(*sets) if every else set.union(*sets)
        return sorted(found)

    def _confident(self, ranked: list[Scored], frame: Frame | None = None) -> bool:
        """Whether the best ranked answers: above :data:`ANSWER_THRESHOLD`; else named
        whole and ahead of the runner-up; else, with the ``frame`` given, pointed at by
        several words it holds and far ahead (:data:`LEADING_THRESHOLD`)."""
        best = ranked[0]
        if best.score >= ANSWER_THRESHOLD:
            return True
        runner_up = self._runner_up(ranked)
        return (
            best.named >= NAMED_THRESHOLD
            and best.score >= NAMED_ANSWER_THRESHOLD
            and best.score - runner_up >= LEAD_MARGIN
        ) or (
            frame is not None
            and best.score >= LEADING_THRESHOLD
            and best.score - runner_up >= LEADING_MARGIN
            and self._words_held(frame.topic, best) >= LEADING_WORDS
        )

    def _runner_up(self, ranked: list[Scored], kind: str = "") -> float:
        """The score of the first entry after the best that competes with it (of ``kind``,
        when given): an entry linked to the best (a tool's session) agrees with it."""
        links = self._links(self.index.entries[ranked[0].position].entry)
        for scored in ranked[1:]:
            item = self.index.entries[scored.position]
            if (not kind or item.kind == kind) and item.id not in links.get(item.kind, set()):
                return scored.score
        return 0.0

    def _words_held(self, words: Iterable[str], scored: Scored) -> int:
        """How many of ``words`` the entry holds, as said or closely mistyped."""
        weights = self.index.entries[scored.position].weights
        return sum(
            any(
                weights.get(token, 0.0) > 0
                for token, sim in self.index.lookup(word)
                if sim >= TOPIC_SIMILARITY
            )
            for word in dict.fromkeys(words)
        )

    def _linked_positions(self, entry: Entry) -> set[int]:
        """Index positions of the entries ``entry`` is linked to."""
        return {
            p
            for kind, ids in self._links(entry).items()
            for i in ids
            if (p := self._position_of.get((kind, i))) is not None
        }

    def _names_unlisted(self, best: Scored | None, items: tuple[str, ...]) -> bool:
        """Whether the best entry names the counted things ("7 pièges" in a title) without
        saying what they are: no colon follows them ("the three tools shown: Helm, ...")."""
        if best is None or not items or not self._holds(best, items[-1:]):
            return False
        if self.index.entries[best.position].kind == "faq":
            return False  # a card asking "what were the two threads?" answers with them
        listed = re.compile(rf"\b{re.escape(items[-1])}\b[^.:]{{0,15}}:")
        entry = self.index.entries[best.position].entry
        return not any(listed.search(fold(text)) for text in entry_texts(entry))

    def _holds_number(self, best: Scored | None, words: list[str] | None = None) -> bool:
        """Whether the best entry says a number ("how many pitfalls?": "7 pitfalls") of
        the thing counted, when the question names it: "how many CONTAINERS does BlaBlaCar
        run" is not answered by a card that counts people."""
        if best is None:
            return False
        entry = self.index.entries[best.position].entry
        texts = entry_texts(entry)
        counted = _COUNTED.search(" ".join(words or ()))
        noun = counted.group(1) if counted else ""
        if not noun or noun in STOP_WORDS_FOLDED or is_generic(noun):
            # Talks and speakers are counted in other words ("three security sessions").
            return any(ch.isdigit() for text in texts for ch in text)
        stem = noun[:COUNTED_STEM_LETTERS]
        for text in texts:
            said = tokens(text)
            for at, word in enumerate(said):
                # A year is no count ("Paris Container Day 2017" counts no containers).
                if (
                    word.isdigit()
                    and not _YEAR.fullmatch(word)
                    and any(w.startswith(stem) for w in said[max(0, at - 3) : at + 4])
                ):
                    return True
        return False

    def _without_ruled_out(self, frame: Frame, ranked: list[Scored]) -> list[Scored]:
        """``ranked`` less the entries the question rules out: those a ruled-out span names
        whole ("not HELM"), and for "celui de X" what is X's too ("l'autre REX, pas celui
        de Vente Privée": Vente Privée's talk)."""
        if not frame.ruled_out:
            return ranked
        out: set[int] = set()
        for span in frame.ruled_out:
            said = set(span.words)
            named = [
                n
                for n in self._holding(said, every=False)
                if self.index.entries[n].kind not in ("faq", "event")
                and any(nm and nm <= said for nm in self.index.entries[n].names)
            ]
            out.update(named)
            if span.owned:
                for n in named:
                    out.update(self._linked_positions(self.index.entries[n].entry))
        return [s for s in ranked if s.position not in out]

    def _holds(self, best: Scored | None, words: tuple[str, ...]) -> bool:
        """Whether the best entry holds these words strongly (a talk *about* video)."""
        if best is None:
            return self._anyone_holds(words)
        weights = self.index.entries[best.position].weights
        return all(weights.get(w, 0.0) >= STRONG_FIELD for w in words)

    def _anyone_holds(self, words: tuple[str, ...]) -> bool:
        postings = self.index.postings
        return any(max(postings.get(w, {}).values(), default=0.0) >= STRONG_FIELD for w in words)

    def _answers_asked(self, frame: Frame, kind: str, entry: Entry) -> bool:
        """Whether the entry (or an entry linked to it) holds the noun a "which/what X"
        question asks for, and one word of a "what is the X of" detail: "quelle licence" is
        not answered by a card that never says "licence", nor "quel est le modèle économique
        de Platform.sh" by Platform.sh's. Kind words ("which talk") and event attributes are
        answered elsewhere."""
        if frame.yes_no:
            return True
        position = self._position_of.get((kind, entry.id))
        if position is None:
            return True
        holders = {position, *self._linked_positions(entry)}
        weights = [self.index.entries[p].weights for p in holders]

        def held(word: str) -> bool:
            if word in self._attribute_vocabulary or word in _PLAIN_DETAILS:
                return True
            readings = [t for t, sim in self.index.lookup(word) if sim >= TOPIC_SIMILARITY]
            if not readings:  # a name the ranker already weighed, or a word nobody holds
                return not (
                    is_ordinary_word(word) or is_ordinary_word(frame.spelled.get(word, word))
                )
            return any(w.get(token, 0.0) > 0 for w in weights for token in readings)

        if frame.asked and not held(frame.asked):
            return False
        if frame.asked_of and not any(held(word) for word in frame.asked_of):
            return False
        # "traefik maintainers?": a name and a noun, no question word; the noun is asked.
        return all(held(word) for word in self._fragment_rest(frame, position))

    def _fragment_rest(self, frame: Frame, position: int) -> list[str]:
        """The words of a fragment question ("prometheus version?") that are not the
        entry's name: what it asks of the entry. ``[]`` for any other question."""
        if (
            frame.intent is not Intent.ANY
            or frame.list_wanted
            or frame.relation
            or frame.constrained
            or frame.attribute
            or frame.not_held
            or len(frame.words) > MAX_FRAGMENT_WORDS
        ):
            return []
        names = self.index.entries[position].names
        return [w for w in frame.subject if not any(w in name for name in names)]

    def _missing_link(
        self, frame: Frame, intent: Intent, hint: str, making: bool, kind: str, entry: Entry
    ) -> str:
        """What the question asks of ``entry`` that the knowledge does not link: the
        speaker of a session whose speaker it does not name, a person's company, a tool's
        maker. ``""`` when the entry answers."""
        if frame.yes_no:
            return ""
        if hint == "company" and kind != "company":
            return "company"
        if making and kind == "tool" and isinstance(entry, Tool) and not entry.company:
            return "maker"
        # "Who gave the Docker session?" asks a person; "who is Xebia?" asks who Xebia is.
        speakerless = (isinstance(entry, Session) and not self.kb.speakers_of(entry)) or (
            kind == "company" and not self._company_speaker(entry)
        )
        if intent is Intent.WHO and frame.speaking and not making and speakerless:
            return "speaker"
        # "fleet got abandoned when?": a tool's or a company's card that names no month
        # holds no date (its one talk would have been steered to already); "Microsoft bought
        # Deis in April 2017" does.
        if (
            intent is Intent.WHEN
            and kind in ("tool", "company")
            and hint != "session"
            and not (frame.relation or frame.constrained)
            and (kind, entry.id) in self._position_of
            and not self._dated(self._position_of[(kind, entry.id)])
        ):
            return "history"
        return ""

    def _company_speaker(self, entry: Entry) -> bool:
        kb = self.kb
        return bool(kb.speakers_of_company(entry.id)) or any(
            kb.speakers_of(s) for s in kb.sessions_of_company(entry.id)
        )

    def _unlinked_claim(self, ranked: list[Scored], kind: str, entry: Entry) -> IndexedEntry | None:
        """In a yes/no question about ``entry`` whose premise nothing checks, another entry
        it names whole that the knowledge does not link to it at all (no link, no shared
        session): the claim is about a relation nobody holds."""
        mine = self._links(entry)
        my_sessions = mine.get("session", set()) | ({entry.id} if kind == "session" else set())
        for scored in ranked[:PRECISION_NAMED]:
            other = self.index.entries[scored.position]
            if scored.named < NAMED_THRESHOLD or other.entry is entry:
                continue
            if other.kind in ("faq", "event"):
                continue
            theirs = self._links(other.entry)
            their_sessions = theirs.get("session", set()) | (
                {other.id} if other.kind == "session" else set()
            )
            linked = (
                other.id in mine.get(other.kind, set())
                or entry.id in theirs.get(kind, set())
                or bool(my_sessions & their_sessions)
                or names(entry, other.entry)  # "Docker CE ... and, recently, Google Cloud"
            )
            if not linked:
                return other
        return None

    def _other_year(self, frame: Frame, best: Scored | None) -> str:
        """``future``/``past`` when the question names a year of another edition
        ("Paris Container Day 2018?") that the best entry does not mention, or another
        edition by its rank ("the third edition")."""
        event = self.kb.event
        held_rank = int(event.edition) if event.edition.isdigit() else 0
        if held_rank and frame.edition_number > held_rank and not frame.yes_no:
            # "la 3e édition, c'est quand ?": the knowledge holds the 2nd. (An earlier one is
            # the lexicon's "past"; a yes/no claim of a rank is checked as a premise.)
            return "future"
        if not frame.years:
            return ""
        if frame.yes_no and best is not None and self._dated(best.position):
            return ""  # "Microsoft a racheté Deis en 2015 ?": a claim its card checks
        held = {event.start_date.year, event.end_date.year}
        if best is not None:
            entry = self.index.entries[best.position].entry
            held |= {int(y) for text in entry_texts(entry) for y in re.findall(r"\b\d{4}\b", text)}
        for year in frame.years:
            if year not in held:
                return "future" if year > event.end_date.year else "past"
        return ""

    def _unknown_compound(self, frame: Frame) -> str:
        """In a question for talks on a topic, a known name followed by a word no entry
        holds, nor anything close to it: "a session on Docker Swarm?" asks for a product
        the knowledge does not have, not for Docker. ``""`` when there is none. Only for
        lists, or where both words are capitalised ("Moby Dick, c'est de qui ?"):
        elsewhere the word is too often an ordinary one ("LinuxKit demo?")."""
        capitalised = _capitalised_pairs(frame.text)
        if not frame.list_wanted and not capitalised:
            return ""
        subject = set(frame.subject)
        for name, other in pairwise(frame.words):
            if other not in subject or name not in subject or not name.isalpha():
                continue
            if not frame.list_wanted and (name, other) not in capitalised:
                continue
            if self.index.lookup(other) or other in self.reader.lex.filler:
                continue
            if other in CHATTER_WORDS or other.isdigit():
                continue
            if any(weight >= NAME for weight in self.index.postings.get(name, {}).values()):
                return f"{name} {other}"
        return ""

    def _foreign(self, frame: Frame, best: Scored | None) -> str:
        """A word of the question that names something the knowledge base does not know
        (no entry holds it, nor a close spelling) and that is no ordinary English or
        French word: "podman", "hightower". ``""`` when there is none."""
        for word in frame.subject:
            if self._foreign_word(word, frame.spelled.get(word, word)):
                return word
        return ""

    def _foreign_word(self, word: str, spelled: str = "", spellings: bool = True) -> bool:
        """``word`` (folded; ``spelled`` as typed, accents kept: "évoqués") names nothing
        the knowledge holds and is no English or French word, nor a typo of filler. With
        ``spellings`` false, a word the knowledge holds only a close spelling of ("htmx",
        near "html") names nothing either."""
        return (
            len(word) >= FOREIGN_MIN_LETTERS
            and word.isalpha()
            and word not in CHATTER_WORDS
            and word not in self.reader.lex.filler
            and not (self.index.lookup(word) if spellings else word in self.index.postings)
            and not is_ordinary_word(word)
            and not (spelled and spelled != word and is_ordinary_word(spelled))
            and not self.reader.near_filler(word)
        )

    def _unknown_topic(self, frame: Frame) -> bool:
        """Whether a topic question names a word the knowledge base does not know at all
        (no entry holds it, nor anything one typo away), greetings and thanks aside."""
        return any(
            self._foreign_word(w, frame.spelled.get(w, w))
            or (
                len(w) <= SHORT_TOPIC_LETTERS
                and w not in CHATTER_WORDS
                and not self.index.lookup(w)
            )
            for w in frame.subject
        )


def _capitalised_pairs(text: str) -> set[tuple[str, str]]:
    """Two capitalised words in a row (folded), as typed in a question not written in
    title case: "Moby Dick" is one name, not Moby and a word."""
    raw = typed_words(text)
    if any(w[:1].isupper() and fold(w) in STOP_WORDS_FOLDED for w in raw[1:]):
        return set()  # "What Is The LinuxKit Talk About": capitals say nothing
    return {(fold(a), fold(b)) for a, b in pairwise(raw) if a[:1].isupper() and b[:1].isupper()}
