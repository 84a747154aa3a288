"""``python -m bot`` as a real process against the loopback :class:`FakeDiscord`."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from fake_discord import GUILD_ID, FakeDiscord

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(__file__).resolve().parent / "site"  # sitecustomize: discord.py -> the fake
TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.fake00.not-a-real-token-at-all"
START_TIMEOUT = 30.0


class RealBot:
    """The bot process, its stderr (the log) and its database, under ``async with``."""

    def __init__(self, fake: FakeDiscord, tmp_path: Path, **env: str) -> None:
        self.fake = fake
        self.database = tmp_path / "questions.sqlite3"
        self.cwd = tmp_path
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")},
            "PYTHONPATH": os.pathsep.join([str(SITE), str(ROOT)]),
            "EVENT_BOT_FAKE_DISCORD": fake.url,
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_GUILD_ID": str(GUILD_ID),
            "DATABASE_PATH": str(self.database),
            "COOLDOWN_SECONDS": "0",
            "CHANNEL_COOLDOWN_SECONDS": "0",
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.process: asyncio.subprocess.Process | None = None
        self.log = ""
        self._reader: asyncio.Task[None] | None = None

    async def __aenter__(self) -> RealBot:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=self.cwd,  # no .env from the checkout; nothing written there
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read_log())
        ready = asyncio.ensure_future(self.fake.ready.wait())
        await asyncio.wait(
            {ready, self._reader}, timeout=START_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        if not ready.done():
            ready.cancel()
            raise AssertionError(f"the bot did not connect:\n{self.log[-3000:]}")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        if self._reader is not None:
            await self._reader

    async def _read_log(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        async for line in self.process.stderr:
            self.log += line.decode("utf-8", "replace")

    def signal(self, sig: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(sig)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def exit_code(self, timeout: float) -> int:
        """Wait for the process to end (killing it after ``timeout`` seconds)."""
        assert self.process is not None
        try:
            code = await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            raise AssertionError(f"still running after {timeout} s:\n{self.log[-3000:]}") from None
        if self._reader is not None:
            await self._reader
        return code
