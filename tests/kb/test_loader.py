"""The loader reports every problem with file:line, and never returns half a knowledge base."""

from __future__ import annotations

import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from bot.kb import KnowledgeError, load_knowledge

EVENT = """\
event:
  id: conf
  name: Conf
  timezone: Europe/Paris
  date: 2017-06-13
  organisers: [acme]
companies:
  - id: acme
    name: ACME
"""


def write(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    return [str(p) for p in caught.value.problems]


def test_valid_directory_loads_and_links_both_ways(tmp_path: Path) -> None:
    write(
        tmp_path,
        event=EVENT,
        sessions="""\
        sessions:
          - id: a
            title: {fr: Bonjour, en: Hello}
            start: 2017-06-13T10:00
            duration: 45
            room: Main
            speakers: [bob]
            tools: [kit]
        speakers:
          - id: bob
            name: Bob
            company: acme
        tools:
          - id: kit
            name: Kit
            description: A kit.
        """,
    )
    kb = load_knowledge(tmp_path)
    session = kb.session("a")
    assert session is not None
    assert session.start.isoformat() == "2017-06-13T10:00:00+02:00"
    assert session.end.isoformat() == "2017-06-13T10:45:00+02:00"
    assert session.title.pick("fr") == "Bonjour"
    assert session.title.pick("en") == "Hello"
    assert [s.id for s in kb.sessions_of_speaker("bob")] == ["a"]
    assert [s.id for s in kb.sessions_of_tool("kit")] == ["a"]
    assert [c.id for c in kb.companies_of(session)] == ["acme"]


def test_offset_times_are_converted_to_the_event_zone(tmp_path: Path) -> None:
    write(
        tmp_path,
        event=EVENT
        + """\
sessions:
  - id: a
    title: T
    start: 2017-06-13T08:00:00Z
    end: 2017-06-13T09:00:00+00:00
""",
    )
    session = load_knowledge(tmp_path).session("a")
    assert session.start.strftime("%H:%M %Z") == "10:00 CEST"


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        (
            "  - id: a\n    title: T\n    colour: red\n",
            "sessions.yaml:4: sessions[0]: unknown key 'colour'",
        ),
        ("  - id: a\n", "sessions.yaml:2: sessions[0]: missing required key 'title'"),
        (
            "  - id: a\n    title: T\n    speakers: [ghost]\n",
            "refers to unknown speaker id 'ghost'",
        ),
        ("  - id: 12\n    title: T\n", "expected an id string (put it in quotes)"),
        ("  - id: a\n    title: [1, 2]\n", "sessions[0].title: expected a text"),
        ("  - id: a\n    title: T\n    start: 13/06/2017\n", "expected a date and time like"),
        ("  - id: a\n    title: T\n    start: 2017-06-14T10:00\n", "outside the event's dates"),
        (
            "  - id: a\n    title: T\n    start: 2017-06-13T10:00\n    end: 2017-06-13T09:00\n",
            "ends (2017-06-13 09:00) before it starts",
        ),
        ("  - id: a\n    title: T\n    duration: -5\n    start: 2017-06-13T10:00\n", "minutes"),
        ("  - id: a\n    title: T\n    illustrative: maybe\n", "expected true or false"),
        (
            "  - id: a\n    title: T\n  - id: a\n    title: U\n",
            "sessions.yaml:4: duplicate session id 'a'",
        ),
    ],
)
def test_each_problem_names_file_line_and_expectation(
    tmp_path: Path, sessions: str, expected: str
) -> None:
    write(tmp_path, event=EVENT)
    (tmp_path / "sessions.yaml").write_text("sessions:\n" + sessions, encoding="utf-8")
    found = problems(tmp_path)
    assert any(expected in p for p in found), found


def test_duration_across_a_daylight_saving_change_is_real_time(tmp_path: Path) -> None:
    write(
        tmp_path,
        event=EVENT.replace("date: 2017-06-13", "start_date: 2017-03-25\n  end_date: 2017-03-26"),
        sessions="""\
        sessions:
          - id: night
            title: Night
            start: 2017-03-26T01:30
            duration: 60
        """,
    )
    session = load_knowledge(tmp_path).session("night")
    assert session.duration == timedelta(minutes=60)
    assert session.end.strftime("%H:%M") == "03:30"


def test_overlapping_sessions_in_one_room_are_rejected(tmp_path: Path) -> None:
    write(
        tmp_path,
        event=EVENT,
        sessions="""\
        sessions:
          - id: a
            title: A
            start: 2017-06-13T10:00
            duration: 60
            room: Main
          - id: b
            title: B
            start: 2017-06-13T10:30
            duration: 30
            room: Main
          - id: c
            title: C
            start: 2017-06-13T10:30
            duration: 30
            room: Other
        """,
    )
    found = problems(tmp_path)
    assert len(found) == 1
    assert "sessions.yaml:9: session 'b' overlaps 'a' in room 'Main'" in found[0]


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    write(tmp_path, event=EVENT, broken="sessions:\n  - id: a\n    title: [unclosed\n")
    found = problems(tmp_path)
    assert any(
        p.startswith(f"{tmp_path / 'broken.yaml'}:") and "YAML syntax error" in p for p in found
    )


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path, event=EVENT)
    (tmp_path / "latin.yaml").write_bytes(
        "faq:\n  - id: x\n    question: caf\xe9\n".encode("latin-1")
    )
    assert any("latin.yaml:3: the file is not valid UTF-8" in p for p in problems(tmp_path))


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    write(tmp_path, event=EVENT, evil="faq: !!python/object/apply:os.system ['echo hi']\n")
    assert any("evil.yaml:1" in p for p in problems(tmp_path))


def test_missing_event_and_duplicate_event(tmp_path: Path) -> None:
    write(tmp_path, only="faq: []\n")
    assert any("no 'event:' mapping" in p for p in problems(tmp_path))
    write(tmp_path, event=EVENT, again=EVENT.replace("companies:", "other:"))
    assert any("a second 'event:' mapping" in p for p in problems(tmp_path))


def test_bad_timezone_and_unknown_organiser(tmp_path: Path) -> None:
    write(
        tmp_path, event=EVENT.replace("Europe/Paris", "Mars/Olympus").replace("[acme]", "[nobody]")
    )
    found = problems(tmp_path)
    assert any("unknown time zone 'Mars/Olympus'" in p for p in found)
    assert any("event.organisers: unknown company id 'nobody'" in p for p in found)


def test_missing_directory_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such knowledge directory"):
        load_knowledge(tmp_path / "nope")
    with pytest.raises(KnowledgeError, match=r"no \.yaml files"):
        load_knowledge(tmp_path)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        event=EVENT,
        many="""\
        sessions:
          - id: a
            title: A
            speakers: [ghost]
          - id: b
            bogus: 1
        tools:
          - id: t
            name: T
        """,
    )
    found = problems(tmp_path)
    assert len(found) >= 4, found


@pytest.mark.parametrize(
    "url", ["www.example.com/talk", "https://example.com/a talk", "javascript:alert(1)", "12"]
)
def test_session_url_must_be_an_http_url(tmp_path: Path, url: str) -> None:
    write(tmp_path, event=EVENT)
    (tmp_path / "sessions.yaml").write_text(
        f"sessions:\n  - id: a\n    title: T\n    url: '{url}'\n", encoding="utf-8"
    )
    assert any(
        "sessions.yaml:4: sessions[0].url: expected an http(s) URL" in p for p in problems(tmp_path)
    )


def test_valid_session_url_is_kept(tmp_path: Path) -> None:
    write(tmp_path, event=EVENT)
    (tmp_path / "sessions.yaml").write_text(
        "sessions:\n  - id: a\n    title: T\n    url: https://example.org/talks/a?x=1\n",
        encoding="utf-8",
    )
    assert load_knowledge(tmp_path).session("a").url == "https://example.org/talks/a?x=1"


def test_a_file_instead_of_a_folder_and_unreadable_only_file(tmp_path: Path) -> None:
    single = tmp_path / "event.yaml"
    single.write_text(EVENT, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="this is a file; expected a folder"):
        load_knowledge(single)
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "broken.yaml").write_bytes(b"\xff\xfe\x00binary")
    found = problems(folder)
    assert any(p.startswith(str(folder / "broken.yaml")) for p in found)
    assert any(p.startswith(f"{folder}:") and "no 'event:' mapping" in p for p in found)
