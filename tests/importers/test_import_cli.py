"""``python -m bot import`` and ``export``: called through their modules' parsers."""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

import icalendar
import pytest
from import_helpers import real_file, small_schedule, write_json
from schedule_server import real_export, server_thread

from bot import files
from bot.cli import export_cmd, import_cmd


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    subparsers = parser.add_subparsers(dest="command")
    import_cmd.register(subparsers)
    export_cmd.register(subparsers)
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_import_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_json(tmp_path / "democonf.json", small_schedule())
    out = tmp_path / "kb"
    assert _run("import", str(source), "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert "3 sessions, 2 speakers, 2 rooms, 1 tracks" in printed
    assert "time zone Europe/Paris" in printed
    ics = tmp_path / "one.ics"
    assert (
        _run("export", "ics", "--knowledge", str(out), "--session", "103", "--out", str(ics)) == 0
    )
    (event,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert str(event["UID"]) == "103@democonf-2025"


def test_export_to_standard_output(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = tmp_path / "kb"
    _run("import", str(write_json(tmp_path / "d.json", small_schedule())), "--out", str(out))
    capsysbinary.readouterr()
    assert _run("export", "ics", "--knowledge", str(out)) == 0
    data = capsysbinary.readouterr().out
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 3


def test_errors_exit_2_with_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kb"
    assert _run("import", str(real_file("invalid-example.json")), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith(f"{real_file('invalid-example.json')}:schedule.")
    assert "Nothing was written." in err
    assert not out.exists()
    _run("import", str(write_json(tmp_path / "d.json", small_schedule())), "--out", str(out))
    capsys.readouterr()
    assert _run("export", "ics", "--knowledge", str(out), "--session", "nope") == 2
    assert "--session nope: no session with this id" in capsys.readouterr().err
    assert _run("export", "ics", "--knowledge", str(tmp_path / "missing")) == 2
    assert (
        _run("import", str(tmp_path / "d.json"), "--out", str(out), "--timezone", "Mars/Base") == 2
    )
    assert "--timezone: unknown time zone" in capsys.readouterr().err


def test_warnings_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kb"
    assert _run("import", str(real_file("fosdem-2024.xml")), "--out", str(out), "--dry-run") == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "UB4.136" in captured.err
    assert "would write" in captured.out and "674 sessions" in captured.out
    assert not out.exists()


@pytest.mark.parametrize("stage", ["write", "fsync"])
def test_a_full_disk_is_a_clear_message_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch, stage: str
) -> None:
    out = tmp_path / "kb"
    source = write_json(tmp_path / "d.json", small_schedule())
    assert _run("import", str(source), "--out", str(out)) == 0
    before = (out / "schedule.yaml").read_bytes()
    capsys.readouterr()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if stage == "write":
        monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: _FullFile(fd))
    else:
        monkeypatch.setattr(files.os, "fsync", full)
    changed = small_schedule()
    changed["schedule"]["conference"]["title"] = "Renamed"
    assert _run("import", str(write_json(tmp_path / "d2.json", changed)), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == (
        f"{out / 'schedule.yaml'}: cannot write (No space left on device); the disk is full: "
        "free some space and import again. Nothing was written: the previous schedule.yaml, "
        "if any, is unchanged."
    )
    assert (out / "schedule.yaml").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["schedule.yaml"], "no temporary file left"


class _FullFile:
    """A file on a full disk: every write fails."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_import_from_a_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kb"
    with server_thread(real_export()) as server:
        assert _run("import", server.url, "--out", str(out)) == 0
        printed = capsys.readouterr().out
        assert f"{server.url} (frab/pretalx schedule.json) -> {out / 'schedule.yaml'}: wrote" in (
            printed
        )
        assert "48 sessions" in printed
        assert _run("import", server.url, "--out", str(out)) == 0
        assert ": unchanged" in capsys.readouterr().out
        server.status = 503
        before = (out / "schedule.yaml").read_bytes()
        assert _run("import", server.url, "--out", str(out)) == 2
        err = capsys.readouterr().err
        assert "answered HTTP 503" in err and "Nothing was written." in err
        assert (out / "schedule.yaml").read_bytes() == before


def test_import_refuses_other_schemes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("import", "ftp://example.org/schedule.json", "--out", str(tmp_path)) == 2
    assert "expected an http:// or https:// URL" in capsys.readouterr().err


@pytest.mark.parametrize("before", [True, False])
def test_import_takes_knowledge_before_or_after_the_command(tmp_path: Path, before: bool) -> None:
    from bot.cli import main

    source = write_json(tmp_path / "democonf.json", small_schedule())
    out = tmp_path / "kb"
    option = ["--knowledge", str(out)]
    argv = [*option, "import", str(source)] if before else ["import", str(source), *option]
    assert main(argv) == 0
    assert (out / "schedule.yaml").is_file()
