"""Where a question looks for its answer: what it rules out ("l'autre REX, PAS CELUI DE
Vente Privée", "the deis tool that is not draft, NOT HELM and NOT WORKFLOW", "apart from
Xebia"), and what it chooses among ("PARMI LES DEUX organisateurs, lequel ..."). Words
ruled out name no topic; the entries they name (and, for "celui de X", what belongs to X)
are not the answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.normalise import tokens

_RULED_OUT = re.compile(
    r"(?:^|[,;(]|\bet\b|\band\b|\bbut\b|\bmais\b|\bis\b|\best\b|\bc est\b)\s*"
    r"(?P<cue>not|pas|sauf|except|excepte|hormis|besides|other than|autre que|apart from"
    r"|a part)\s+"
    r"(?P<owner>(?:celui|celle|ceux|celles|the one|the ones|that|those)\s+"
    r"(?:de|d|du|des|of|from)\s+)?"
    r"(?P<name>[^\W_]+(?:[ '.-][^\W_]+){0,3}?)"
    r"(?=\s*(?:[,;)?!.]|$|\bet\b|\band\b|\bni\b|\bnor\b|\bc est\b|\bwhich\b|\bwhat\b))"
)
# "parmi les deux organisateurs, lequel...", "which of the organisers...": the attribute
# named right after is where the answer is chosen, not what is asked.
_AMONG = re.compile(
    r"\b(?:parmi (?:les|ces)|(?:lequel|laquelle|lesquels|lesquelles) (?:des|de ces)"
    r"|which(?: one)? of (?:the|these|those)|among (?:the|these|those))"
    r"(?: (?:deux|two|\d+))?(?: [a-z]+)?$"
)
AMONG_WORDS = frozenset(
    tokens("parmi lequel laquelle lesquels lesquelles among which one deux two")
)
"""The words of that cue: they say where the answer is chosen, not what it is about."""
_ARTICLES = frozenset(tokens("the le la les l un une a an"))


@dataclass(frozen=True)
class RuledOut:
    """Words a question rules out, at token positions; ``owned`` when it rules out what
    belongs to them ("celui de Vente Privée": Vente Privée's talk)."""

    positions: tuple[int, ...]
    words: tuple[str, ...]
    owned: bool


def ruled_out(text: str) -> list[RuledOut]:
    """The spans ``text`` (folded, as the reader tokenises it) rules out, in order."""
    found = []
    for match in _RULED_OUT.finditer(text):
        start = len(tokens(text[: match.start("name")]))
        words = tokens(match.group("name"))
        while words and words[0] in _ARTICLES:
            words, start = words[1:], start + 1
        if words:
            positions = tuple(range(start, start + len(words)))
            found.append(RuledOut(positions, tuple(words), bool(match.group("owner"))))
    return found


def chooses_among(before: list[str]) -> bool:
    """Whether the words ``before`` a noun say the answer is one of what it names
    ("parmi les deux", "which one of the")."""
    return bool(_AMONG.search(" ".join(before)))
