"""The message catalogue: one module per area, merged without clashes, and every key used."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

import bot.i18n
from bot.i18n import AREAS, MESSAGES, merge

BOT = Path(bot.i18n.__file__).parent.parent
I18N = BOT / "i18n"
LEXICON = BOT / "answer" / "lexicon.yaml"


def test_a_key_defined_in_two_areas_is_an_error() -> None:
    first = {"greeting": {"en": "Hello", "fr": "Bonjour"}}
    second = {"greeting": {"en": "Hi", "fr": "Salut"}}
    with pytest.raises(ValueError, match=r"'greeting'.*first.*second"):
        merge({"first": first, "second": second})


def test_merge_keeps_every_key_of_every_area() -> None:
    first = {"a": {"en": "A", "fr": "A"}}
    second = {"b": {"en": "B", "fr": "B"}}
    assert merge({"first": first, "second": second}) == {**first, **second}


def area_files() -> list[Path]:
    return sorted(path for path in I18N.glob("*.py") if path.stem != "__init__")


def test_every_area_module_is_merged() -> None:
    """A new area file that is not listed in ``AREAS`` would silently lose its messages."""
    files = {path.stem for path in area_files()}
    assert {area.__name__.rsplit(".", 1)[-1] for area in AREAS} == files


def test_no_key_is_written_twice_in_the_area_files() -> None:
    """A key repeated inside one dict literal would silently replace the first text, so the
    merge cannot see it: read the keys from the source."""
    seen: dict[str, str] = {}
    for path in area_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MESSAGES":
                assert isinstance(node.value, ast.Dict), path
                for key in node.value.keys:
                    assert isinstance(key, ast.Constant), f"{path}: a key is not a literal"
                    assert key.value not in seen, f"{key.value!r} in {seen.get(key.value)}, {path}"
                    seen[key.value] = path.name
    assert set(seen) == set(MESSAGES)


@cache
def bot_sources() -> str:
    """The code that uses messages: every module of ``bot/`` but the catalogue itself."""
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(BOT.rglob("*.py"))
        if I18N not in path.parents
    )


def quoted(word: str) -> bool:
    """``word`` is a string literal somewhere in ``bot/``: ``t("room", ...)``, ``("day", ...)``."""
    return re.search(rf"""["']{re.escape(word)}["']""", bot_sources()) is not None


@cache
def not_held_labels() -> frozenset[str]:
    """The labels of what the event does not hold (``bot/answer/lexicon.yaml``): the engine
    passes them on as ``Answer.missing``."""
    return frozenset(yaml.safe_load(LEXICON.read_text(encoding="utf-8"))["not_held"])


def used_dynamically(key: str) -> bool:
    """Keys built from a value rather than written out, each family accounted for here.

    - ``premise_{answer.premise}`` (``bot/render/text.py``, ``embeds.py``): the engine sets
      ``premise`` to the literal ``"right"`` or ``"wrong"``.
    - ``missing_{answer.missing}`` (``bot/render/text.py``, ``missing_label``): ``missing`` is a
      ``not_held`` label of the lexicon, or a literal the engine passes (``"numbers"``...).
    """
    family, _, value = key.partition("_")
    if family == "premise":
        return 'f"premise_{' in bot_sources() and quoted(value)
    if family == "missing":
        return 'f"missing_{' in bot_sources() and (value in not_held_labels() or quoted(value))
    return False


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_used_in_the_bot(key: str) -> None:
    assert quoted(key) or used_dynamically(key), f"{key} is not used anywhere in bot/"


def test_an_unused_key_is_caught() -> None:
    assert not quoted("no_such_message_key") and not used_dynamically("missing_no_such_thing")
