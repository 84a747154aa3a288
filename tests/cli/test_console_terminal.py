"""The console on a real terminal (a pseudo-terminal): line editing, history, Ctrl-C."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UP_ARROW = b"\x1b[A"
CTRL_C = b"\x03"
SETTLE = 0.3
"""Pause after a prompt before typing: readline shows the prompt a moment before it reads
the terminal, and keys typed in between (at machine speed, never a person's) are echoed raw
or, for Ctrl-C, noticed only at the next key."""


class Terminal:
    """``python -m bot chat`` on a pseudo-terminal it has as controlling terminal, so that
    Ctrl-C typed there is a SIGINT, as in a real shell."""

    def __init__(self, tmp_path: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
        env.update(TERM="xterm", DATABASE_PATH=str(tmp_path / "q.sqlite3"), COLUMNS="200")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the bot
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "bot", "chat"], env)
        self.output = b""
        self.seen = 0

    def read_until(self, wanted: bytes, timeout: float = 20.0) -> None:
        """Read until ``wanted`` appears in what came since the last call."""
        deadline = time.monotonic() + timeout
        while wanted not in self.output[self.seen :]:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            chunk = os.read(self.fd, 4096) if ready else b""
            if not chunk:
                raise AssertionError(f"{wanted!r} never came; got {self.output[-500:]!r}")
            self.output += chunk
        self.seen = self.output.index(wanted, self.seen) + len(wanted)

    def type(self, keys: bytes) -> None:
        time.sleep(SETTLE)
        os.write(self.fd, keys)

    def wait(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    self.output += os.read(self.fd, 4096)
            except OSError:
                time.sleep(0.05)
        os.kill(self.pid, 9)
        raise AssertionError(f"the console did not exit: {self.output[-600:]!r}")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_arrow_keys_recall_history_and_ctrl_c_quits_cleanly(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    try:
        term.read_until(b"> ")
        term.type(b"what is draft?\r")
        term.read_until(b"Helm, Draft, Workflow")
        term.read_until(b"> ")  # the next prompt: readline is reading the line
        term.type(UP_ARROW + b"\r")  # the previous question again
        term.read_until(b"Helm, Draft, Workflow")
        term.read_until(b"> ")
        assert b"^[[A" not in term.output
        term.type(CTRL_C)
        code = term.wait()
    finally:
        os.close(term.fd)
    assert code == 0, term.output[-500:]
    assert b"Bye." in term.output
    assert b"Traceback" not in term.output and b"KeyboardInterrupt" not in term.output
