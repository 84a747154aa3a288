"""Whether a question asks yes or no: "c'était à Paris ?", "the keynote was on Friday,
right?", "Frazelle a présenté Draft ?". Such a question is answered with the fact, and a
wrong premise is said to be wrong (``bot.answer.checks``)."""

from __future__ import annotations

import re

from bot.answer.intent import Intent
from bot.answer.lexicon import Lexicon, Match
from bot.answer.normalise import tokens

WH_WORDS = frozenset(
    tokens(
        "which what who where when how why quel quelle quels quelles qui quoi quand comment "
        "pourquoi combien lequel laquelle lesquels"
    )
)
GREETINGS = frozenset(
    tokens("hi hello hey yo salut bonjour coucou slt bjr re ok so alors dis bot please stp svp")
)
_COPULA = re.compile(r"\b(?:c est|c etait|is|was|est|etait)\b")
_RELATIVE_WORDS = frozenset(("dont", "que", "qu", "that"))
_THE = frozenset(("the", "that", "this"))
_CONTACT_NAME = 3
"""At most this many words name the clause's subject between the noun and its verb."""
_SPEAKER_NOUNS = frozenset("speaker speakers intervenant intervenants orateur".split())


def closer_positions(words: list[str], lex: Lexicon) -> set[int]:
    """Positions of a yes/no closer ending the question ("..., right?", "c'est ça ?")."""
    offset = max(len(words) - 3, 0)
    tail = words[offset:]
    for match in lex.yes_no_closers.find(tail):
        if match.end == len(tail):
            return {offset + i for i in match.positions}
    return set()


def opener_positions(words: list[str], lex: Lexicon) -> set[int]:
    """Positions of a yes/no opener after the greetings ("am I right in thinking that",
    "est-il vrai que"): they ask for a check, and name no topic."""
    start = 0
    while start < len(words) and words[start] in GREETINGS:
        start += 1
    match = lex.yes_no_openers.at(words, start) if start < len(words) else None
    return set(match.positions) if match is not None else set()


def is_yes_no(words: list[str], lex: Lexicon, intent: Intent) -> bool:
    """Whether ``words`` (folded, cue typos mended) ask yes or no: an opener after the
    greetings ("est-ce que"), a closer, or a statement asked as a question ("Draft c'est un
    outil Docker ?", "Jessie Frazelle works at Docker?") when no question word asks
    something else."""
    if opener_positions(words, lex):
        return True
    if closer_positions(words, lex):
        return True
    return (
        intent is Intent.ANY
        and bool(
            _COPULA.search(" ".join(words))
            or any(not _in_contact_clause(words, lex, m) for m in lex.claim_verbs.find(words))
            or _speaks(words, lex.speaking_verbs.find(words))
        )
        and not WH_WORDS.intersection(words)
    )


def _in_contact_clause(words: list[str], lex: Lexicon, verb: Match) -> bool:
    """Whether a claim verb is that of a relative clause with no pronoun after a described
    noun ("the STARTUP Microsoft BOUGHT in April?", "the orchestrator ACS RUNS ON"): the
    question describes something; it claims nothing."""
    for noun in lex.kind_nouns.find(words[: verb.start]):
        between = verb.start - noun.end
        if noun.start > 0 and words[noun.start - 1] in _THE and 1 <= between <= _CONTACT_NAME:
            return True
    return False


def _speaks(words: list[str], matches: list[Match]) -> bool:
    """Whether a speaking verb that is the question's own ("Frazelle a présenté Draft ?"),
    not a noun ("speakers") nor a relative clause's ("l'outil DONT parlait Hansen"), is among
    ``matches``."""
    if _RELATIVE_WORDS.intersection(words):
        return False
    return any(m.end - m.start > 1 or words[m.start] not in _SPEAKER_NOUNS for m in matches)
