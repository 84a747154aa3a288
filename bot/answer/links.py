"""Links: from the entry found to the entry asked for."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.answer.facts import names
from bot.answer.index import IndexedEntry
from bot.answer.intent import Intent
from bot.answer.normalise import (
    STOP_WORDS_FOLDED,
    fold,
    is_generic,
    tokens,
    typed_words,
)
from bot.answer.rank import NAMED_THRESHOLD, Scored
from bot.answer.relative_clauses import RelativeClausesMixin
from bot.answer.thresholds import (
    DESCRIBED_COVERAGE,
    DESCRIBED_LEAD,
    DESCRIBED_MIN_WORDS,
    DESCRIBED_UNKNOWN_SHARE,
    HEAD_NAMED,
    KIND_LEAD_SHARE,
    LINKED_DESCRIBED_SHARE,
    LINKED_FLOOR,
    PRECISION_NAMED,
    TOPIC_SIMILARITY,
)
from bot.answer.understand import Frame
from bot.answer.vocabulary import is_ordinary_word
from bot.kb.model import Entry, Session, Speaker, Tool

_OF_WORDS = frozenset(("de", "du", "d", "des", "from", "of", "by"))


_WHAT_IS = re.compile(
    r"\b(?:(?:what|who)(?: exactly| really| actually)? (?:is|s|are|was|were)|whats|whos"
    r"|c est (?:quoi|qui)|c quoi|qu est ce (?:que|qu)(?: c est)?|qui (?:est|etait|sont))\b"
)
_BEFORE_NAME = frozenset(
    tokens("exactly really actually even the this that a an le la l les un une ce cet cette")
)


class LinksMixin(RelativeClausesMixin):
    """From the entry the words point at to the entry the question asks for: a talk's
    speaker, a speaker's talk, a person's company, the entry a description fits."""

    def _steer(
        self,
        intent: Intent,
        hint: str,
        making: bool,
        kind: str,
        entry: Entry,
        speaking: bool = False,
        identity: bool = False,
    ) -> tuple[str, Entry]:
        """Turn a matched entry into the one the question asks for, when that is unambiguous.

        "Who" (or "speaker") about a session, a tool or a company answers with its one
        speaker, unless the question asks who makes something ("who talked about Helm?", not
        "who develops Helm?"); "when"/"where" (or "talk") about a speaker, tool or company
        answers with its one session.
        """
        kb = self.kb
        if hint == "company" and kind in ("speaker", "session", "tool"):
            companies: tuple[str, ...] = ()
            if isinstance(entry, Speaker | Tool) and entry.company:
                companies = (entry.company,)
            elif isinstance(entry, Session):
                companies = tuple(c.id for c in kb.companies_of(entry))
            if len(companies) == 1:
                company = kb.company(companies[0])
                if company is not None:
                    return "company", company
        if (intent is Intent.WHO or hint == "speaker") and not making:
            sessions: tuple[Session, ...] = ()
            if isinstance(entry, Session):
                sessions = (entry,)
            elif kind == "tool":
                sessions = kb.sessions_of_tool(entry.id)
            elif kind == "company":
                speakers = kb.speakers_of_company(entry.id)
                if len(speakers) == 1 and not identity:  # "Platform.sh, c'est qui ?": itself
                    return "speaker", speakers[0]
                if not speakers and speaking:
                    # "Who presented the Deis tools?": the one talk about them, its speaker.
                    sessions = kb.sessions_of_company(entry.id)
            if len(sessions) == 1:
                speakers = kb.speakers_of(sessions[0])
                if len(speakers) == 1:
                    return "speaker", speakers[0]
                return "session", sessions[0]
        # "What is Ori Pekelman talking about?", "ils ont raconté quoi chez BlaBlaCar ?": a
        # speaker's or a company's talk, when the verb says speaking.
        talk_of_speaker = (
            speaking and kind in ("speaker", "company") and intent in (Intent.WHAT, Intent.ANY)
        )
        if (
            intent in (Intent.WHEN, Intent.WHERE)
            or (hint == "session" and intent is not Intent.WHO)
            or talk_of_speaker
        ):
            found: tuple[Session, ...] = ()
            if kind == "speaker":
                found = kb.sessions_of_speaker(entry.id)
            elif kind == "tool":
                found = kb.sessions_of_tool(entry.id)
            elif kind == "company":
                found = kb.sessions_of_company(entry.id)
            if len(found) == 1:
                return "session", found[0]
        return kind, entry

    def _said_by(
        self, frame: Frame, ranked: list[Scored], kind: str, entry: Entry
    ) -> tuple[str, Entry] | None:
        """What a person said ("what did Jessie Frazelle say about Paris?", "pourquoi le
        gars de Platform.sh disait qu'il n'y a pas de conteneur ?"): the card among the best
        ranked that quotes them, else their one talk; None when the answer is no person's
        or talk's, or nothing better is found."""
        if kind == "speaker" and isinstance(entry, Speaker):
            people: tuple[Entry, ...] = (entry,)
        elif kind == "session" and isinstance(entry, Session):
            people = self.kb.speakers_of(entry)
        else:
            return None
        for scored in ranked[:PRECISION_NAMED]:
            item = self.index.entries[scored.position]
            if item.kind == "faq" and any(names(item.entry, person) for person in people):
                return "faq", item.entry
        talks = self.kb.sessions_of_speaker(entry.id) if kind == "speaker" else ()
        return ("session", talks[0]) if len(talks) == 1 else None

    def _of_described_kind(
        self, frame: Frame, ranked: list[Scored], kind: str, entry: Entry, asked: set[str]
    ) -> tuple[str, Entry] | None:
        """The entry of the kind the question describes, when the answer is of another:
        the one entry of that kind linked to it ("which company was behind the CloudBees
        session?"), else the entry the description fits (:meth:`_described`)."""
        kinds = asked or set(frame.described)
        if kind in kinds:
            return None
        links = self._links(entry)
        linked = [(k, i) for k in sorted(kinds) for i in sorted(links.get(k, ()))]
        if len(linked) == 1:
            found = self.kb.get(*linked[0])
            if found is not None:
                return linked[0][0], found
        # Of several, the one the question names best ("the Microsoft container SERVICE
        # that runs Kubernetes": of the Deis talk's tools, Azure Container Service).
        close = ranked[0].score * LINKED_DESCRIBED_SHARE if ranked else 0.0
        for scored in ranked[1:PRECISION_NAMED]:
            item = self.index.entries[scored.position]
            if (item.kind, item.id) in linked and (
                scored.named >= NAMED_THRESHOLD or scored.score >= close
            ):
                return item.kind, item.entry
        described = self._described(frame, ranked, kinds)
        if described is None:
            return None
        item = self.index.entries[described.position]
        return item.kind, item.entry

    def _one_described_unfound(self, frame: Frame, ranked: list[Scored], kind: str) -> bool:
        """Whether the question describes one entry of a kind ("l'OUTIL dont Jessie a
        parlé") that the answer, of another kind, is not: no list is asked ("les outils de
        Deis" is answered by Deis's card), the answer is no talk whose card lists them, and
        the noun is no word of the answer's name or of a name the question says ("the
        program manager of Azure Container SERVICE")."""
        if kind in frame.described or kind in ("faq", "event") or frame.list_wanted:
            return False
        if frame.described[0] not in self._kinds_held:
            return False  # "la conf sur Apache James, le SERVEUR mail": a schedule has no tools
        if kind == "session" and self._links(self.index.entries[ranked[0].position].entry).get(
            frame.described[0]
        ):
            return False  # "the speaker of <title>" with two speakers: the card names them
        nouns = self.reader.lex.kind_nouns.find(frame.words)
        named = set().union(
            self.index.entries[ranked[0].position].name_words,
            *(
                self.index.entries[s.position].name_words
                for s in ranked[:PRECISION_NAMED]
                if s.named >= NAMED_THRESHOLD
            ),
        )
        return any(
            frame.words[m.start] not in named and not frame.words[m.end - 1].endswith(("s", "x"))
            for m in nouns
            if m.label == frame.described[0]
        )

    def _described(
        self, frame: Frame, ranked: list[Scored], kinds: set[str] | None = None
    ) -> Scored | None:
        """The entry a question describes without naming it ("the startup Microsoft bought
        in April", "l'orchestrateur venu de chez Google"): among the kinds its nouns name,
        the one whose texts hold the most of the question's rare words, clearly ahead of the
        next, and not itself named in the question (that is the anchor, not the answer)."""
        named = {s.position for s in ranked if s.named >= NAMED_THRESHOLD}
        kinds = kinds or set(frame.described)
        words = {w for w in frame.topic if w not in STOP_WORDS_FOLDED and not is_generic(w)}
        total = 0.0
        found: dict[int, float] = {}
        hits: dict[int, int] = {}
        for word in words:
            readings = [t for t, sim in self.index.lookup(word) if sim >= TOPIC_SIMILARITY]
            if not readings:
                total += self.index.max_idf * DESCRIBED_UNKNOWN_SHARE
                continue
            rarity = max(self.index.idf[t] for t in readings)
            total += rarity
            holders = {n for t in readings for n in self.index.postings[t]}
            for number in holders:
                if self.index.entries[number].kind in kinds and number not in named:
                    found[number] = found.get(number, 0.0) + rarity
                    hits[number] = hits.get(number, 0) + 1
        if not found or not total:
            return None
        order = sorted(found.items(), key=lambda pair: -pair[1])
        best, cover = order[0][0], order[0][1] / total
        runner_up = order[1][1] / total if len(order) > 1 else 0.0
        if cover < DESCRIBED_COVERAGE or cover - runner_up < DESCRIBED_LEAD:
            return None
        if hits[best] < DESCRIBED_MIN_WORDS:
            return None
        return Scored(best, cover, 0.0)

    def _person_of_named_company(self, frame: Frame) -> tuple[str, Entry] | None:
        """The one speaker of the company the question names whole, when it describes a
        person ("the Google engineer's talk", "le talk du gars de Microsoft")."""
        if "speaker" not in frame.described:
            return None
        words = set(frame.words)
        companies = [
            item
            for item in self.index.entries
            if item.kind == "company"
            and any(name and name <= words and sum(map(len, name)) >= 4 for name in item.names)
        ]
        if len(companies) != 1:
            return None
        speakers = self.kb.speakers_of_company(companies[0].id)
        return ("speaker", speakers[0]) if len(speakers) == 1 else None

    def _first_name_of(self, position: int) -> str:
        """A speaker's first name when no other speaker has it and it is long enough to be
        a name rather than a word (:data:`~bot.answer.index.SURNAME_MIN_LETTERS`); else
        ``""``."""
        return self._unique_first_names.get(position, "")

    def _subject_of(self, frame: Frame, ranked: list[Scored]) -> IndexedEntry | None:
        """In a yes/no question naming two entries ("Draft, c'est un outil Docker ?"), the
        one named first is the subject; the other is the claim its premise check reads. A
        speaker may be named by a first name no other speaker has ("Jessie works at
        Microsoft, right?")."""
        said = set(frame.words)
        named = [
            s
            for s in ranked[:PRECISION_NAMED]
            if s.named >= NAMED_THRESHOLD or self._first_name_of(s.position) in said
        ]
        if len(named) < 2:
            return None

        words = frame.words

        def first_mention(scored: Scored) -> tuple[int, int]:
            # A name said whole and in one run counts first ("Docker CE is built on Moby":
            # Docker CE, though Moby's alias "Docker Moby" shares the word "docker").
            names = self.index.entries[scored.position].names
            whole = [
                i
                for n in names
                if n
                for i in range(len(words) - len(n) + 1)
                if set(words[i : i + len(n)]) == n
            ]
            if whole:
                return (min(whole), 0)
            spots = [i for i, w in enumerate(words) if any(w in n for n in names)]
            return (min(spots, default=len(words)), 1)

        return self.index.entries[min(named, key=first_mention).position]

    def _named_head(self, frame: Frame, ranked: list[Scored]) -> Scored | None:
        """Of two entries the question names, the first when "of/de/from" ties the second
        to it: "le draf de Microsoft, ça fait quoi ?" asks about Draft, "that steward thing
        from the deis talk" about Steward. None when there is no such pair."""
        said = [
            s
            for s in ranked[:PRECISION_NAMED]
            if s.named >= HEAD_NAMED and self.index.entries[s.position].kind not in ("faq", "event")
        ]
        if len(said) < 2:
            return None
        words = frame.words

        def mention(scored: Scored) -> int:
            names = self.index.entries[scored.position].names
            return next(
                (
                    i
                    for i, w in enumerate(words)
                    if any(t in n for t, _ in self.index.lookup(w) for n in names)
                ),
                len(words),
            )

        first, *others = sorted(said, key=mention)
        start = mention(first)
        if any(
            start < (end := mention(o)) and _OF_WORDS.intersection(words[start + 1 : end])
            for o in others
        ):
            return first
        return None

    def _linked_of_kind(self, frame: Frame, ranked: list[Scored]) -> Scored | None:
        """The one entry of the described kind linked to the best ranked, when it ranks
        among the best too: "sur quel PRODUIT Red Hat mettait-il en garde ?" is OpenShift,
        the tool of Red Hat's talk. None otherwise."""
        if not ranked or ranked[0].score < LINKED_FLOOR or not self._closely_held(frame, ranked[0]):
            return None
        kind = frame.described[0]
        linked = self._links(self.index.entries[ranked[0].position].entry).get(kind, set())
        if len(linked) != 1:
            return None
        return next(
            (
                s
                for s in ranked[1:PRECISION_NAMED]
                if self.index.entries[s.position].kind == kind
                and self.index.entries[s.position].id in linked
            ),
            None,
        )

    def _closely_held(self, frame: Frame, scored: Scored) -> bool:
        """Whether the entry holds a topic word as said or closely mistyped: below the
        usual confidence, a loose reading alone ("bank" read "back") is no evidence."""
        joined = [a + b for a, b in pairwise(frame.kept)]  # "car pooling" is "carpooling"
        return self._words_held([*frame.topic, *joined], scored) > 0

    def _leading_of_kind(self, frame: Frame, ranked: list[Scored]) -> Scored | None:
        """The best ranked, when it is of the kind the question describes and clearly ahead
        of every other entry of that kind ("la VERSION de Docker qui mise sur Mac et
        Windows": Docker CE, its talk agreeing). None otherwise."""
        if not ranked or ranked[0].score < LINKED_FLOOR or not self._closely_held(frame, ranked[0]):
            return None
        best = self.index.entries[ranked[0].position]
        if best.kind != frame.described[0]:
            return None
        runner_up = self._runner_up(ranked, best.kind)
        return ranked[0] if runner_up <= KIND_LEAD_SHARE * ranked[0].score else None

    def _asked_by_name(self, frame: Frame, ranked: list[Scored]) -> Scored | None:
        """The entry a "what is X / qui est X / c'est quoi X" question names whole right
        after its question words (or before them: "Deis. What is it, besides an acquisition
        target?"): X is what is asked, whatever the question says about it beside ("so what
        exactly is 'Draft' supposed to be, yet another k8s wrapper?"). None otherwise."""
        words = frame.words
        said = " ".join(words)
        spans = []
        for cue in _WHAT_IS.finditer(said):
            at = len(said[: cue.end()].split())
            while at < len(words) and words[at] in _BEFORE_NAME:
                at += 1
            spans.append(at)
            if len(said[: cue.start()].split()) <= 3:
                spans.append(0)  # "Deis. What is it": the name opens the question
        if not spans:
            return None
        for scored in ranked[:PRECISION_NAMED]:
            item = self.index.entries[scored.position]
            if scored.named < NAMED_THRESHOLD or item.kind in ("faq", "event"):
                continue
            for name in item.names:
                size = len(name)
                if any(
                    name <= set(words[at : at + size])
                    and not self._name_modifies(frame, item, name, words[at + size : at + size + 2])
                    for at in spans
                ):
                    return scored
        return None

    @staticmethod
    def _name_modifies(
        frame: Frame, item: IndexedEntry, name: frozenset[str], after: list[str]
    ) -> bool:
        """Whether the name is an ordinary word qualifying the noun after it: "what was the
        pivotal moment of the day" asks about a moment, not about Pivotal. A capitalised
        name ("the Azure slogan"), a word the entry holds, or a verb ("what is draft
        SUPPOSED to be") keeps the name the subject."""
        if not after:
            return False
        noun = after[0]
        if (
            noun in STOP_WORDS_FOLDED
            or is_generic(noun)
            or noun.isdigit()
            or item.weights.get(noun, 0.0) > 0.0
            or after[1:2] == ["to"]
            or not all(map(is_ordinary_word, name))
        ):
            return False
        written = (w for w in typed_words(frame.text) if fold(w) in name)
        return not any(w[:1].isupper() for w in written)

    @staticmethod
    def _kind_word_before_of(frame: Frame) -> bool:
        """Whether a kind word ("talk", "outil") comes before the first "of/de/from": "the
        linuxkit TALK from docker" asks a talk; "steward from the deis TALK" does not."""
        words = frame.words
        tie = next((i for i, w in enumerate(words) if w in _OF_WORDS), len(words))
        return any(is_generic(w) for w in words[:tie])
