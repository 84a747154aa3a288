"""The knowledge watcher (:mod:`bot.kb.watcher`), without Discord: a change is reloaded once it
has settled, a bad file is reported, a load the files changed under is thrown away."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from kb_files import BROKEN, NEW_SESSION, SESSIONS, write_kb

from bot.cogs.knowledge_admin import problem_lines
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.watcher import KnowledgeWatcher, fingerprint, reload_knowledge


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "knowledge")


async def test_watcher_ignores_unchanged_files(folder: Path) -> None:
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=Clock())
    assert await watcher.check() is None
    assert got == []


async def test_watcher_reloads_once_a_change_has_settled(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock)
    write_kb(folder, SESSIONS + NEW_SESSION)
    assert await watcher.check() is None  # seen, not settled yet
    clock.now = 0.5
    assert await watcher.check() is None
    clock.now = 1.2
    result = await watcher.check()
    assert isinstance(result, KnowledgeBase)
    assert [s.id for s in result.sessions] == ["linuxkit-talk", "wasm-talk"]
    assert got == [result]
    clock.now = 5.0
    assert await watcher.check() is None  # nothing new: no second reload
    assert watcher.reloads == 1


async def test_watcher_debounces_a_burst_of_writes(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock)
    for step in range(5):  # an editor writing every 0.5 s
        clock.now = step * 0.5
        write_kb(folder, SESSIONS + NEW_SESSION * (step % 2) + "\n" * step)
        assert await watcher.check() is None
    clock.now += 1.5
    assert await watcher.check() is not None
    assert len(got) == 1


async def test_watcher_reports_the_error_of_a_bad_file(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=0, clock=clock)
    write_kb(folder, BROKEN)
    result = await watcher.check()
    assert isinstance(result, KnowledgeError)
    assert got == [result]
    lines = problem_lines(result, folder)
    assert any(line.startswith("sessions.yaml:4: ") for line in lines), lines
    assert any(line.startswith("sessions.yaml:7: ") for line in lines), lines


async def test_watcher_ignores_a_change_undone_before_it_settled(folder: Path) -> None:
    clock = Clock()
    got: list[object] = []
    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock)
    extra = folder / "faq.yaml"
    extra.write_text("faq: []\n", encoding="utf-8")
    assert await watcher.check() is None
    extra.unlink()
    clock.now = 3.0
    assert await watcher.check() is None
    assert got == []


async def test_watcher_survives_a_missing_folder_and_a_failing_callback(tmp_path: Path) -> None:
    def explode(result: object) -> None:
        raise RuntimeError("callback bug")

    folder = write_kb(tmp_path / "k")
    watcher = KnowledgeWatcher(folder, explode, debounce=0, clock=Clock())
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    assert fingerprint(folder) == ()
    result = await watcher.check()  # the callback raised: logged, not propagated
    assert isinstance(result, KnowledgeError)
    assert "no such knowledge directory" in str(result)


async def test_watcher_task_starts_and_stops(folder: Path) -> None:
    got: list[object] = []

    async def callback(result: object) -> None:
        got.append(result)

    watcher = KnowledgeWatcher(folder, callback, interval=0.01, debounce=0)
    watcher.start()
    assert watcher.running
    write_kb(folder, SESSIONS + NEW_SESSION)
    for _ in range(200):
        if got:
            break
        await asyncio.sleep(0.01)
    await watcher.stop()
    assert not watcher.running
    assert isinstance(got[0], KnowledgeBase)


def test_reload_never_raises(tmp_path: Path) -> None:
    def buggy(path: Path) -> KnowledgeBase:
        raise ValueError("a bug in validation")

    result = reload_knowledge(tmp_path, loader=buggy)
    assert isinstance(result, KnowledgeError)
    assert "a bug in validation" in str(result)


async def test_the_watcher_throws_away_a_load_during_which_the_files_changed(
    folder: Path,
) -> None:
    clock = Clock()
    got: list[object] = []

    def loader(path: Path) -> KnowledgeBase:
        kb = load_knowledge(path)
        if not got and len(kb.sessions) == 1:
            write_kb(folder, SESSIONS + NEW_SESSION)  # the editor was still saving
        return kb

    watcher = KnowledgeWatcher(folder, got.append, debounce=1.0, clock=clock, loader=loader)
    write_kb(folder, SESSIONS + "\n")
    assert await watcher.check() is None
    clock.now = 2.0
    assert await watcher.check() is None, "changed while loading: not served"
    assert got == []
    clock.now = 4.0
    result = await watcher.check()
    assert isinstance(result, KnowledgeBase) and len(result.sessions) == 2
    assert got == [result]
