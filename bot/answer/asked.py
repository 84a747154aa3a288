"""What a question asks of the entry it names: the noun after "which / what / quel"
("quelle LICENCE"), and the X of "what is the X of ..." ("le MODELE ECONOMIQUE de ...")."""

from __future__ import annotations

from bot.answer.normalise import STOP_WORDS_FOLDED, is_generic, tokens

# "à quel MOMENT", "what DATE": the question asks when, which every dated card answers.
_WHEN_NOUNS = frozenset(("moment", "date", "jour", "day", "point", "instant"))


def asked_noun(words: list[str]) -> str:
    """The noun a determiner question asks for: the last word of the run of content words
    after "which", "what", "quel(le)(s)" ("what Kubernetes VERSION did...", "quelle
    LICENCE"), skipping "kind of" / "type de". ``""`` when the question word is followed by
    a verb or a stop word ("what is Draft?", "quelle heure"), or names a kind ("which talk")."""
    for start, word in enumerate(words):
        if word not in _DETERMINERS:
            continue
        run: list[str] = []
        for next_word in words[start + 1 :]:
            if next_word in _KIND_OF and not run:
                continue
            if (
                next_word in STOP_WORDS_FOLDED
                or next_word in _WHEN_NOUNS
                or is_generic(next_word)
                or next_word.isdigit()
            ):
                break
            run.append(next_word)
        if run:
            return run[-1]
        return ""
    return ""


def asked_detail(words: list[str]) -> tuple[str, ...]:
    """The words of "what is the X of ...", "quel est le X de ...", "c'est quoi le X de
    ..." ("quel est le MODELE ECONOMIQUE de Platform.sh"): the detail asked of what
    follows. ``()`` when the question has no such shape."""
    for start, word in enumerate(words):
        if word not in _DETAIL_OPENERS:
            continue
        rest = words[start + 1 :]
        while rest and rest[0] in _COPULAS:
            rest = rest[1:]
        if not rest or rest[0] not in _ARTICLES:
            continue
        run: list[str] = []
        for next_word in rest[1:]:
            if next_word in _OF:
                return tuple(run)
            if next_word in STOP_WORDS_FOLDED or is_generic(next_word) or next_word.isdigit():
                break
            run.append(next_word)
    return ()


_DETAIL_OPENERS = frozenset(tokens("what whats quel quelle quels quelles quoi"))
_COPULAS = frozenset(tokens("is s was are were est etait sont etaient"))
_ARTICLES = frozenset(tokens("the le la l les"))
_OF = frozenset(tokens("of de du d des for pour"))
_DETERMINERS = frozenset(tokens("which what quel quelle quels quelles"))
_KIND_OF = frozenset(tokens("kind sort type types genre sorte of de d"))
