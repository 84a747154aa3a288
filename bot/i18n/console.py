"""The local console (``bot/cli/chat_cmd.py``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "console_intro": {
        "en": (
            "Local console for {event} ({count} entries). Ask a question; Ctrl-D or Ctrl-C "
            "quits.\n"
            "To run the Discord bot, set DISCORD_TOKEN in .env (see README)."
        ),
        "fr": (
            "Console locale pour {event} ({count} entrées). Posez une question ; Ctrl-D ou "
            "Ctrl-C pour quitter.\nPour lancer le bot Discord, renseignez DISCORD_TOKEN dans "
            ".env (voir README)."
        ),
    },
    "console_bye": {"en": "Bye.", "fr": "Au revoir."},
}
