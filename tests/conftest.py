"""Shared fixtures: the shipped knowledge base, loaded once per test session; the simcord
fixtures of the Discord tests (``tests/discord_app``, ``tests/cogs``) are the plugin
:mod:`simcord_fixtures`.

Also a guard: a test run must not write into the checkout (a database, an export...). The
files git does not track are listed before and after the run; anything new, tool caches
aside, fails the run with its name.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.answer.engine import Answerer
from bot.kb import KnowledgeBase, load_knowledge

pytest_plugins = ["simcord_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"

# Written by the tools themselves, not by the code under test.
TOOL_CACHES = (
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    ".venv",
    ".ci",
    ".egg-info",
)
_BEFORE = pytest.StashKey[set[str] | None]()


def untracked_files() -> set[str] | None:
    """Files in the checkout that git does not track (ignored ones included), tool caches
    aside; ``None`` outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    paths = {line[3:] for line in done.stdout.splitlines() if line[:2] in ("??", "!!")}
    return {p for p in paths if not any(part in p for part in TOOL_CACHES)}


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")  # pytest-xdist workers have it


def pytest_sessionstart(session: pytest.Session) -> None:
    if _is_controller(session.config):
        session.config.stash[_BEFORE] = untracked_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _is_controller(session.config):
        return
    before = session.config.stash.get(_BEFORE, None)
    after = untracked_files()
    if before is None or after is None:
        return
    written = sorted(after - before)
    if written:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "tests wrote into the checkout (use tmp_path): " + ", ".join(written[:10])
        if reporter is not None:
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="session")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)
