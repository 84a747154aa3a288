"""The question log as a picture: questions per hour over the event (answered and refused),
and the most refused questions. One PNG for ``/questions stats`` and for
``python -m bot questions --chart FILE.png``.

:func:`chart_data` reads what to draw from the store; :func:`render_chart` draws it. matplotlib
is imported inside :func:`render_chart` only (its Agg canvas: no display, no pyplot global
state, safe in a worker thread), so starting the bot or the command line never pays for it.
The figure's title carries the totals, and is also stored as the PNG's ``Title`` text, so a
reader (or a test) can check the picture against the log without reading pixels.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from bot.i18n import t
from bot.store.models import QuestionStats
from bot.store.similar import SimilarGroup
from bot.textfold import clip

WIDTH_PX, HEIGHT_PX, DPI = 1000, 700, 100
"""The PNG's size: wide enough for a day of hourly bars, small enough for a Discord preview."""
MAX_BARS = 72
"""Hourly bars up to three days; a longer log is drawn per 2, 3, 6, 12 or 24 hours."""
BIN_HOURS = (1, 2, 3, 6, 12, 24, 48, 168)
TIMELINE_BOX = (0.07, 0.50, 0.90, 0.34)
TOPICS_BOX = (0.36, 0.07, 0.58, 0.32)
"""Where the two charts sit (left, bottom, width, height as fractions of the figure): the
refused questions leave room on the left for their text."""
TOP_REFUSED = 8
GROUPS_READ = 500
"""Groups of refused questions read to find the most frequent (the store gives the newest)."""
LABEL_CHARS = 45
ANSWERED_COLOUR = "#3ba55d"
REFUSED_COLOUR = "#ed4245"


@dataclass(frozen=True)
class ChartData:
    """What the chart shows. ``hours``: ``(hour start, answered, refused)`` in UTC."""

    stats: QuestionStats
    hours: tuple[tuple[datetime, int, int], ...]
    refused: tuple[SimilarGroup, ...]
    tz: tzinfo
    zone_name: str
    subtitle: str = ""

    @property
    def total(self) -> int:
        return self.stats.total


async def chart_data(
    store,
    *,
    tz: tzinfo,
    zone_name: str,
    since: datetime | None = None,
    guild_id: int | None = None,
    subtitle: str = "",
    top: int = TOP_REFUSED,
) -> ChartData:
    """Read the totals, the hourly counts and the most refused questions from ``store``."""
    stats = await store.stats(since=since, guild_id=guild_id, tz=tz)
    hours = await store.hourly(since=since, guild_id=guild_id)
    groups = await store.unanswered(since=since, guild_id=guild_id, limit=GROUPS_READ)
    groups.sort(key=lambda g: (-g.count, -g.last_seen.timestamp()))
    return ChartData(stats, tuple(hours), tuple(groups[:top]), tz, zone_name, subtitle)


def chart_title(data: ChartData, language: str = "en") -> str:
    """The headline, with the totals: also the PNG's ``Title``."""
    stats = data.stats
    return t(
        "chart_title", language, total=stats.total, answered=stats.answered, refused=stats.refused
    )


def bin_hours(hours: list[tuple[datetime, int, int]] | tuple, limit: int = MAX_BARS) -> int:
    """The bar width in hours: the smallest of :data:`BIN_HOURS` giving at most ``limit`` bars."""
    if not hours:
        return 1
    span = int((hours[-1][0] - hours[0][0]).total_seconds() // 3600) + 1
    for size in BIN_HOURS:
        if -(-span // size) <= limit:
            return size
    return BIN_HOURS[-1]


def bars(data: ChartData) -> tuple[int, list[tuple[datetime, int, int]]]:
    """``(hours per bar, [(bar start in the chart's zone, answered, refused)])``, every bar
    of the span included (quiet hours show as gaps), bars aligned on local midnight."""
    size = bin_hours(data.hours)
    if not data.hours:
        return size, []

    def start_of(moment: datetime) -> datetime:
        local = moment.astimezone(data.tz)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        offset = int((local - midnight).total_seconds() // 3600) // size * size
        return midnight + timedelta(hours=offset)

    counts: dict[datetime, list[int]] = {}
    for hour, answered, refused in data.hours:
        cell = counts.setdefault(start_of(hour), [0, 0])
        cell[0] += answered
        cell[1] += refused
    first, last = min(counts), max(counts)
    out = []
    current = first
    while current <= last:
        answered, refused = counts.get(current, (0, 0))
        out.append((current, answered, refused))
        current = start_of(current + timedelta(hours=size))
    return size, out


def _label(text: str, limit: int = LABEL_CHARS) -> str:
    """Attendee text made safe for a chart label: one line, no control characters, short."""
    flat = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return clip(" ".join(flat.split()), limit)


def _tick_label(moment: datetime, size: int, previous: datetime | None) -> str:
    if size >= 24:
        return moment.strftime("%d/%m")
    if previous is None or previous.date() != moment.date():
        return moment.strftime("%d/%m\n%H:%M")
    return moment.strftime("%H:%M")


def render_chart(data: ChartData, language: str = "en") -> bytes:
    """The chart as PNG bytes (:data:`WIDTH_PX` x :data:`HEIGHT_PX`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    title = chart_title(data, language)
    size, rows = bars(data)
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.suptitle(title, fontsize=15, fontweight="bold", parse_math=False)
    if data.subtitle:
        figure.text(0.5, 0.925, _label(data.subtitle, 120), ha="center", parse_math=False)
    timeline = figure.add_axes(TIMELINE_BOX)
    positions = list(range(len(rows)))
    answered = [row[1] for row in rows]
    refused = [row[2] for row in rows]
    timeline.bar(
        positions, answered, width=0.85, color=ANSWERED_COLOUR, label=t("chart_answered", language)
    )
    timeline.bar(
        positions,
        refused,
        width=0.85,
        bottom=answered,
        color=REFUSED_COLOUR,
        label=t("chart_refused", language),
    )
    per = t("chart_per_hour", language) if size == 1 else t("chart_per_hours", language, hours=size)
    timeline.set_title(f"{per} ({data.zone_name})", loc="left", parse_math=False)
    if rows:
        step = max(1, len(rows) // 12)
        ticks = positions[::step]
        labels = []
        previous = None
        for index in ticks:
            labels.append(_tick_label(rows[index][0], size, previous))
            previous = rows[index][0]
        timeline.set_xticks(ticks, labels, fontsize=8)
        timeline.legend(loc="upper right", frameon=False)
        timeline.set_xlim(-0.6, len(rows) - 0.4)
    else:
        timeline.set_xticks([])
        timeline.text(
            0.5, 0.5, t("chart_no_questions", language), ha="center", transform=timeline.transAxes
        )
    timeline.yaxis.set_major_locator(MaxNLocator(integer=True))
    timeline.spines[["top", "right"]].set_visible(False)

    topics = figure.add_axes(TOPICS_BOX)
    topics.set_title(t("chart_top_refused", language), loc="left", parse_math=False)
    groups = list(data.refused)[::-1]  # the most refused on top
    if groups:
        places = list(range(len(groups)))
        topics.barh(places, [g.count for g in groups], color=REFUSED_COLOUR, height=0.7)
        topics.set_yticks(places, [_label(g.example) for g in groups], fontsize=9)
        for label in topics.get_yticklabels():
            label.set_parse_math(False)
        topics.xaxis.set_major_locator(MaxNLocator(integer=True))
        for place, group in zip(places, groups, strict=True):
            topics.text(group.count, place, f" {group.count}", va="center", fontsize=9)
    else:
        topics.set_yticks([])
        topics.set_xticks([])
        topics.text(
            0.5, 0.5, t("chart_none_refused", language), ha="center", transform=topics.transAxes
        )
    topics.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from the font (emoji) is not news
        figure.savefig(
            buffer, format="png", dpi=DPI, metadata={"Title": title, "Software": "event-bot"}
        )
    return buffer.getvalue()


__all__ = ["ChartData", "bars", "bin_hours", "chart_data", "chart_title", "render_chart"]
