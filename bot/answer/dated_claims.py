"""Dated claims in yes/no questions: "Microsoft bought Deis in March, right?".

A card that dates something in a sentence naming a month ("bought by Microsoft in April
2017") can check a claimed month or year; a card whose only date is the event's name
("Co-organiser of Paris Container Day 2017") dates nothing, so "Xebia was founded in 2015?"
stays a history the knowledge does not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.lexicon import Phrases
from bot.answer.normalise import fold, tokens
from bot.kb.model import Entry, entry_texts

_SENTENCE_END = re.compile(r"[.!?;]\s+")


@dataclass(frozen=True)
class DatedSentence:
    words: frozenset[str]
    months: frozenset[int]
    years: frozenset[int]


def dated_sentences(entry: Entry, months: Phrases) -> tuple[DatedSentence, ...]:
    """The sentences of ``entry``'s texts that name a month, with their months and years."""
    found = []
    for text in entry_texts(entry):
        for sentence in _SENTENCE_END.split(text):
            words = tokens(fold(sentence))
            named = frozenset(int(m.label) for m in months.find(words))
            if named:
                years = frozenset(int(w) for w in words if len(w) == 4 and w.isdigit())
                found.append(DatedSentence(frozenset(words), named, years))
    return tuple(found)


def dated_verdict(
    sentences: tuple[DatedSentence, ...],
    months: set[int],
    years: set[int],
    others: list[list[frozenset[str]]],
) -> bool | None:
    """Whether a dated sentence naming the claim's other entries (each by one of its
    ``others`` names) holds the claimed months and years; None when nothing is claimed or
    no such sentence dates anything ("Deis released Draft in March?": the card dates its
    purchase by Microsoft, not Draft)."""
    if not (months or years):
        return None
    about = [s for s in sentences if all(any(n <= s.words for n in names) for names in others)]
    if not about:
        return None
    return any(months <= s.months and years <= s.years for s in about)


def names_itself(sentences: tuple[DatedSentence, ...], name_words: frozenset[str]) -> bool:
    """Whether every dated sentence repeats the card's own name: "Microsoft bought Deis in
    April" dates Deis more than Microsoft, whose card it is ("Deis ... bought by Microsoft
    in April" does not repeat "Deis": the date is its own)."""
    return all(name_words & s.words for s in sentences)
