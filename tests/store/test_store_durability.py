"""A process killed with SIGKILL mid-burst loses no question whose ``log_question`` returned."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("sigkill_child.py")
KILL_AFTER = 3000  # ids printed before the kill


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("synchronous", ["NORMAL", "FULL"])
def test_sigkill_mid_burst_loses_no_answered_question(tmp_path: Path, synchronous: str) -> None:
    db = tmp_path / "questions.sqlite3"
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(db), synchronous],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        watchdog = threading.Timer(60, child.kill)  # never hang the suite
        watchdog.start()
        try:
            assert child.stdout is not None and child.stderr is not None
            ready = child.stdout.readline()
            assert ready == b"ready\n", child.stderr.read().decode()
            printed: list[bytes] = []
            while len(printed) < KILL_AFTER:
                line = child.stdout.readline()
                if not line:
                    break
                printed.append(line)
            child.send_signal(signal.SIGKILL)
            rest = child.stdout.read()  # what it printed before dying
            errors = child.stderr.read().decode()
            child.wait()
        finally:
            watchdog.cancel()
    assert child.returncode == -signal.SIGKILL, (child.returncode, errors)
    lines = printed + rest.split(b"\n")[:-1]  # the last piece may be a torn line
    confirmed = dict(line.decode().strip().split(" ", 1) for line in lines if line.strip())
    assert len(confirmed) >= KILL_AFTER

    with sqlite3.connect(db) as conn:  # recovers the WAL like the bot would on restart
        rows = dict(conn.execute("SELECT id, text FROM questions").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    missing = {qid: text for qid, text in confirmed.items() if rows.get(int(qid)) != text}
    assert not missing, f"{len(missing)} answered question(s) lost, e.g. {list(missing)[:5]}"
    assert len(rows) >= len(confirmed)
