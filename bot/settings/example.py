"""``.env.example``, written from the declarations in :mod:`bot.settings.declarations`.

After changing a setting, rewrite the file with ``python -m bot.settings.example >
.env.example``; a test fails while the shipped file differs from what this writes.
"""

from __future__ import annotations

from bot.settings.declarations import DECLARATIONS

RULE_WIDTH = 95
"""The length of a section's rule."""

HEADER = """\
# Event bot settings. Copy this file to .env and fill in DISCORD_TOKEN.
# The environment wins over .env. Every value is optional except DISCORD_TOKEN (without it,
# `python -m bot` opens the local console instead of connecting to Discord).
# Walkthrough: docs/discord-setup.md
# The file is read like other .env tools read it (python-dotenv): KEY=value, quotes optional,
# '# comments' after a value, \\n escapes inside double quotes, ${VARIABLES} left as they are.
# A key that looks like a misspelled setting (DISCORD_TOKN) is reported at start.
# This file is written by `python -m bot.settings.example` from bot/settings/declarations.py.
"""


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in text.splitlines()]


def render_example() -> str:
    """The text of ``.env.example``: each setting's doc, range and default, by section."""
    lines = [HEADER.rstrip("\n")]
    section = ""
    for declared in DECLARATIONS.values():
        if declared.section != section:
            section = declared.section
            lines += ["", f"# --- {section} ".ljust(RULE_WIDTH, "-")]
        else:
            lines.append("")
        lines += _comment(declared.doc)
        if declared.allowed:
            lines += _comment(f"Allowed: {declared.allowed}.")
        lines.append(f"{declared.variable}={declared.example}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_example(), end="")
