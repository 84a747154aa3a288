"""The bilingual lexicon (``lexicon.yaml`` beside this file) and whole-word phrase matching.

The question reader asks the lexicon "which of these phrasings does the question use, and
where?"; the phrasings themselves are data. Loaded once per process (it never changes while
the bot runs) with PyYAML's safe loader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.answer.normalise import tokens

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")

# Forms a phrase matches alike, people rarely agreeing them: "kel ville" is "quelle ville".
_SAME_WORD = {"quelle": "quel", "quels": "quel", "quelles": "quel"}


def _alike(words: list[str] | tuple[str, ...]) -> list[str] | tuple[str, ...]:
    if _SAME_WORD.keys().isdisjoint(words):
        return words
    return [_SAME_WORD.get(word, word) for word in words]


OTHER_EDITIONS = frozenset(("past", "future"))
"""The ``not_held`` categories that name another edition ("last year", "l'an prochain")."""


@dataclass(frozen=True)
class Match:
    """One phrase found in a question: its label, and the token positions it covers."""

    label: str
    start: int
    end: int  # exclusive

    @property
    def positions(self) -> range:
        return range(self.start, self.end)


class Phrases:
    """Labelled phrases, matched as whole folded words (longest first at each position)."""

    def __init__(self, labelled: Iterable[tuple[str, str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.words: set[str] = set()
        for label, phrase in labelled:
            if not isinstance(phrase, str):
                raise TypeError(f"lexicon phrase {phrase!r} of {label!r} is not text: quote it")
            spoken = tokens(phrase)
            self.words.update(spoken)
            words = tuple(_alike(spoken))
            if words:
                self._by_first.setdefault(words[0], []).append((words, label))
        for options in self._by_first.values():
            options.sort(key=lambda option: -len(option[0]))

    def find(self, words: list[str] | tuple[str, ...]) -> list[Match]:
        """Every match in ``words`` (folded tokens), left to right, never overlapping."""
        found: list[Match] = []
        words = _alike(words)
        position, size = 0, len(words)
        by_first = self._by_first
        if by_first.keys().isdisjoint(words):
            return found  # most questions hold no phrase of a given section: one set test
        while position < size:
            # Most words start no phrase: a dictionary miss, no call.
            if words[position] not in by_first:
                position += 1
                continue
            match = self._at(words, position)
            if match is None:
                position += 1
                continue
            found.append(match)
            position = match.end
        return found

    def at(self, words: list[str] | tuple[str, ...], position: int) -> Match | None:
        """The longest phrase starting at ``position``, if any."""
        return self._at(_alike(words), position)

    def _at(self, words: list[str] | tuple[str, ...], position: int) -> Match | None:
        for phrase, label in self._by_first.get(words[position], ()):
            end = position + len(phrase)
            if tuple(words[position:end]) == phrase:
                return Match(label, position, end)
        return None


@dataclass(frozen=True)
class Lexicon:
    attributes: Phrases
    attribute_words: dict[str, frozenset[str]]  # attribute -> its one-word phrasings
    not_held: Phrases
    logistics: Phrases
    meta: Phrases
    meta_alone: Phrases
    list_cues: Phrases
    person_words: Phrases
    yes_no_openers: Phrases
    yes_no_closers: Phrases
    claim_verbs: Phrases
    now: Phrases
    next: Phrases
    after: Phrases
    first: Phrases
    last: Phrases
    company_cues: Phrases
    speaking_verbs: Phrases
    saying_verbs: Phrases
    kind_nouns: Phrases
    room_words: frozenset[str]
    filler: frozenset[str]
    approx: Phrases
    parts_of_day: Phrases
    days: Phrases
    relative_days: Phrases
    months: Phrases


def _labelled(section: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    return [(str(label), phrase) for label, phrases in section.items() for phrase in phrases]


def _plain(label: str, phrases: Iterable[str]) -> Phrases:
    return Phrases((label, phrase) for phrase in phrases)


def build_lexicon(data: Mapping) -> Lexicon:
    """A :class:`Lexicon` from the parsed YAML mapping (see ``lexicon.yaml``)."""
    agenda = data["agenda"]
    return Lexicon(
        attributes=Phrases(_labelled(data["attributes"])),
        attribute_words={
            str(label): frozenset(w for p in phrases if len(tokens(p)) == 1 for w in tokens(p))
            for label, phrases in data["attributes"].items()
        },
        not_held=Phrases(_labelled(data["not_held"])),
        logistics=_plain("logistics", data["logistics"]),
        meta=_plain("meta", data["meta"]),
        meta_alone=_plain("meta", data["meta_alone"]),
        list_cues=_plain("list", data["list_cues"]),
        person_words=_plain("person", data["person_words"]),
        yes_no_openers=_plain("yes_no", data["yes_no"]["openers"]),
        yes_no_closers=_plain("yes_no", data["yes_no"]["closers"]),
        claim_verbs=_plain("claim", data["yes_no"]["claim_verbs"]),
        now=_plain("now", agenda["now"]),
        next=_plain("next", agenda["next"]),
        after=_plain("after", agenda["after"]),
        first=_plain("first", agenda["first"]),
        last=_plain("last", agenda["last"]),
        company_cues=_plain("company", data["company_cues"]),
        speaking_verbs=_plain("speaking", data["speaking_verbs"]),
        saying_verbs=_plain("saying", data["saying_verbs"]),
        kind_nouns=Phrases(_labelled(data["kind_nouns"])),
        room_words=frozenset(w for phrase in agenda["room_words"] for w in tokens(phrase)),
        filler=frozenset(w for phrase in data["filler"] for w in tokens(phrase)),
        approx=_plain("approx", agenda["approx"]),
        parts_of_day=Phrases(_labelled(agenda["parts_of_day"])),
        days=Phrases(_labelled(agenda["days"])),
        relative_days=Phrases(_labelled(agenda["relative_days"])),
        months=Phrases(_labelled(agenda["months"])),
    )


def vocabulary(lex: Lexicon) -> frozenset[str]:
    """Every word of every phrase (what a typo in a cue word may have meant), but for the
    words only things nobody holds are asked with (a typo is never mended into a refusal:
    "Liège" is not "siège", "stack" not "stock") and the nouns that describe a kind."""
    out: set[str] = set()
    for value in vars(lex).values():
        if isinstance(value, Phrases) and value not in (lex.not_held, lex.kind_nouns):
            out.update(value.words)
    return frozenset(out)


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return build_lexicon(yaml.load(handle, Loader=loader))
