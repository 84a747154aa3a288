"""The state every part of the engine reads: the knowledge base, its index, the ranker and
the question reader, built once per knowledge base by :class:`EngineBase`.

The engine is one class, :class:`~bot.answer.engine.Answerer`, assembled from layers that
each do one job and may use the layers below them: compose (answers and refusals), checks
(evidence and what is not held), links (from the entry found to the entry asked for), event
attributes, the agenda and topic lists, message parts; the engine itself reads a question
and decides among them.
"""

from __future__ import annotations

from bot.answer.dated_claims import DatedSentence, dated_sentences
from bot.answer.facts import linked_ids
from bot.answer.index import KEYWORD, SURNAME_MIN_LETTERS, SearchIndex
from bot.answer.normalise import STOP_WORDS_FOLDED, is_generic, tokens
from bot.answer.rank import Ranker, suggest_positions
from bot.answer.thresholds import MIN_PHRASE_TITLE_WORDS
from bot.answer.understand import QuestionReader
from bot.kb.model import Entry, KnowledgeBase, title_of


class EngineBase:
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
        # Month and weekday names: a claim of only these dates the event ("un mardi ?")
        self._day_words = self.reader.lex.months.words | self.reader.lex.days.words
        self._position_of = {(i.kind, i.id): n for n, i in enumerate(self.index.entries)}
        self._kinds_held = frozenset(kind for kind, _ in self._position_of)
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
        self._link_cache: dict[tuple[str, str], dict[str, set[str]]] = {}
        self._dated_cache: dict[int, tuple[DatedSentence, ...]] = {}
        # Speakers' first names no other speaker has ("Jessie"): a yes/no claim may name
        # its subject by one.
        firsts: dict[str, list[int]] = {}
        for position, item in enumerate(self.index.entries):
            words = tokens(getattr(item.entry, "name", "")) if item.kind == "speaker" else []
            if len(words) > 1 and len(words[0]) >= SURNAME_MIN_LETTERS:
                firsts.setdefault(words[0], []).append(position)
        self._unique_first_names = {
            found[0]: first for first, found in firsts.items() if len(found) == 1
        }

    def _dated(self, position: int) -> tuple[DatedSentence, ...]:
        """The sentences of an entry's card that date something (a month named), once."""
        found = self._dated_cache.get(position)
        if found is None:
            entry = self.index.entries[position].entry
            found = self._dated_cache[position] = dated_sentences(entry, self.reader.lex.months)
        return found

    def _links(self, entry: Entry) -> dict[str, set[str]]:
        """:func:`~bot.answer.facts.linked_ids` of ``entry``, worked out once per entry (the
        knowledge base never changes under an engine). Read it; never change it."""
        key = (type(entry).__name__, entry.id)
        found = self._link_cache.get(key)
        if found is None:
            found = self._link_cache[key] = linked_ids(self.kb, entry)
        return found
