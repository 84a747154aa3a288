"""The question chart: a PNG from a seeded log, checked for its size, its content (not blank,
both colours present) and the totals in its title; the command line writes the same; and
matplotlib is never imported at start-up."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.cli import questions_cmd
from bot.store import Store
from bot.store.chart import (
    ANSWERED_COLOUR,
    HEIGHT_PX,
    REFUSED_COLOUR,
    WIDTH_PX,
    ChartData,
    bars,
    bin_hours,
    chart_data,
    chart_title,
    render_chart,
)

PARIS = ZoneInfo("Europe/Paris")
DAY = datetime(2017, 6, 13, 7, 0, tzinfo=UTC)  # 09:00 in Paris
REFUSED = [
    "is there a cloakroom?",
    "is there a cloak room",
    "where is the cloakroom",
    "what's the wifi password? $5 and $10 for ^_^",
    "parking near the venue",
    "\x1b[2Jprix du café ?\n🍵 " + "x" * 300,
]


async def seed(store: Store) -> tuple[int, int]:
    """Two days of questions: busy mornings, a quiet night; returns (answered, refused)."""
    answered = refused = 0
    for day in range(2):
        for hour, count in [(0, 5), (1, 9), (2, 3), (5, 7), (8, 2)]:
            for i in range(count):
                when = DAY + timedelta(days=day, hours=hour, minutes=i * 5)
                is_answered = i % 4 != 3
                text = "when is the keynote?" if is_answered else REFUSED[i % len(REFUSED)]
                await store.log_question(
                    text=text,
                    source="text",
                    answered=is_answered,
                    matched_kind="session" if is_answered else None,
                    matched_id="keynote" if is_answered else None,
                    guild_id=1,
                    asked_at=when,
                )
                answered += is_answered
                refused += not is_answered
    for text in REFUSED:
        await store.log_question(
            text=text, source="ask", answered=False, guild_id=1, asked_at=DAY + timedelta(hours=3)
        )
        refused += 1
    await store.log_question(  # another server: never in this server's chart
        text="other server", source="text", answered=True, guild_id=2, asked_at=DAY
    )
    return answered, refused


def pixels(png: bytes, tmp_path: Path) -> Image.Image:
    path = tmp_path / "chart.png"
    path.write_bytes(png)
    return Image.open(path)


def colour_share(image: Image.Image, hex_colour: str) -> float:
    wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    rgb = image.convert("RGB")
    colours = rgb.getcolors(rgb.width * rgb.height) or []
    close = sum(
        count
        for count, pixel in colours
        if all(abs(a - b) <= 8 for a, b in zip(pixel, wanted, strict=True))
    )
    return close / (rgb.width * rgb.height)


async def test_chart_from_a_seeded_log(store: Store, tmp_path: Path) -> None:
    answered, refused = await seed(store)
    data = await chart_data(store, tz=PARIS, zone_name="Europe/Paris", guild_id=1)
    assert (data.stats.answered, data.stats.refused) == (answered, refused)
    png = render_chart(data)
    image = pixels(png, tmp_path)
    assert image.size == (WIDTH_PX, HEIGHT_PX) and image.format == "PNG"
    title = image.info["Title"]
    assert title == f"Questions: {answered + refused} (answered {answered}, refused {refused})"
    assert title == chart_title(data)
    extrema = image.convert("L").getextrema()
    assert extrema[0] < 60 and extrema[1] > 240  # dark text on a light background: not blank
    assert colour_share(image, ANSWERED_COLOUR) > 0.005
    assert colour_share(image, REFUSED_COLOUR) > 0.005
    # The most refused questions first (the store lists the newest first).
    counts = [group.count for group in data.refused]
    assert counts == sorted(counts, reverse=True) and counts[0] == 7
    assert "wifi" in data.refused[0].example


async def test_french_title(store: Store, tmp_path: Path) -> None:
    answered, refused = await seed(store)
    data = await chart_data(store, tz=PARIS, zone_name="Europe/Paris", guild_id=1)
    image = pixels(render_chart(data, "fr"), tmp_path)
    assert image.info["Title"] == (
        f"Questions : {answered + refused} (répondu : {answered}, refusé : {refused})"
    )


async def test_an_empty_log_still_draws(store: Store, tmp_path: Path) -> None:
    data = await chart_data(store, tz=UTC, zone_name="UTC")
    image = pixels(render_chart(data), tmp_path)
    assert image.size == (WIDTH_PX, HEIGHT_PX)
    assert image.info["Title"] == "Questions: 0 (answered 0, refused 0)"


def _data(hours: list[tuple[datetime, int, int]]) -> ChartData:
    from bot.store.models import QuestionStats

    stats = QuestionStats(None, None, 0, 0, 0, 0, 0, 0, 0, None, None, None, None)
    return ChartData(stats, tuple(hours), (), PARIS, "Europe/Paris")


def test_bars_cover_the_span_with_gaps_and_keep_every_count() -> None:
    hours = [(DAY, 2, 1), (DAY + timedelta(hours=3), 4, 0)]
    size, rows = bars(_data(hours))
    assert size == 1 and len(rows) == 4
    assert [(r[1], r[2]) for r in rows] == [(2, 1), (0, 0), (0, 0), (4, 0)]
    assert rows[0][0] == datetime(2017, 6, 13, 9, tzinfo=PARIS)


def test_a_long_log_gets_wider_bars() -> None:
    hours = [(DAY + timedelta(hours=h), 1, 1) for h in range(0, 24 * 10, 5)]
    size, rows = bars(_data(hours))
    assert size == bin_hours(hours) == 6 and len(rows) <= 72
    assert sum(r[1] for r in rows) == len(hours) and sum(r[2] for r in rows) == len(hours)
    assert all(r[0].hour % 6 == 0 for r in rows)  # aligned on local midnight


def test_cli_writes_the_same_chart(tmp_path: Path, monkeypatch, capsys) -> None:
    import asyncio

    db = tmp_path / "q.sqlite3"

    async def make() -> tuple[int, int]:
        async with await Store.open(db, maintenance_interval=None) as store:
            return await seed(store)

    answered, refused = asyncio.run(make())
    monkeypatch.chdir(tmp_path)
    parser = argparse.ArgumentParser()
    questions_cmd.register(parser.add_subparsers())
    out = tmp_path / "charts" / "questions.png"
    args = parser.parse_args(
        ["questions", "--database", str(db), "--chart", str(out), "--tz", "Europe/Paris"]
    )
    assert questions_cmd.run(args) == 0
    total = answered + refused + 1  # the other server's question too: no --guild
    expected = f"Questions: {total} (answered {answered + 1}, refused {refused})"
    assert expected in capsys.readouterr().out
    image = Image.open(out)
    assert image.size == (WIDTH_PX, HEIGHT_PX) and image.info["Title"] == expected
    args = parser.parse_args(["questions", "--database", str(db), "--chart", str(tmp_path)])
    assert questions_cmd.run(args) == 2  # a folder, not a file
    assert "error:" in capsys.readouterr().err


PROBE = """
import json, sys
import bot.cli
bot.cli.build_parser()
from bot.discord_app.factory import create_bot
from bot.settings import Settings
create_bot(Settings(discord_token="a.b.c"))
import bot.cogs.questions, bot.store.chart
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "PIL"))))
"""


def test_start_up_never_imports_matplotlib() -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("text", ["$x$", "a $ b", r"\frac{1}{2}", "{{}}", "%s"])
def test_attendee_text_is_never_read_as_maths(text: str, tmp_path: Path) -> None:
    from bot.store.similar import SimilarGroup

    data = _data([(DAY, 1, 1)])
    group = SimilarGroup(1, text, DAY, DAY, (text,))
    png = render_chart(ChartData(data.stats, data.hours, (group,), PARIS, "Europe/Paris"))
    assert pixels(png, tmp_path).size == (WIDTH_PX, HEIGHT_PX)
