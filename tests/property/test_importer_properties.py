"""Importers on hostile exports: a knowledge base that renders within Discord's limits, or a
ScheduleImportError naming the place; never another exception, never a half-written folder."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hostile import FAST, assert_embed_within_limits, hostile_text
from hypothesis import given
from hypothesis import strategies as st

from bot.answer.engine import Answerer
from bot.importers import ScheduleImportError, html_to_text, import_schedule
from bot.render.embeds import answer_embed, entry_embed

texts = hostile_text.map(lambda s: s[:2000])
# Names must keep a visible character once HTML and control characters are cleaned away.
names = texts.map(lambda s: s[:300] + " Ok")
maybe_texts = st.one_of(texts, st.none(), st.fixed_dictionaries({"en": texts, "fr": texts}))


def _talk(draw: st.DrawFn, number: int, hour: int) -> dict[str, Any]:
    return {
        "id": number,
        "guid": f"7a0fc001-e587-47e1-b378-b6ec7e6663{number:02d}",
        "date": f"2025-06-13T{hour:02d}:00:00+02:00",
        "start": f"{hour:02d}:00",
        "duration": draw(st.sampled_from(["00:30", "01:00", "00:05"])),
        "room": draw(st.sampled_from(["Main stage", "Amphi"])),
        "slug": f"demo-{number}",
        "url": draw(st.sampled_from(["https://example.org/t/", "javascript:alert(1)", ""])),
        "title": draw(st.one_of(names, st.fixed_dictionaries({"en": names, "fr": names}))),
        "subtitle": draw(maybe_texts),
        "track": draw(st.one_of(st.none(), texts.map(lambda s: s[:200]))),
        "type": "talk",
        "language": draw(st.sampled_from(["en", "fr", None, "xx"])),
        "abstract": draw(maybe_texts),
        "description": draw(maybe_texts),
        "persons": [
            {
                "id": draw(st.integers(1, 4)),
                "code": f"P{person}",
                "public_name": draw(names),
                "biography": draw(maybe_texts),
            }
            for person in range(draw(st.integers(0, 2)))
        ],
        "links": [{"url": "https://example.org/x", "title": draw(texts)}],
    }


@st.composite
def pretalx_documents(draw: st.DrawFn) -> dict[str, Any]:
    talks = [_talk(draw, n, 9 + n) for n in range(draw(st.integers(1, 6)))]
    rooms: dict[str, list[dict[str, Any]]] = {}
    for talk in talks:
        rooms.setdefault(talk["room"], []).append(talk)
    return {
        "schedule": {
            "version": "1.0",
            "conference": {
                "acronym": "demo",
                "title": draw(names),
                "start": "2025-06-13",
                "end": "2025-06-13",
                "daysCount": 1,
                "time_zone_name": draw(st.sampled_from(["Europe/Paris"] * 4 + ["", "Not/AZone"])),
                "rooms": [{"name": name} for name in rooms],
                "days": [{"index": 1, "date": "2025-06-13", "rooms": rooms}],
            },
        }
    }


def _import(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        source.write_bytes(content)
        out = Path(folder) / "kb"
        try:
            result = import_schedule(source, out)
        except ScheduleImportError as error:
            assert error.problems and error.place and error.message
            assert not (out / "schedule.yaml").exists()
            return
        kb = result.kb
        assert kb is not None
        answerer = Answerer(kb)
        for language in ("en", "fr"):
            for _, entry in kb.entries():
                assert_embed_within_limits(entry_embed(kb, entry, language))
            answer = answerer.ask(kb.sessions[0].title.pick(language))
            assert_embed_within_limits(answer_embed(kb, answer))


@FAST
@given(document=pretalx_documents())
def test_hostile_pretalx_export_imports_or_is_refused(document: dict[str, Any]) -> None:
    _import(
        "schedule.json", json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    )


@FAST
@given(text=hostile_text, suffix=st.sampled_from(["schedule.json", "schedule.xml", "export"]))
def test_any_file_imports_or_is_refused(text: str, suffix: str) -> None:
    _import(suffix, text.encode("utf-8", "surrogatepass"))


@FAST
@given(data=st.binary(max_size=400))
def test_any_bytes_import_or_are_refused(data: bytes) -> None:
    _import("schedule.xml", b"<?xml version='1.0'?><schedule>" + data)


@FAST
@given(text=hostile_text)
def test_html_to_text_never_fails(text: str) -> None:
    out = html_to_text(text)
    assert isinstance(out, str)
