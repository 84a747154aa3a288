"""The message catalogue: one module per area, merged without clashes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bot.i18n
from bot.i18n import AREAS, MESSAGES, merge

BOT = Path(bot.i18n.__file__).parent.parent
I18N = BOT / "i18n"


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
