"""The knowledge folder: what the importer owns, re-imports in place, hand-written files kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import folder_state, real_file, small_schedule, write_json

from bot.importers import GENERATED_MARKER, ScheduleImportError, import_schedule
from bot.kb import load_knowledge
from bot.kb.yaml_source import read_yaml

TOOLS = """\
# Hand-written: tools discussed at DemoConf.
tools:
  - id: linuxkit
    name: LinuxKit
    description: A toolkit for building lean Linux systems.
    sessions: ["101"]
"""

FAQ = """\
faq:
  - id: wifi
    question: What is the wifi password?
    answer: democonf2025
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "knowledge"
    out.mkdir()
    (out / "tools.yaml").write_text(TOOLS, encoding="utf-8")
    (out / "faq.yaml").write_text(FAQ, encoding="utf-8")
    return out


def _sessions(document: dict) -> list[dict]:
    days = document["schedule"]["conference"]["days"]
    return [e for day in days for events in day["rooms"].values() for e in events]


def test_import_writes_schedule_yaml_beside_hand_written_files(
    tmp_path: Path, folder: Path
) -> None:
    hand_written = {k: v for k, v in folder_state(folder).items()}
    source = write_json(tmp_path / "democonf.json", small_schedule())
    result = import_schedule(source, folder)
    assert result.written and not result.unchanged
    text = (folder / "schedule.yaml").read_text(encoding="utf-8")
    assert text.startswith(GENERATED_MARKER)
    assert "democonf.json" in text.splitlines()[0] and "do not edit" in text.splitlines()[0]
    state = folder_state(folder)
    assert {k: state[k] for k in hand_written} == hand_written
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "no temporary file left"
    kb = load_knowledge(folder)
    assert kb.event.id == "democonf-2025" and kb.event.timezone == "Europe/Paris"
    assert [s.id for s in kb.sessions] == ["101", "102", "103"]
    assert [s.id for s in kb.sessions_of_tool("linuxkit")] == ["101"]
    assert kb.faqs[0].id == "wifi"


def test_what_the_yaml_holds(tmp_path: Path) -> None:
    source = write_json(tmp_path / "democonf.json", small_schedule())
    import_schedule(source, tmp_path / "out")
    data = read_yaml(tmp_path / "out" / "schedule.yaml")
    event = data["event"]
    assert event["rooms"] == ["Main stage", "Workshop room"]
    assert event["tracks"] == ["Containers"]
    assert (event["start_date"], event["end_date"]) == ("2025-06-13", "2025-06-14")
    linuxkit, lunch, workshop = data["sessions"]
    assert linuxkit["id"] == "101" and linuxkit["start"] == "2025-06-13T11:00+02:00"
    assert linuxkit["duration"] == 30 and linuxkit["speakers"] == ["AAAAAA"]
    assert linuxkit["abstract"] == "Secure & lean.\n\n- one\n- two"
    assert linuxkit["links"] == [{"title": "Code", "url": "https://github.com/linuxkit"}]
    assert lunch["title"] == {"en": "Lunch", "fr": "Déjeuner"}  # localised
    assert "track" not in lunch and "speakers" not in lunch and "language" not in lunch
    assert workshop["abstract"] == "Bring a laptop.\n\n* Docker\n* Compose"
    assert workshop["duration"] == 90 and workshop["language"] == "fr"
    justin, anne = data["speakers"]
    assert justin["id"] == "AAAAAA" and justin["bio"] == "Engineer."
    assert anne["bio"] == {"en": "Trainer.", "fr": "Formatrice."}


def test_reimporting_the_same_export_changes_nothing(tmp_path: Path, folder: Path) -> None:
    source = write_json(tmp_path / "democonf.json", small_schedule())
    import_schedule(source, folder)
    before = folder_state(folder)
    again = import_schedule(source, folder)
    assert again.unchanged and not again.written
    assert not (again.added or again.removed or again.changed)
    assert folder_state(folder) == before


def test_reimporting_an_updated_export_updates_in_place(tmp_path: Path, folder: Path) -> None:
    document = small_schedule()
    source = write_json(tmp_path / "democonf.json", document)
    import_schedule(source, folder)
    hand_written = {k: v for k, v in folder_state(folder).items() if k != "schedule.yaml"}
    sessions = _sessions(document)
    sessions[0]["date"] = "2025-06-13T14:00:00+02:00"  # moved
    sessions[0]["start"] = "14:00"
    day = document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"]
    day.remove(sessions[1])  # lunch cancelled
    new = dict(sessions[2], id=104, guid="7a0fc001-e587-47e1-b378-b6ec7e666304", title="Kubernetes")
    document["schedule"]["conference"]["days"][1]["rooms"]["Workshop room"].append(
        dict(new, date="2025-06-14T14:00:00+02:00", start="14:00")
    )
    write_json(source, document)
    result = import_schedule(source, folder)
    assert result.written
    assert (result.added, result.removed, result.changed) == (["104"], ["102"], ["101"])
    kb = load_knowledge(folder)
    assert [s.id for s in kb.sessions] == ["101", "103", "104"]
    assert kb.session("101").start.hour == 14
    assert kb.sessions_of_tool("linuxkit")[0].id == "101"  # tools.yaml still refers to it
    assert {k: v for k, v in folder_state(folder).items() if k != "schedule.yaml"} == hand_written


def test_a_reimport_that_would_break_hand_written_references_is_refused(
    tmp_path: Path, folder: Path
) -> None:
    document = small_schedule()
    source = write_json(tmp_path / "democonf.json", document)
    import_schedule(source, folder)
    before = folder_state(folder)
    document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"].pop(0)  # session 101
    write_json(source, document)
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(source, folder)
    assert caught.value.place == f"{folder / 'tools.yaml'}:6"
    assert "unknown session id '101'" in caught.value.message
    assert folder_state(folder) == before


def test_a_hand_written_event_is_not_overridden(tmp_path: Path, folder: Path) -> None:
    (folder / "event.yaml").write_text(
        "# ours\nevent:\n  id: democonf\n  name: DemoConf (our words)\n  timezone: Europe/Paris\n"
        "  start_date: 2025-06-13\n  end_date: 2025-06-14\n",
        encoding="utf-8",
    )
    source = write_json(tmp_path / "democonf.json", small_schedule())
    before = folder_state(folder)
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(source, folder)
    assert caught.value.place == f"{folder / 'event.yaml'}:2"
    assert "--keep-event" in caught.value.message and "--out" in caught.value.message
    assert folder_state(folder) == before
    result = import_schedule(source, folder, keep_event=True)
    assert result.written
    assert "event" not in read_yaml(folder / "schedule.yaml")
    kb = load_knowledge(folder)
    assert kb.event.name == "DemoConf (our words)" and len(kb.sessions) == 3


def test_keep_event_needs_an_event(tmp_path: Path) -> None:
    source = write_json(tmp_path / "democonf.json", small_schedule())
    with pytest.raises(ScheduleImportError, match="keep-event"):
        import_schedule(source, tmp_path / "empty", keep_event=True)


def test_a_schedule_yaml_the_importer_did_not_write_is_kept(tmp_path: Path, folder: Path) -> None:
    (folder / "schedule.yaml").write_text("sessions: []\n", encoding="utf-8")
    before = folder_state(folder)
    source = write_json(tmp_path / "democonf.json", small_schedule())
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(source, folder)
    assert caught.value.place == f"{folder / 'schedule.yaml'}:1"
    assert "not written by the importer" in caught.value.message
    assert folder_state(folder) == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = write_json(tmp_path / "democonf.json", small_schedule())
    result = import_schedule(source, tmp_path / "out", dry_run=True)
    assert not result.written and len(result.data.sessions) == 3
    assert result.kb is not None and len(result.kb.sessions) == 3
    assert not (tmp_path / "out").exists()


def test_duplicate_ids_of_a_talk_with_two_slots(tmp_path: Path) -> None:
    document = small_schedule()
    main = document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"]
    repeat = dict(main[0], guid="7a0fc001-e587-47e1-b378-b6ec7e6663ff")
    repeat.update(date="2025-06-13T16:00:00+02:00", start="16:00")
    main.append(repeat)
    result = import_schedule(write_json(tmp_path / "s.json", document), tmp_path / "out")
    ids = [s["id"] for s in result.data.sessions]
    assert ids == ["101", "102", "7a0fc001-e587-47e1-b378-b6ec7e6663ff", "103"]
    assert any("'101'" in w for w in result.warnings)


def test_the_repository_knowledge_folder_is_never_used_by_these_tests() -> None:
    # A guard for the guide line: tests import into tmp folders only.
    repo_knowledge = Path(__file__).resolve().parents[2] / "knowledge"
    if (repo_knowledge / "schedule.yaml").exists():
        text = (repo_knowledge / "schedule.yaml").read_text(encoding="utf-8")
        assert "democonf" not in text


def test_real_export_reimport_is_byte_identical(tmp_path: Path) -> None:
    source = real_file("frab-camp2019.json")
    first = import_schedule(source, tmp_path / "a")
    second = import_schedule(source, tmp_path / "b")
    assert first.path.read_bytes() == second.path.read_bytes()
