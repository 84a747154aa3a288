"""A generated knowledge directory of realistic size and text lengths, for benchmarks.

Titles of 4-10 words, abstracts of 60-150 words, two-word speaker names, tools with a
sentence of description: deterministic for a given seed, so runs compare.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import yaml

WORDS = (
    "container kubernetes cluster security runtime image registry network storage volume "
    "observability monitoring metrics tracing logging pipeline delivery deployment rollout "
    "service mesh proxy ingress gateway scheduler orchestration serverless function edge "
    "database cache queue stream event migration scaling autoscaling resilience chaos "
    "testing policy compliance secrets identity access kernel namespace cgroup sandbox "
    "virtual machine hypervisor cloud hybrid platform developer experience workflow "
    "operator controller reconciliation gitops infrastructure code terraform ansible "
    "performance latency throughput benchmark profiling memory cpu energy cost budget"
).split()
FIRST = (
    "Alice Bruno Chloé Dmitri Elena Farid Grace Hugo Inès Jonas Karim Léa Marco Nadia Omar".split()
)
LAST = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent".split()


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def write_synthetic_kb(directory: Path, entries: int = 2000, seed: int = 7) -> Path:
    """Write about ``entries`` entries (sessions, speakers, tools, FAQ) into ``directory``."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    n_sessions = entries // 2
    n_speakers = entries // 4
    n_tools = entries // 8
    n_faq = entries - n_sessions - n_speakers - n_tools - 1
    days = 3
    rooms = [f"Room {i}" for i in range(1, 1 + max(1, -(-n_sessions // (days * 20))))]
    start = datetime(2025, 6, 10, 9, 0)
    speakers = [
        {
            "id": f"speaker-{i}",
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            "bio": _sentence(rng, 20, 40),
        }
        for i in range(n_speakers)
    ]
    tools = [
        {
            "id": f"tool-{i}",
            "name": f"{rng.choice(WORDS).capitalize()}{rng.choice(WORDS)} {i}",
            "description": _sentence(rng, 10, 25),
        }
        for i in range(n_tools)
    ]
    sessions = []
    slot = 0
    for i in range(n_sessions):
        room = rooms[i % len(rooms)]
        if i and i % len(rooms) == 0:
            slot += 1
        day, within = divmod(slot, 20)
        begin = start + timedelta(days=day, minutes=30 * within)
        sessions.append(
            {
                "id": f"session-{i}",
                "title": _sentence(rng, 4, 10).rstrip("."),
                "start": begin.isoformat(timespec="minutes"),
                "duration": 25,
                "room": room,
                "speakers": [f"speaker-{rng.randrange(n_speakers)}"],
                "tools": [f"tool-{rng.randrange(n_tools)}"],
                "abstract": _sentence(rng, 60, 150),
            }
        )
    faq = [
        {"id": f"faq-{i}", "question": _sentence(rng, 5, 12), "answer": _sentence(rng, 15, 40)}
        for i in range(n_faq)
    ]
    event = {
        "id": "synthetic",
        "name": "Synthetic Conf",
        "timezone": "Europe/Paris",
        "start_date": "2025-06-10",
        "end_date": "2025-06-12",
    }
    data = {"event": event, "sessions": sessions, "speakers": speakers, "tools": tools, "faq": faq}
    (directory / "synthetic.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return directory


def sample_questions(kb_titles: list[str], count: int, seed: int = 11) -> list[str]:
    """Questions in the shapes attendees use, half about real titles (with typos), half not."""
    rng = random.Random(seed)
    shapes = ("when is the {} talk?", "who talks about {}", "c'est quoi {} ?", "{}", "où est {}")
    out = []
    for i in range(count):
        if i % 2:
            words = rng.choice(kb_titles).split()[:3]
            text = " ".join(words)
            if len(text) > 5 and rng.random() < 0.3:
                cut = rng.randrange(1, len(text) - 1)
                text = text[:cut] + text[cut + 1 :]
        else:
            text = " ".join(
                rng.choices([*WORDS, "pizza", "weather", "football"], k=rng.randint(1, 3))
            )
        out.append(rng.choice(shapes).format(text))
    return out
