"""A small knowledge folder on disk, written and rewritten by the reload tests (the watcher's in
``tests/kb/test_watcher.py``, ``/kb reload``'s in ``tests/cogs/knowledge_admin``)."""

from __future__ import annotations

import os
from pathlib import Path

EVENT = """\
event:
  id: reloadconf
  name: ReloadConf
  timezone: Europe/Paris
  date: "2030-05-14"
  language: en
"""

SESSIONS = """\
sessions:
  - id: linuxkit-talk
    title: "Docker's new LinuxKit"
    start: "2030-05-14T10:30"
    duration: 30
    room: Beta
"""

NEW_SESSION = """\
  - id: wasm-talk
    title:
      en: "WebAssembly outside the browser"
      fr: "WebAssembly hors du navigateur"
    start: "2030-05-14T11:30"
    duration: 30
    room: Beta
    tags: [wasm]
"""

BROKEN = """\
sessions:
  - id: linuxkit-talk
    title: "Docker's new LinuxKit"
    start: "2030-05-14T25:30"
  - id: orphan
    title: Orphan
    speakers: [nobody]
"""


def write_kb(folder: Path, sessions: str = SESSIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "event.yaml").write_text(EVENT, encoding="utf-8")
    path = folder / "sessions.yaml"
    path.write_text(sessions, encoding="utf-8")
    # A later write in the same clock tick must still look different.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    return folder
