"""Helpers for the importer tests: where the real exports are, a small hand-made schedule."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

SCHEDULES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "schedules"


def real_file(name: str) -> Path:
    path = SCHEDULES / name
    if not path.is_file():
        pytest.skip(f"real export {name} is not in {SCHEDULES.resolve()}")
    return path


SMALL: dict[str, Any] = {
    "schedule": {
        "version": "1.0",
        "base_url": "https://example.org/democonf/schedule/",
        "conference": {
            "acronym": "democonf-2025",
            "title": "DemoConf 2025",
            "start": "2025-06-13",
            "end": "2025-06-14",
            "daysCount": 2,
            "timeslot_duration": "00:05",
            "time_zone_name": "Europe/Paris",
            "rooms": [{"name": "Main stage", "guid": "7a0fc001-e587-47e1-b378-b6ec7e666300"}],
            "days": [
                {
                    "index": 1,
                    "date": "2025-06-13",
                    "day_start": "2025-06-13T09:00:00+02:00",
                    "day_end": "2025-06-14T03:00:00+02:00",
                    "rooms": {
                        "Main stage": [
                            {
                                "id": 101,
                                "guid": "7a0fc001-e587-47e1-b378-b6ec7e666301",
                                "date": "2025-06-13T11:00:00+02:00",
                                "start": "11:00",
                                "duration": "00:30",
                                "room": "Main stage",
                                "slug": "democonf-101-linuxkit",
                                "url": "https://example.org/democonf/talk/ABC123/",
                                "title": "LinuxKit",
                                "subtitle": "",
                                "track": "Containers",
                                "type": "talk",
                                "language": "en",
                                "abstract": "<p>Secure &amp; lean.</p><ul><li>one</li><li>two</li>"
                                "</ul>",
                                "description": "",
                                "persons": [
                                    {
                                        "id": 1,
                                        "code": "AAAAAA",
                                        "public_name": "Justin Cormack",
                                        "biography": "Engineer.",
                                    },
                                ],
                                "links": [{"url": "https://github.com/linuxkit", "title": "Code"}],
                            },
                            {
                                "id": 102,
                                "guid": "7a0fc001-e587-47e1-b378-b6ec7e666302",
                                "date": "2025-06-13T11:30:00+02:00",
                                "start": "11:30",
                                "duration": "00:45",
                                "room": "Main stage",
                                "slug": "democonf-102-lunch",
                                "url": "https://example.org/democonf/talk/DEF456/",
                                "title": {"en": "Lunch", "fr": "Déjeuner"},
                                "subtitle": None,
                                "track": None,
                                "type": "break",
                                "language": None,
                                "abstract": None,
                                "description": None,
                                "persons": [],
                                "links": [],
                            },
                        ],
                    },
                },
                {
                    "index": 2,
                    "date": "2025-06-14",
                    "day_start": "2025-06-14T09:00:00+02:00",
                    "day_end": "2025-06-15T03:00:00+02:00",
                    "rooms": {
                        "Workshop room": [
                            {
                                "id": 103,
                                "guid": "7a0fc001-e587-47e1-b378-b6ec7e666303",
                                "date": "2025-06-14T10:00:00+02:00",
                                "start": "10:00",
                                "duration": "01:30",
                                "room": "Workshop room",
                                "slug": "democonf-103-workshop",
                                "url": "https://example.org/democonf/talk/GHI789/",
                                "title": "Docker workshop",
                                "subtitle": "",
                                "track": "Containers",
                                "type": "workshop",
                                "language": "fr",
                                "abstract": "Bring a laptop.\r\n\r\n* Docker\r\n* Compose",
                                "description": "",
                                "persons": [
                                    {"id": 1, "code": "AAAAAA", "public_name": "Justin Cormack"},
                                    {
                                        "id": 2,
                                        "code": "BBBBBB",
                                        "public_name": "Anne Dupont",
                                        "biography": {"en": "Trainer.", "fr": "Formatrice."},
                                    },
                                ],
                                "links": [],
                            },
                        ],
                    },
                },
            ],
        },
    }
}


def small_schedule() -> dict[str, Any]:
    """A fresh copy of a small pretalx-like schedule (3 sessions, 2 speakers, 2 days)."""
    return copy.deepcopy(SMALL)


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def folder_state(directory: Path) -> dict[str, bytes]:
    """Every file of a folder with its bytes: to check that nothing was written."""
    if not directory.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}
