"""HTML to text, durations, and the choice of the event's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.importers import ScheduleImportError, html_to_text, make_id
from bot.importers.timezones import choose_zone
from bot.importers.values import local_text, parse_duration, pick


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("line<br>next<br/><br />para", "line\nnext\n\npara"),
        ("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "- a\n- b\n  - c"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ("<ul>\n<li>\n<p>Why.</p>\n</li>\n<li><p>How.</p></li>\n</ul>", "- Why.\n- How."),
        ('See <a href="https://x.org/doc">the docs</a>.', "See the docs (https://x.org/doc)."),
        ('<a href="https://x.org/">x.org</a>', "x.org"),
        ('<a href="mailto:a@b.org">write</a>', "write (a@b.org)"),
        ("<p>A</p><script>alert(1)</script><style>p{}</style><p>B</p>", "A\n\nB"),
        ("<h2>Title</h2>Body <em>text</em> <code>x</code>", "Title\n\nBody text x"),
        ("<pre>  keep\n    indent</pre>", "keep\n    indent"),
        (
            "Markdown **bold** and [link](https://x.org)\r\n\r\n* item",
            "Markdown **bold** and [link](https://x.org)\n\n* item",
        ),
        (
            "first line\nsecond <a href='https://x.org'>x</a>\n\nthird",
            "first line\nsecond x (https://x.org)\n\nthird",
        ),
        ("a < b and c > d", "a < b and c > d"),
        ("caf&eacute; &#233; &#x00e9;", "café é é"),
        ("tab\there\x00\x07", "tab    here"),
        ("", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("00:45", 45),
        ("1:30", 90),
        ("00:05:00", 5),
        ("48:00", 2880),
        ("00:00", 0),
        ("PT1H15M", 75),
        (25, 25),
        ("00:45:30", 46),
        ("forty", None),
        ("", None),
        (None, None),
        (True, None),
        ("1:2", None),
    ],
)
def test_parse_duration(value, minutes) -> None:
    assert parse_duration(value) == minutes


def test_localised_text() -> None:
    assert local_text({"en": "<b>Hi</b>", "de": "Hallo", "fr": ""}) == {"en": "Hi", "de": "Hallo"}
    assert pick({"de": "Hallo", "en": "Hi"}) == "Hi"
    assert pick({"de": "Hallo"}) == "Hallo"
    assert local_text(None) == {} and local_text(12) == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10386, "10386"),
        ("SCD9VJ", "SCD9VJ"),
        ("MÄaN0", "MAaN0"),
        ("a b/c", "a-b-c"),
        ("--x", "x"),
        ("", ""),
        ("ÄÖÜ", "AOU"),
        ("💥", ""),
        ("x" * 150, "x" * 100),
    ],
)
def test_make_id(value, expected) -> None:
    assert make_id(value) == expected


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_zone_order() -> None:
    starts = [_at("2020-12-27T11:30:00+01:00")]
    assert (
        choose_zone(explicit="Europe/Berlin", named="UTC", starts=starts, source="s").name
        == "Europe/Berlin"
    )
    assert choose_zone(named="Europe/Berlin", starts=starts, source="s").name == "Europe/Berlin"
    fixed = choose_zone(starts=starts, source="s")
    assert fixed.name == "Etc/GMT-1"  # POSIX sign: one hour ahead of UTC
    assert fixed.reason.startswith("the sessions' UTC offset (+01:00)")
    assert choose_zone(starts=[_at("2024-02-03T10:00:00-05:00")], source="s").name == "Etc/GMT+5"
    assert choose_zone(starts=[_at("2024-02-03T10:00:00+00:00")], source="s").name == "UTC"
    naive = [datetime(2024, 2, 3, 10, 30)]
    assert choose_zone(city="Brussels", starts=naive, source="s").name == "Europe/Brussels"
    assert choose_zone(city="São Paulo", starts=[], source="s").name == "America/Sao_Paulo"


def test_a_city_whose_zone_disagrees_with_the_offsets_is_not_used() -> None:
    starts = [_at("2024-02-03T10:00:00+05:00")]
    assert choose_zone(city="Brussels", starts=starts, source="s").name == "Etc/GMT-5"


def test_offsets_across_a_daylight_saving_change_pick_a_fitting_zone() -> None:
    starts = [_at("2023-10-28T12:00:00+02:00"), _at("2023-10-29T12:00:00+01:00")]
    choice = choose_zone(starts=starts, source="s")
    zone = choice.name
    for start in starts:
        assert (
            start.astimezone(__import__("zoneinfo").ZoneInfo(zone)).utcoffset() == start.utcoffset()
        )
    assert "--timezone" in choice.warning


def test_half_hour_offsets() -> None:
    starts = [_at("2024-02-03T10:00:00+05:30")]
    choice = choose_zone(starts=starts, source="s")
    assert choice.name in ("Asia/Colombo", "Asia/Kolkata")
    assert starts[0].astimezone(
        __import__("zoneinfo").ZoneInfo(choice.name)
    ).utcoffset() == timedelta(hours=5, minutes=30)


def test_no_zone_at_all_asks_for_one() -> None:
    with pytest.raises(ScheduleImportError, match="--timezone"):
        choose_zone(starts=[datetime(2024, 2, 3, 10, 30)], source="s.xml")
    with pytest.raises(ScheduleImportError) as caught:
        choose_zone(explicit="Nowhere/Land", starts=[], source="s")
    assert caught.value.place == "--timezone"
    with pytest.raises(ScheduleImportError):
        choose_zone(named="../../etc/passwd", named_place="s:tz", starts=[], source="s")
    odd = [datetime(2024, 2, 3, 10, 30, tzinfo=timezone(timedelta(hours=3, minutes=17)))]
    with pytest.raises(ScheduleImportError, match="--timezone"):
        choose_zone(starts=odd, source="s")
