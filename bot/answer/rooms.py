"""Room mentions in a question: "H.2215", "h2215", "salle Ferrer", "UD2.218A", "Janson".

Built once per knowledge base from the event's rooms and the sessions' rooms. A room such as
``H.2215 (Ferrer)`` is found by its code, written with or without its punctuation
("h.2215", "h 2215", "h2215"), by the name in parentheses ("ferrer"), or whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from bot.answer.normalise import tokens
from bot.kb.model import KnowledgeBase

ROOM_CUE = "salle"
ROOM_TYPO_LETTERS = 4
"""A room word and a word said before a room's name are matched with one typo from this
length on ("en sale Marais", "rooom K.3.201"); shorter ones are other words ("all" is no
"hall")."""


def is_room_word(word: str, room_words: frozenset[str]) -> bool:
    """Whether ``word``, said just before a room's name, is a room word, maybe mistyped
    ("en sale H.2214", "rooom K.3.201")."""
    return word in room_words or (
        len(word) >= 3
        and any(Levenshtein.distance(word, r, score_cutoff=1) <= 1 for r in room_words)
    )


MAX_ROOM_WORDS = 4
"""The longest run of question words tried as one room name."""

_PARENTHESES = re.compile(r"\(([^)]*)\)")
_SEPARATORS = re.compile(r"\s+[-/–|]\s+|/")  # "Monheim/Rhein": a slash needs no spaces


@dataclass(frozen=True)
class RoomMention:
    room: str  # the room's name as the knowledge base writes it
    start: int  # token positions in the question
    end: int


def _compact(words: list[str] | tuple[str, ...]) -> str:
    return "".join(words)


class RoomFinder:
    """Finds the knowledge base's rooms in folded question tokens."""

    def __init__(self, kb: KnowledgeBase) -> None:
        rooms = list(dict.fromkeys([*kb.event.rooms, *(s.room for s in kb.sessions if s.room)]))
        self.rooms = tuple(rooms)
        self._keys: dict[str, str] = {}
        for room in rooms:
            for key in self._keys_of(room):
                # A key two rooms share ("K.3" of K.3.201 and K.3.401) names neither.
                if self._keys.get(key, room) != room:
                    self._keys[key] = ""
                else:
                    self._keys[key] = room
        # Every beginning of every key: a question word that begins none starts no room.
        self._prefixes = {key[:end] for key in self._keys for end in range(1, len(key) + 1)}

    @staticmethod
    def _keys_of(room: str) -> list[str]:
        keys = [_compact(tokens(room))]
        inside = _PARENTHESES.findall(room)
        outside = _PARENTHESES.sub(" ", room)
        # "r3s - Monheim/Rhein", "hacc München / about:future - München": each piece too
        # ("Monheim", "Rhein").
        pieces = [p for part in (*inside, outside) for p in _SEPARATORS.split(part)]
        for part in (*inside, outside, *pieces):
            words = tokens(part)
            # A code needs a digit ("H.2215"); a plain word needs some length ("Ferrer").
            if words and (any(c.isdigit() for c in "".join(words)) or len(_compact(words)) >= 4):
                keys.append(_compact(words))
        return [key for key in keys if key]

    def find(
        self,
        words: list[str],
        room_words: frozenset[str] = frozenset(),
        agenda: bool = False,
    ) -> list[RoomMention]:
        """Room mentions in ``words`` (folded tokens), longest first at each position.

        A room named by a plain word ("Ferrer", "Fontaine") counts only after one of
        ``room_words`` ("salle Ferrer", "in Janson") or in a question about the agenda
        (``agenda``: it names a day or a time, "Curie jeudi 12h30"): otherwise it may be a
        person or a topic.
        """
        found: list[RoomMention] = []
        position = 0
        while position < len(words):
            if words[position] not in self._prefixes:
                position += 1
                continue
            for size in range(min(MAX_ROOM_WORDS, len(words) - position), 0, -1):
                key = _compact(words[position : position + size])
                room = self._keys.get(key)
                plain = not any(c.isdigit() for c in key)
                if room and plain and room_words and not agenda:
                    before = words[position - 1] if position else ""
                    if before not in room_words:
                        room = ""
                if room:
                    found.append(RoomMention(room, position, position + size))
                    position += size
                    break
            else:
                position += 1
        return found
