"""Case and accent folding (the one way every module compares text typed by people), and
one-line clipping of text for labels and report cells.

A leaf module (it imports nothing from ``bot``), so the knowledge base, the agenda, the
answering engine and the importers can all use it without import cycles.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase, strip accents and ligatures: ``"Sécurité Œuvre"`` -> ``"securite oeuvre"``."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_LIGATURES))
    return _COMBINING.sub("", decomposed)


def clip(text: str | None, limit: int) -> str:
    """``text`` on one line (whitespace collapsed), at most ``limit`` characters, with an
    ellipsis when cut: for autocomplete labels and table cells."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
