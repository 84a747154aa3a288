"""Understand a question before ranking: the text becomes one :class:`Frame` per part.

A frame says what is asked (a person, a time, a place, an event attribute, a list, what is
on now/next/after), which words are left to name an entity, which rooms, days and times
constrain the answer, whether it is a yes/no question, and whether it asks for something no
knowledge base here holds (a company's revenue, a talk's slides). The phrasings come from the
bilingual lexicon (``lexicon.yaml``); nothing here ranks entries or knows their contents
beyond the rooms' names.

"When does it start and where is it?" is two parts; a part without a topic of its own
("where is it") borrows the topic of the part before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from bot.answer.asked import asked_detail, asked_noun, counted_items, counted_kind
from bot.answer.chatter import CHATTER_WORDS, visible_text
from bot.answer.editions import edition_number
from bot.answer.employer import read_employer
from bot.answer.intent import Intent, cue_words, detect_intent, without_relatives
from bot.answer.lexicon import OTHER_EDITIONS, Lexicon, Match, lexicon
from bot.answer.normalise import (
    QUOTED,
    STOP_WORDS_FOLDED,
    is_generic,
    quoted_positions,
    tokens,
)
from bot.answer.phone_french import sms_french
from bot.answer.restrictions import RuledOut, chooses_among, ruled_out
from bot.answer.rooms import ROOM_CUE, RoomFinder, is_room_word
from bot.answer.splitting import split_parts
from bot.answer.timeexpr import TimeFinding, find_times, mask_spans
from bot.answer.typos import CueTypos
from bot.answer.verbs import read_verbs
from bot.answer.yes_no import GREETINGS, WH_WORDS, closer_positions, is_yes_no, opener_positions
from bot.kb.model import KnowledgeBase
from bot.textfold import fold

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
_FIRST_PERSON = frozenset(tokens("i im i m ive we je j moi nous on"))
_PRAISE = frozenset(
    tokens("super great awesome amazing genial excellent bravo love loved top cool nice wow")
)
_QUESTION_WORDS = cue_words() | STOP_WORDS_FOLDED  # a typo of one names nothing
_PLURAL_SESSIONS = frozenset(
    tokens("talks sessions confs conferences presentations exposes lectures workshops ateliers")
)
_WORD = re.compile(r"[^\W_]+")
_ATTRIBUTE_JOINERS = frozenset(("et", "and", "ou", "or", "puis", "pis", "plus"))
_YEAR = re.compile(r"(?:19|20)\d\d")
_COUNTING = re.compile(r"\b(?:how many|how much|combien)\b")
_ARITHMETIC = re.compile(
    r"(?<![\w.])\d+\s*(?:[-+*/x×÷^]|times|fois|plus|minus|moins|divided by|divise par)"
    r"\s*\d+(?![\w.])"  # "2024 - 5th edition" is a title
    r"|\b(?:combien font|how much is \d)"
    r"|\b(?:calcul|calcule|calculer|calculez|calculate|compute)\s+(?:moi\s+|me\s+)?\d"
)

_PLACE_AND_TIME = ("date", "venue", "city")
_PEOPLE_PRONOUNS = frozenset(tokens("he she they him her them il elle ils elles lui"))

# Words that never make a topic on their own in a part ("where is IT").
_PRONOUNS = frozenset(
    tokens(
        "it its this that he she him her they them il elle ca cela ce lui eux celui celle "
        "ceux celles"
    )
)


@dataclass
class Frame:
    """One question, read. Token positions refer to :attr:`words`."""

    text: str
    words: list[str]
    intent: Intent
    topic: list[str] = field(default_factory=list)  # content words left to name an entity
    kept: list[str] = field(default_factory=list)  # every word not used by a cue, in order
    attribute: str = ""
    attribute_words: tuple[str, ...] = ()
    not_held: str = ""
    not_held_words: tuple[str, ...] = ()
    logistics: tuple[str, ...] = ()
    meta: bool = False
    list_wanted: bool = False
    company_wanted: bool = False
    employer_asked: bool = False  # "il bosse où ?": the person's employer, in a verb
    items_of: tuple[str, ...] = ()  # "les 7 pièges, c'est quoi ?": the seven are asked
    counted: str = ""  # "how many talks": the kind of entry counted
    counting: bool = False  # "how many", "combien": a number is asked
    speaking: bool = False  # "who GAVE the talk": the person who spoke is asked
    saying: bool = False  # "what did she SAY about Paris": a quote of hers is asked
    years: tuple[int, ...] = ()  # years named ("PCD 2018")
    edition_number: int = 0  # the edition named by its rank ("la 3e édition"), 0 if none
    spelled: dict[str, str] = field(default_factory=dict)  # folded word -> as typed ("évoqués")
    person_wanted: bool = False
    yes_no: bool = False
    relation: str = ""  # "now", "next", "after", "first", "last" or ""
    relations: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # each cue said

    @property
    def relation_words(self) -> tuple[str, ...]:
        return tuple(w for _, words in self.relations for w in words)

    rooms: tuple[str, ...] = ()
    times: TimeFinding = field(default_factory=TimeFinding)
    borrowed: bool = False  # the topic came from the part before
    statement: bool = False  # "I'm on the train, arriving soon": said, not asked
    marked: bool = False  # the message held a question mark
    asked: str = ""  # the noun a "which/what/quel X" asks for ("quelle licence": "licence")
    asked_of: tuple[str, ...] = ()  # "what is the X of ...": X ("business model")
    described: tuple[str, ...] = ()  # kinds a noun describes ("the STARTUP ..."): company
    attribute_chain: tuple[str, ...] = ()  # "date et lieu ?": each attribute asked in turn
    among: bool = False  # "parmi les organisateurs, lequel ...": one of the attribute's asked
    ruled_out: tuple[RuledOut, ...] = ()  # "pas celui de Vente Privée": not the answer

    @property
    def constrained(self) -> bool:
        """Whether the question names a room, a day or a time."""
        return bool(self.rooms) or self.times.any

    @property
    def subject(self) -> list[str]:
        """The topic without the attribute's words: what the question is about."""
        return [w for w in self.topic if w not in self.attribute_words and w not in _PRONOUNS]

    @property
    def has_topic(self) -> bool:
        return bool(self.subject)


def _attribute_chain(words: list[str], attributes: list[Match]) -> list[Match]:
    """The attributes asked together from the first one on ("date, heure et lieu"): each
    next one of another label, with only a joiner between them."""
    chain = [attributes[0]]
    for match in attributes[1:]:
        between = words[chain[-1].end : match.start]
        if match.label in {m.label for m in chain} or not set(between) <= _ATTRIBUTE_JOINERS:
            break
        chain.append(match)
    return chain


class QuestionReader:
    """Turns question text into frames. Build once per knowledge base (it knows the rooms)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        known: Callable[[str], bool] = lambda _word: True,
        lex: Lexicon | None = None,
    ) -> None:
        """``known(word)`` says whether the knowledge base holds a folded word."""
        self.kb = kb
        self.known = known
        self.lex = lex or lexicon()
        self.rooms = RoomFinder(kb)
        self.typos = CueTypos(self.lex, known)

    def near_filler(self, word: str) -> bool:
        """Whether ``word`` is a typo of a question, stop or chatter word (see
        :mod:`bot.answer.typos`)."""
        return self.typos.near_filler(word)

    def corrected(self, word: str) -> str:
        """A cue word the question misspelt, else ``word`` (:mod:`bot.answer.typos`)."""
        return self.typos.corrected(word)

    def read(self, text: str) -> list[Frame]:
        """One frame per question in ``text``; topics flow into parts that have none."""
        visible = visible_text(text)
        return self.read_parts(split_parts(visible), visible)

    def read_parts(self, parts: list[str], visible: str) -> list[Frame]:
        """One frame per part already split out of ``visible`` (the message as seen)."""
        frames = [
            asked
            for frame in (self.frame(part) for part in parts)
            for asked in (
                [replace(frame, attribute=label) for label in frame.attribute_chain] or [frame]
            )
        ]
        for frame in frames:
            frame.marked = "?" in visible
            if not frame.marked:
                frame.statement = self._statement(frame)
            elif (
                frame.attribute
                and frame.subject
                and frame.intent is Intent.ANY
                and not WH_WORDS.intersection(frame.words)
            ):
                # "Docker organised the event?": a claim about an attribute, asked.
                frame.yes_no = True
        for before, frame in pairwise(frames):
            # "... and who were the organisers?" asks the event's attribute: nothing to borrow.
            own_attribute = frame.attribute and frame.attribute not in _PLACE_AND_TIME
            if not frame.has_topic and before.has_topic and not own_attribute:
                # "... and where is IT?": the part before says what "it" is.
                frame.topic = [*frame.topic, *before.subject]
                frame.kept = [*frame.kept, *before.subject]
                frame.borrowed = True
                # "c'est qui X, et il bosse où ?": X's card is the first answer; the company
                # is the second.
                frame.company_wanted = frame.company_wanted or frame.employer_asked
                if frame.attribute in _PLACE_AND_TIME:
                    frame.intent = Intent.WHEN if frame.attribute == "date" else Intent.WHERE
                    frame.attribute, frame.attribute_words = "", ()
            elif (
                not frame.has_topic
                and not frame.relation
                and before.relation in ("first", "last")
                and _PEOPLE_PRONOUNS.intersection(frame.words)
            ):
                # "who opened the day, and which company does SHE work for?"
                frame.relation, frame.relations = before.relation, list(before.relations)
            if frame.intent is Intent.ANY and not frame.list_wanted:
                frame.intent = before.intent
        for frame, after in pairwise(frames):
            # "Where and when is the Red Hat session?": "where" asks about what follows.
            if (
                not frame.has_topic
                and not frame.attribute
                and after.has_topic
                and not after.attribute
            ):
                frame.topic = [*frame.topic, *after.subject]
                frame.kept = [*frame.kept, *after.subject]
                frame.borrowed = True
            if frame.intent is Intent.ANY and not frame.yes_no and after.has_topic:
                # "rkt et ACI, c'est quoi ?": the question asked last is asked of both.
                frame.intent, frame.yes_no = after.intent, after.yes_no
        for frame in frames:
            # A bare "when?" / "where?" asks the event's date or place.
            if not frame.has_topic and not frame.attribute and not frame.constrained:
                if frame.intent is Intent.WHEN and not frame.relation:
                    frame.attribute = "date"
                elif frame.intent is Intent.WHERE and not frame.relation:
                    frame.attribute = "venue"
        return frames or [self.frame(visible)]

    def frame(self, text: str) -> Frame:
        """Read one question."""
        lex = self.lex
        folded = sms_french(fold(text))
        times = find_times(folded, lex)
        masked = mask_spans(folded, times.spans)
        original = tokens(masked)
        # Cues are read on the words with typos in cue words mended; the topic keeps the
        # words as typed (the ranker has its own typo tolerance).
        words = [self.corrected(w) for w in original]
        # A quoted title asks nothing: "« who's testing the tests? », c'est à quelle heure"
        unquoted = QUOTED.sub(" ", masked)
        intent_text = " ".join(self.corrected(w) for w in tokens(without_relatives(unquoted)))
        frame = Frame(text=text, words=words, intent=detect_intent(intent_text), times=times)
        frame.spelled = {fold(w): w for w in _WORD.findall(text.casefold())}
        used: set[int] = set()
        # Words inside quotes are a title said: no cue ('which talk follows "Making VirtIO
        # sing"' asks nothing of the bot's singing).
        quoted = quoted_positions(text, original)

        def free(matches: list[Match]) -> list[Match]:
            return [m for m in matches if not quoted.intersection(m.positions)]

        # "en sale Marais": a room word mistyped still says a room follows
        cued = [ROOM_CUE if is_room_word(w, lex.room_words) else w for w in words]
        for mention in self.rooms.find(cued, lex.room_words, agenda=times.any):
            frame.rooms += (mention.room,)
            used.update(range(mention.start, mention.end))
            if mention.start > 0 and cued[mention.start - 1] in lex.room_words:
                used.add(mention.start - 1)

        def take(matches: list[Match]) -> list[Match]:
            kept = [m for m in free(matches) if not used.intersection(m.positions)]
            for match in kept:
                used.update(match.positions)
            return kept

        if take(lex.meta.find(words)) or _ARITHMETIC.search(folded):
            frame.meta = True
        alone = free(lex.meta_alone.find(words))
        if alone and all(
            i in used or words[i] in STOP_WORDS_FOLDED or words[i] in CHATTER_WORDS
            for i in range(len(words))
            if not any(i in m.positions for m in alone)
        ):
            frame.meta = True
        attributes = free(lex.attributes.find(words))
        if attributes:
            first = attributes[0]
            frame.attribute = first.label
            frame.attribute_words = tuple(words[first.start : first.end])
            frame.among = chooses_among(words[: first.start])
            if first.label in ("venue", "city") and any(
                m.start == first.end for m in lex.months.find(words)
            ):
                frame.attribute = "date"  # "it took place IN SEPTEMBER, right?": no place
            elif (
                first.label in ("venue", "city")
                and times.clock is not None
                and not words[first.end : first.end + 1]
            ):
                frame.attribute, frame.attribute_words = "", ()  # "c'était À 14H ?": no place
            chain = _attribute_chain(words, attributes)
            if len(chain) > 1:
                frame.attribute_chain = tuple(m.label for m in chain)
                frame.attribute_words = tuple(w for m in chain for w in words[m.start : m.end])
        held = free(lex.not_held.find(words))
        if held:
            frame.not_held = held[0].label
            frame.not_held_words = tuple(words[held[0].start : held[0].end])
        frame.logistics = tuple(
            w for m in free(lex.logistics.find(words)) for w in words[m.start : m.end]
        )
        cues = lex.list_cues.find(words)
        if cues or any(w in _PLURAL_SESSIONS for w in words):
            # "anything on Rust?", "rust talks?": several sessions are wanted.
            frame.list_wanted = True
            # "je cherche des talks sur X": the cue's words the knowledge does not hold are
            # no evidence against X; "talks" still says a session is wanted.
            used.update(
                i
                for m in cues
                for i in m.positions
                if not self.known(words[i]) and not is_generic(words[i])
            )
        if lex.person_words.find(words):
            frame.person_wanted = True
        verbs = read_verbs(words, lex, frame.intent)
        frame.speaking, frame.saying = verbs.speaking, verbs.saying
        used.update(verbs.positions)
        used.update(closer_positions(words, lex))  # "..., right?": no topic in "right"
        used.update(opener_positions(words, lex))  # "am I RIGHT in thinking that ..."
        if frame.intent is Intent.NOW and lex.claim_verbs.find(words):
            frame.intent = Intent.ANY  # "docker CE runs on google cloud now?": these days
        frame.yes_no = is_yes_no(words, lex, frame.intent)
        if not frame.yes_no:  # "c'est pas Docker qui organisait ?" claims; it rules out nothing
            frame.ruled_out = tuple(ruled_out(masked))
            used.update(i for span in frame.ruled_out for i in span.positions)
        employer = read_employer(
            words,
            take(lex.company_cues.find(words)),
            where_asked=frame.intent is Intent.WHERE,
            yes_no=frame.yes_no,
        )
        used.update(employer.positions)
        frame.company_wanted, frame.employer_asked = (
            employer.company_wanted,
            employer.employer_asked,
        )
        if frame.employer_asked and frame.intent is Intent.WHERE:
            frame.intent = Intent.ANY  # no room is asked: the person's card says where
        frame.counting = bool(_COUNTING.search(" ".join(words)))
        frame.counted = counted_kind(words)
        if frame.counted and frame.attribute == "attendance":
            frame.attribute, frame.attribute_words = "", ()  # talks counted, not people
        frame.years = tuple(int(w) for w in words if _YEAR.fullmatch(w))
        frame.edition_number = edition_number(words)
        # "how many came LAST YEAR?": another edition, not the last talk of the day
        other_edition = {i for m in held if m.label in OTHER_EDITIONS for i in m.positions}
        frame.relation = self._relation(words, used, frame, shielded=quoted | other_edition)
        if frame.relation in {"now", "next"} and frame.intent not in (Intent.WHO, Intent.WHAT):
            frame.intent = Intent(frame.relation)
        # A question word mistyped names nothing ("c'est qunad ?" asks when); a speaking verb
        # mistyped is that verb ("qui parrle à The state of Go ?").
        frame.kept = [
            words[i] if words[i] != w and words[i] in lex.speaking_verbs.words else w
            for i, w in enumerate(original)
            if i not in used and not (words[i] != w and words[i] in _QUESTION_WORDS)
        ]
        frame.asked = asked_noun(words, lex.kind_nouns.words)
        frame.asked_of = asked_detail(words)
        frame.items_of = counted_items(words, frame.intent is Intent.WHAT)
        frame.described = tuple(dict.fromkeys(m.label for m in lex.kind_nouns.find(words)))
        # "des talks sur l'AI": capitals make a topic of what folds to a stop word.
        acronyms = {fold(a) for a in _ACRONYM.findall(text)} - GREETINGS
        frame.topic = [
            w
            for w in frame.kept
            if (w not in STOP_WORDS_FOLDED or w in acronyms)
            and not is_generic(w)
            and w not in lex.filler
        ]
        return frame

    def _statement(self, frame: Frame) -> bool:
        """A sentence about oneself with no question in it ("je suis dans le train",
        "I loved the keynote"): chatter, whatever title words it shares."""
        asks = (
            frame.intent is not Intent.ANY
            or frame.list_wanted
            or frame.relation
            or frame.constrained
            or frame.attribute
            or frame.yes_no
            or frame.meta
        )
        words = frame.words
        start = 0
        while start < len(words) and words[start] in GREETINGS | CHATTER_WORDS:
            start += 1
        if asks or start >= len(words):
            return False
        # "super conf cette année !", "I loved the keynote": praise or news, no question
        return words[start] in _FIRST_PERSON or bool(_PRAISE.intersection(words))

    def _relation(self, words: list[str], used: set[int], frame: Frame, shielded: set[int]) -> str:
        """``now``/``next``/``after`` when the question asks about the agenda's flow."""
        lex = self.lex
        found = ""
        for phrases, name in (
            (lex.first, "first"),
            (lex.last, "last"),
            (lex.now, "now"),
            (lex.next, "next"),
            (lex.after, "after"),
        ):
            if name == "now" and (frame.intent is Intent.WHEN or lex.claim_verbs.find(words)):
                # "when was Microsoft on stage?": a time; "docker CE runs on google cloud
                # now?": a claim about these days, not what is on
                continue
            for match in phrases.find(words):
                if used.intersection(match.positions) or shielded.intersection(match.positions):
                    continue
                used.update(match.positions)
                frame.relations.append((name, tuple(words[match.start : match.end])))
                found = found or name
        return found
