"""The search index: for every entry, which folded tokens find it and how strongly.

Each entry gets a token -> weight map built from the fields that matter for its kind:
its own names count fully, keywords and tags nearly so, the names of linked entries
(a session's speakers and tools, a speaker's sessions) partly, and free text (abstracts,
bios, answers) a little. Joined neighbours ("linux kit" -> "linuxkit") are indexed too.
Built once per knowledge base; read-only afterwards.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.answer.normalise import fold, index_tokens, tokens
from bot.kb.model import Company, Entry, Event, Faq, KnowledgeBase, Session, Speaker, Text, Tool

NAME = 1.0
"""Weight of a word in an entry's own name, title or aliases: the strongest evidence."""

KEYWORD = 0.85
"""Weight of keywords, tags, tracks and the id's words. Raising it toward NAME lets a
keyword compete with a name; lowering it below RELATED makes topic lists (which list by
this weight) miss tagged talks. Guarded by tests/data/questions.yaml and the topic types of
bench_understanding."""

RELATED = 0.6
"""Weight of the names of linked entries (a session's speakers, tools, companies): "the
LinuxKit talk" finds the session through its tool. Raising it lets a link outrank the entry
named; lowering it loses "who talked about Helm"."""

BODY = 0.35
"""Weight of body text (abstracts, bios, descriptions). Raising it answers more
descriptions and matches more chatter on one shared word at 900 talks; guarded by the
chatter and made-up types of bench_understanding."""

SURNAME_MIN_LETTERS = 4
"""A speaker's surname this long or longer names them alone ("what is Bharambe
presenting?"); shorter ones ("Li", "Ng") are too often other words."""

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")


@dataclass
class IndexedEntry:
    kind: str
    id: str
    entry: Entry
    weights: dict[str, float] = field(default_factory=dict)
    names: list[frozenset[str]] = field(default_factory=list)
    name_words: frozenset[str] = frozenset()  # every word of every name, to skip fast
    joined: set[str] = field(default_factory=set)
    search_text: str = ""
    position: int = 0

    def add(self, texts: Iterable[str], weight: float, *, is_name: bool = False) -> None:
        for text in texts:
            words = index_tokens(text)
            if weight >= KEYWORD:
                # "Another approach to AI": an acronym written in capitals is a topic even
                # when it folds to a stop word ("ai", "it", "os").
                words += [fold(a) for a in _ACRONYM.findall(text) if fold(a) not in words]
            if not words:
                continue
            grams = list(words)
            if weight >= RELATED:
                # "linux kit" -> "linuxkit", "docker ce" -> "dockerce" (stop words included)
                raw = tokens(text)
                joined = [a + b for a, b in pairwise(words)]
                joined += [a + b for a, b in pairwise(raw) if len(a + b) >= 4]
                self.joined.update(joined)
                grams += joined
            for gram in grams:
                if self.weights.get(gram, 0.0) < weight:
                    self.weights[gram] = weight
            if is_name:
                # Every word of the name, stop words too: "There is no container" is not
                # named by "container" alone.
                spoken = tokens(text)
                self.names.append(frozenset(spoken))
                if len(words) > 1:
                    self.names.append(frozenset(["".join(words)]))


def _texts(*values: Text | str | Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if isinstance(value, Text):
            out.extend(value.all())
        elif isinstance(value, str):
            if value:
                out.append(value)
        else:
            out.extend(v for v in value if v)
    return out


def _id_words(entry_id: str) -> str:
    return entry_id.replace("-", " ").replace("_", " ").replace(".", " ")


def _index_entry(kb: KnowledgeBase, kind: str, entry: Entry) -> IndexedEntry:
    item = IndexedEntry(kind=kind, id=entry.id, entry=entry)
    links: list[str] = []
    company: Company | None
    if isinstance(entry, Event):
        item.add(_texts(entry.name, entry.aliases), NAME, is_name=True)
        item.add(_texts(entry.keywords, entry.city), KEYWORD)
        organisers = [c for c in (kb.company(i) for i in entry.organisers) if c]
        item.add(_texts([c.name for c in organisers], entry.theme), RELATED)
        item.add(_texts(entry.description, entry.attendance, entry.venue), BODY)
    elif isinstance(entry, Session):
        item.add(_texts(entry.title, entry.aliases), NAME, is_name=True)
        item.add(_texts(entry.keywords, entry.tags, entry.track, entry.format), KEYWORD)
        for speaker in kb.speakers_of(entry):
            links += [speaker.name, *speaker.aliases]
        for tool in kb.tools_of(entry):
            links += [tool.name, *tool.aliases]
        for company in kb.companies_of(entry):
            links += [company.name, *company.aliases]
        item.add(links, RELATED)
        item.add(_texts(entry.abstract, entry.room), BODY)
    elif isinstance(entry, Speaker):
        item.add(_texts(entry.name, entry.aliases), NAME, is_name=True)
        # "what is Bharambe presenting?": a surname alone names its speaker, spelt as its
        # name or one of its aliases spells it ("c ki ory PECKELMAN").
        for spelling in (entry.name, *entry.aliases):
            words = tokens(spelling)
            surname = frozenset(words[-1:])
            long_enough = len(words) > 1 and len(words[-1]) >= SURNAME_MIN_LETTERS
            if long_enough and surname not in item.names:
                item.names.append(surname)
        item.add(_texts(entry.keywords), KEYWORD)
        company = kb.company(entry.company) if entry.company else None
        if company:
            links += [company.name, *company.aliases]
        for session in kb.sessions_of_speaker(entry.id):
            links += [*session.title.all(), *session.aliases, *session.tags]
            links += [t.name for t in kb.tools_of(session)]
        item.add(links, RELATED)
        item.add(_texts(entry.bio, entry.role), BODY)
    elif isinstance(entry, Tool):
        item.add(_texts(entry.name, entry.aliases), NAME, is_name=True)
        item.add(_texts(entry.keywords), KEYWORD)
        company = kb.company(entry.company) if entry.company else None
        if company:
            item.add([company.name, *company.aliases], RELATED)
        item.add(_texts(entry.description), BODY)
        item.add([t for s in kb.sessions_of_tool(entry.id) for t in s.title.all()], BODY)
    elif isinstance(entry, Company):
        item.add(_texts(entry.name, entry.aliases), NAME, is_name=True)
        item.add(_texts(entry.keywords), KEYWORD)
        item.add([s.name for s in kb.speakers_of_company(entry.id)], RELATED)
        item.add(_texts(entry.description), BODY)
    elif isinstance(entry, Faq):
        item.add(_texts(entry.question, entry.aliases), NAME, is_name=True)
        item.add(_texts(entry.keywords), KEYWORD)
        item.add(_texts(entry.answer), BODY)
    item.add([_id_words(entry.id)], KEYWORD)
    names = [*_texts(getattr(entry, "name", "")), *_texts(getattr(entry, "title", Text()))]
    names += _texts(getattr(entry, "question", Text()), getattr(entry, "aliases", ()))
    names += links[:6]
    item.search_text = fold(" | ".join(names))
    return item


class SearchIndex:
    """Inverted index over a knowledge base, with fuzzy look-up of unknown words."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.entries: list[IndexedEntry] = []
        for position, (kind, entry) in enumerate(kb.entries()):
            item = _index_entry(kb, kind, entry)
            item.position = position
            item.name_words = frozenset().union(*item.names)
            self.entries.append(item)
        # token -> {entry number: the token's weight in that entry}
        self.postings: dict[str, dict[int, float]] = {}
        for number, item in enumerate(self.entries):
            for token, weight in item.weights.items():
                self.postings.setdefault(token, {})[number] = weight
        total = max(len(self.entries), 1)
        self.idf: dict[str, float] = {
            token: math.log(1.0 + total / len(found)) for token, found in self.postings.items()
        }
        self.max_idf = math.log(1.0 + total)
        # Joined neighbours match exactly only: as typo or prefix targets they are noise
        # ("dockercon" must not find "docker containers").
        singles = {t for item in self.entries for t in item.weights if t not in item.joined}
        self.vocabulary: list[str] = sorted(singles)
        self._by_length: dict[int, list[str]] = {}
        for token in self.vocabulary:
            self._by_length.setdefault(len(token), []).append(token)
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def lookup(self, word: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary tokens that ``word`` may mean, with a similarity in (0, 1].

        Exact words match fully; otherwise close spellings (typos) and, for words of four
        letters or more, words they begin ("kube" -> "kubernetes") match partly.
        """
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if word in self.postings:
            found: tuple[tuple[str, float], ...] = ((word, 1.0),)
        else:
            found = self._fuzzy(word)
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[word] = found
        return found

    def _fuzzy(self, word: str) -> tuple[tuple[str, float], ...]:
        size = len(word)
        if size < 4 or size > 40:
            return ()
        cutoff = 75.0 if size <= 5 else 78.0 if size <= 8 else 80.0
        candidates: list[str] = []
        spread = max(1, size // 4)
        for length in range(size - spread, size + spread + 1):
            candidates.extend(self._by_length.get(length, ()))
        matches: dict[str, float] = {}
        for token, score, _ in process.extract(
            word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3
        ):
            # A typo rarely hits the first letter ("chanson" is not "hanson"), and a known
            # name with letters added is another word ("dockercon" is not "docker").
            penalty = 1.0 if token[0] == word[0] else 0.6
            if word.startswith(token) and len(word) - len(token) >= 3:
                penalty = 0.6
            matches[token] = (score / 100.0) ** 2 * penalty
        start = bisect_left(self.vocabulary, word)
        for token in self.vocabulary[start : start + 8]:
            if not token.startswith(word):
                break
            if len(token) <= 2.5 * size:
                matches[token] = max(matches.get(token, 0.0), 0.72)
        best = sorted(matches.items(), key=lambda pair: -pair[1])[:4]
        return tuple(best)
