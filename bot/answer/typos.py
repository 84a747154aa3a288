"""Typos in cue words: "prochein" is "prochain", "gviing" is "giving" mistyped.

A question word the lexicon uses as a cue ("next", "where", "organise") is read with one
typo, so the reading does not depend on spelling; names are never mended (the knowledge base
knows them), nor ordinary words that only look like a cue ("a bunch of tools" asks nothing
about lunch).
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from bot.answer.chatter import CHATTER_WORDS
from bot.answer.intent import cue_words
from bot.answer.lexicon import Lexicon, vocabulary
from bot.answer.normalise import STOP_WORDS_FOLDED
from bot.answer.vocabulary import is_ordinary_word

TYPO_MIN_LETTERS = 5
"""Typed words this long or longer are read as a cue with one typo ("prochein"); one letter
shorter, only a cue with a letter left out ("qund" is "quand") and no dictionary word;
shorter ones must be spelt right: one edit away from a short word is another word."""

TYPO_ORDINARY_LETTERS = 6
"""A word the dictionaries know is mended into a cue only from this length on ("gooing" is
"going"): shorter ones are other words ("venus" is no "venue")."""

FILLER_EDITS = 2
"""How many edits from a filler word an unknown word may be and still count as its typo."""

MAX_CORRECTIONS = 50_000
"""How many typo corrections are remembered (the cache is cleared of nothing; it stops
growing)."""


class CueTypos:
    """Mends typos of one lexicon's cue words; ``known(word)`` says whether the knowledge
    base holds a folded word (never mended)."""

    def __init__(self, lex: Lexicon, known: Callable[[str], bool]) -> None:
        self.lex = lex
        self.known = known
        cues = vocabulary(lex) | cue_words()
        self._phrase_words = cues | lex.not_held.words  # spelt right: nothing to mend
        self._cue_vocabulary = sorted(w for w in cues if len(w) >= TYPO_MIN_LETTERS - 1)
        self._corrections: dict[str, str] = {}
        self._filler = sorted(
            w
            for w in cue_words() | STOP_WORDS_FOLDED | CHATTER_WORDS
            if len(w) >= TYPO_MIN_LETTERS - 1
        )

    def near_filler(self, word: str) -> bool:
        """Whether ``word`` is a typo of a question, stop or chatter word ("gviing" is
        "giving" mistyped), not the name of something."""
        for filler, distance, _ in process.extract(
            word, self._filler, scorer=Levenshtein.distance, score_cutoff=FILLER_EDITS, limit=5
        ):
            # Two edits only in a long word that starts right ("gviing"); "podman" is not
            # "woman" mistyped.
            if distance <= 1 or (len(word) >= 6 and filler[0] == word[0]):
                return True
        return False

    def corrected(self, word: str) -> str:
        """A cue word the question misspelt ("prochein" -> "prochain", "waere" ->
        "where"); any other word as it is. Only words neither the lexicon nor the knowledge
        base knows, of :data:`TYPO_MIN_LETTERS` or more, one edit away from one cue word;
        an ordinary English or French word stays itself when it is short, when the cue
        starts otherwise or would refuse as logistics ("bunch" is no "lunch", "venus" no
        "venue", "privé" no "prise"; "gooing" is "going")."""
        if (
            len(word) < TYPO_MIN_LETTERS - 1
            or word.isdigit()
            or word in self._phrase_words
            or self.known(word)
        ):
            return word
        found = self._corrections.get(word)
        if found is None:
            near = [
                cue
                for cue, _, _ in process.extract(
                    word,
                    self._cue_vocabulary,
                    scorer=OSA.distance,  # a swap of two letters is one typo ("momnet")
                    score_cutoff=1,
                    limit=5,
                )
            ]
            if len(word) < TYPO_MIN_LETTERS:
                # "qund" is "quand", "whre" "where" (not "were"); "nxet" may be anything
                near = [cue for cue in near if _dropped_letter(word, cue)][:2]
                near = near if len(near) == 1 else []
            found = near[0] if near else word
            if (
                found != word
                and found.rstrip("s") != word.rstrip("s")  # "prises" is "prise"
                and (
                    found[0] != word[0]
                    or len(word) < TYPO_ORDINARY_LETTERS
                    or found in self.lex.logistics.words
                )
                and is_ordinary_word(word)
            ):
                found = word  # "a bunch of tools" is no "lunch", "venus" no "venue"
            if len(self._corrections) < MAX_CORRECTIONS:
                self._corrections[word] = found
        return found


def _dropped_letter(typed: str, cue: str) -> bool:
    """Whether ``typed`` is ``cue`` with one letter left out, the first kept ("qund",
    "rght", "afer"): the one typo a word too short to mend otherwise still shows plainly."""
    return len(cue) == len(typed) + 1 and cue[0] == typed[0] and not is_ordinary_word(typed)
