"""The ranker: which entries a question's words point at, and how surely.

Each content word is looked up in the index (exact, then typo-tolerant); each candidate entry
is scored by how much of the question it covers, weighted by how rare each word is, by how
much of the entry's own name the question says, and by a prior on its kind given the
question's intent. Accumulated over posting lists, so the cost follows the words asked, not
the size of the knowledge base. Also the autocomplete ranking (:func:`suggest_positions`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.answer.index import SearchIndex
from bot.answer.intent import Intent
from bot.answer.normalise import is_generic, tokens

PRECISION_POOL = 40
"""How many roughly scored candidates get the precise score (name coverage). Lowering it
is faster and can drop the right entry at 900 talks; bench_scale prints the cost."""

NUMBER_WEIGHT = 0.3
"""How much a number in the question counts ("2017", "7"): little, since numbers say
little about which entry is meant."""

GENERIC_WEIGHT = 0.3
"""How much a kind word ("talk", "speakers") counts when the question has another topic.
Raising it lets "the LinuxKit TALK" prefer any session over the tool named."""

KIND_HINT_BOOST = 1.12
"""The prior of the kind a question names ("the Docker SESSION"). Raising it answers a
session when the tool was asked; guarded by the collision types of the shipped-event sets."""

NAMED_UNKNOWN_FACTOR = 0.5
"""How much of a forgiven word still counts against an entry named whole (0: nothing, 1:
all). Lowering it answers more named entries asked about details they lack: more
confidently wrong near-topic answers (shipped_set_b/d)."""

NAMED_FORGIVEN_WORDS = 1.0
"""How many of the rarest words' worth a question naming an entry whole is forgiven
("apparmor ça SERT à quoi"). Raising it answers named entries asked about what they do
not hold (near-topic: confidently wrong); tuned on sets A and C."""

PAIR_MEMBER_SIMILARITY = 0.9
"""How similar a word split in two ("linux kit") is to the joined token ("linuxkit")."""

NAMED_THRESHOLD = 0.85
"""How much of an entry's name the question must say for the entry to count as named
whole (typos count partly). Lowering it lets a shared word ("Docker" in "Docker CE")
name an entry; every named-entry rule of the engine reads it."""

SUGGEST_PREFIX_TOKENS = 400
"""Autocomplete looks at this many vocabulary words starting with the typed prefix;
raising it is slower at 900 talks (bench_scale prints autocomplete p99)."""

SUGGEST_CACHE_SIZE = 2048
"""How many autocomplete answers are remembered (typing repeats prefixes)."""

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


@dataclass
class Scored:
    position: int
    score: float
    named: float = 0.0  # how much of the entry's own name the question says (0-1)


def suggest_positions(
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


class Ranker:
    """Ranks the entries of one :class:`SearchIndex` for a question's words."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def topical(self, words: list[str]) -> bool:
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

    def rank(self, raw: list[str], wanted: set[str], intent: Intent, hint: str) -> list[Scored]:
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
        scored: list[Scored] = []
        said = frozenset(similarity_of)
        for value, number in rough:
            # How much of the entry's own name the question says, typos counted partly
            # (names sharing no word with the question are skipped: most of them).
            named = 0.0
            if not entries[number].name_words.isdisjoint(said):
                named = max(
                    (
                        sum(similarity_of.get(t, 0.0) for t in name) / len(name)
                        for name in entries[number].names
                        if not name.isdisjoint(said)
                    ),
                    default=0.0,
                )
            # Words the entry lacks (unknown ones, or known for other entries) weigh against
            # it, but less when the question names it outright: "apparmor ça sert à quoi" is
            # about AppArmor.
            found = present[number]
            missing = total - found + unknown
            if named >= NAMED_THRESHOLD:
                # Forgive about one word's worth ("apparmor ça SERT à quoi"), not a whole
                # question of details the entry does not hold.
                missing -= min(missing, index.max_idf * NAMED_FORGIVEN_WORDS) * (
                    1.0 - NAMED_UNKNOWN_FACTOR
                )
            scored.append(Scored(number, value / (found + missing) * (0.8 + 0.2 * named), named))
        scored.sort(key=lambda s: (-s.score, entries[s.position].position))
        return scored
