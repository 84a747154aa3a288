"""Bad input: a clear error naming the place, and nothing written."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_helpers import SMALL, folder_state, real_file, small_schedule, write_json

from bot.importers import ScheduleImportError, import_schedule, parse_schedule

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<schedule><conference><title>&lol9;</title></conference></schedule>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>
"""

SMALL_XML = """<?xml version="1.0" encoding="{encoding}"?>
<schedule>
  <conference><title>Petite conférence</title><acronym>petite</acronym>
    <start>2025-06-13</start><end>2025-06-13</end><time_zone_name>Europe/Paris</time_zone_name>
  </conference>
  <day index="1" date="2025-06-13">
    <room name="Amphi">
      <event id="7" guid="7a0fc001-e587-47e1-b378-b6ec7e666307">
        <date>2025-06-13T10:00:00+02:00</date><start>10:00</start><duration>00:30</duration>
        <room>Amphi</room><title>Café et croissants</title><track></track><type>break</type>
        <abstract></abstract><persons/>
      </event>
    </room>
  </day>
</schedule>
"""


def _refused(source: Path, out: Path, **options) -> ScheduleImportError:
    before = folder_state(out)
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(source, out, **options)
    assert folder_state(out) == before, "nothing may be written on an error"
    assert caught.value.place and caught.value.message
    assert str(caught.value).startswith(f"{caught.value.place}: {caught.value.message}")
    return caught.value


def test_invalid_example_is_refused_naming_what_is_wrong(tmp_path: Path) -> None:
    error = _refused(real_file("invalid-example.json"), tmp_path / "out")
    assert error.place.startswith(str(real_file("invalid-example.json")))
    assert 'rooms["Winterchaos"][0].persons[0].id' in error.place
    assert "'dsadf'" in error.message
    assert any("code" in p.place and "MÄaN0" in p.message for p in error.problems)
    assert not (tmp_path / "out").exists()


def test_truncated_json_names_line_and_column(tmp_path: Path) -> None:
    data = real_file("pretalx-rc3.json").read_bytes()
    source = tmp_path / "truncated.json"
    source.write_bytes(data[: len(data) // 2])
    error = _refused(source, tmp_path / "out")
    assert re.fullmatch(rf"{re.escape(str(source))}:\d+:\d+", error.place)
    assert "invalid JSON" in error.message and "truncated" in error.message


def test_truncated_xml_names_the_line(tmp_path: Path) -> None:
    data = real_file("fosdem-2024.xml").read_bytes()
    source = tmp_path / "truncated.xml"
    source.write_bytes(data[: len(data) // 3])
    error = _refused(source, tmp_path / "out")
    line = int(error.place.split(":")[1])
    assert line > 1000
    assert error.message.startswith("malformed XML")


def test_malformed_xml(tmp_path: Path) -> None:
    source = tmp_path / "bad.xml"
    source.write_bytes(b"<schedule>\n<conference><title>x</titel></conference>\n</schedule>")
    error = _refused(source, tmp_path / "out")
    assert error.place == f"{source}:2:23"
    assert "mismatched tag" in error.message


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    source = tmp_path / "laughs.xml"
    source.write_bytes(BILLION_LAUGHS)
    began = time.perf_counter()
    error = _refused(source, tmp_path / "out")
    assert time.perf_counter() - began < 1
    assert error.place == f"{source}:3"
    assert "entity" in error.message and "billion laughs" in error.message


def test_external_entities_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "xxe.xml"
    source.write_bytes(XXE)
    error = _refused(source, tmp_path / "out")
    assert "refused" in error.message
    assert "root:" not in str(error)


@pytest.mark.parametrize("name", ["frab-camp2019.json", "fosdem-2024.xml"])
def test_latin1_bytes_are_not_utf8(tmp_path: Path, name: str) -> None:
    text = real_file(name).read_text(encoding="utf-8")
    first = next(i for i, ch in enumerate(text) if ord(ch) > 127 and ch.encode("latin-1", "ignore"))
    source = tmp_path / name
    source.write_bytes(text.encode("latin-1", errors="replace"))
    error = _refused(source, tmp_path / "out")
    offset = len(text[:first].encode("latin-1", errors="replace"))
    line = text[:first].count("\n") + 1
    assert error.place.startswith(f"{source}:{line}:")
    assert error.message.startswith("not UTF-8")
    assert f"byte offset {offset}" in error.message


def test_xml_declaring_latin1_is_read_as_declared(tmp_path: Path) -> None:
    source = tmp_path / "latin1.xml"
    source.write_bytes(SMALL_XML.format(encoding="ISO-8859-1").encode("latin-1"))
    data = parse_schedule(source)
    assert data.event["name"] == "Petite conférence"
    assert data.sessions[0]["title"] == "Café et croissants"
    assert "track" not in data.sessions[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"hello", "neither JSON nor XML"),
        (b"[1, 2]", "JSON object"),
        (b'{"version": "1"}', "no top-level 'schedule'"),
        (b'{"schedule": {"conference": {"title": "x"}}}', "days"),
        (b"<html><body/></html>", "not a frab/pretalx schedule.xml"),
        (b"\xef\xbb\xbf" + b"{" * 100000, "JSON"),
        (b'{"schedule": {"n": ' + b"1" * 5000 + b"}}", "invalid JSON"),
    ],
)
def test_not_a_schedule(tmp_path: Path, content: bytes, expected: str) -> None:
    source = tmp_path / "thing.json"
    source.write_bytes(content)
    error = _refused(source, tmp_path / "out")
    assert expected in str(error)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in _refused(tmp_path / "nope.json", tmp_path / "out").message
    assert "folder" in _refused(tmp_path, tmp_path / "out").message
    if Path("/dev/zero").exists():
        assert "not a regular file" in _refused(Path("/dev/zero"), tmp_path / "out").message


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (lambda e: e.pop("date") and e.pop("start"), ".date", "missing"),
        (lambda e: e.update(date="tomorrow"), ".date", "expected a date-time"),
        (lambda e: e.update(duration="forty"), ".duration", "expected a duration"),
        (lambda e: e.update(title=""), ".title", "needs a title"),
        (lambda e: e.update(persons=[{"id": 3}]), ".persons[0]", "without a name"),
        (lambda e: e.update(persons="Justin"), ".persons", "expected the event's persons"),
        (lambda e: e.update(id=None, guid=None, code=None), "", "no id, guid or code"),
    ],
)
def test_bad_events_name_their_json_path(tmp_path: Path, change, where: str, what: str) -> None:
    document = small_schedule()
    change(document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"][0])
    source = write_json(tmp_path / "bad.json", document)
    error = _refused(source, tmp_path / "out")
    assert error.place == f'{source}:schedule.conference.days[0].rooms["Main stage"][0]{where}'
    assert what in error.message


def test_unknown_time_zone_name_is_refused(tmp_path: Path) -> None:
    document = small_schedule()
    document["schedule"]["conference"]["time_zone_name"] = "Mars/Olympus"
    source = write_json(tmp_path / "tz.json", document)
    error = _refused(source, tmp_path / "out")
    assert error.place.endswith("schedule.conference.time_zone_name")
    assert "--timezone" in error.message
    assert import_schedule(source, tmp_path / "ok", timezone="Europe/Paris").written


def test_a_failed_reimport_leaves_the_previous_file(tmp_path: Path) -> None:
    out = tmp_path / "kb"
    source = write_json(tmp_path / "s.json", small_schedule())
    import_schedule(source, out)
    document = small_schedule()
    document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"][0]["date"] = "nope"
    write_json(source, document)
    _refused(source, out)
    assert sorted(p.name for p in out.iterdir()) == ["schedule.yaml"]


def _mutations(document: dict) -> list[tuple[list, object]]:
    """Every (path, container) in a document, for structural fuzzing."""
    found: list[tuple[list, object]] = []

    def walk(value: object, path: list) -> None:
        found.append((path, value))
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, [*path, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, [*path, index])

    walk(document, [])
    return found


PATHS = [path for path, _ in _mutations(SMALL) if path]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(PATHS),
    replacement=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 10**6),
        st.text(max_size=12),
        st.just([]),
        st.just({}),
        st.just({"en": "x"}),
        st.just("2025-06-13T25:00"),
    ),
)
def test_any_damaged_schedule_imports_or_fails_cleanly(tmp_path: Path, path, replacement) -> None:
    document = small_schedule()
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    source = tmp_path / "fuzz.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "fuzz-out"
    before = folder_state(out)
    try:
        import_schedule(source, out, dry_run=True)
    except ScheduleImportError as exc:
        assert exc.place and exc.message
    assert folder_state(out) == before
