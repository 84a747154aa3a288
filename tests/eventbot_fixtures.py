"""The small knowledge base and the settable clock the Discord tests run on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.kb.model import (
    Company,
    Event,
    Faq,
    KnowledgeBase,
    Link,
    Session,
    Speaker,
    Text,
    Tool,
)

PARIS = ZoneInfo("Europe/Paris")
DAY1 = date(2030, 5, 14)
DAY2 = date(2030, 5, 15)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


class FakeClock:
    """The bot's clock in tests: fixed until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def session(
    sid: str,
    title: str | dict[str, str],
    day: date,
    hour: int,
    minute: int = 0,
    *,
    minutes: int = 45,
    room: str = "Alpha",
    track: str = "",
    **kwargs,
) -> Session:
    start = at(day, hour, minute)
    return Session(
        id=sid,
        title=Text.of(title),
        start=start,
        end=start + timedelta(minutes=minutes),
        room=room,
        track=track,
        **kwargs,
    )


def make_kb(**event_overrides) -> KnowledgeBase:
    event = Event(
        id="testconf-2030",
        name="TestConf 2030",
        timezone="Europe/Paris",
        start_date=DAY1,
        end_date=DAY2,
        city="Lyon",
        venue=Text.of({"en": "Main hall", "fr": "Grand hall"}),
        organisers=("acme",),
        theme=Text.of({"en": "Containers in production", "fr": "Les conteneurs en production"}),
        description=Text.of(
            {"en": "Two days about containers.", "fr": "Deux jours sur les conteneurs."}
        ),
        language="en",
        rooms=("Alpha", "Beta"),
        tracks=("Security", "Tools"),
        links=(Link("Website", "https://example.org"),),
    )
    if event_overrides:
        event = replace(event, **event_overrides)
    sessions = (
        session(
            "keynote",
            {"en": "Opening keynote: securing containers", "fr": "Keynote : sécuriser"},
            DAY1,
            9,
            30,
            speakers=("zoe-durand",),
            tools=("apparmor",),
            track="Security",
            abstract=Text.of({"en": "Why AppArmor matters.", "fr": "Pourquoi AppArmor."}),
            aliases=("opening keynote",),
        ),
        session(
            "linuxkit-talk",
            "Docker's new LinuxKit",
            DAY1,
            10,
            30,
            speakers=("justin-cormack",),
            tools=("linuxkit",),
            room="Beta",
            track="Tools",
            abstract=Text.of("LinuxKit builds lean, secure systems."),
        ),
        session("k8s-prod", "Kubernetes in production", DAY1, 10, 30, tools=("kubernetes",)),
        session("helm-charts", "Helm charts for everyone", DAY1, 11, 30, room="Beta"),
        session("ci-pipelines", "Continuous delivery pipelines", DAY1, 14),
        session("monitoring", "Monitoring with Prometheus", DAY1, 15, room="Beta"),
        session("service-mesh", "Service mesh in practice", DAY2, 9, 30),
        session("storage", "Persistent storage for containers", DAY2, 10, 30, room="Beta"),
        session("closing", "Closing panel", DAY2, 16, speakers=("zoe-durand",)),
    )
    speakers = (
        Speaker(
            id="zoe-durand",
            name="Zoé Durand",
            company="acme",
            role=Text.of("Security engineer"),
            bio=Text.of({"en": "Zoé hardens containers.", "fr": "Zoé durcit les conteneurs."}),
        ),
        Speaker(id="justin-cormack", name="Justin Cormack", company="docker-inc"),
    )
    companies = (
        Company(id="acme", name="Acme"),
        Company(id="docker-inc", name="Docker Inc"),
    )
    tools = (
        Tool(
            id="linuxkit",
            name="LinuxKit",
            description=Text.of("A toolkit for building secure, lean operating systems."),
            company="docker-inc",
            links=(Link("GitHub", "https://github.com/linuxkit/linuxkit"),),
        ),
        Tool(id="kubernetes", name="Kubernetes", description=Text.of("Container orchestration.")),
        Tool(id="apparmor", name="AppArmor", description=Text.of("Linux security module.")),
        Tool(id="nomad", name="Nomad", description=Text.of("A scheduler, only mentioned.")),
    )
    faqs = (
        Faq(
            id="wifi",
            question=Text.of({"en": "Is there wifi?", "fr": "Y a-t-il du wifi ?"}),
            answer=Text.of({"en": "Yes: network TestConf.", "fr": "Oui : réseau TestConf."}),
            keywords=("wifi", "internet", "network"),
        ),
    )
    return KnowledgeBase(
        event=event,
        sessions=sessions,
        speakers=speakers,
        companies=companies,
        tools=tools,
        faqs=faqs,
    )
