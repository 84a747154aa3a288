"""The YAML loader on any file: a knowledge base or a KnowledgeError with file:line, never
another exception; and a knowledge base full of hostile text still renders within limits."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hostile import FAST, assert_embed_within_limits, assert_embeds_within_limits, hostile_text
from hypothesis import given
from hypothesis import strategies as st

from bot.answer.engine import Answerer
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.yaml_source import YamlError, parse_yaml
from bot.render.embeds import agenda_embeds, answer_embed, entry_embed
from bot.render.text import answer_text, entry_lines

EVENT = """\
event:
  id: demo
  name: Demo
  timezone: Europe/Paris
  date: "2017-06-13"
"""

yaml_like = st.one_of(
    hostile_text,
    st.lists(
        st.sampled_from(
            [
                "event:",
                "sessions:",
                "  - id: a",
                "    title: x",
                "    start: 2017-06-13T11:00",
                "    start: 25:99",
                "    duration: -5",
                "    speakers: [nobody]",
                "  id: demo",
                "  timezone: Mars/Olympus",
                "  date: 2017-02-30",
                "- &a [*a]",
                "!!python/object/apply:os.system ['true']",
                "key: !!binary aGVsbG8=",
                "{[: ]}",
                "\t- tab",
                "'unterminated",
                "? complex key",
                "<<: *nothing",
                "null",
                "~",
                "---",
                "...",
                "%YAML 1.1",
            ]
        )
        | hostile_text.map(lambda s: s[:80]),
        max_size=15,
    ).map("\n".join),
)


def _load(files: dict[str, str | bytes]) -> KnowledgeBase | KnowledgeError:
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            path = Path(folder) / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
        try:
            return load_knowledge(folder)
        except KnowledgeError as error:
            return error


def _check_error(error: KnowledgeError) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.path and isinstance(problem.line, int) and problem.line >= 0
        assert problem.message
        assert f"{problem.path}:{problem.line}: " in str(problem)


@FAST
@given(text=yaml_like)
def test_parse_yaml_returns_data_or_a_located_error(text: str) -> None:
    try:
        parse_yaml(text, "x.yaml")
    except YamlError as error:
        assert error.path == "x.yaml" and error.line >= 1 and error.message


@FAST
@given(text=yaml_like, with_event=st.booleans())
def test_any_file_loads_or_fails_with_file_and_line(text: str, with_event: bool) -> None:
    files: dict[str, str | bytes] = {"data.yaml": text}
    if with_event:
        files["event.yaml"] = EVENT
    result = _load(files)
    if isinstance(result, KnowledgeError):
        _check_error(result)


@FAST
@given(data=st.binary(max_size=300))
def test_any_bytes_load_or_fail_with_file_and_line(data: bytes) -> None:
    result = _load({"event.yaml": EVENT, "data.yaml": data})
    if isinstance(result, KnowledgeError):
        _check_error(result)


def test_unsafe_yaml_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "event.yaml").write_text(EVENT, encoding="utf-8")
    (tmp_path / "evil.yaml").write_text(
        f"faq: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    result = _load({"event.yaml": EVENT, "evil.yaml": (tmp_path / "evil.yaml").read_text()})
    assert isinstance(result, KnowledgeError)
    assert not marker.exists()


# -- a valid knowledge base full of hostile text ----------------------------------------------

texts = hostile_text.map(lambda s: s[:3000])
names = hostile_text.map(lambda s: s[:500]).filter(lambda s: s.strip() != "")
localised = st.one_of(texts, st.fixed_dictionaries({"en": texts, "fr": texts}))
urls = st.sampled_from(["https://example.org/a", "http://x.test/" + "y" * 300])


@st.composite
def hostile_kb_yaml(draw: st.DrawFn) -> dict[str, str]:
    count = draw(st.integers(1, 12))
    speakers = [
        {"id": f"sp{i}", "name": draw(names), "bio": draw(localised), "role": draw(localised)}
        for i in range(draw(st.integers(0, 4)))
    ]
    sessions = []
    for i in range(count):
        session = {
            "id": f"s{i}",
            "title": draw(st.one_of(names, st.fixed_dictionaries({"en": names, "fr": names}))),
            "abstract": draw(localised),
            "room": draw(st.sampled_from([f"Room {i}", "R" * 120])),
            "track": draw(names),
            "start": f"2017-06-13T{8 + i:02d}:00",
            "duration": draw(st.integers(1, 59)),
            "tags": draw(st.lists(names, max_size=3, unique=True)),
            "aliases": draw(st.lists(names, max_size=3, unique=True)),
            "links": [{"title": draw(names), "url": draw(urls)}],
            "url": draw(urls),
        }
        if speakers:
            session["speakers"] = [s["id"] for s in speakers[: draw(st.integers(0, len(speakers)))]]
        sessions.append(session)
    tools = [
        {
            "id": f"t{i}",
            "name": draw(names),
            "description": draw(localised),
            "sessions": [s["id"] for s in sessions[:3]],
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    faq = [
        {"id": f"q{i}", "question": draw(names), "answer": draw(localised)}
        for i in range(draw(st.integers(0, 3)))
    ]
    event = {
        "id": "demo",
        "name": draw(names),
        "timezone": draw(st.sampled_from(["Europe/Paris", "UTC", "Pacific/Kiritimati"])),
        "date": "2017-06-13",
        "language": draw(st.sampled_from(["fr", "en"])),
        "description": draw(localised),
        "notes": draw(st.lists(localised, max_size=30)),
        "links": [
            {"title": draw(names), "url": draw(urls)} for _ in range(draw(st.integers(0, 40)))
        ],
    }
    dump = lambda value: yaml.safe_dump(value, allow_unicode=True)  # noqa: E731
    return {
        "event.yaml": dump({"event": event}),
        "sessions.yaml": dump({"sessions": sessions, "speakers": speakers}),
        "more.yaml": dump({"tools": tools, "faq": faq}),
    }


@FAST
@given(files=hostile_kb_yaml(), question=hostile_text, language=st.sampled_from(["en", "fr"]))
def test_hostile_knowledge_renders_within_limits(
    files: dict[str, str], question: str, language: str
) -> None:
    result = _load(files)
    if isinstance(result, KnowledgeError):
        _check_error(result)  # e.g. a text made only of control characters
        return
    kb = result
    for _, entry in kb.entries():
        assert_embed_within_limits(entry_embed(kb, entry, language))
        assert entry_lines(kb, entry, language)
    assert_embeds_within_limits(agenda_embeds(kb, list(kb.sessions), language, "Agenda")[:1])
    for embed in agenda_embeds(kb, list(kb.sessions), language, "A" * 300):
        assert_embed_within_limits(embed)
    answerer = Answerer(kb)
    for text in (question, kb.sessions[0].title.pick(language)):
        answer = answerer.ask(text, now=datetime(2017, 6, 13, 9, 30, tzinfo=UTC))
        assert_embed_within_limits(answer_embed(kb, answer))
        assert isinstance(answer_text(kb, answer), str)
