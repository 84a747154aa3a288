"""Load a knowledge directory in a child process, so that no file can stall the bot.

The loader is bounded (see :mod:`bot.kb.yaml_source`), but it is CPU work in Python: in a
thread it still competes with the event loop for the GIL, and C code that holds the GIL (a
``repr`` of a huge value, libyaml on a big file) would freeze the Discord gateway meanwhile.
:func:`load_isolated` runs :func:`bot.kb.watcher.reload_knowledge` in a fresh interpreter
(``python -m bot.kb.isolated DIR``), with a memory cap and a deadline, and returns its result
(the knowledge base, or the :class:`~bot.kb.loader.KnowledgeError`) through a pipe. The event
loop only waits on that pipe. A child that runs out of time is killed and reported as a
problem, like a file that does not validate: the running knowledge base stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys
from pathlib import Path

from bot.kb.loader import KnowledgeError
from bot.kb.schema import Problem
from bot.kb.watcher import ReloadResult, reload_knowledge
from bot.textfold import clip

TIMEOUT_SECONDS = 60.0
"""How long a reload may take before its process is killed. Loading FOSDEM 2024 (674
sessions) takes well under a second; a minute only leaves room for a very slow disk."""

MEMORY_LIMIT_BYTES = 1 << 30
"""Address space of the loading process (1 GiB): a file that would need more fails there
with a ``MemoryError``, reported as a problem, instead of swapping the bot's host."""

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent


def _problem(directory: Path, message: str) -> KnowledgeError:
    return KnowledgeError([Problem(str(directory), 0, message)])


async def load_isolated(directory: str | Path, *, timeout: float = TIMEOUT_SECONDS) -> ReloadResult:
    """Load ``directory`` in a child process; never raises (a failure is a KnowledgeError)."""
    path = Path(directory)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if part
    )
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.kb.isolated",
            str(path),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
    except OSError as exc:
        return _problem(path, f"could not start the loading process: {exc}")
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    except BaseException as exc:  # the deadline, or the caller cancelled: never leave it running
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        with contextlib.suppress(Exception):
            await asyncio.shield(process.wait())
        if isinstance(exc, TimeoutError):
            return _problem(
                path,
                f"loading took longer than {timeout:g} s and was stopped; the running "
                "knowledge base is kept (is a file huge, or on a very slow disk?)",
            )
        raise
    if process.returncode != 0 or not out:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        detail = clip(lines[-1], 200) if lines else f"exit status {process.returncode}"
        return _problem(path, f"could not load: the loading process failed ({detail})")
    try:
        result = pickle.loads(out)
    except Exception as exc:
        return _problem(path, f"could not load: unreadable result from the loading process ({exc})")
    return result


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = (
            MEMORY_LIMIT_BYTES if hard == resource.RLIM_INFINITY else min(hard, MEMORY_LIMIT_BYTES)
        )
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def main(argv: list[str]) -> int:
    """The child: load ``argv[0]``, write the pickled result to standard output."""
    _limit_memory()
    result = reload_knowledge(Path(argv[0]))
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


__all__ = ["MEMORY_LIMIT_BYTES", "TIMEOUT_SECONDS", "load_isolated"]
