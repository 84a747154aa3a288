"""``run_discord``: start the bot, and turn every start-up failure into a message that says
what to fix, with a non-zero exit code, never a traceback.

- a knowledge base that does not load: every problem, ``file:line`` (exit 2);
- a question database that cannot be opened (locked, read-only, corrupt, newer): what to
  fix (exit 2); it is opened once here and closed when the bot stops;
- a wrong token: where to get the right one (exit 3);
- the message content intent not enabled in the developer portal: a clear warning, then the
  bot restarts without it (slash commands, DMs and mentions keep working);
- Discord unreachable, or anything unexpected: one line, details at ``LOG_LEVEL=DEBUG`` (exit 1).

SIGTERM (``docker stop``, systemd) and SIGINT (Ctrl-C) stop the bot in order, without losing
an answered question or a claimed announcement (:mod:`bot.discord_app.lifecycle`): exit 0 and
"Stopped." in the log. A second signal during the stop hurries it.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import aiohttp
import discord

from bot.discord_app.factory import Clock, EventBot, create_bot
from bot.discord_app.lifecycle import StopSignals
from bot.discord_app.privacy import quiet_payload_loggers
from bot.importers import SCHEDULE_FILE
from bot.importers.sync import first_import
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.settings import Settings
from bot.store import Store, StoreError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_LOGIN = 3

PORTAL = "https://discord.com/developers/applications"

LOGIN_FAILED = (
    "Discord refused the token in DISCORD_TOKEN (login failed). Copy the bot token from "
    f"{PORTAL} -> your application -> Bot -> Reset Token, and put it in .env as "
    "DISCORD_TOKEN=... (no quotes, no 'Bot ' prefix). The OAuth2 client secret is not the token."
)
INTENT_MISSING = (
    "The Message Content intent is not enabled for this application, so the bot cannot read "
    "plain messages in the questions channel. Running without it: slash commands, DMs and "
    "messages that mention the bot still work. To enable it: "
    f"{PORTAL} -> your application -> Bot -> Privileged Gateway Intents -> Message Content "
    "Intent, save, and restart the bot. To silence this warning, set MESSAGE_CONTENT_INTENT=false."
)
INTENT_STILL_MISSING = (
    "Discord still refuses the connection for a missing privileged intent. Check "
    f"{PORTAL} -> your application -> Bot -> Privileged Gateway Intents."
)


def token_problem(token: str) -> str | None:
    """A hint when ``token`` cannot be a bot token (before asking Discord)."""
    value = token.strip()
    if not value:
        return "DISCORD_TOKEN is empty: put the bot token in .env (see docs/discord-setup.md)."
    if value.lower().startswith("bot "):
        return "DISCORD_TOKEN starts with 'Bot ': remove that prefix, keep only the token."
    if any(ch.isspace() for ch in value) or value.count(".") != 2:
        return (
            "DISCORD_TOKEN does not look like a bot token (three parts separated by dots). "
            "Did you paste the client secret or the public key? " + LOGIN_FAILED
        )
    return None


def configure_logging(level: str) -> None:
    discord.utils.setup_logging(level=getattr(logging, level.upper(), logging.INFO), root=True)
    quiet_payload_loggers()  # their DEBUG lines carry user ids, message texts, SQL parameters
    # The bot never joins voice: the "voice will NOT be supported" warnings are noise.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False


def _say(stream: TextIO, message: str) -> None:
    print(message, file=stream)


async def run_until_stopped(bot: EventBot, token: str) -> bool:
    """Run ``bot`` until it closes or SIGTERM/SIGINT asks it to stop, then stop it in order;
    whether a signal stopped it. Raises what :meth:`EventBot.start` raises (a refused login).
    """
    requested = asyncio.Event()
    with StopSignals(requested.set, bot.hurry_stop) as signals:
        running = asyncio.ensure_future(bot.start(token))
        waiting = asyncio.ensure_future(requested.wait())
        try:
            await asyncio.wait({running, waiting}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiting.cancel()
            if not running.done() and not requested.is_set():  # we were cancelled
                running.cancel()
        if not running.done():
            # Stop reading the gateway first (no more events; the connection stays open), as
            # discord.py's own Client.run does on Ctrl-C: closing it while it is being read
            # would let the reader close it with 4000, which Discord takes for "resume later".
            running.cancel()
            await asyncio.wait({running})
            await bot.close()  # then close it with 1000, let handlers finish, unload the cogs
        if not running.cancelled():
            running.result()
        return bool(signals.received)


async def serve(
    settings: Settings,
    kb: KnowledgeBase,
    *,
    clock: Clock | None = None,
    build: Callable[..., EventBot] = create_bot,
    stream: TextIO = sys.stderr,
) -> int:
    """Run until the bot is closed or stopped by a signal; returns the exit code. Falls back
    to slash-only mode when the message content intent is refused. The store is closed last,
    after the bot (and every handler it let finish)."""
    try:
        store = await Store.from_settings(settings, clock=clock)
    except StoreError as exc:
        _say(stream, f"The question database cannot be opened: {exc}")
        return EXIT_INVALID
    stopped = False
    try:
        message_content = settings.message_content_intent
        for attempt in range(2):
            bot = build(
                settings,
                kb,
                clock=clock,
                message_content=message_content,
                store=store,
                heartbeat=True,
            )
            try:
                async with bot:
                    stopped = await run_until_stopped(bot, settings.discord_token.strip())
                return EXIT_OK
            except discord.LoginFailure:
                _say(stream, LOGIN_FAILED)
                return EXIT_LOGIN
            except discord.PrivilegedIntentsRequired:
                if attempt == 0 and message_content:
                    log.warning(INTENT_MISSING)
                    _say(stream, "warning: " + INTENT_MISSING)
                    message_content = False
                    continue
                _say(stream, INTENT_STILL_MISSING)
                return EXIT_FAILED
        return EXIT_FAILED
    finally:
        await store.close()
        if stopped:
            log.info("Stopped.")


def first_import_from_settings(settings: Settings, directory: Path) -> str:
    """:func:`bot.importers.sync.first_import` with the ``SCHEDULE_*`` settings."""
    return first_import(
        settings.schedule_url,
        directory,
        timeout=settings.schedule_timeout_seconds,
        max_bytes=settings.schedule_max_bytes,
        timezone=settings.schedule_timezone,
        keep_event=settings.schedule_keep_event,
    )


def run_discord(
    settings: Settings,
    knowledge: Path | None = None,
    *,
    clock: Clock | None = None,
    build: Callable[..., EventBot] = create_bot,
    stream: TextIO = sys.stderr,
    setup_logging: bool = True,
) -> int:
    """Start the Discord bot with ``settings`` (``DISCORD_TOKEN`` set); returns the exit code.

    ``knowledge`` overrides ``KNOWLEDGE_DIR``; ``build`` (default :func:`create_bot`) and
    ``setup_logging`` exist for tests.
    """
    if setup_logging:
        configure_logging(settings.log_level)
    hint = token_problem(settings.discord_token)
    if hint and not settings.discord_token.strip():
        _say(stream, hint)
        return EXIT_INVALID
    directory = Path(knowledge) if knowledge else settings.knowledge_dir
    if settings.schedule_url and not (directory / SCHEDULE_FILE).exists():
        _say(stream, first_import_from_settings(settings, directory))
    try:
        kb = load_knowledge(directory)
    except KnowledgeError as exc:
        _say(stream, f"The knowledge base in {directory} does not load:\n{exc}")
        return EXIT_INVALID
    if hint:
        log.warning(hint)
    try:
        return asyncio.run(serve(settings, kb, clock=clock, build=build, stream=stream))
    except KeyboardInterrupt:
        _say(stream, "Stopped.")
        return EXIT_OK
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound, TimeoutError) as exc:
        log.debug("network failure", exc_info=True)
        _say(stream, f"Could not reach Discord ({type(exc).__name__}: {exc}). Check the network.")
        return EXIT_FAILED
    except discord.HTTPException as exc:
        log.debug("HTTP failure", exc_info=True)
        _say(stream, f"Discord answered with an error ({exc.status}): {exc.text or exc}")
        return EXIT_FAILED
    except Exception as exc:
        log.debug("unexpected failure", exc_info=True)
        _say(
            stream,
            f"The bot stopped on an unexpected error: {type(exc).__name__}: {exc}. "
            "Set LOG_LEVEL=DEBUG in .env for the details.",
        )
        return EXIT_FAILED


__all__ = ["EXIT_LOGIN", "run_discord", "run_until_stopped", "serve", "token_problem"]
