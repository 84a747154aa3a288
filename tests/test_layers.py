"""Every module imports on its own (no import cycles), and domain modules never pull Discord in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
