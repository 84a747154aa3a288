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

This module reads a question and decides; the layers it is built from each do one job
(:mod:`bot.answer.engine_base`): :mod:`~bot.answer.compose`, :mod:`~bot.answer.checks`,
:mod:`~bot.answer.links`, :mod:`~bot.answer.attribute_answers`,
:mod:`~bot.answer.agenda_answers` and :mod:`~bot.answer.parts`. The tuned constants, with
what each trades off, are in :mod:`~bot.answer.thresholds`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from bot.answer.answer import Alternative, Answer
from bot.answer.chatter import CHATTER_WORDS, is_chatter
from bot.answer.facts import (
    PREMISE_WRONG,
)
from bot.answer.intent import Intent
from bot.answer.normalise import (
    detect_language,
    fold,
    is_generic,
    kind_hint,
    mentions_making,
)
from bot.answer.parts import PartsMixin
from bot.answer.rank import NAMED_THRESHOLD, Scored
from bot.answer.thresholds import (
    _PLACE_AND_TIME,
    HEAD_SHARE,
    MAX_QUESTION_CHARS,
    PRECISION_NAMED,
    YES_NO_NAMED_FLOOR,
)
from bot.answer.understand import Frame
from bot.kb.model import Entry

_WHEN_WORDS = frozenset(("when", "whens", "quand"))
# "Who is X?", "X c'est qui ?": X itself is asked, not the person who spoke for it.
_IDENTITY = re.compile(r"\b(?:c est qui|qui est|qui sont|who is|who are|who s|whos)\b")


class Answerer(PartsMixin):
    """Answers questions about one knowledge base. Build once per knowledge base."""

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
        if len(answers) > 1:
            return replace(answers[0], question=text, parts=tuple(answers))
        if answers[0].question != text:
            return replace(answers[0], question=text)
        return answers[0]

    def suggest(
        self, text: str, kinds: tuple[str, ...], limit: int = 25
    ) -> list[tuple[str, Entry]]:
        """Entries of ``kinds`` whose names best fit the partly typed ``text`` (autocomplete)."""
        query = fold(text or "").strip()[:100]
        chosen = self._suggest_positions(query, tuple(kinds), limit)
        return [(self.index.entries[p].kind, self.index.entries[p].entry) for p in chosen]

    def _answer_frame(self, frame: Frame, lang: str, now: datetime | None) -> Answer:
        text, intent = frame.text, frame.intent
        if not frame.relation and is_chatter(  # "et ensite ?" is a mistyped "what next"
            text, known=lambda word: bool(self.index.lookup(word)), asked=frame.marked
        ):
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
            ranked = self._without_ruled_out(frame, ranked)
        best = ranked[0] if ranked else None
        strong = best is not None and self._confident(ranked, frame)
        if titled_at is not None and (best is None or best.named < NAMED_THRESHOLD):
            ranked = [Scored(titled_at, 1.0, 1.0), *(s for s in ranked if s.position != titled_at)]
            best, strong = ranked[0], True
            wanted = wanted or {"title"}

        held_back = self._held_back(frame, intent, hint, best, ranked, strong)
        if held_back is not None:
            reason, missing = held_back
            return self._refuse(text, intent, lang, ranked, reason, missing=missing)
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
                or self._claimed_dates(frame)[0]  # "c'était en juillet ?": a month
            )
            and not frame.rooms
            and not set(frame.subject) - self._day_words  # "un mardi ou un mercredi ?"
        ):
            frame.attribute = frame.attribute or "date"
        if frame.attribute and frame.relation not in ("first", "last", "now", "next", "after"):
            settled = self._attribute_frame(frame, intent, hint, lang, best)
            if isinstance(settled, Answer):
                return settled
            if settled is not None:
                if frame.attribute in _PLACE_AND_TIME:
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
        if (
            frame.relation == "next"
            and frame.subject
            and set(frame.subject) <= self._event_words
            and _WHEN_WORDS.intersection(frame.words)
        ):
            # "When is the next Paris Container Day?": another edition, not the next talk
            # ("what's next at FOSDEM?" is the next talk).
            return self._refuse(
                text,
                intent,
                lang,
                ranked,
                "not held: future",
                missing="future",
                related=(("event", self.kb.event),),
            )
        # "aws outage status now": a subject the knowledge knows words of but cannot place
        # is no question about the agenda; what is on now is not its answer ("hey bot,
        # what's next?" has no such subject).
        unplaced = (
            frame.relation in ("now", "next")
            and not strong
            and not (frame.rooms or frame.times.any)
            and any(
                w not in CHATTER_WORDS
                and self.reader.corrected(w) == w  # "anything GOOING on": a cue mistyped
                and self.index.lookup(w)
                for w in frame.subject
            )
        )
        if (frame.relation or frame.constrained) and not unplaced:
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
        if (
            frame.counting
            and not frame.attribute
            and (not self._holds_number(best, frame.words) or (frame.counted and not frame.topic))
        ):
            # "how many talks were there?": no card counts the programme (a card that says
            # "three security talks" answers "how many talks on security?").
            return self._refuse(text, intent, lang, ranked, "not held: numbers", missing="numbers")
        if self._names_unlisted(best, frame.items_of):
            # "c'est quoi les 7 pièges ?": the card has the title, not the seven.
            return self._refuse(text, intent, lang, ranked, "not held: items", missing="items")
        if frame.list_wanted and self._unknown_topic(frame):
            # "Any talk on Terraform?": the knowledge has nothing by that name.
            return self._refuse(text, intent, lang, ranked, "unknown topic")
        if frame.list_wanted and hint in ("", "session") and intent is not Intent.WHO:
            # "quels étaient les talks ?": no topic, the whole programme.
            programme = self._programme(frame, intent, lang)
            if programme is not None:
                return programme
        if frame.list_wanted and intent not in (Intent.WHO, Intent.WHEN) and hint != "company":
            # ("which company was behind the CD sessions?" asks the company, not a list)
            best_kind = self.index.entries[best.position].kind if best else ""
            beyond_event = best_kind == "event" and not set(frame.subject) <= self._event_words
            if not (strong and best_kind in ("faq", "event")) or beyond_event:
                # ("i'm into FOSDEM Junior": a track the event's name begins)
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
        if best is not None and not strong and not frame.yes_no:
            by_name = self._asked_by_name(frame, ranked)
            if by_name is not None:
                best, strong = by_name, True  # "what exactly is 'Draft', yet another ...?"
        if (best is None or not strong) and frame.described:
            described = (
                self._described(frame, ranked)
                or self._linked_of_kind(frame, ranked)
                or self._leading_of_kind(frame, ranked)
            )
            if described is not None:
                best, strong = described, True
        if best is None or not strong:
            return self._refuse(text, intent, lang, ranked, "below the confidence threshold")
        if intent in (Intent.WHAT, Intent.ANY) and not (frame.yes_no or frame.list_wanted):
            named_head = self._named_head(frame, ranked)
            if named_head is not None and named_head.score >= HEAD_SHARE * best.score:
                best = named_head  # "le draf de Microsoft": Draft, of Microsoft
                if not self._kind_word_before_of(frame):
                    hint = ""  # "that steward thing from the deis TALK": Steward itself
        item = self.index.entries[best.position]
        if frame.yes_no:
            subject = self._dated_subject(frame, ranked) or self._subject_of(frame, ranked)
            if subject is not None:
                # "Moby, c'est l'édition ENTREPRISE de Docker ?": the claim's subject is
                # checked, not the company its words name ("le TALK de Cormack, c'était sur
                # Kubernetes ?" still checks the talk)
                item, hint = subject, "" if hint == "company" else hint
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
        identity = (
            intent is Intent.WHO
            and not (frame.speaking or frame.person_wanted or hint == "speaker")
            and bool(_IDENTITY.search(" ".join(frame.words)))
        )
        kind, entry = self._steer(
            intent, hint, making, item.kind, item.entry, speaking=frame.speaking, identity=identity
        )
        talks = self._talks_of(frame, intent, lang, kind, entry)
        if talks is not None:
            return talks
        head = frame.described[0] if frame.described else ""
        unfound = False
        if frame.described and kind != head and not frame.yes_no:
            # "the orchestrator that came out of Google": a tool is described, not Google
            # (unless the question asks the answer's kind: "le gars de X, quel TALK ?").
            # Of two kinds described, the first is the head: "la BOÎTE du speaker de X".
            asked = {m.label for m in self.reader.lex.kind_nouns.find([frame.asked])}
            headed = not asked and kind in frame.described
            if headed:
                asked = {head}
            other = (
                self._of_described_kind(frame, ranked, kind, entry, asked)
                if asked or kind != hint
                else None
            )
            person = None if other else self._person_of_named_company(frame)
            if person is not None:
                # "the Google engineer's talk": the one person of the company named whole
                other = self._steer(intent, hint, making, *person, speaking=frame.speaking)
            if other is not None and headed:
                kind, entry = other
            elif other is not None:
                kind, entry = self._steer(intent, "", making, *other, speaking=frame.speaking)
            elif asked or kind != hint:
                unfound = self._one_described_unfound(frame, ranked, kind)
        elif (
            frame.described
            and not frame.yes_no
            and self._anchor_in_relative(frame, self.index.entries[best.position])
        ):
            # "l'orchestrateur de Google qui tourne sous ACS": ACS anchors; Kubernetes fits.
            fits = self._named_in_head(frame, ranked) or self._described(
                frame, ranked, set(frame.described)
            )
            if fits is not None:
                found = self.index.entries[fits.position]
                kind, entry = found.kind, found.entry
        said = (
            self._said_by(frame, ranked, kind, entry)
            if frame.saying
            and not frame.yes_no
            and intent in (Intent.WHAT, Intent.WHY, Intent.ANY)
            and "session" not in (hint, *frame.described)  # "the TALK saying the kernel..."
            else None
        )
        if said is not None:
            kind, entry = said  # "what did Jessie Frazelle say about Paris?": her quote
        missing = self._missing_link(frame, intent, hint, making, kind, entry)
        if unfound and not missing:
            # "c'est quoi l'OUTIL dont Jessie a parlé ?" with no one tool to say: Jessie
            # is what the question names, not what it asks for.
            return self._refuse(text, intent, lang, ranked, "described kind not found")
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
        if (
            frame.yes_no
            and premise != PREMISE_WRONG
            and kind not in ("faq", "event")
            and not (premise and any(self._claimed_dates(frame)))
        ):
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
        evidence = self._evidence(frame, kind, entry)
        return self._answer(
            text,
            intent,
            lang,
            kind,
            entry,
            best.score,
            ranked[1:],
            premise=premise,
            evidence=evidence,
        )


__all__ = ["Alternative", "Answer", "Answerer"]
