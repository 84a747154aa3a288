"""The answering engine: one question in, one structured :class:`Answer` out.

Every front end (console, ``ask``, ``/ask``, free-text messages, autocomplete, typed text in
``/session find``) calls this, so they all agree. Three steps, each testable on its own:

1. **understand** (:mod:`bot.answer.understand`): the text becomes one frame per question
   it holds: what is asked, the words left to name an entity, rooms/days/times, yes/no,
   event attributes, things no knowledge holds;
2. **resolve**: the agenda resolver (:mod:`bot.answer.agenda_query`) for rooms, times and
   now/next/after; the attribute and premise checks (:mod:`bot.answer.facts`); the ranker
   (:mod:`bot.answer.rank`) for entity mentions, then the links (a "who" question about a
   session answers with its speaker);
3. **compose**: one entry, a list, a fact, or "I know X, not Y", with the evidence (which
   question words matched which fields); below a calibrated confidence, "I don't know"
   with the closest entries.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from itertools import pairwise

from bot.agenda.timeline import event_status, system_clock
from bot.answer import agenda_query
from bot.answer.answer import Alternative, Answer
from bot.answer.chatter import CHATTER_WORDS, is_chatter
from bot.answer.facts import (
    PREMISE_WRONG,
    attribute_answer,
    check_premise,
    field_holds,
    linked_ids,
)
from bot.answer.index import BODY, KEYWORD, NAME, RELATED, IndexedEntry, SearchIndex
from bot.answer.intent import Intent
from bot.answer.normalise import (
    STOP_WORDS_FOLDED,
    detect_language,
    fold,
    is_generic,
    kind_hint,
    mentions_making,
    tokens,
)
from bot.answer.rank import NAMED_THRESHOLD, Ranker, Scored, suggest_positions
from bot.answer.timeexpr import mask_spans
from bot.answer.understand import JOINER, Frame, QuestionReader, sms_french
from bot.answer.vocabulary import is_ordinary_word
from bot.kb.model import Entry, KnowledgeBase, Session, Speaker, Tool, entry_texts, title_of

MAX_QUESTION_CHARS = 1000

ANSWER_THRESHOLD = 0.45
"""Below this ranker score the engine refuses ("did you mean" instead). Raising it refuses
more questions it could have answered; lowering it answers more wrongly. Guarded by
tests/data/questions.yaml and the tuning set shipped_set_a.yaml; reported on the held-out
shipped_set_b.yaml and benchmarks/bench_understanding.py."""

NAMED_ANSWER_THRESHOLD = 0.36
"""A lower bar for an entry whose own name the question says almost whole (``named`` at
least :data:`~bot.answer.rank.NAMED_THRESHOLD`) and that leads the next one by
:data:`LEAD_MARGIN`: the evidence is there even when other words of the question are not
in the knowledge. Lowering it answers more paraphrases and more wrong ones."""

LEAD_MARGIN = 0.08
"""How far ahead of the runner-up an entry must be for the lower named bar."""

LIST_RATIO = 0.75
"""A topic question ("anything on security?") lists the sessions scoring at least this
share of the best one. Lowering it lists looser matches."""

MAX_LIST = 10
"""At most this many sessions in a list answer."""

TOPIC_SIMILARITY = 0.85
"""A topic word's reading (exact, or a close typo) must be this similar to list sessions
holding it; prefixes ("kube" -> "kubernetes") and looser typos do not list."""

SHORT_TOPIC_LETTERS = 3
"""A topic this short that nothing holds ("CI", "k8s") is an acronym the event never had."""

FOREIGN_MIN_LETTERS = 4
"""Unknown words this long or longer that no dictionary knows are names the event never
had ("podman"); shorter ones are too often abbreviations or typos."""

PRECISION_NAMED = 5
"""How many of the best-ranked entries a "who" question looks through for one it names."""

ENTITY_FLOOR = 0.25
"""An attribute question ("how many people work at WeScale?") is about another entry when
that entry's whole name is said and it scores at least this."""

ALTERNATIVE_THRESHOLD = 0.30
REFUSAL_ALTERNATIVE_THRESHOLD = 0.10
MAX_ALTERNATIVES = 3

STRONG_FIELD = KEYWORD
"""A logistics or not-held word ("video", "parking") that some entry holds at this weight
or more (a name, alias or keyword) is a topic, not something to refuse."""

YES_NO_NAMED_FLOOR = 0.15
"""A yes/no question naming an entry whole is about it from this score (the claim's words
lower the score without making it another entry's). Lowering it answers more yes/no
questions about entries named in passing."""

DESCRIBED_COVERAGE = 0.5
"""A described entry ("the startup Microsoft bought") must hold this share of the question's
rarity-weighted words. Lowering it answers more descriptions and more near-topic questions
wrongly; tuned on sets A-D and F, judged on the held-out E and G."""

DESCRIBED_LEAD = 0.2
"""And lead the next entry of the described kind by this share."""

DESCRIBED_MIN_WORDS = 2
"""A description is at least this many of the question's words found in one entry."""

DESCRIBED_UNKNOWN_SHARE = 0.5
"""A question word no entry holds counts against a description as this share of the rarest
word's weight: "the salary of the Azure program manager" describes nobody."""

MAX_FRAGMENT_WORDS = 4
"""A question this short with no question word ("prometheus version?") is a fragment: its
words beside the entry's name are what it asks, and must be on the entry's card."""

MIN_PHRASE_TITLE_WORDS = 3
"""A title of stop words is looked for as a phrase only from this many words ("There is no
container"); a shorter one ("The End") is too often said in passing."""

MAX_PAIR_WORDS = 8
"""The second half of "X and Y" is read as a question of its own only this short ("et
celui de Vente Privée"); a longer one is a sentence the splitter already judged."""

_NUMBER = re.compile(r"\b\d{2,6}\b")
# Details every card answers: "what is the name of...", "quel est le sujet de...".
_PLAIN_DETAILS = frozenset(
    tokens("name nom title titre subject sujet topic theme point idea idee purpose but role")
)
_ONE_OF = re.compile(
    r"^(?:celui|celle|ceux|celles|the one|the ones|that one|that of|those of)\b"
    r"(?:\s+(?:de|du|des|d'|sur|on|about|by|of|from))?\s*",
    re.IGNORECASE,
)
_PLACE_AND_TIME = ("date", "venue", "city")


class Answerer:
    """Answers questions about one knowledge base. Build once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index = SearchIndex(kb)
        self.ranker = Ranker(self.index)
        self.reader = QuestionReader(kb, known=lambda word: word in self.index.postings)
        event_item = next(i for i in self.index.entries if i.kind == "event")
        # Words that name the event itself ("Paris Container Day", "PCD", "conference").
        self._event_words = frozenset(
            token for token, weight in event_item.weights.items() if weight >= KEYWORD
        )
        self._attribute_vocabulary = frozenset().union(*self.reader.lex.attribute_words.values())
        self._position_of = {(i.kind, i.id): n for n, i in enumerate(self.index.entries)}
        titles: dict[str, list[tuple[int, str]]] = {}
        for position, item in enumerate(self.index.entries):
            titles.setdefault(item.kind, []).append((position, item.search_text))
        self._suggest_positions = suggest_positions(titles, self.index)
        # Titles made almost only of stop words ("There is no container"): the ranker cannot
        # see them, so they are looked for as phrases.
        self._stop_word_titles = [
            (f" {' '.join(words)} ", position)
            for position, item in enumerate(self.index.entries)
            if item.kind in ("session", "tool")
            for words in [tokens(title_of(item.entry))]
            if len(words) >= MIN_PHRASE_TITLE_WORDS
            and sum(w not in STOP_WORDS_FOLDED and not is_generic(w) for w in words) <= 1
        ]

    # -- public API ---------------------------------------------------------------------------

    def ask(
        self, question: str, now: datetime | None = None, language: str | None = None
    ) -> Answer:
        """Answer ``question``; ``now`` (aware) is the clock for "now"/"next" questions.

        A message holding several questions gets one answer per part in ``parts``; the
        answer itself is the first part's.
        """
        text = (question or "")[:MAX_QUESTION_CHARS]
        lang = language or detect_language(text, self.kb.event.language)
        frames = self._split_named_pair(self.reader.read(text))
        answers = [self._answer_frame(frame, lang, now) for frame in frames]
        first = replace(answers[0], question=text)
        if len(answers) > 1:
            first = replace(first, parts=tuple(answers))
        return first

    def _split_named_pair(self, frames: list[Frame]) -> list[Frame]:
        """ "c'est quoi Helm et Draft ?", "où est le talk BlaBlaCar et celui de Vente
        Privée ?", "the date and also the edition number": one question about two entries or
        event attributes, one on each side of the "and", is two questions, the second asked
        like the first. A name that holds the "and" itself ("Monitoring et métrologie")
        stays one."""
        if len(frames) != 1:
            return frames
        text = frames[0].text
        for joint in reversed(list(JOINER.finditer(text))):
            left, right = text[: joint.start()], _ONE_OF.sub("", text[joint.end() :].strip())
            if not right or len(right.split()) > MAX_PAIR_WORDS:
                continue
            first, second = self._part_subject(left), self._part_subject(right)
            if first is None or second is None or first == second:
                continue
            if self._attribute_and_talk(first, second):
                continue  # "what day and time is the Rust talk?": one question
            around = [*left.split()[-1:], joint.group(0).strip(), *right.split()[:1]]
            if any(fold(" ".join(around)) in item.search_text for item in self.index.entries):
                continue  # the "and" is inside a name ("Monitoring et métrologie")
            return self.reader.read(f"{left} ? {right} ?")
        return frames

    def _stop_word_title(self, text: str) -> int | None:
        """The entry whose title, made of stop words, the question says whole ("c'est où,
        There is no container ?")."""
        if not self._stop_word_titles:
            return None
        said = f" {' '.join(tokens(text))} "
        return next((p for title, p in self._stop_word_titles if title in said), None)

    def _attribute_and_talk(self, first: int | str, second: int | str) -> bool:
        """An event attribute on one side, an entry other than an event fact on the other:
        "what day and time is the Rust talk?" asks one thing ("headcount + speaker list"
        asks two: both are event facts)."""
        sides = (first, second)
        attribute = any(isinstance(side, str) for side in sides)
        entries = [self.index.entries[side].kind for side in sides if isinstance(side, int)]
        return attribute and any(kind not in ("faq", "event") for kind in entries)

    def _part_subject(self, text: str) -> int | str | None:
        """What one side of an "and" is about: the entry it names whole (its index
        position), or the event attribute it asks with nothing else ("the date", "the
        edition number"); None when neither is clear."""
        frame = self.reader.frame(text)
        if frame.attribute and not frame.subject:
            return frame.attribute
        return self._named_whole(frame)

    def _named_whole(self, frame: Frame) -> int | None:
        """The entry whose own name the frame says whole, if one clearly leads."""
        if not frame.topic:
            return None
        ranked = self.ranker.rank(frame.kept, set(frame.topic), Intent.ANY, "")
        if not ranked or ranked[0].named < NAMED_THRESHOLD or not self._confident(ranked):
            return None
        return ranked[0].position

    def suggest(
        self, text: str, kinds: tuple[str, ...], limit: int = 25
    ) -> list[tuple[str, Entry]]:
        """Entries of ``kinds`` whose names best fit the partly typed ``text`` (autocomplete)."""
        query = fold(text or "").strip()[:100]
        chosen = self._suggest_positions(query, tuple(kinds), limit)
        return [(self.index.entries[p].kind, self.index.entries[p].entry) for p in chosen]

    # -- one question -------------------------------------------------------------------------

    def _answer_frame(self, frame: Frame, lang: str, now: datetime | None) -> Answer:
        text, intent = frame.text, frame.intent
        if is_chatter(text, known=lambda word: bool(self.index.lookup(word))):
            return self._refuse(text, intent, lang, [], "chatter")
        if frame.meta:
            return self._refuse(text, intent, lang, [], "meta")
        if frame.statement:
            return self._refuse(text, intent, lang, [], "chatter")
        titled_at = self._stop_word_title(frame.text)
        if titled_at is not None and frame.attribute in _PLACE_AND_TIME:
            # "c'est où, There is no container ?": that title's place, not the event's.
            intent = Intent.WHEN if frame.attribute == "date" else Intent.WHERE
            frame.attribute, frame.attribute_words = "", ()
        generic = [w for w in frame.kept if is_generic(w)]
        hint = "company" if frame.company_wanted else kind_hint(generic)
        if (
            frame.person_wanted
            and intent in (Intent.ANY, Intent.WHAT)
            and hint not in ("session", "tool", "company")
        ):
            intent = Intent.WHO
        making = mentions_making(frame.words)
        wanted = set(frame.topic) if frame.topic else set(generic)
        ranked: list[Scored] = []
        if wanted and self.ranker.topical(list(wanted) + generic):
            ranked = self.ranker.rank(frame.kept, wanted, Intent.WHAT if making else intent, hint)
        best = ranked[0] if ranked else None
        strong = best is not None and self._confident(ranked)
        if titled_at is not None and (best is None or best.named < NAMED_THRESHOLD):
            ranked = [Scored(titled_at, 1.0, 1.0), *(s for s in ranked if s.position != titled_at)]
            best, strong = ranked[0], True
            wanted = wanted or {"title"}

        if (
            frame.not_held
            and not self._holds(best, frame.not_held_words)
            and not (best and field_holds(self.kb, frame.not_held, self._entry_at(best)))
        ):
            attribute = attribute_answer(self.kb, frame.attribute) if frame.attribute else None
            if attribute is None or not self._entry_holds(attribute[1], frame.not_held_words):
                return self._refuse(
                    text,
                    intent,
                    lang,
                    ranked,
                    f"not held: {frame.not_held}",
                    missing=frame.not_held,
                )
        talk_wanted = frame.list_wanted or hint == "session" or intent in (Intent.WHEN, Intent.WHO)
        # "Is there wifi?" is refused unless an FAQ answers it, or a talk about it is wanted.
        answers_it = best is not None and (
            talk_wanted
            or best.named >= NAMED_THRESHOLD  # the word is in a title said whole ("über")
            or self.index.entries[best.position].kind in ("faq", "event")
        )
        if frame.logistics and not (answers_it and self._holds(best, frame.logistics)):
            return self._refuse(text, intent, lang, ranked, "logistics", missing="logistics")
        # "When is the 2018 edition?": another edition, before any attribute of this one.
        other_year = self._other_year(frame, best)
        if other_year:
            return self._refuse(
                text,
                intent,
                lang,
                ranked,
                f"not held: {other_year}",
                missing=other_year,
                related=(("event", self.kb.event),),
            )
        if (
            frame.yes_no
            and (
                frame.times.date is not None
                or frame.times.weekday is not None
                or frame.times.relative_day in ("first", "second")
            )
            and not frame.rooms
            and not frame.has_topic
        ):
            frame.attribute = frame.attribute or "date"
        if frame.attribute and frame.relation not in ("first", "last", "now", "next", "after"):
            settled = self._attribute_frame(frame, intent, hint, lang, best)
            if isinstance(settled, Answer):
                return settled
            if settled is not None:
                intent = Intent.WHEN if frame.attribute == "date" else Intent.WHERE
                ranked, best, strong = [settled], settled, True
            elif frame.attribute in _PLACE_AND_TIME:
                # "c'est où, le talk people technology?": the subject decides, asked where.
                intent = Intent.WHEN if frame.attribute == "date" else Intent.WHERE
                if wanted and self.ranker.topical(list(wanted)):
                    ranked = self.ranker.rank(frame.kept, wanted, intent, hint)
                    best = ranked[0] if ranked else None
                    strong = best is not None and self._confident(ranked)
        titled = self._titled_with_relation(frame, intent, hint) if frame.relation else set()
        if titled:
            # "Taking Bluetooth lockpicking to the NEXT level": a title, not "what's next"
            # (though "what's AFTER Taking Bluetooth ... next level?" still asks what follows).
            frame.relations = [(n, w) for n, w in frame.relations if not set(w) & titled]
            frame.relation = frame.relations[0][0] if frame.relations else ""
            frame.kept = [*frame.kept, *titled]
            frame.topic = [*frame.topic, *titled]
            ranked = self.ranker.rank(frame.kept, set(frame.topic), intent, hint)
            best = ranked[0] if ranked else None
            strong = best is not None and self._confident(ranked)
        if frame.relation or frame.constrained:
            about = ranked if strong and frame.has_topic else []
            agenda = self._agenda_frame(frame, intent, lang, now, about)
            if agenda is not None:
                return agenda
        if not wanted:
            if intent in (Intent.WHEN, Intent.WHERE):
                return self._answer(text, intent, lang, "event", self.kb.event, 0.6, [])
            return self._refuse(text, intent, lang, [], "no topic in the question")
        foreign = self._foreign(frame, best) or self._unknown_compound(frame)
        if foreign:
            # "What time is Kelsey Hightower's keynote?": a name the event never had.
            return self._refuse(text, intent, lang, ranked, f"unknown name: {foreign}")
        if frame.counting and not frame.attribute and not self._holds_number(best):
            return self._refuse(text, intent, lang, ranked, "not held: numbers", missing="numbers")
        if frame.list_wanted and self._unknown_topic(frame):
            # "Any talk on Terraform?": the knowledge has nothing by that name.
            return self._refuse(text, intent, lang, ranked, "unknown topic")
        if frame.list_wanted and intent not in (Intent.WHO, Intent.WHEN):
            best_kind = self.index.entries[best.position].kind if best else ""
            if not (strong and best_kind in ("faq", "event")):
                listing = self._topic_list(frame, intent, lang, ranked)
                if listing is not None:
                    return listing
        forced = False  # answered only if the premise check can read the claim
        if best is not None and not strong and frame.yes_no:
            # "Kubernetes is a Microsoft thing, isn't it?": entries named whole; the claim's
            # other words are what the premise check reads, not evidence against them, so
            # the answer stands only if that check can read the claim.
            said_whole = [
                s
                for s in ranked[:PRECISION_NAMED]
                if s.named >= NAMED_THRESHOLD and s.score >= YES_NO_NAMED_FLOOR
            ]
            if said_whole:
                best, strong, forced = said_whole[0], True, True
        if (best is None or not strong) and frame.described:
            described = self._described(frame, ranked)
            if described is not None:
                best, strong = described, True
        if best is None or not strong:
            return self._refuse(text, intent, lang, ranked, "below the confidence threshold")
        item = self.index.entries[best.position]
        if frame.yes_no:
            item = self._subject_of(frame, ranked) or item
        if intent is Intent.WHO and item.kind in ("faq", "event"):
            # "Qui étaient les speakers de CloudBees ?": CloudBees, named, over the FAQ
            # about speakers in general.
            named = next(
                (
                    self.index.entries[s.position]
                    for s in ranked[:PRECISION_NAMED]
                    if s.named >= NAMED_THRESHOLD
                    and self.index.entries[s.position].kind not in ("faq", "event")
                ),
                None,
            )
            item = named or item
        kind, entry = self._steer(
            intent, hint, making, item.kind, item.entry, speaking=frame.speaking
        )
        if frame.described and kind not in frame.described and not frame.yes_no:
            # "the orchestrator that came out of Google": a tool is described, not Google
            # (unless the question asks the answer's kind: "le gars de X, quel TALK ?").
            asked = {m.label for m in self.reader.lex.kind_nouns.find([frame.asked])}
            if asked or kind != hint:
                other = self._of_described_kind(frame, ranked, kind, entry, asked)
            else:
                other = None
            if other is not None:
                kind, entry = self._steer(intent, "", making, *other, speaking=frame.speaking)
        missing = self._missing_link(frame, intent, hint, making, kind, entry)
        if not missing and not self._answers_asked(frame, kind, entry):
            # "What exact STACK does Vente Privée run?": the card says nothing of a stack.
            missing = "attribute"
        if missing:
            return self._refuse(
                text,
                intent,
                lang,
                [],
                f"not held: {missing}",
                missing=missing,
                related=((kind, entry),),
            )
        premise = self._premise(frame, entry) if frame.yes_no else ""
        if forced and not premise:
            return self._refuse(text, intent, lang, ranked, "below the confidence threshold")
        if frame.yes_no and premise != PREMISE_WRONG and kind not in ("faq", "event"):
            claim = self._unlinked_claim(ranked, kind, entry)
            if claim is not None:
                # "Jessie Frazelle a présenté Draft ?": nothing ties the two, so the claim
                # cannot be checked (her being a speaker can, but is not what is asked).
                return self._refuse(
                    text,
                    intent,
                    lang,
                    [],
                    "not held: attribute",
                    missing="attribute",
                    related=((kind, entry), (claim.kind, claim.entry)),
                )
        answer = self._answer(text, intent, lang, kind, entry, best.score, ranked[1:])
        if frame.yes_no:
            answer = replace(answer, premise=premise)
        return replace(answer, evidence=self._evidence(frame, kind, entry))

    def _of_described_kind(
        self, frame: Frame, ranked: list[Scored], kind: str, entry: Entry, asked: set[str]
    ) -> tuple[str, Entry] | None:
        """The entry of the kind the question describes, when the answer is of another:
        the one entry of that kind linked to it ("which company was behind the CloudBees
        session?"), else the entry the description fits (:meth:`_described`)."""
        kinds = asked or set(frame.described)
        if kind in kinds:
            return None
        links = linked_ids(self.kb, entry)
        linked = [(k, i) for k in sorted(kinds) for i in sorted(links.get(k, ()))]
        if len(linked) == 1:
            found = self.kb.get(*linked[0])
            if found is not None:
                return linked[0][0], found
        described = self._described(frame, ranked, kinds)
        if described is None:
            return None
        item = self.index.entries[described.position]
        return item.kind, item.entry

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
        return ""

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
        holders = {position}
        for other_kind, ids in linked_ids(self.kb, entry).items():
            holders.update(
                p for i in ids if (p := self._position_of.get((other_kind, i))) is not None
            )
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

    def _company_speaker(self, entry: Entry) -> bool:
        kb = self.kb
        return bool(kb.speakers_of_company(entry.id)) or any(
            kb.speakers_of(s) for s in kb.sessions_of_company(entry.id)
        )

    def _titled_with_relation(self, frame: Frame, intent: Intent, hint: str) -> set[str]:
        """The relation words ("next", "after") that belong to a title the question says
        whole, rather than ask about the agenda's flow."""
        if not frame.has_topic:
            return set()
        words = set(frame.relation_words)
        ranked = self.ranker.rank(
            [*frame.kept, *frame.relation_words], set(frame.topic) | words, intent, hint
        )
        if not ranked or ranked[0].named < NAMED_THRESHOLD:
            return set()
        names = self.index.entries[ranked[0].position].names
        return {w for name in names if len(name) > 1 for w in words & name}

    def _unlinked_claim(self, ranked: list[Scored], kind: str, entry: Entry) -> IndexedEntry | None:
        """In a yes/no question about ``entry`` whose premise nothing checks, another entry
        it names whole that the knowledge does not link to it at all (no link, no shared
        session): the claim is about a relation nobody holds."""
        mine = linked_ids(self.kb, entry)
        my_sessions = mine.get("session", set()) | ({entry.id} if kind == "session" else set())
        for scored in ranked[:PRECISION_NAMED]:
            other = self.index.entries[scored.position]
            if scored.named < NAMED_THRESHOLD or other.entry is entry:
                continue
            if other.kind in ("faq", "event"):
                continue
            theirs = linked_ids(self.kb, other.entry)
            their_sessions = theirs.get("session", set()) | (
                {other.id} if other.kind == "session" else set()
            )
            linked = (
                other.id in mine.get(other.kind, set())
                or entry.id in theirs.get(kind, set())
                or bool(my_sessions & their_sessions)
            )
            if not linked:
                return other
        return None

    def _subject_of(self, frame: Frame, ranked: list[Scored]) -> IndexedEntry | None:
        """In a yes/no question naming two entries ("Draft, c'est un outil Docker ?"), the
        one named first is the subject; the other is the claim its premise check reads."""
        named = [s for s in ranked[:PRECISION_NAMED] if s.named >= NAMED_THRESHOLD]
        if len(named) < 2:
            return None

        def first_mention(scored: Scored) -> int:
            names = self.index.entries[scored.position].names
            spots = [i for i, w in enumerate(frame.words) if any(w in n for n in names)]
            return min(spots, default=len(frame.words))

        return self.index.entries[min(named, key=first_mention).position]

    def _other_year(self, frame: Frame, best: Scored | None) -> str:
        """``future``/``past`` when the question names a year of another edition
        ("Paris Container Day 2018?") that the best entry does not mention."""
        if not frame.years:
            return ""
        event = self.kb.event
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
        lists: elsewhere the word is too often an ordinary one ("LinuxKit demo?")."""
        if not frame.list_wanted:
            return ""
        subject = set(frame.subject)
        for name, other in pairwise(frame.words):
            if other not in subject or name not in subject or not name.isalpha():
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

    def _foreign_word(self, word: str, spelled: str = "") -> bool:
        """``word`` (folded; ``spelled`` as typed, accents kept: "évoqués") names nothing
        the knowledge holds and is no English or French word, nor a typo of filler."""
        return (
            len(word) >= FOREIGN_MIN_LETTERS
            and word.isalpha()
            and word not in CHATTER_WORDS
            and word not in self.reader.lex.filler
            and not self.index.lookup(word)
            and not is_ordinary_word(word)
            and not (spelled and spelled != word and is_ordinary_word(spelled))
            and not self.reader.near_filler(word)
        )

    def _confident(self, ranked: list[Scored]) -> bool:
        best = ranked[0]
        if best.score >= ANSWER_THRESHOLD:
            return True
        item = self.index.entries[best.position]
        links = linked_ids(self.kb, item.entry)
        # An entry linked to the best (a tool's session) agrees with it rather than competes.
        runner_up = next(
            (
                s.score
                for s in ranked[1:]
                if self.index.entries[s.position].id
                not in links.get(self.index.entries[s.position].kind, set())
            ),
            0.0,
        )
        return (
            best.named >= NAMED_THRESHOLD
            and best.score >= NAMED_ANSWER_THRESHOLD
            and best.score - runner_up >= LEAD_MARGIN
        )

    # -- event attributes and things nobody holds ---------------------------------------------

    def _attribute_frame(
        self, frame: Frame, intent: Intent, hint: str, lang: str, best: Scored | None
    ) -> Answer | Scored | None:
        """An event-attribute question: its answer, or the entry it is about after all.

        "When is it?" is the event's date; "when is the Vente Privée talk?" (the same
        phrasing, with a subject) is that session's time: the entry comes back for the
        caller to answer. "How many people work at WeScale?" asks an attribute of another
        entry: "I don't know that", WeScale offered. Returns None when the question, with
        a subject the knowledge does not know ("when is Devoxx?"), is left to the ranker.
        """
        if self._names_attribute(best, frame):
            return None
        if frame.attribute == "theme" and hint == "session":
            return None  # "le sujet de la session qui a ouvert la journée": that session's
        said = self.reader.lex.attribute_words.get(frame.attribute, frozenset())
        rest = [
            w
            for w in frame.topic
            if w not in frame.attribute_words
            and w not in said  # "c'était la combientième édition ?": "édition" says it too
            and w not in self._event_words
            and (self._anyone_holds((w,)) or self._foreign_word(w, frame.spelled.get(w, w)))
        ]
        entity = self._entity_besides(frame, intent, hint) if rest else None
        if entity is not None and frame.attribute == "organisers" and self._organises(entity):
            return self._attribute(frame, intent, lang)
        if entity is not None and self._named_with(frame, entity):
            # "Quelle édition de Docker est basée sur Moby ?": Docker's editions, not the
            # event's: the ranker decides among the entries named with that word.
            return None
        if entity is not None and frame.yes_no and frame.attribute not in _PLACE_AND_TIME:
            # "C'est bien Red Hat qui organisait ?": the event's fact, and the premise checked.
            return self._attribute(frame, intent, lang)
        if frame.attribute in _PLACE_AND_TIME:
            if entity is not None:
                return entity
            return None if rest else self._attribute(frame, intent, lang)
        if entity is None:
            return self._attribute(frame, intent, lang)
        item = self.index.entries[entity.position]
        return self._attribute_not_held(frame, intent, lang, (item.kind, item.entry))

    def _named_with(self, frame: Frame, scored: Scored) -> bool:
        """Whether some entry of the entity's kind family has the attribute's words in its
        name ("Docker Community Edition" for "edition"), so the word is the entity's."""
        words = {w for w in frame.attribute_words if w not in STOP_WORDS_FOLDED}
        item = self.index.entries[scored.position]
        linked = linked_ids(self.kb, item.entry)
        for number in self._holding(words):
            other = self.index.entries[number]
            if other.kind in ("faq", "event"):
                continue
            related = (
                other is item
                or other.id in linked.get(other.kind, set())
                or (other.kind == item.kind and item.id in _id_words_of(other.id))
            )
            if related and any(words <= name for name in other.names):
                return True
        return False

    def _names_attribute(self, best: Scored | None, frame: Frame) -> bool:
        """Whether the attribute's words are part of the best entry's name ("Community
        Edition" is Docker's edition, not the event's)."""
        if best is None or best.named < NAMED_THRESHOLD:
            return False
        item = self.index.entries[best.position]
        if item.kind in ("faq", "event"):
            return False
        words = set(frame.attribute_words)
        return any(words <= name for name in item.names)

    def _entity_besides(self, frame: Frame, intent: Intent, hint: str) -> Scored | None:
        """An entry (not the event) the question names besides the attribute's words."""
        rest = [w for w in frame.kept if w not in frame.attribute_words]
        wanted = {w for w in frame.topic if w not in frame.attribute_words}
        if not wanted or not self.ranker.topical(list(wanted)):
            return None
        ranked = self.ranker.rank(rest, wanted, intent, hint)
        if not ranked or ranked[0].score < ENTITY_FLOOR:
            return None
        item = self.index.entries[ranked[0].position]
        if item.kind in ("event", "faq"):
            return None
        if ranked[0].named >= NAMED_THRESHOLD or self._confident(ranked):
            return ranked[0]
        return None

    def _attribute_not_held(
        self, frame: Frame, intent: Intent, lang: str, related: tuple[str, Entry]
    ) -> Answer:
        """ "I don't know <the attribute>", ``related`` offered."""
        return self._refuse(
            frame.text,
            intent,
            lang,
            [],
            f"not held: {frame.attribute}",
            missing=frame.attribute,
            related=(related,),
        )

    def _attribute(self, frame: Frame, intent: Intent, lang: str) -> Answer:
        found = attribute_answer(self.kb, frame.attribute)
        if found is None:
            return self._attribute_not_held(frame, intent, lang, ("event", self.kb.event))
        kind, entry = found
        answer = self._answer(frame.text, intent, lang, kind, entry, 0.9, [])
        answer = replace(answer, fact=frame.attribute)
        if frame.yes_no:
            verdicts = {self._premise(frame, entry), self._premise(frame, self.kb.event)}
            if frame.attribute in ("city", "venue"):
                verdicts.add(self._place_claim(frame))
            premise = "wrong" if "wrong" in verdicts else "right" if "right" in verdicts else ""
            answer = replace(answer, premise=premise)
        return answer

    def _place_claim(self, frame: Frame) -> str:
        """ "Ça se passait à Lyon ?": ``right`` when the question names the event's city,
        ``wrong`` when it names a place nobody holds instead, ``""`` when it names none."""
        city = tokens(self.kb.event.city)
        words = set(frame.words)
        if city and set(city) <= words:
            return "right"
        claimed = [
            w
            for w in frame.subject
            if w.isalpha() and all(sim < TOPIC_SIMILARITY for _, sim in self.index.lookup(w))
        ]
        return "wrong" if claimed else ""

    def _organises(self, scored: Scored) -> bool:
        """Whether the entry is one of the event's organisers ("apart from Xebia, who
        organises?" asks the event's organisers)."""
        item = self.index.entries[scored.position]
        return item.kind == "company" and item.id in self.kb.event.organisers

    @staticmethod
    def _entry_holds(entry: Entry, words: tuple[str, ...]) -> bool:
        """Whether an entry's text says these words ("last year" in the attendance answer)."""
        phrase = " ".join(words)
        return any(phrase in " ".join(tokens(text)) for text in entry_texts(entry))

    def _entry_at(self, scored: Scored) -> Entry:
        return self.index.entries[scored.position].entry

    def _holds_number(self, best: Scored | None) -> bool:
        """Whether the best entry says any number ("how many pitfalls?": seven)."""
        if best is None:
            return False
        entry = self.index.entries[best.position].entry
        return any(ch.isdigit() for text in entry_texts(entry) for ch in text)

    def _holds(self, best: Scored | None, words: tuple[str, ...]) -> bool:
        """Whether the best entry holds these words strongly (a talk *about* video)."""
        if best is None:
            return self._anyone_holds(words)
        weights = self.index.entries[best.position].weights
        return all(weights.get(w, 0.0) >= STRONG_FIELD for w in words)

    def _anyone_holds(self, words: tuple[str, ...]) -> bool:
        postings = self.index.postings
        return any(max(postings.get(w, {}).values(), default=0.0) >= STRONG_FIELD for w in words)

    # -- the agenda ---------------------------------------------------------------------------

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
            return self._listing(frame, intent, lang, "slot", found)
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
            alternatives=rest if mode == "topic" else (),
            sessions=tuple(sessions),
            agenda=f"{mode}:{status}",
            at=at,
            scope=_scope(frame),
            rooms=frame.rooms,
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

    # -- links between entries ----------------------------------------------------------------

    def _steer(
        self,
        intent: Intent,
        hint: str,
        making: bool,
        kind: str,
        entry: Entry,
        speaking: bool = False,
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
                if len(speakers) == 1:
                    return "speaker", speakers[0]
                if not speakers and speaking:
                    # "Who presented the Deis tools?": the one talk about them, its speaker.
                    sessions = kb.sessions_of_company(entry.id)
            if len(sessions) == 1:
                speakers = kb.speakers_of(sessions[0])
                if len(speakers) == 1:
                    return "speaker", speakers[0]
                return "session", sessions[0]
        # "What is Ori Pekelman talking about?": a speaker's talk, when the verb says speaking.
        talk_of_speaker = speaking and kind == "speaker" and intent in (Intent.WHAT, Intent.ANY)
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

    def _holding(self, words: set[str], every: bool = True) -> list[int]:
        """Index positions of the entries holding all (or any) of ``words``."""
        postings = self.index.postings
        sets = [set(postings.get(w, ())) for w in words]
        if not sets:
            return []
        found = set.intersection(*sets) if every else set.union(*sets)
        return sorted(found)

    def _premise(self, frame: Frame, entry: Entry) -> str:
        mentioned = []
        words = set(frame.words)
        for number in self._holding(words, every=False):
            item = self.index.entries[number]
            if item.entry is entry or item.kind not in ("speaker", "company"):
                continue
            if any(len(name) and name <= words for name in item.names if _distinctive(name)):
                mentioned.append((item.kind, item.entry))
        # Numbers outside the times it names: "le 13 juin" claims a date, not a headcount.
        said = mask_spans(sms_french(fold(frame.text)), frame.times.spans)
        numbers = [int(n) for n in _NUMBER.findall(said)]
        return check_premise(self.kb, entry, mentioned, frame.times, numbers)

    def _evidence(self, frame: Frame, kind: str, entry: Entry) -> tuple[str, ...]:
        """Which question words matched which field of the answer ("linuxkit: name")."""
        position = self._position_of.get((kind, entry.id))
        if position is None:
            return ()
        item = self.index.entries[position]
        out = []
        for word in dict.fromkeys(frame.topic):
            weight = max(
                (item.weights.get(token, 0.0) * sim for token, sim in self.index.lookup(word)),
                default=0.0,
            )
            if weight > 0:
                out.append(f"{word}: {_field_name(weight)}")
        return tuple(out)

    # -- results ------------------------------------------------------------------------------

    def _alternatives(
        self,
        ranked: list[Scored],
        exclude: tuple[str, str] | None,
        threshold: float = ALTERNATIVE_THRESHOLD,
        language: str | None = None,
    ) -> list[tuple[Alternative, Entry]]:
        out: list[tuple[Alternative, Entry]] = []
        seen = {exclude} if exclude else set()
        for scored in ranked:
            if scored.score < threshold or len(out) >= MAX_ALTERNATIVES:
                break
            item = self.index.entries[scored.position]
            if (item.kind, item.id) in seen:
                continue
            seen.add((item.kind, item.id))
            alt = Alternative(
                item.kind, item.id, title_of(item.entry, language), round(scored.score * 100, 1)
            )
            out.append((alt, item.entry))
        return out

    def _answer(
        self,
        question: str,
        intent: Intent,
        language: str,
        kind: str,
        entry: Entry,
        score: float,
        rest: list[Scored],
    ) -> Answer:
        alternatives = self._alternatives(rest, (kind, entry.id), language=language)
        return Answer(
            answered=True,
            kind=kind,
            id=entry.id,
            title=title_of(entry, language),
            score=round(min(score, 1.0) * 100, 1),
            intent=intent,
            language=language,
            question=question,
            entry=entry,
            alternatives=tuple(a for a, _ in alternatives),
            alternative_entries=tuple(e for _, e in alternatives),
        )

    def _refuse(
        self,
        question: str,
        intent: Intent,
        language: str,
        ranked: list[Scored],
        reason: str,
        missing: str = "",
        related: tuple[tuple[str, Entry], ...] = (),
    ) -> Answer:
        alternatives = self._alternatives(
            ranked, None, REFUSAL_ALTERNATIVE_THRESHOLD, language=language
        )
        pairs = [
            (Alternative(kind, entry.id, title_of(entry, language), 0.0), entry)
            for kind, entry in related
        ] + alternatives
        return Answer(
            answered=False,
            kind=None,
            id=None,
            title="",
            score=round(ranked[0].score * 100, 1) if ranked else 0.0,
            intent=intent,
            language=language,
            question=question,
            alternatives=tuple(a for a, _ in pairs[:MAX_ALTERNATIVES]),
            alternative_entries=tuple(e for _, e in pairs[:MAX_ALTERNATIVES]),
            reason=reason,
            missing=missing,
        )


def _id_words_of(entry_id: str) -> str:
    return entry_id.replace("-", " ")


def _distinctive(name: frozenset[str]) -> bool:
    return sum(len(w) for w in name) >= 4


def _field_name(weight: float) -> str:
    if weight >= NAME:
        return "name"
    if weight >= KEYWORD:
        return "keyword"
    if weight >= RELATED:
        return "link"
    return "text"


def _scope(frame: Frame) -> str:
    """What a list answer was asked for, in the question's own words (for its heading)."""
    return frame.text.strip()[:100]


__all__ = ["Alternative", "Answer", "Answerer"]
