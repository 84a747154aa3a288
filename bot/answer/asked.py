"""What a question asks of the entry it names: the noun after "which / what / quel"
("quelle LICENCE"), and the X of "what is the X of ..." ("le MODELE ECONOMIQUE de ...")."""

from __future__ import annotations

from collections.abc import Set

from bot.answer.normalise import FOLDED_KIND_WORDS, STOP_WORDS_FOLDED, is_generic, tokens

# "à quel MOMENT", "what DATE": the question asks when, which every dated card answers.
_WHEN_NOUNS = frozenset(("moment", "date", "jour", "day", "point", "instant"))


def asked_noun(words: list[str], kind_nouns: Set[str] = frozenset()) -> str:
    """The noun a determiner question asks for: the last word of the run of content words
    after "which", "what", "quel(le)(s)" ("what Kubernetes VERSION did...", "quelle
    LICENCE"), skipping "kind of" / "type de". ``""`` when the question word is followed by
    a verb or a stop word ("what is Draft?", "quelle heure"), or names a kind ("which talk",
    "quel PRODUIT Red Hat mettait en garde": one of ``kind_nouns``). A "which" after a noun
    opens a relative clause ("the orchestrator WHICH comes from Google"): it asks nothing."""
    for start, word in enumerate(words):
        if word not in _DETERMINERS:
            continue
        if word == "which" and start and words[start - 1] not in STOP_WORDS_FOLDED:
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
                or (next_word in kind_nouns and not run)
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


def counted_items(words: list[str], asks_what: bool) -> tuple[str, ...]:
    """The counted things whose items are asked: "c'est quoi les 7 pièges d'OpenShift ?",
    "the 7 pitfalls, list them" ask what the seven are, which a card that names "7 pièges"
    in its title need not say. ``()`` when no "the N things" is asked for (``asks_what``
    is false and no verb says "list them"), or when the talk of that name is asked ("le
    talk des 7 pièges", "the 7 pitfalls talk", "which talk covered the 7 pitfalls")."""
    if not (asks_what or LIST_VERBS.intersection(words)):
        return ()
    for start, word in enumerate(words[:-2]):
        number, noun = words[start + 1], words[start + 2]
        if word not in _COUNTED_ARTICLES or not (number.isdigit() or number in _NUMBERS):
            continue
        if number.isdigit() and not 2 <= int(number) <= 20:
            continue  # "the 2017 edition", "the 1 talk": no list of things
        after = words[start + 3 : start + 4]
        if noun in STOP_WORDS_FOLDED or is_generic(noun) or any(map(is_generic, after)):
            continue
        if any(is_generic(w) for w in words[:start]):
            continue
        return (number, noun)
    return ()


def counted_kind(words: list[str]) -> str:
    """The kind of entry a count asks for: "ya eu combien de TALKS ?", "how many SPEAKERS"
    -> ``session``, ``speaker``... ``""`` when people, days or anything else are counted."""
    for start, word in enumerate(words):
        if word == "combien":
            rest = words[start + 1 :]
            rest = rest[1:] if rest[:1] in (["de"], ["d"]) else rest
        elif word == "how" and words[start + 1 : start + 2] == ["many"]:
            rest = words[start + 2 :]
        else:
            continue
        for kind, nouns in _COUNTED_KINDS.items():
            if rest[:1] and rest[0] in nouns:
                return kind
    return ""


_COUNTED_KINDS = {
    kind: FOLDED_KIND_WORDS[kind] - frozenset(tokens("event day journee jour"))
    for kind in ("session", "speaker", "tool", "company")
}
_COUNTED_ARTICLES = frozenset(tokens("the les ces these those ses its their leurs"))
_NUMBERS = frozenset(
    tokens(
        "two three four five six seven eight nine ten deux trois quatre cinq six sept huit neuf dix"
    )
)
LIST_VERBS = frozenset(
    tokens("list lister liste listes enumerate enumerer enumere detaille detailler")
)
"""Verbs that ask the bot to list or detail ("liste-les", "list all the talks"): no topic."""
_DETAIL_OPENERS = frozenset(tokens("what whats quel quelle quels quelles quoi"))
_COPULAS = frozenset(tokens("is s was are were est etait sont etaient"))
_ARTICLES = frozenset(tokens("the le la l les"))
_OF = frozenset(tokens("of de du d des for pour"))
_DETERMINERS = frozenset(tokens("which what quel quelle quels quelles"))
_KIND_OF = frozenset(tokens("kind sort type types genre sorte of de d"))
