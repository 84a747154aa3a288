"""Points discord.py at the loopback fake Discord of the real-process tests.

On ``PYTHONPATH`` only for the bot processes those tests start: when ``EVENT_BOT_FAKE_DISCORD``
is set (``http://127.0.0.1:PORT``), the REST API and the gateway are that server's. Nothing
else of the bot is changed: the process is ``python -m bot`` with its real discord.py client.
"""

from __future__ import annotations

import os

_FAKE = os.environ.get("EVENT_BOT_FAKE_DISCORD", "")

if _FAKE.startswith(("http://127.0.0.1:", "http://localhost:")):
    import discord.gateway
    import discord.http
    import yarl

    discord.http.Route.BASE = f"{_FAKE}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        _FAKE.replace("http://", "ws://", 1) + "/gateway"
    )
