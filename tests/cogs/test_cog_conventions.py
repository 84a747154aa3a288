"""Conventions every cog keeps: it derives from the project's base cog (:class:`EventCog`, the
shared error handling), and it is loaded by the factory through its extension's ``setup``.
Its loggers follow the rule of every module (``logging.getLogger(__name__)``, never the root
logger), checked in ``tests/test_layers.py``."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import simcord
from discord.ext import commands

import bot.cogs
from bot.discord_app.errors import EventCog
from bot.discord_app.factory import COG_EXTENSIONS


def cog_classes() -> list[type[commands.Cog]]:
    """Every cog class defined in a module of ``bot.cogs`` (feature folders included)."""
    found = []
    for info in pkgutil.walk_packages(bot.cogs.__path__, "bot.cogs."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, commands.Cog) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def where(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def test_every_cog_derives_from_the_base_cog() -> None:
    classes = cog_classes()
    assert len(classes) >= 12
    assert [where(cls) for cls in classes if not issubclass(cls, EventCog)] == []


def test_every_extension_sets_up_with_a_coroutine() -> None:
    for name in COG_EXTENSIONS:
        setup = getattr(importlib.import_module(name), "setup", None)
        assert inspect.iscoroutinefunction(setup), name


async def test_every_cog_is_loaded_by_the_factory(simcord_env: simcord.Env) -> None:
    # by name: loading an extension executes its module again, making new class objects
    loaded = {where(type(cog)) for cog in simcord_env.bot.cogs.values()}
    assert {where(cls) for cls in cog_classes()} - loaded == set()
    assert all(isinstance(cog, EventCog) for cog in simcord_env.bot.cogs.values())
