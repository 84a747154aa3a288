"""What a question asks for: a person, a time, a place, a definition, or what is on now/next.

Cues are read from the folded tokens, before stop words are dropped. Intent never decides
*which* entry answers (the ranking does); it steers between kinds: "who" turns a matched
session into its speaker, "when"/"where" turn a matched speaker or tool into its session.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from bot.answer.normalise import STOP_WORDS_FOLDED, fold, tokens


class Intent(StrEnum):
    WHO = "who"
    WHEN = "when"
    WHERE = "where"
    WHAT = "what"
    WHY = "why"
    NOW = "now"
    NEXT = "next"
    ANY = "any"


_WHO = {
    "ki",
    "who",
    "whom",
    "whos",
    "qui",
    "speaker",
    "speakers",
    "intervenant",
    "intervenante",
    "intervenants",
    "orateur",
    "oratrice",
    "presenter",
    "conferencier",
}
_PERSON_NOUNS = frozenset(_WHO) - {"ki", "who", "whom", "whos", "qui"}
_WHEN = {
    "kan",
    "when",
    "quand",
    "heure",
    "heures",
    "horaire",
    "horaires",
    "time",
    "schedule",
    "schedules",
    "timing",
    "date",
    "dates",
    "jour",
}
_WHERE = {"where", "wheres", "room", "salle", "lieu", "endroit", "located", "location", "venue"}
_WHAT = {
    "koi",
    "what",
    "whats",
    "quoi",
    "explain",
    "definition",
    "define",
    "describe",
    "signifie",
    "explique",
    "expliquer",
    "kesako",
}
_WHY = {"why", "pourquoi", "pkoi", "pk", "pq"}
_NOW = {"now", "maintenant", "currently", "actuellement"}
_NEXT = {
    "next",
    "prochaine",
    "prochain",
    "prochaines",
    "suivante",
    "suivant",
    "ensuite",
    "upcoming",
    "later",
    "apres",
}

_PHRASES = (
    ("a quelle heure", Intent.WHEN),
    ("what room", Intent.WHERE),
    ("which room", Intent.WHERE),
    ("quelle salle", Intent.WHERE),
    ("what day", Intent.WHEN),
    ("which day", Intent.WHEN),
    ("quel jour", Intent.WHEN),
    ("what time", Intent.WHEN),
    ("a quel moment", Intent.WHEN),
    ("at what point", Intent.WHEN),
    ("quelle date", Intent.WHEN),
    ("what date", Intent.WHEN),
    ("c est ou", Intent.WHERE),
    ("il est ou", Intent.WHERE),
    ("elle est ou", Intent.WHERE),
    ("ils sont ou", Intent.WHERE),
    ("ca se passe ou", Intent.WHERE),
    ("c etait ou", Intent.WHERE),
    ("c est quand", Intent.WHEN),
    ("c est qui", Intent.WHO),
    ("c est quoi", Intent.WHAT),
    ("qu est ce", Intent.WHAT),
    ("what is", Intent.WHAT),
    ("what are", Intent.WHAT),
    ("right now", Intent.NOW),
    ("en ce moment", Intent.NOW),
    ("on now", Intent.NOW),
    ("coming up", Intent.NEXT),
    ("what s on", Intent.NOW),
    ("whats on", Intent.NOW),
)


# French "qui" is "who" opening a question, and "which/that" right after a noun.
_RELATIVE_QUI = re.compile(r"\b([^\W\d_]{3,}) qui\b")

_WORD_CUES = (
    (_NOW, Intent.NOW),
    (_NEXT, Intent.NEXT),
    (_WHO, Intent.WHO),
    (_WHEN, Intent.WHEN),
    (_WHERE, Intent.WHERE),
    (_WHAT, Intent.WHAT),
    (_WHY, Intent.WHY),
)


_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Intent]]] = {}
for _phrase, _intent in _PHRASES:
    _words = tuple(_phrase.split())
    _PHRASES_BY_FIRST.setdefault(_words[0], []).append((_words, _intent))


@lru_cache(maxsize=4096)
def detect_intent(text: str) -> Intent:
    """What ``text`` asks for; :attr:`Intent.ANY` when it gives no cue.

    "Now"/"next" win wherever they are; otherwise the first cue wins, so "what's SELinux
    and why should I care" is a "what" question. A phrase ("what time") beats the single
    word it starts with.
    """
    words = tokens(text)
    found: list[tuple[int, int, Intent]] = []  # (word position, phrase first, intent)
    for position, word in enumerate(words):
        for phrase, intent in _PHRASES_BY_FIRST.get(word, ()):
            if tuple(words[position : position + len(phrase)]) == phrase:
                found.append((position, 0, intent))
        for cues, intent in _WORD_CUES:
            if word in cues:
                found.append((position, 1, intent))
                break
    # "où" folds to "ou" ("or"): only the accented form, or "ou" opening or ending a
    # question, means where.
    stripped = fold(text).strip(" ?!.")
    if "où" in text.casefold() or stripped.endswith(" ou") or stripped.startswith("ou "):
        where = words.index("ou") if "ou" in words else 0
        found.append((where, 0, Intent.WHERE))
    if not found:
        return Intent.ANY
    # "ils sont venus présenter QUOI ?": a noun for a speaker ("presenter", "speaker")
    # asks who only when no question word asks something else.
    asked = [f for f in found if words[f[0]] not in _PERSON_NOUNS]
    found = asked or found
    for timely in (Intent.NOW, Intent.NEXT):
        if any(intent is timely for _, _, intent in found):
            return timely
    return min(found)[2]


def without_relatives(text: str) -> str:
    """``text`` (folded, punctuation kept) without the relative "qui" that follows a noun:
    "l'orchestrateur QUI vient de Google" asks no "who" ("Docker, qui l'a présenté ?" does)."""
    return _RELATIVE_QUI.sub(_unmark_relative, text)


def _unmark_relative(match: re.Match[str]) -> str:
    """ "outil qui" -> "outil": the relative "qui" after a noun asks nothing."""
    word = match.group(1)
    if word in STOP_WORDS_FOLDED or any(word in cues for cues, _ in _WORD_CUES):
        return match.group(0)
    return word


def cue_words() -> frozenset[str]:
    """Every single word that signals an intent ("when", "quand", "where"...)."""
    return frozenset().union(*(cues for cues, _ in _WORD_CUES))
