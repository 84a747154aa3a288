"""Is a word an ordinary English or French word? (simplemma's dictionaries)

A question word that the knowledge base does not hold is either filler ("sert", "really",
"finalement") or the name of something the event never had ("Podman", "Kelsey Hightower",
"Spotify"). The engine answers around filler and refuses around unknown names; only a
dictionary tells them apart. simplemma (MIT, no dependencies) knows inflected forms
("bossent" -> "bosser"). Its dictionaries take about half a second and 30 MB to load, so
they are loaded on the first question that needs them, not at start-up.
"""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("en", "fr")
CACHE_SIZE = 65_536
"""How many dictionary look-ups are remembered."""


@lru_cache(maxsize=CACHE_SIZE)
def is_ordinary_word(word: str) -> bool:
    """Whether ``word`` (lowercase; with its accents when known) is an English or French
    word."""
    import simplemma  # loaded on first use: see the module docstring

    return bool(simplemma.is_known(word, lang=LANGUAGES))
