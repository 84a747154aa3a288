"""Which edition a question names by its rank: "la 3e édition", "the third edition"."""

from __future__ import annotations

import re

_EDITION_WORDS = frozenset(("edition", "editions", "edtion", "edi"))
_ORDINAL = re.compile(r"(\d{1,2})(?:e|eme|er|ere|re|st|nd|rd|th)")
_ORDINAL_WORDS = {
    **dict.fromkeys(("premiere", "premier", "first"), 1),
    **dict.fromkeys(("deuxieme", "seconde", "second"), 2),
    **dict.fromkeys(("troisieme", "third"), 3),
    **dict.fromkeys(("quatrieme", "fourth"), 4),
    **dict.fromkeys(("cinquieme", "fifth"), 5),
    **dict.fromkeys(("sixieme", "sixth"), 6),
    **dict.fromkeys(("dixieme", "tenth"), 10),
}


def edition_number(words: list[str]) -> int:
    """The rank of the edition a question names ("la 3e édition", "the third edition",
    "edition 3"), 0 when it names none."""
    for at, word in enumerate(words):
        if word not in _EDITION_WORDS:
            continue
        before = _rank(words[at - 1]) if at else 0
        after = words[at + 1] if at + 1 < len(words) else ""
        if before:
            return before
        if after.isdigit() and len(after) <= 2:
            return int(after)
    return 0


def _rank(word: str) -> int:
    found = _ORDINAL.fullmatch(word)
    if found:
        return int(found.group(1))
    return _ORDINAL_WORDS.get(word, 0)
