"""One message, several questions: "when does it start and where is it?" is two.

A new part starts at ? ! ; and new lines, and at "and" / "et" / "," followed by a question
word; a quoted title keeps its own punctuation."""

from __future__ import annotations

import re

from bot.answer.asked import LIST_VERBS
from bot.answer.chatter import CHATTER_WORDS, is_chatter
from bot.answer.intent import Intent, detect_intent, without_relatives
from bot.answer.normalise import STOP_WORDS_FOLDED, tokens
from bot.answer.phone_french import sms_french
from bot.textfold import fold

MAX_PARTS = 4
"""At most this many questions are read from one message; the rest is left unanswered."""

# A new part starts at "and"/"et"/"," followed by a question word, or at ? ! ; and new lines.
_QUOTED = re.compile(r"[\"“«][^\"”»\n]{3,200}[\"”»]")
_SENTENCE_END = re.compile(r"[?!;\n]+|\.(?:\s+|$)")
_SENTENCE_SPLIT = re.compile(f"({_SENTENCE_END.pattern})")
_TITLE_DOT = re.compile(r"\b(mrs|mr|ms|dr|prof|mme|mlle|mgr|m|vs)\.(?=\s)", re.IGNORECASE)
"""The dot of a title or "vs." ends no sentence: "the talk of Mrs. Frazelle" is one question."""
JOINER = re.compile(
    r"(\s*(?:,|\band(?:\s+also)?\b|\bet(?:\s+aussi)?\b|&|\+|\balso\b|\baussi\b|\bpuis\b"
    r"|\bpis\b)\s+)"
)
PAIR_JOINT = re.compile(rf"{JOINER.pattern}|(\s*\?+\s+)")
"""Where one message may name two entries to ask the same of: the joiners, and a question
mark between bare names ("prometheus? traefik?")."""
_PART_OPENERS = frozenset(
    tokens(
        "when where who what which how why whats wheres whos is was are were did does do "
        "quand ou qui quoi quel quelle quels quelles combien comment pourquoi c est "
        "what's who's how's"
    )
) - {"s"}  # "what's" is read "what s"; a part opening "s'il vous plaît" asks nothing
SUBJECT_PRONOUNS = frozenset(tokens("il elle ils elles he she they"))
_WHICH_ONE = frozenset(tokens("lequel laquelle lesquels lesquelles"))


def split_parts(text: str) -> list[str]:
    """The questions in one message, in order (at most :data:`MAX_PARTS`)."""
    parts: list[str] = []
    asked: set[int] = set()  # the parts a question mark ended
    # A quoted title keeps its own punctuation: "Where the !?*! are the packets going?"
    text = _QUOTED.sub(lambda m: _SENTENCE_END.sub(" ", m.group(0)), text)
    text = _TITLE_DOT.sub(r"\1", text)
    sentences = _SENTENCE_SPLIT.split(text)  # sentence, its end, sentence, its end, ...
    for sentence, end in zip(sentences[::2], [*sentences[1::2], ""], strict=True):
        pieces = JOINER.split(sentence)  # text, joiner, text, joiner, ...
        current = pieces[0]
        for joiner, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            words = tokens(piece)
            opens = bool(words) and (
                words[0] in _PART_OPENERS
                # "... pis il travaille où ?": a pronoun then a question of its own
                or (words[0] in SUBJECT_PRONOUNS and _has_cue(piece))
            )
            if not current.strip():
                current = piece
            elif opens and _has_cue(current) and not (joiner.strip() == "," and _bare(piece)):
                parts.append(current.strip())
                current = piece
            else:
                current = f"{current}{joiner}{piece}"
        if current.strip():
            parts.append(current.strip())
            if "?" in end:
                asked.add(len(parts) - 1)
    # A first fragment with no question cue ("Hi all", "I missed the keynote") joins the
    # next one; a later one with words of its own ("... ? and Draft?") is a question of its
    # own, asked like the one before it; chatter ("thanks!") joins the one before.
    merged: list[str] = []
    carry = ""
    for at, part in enumerate(parts):
        if not _has_cue(part) and not merged and len(parts) > 1:
            following = parts[at + 1] if at + 1 < len(parts) else ""
            if (
                at in asked
                and _names_something(part)
                and _names_something(following)
                and not _refers_back(following)
            ):
                # "traefik? nomad? prometheus?": names asked alike, each a question ("Moby ?
                # son prix ?" asks one thing of Moby)
                merged.append(f"{carry} {part}?".strip())
                carry = ""
                continue
            carry = f"{carry} {part}{'?' if at in asked else ''}".strip()
            continue
        if (
            not _has_cue(part)
            and merged
            and (is_chatter(part, known=lambda _word: True) or _request_alone(part))
        ):
            merged[-1] = f"{merged[-1]} {part}"
            continue
        merged.append(f"{carry} {part}".strip() if carry else part)
        carry = ""
    if carry:
        merged.append(carry)
    return merged[:MAX_PARTS] or [text]


def _words(text: str) -> list[str]:
    """A part's words as the reader sees them (folded, SMS French written out)."""
    return tokens(sms_french(fold(text)))


def _has_cue(text: str) -> bool:
    folded = sms_french(fold(text))
    words = tokens(folded)
    return detect_intent(without_relatives(folded)) is not Intent.ANY or any(
        w in _PART_OPENERS for w in words[:2]
    )


def _names_something(text: str) -> bool:
    """Whether a part names something and asks nothing of it ("Draft", "threads of the
    day"), unlike "Hi all" or "Draft marche avec quel IDE" (whose "IntelliJ ?" after it
    guesses the answer: one question)."""
    words = _words(text)
    return not _PART_OPENERS.intersection(words) and any(
        w not in STOP_WORDS_FOLDED and w not in CHATTER_WORDS for w in words
    )


def _refers_back(text: str) -> bool:
    """Whether a part points back at what was named before it ("son prix", "her salary")."""
    return bool(_BACK_REFERENCES.intersection(_words(text)))


_BACK_REFERENCES = frozenset(
    tokens("son sa ses leur leurs lui y en ca cela it its his her their them this that")
)


def _request_alone(text: str) -> bool:
    """Whether a part only asks the bot to do something with what came before ("liste-les",
    "list them please"): it names nothing, so it is no question of its own."""
    words = _words(text)
    return bool(words) and all(w in _REQUEST_WORDS or w in STOP_WORDS_FOLDED for w in words)


_REQUEST_WORDS = LIST_VERBS | frozenset(
    tokens("details explain explique expliquer please stp svp plz exactement exactly")
)


def _bare(text: str) -> bool:
    """Whether a part is a question word and nothing to ask it of ("c'est lequel", "c'est
    quand"): after a comma it asks about what the comma closed ("l'orchestrateur de
    Google, c'est lequel ?" is one question)."""
    words = _words(text)
    tail = words[:2] in (["c", "est"], ["c", "etait"]) or words[:1] in (["lequel"], ["laquelle"])
    return tail and all(
        w in _PART_OPENERS or w in _WHICH_ONE or w in STOP_WORDS_FOLDED for w in words
    )
