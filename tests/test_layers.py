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
from bot.discord_app.privacy import PAYLOAD_LOGGERS

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


# What the bot fetches from other libraries only to quiet them (levels, never a log line).
QUIETED_LIBRARY_LOGGERS = {
    ("bot.discord_app.privacy", "name"),  # each of PAYLOAD_LOGGERS
    ("bot.store.opening", "'aiosqlite'"),
}
# The logging module's own functions, which log through the root logger.
ROOT_LOGGING = {
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "fatal",
    "log",
}


def logging_calls(tree: ast.AST) -> Iterable[tuple[str, ast.Call]]:
    """Each call of the ``logging`` module in a module's source, wherever it stands (in a
    function, a class), through ``import logging [as x]`` or ``from logging import y``:
    ``("getLogger", call)`` or ``(root logging function, call)``."""
    modules = {"logging"}
    functions: dict[str, str] = {}
    calls: list[ast.Call] = []
    for node in ast.walk(tree):  # one walk: the imports are known once it is over
        if isinstance(node, ast.Call):
            calls.append(node)
        elif isinstance(node, ast.Import):
            names = node.names
            modules |= {alias.asname or alias.name for alias in names if alias.name == "logging"}
        elif isinstance(node, ast.ImportFrom) and node.module == "logging":
            functions |= {alias.asname or alias.name: alias.name for alias in node.names}
    for call in calls:
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in modules and (func.attr == "getLogger" or func.attr in ROOT_LOGGING):
                yield func.attr, call
        elif isinstance(func, ast.Name) and functions.get(func.id) in {"getLogger", *ROOT_LOGGING}:
            yield functions[func.id], call


def test_the_logging_call_finder_sees_every_spelling() -> None:
    source = """
import logging
import logging as lg
from logging import getLogger as get, info

log = logging.getLogger(__name__)
class Cog:
    log = lg.getLogger("bot.cogs")
def f():
    get("discord").warning("x")
    logging.info("root")
    info("root")
    log.info("fine")
"""
    found = [(what, ast.unparse(call)) for what, call in logging_calls(ast.parse(source))]
    assert sorted(found) == [
        ("getLogger", "get('discord')"),
        ("getLogger", "lg.getLogger('bot.cogs')"),
        ("getLogger", "logging.getLogger(__name__)"),
        ("info", "info('root')"),
        ("info", "logging.info('root')"),
    ]


def test_every_logger_is_got_by_its_module_name() -> None:
    """The source side of the rule above, which sees what a module attribute does not: a
    logger got inside a function or a class, and lines sent through the root logger
    (``logging.info(...)``). ``getLogger`` takes ``__name__`` only; the other loggers the bot
    fetches are other libraries', to quiet them."""
    wrong = []
    quieted = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for what, call in logging_calls(tree):
            where = f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)}"
            if what != "getLogger":
                wrong.append(f"{where} (the root logger)")
                continue
            argument = ast.unparse(call.args[0]) if len(call.args) == 1 else None
            if argument == "__name__" and not call.keywords:
                continue
            if (module, argument) in QUIETED_LIBRARY_LOGGERS:
                quieted.add((module, argument))
                continue
            wrong.append(f"{where} (not __name__)")
    assert not wrong, wrong
    assert quieted == QUIETED_LIBRARY_LOGGERS, "an exception of the list is gone: drop it"
    assert not [name for name in PAYLOAD_LOGGERS if name == "bot" or name.startswith("bot.")]
