"""Conventions that keep the bot on discord.py's public surface."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import bot


def _bot_classes() -> list[type]:
    classes = []
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if info.name == "bot.__main__":
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                classes.append(cls)
    return classes


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_class_overrides_a_private_discord_name() -> None:
    """A subclass of a discord.py class must not reuse one of its private names: discord.py
    calls them with its own arguments (``View._refresh(components)`` on every message edit,
    once shadowed by a paginator's ``_refresh()``), and the clash fails inside the gateway."""
    clashes = []
    for cls in _bot_classes():
        library = [base for base in cls.__mro__[1:] if base.__module__.split(".")[0] == "discord"]
        for name in vars(cls):
            if not _private(name) or name.startswith(f"_{cls.__name__}__"):
                continue
            owners = [base.__qualname__ for base in library if name in vars(base)]
            if owners:
                clashes.append(f"{cls.__module__}.{cls.__qualname__}.{name} (in {owners[0]})")
    assert not clashes, "private discord.py names overridden: " + ", ".join(clashes)
