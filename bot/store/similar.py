"""Group questions whose text is similar (for "what the bot could not answer").

Pure functions, no I/O: the store runs :func:`group_similar` in a worker thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process

DEFAULT_THRESHOLD = 85.0

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Case-fold, strip accents and punctuation, collapse spaces.

    ``"C'est OÙ ?"`` -> ``"c est ou"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True, slots=True)
class SimilarGroup:
    """Questions with similar text: how many, the newest wording, when last and first seen."""

    count: int
    example: str
    last_seen: datetime
    first_seen: datetime
    variants: tuple[str, ...]
    """Up to a few distinct wordings (newest first), ``example`` included."""


@dataclass(slots=True)
class _Builder:
    count: int
    example: str
    last_seen: datetime
    first_seen: datetime
    variants: list[str]


def group_similar(
    items: Iterable[tuple[str, datetime]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_variants: int = 3,
) -> list[SimilarGroup]:
    """Cluster ``(text, asked_at)`` pairs, newest first in the result.

    Texts equal after :func:`normalise` always share a group; otherwise a text joins the first
    group whose representative scores ``>= threshold`` with rapidfuzz ``token_set_ratio``
    (word order and repeated words do not matter; a wording contained in another matches).
    Greedy and order-dependent by design: cheap, and good enough to read.
    """
    exact: dict[str, _Builder] = {}
    for text, when in items:
        key = normalise(text)
        found = exact.get(key)
        if found is None:
            exact[key] = _Builder(1, text, when, when, [text])
            continue
        found.count += 1
        if when > found.last_seen:
            found.last_seen, found.example = when, text
        found.first_seen = min(found.first_seen, when)
        if text not in found.variants and len(found.variants) < max_variants:
            found.variants.append(text)

    representatives: list[str] = []
    groups: list[_Builder] = []
    ordered = sorted(exact.items(), key=lambda item: item[1].last_seen, reverse=True)
    for key, builder in ordered:
        match = None
        if key and representatives:
            match = process.extractOne(
                key,
                representatives,
                scorer=fuzz.token_set_ratio,
                processor=None,
                score_cutoff=threshold,
            )
        if match is None:
            representatives.append(key if key else "\x00")
            groups.append(builder)
            continue
        group = groups[match[2]]
        group.count += builder.count
        group.first_seen = min(group.first_seen, builder.first_seen)
        for variant in builder.variants:
            if variant not in group.variants and len(group.variants) < max_variants:
                group.variants.append(variant)
    return [
        SimilarGroup(g.count, g.example, g.last_seen, g.first_seen, tuple(g.variants))
        for g in groups
    ]
