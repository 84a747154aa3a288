"""The shape of the house: every module imports on its own, domain modules never pull Discord
in, no two modules import each other (directly or round a circle, type-only imports
included), and every module logs under its own name."""

from __future__ import annotations

import ast
import importlib
import json
import logging
import pkgutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import bot

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bot"
DOMAIN = ("bot.kb", "bot.answer", "bot.agenda", "bot.store", "bot.importers", "bot.textfold")

PROBE = """
import importlib, json, pkgutil, sys
import bot

DOMAIN = tuple(sys.argv[1:])


class NoDiscord:
    def find_spec(self, name, path=None, target=None):
        if name == "discord" or name.startswith("discord."):
            raise ImportError("domain module imported discord")
        return None


names = sorted(
    m.name for m in pkgutil.walk_packages(bot.__path__, "bot.") if m.name != "bot.__main__"
)
# Domain modules first, with Discord blocked; then the rest. Each starts from no bot module
# loaded, so an import cycle shows as a failure.
names.sort(key=lambda n: not n.startswith(DOMAIN))
# Listing the packages imported some of them: start with no Discord loaded.
for loaded in [m for m in sys.modules if m == "discord" or m.startswith("discord.")]:
    del sys.modules[loaded]
blocker = NoDiscord()
sys.meta_path.insert(0, blocker)
results = {}
for name in names:
    if not name.startswith(DOMAIN) and blocker in sys.meta_path:
        sys.meta_path.remove(blocker)
    for loaded in [m for m in sys.modules if m == "bot" or m.startswith("bot.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
        results[name] = "ok"
    except Exception as exc:
        results[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(results))
"""


def probe() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *DOMAIN],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_module_imports_alone_and_domain_modules_stay_discord_free() -> None:
    results = probe()
    assert len(results) > 30
    broken = {name: result for name, result in results.items() if result != "ok"}
    assert not broken, broken


# -- no import circle --------------------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(node: ast.AST, package: str, known: set[str]) -> Iterable[str]:
    """The modules of ``known`` an import statement names (``from pkg import mod`` is the
    module ``pkg.mod`` when there is one, else ``pkg``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in known)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parents = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parents, base] if base else parents)
        for alias in node.names:
            if f"{base}.{alias.name}" in known:
                yield f"{base}.{alias.name}"
            elif base in known:
                yield base


def import_graph() -> dict[str, set[str]]:
    """Each module of ``bot/`` and the modules of ``bot/`` it imports, wherever the import
    stands: in a function, or under ``TYPE_CHECKING`` (a type-only import still ties the two
    modules together, and is one edit away from a real one)."""
    paths = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
    known = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = {
            imported
            for node in ast.walk(tree)
            for imported in imported_modules(node, package, known)
            if imported != name
        }
    return graph


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other round a circle (Tarjan's strongly
    connected components of more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in sorted(graph.get(name, ())):
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(found)


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_house_has_no_import_circle() -> None:
    graph = import_graph()
    assert len(graph) > 30 and "bot.discord_app.factory" in graph
    assert circles(graph) == []


# -- loggers -----------------------------------------------------------------------------------


def test_every_module_logs_under_its_own_name() -> None:
    """``log = logging.getLogger(__name__)``: a module's log lines name it, and a test or an
    operator can raise one package's level (``bot.cogs.reminders``) without guessing."""
    misnamed = []
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if info.name == "bot.__main__":
            continue
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            if isinstance(value, logging.Logger) and value.name != module.__name__:
                misnamed.append(f"{module.__name__}.{attribute} is {value.name!r}")
    assert not misnamed, misnamed
