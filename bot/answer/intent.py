"""What a question asks for: a person, a time, a place, a definition, or what is on now/next.

Cues are read from the folded tokens, before stop words are dropped. Intent never decides
*which* entry answers (the ranking does); it steers between kinds: "who" turns a matched
session into its speaker, "when"/"where" turn a matched speaker or tool into its session.
"""

from __future__ import annotations

from enum import StrEnum

from bot.answer.normalise import fold, tokens


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
    ("what time", Intent.WHEN),
    ("c est ou", Intent.WHERE),
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


def detect_intent(text: str) -> Intent:
    """The strongest cue in ``text``; :attr:`Intent.ANY` when there is none."""
    words = tokens(text)
    joined = " " + " ".join(words) + " "
    raw = fold(text)
    found: list[Intent] = []
    for phrase, intent in _PHRASES:
        if f" {phrase} " in joined:
            found.append(intent)
    for word in words:
        if word in _NOW:
            found.append(Intent.NOW)
        elif word in _NEXT:
            found.append(Intent.NEXT)
        elif word in _WHO:
            found.append(Intent.WHO)
        elif word in _WHEN:
            found.append(Intent.WHEN)
        elif word in _WHERE:
            found.append(Intent.WHERE)
        elif word in _WHAT:
            found.append(Intent.WHAT)
        elif word in _WHY:
            found.append(Intent.WHY)
    # "où" folds to "ou" ("or"): only the accented form, or "ou" ending a question, means where.
    stripped = raw.strip(" ?!.")
    if "où" in text.casefold() or stripped.endswith(" ou") or stripped.startswith("ou "):
        found.append(Intent.WHERE)
    order = (
        Intent.NOW,
        Intent.NEXT,
        Intent.WHY,
        Intent.WHO,
        Intent.WHEN,
        Intent.WHERE,
        Intent.WHAT,
    )
    for preferred in order:
        if preferred in found:
            return preferred
    return Intent.ANY
