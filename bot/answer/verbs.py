"""The verbs of a question: who spoke ("who GAVE the talk"), what was said ("what did she
SAY"), who made something ("c'est DEV par qui"). A verb inside a relative clause describes
what is asked ("l'outil DONT PARLAIT Hansen", "the talk THAT CLAIMS containers don't
exist"): it names no topic, and the words said do."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.intent import Intent
from bot.answer.lexicon import Lexicon
from bot.answer.normalise import MAKING_WORDS

# "la Community Edition DONT on a parlé", "the tool THAT was mentioned": a speaking verb in a
# relative clause describes the thing asked; it does not ask for a talk or a speaker.
_RELATIVE_MARKS = frozenset(("dont", "that", "which", "qu"))
_SAID_IN_CLAUSE = _RELATIVE_MARKS | frozenset(("qui", "que", "where", "ou"))
_CLAUSE_REACH = 3
"""A relative word this many words before a verb makes it the clause's."""


@dataclass(frozen=True)
class Verbs:
    """What the verbs say: ``speaking`` (the person who spoke is asked), ``saying`` (a
    quote is asked), and the ``positions`` of verbs that name no topic."""

    speaking: bool
    saying: bool
    positions: frozenset[int]


def read_verbs(words: list[str], lex: Lexicon, intent: Intent) -> Verbs:
    """The verbs of ``words`` (folded, cue typos mended)."""
    positions: set[int] = set()
    speaking = False

    def in_clause(start: int, marks: frozenset[str]) -> bool:
        return bool(marks.intersection(words[max(0, start - _CLAUSE_REACH) : start]))

    for verb in lex.speaking_verbs.find(words):
        if intent in (Intent.WHAT, Intent.ANY) and in_clause(verb.start, _RELATIVE_MARKS):
            positions.update(verb.positions)  # it describes: no topic, no kind asked
        else:
            speaking = True
    saying = lex.saying_verbs.find(words)
    positions.update(i for m in saying if in_clause(m.start, _SAID_IN_CLAUSE) for i in m.positions)
    # "Helm, c'est dev par qui ?": the verb asks who makes it; it names no topic.
    positions.update(i for i, w in enumerate(words) if w in MAKING_WORDS)
    return Verbs(speaking, bool(saying), frozenset(positions))
