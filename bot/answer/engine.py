"""The answering engine: one question in, one structured :class:`Answer` out.

Every front end (console, ``ask``, ``/ask``, free-text messages, autocomplete) calls this,
so they all agree. The steps:

1. fold the question and read its intent ("who", "when", "where", "what", "now", "next");
2. look every content word up in the index (exact, then typo-tolerant);
3. score each candidate entry by how much of the question it covers, weighted by how rare
   each word is, and by how much of the entry's own name the question names;
4. steer by intent (a "who" question about a session answers with its speaker);
5. abstain below a calibrated confidence, offering the closest entries instead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.agenda.timeline import event_status, next_sessions, sessions_at, system_clock
from bot.answer.index import SearchIndex
from bot.answer.intent import Intent, detect_intent
from bot.answer.normalise import (
    content_tokens,
    detect_language,
    fold,
    is_generic,
    kind_hint,
    mentions_making,
    tokens,
)
from bot.kb.model import Entry, KnowledgeBase, Session, title_of

MAX_QUESTION_CHARS = 1000
ANSWER_THRESHOLD = 0.45
ALTERNATIVE_THRESHOLD = 0.30
REFUSAL_ALTERNATIVE_THRESHOLD = 0.10
MAX_ALTERNATIVES = 3
PRECISION_POOL = 40
NUMBER_WEIGHT = 0.3
GENERIC_WEIGHT = 0.3
KIND_HINT_BOOST = 1.12
NAMED_UNKNOWN_FACTOR = 0.5
PAIR_MEMBER_SIMILARITY = 0.9
NAMED_THRESHOLD = 0.85
SUGGEST_PREFIX_TOKENS = 400
SUGGEST_CACHE_SIZE = 2048

_KIND_PRIOR: dict[Intent, dict[str, float]] = {
    Intent.WHAT: {
        "tool": 1.0,
        "faq": 1.0,
        "company": 0.97,
        "event": 0.97,
        "session": 0.95,
        "speaker": 0.93,
    },
    Intent.WHO: {
        "speaker": 1.0,
        "company": 0.97,
        "session": 0.96,
        "faq": 0.96,
        "event": 0.94,
        "tool": 0.92,
    },
    Intent.WHEN: {
        "session": 1.0,
        "event": 0.98,
        "faq": 0.97,
        "speaker": 0.95,
        "tool": 0.93,
        "company": 0.92,
    },
    Intent.WHY: {
        "faq": 1.0,
        "session": 0.93,
        "tool": 0.92,
        "event": 0.92,
        "company": 0.9,
        "speaker": 0.9,
    },
    Intent.WHERE: {
        "session": 1.0,
        "event": 0.98,
        "faq": 0.97,
        "speaker": 0.95,
        "tool": 0.93,
        "company": 0.92,
    },
}
_DEFAULT_PRIOR = {
    "session": 1.0,
    "tool": 0.99,
    "speaker": 0.99,
    "faq": 0.99,
    "company": 0.97,
    "event": 0.97,
}


@dataclass(frozen=True)
class Alternative:
    kind: str
    id: str
    title: str
    score: float


@dataclass(frozen=True)
class Answer:
    """What the engine found. Renderers turn it into words; ``entry`` is the matched record.

    ``kind`` is a knowledge kind. For now/next questions ``agenda`` is set (``"now:during"``,
    ``"next:after"``, ...), ``sessions`` holds what is on, and ``entry`` is the first of them
    (or the event when nothing is). ``score`` is 0-100.
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


@dataclass
class _Scored:
    position: int
    score: float


def _suggest_positions(
    titles: dict[str, list[tuple[int, str]]], index: SearchIndex
) -> Callable[[str, tuple[str, ...], int], tuple[int, ...]]:
    """``suggest``'s ranking: index positions for a folded query, memoised.

    Fast enough for every keystroke on a conference of hundreds of sessions:

    - one or two letters rank by word prefix only (titles starting with them first);
    - longer input is scored (rapidfuzz WRatio) only against the entries holding a word that
      starts with the last word typed, found in the index's sorted vocabulary; when none
      does (a typo in the last word), against every entry of the kinds asked.

    The choices of each ``kinds`` are built once, and the last ``SUGGEST_CACHE_SIZE`` answers
    are kept: autocomplete asks the same short prefixes again and again, and the knowledge
    base behind an :class:`Answerer` never changes. A closure over ``titles`` and ``index``
    only (not the Answerer), so no reference cycle.
    """
    choices_of: dict[tuple[str, ...], dict[int, str]] = {}
    words_of: dict[int, tuple[str, ...]] = {}

    def choices_for(kinds: tuple[str, ...]) -> dict[int, str]:
        choices = choices_of.get(kinds)
        if choices is None:
            choices = {p: title for kind in kinds for p, title in titles.get(kind, ())}
            choices_of[kinds] = choices
            for position, title in choices.items():
                words_of.setdefault(position, tuple(tokens(title)))
        return choices

    def by_prefix(query: str, choices: dict[int, str], limit: int) -> tuple[int, ...]:
        starts, inside = [], []
        for position in choices:
            words = words_of[position]
            if words and words[0].startswith(query):
                starts.append(position)
            elif any(word.startswith(query) for word in words):
                inside.append(position)
            if len(starts) >= limit:
                break
        return tuple((starts + inside)[:limit])

    @lru_cache(maxsize=SUGGEST_CACHE_SIZE)
    def positions(query: str, kinds: tuple[str, ...], limit: int) -> tuple[int, ...]:
        choices = choices_for(kinds)
        if not query:
            return tuple(list(choices)[:limit])
        words = tokens(query)
        if not words:
            return tuple(list(choices)[:limit])
        if len(query) <= 2 and len(words) == 1:
            return by_prefix(words[0], choices, limit)
        pool = narrow(words, query, choices)
        found = process.extract(query, pool, scorer=fuzz.WRatio, score_cutoff=50, limit=limit)
        return tuple(position for _, _, position in found)

    def narrow(words: list[str], query: str, choices: dict[int, str]) -> dict[int, str]:
        """The entries worth scoring: those with a word starting like the most telling word
        typed (the longest), else those containing the text typed, else all (a typo)."""
        for word in sorted(words, key=len, reverse=True):
            if len(word) < 3 and len(words) > 1:
                break
            candidates: set[int] = set()
            start = bisect_left(index.vocabulary, word)
            for token in index.vocabulary[start : start + SUGGEST_PREFIX_TOKENS]:
                if not token.startswith(word):
                    break
                candidates.update(index.postings[token])
            narrowed = {p: choices[p] for p in candidates if p in choices}
            if narrowed:
                return narrowed
        containing = {p: title for p, title in choices.items() if query in title}
        return containing or choices

    return positions


class Answerer:
    """Answers questions about one knowledge base. Build once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index = SearchIndex(kb)
        self._titles: dict[str, list[tuple[int, str]]] = {}
        for position, item in enumerate(self.index.entries):
            self._titles.setdefault(item.kind, []).append((position, item.search_text))
        self._suggest_positions = _suggest_positions(self._titles, self.index)

    # -- public API ---------------------------------------------------------------------------

    def ask(
        self, question: str, now: datetime | None = None, language: str | None = None
    ) -> Answer:
        """Answer ``question``; ``now`` (aware) is the clock for "now"/"next" questions."""
        text = (question or "")[:MAX_QUESTION_CHARS]
        intent = detect_intent(text)
        lang = language or detect_language(text, self.kb.event.language)
        raw = tokens(text)
        words = content_tokens(text)
        generic = [w for w in raw if is_generic(w)]
        hint = kind_hint(generic)
        if intent in (Intent.NOW, Intent.NEXT) and not self._topical(words):
            return self._agenda(text, intent, lang, now)
        if not words and not generic:
            if intent in (Intent.WHEN, Intent.WHERE):
                return self._answer(text, intent, lang, "event", self.kb.event, 0.6, [])
            return self._refuse(text, intent, lang, [], "no topic in the question")
        wanted = set(words) if words else set(generic)
        making = mentions_making(raw)
        # "Who makes Helm?" wants the tool (and its maker), not a person.
        ranked = self._rank(raw, wanted, Intent.WHAT if making else intent, hint)
        if not ranked or ranked[0].score < ANSWER_THRESHOLD:
            return self._refuse(text, intent, lang, ranked, "below the confidence threshold")
        best = self.index.entries[ranked[0].position]
        kind, entry = self._steer(intent, hint, making, best.kind, best.entry)
        return self._answer(text, intent, lang, kind, entry, ranked[0].score, ranked[1:])

    def suggest(
        self, text: str, kinds: tuple[str, ...], limit: int = 25
    ) -> list[tuple[str, Entry]]:
        """Entries of ``kinds`` whose names best fit the partly typed ``text`` (autocomplete)."""
        query = fold(text or "").strip()[:100]
        chosen = self._suggest_positions(query, tuple(kinds), limit)
        return [(self.index.entries[p].kind, self.index.entries[p].entry) for p in chosen]

    # -- ranking ------------------------------------------------------------------------------

    def _topical(self, words: list[str]) -> bool:
        return any(self.index.lookup(w) for w in words)

    def _groups(
        self, raw: list[str], wanted: set[str]
    ) -> list[tuple[tuple[str, ...], tuple[tuple[str, float], ...]]]:
        """The question's topical words, each with what it may mean in the index.

        Two neighbours that form a known word go together ("linux kit" -> "linuxkit",
        "docker ce" -> "dockerce"), even when one of them is a stop word on its own.
        """
        groups: list[tuple[tuple[str, ...], tuple[tuple[str, float], ...]]] = []
        skip = False
        for i, word in enumerate(raw[:60]):
            if skip:
                skip = False
                continue
            if i + 1 < len(raw):
                pair = (word, raw[i + 1])
                joined = word + raw[i + 1]
                members = tuple(w for w in pair if w in wanted)
                if len(joined) >= 4 and joined in self.index.postings and members:
                    # The pair as one word, and each of its words a little less, so an
                    # entry named by one of them still counts ("workflow de deis").
                    alone = tuple(
                        (token, similarity * PAIR_MEMBER_SIMILARITY)
                        for member in members
                        for token, similarity in self.index.lookup(member)
                    )
                    groups.append((members, ((joined, 1.0), *alone)))
                    skip = True
                    continue
            if word in wanted or is_generic(word):
                groups.append(((word,), self.index.lookup(word)))
        return groups

    def _rank(self, raw: list[str], wanted: set[str], intent: Intent, hint: str) -> list[_Scored]:
        """Candidates by score: rarity-weighted coverage of the question, name precision, prior.

        Accumulated over posting lists, so the cost follows the words asked, not the size
        of the knowledge base.
        """
        index = self.index
        groups = self._groups(raw, wanted)
        total = 0.0
        unknown = 0.0
        covered: dict[int, float] = {}
        present: dict[int, float] = {}  # weight of the words found in each entry
        similarity_of: dict[str, float] = dict.fromkeys(raw, 1.0)
        for members, matches in groups:
            # Numbers ("2017") say little about which entry is meant.
            # and generic words ("talk", "speakers") only a little, when there is a topic.
            if all(m.isdigit() for m in members):
                factor = NUMBER_WEIGHT
            elif not wanted & set(members):
                factor = GENERIC_WEIGHT
            else:
                factor = 1.0
            if not matches:
                if factor == 1.0:  # an unknown generic word or number is no evidence against
                    unknown += index.max_idf * len(members)
                continue
            weight = max(index.idf[token] for token, _ in matches) * len(members) * factor
            total += weight
            if len(matches) == 1 and matches[0][1] == 1.0:
                best = index.postings[matches[0][0]]
            else:
                best = {}
                for token, similarity in matches:
                    for number, token_weight in index.postings[token].items():
                        value = similarity * token_weight
                        if value > best.get(number, 0.0):
                            best[number] = value
            for token, similarity in matches:
                similarity_of[token] = max(similarity_of.get(token, 0.0), similarity)
            for member in members:
                similarity_of[member] = max(similarity_of.get(member, 0.0), matches[0][1])
            for number, value in best.items():
                covered[number] = covered.get(number, 0.0) + weight * value
                present[number] = present.get(number, 0.0) + weight
        if not covered or total + unknown <= 0:
            return []
        prior = dict(_KIND_PRIOR.get(intent, _DEFAULT_PRIOR))
        if hint:
            prior[hint] = prior.get(hint, 0.95) * KIND_HINT_BOOST
        entries = index.entries
        rough = sorted(
            ((value * prior.get(entries[n].kind, 0.95), n) for n, value in covered.items()),
            reverse=True,
        )[:PRECISION_POOL]
        scored: list[_Scored] = []
        for value, number in rough:
            # How much of the entry's own name the question says, typos counted partly.
            named = max(
                (
                    sum(similarity_of.get(t, 0.0) for t in name) / len(name)
                    for name in entries[number].names
                ),
                default=0.0,
            )
            # Words the entry lacks (unknown ones, or known for other entries) weigh against
            # it, but less when the question names it outright: "apparmor ça sert à quoi" is
            # about AppArmor.
            found = present[number]
            missing = total - found + unknown
            if named >= NAMED_THRESHOLD:
                missing *= NAMED_UNKNOWN_FACTOR
            scored.append(_Scored(number, value / (found + missing) * (0.8 + 0.2 * named)))
        scored.sort(key=lambda s: (-s.score, entries[s.position].position))
        return scored

    def _steer(
        self, intent: Intent, hint: str, making: bool, kind: str, entry: Entry
    ) -> tuple[str, Entry]:
        """Turn a matched entry into the one the question asks for, when that is unambiguous.

        "Who" (or "speaker") about a session, a tool or a company answers with its one
        speaker, unless the question asks who makes something ("who talked about Helm?", not
        "who develops Helm?"); "when"/"where" (or "talk") about a speaker, tool or company
        answers with its one session.
        """
        kb = self.kb
        if (intent is Intent.WHO or hint == "speaker") and not making:
            sessions: tuple[Session, ...] = ()
            if kind == "session":
                sessions = (entry,)  # type: ignore[assignment]
            elif kind == "tool":
                sessions = kb.sessions_of_tool(entry.id)
            elif kind == "company":
                speakers = kb.speakers_of_company(entry.id)
                if len(speakers) == 1:
                    return "speaker", speakers[0]
            if len(sessions) == 1:
                speakers = kb.speakers_of(sessions[0])
                if len(speakers) == 1:
                    return "speaker", speakers[0]
                return "session", sessions[0]
        if intent in (Intent.WHEN, Intent.WHERE) or (
            hint == "session" and intent is not Intent.WHO
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

    # -- results ------------------------------------------------------------------------------

    def _alternatives(
        self,
        ranked: list[_Scored],
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
        rest: list[_Scored],
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
        self, question: str, intent: Intent, language: str, ranked: list[_Scored], reason: str
    ) -> Answer:
        alternatives = self._alternatives(
            ranked, None, REFUSAL_ALTERNATIVE_THRESHOLD, language=language
        )
        return Answer(
            answered=False,
            kind=None,
            id=None,
            title="",
            score=round(ranked[0].score * 100, 1) if ranked else 0.0,
            intent=intent,
            language=language,
            question=question,
            alternatives=tuple(a for a, _ in alternatives),
            alternative_entries=tuple(e for _, e in alternatives),
            reason=reason,
        )

    def _agenda(self, question: str, intent: Intent, language: str, now: datetime | None) -> Answer:
        when = now or system_clock()
        status = event_status(self.kb, when)
        if intent is Intent.NOW:
            sessions = tuple(sessions_at(self.kb, when))
        else:
            upcoming = next_sessions(self.kb, when, limit=10)
            first = upcoming[0].start if upcoming else None
            sessions = tuple(s for s in upcoming if s.start == first)
        head = sessions[0] if sessions else None
        return Answer(
            answered=True,
            kind="session" if head else "event",
            id=head.id if head else self.kb.event.id,
            title=title_of(head if head else self.kb.event, language),
            score=100.0,
            intent=intent,
            language=language,
            question=question,
            entry=head or self.kb.event,
            sessions=sessions,
            agenda=f"{intent.value}:{status}",
            at=when,
        )
