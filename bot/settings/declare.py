"""What a setting's declaration holds, and how it rides on a :class:`Settings` field.

:func:`setting` is the field's default: it returns a :func:`dataclasses.field` carrying the
:class:`Setting` in its metadata, so the field's name, type and default are the dataclass's
own and the rest (variable, parser, doc) sits beside them. :func:`declarations` reads them
back, in the order they are declared: the loader and ``.env.example`` both walk that order.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from bot.settings.parsers import Number, Parser, shown_number

T = TypeVar("T")

_KEY = "setting"


@dataclass(frozen=True)
class Setting:
    """One setting: its variable, how its text is read, and how ``.env.example`` shows it."""

    variable: str
    parse: Parser[Any]
    section: str
    doc: str
    """As ``.env.example`` shows it, line by line."""
    example: str
    """The value ``.env.example`` gives it: the default as written in ``.env``."""
    reads_blank: bool
    """A blank value is read (``ANNOUNCEMENTS_CHANNEL=``: no channel); otherwise it means
    the default."""

    @property
    def allowed(self) -> str:
        """The allowed values, when the parser has a range to say (numbers), else ``""``."""
        return self.parse.allowed if isinstance(self.parse, Number) else ""


def as_written(default: object) -> str:
    """``default`` as it would be written in ``.env`` (what its parser reads back)."""
    if default is None:
        return ""
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, float):
        return shown_number(default)
    if isinstance(default, tuple):
        return ",".join(default)
    if isinstance(default, Mapping):
        return ",".join(f"{key}={value}" for key, value in default.items())
    return str(default)


def setting(
    variable: str,
    default: T,
    parse: Parser[T],
    *,
    section: str,
    doc: str,
    secret: bool = False,
    reads_blank: bool = False,
    example: str | None = None,
) -> T:
    """A :class:`Settings` field read from ``variable``. ``secret`` keeps it out of
    ``repr``; ``example`` replaces the default in ``.env.example`` when that is not portable
    (a path on this machine)."""
    declared = Setting(
        variable=variable,
        parse=parse,
        section=section,
        doc=inspect.cleandoc(doc),
        example=as_written(default) if example is None else example,
        reads_blank=reads_blank,
    )
    metadata = {_KEY: declared}
    if isinstance(default, dict):
        # dataclasses refuse a mutable default: each Settings gets its own copy.
        return field(default_factory=lambda: copy.copy(default), repr=not secret, metadata=metadata)
    return field(default=default, repr=not secret, metadata=metadata)


def declarations(cls: type) -> dict[str, Setting]:
    """The field name -> :class:`Setting` of every field of ``cls`` declared with
    :func:`setting`, in declaration order."""
    return {f.name: f.metadata[_KEY] for f in fields(cls) if _KEY in f.metadata}
