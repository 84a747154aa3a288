"""A small Discord on 127.0.0.1 for the real bot process: the REST routes and the websocket
gateway that discord.py 2.7 uses to log in, register commands, receive messages and reply.

Not a simulator (simcord is that): one guild, one bot, text channels, messages. What it adds
is control over time in a real process: a reply can be held unanswered, the test is told the
moment a reply arrives (to send a signal then), and it records how the connection ended.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from bot.discord_app.factory import REQUIRED_PERMISSIONS

APPLICATION_ID = 4000
BOT_ID = 4001
GUILD_ID = 4100
OWNER_ID = 4002
CHANNELS = {"questions": 4201, "announcements": 4202, "general": 4203}

HELLO, HEARTBEAT, HEARTBEAT_ACK, IDENTIFY, DISPATCH = 10, 1, 11, 2, 0


def _user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
        "flags": 0,
    }


def _json(data: Any) -> web.Response:
    """A JSON response as Discord sends it: discord.py reads the body as JSON only when the
    content type is exactly ``application/json`` (no charset)."""
    return web.Response(
        body=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )


async def _no_delay(post: Post) -> None:
    return None


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class Post:
    """A message the bot posted (a reply, an announcement): its channel, its JSON body, and
    whether this fake answered the request (so the bot knows it was sent)."""

    channel_id: int
    body: dict[str, Any]
    answered: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def reply_to(self) -> int | None:
        reference = self.body.get("message_reference") or {}
        return int(reference["message_id"]) if reference.get("message_id") else None


class FakeDiscord:
    """Start with ``await fake.start()``; point the bot at ``fake.url`` (see ``sitecustomize``).

    ``hold(post) -> bool`` keeps a post's request unanswered until :meth:`release`;
    ``before_answer(post)`` is awaited before each answer (Discord's own delay);
    ``on_post(post)`` is called when a post's request has been answered.
    """

    def __init__(self) -> None:
        self.hold: Callable[[Post], bool] = lambda post: False
        self.before_answer: Callable[[Post], Awaitable[object]] = _no_delay
        self.on_post: Callable[[Post], object] = lambda post: None
        self.posts: list[Post] = []
        self.close_code: int | None = None
        self.ready = asyncio.Event()
        self.closed = asyncio.Event()
        self._released = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._sequence = itertools.count(1)
        self._ids = itertools.count(900_000)
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- server ---------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        api = "/api/v10"
        app.router.add_get(f"{api}/users/@me", self._me)
        app.router.add_get(f"{api}/oauth2/applications/@me", self._application)
        app.router.add_put(
            f"{api}/applications/{{app}}/guilds/{{guild}}/commands", self._put_commands
        )
        app.router.add_put(f"{api}/applications/{{app}}/commands", self._put_commands)
        app.router.add_post(f"{api}/channels/{{channel}}/messages", self._post_message)
        app.router.add_put(
            f"{api}/channels/{{channel}}/messages/{{message}}/reactions/{{emoji}}/@me",
            self._no_content,
        )
        app.router.add_get("/gateway", self._gateway)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        self.release()
        if self._runner is not None:
            await self._runner.cleanup()

    def release(self) -> None:
        """Answer every held request now."""
        self._released.set()

    # -- REST -----------------------------------------------------------------------------

    async def _me(self, request: web.Request) -> web.Response:
        return _json(_user(BOT_ID, "TestBot", bot=True))

    async def _application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": str(APPLICATION_ID),
                "name": "TestBot",
                "description": "",
                "icon": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "owner": _user(OWNER_ID, "owner"),
                "verify_key": "0" * 64,
                "flags": 0,
            }
        )

    async def _put_commands(self, request: web.Request) -> web.Response:
        commands = await request.json()
        guild = request.match_info.get("guild")
        for number, command in enumerate(commands, start=1):
            command.update(
                id=str(APPLICATION_ID * 1000 + number),
                application_id=str(APPLICATION_ID),
                version="1",
                **({"guild_id": guild} if guild else {}),
            )
            command.setdefault("type", 1)
            command.setdefault("description", "")
        return _json(commands)

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _post_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        body = await request.json()
        post = Post(channel_id, body)
        self.posts.append(post)
        if self.hold(post):
            await self._released.wait()
        await self.before_answer(post)
        message = self._message(channel_id, _user(BOT_ID, "TestBot", bot=True), body)
        response = _json(message)
        await response.prepare(request)
        await response.write_eof()
        post.answered.set()
        self.on_post(post)
        return response

    def _message(
        self, channel_id: int, author: dict[str, Any], body: dict[str, Any]
    ) -> dict[str, Any]:
        message = {
            "id": str(next(self._ids)),
            "channel_id": str(channel_id),
            "guild_id": str(GUILD_ID),
            "author": author,
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 19 if body.get("message_reference") else 0,
            "flags": 0,
        }
        if body.get("message_reference"):
            message["message_reference"] = body["message_reference"]
        return message

    # -- gateway --------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoclose=False)
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json({"op": HELLO, "d": {"heartbeat_interval": 41250}})
        async for message in ws:
            if message.type == WSMsgType.CLOSE:
                self.close_code = int(message.data)  # the code the bot closed with
                await ws.close()
                break
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload["op"] == HEARTBEAT:
                await ws.send_json({"op": HEARTBEAT_ACK, "d": None})
            elif payload["op"] == IDENTIFY:
                await self._dispatch("READY", self._ready_payload(request))
                await self._dispatch("GUILD_CREATE", self._guild())
                self.ready.set()
        if self.close_code is None:
            self.close_code = ws.close_code
        self.closed.set()
        return ws

    async def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None
        await self._ws.send_json({"op": DISPATCH, "t": event, "s": next(self._sequence), "d": data})

    def _ready_payload(self, request: web.Request) -> dict[str, Any]:
        return {
            "v": 10,
            "user": _user(BOT_ID, "TestBot", bot=True),
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "session",
            "resume_gateway_url": self.url.replace("http://", "ws://") + "/gateway",
            "application": {"id": str(APPLICATION_ID), "flags": 0},
            "shard": [0, 1],
        }

    def _guild(self) -> dict[str, Any]:
        everyone = {
            "id": str(GUILD_ID),
            "name": "@everyone",
            "permissions": str(REQUIRED_PERMISSIONS.value),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
        }
        organiser = {**everyone, "id": str(GUILD_ID + 1), "name": "Organiser", "permissions": "0"}
        return {
            "id": str(GUILD_ID),
            "name": "Conf",
            "icon": None,
            "owner_id": str(OWNER_ID),
            "roles": [everyone, organiser],
            "channels": [
                {
                    "id": str(channel_id),
                    "type": 0,
                    "guild_id": str(GUILD_ID),
                    "name": name,
                    "position": position,
                    "permission_overwrites": [],
                }
                for position, (name, channel_id) in enumerate(CHANNELS.items())
            ],
            "members": [
                {
                    "user": _user(BOT_ID, "TestBot", bot=True),
                    "roles": [],
                    "joined_at": _now(),
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                }
            ],
            "member_count": 3,
            "emojis": [],
            "stickers": [],
            "features": [],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "joined_at": _now(),
            "large": False,
            "unavailable": False,
            "premium_tier": 0,
            "mfa_level": 0,
            "verification_level": 0,
            "explicit_content_filter": 0,
            "default_message_notifications": 0,
            "preferred_locale": "en-US",
            "system_channel_flags": 0,
            "nsfw_level": 0,
        }

    async def say(self, channel: str, user_id: int, content: str) -> int:
        """An attendee posts ``content`` in ``channel``; returns the message id."""
        author = _user(user_id, f"user{user_id}")
        message = self._message(CHANNELS[channel], author, {"content": content})
        message["type"] = 0
        message["member"] = {
            "roles": [],
            "joined_at": _now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
        await self._dispatch("MESSAGE_CREATE", message)
        return int(message["id"])
