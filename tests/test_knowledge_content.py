"""The shipped knowledge base (knowledge/) says what the source article says, and no less.

Source: shared/seed/000_db593bcd623d2290.txt, a French news article about Paris Container Day
2017. These tests pin the facts taken from it, the honesty markers (illustrative timetable,
unknown venue) and the question table in tests/data/questions.yaml.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.answer.evaluate import read_cases, unknown_ids
from bot.kb import KnowledgeBase, Session, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
QUESTIONS = ROOT / "tests" / "data" / "questions.yaml"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    with QUESTIONS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def all_text(*texts) -> str:
    return " ".join(value for text in texts for value in text.all())


def session(kb: KnowledgeBase, session_id: str) -> Session:
    found = kb.session(session_id)
    assert found is not None, f"missing session {session_id!r}"
    return found


# -- the event ------------------------------------------------------------------------------


def test_event_facts(kb: KnowledgeBase) -> None:
    event = kb.event
    assert event.start_date == event.end_date == date(2017, 6, 13)
    assert event.timezone == "Europe/Paris"
    assert event.city == "Paris"
    assert set(event.organisers) == {"xebia", "wescale"}
    assert event.edition == "2"
    assert "420" in all_text(event.attendance)
    assert "production" in all_text(event.theme)
    assert "containers en production" in event.theme.pick("fr")


def test_event_is_honest_about_what_the_source_lacks(kb: KnowledgeBase) -> None:
    event = kb.event
    assert event.timetable_illustrative is True
    notes = all_text(*event.notes).lower()
    assert "illustrati" in notes
    assert "not stated in the source" in event.venue.pick("en")
    assert "non précisé" in event.venue.pick("fr")


def test_texts_are_bilingual(kb: KnowledgeBase) -> None:
    texts = [kb.event.description, kb.event.theme, kb.event.attendance]
    texts += [s.abstract for s in kb.sessions]
    texts += [s.bio for s in kb.speakers]
    texts += [c.description for c in kb.companies]
    texts += [t.description for t in kb.tools]
    texts += [f.question for f in kb.faqs] + [f.answer for f in kb.faqs]
    for text in texts:
        assert set(text.values) >= {"fr", "en"}, text


# -- sessions -------------------------------------------------------------------------------


def test_every_session_has_time_room_and_is_illustrative(kb: KnowledgeBase) -> None:
    assert len(kb.sessions) >= 12
    for item in kb.sessions:
        assert item.start is not None and item.end is not None, item.id
        assert item.start.date() == date(2017, 6, 13), item.id
        assert item.room in kb.event.rooms, item.id
        assert item.illustrative is True, item.id


def test_every_session_has_a_source_backed_description(kb: KnowledgeBase) -> None:
    for item in kb.sessions:
        assert len(item.abstract.pick("en")) > 60, item.id
        assert len(item.abstract.pick("fr")) > 60, item.id
        assert item.speakers or item.companies, f"{item.id}: no speaker and no company"


def test_frazelle_opens_the_day(kb: KnowledgeBase) -> None:
    first = min(kb.sessions, key=lambda s: s.start)
    assert first.id == "frazelle-container-security"
    assert first.speakers == ("jessie-frazelle",)
    assert {"apparmor", "seccomp", "selinux"} <= set(first.tools)


def test_quoted_titles_are_exact(kb: KnowledgeBase) -> None:
    assert session(kb, "pekelman-there-is-no-container").title.pick("en") == (
        "There is no container"
    )
    assert session(kb, "redhat-openshift-7-pitfalls").title.pick("fr") == (
        "OpenShift en production, 7 pièges à éviter"
    )


def test_descriptive_titles_say_so(kb: KnowledgeBase) -> None:
    quoted = {"pekelman-there-is-no-container", "redhat-openshift-7-pitfalls"}
    for item in kb.sessions:
        if item.id not in quoted:
            assert "descriptive title" in item.abstract.pick("en").lower(), item.id
            assert "titre descriptif" in item.abstract.pick("fr").lower(), item.id


def test_sessions_named_by_the_article(kb: KnowledgeBase) -> None:
    by_company = {
        "docker-moby-ce-ee": "docker",
        "redhat-openshift-7-pitfalls": "red-hat",
        "xebia-monitoring-metrology": "xebia",
        "cloudbees-continuous-delivery": "cloudbees",
        "pivotal-dev-to-production": "pivotal",
        "amazon-ecs-session": "amazon",
        "blablacar-experience-report": "blablacar",
        "venteprivee-experience-report": "vente-privee",
    }
    for session_id, company in by_company.items():
        item = session(kb, session_id)
        assert item.speakers == (), f"{session_id}: the article names no speaker"
        assert company in item.companies, session_id
    assert session(kb, "docker-moby-ce-ee").tools == ("docker", "moby", "docker-ce", "docker-ee")
    assert session(kb, "cormack-linuxkit").speakers == ("justin-cormack",)
    assert session(kb, "pekelman-there-is-no-container").speakers == ("ori-pekelman",)
    hansen = session(kb, "hansen-deis-azure")
    assert hansen.speakers == ("jason-hansen",)
    assert {"steward", "helm", "deis-workflow", "draft", "kubernetes", "jenkins"} <= set(
        hansen.tools
    )
    assert "azure-container-service" in hansen.tools


# -- speakers, companies, tools ---------------------------------------------------------------


def test_speakers(kb: KnowledgeBase) -> None:
    frazelle = kb.speaker("jessie-frazelle")
    assert frazelle is not None and frazelle.company == "google"
    assert "Paris is the true home of Containers" in all_text(frazelle.bio)
    pekelman = kb.speaker("ori-pekelman")
    assert pekelman is not None and pekelman.company == "platform-sh"
    cormack = kb.speaker("justin-cormack")
    assert cormack is not None
    assert cormack.company == "", "the article does not state Justin Cormack's employer"


def test_hansen_keeps_both_spellings(kb: KnowledgeBase) -> None:
    hansen = kb.speaker("jason-hansen")
    assert hansen is not None
    assert hansen.name == "Jason Hansen"
    assert "Jason Hanson" in hansen.aliases
    assert "Hanson" in hansen.bio.pick("en") and "Hanson" in hansen.bio.pick("fr")
    assert hansen.company == "microsoft"
    assert "Azure Container Service" in all_text(hansen.role)


def test_companies_named_by_the_article(kb: KnowledgeBase) -> None:
    expected = {
        "xebia",
        "wescale",
        "platform-sh",
        "docker",
        "rancher-labs",
        "google",
        "red-hat",
        "cloudbees",
        "pivotal",
        "amazon",
        "microsoft",
        "deis",
        "blablacar",
        "vente-privee",
    }
    assert expected <= {c.id for c in kb.companies}
    deis = kb.company("deis")
    assert deis is not None and "San Francisco" in all_text(deis.description)


@pytest.mark.parametrize(
    "tool_id",
    [
        "nomad",
        "prometheus",
        "traefik",
        "kodo-kojo",
        "dcos",
        "fleet",
        "rkt",
        "aci",
        "kubernetes",
        "helm",
        "steward",
        "deis-workflow",
        "draft",
        "jenkins",
        "azure-container-service",
        "amazon-ecs",
        "moby",
        "docker-ce",
        "docker-ee",
        "linuxkit",
        "apparmor",
        "seccomp",
        "selinux",
        "openshift",
        "docker",
    ],
)
def test_named_tools_are_present(kb: KnowledgeBase, tool_id: str) -> None:
    tool = kb.tool(tool_id)
    assert tool is not None
    assert tool.description.pick("en") and tool.description.pick("fr")


def test_tool_vendors_from_the_article(kb: KnowledgeBase) -> None:
    vendors = {
        "moby": "docker",
        "docker-ce": "docker",
        "docker-ee": "docker",
        "linuxkit": "docker",
        "kubernetes": "google",
        "steward": "deis",
        "helm": "deis",
        "deis-workflow": "deis",
        "draft": "deis",
        "azure-container-service": "microsoft",
        "amazon-ecs": "amazon",
        "openshift": "red-hat",
    }
    for tool_id, company in vendors.items():
        tool = kb.tool(tool_id)
        assert tool is not None and tool.company == company, tool_id
    for tool_id in ("nomad", "prometheus", "traefik", "kodo-kojo", "dcos", "fleet", "rkt"):
        tool = kb.tool(tool_id)
        assert tool is not None and tool.company == "", f"{tool_id}: no vendor in the article"
    fleet = kb.tool("fleet")
    assert fleet is not None and "abandon" in all_text(fleet.description)
    assert "Rocket" in kb.tool("rkt").aliases
    draft = kb.tool("draft")
    assert draft is not None and "IDE" in all_text(draft.description)


def test_cross_links(kb: KnowledgeBase) -> None:
    assert [s.id for s in kb.sessions_of_speaker("jason-hansen")] == ["hansen-deis-azure"]
    assert [s.id for s in kb.sessions_of_tool("linuxkit")] == ["cormack-linuxkit"]
    assert [s.id for s in kb.sessions_of_tool("draft")] == ["hansen-deis-azure"]
    hansen_companies = {c.id for c in kb.companies_of(session(kb, "hansen-deis-azure"))}
    assert "microsoft" in hansen_companies


# -- FAQ ------------------------------------------------------------------------------------


def test_faq_covers_the_day(kb: KnowledgeBase) -> None:
    ids = {f.id for f in kb.faqs}
    assert {
        "theme",
        "attendance",
        "organisers",
        "edition",
        "date",
        "venue",
        "timetable-illustrative",
        "threads",
        "source",
        "quotes",
        "paris-home-quote",
        "why-no-container",
    } <= ids
    for faq in kb.faqs:
        assert faq.aliases, f"faq {faq.id!r} has no other ways to ask"
    attendance = kb.get("faq", "attendance")
    assert attendance is not None and "420" in all_text(attendance.answer)


# -- the question table ---------------------------------------------------------------------


def test_question_table_shape(questions: list[dict]) -> None:
    assert isinstance(questions, list)
    assert len(questions) >= 170
    refusals = [q for q in questions if q["expect"] == "refuse"]
    assert len(refusals) >= 45
    for item in questions:
        assert set(item) == {"q", "expect"}, item
        assert isinstance(item["q"], str) and item["q"].strip(), item
    texts = [item["q"].strip().lower() for item in questions]
    assert len(texts) == len(set(texts)), "a question is listed twice"


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "tests" / "data").glob("*.yaml")))
def test_every_question_set_names_existing_ids(kb: KnowledgeBase, name: str) -> None:
    cases = read_cases(ROOT / "tests" / "data" / name)
    assert unknown_ids(kb, cases) == []


def test_question_table_covers_every_kind(questions: list[dict]) -> None:
    expected = [
        e
        for item in questions
        for e in ([item["expect"]] if isinstance(item["expect"], str) else item["expect"])
    ]
    kinds = {e.partition(":")[0] for e in expected}
    assert {"event", "session", "speaker", "company", "tool", "faq", "refuse"} <= kinds
