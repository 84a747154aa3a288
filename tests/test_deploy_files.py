"""The deployment files agree with the code: what the Dockerfile copies exists, its commands
are commands of the CLI, compose mounts the image's volumes, the systemd unit's exit codes are
the runner's, the licence matches pyproject.toml, and .env.example documents every setting.
(No Docker daemon is needed: the image itself is built in docs/deploy.md's way, by hand.)"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path

import yaml

from bot.cli import build_parser
from bot.discord_app.runner import EXIT_INVALID, EXIT_LOGIN

ROOT = Path(__file__).resolve().parent.parent


def dockerfile() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` of the final stage... and the build stage, in order."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", text)
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def final_stage() -> list[tuple[str, str]]:
    steps = dockerfile()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def env_of(steps) -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in steps:
        if word == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def exec_form(steps, word: str) -> list[str]:
    (rest,) = [rest for w, rest in steps if w == word]
    return json.loads(rest)


def test_every_copied_path_exists_and_nothing_secret_goes_in() -> None:
    for word, rest in dockerfile():
        if word != "COPY" or "--from" in rest:
            continue
        *sources, _ = [part for part in shlex.split(rest) if not part.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and ".venv" in ignored and ".git" in ignored
    for needed in ("bot", "knowledge", "pyproject.toml", "README.md"):
        assert needed not in ignored


def test_the_image_runs_the_bot_as_a_user_with_state_in_volumes() -> None:
    steps = final_stage()
    (user,) = [rest for word, rest in steps if word == "USER"]
    assert user not in ("root", "0")
    env = env_of(steps)
    volumes = exec_form(steps, "VOLUME")
    assert env["KNOWLEDGE_DIR"] in volumes
    assert str(Path(env["DATABASE_PATH"]).parent) in volumes
    assert steps[0][1].startswith("python:3.11-slim")


def test_entrypoint_cmd_and_healthcheck_are_cli_commands() -> None:
    steps = final_stage()
    entry, cmd = exec_form(steps, "ENTRYPOINT"), exec_form(steps, "CMD")
    assert entry == ["python", "-m", "bot"]
    parser = build_parser()
    assert parser.parse_args(cmd).command == "run"
    (health,) = [rest for word, rest in steps if word == "HEALTHCHECK"]
    options, _, command = health.partition(" CMD ")
    assert "--interval=30s" in options and "--start-period=" in options
    argv = json.loads(command)
    assert argv[:3] == entry
    assert parser.parse_args(argv[3:]).command == "health"


def test_compose_uses_env_and_the_image_volumes() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    (service,) = compose["services"].values()
    assert service["env_file"] == ".env" and service["build"] == "."
    env = env_of(final_stage())
    for key in ("KNOWLEDGE_DIR", "DATABASE_PATH"):
        assert service["environment"][key] == env[key]
    mounted = {volume.split(":")[1] for volume in service["volumes"]}
    assert mounted == set(exec_form(final_stage(), "VOLUME"))
    named = {volume.split(":")[0] for volume in service["volumes"]}
    assert named <= set(compose["volumes"])


def test_the_systemd_unit() -> None:
    unit = (ROOT / "docs" / "event-bot.service").read_text(encoding="utf-8")
    values = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] != "#"
    )
    assert values["ExecStart"].endswith("python -m bot run")
    assert build_parser().parse_args(values["ExecStart"].split()[3:]).command == "run"
    assert set(values["RestartPreventExitStatus"].split()) == {str(EXIT_INVALID), str(EXIT_LOGIN)}
    home = values["WorkingDirectory"]
    assert set(values["ReadWritePaths"].split()) == {f"{home}/data", f"{home}/knowledge"}
    assert values["KillSignal"] == "SIGTERM"
    assert "docs/event-bot.service" in (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def test_licence_and_changelog() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{project['version']}]" in changelog


def test_env_example_documents_every_setting() -> None:
    """Every variable bot/settings/declarations.py declares has a line in .env.example."""
    source = (ROOT / "bot" / "settings" / "declarations.py").read_text(encoding="utf-8")
    names = set(re.findall(r'"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"', source))
    assert {"DISCORD_TOKEN", "SCHEDULE_URL", "ORGANISER_CHANNEL"} <= names
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert names - documented == set()
    # and the names known to the unknown-key warning are exactly those
    from bot.settings import SETTING_NAMES

    assert set(SETTING_NAMES) == documented


def test_every_data_file_in_the_package_is_installed_with_it() -> None:
    """A non-editable install (``pip install .``, the Docker image) ships only the files
    pyproject's package-data names: the engine's lexicon must be among them."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["bot"]
    package = ROOT / "bot"
    data = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    ]
    assert data, "expected the lexicon at least"
    for name in data:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
