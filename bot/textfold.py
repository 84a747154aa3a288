"""Case and accent folding (the one way every module compares text typed by people),
one-line clipping of text for labels and report cells, and removing the control characters
attendee text may carry before it reaches an organiser's terminal.

A leaf module (it imports nothing from ``bot``), so the knowledge base, the agenda, the
answering engine and the importers can all use it without import cycles.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
_CONTROLS_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
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


def printable(text: str, *, keep_lines: bool = False) -> str:
    """``text`` without control characters: C0 and C1 controls (ESC starts the terminal
    sequences that retitle a window or clear the screen; CR rewrites the line shown), DEL,
    and the bidirectional overrides that reorder what is displayed. ``keep_lines`` keeps
    line feeds and tabs (a CSV cell may hold several lines)."""
    return (_CONTROLS_BUT_LINES if keep_lines else _CONTROLS).sub("", text)


def clip(text: str | None, limit: int) -> str:
    """``text`` on one line (whitespace collapsed, control characters removed: see
    :func:`printable`), at most ``limit`` characters, with an ellipsis when cut: for
    autocomplete labels and report cells, which reach organisers' terminals."""
    flat = " ".join(printable(" ".join((text or "").split())).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
