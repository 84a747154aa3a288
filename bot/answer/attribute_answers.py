"""Event attributes, and checked yes/no premises."""

from __future__ import annotations

from bot.answer.answer import Answer
from bot.answer.dated_claims import dated_verdict, names_itself
from bot.answer.facts import (
    PREMISE_RIGHT,
    PREMISE_WRONG,
    attribute_answer,
    check_premise,
    day_of,
    field_holds,
    role_holds,
    says,
)
from bot.answer.index import IndexedEntry
from bot.answer.intent import Intent
from bot.answer.lexicon import OTHER_EDITIONS
from bot.answer.links import LinksMixin
from bot.answer.normalise import (
    STOP_WORDS_FOLDED,
    fold,
    mentions_making,
    tokens,
)
from bot.answer.phone_french import sms_french
from bot.answer.rank import NAMED_THRESHOLD, Scored
from bot.answer.restrictions import AMONG_WORDS
from bot.answer.thresholds import (
    _NUMBER,
    _PLACE_AND_TIME,
    AMONG_LEAD,
    ENTITY_FLOOR,
    HEAD_NAMED,
    PRECISION_NAMED,
    TOPIC_SIMILARITY,
)
from bot.answer.timeexpr import mask_spans
from bot.answer.understand import Frame
from bot.kb.model import Entry, kind_of

_DATED_KINDS = frozenset(("speaker", "company", "tool"))
_ROLE_CATEGORIES = frozenset(("roles", "job"))  # lexicon not_held categories
_NAME_WORDS = frozenset(tokens("name names nom noms appelle appelait called"))


class AttributesMixin(LinksMixin):
    """Event attributes (date, city, organisers, attendance...) and the premises of yes/no
    questions, checked against the links."""

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
        if frame.among and frame.attribute == "organisers":
            chosen = self._one_organiser(frame, intent, hint)
            if chosen is not None:
                return chosen
        if frame.attribute == "theme" and hint == "session":
            return None  # "le sujet de la session qui a ouvert la journée": that session's
        said = self.reader.lex.attribute_words.get(frame.attribute, frozenset())
        rest = [
            w
            for w in frame.topic
            if w not in frame.attribute_words
            and w not in said  # "c'était la combientième édition ?": "édition" says it too
            and w not in self._event_words
            # "c'est quand, htmx ?": a name, though "html" is spelt close to it
            and (
                self._anyone_holds((w,))
                or self._foreign_word(w, frame.spelled.get(w, w), spellings=False)
            )
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
        if frame.attribute == "organisers" and item.kind == "session":
            return entity  # "who is behind the talk 'Wayland's input-method is broken'?"
        return self._attribute_not_held(frame, intent, lang, (item.kind, item.entry))

    def _one_organiser(self, frame: Frame, intent: Intent, hint: str) -> Scored | None:
        """Of the event's organisers, the one the rest of the question fits ("parmi les
        deux organisateurs, lequel a fait les sessions sur le monitoring ?": Xebia's talk):
        the best ranked entry that is one organiser or linked to one, no other organiser's
        close behind; else, when a talk is asked, the one organiser that gave talks."""
        organisers = set(self.kb.event.organisers)
        rest = [w for w in frame.kept if w not in frame.attribute_words]
        wanted = {w for w in frame.topic if w not in frame.attribute_words} - AMONG_WORDS
        ranked = (
            self.ranker.rank(rest, wanted, intent, hint)
            if wanted and self.ranker.topical(list(wanted))
            else []
        )
        best: dict[str, Scored] = {}
        for scored in ranked[:PRECISION_NAMED]:
            item = self.index.entries[scored.position]
            if item.kind in ("event", "faq"):
                continue  # the event links every organiser
            links = self._links(item.entry)
            whose = {item.id} if item.kind == "company" else links.get("company", set())
            for company in whose & organisers:
                best.setdefault(company, scored)
        if best:
            order = sorted(best.values(), key=lambda s: -s.score)
            if len(order) == 1 or order[1].score < AMONG_LEAD * order[0].score:
                return order[0]
            return None
        if not (frame.speaking or hint == "session"):
            return None
        giving = [c for c in self.kb.event.organisers if self.kb.sessions_of_company(c)]
        talks = self.kb.sessions_of_company(giving[0]) if len(giving) == 1 else ()
        if len(talks) != 1:
            return None
        return Scored(self._position_of[("session", talks[0].id)], 1.0, 0.0)

    def _named_with(self, frame: Frame, scored: Scored) -> bool:
        """Whether some entry of the entity's kind family has the attribute's words in its
        name ("Docker Community Edition" for "edition"), so the word is the entity's."""
        words = {w for w in frame.attribute_words if w not in STOP_WORDS_FOLDED}
        item = self.index.entries[scored.position]
        linked = self._links(item.entry)
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
        Edition" is Docker's edition, not the event's), or of a longer name the question
        says whole ("le projet sur lequel repose l'ÉDITION COMMUNAUTAIRE de Docker")."""
        words = set(frame.attribute_words)
        if best is not None and best.named >= NAMED_THRESHOLD:
            item = self.index.entries[best.position]
            if item.kind not in ("faq", "event") and any(words <= name for name in item.names):
                return True
        said = set(frame.words)
        owner = self._owner_after(frame)
        return any(
            (words < name <= said and name - words - STOP_WORDS_FOLDED)
            or (owner and words | {owner} <= name)
            for number in self._holding(words)
            if self.index.entries[number].kind not in ("faq", "event")
            for name in self.index.entries[number].names
        )

    def _owner_after(self, frame: Frame) -> str:
        """The word after "de/of" that follows the attribute's words ("l'édition DE DOCKER
        axée sur macOS"), unless it names the event ("l'édition de la journée"); else
        ``""``. With the attribute's words it may make an entry's name."""
        size = len(frame.attribute_words)
        words = frame.words
        at = next(
            (i for i in range(len(words)) if tuple(words[i : i + size]) == frame.attribute_words),
            None,
        )
        if at is None or words[at + size : at + size + 1] not in (["de"], ["of"], ["d"]):
            return ""
        owner = words[at + size + 1] if at + size + 1 < len(words) else ""
        return "" if owner in self._event_words or owner in STOP_WORDS_FOLDED else owner

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
        premise = ""
        if frame.yes_no:
            verdicts = {self._premise(frame, entry), self._premise(frame, self.kb.event)}
            if frame.attribute in ("city", "venue"):
                verdicts.add(self._place_claim(frame))
            premise = "wrong" if "wrong" in verdicts else "right" if "right" in verdicts else ""
        return self._answer(
            frame.text, intent, lang, kind, entry, 0.9, [], premise=premise, fact=frame.attribute
        )

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

    def _premise(self, frame: Frame, entry: Entry) -> str:
        lex, folded = self.reader.lex, sms_french(fold(frame.text))
        written = tokens(folded)
        if any(len({m.label for m in f.find(written)}) > 1 for f in (lex.days, lex.months)):
            return ""  # "un mardi ou un mercredi ?" asks which: the fact answers, no yes or no
        mentioned = []
        words = set(frame.words)
        for number in self._holding(words, every=False):
            item = self.index.entries[number]
            if item.entry is entry or item.kind not in ("speaker", "company", "tool"):
                continue
            if any(len(name) and name <= words for name in item.names if _distinctive(name)):
                mentioned.append((item.kind, item.entry))
        # Numbers outside the times it names: "le 13 juin" claims a date, not a headcount.
        said = mask_spans(folded, frame.times.spans)
        numbers = [int(n) for n in _NUMBER.findall(said)]
        premise = check_premise(
            self.kb,
            entry,
            mentioned,
            frame.times,
            numbers,
            edition=frame.edition_number,
            making=mentions_making(frame.words),
        )
        others = [
            self.index.entries[self._position_of[(kind, other.id)]].names
            for kind, other in mentioned
        ]
        months, years = self._claimed_dates(frame)
        day = day_of(self.kb, entry) if kind_of(entry) in ("event", "faq") else None
        if day is not None and (months or years) and premise != PREMISE_WRONG:
            # "It took place in September, right?": the event's month said, checked
            right = (not months or day.month in months) and (not years or day.year in years)
            return PREMISE_RIGHT if right else PREMISE_WRONG
        dated = self._dated_claim(frame, entry, others)
        if dated is None or premise == PREMISE_WRONG:
            return premise
        return PREMISE_RIGHT if dated else PREMISE_WRONG

    def _claimed_dates(self, frame: Frame) -> tuple[set[int], set[int]]:
        """The months and years a claim names outside a full date ("in March", "en 2015")."""
        if frame.times.date is not None:
            return set(), set()
        months = {int(m.label) for m in self.reader.lex.months.find(frame.words)}
        return months, set(frame.years)

    def _dated_claim(
        self, frame: Frame, entry: Entry, others: list[list[frozenset[str]]]
    ) -> bool | None:
        """A claimed month or year checked against the card of a person, company or tool
        (sessions and the event are dated by their times)."""
        position = self._position_of.get((kind_of(entry), entry.id))
        if position is None or kind_of(entry) not in _DATED_KINDS:
            return None
        months, years = self._claimed_dates(frame)
        return dated_verdict(self._dated(position), months, years, others)

    def _dated_subject(self, frame: Frame, ranked: list[Scored]) -> IndexedEntry | None:
        """In a dated claim naming several entries, the one whose card dates it: "Microsoft
        bought Deis in March?" is checked on Deis, "bought by Microsoft in April 2017"."""
        if not frame.yes_no or not any(self._claimed_dates(frame)):
            return None
        dated = [
            s.position
            for s in ranked[:PRECISION_NAMED]
            if s.named >= NAMED_THRESHOLD
            and self.index.entries[s.position].kind in _DATED_KINDS
            and self._dated(s.position)
        ]
        own = [
            p for p in dated if not names_itself(self._dated(p), self.index.entries[p].name_words)
        ]
        chosen = (own or dated)[:1]
        return self.index.entries[chosen[0]] if chosen else None

    def _held_back(
        self,
        frame: Frame,
        intent: Intent,
        hint: str,
        best: Scored | None,
        ranked: list[Scored],
        strong: bool,
    ) -> tuple[str, str] | None:
        """``(reason, missing)`` when the question asks what no card holds (a category of
        the lexicon's ``not_held``, or logistics) and the best entry does not hold it
        either; None when the question may be answered."""
        # "les speakers de la première édition", "elle avait lieu où, la première ?": a card
        # may name the other edition, but no card holds who spoke, what was on or where.
        other_programme = frame.not_held in OTHER_EDITIONS and (
            intent in (Intent.WHO, Intent.WHERE)
            or frame.person_wanted
            or frame.speaking
            or frame.list_wanted
        )
        # "c'est qui le patron de Docker ?": only a person's role says who holds one.
        who_in_role = frame.not_held == "roles" and (
            intent is Intent.WHO or frame.person_wanted or bool(_NAME_WORDS & set(frame.words))
        )
        # "Jason Hansen is Docker's CTO, isn't he?": his company already says no.
        # (A role only: "did Frazelle use to work at Docker?" asks a past the links do not
        # hold, whatever her company now.)
        refuted = (
            frame.yes_no
            and frame.not_held in _ROLE_CATEGORIES
            and best is not None
            and self._premise(frame, self._entry_at(best)) == PREMISE_WRONG
        )
        # "Platform.sh : quel a été son rôle dans la journée ?": a company holds no job; its
        # part in the day is its card.
        company_role = (
            frame.not_held == "job"
            and "role" in frame.not_held_words  # a job TITLE is a person's, at any company
            and best is not None
            and self.index.entries[best.position].kind == "company"
            and not any(  # "Ori Pekelman's role at Platform.sh" is his
                s.named >= NAMED_THRESHOLD and self.index.entries[s.position].kind == "speaker"
                for s in ranked[:PRECISION_NAMED]
            )
        )
        if (
            frame.not_held
            and not refuted
            and not company_role
            and (
                other_programme
                or not (
                    (not who_in_role and self._holds(best, frame.not_held_words))
                    or (best and field_holds(self.kb, frame.not_held, self._entry_at(best)))
                    or (best and role_holds(self.kb, self._entry_at(best), frame.not_held_words))
                )
            )
        ):
            attribute = attribute_answer(self.kb, frame.attribute) if frame.attribute else None
            if other_programme or attribute is None or not says(attribute[1], frame.not_held_words):
                return f"not held: {frame.not_held}", frame.not_held
        talk_wanted = frame.list_wanted or hint == "session" or intent in (Intent.WHEN, Intent.WHO)
        # "Is there wifi?" is refused unless an FAQ answers it, or a talk about it is wanted.
        answers_it = best is not None and (
            talk_wanted
            or best.named >= NAMED_THRESHOLD  # the word is in a title said whole ("über")
            or self.index.entries[best.position].kind in ("faq", "event")
            # "after ngspice circuit simulator - STAND-alone": a title word in a title said
            # for the most part ("is there a stand for ngspice?" still asks a stand)
            or (
                strong
                and best.named >= HEAD_NAMED
                and set(frame.logistics) <= self.index.entries[best.position].name_words
            )
        )
        if (
            frame.logistics
            and not (answers_it and self._holds(best, frame.logistics))
            and not self._qualifies_kind(frame, frame.logistics)
        ):
            return "logistics", "logistics"
        return None

    def _qualifies_kind(self, frame: Frame, words: tuple[str, ...]) -> bool:
        """Whether ``words`` qualify the noun of a kind the question describes ("la BOÎTE
        DE COVOITURAGE qui a fait un REX", "the CARPOOLING COMPANY") and an entry of that
        kind holds them: a description, not a question about getting there."""
        said = frame.words
        for noun in self.reader.lex.kind_nouns.find(said):
            after = (
                said[noun.end + 1 : noun.end + 2]
                if said[noun.end : noun.end + 1] in (["de"], ["d"], ["of"])
                else []
            )
            around = {*after, *said[max(noun.start - 1, 0) : noun.start]}
            if set(words) <= around and any(
                self.index.entries[n].kind == noun.label for n in self._holding(set(words))
            ):
                return True
        return False


def _id_words_of(entry_id: str) -> str:
    return entry_id.replace("-", " ")


def _distinctive(name: frozenset[str]) -> bool:
    return sum(len(w) for w in name) >= 4
