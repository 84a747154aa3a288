"""What the engine answers once it understands the question (shipped event)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from kb_files import SESSIONS, write_kb

from bot.answer.agenda_query import programme
from bot.answer.engine import Answerer
from bot.answer.normalise import QUOTED
from bot.i18n import t
from bot.kb import KnowledgeBase, load_knowledge
from bot.kb.model import Event, Session, Text
from bot.render.text import answer_text

PARIS = ZoneInfo("Europe/Paris")


def answerer_for(folder: Path, sessions: str) -> Answerer:
    """An engine over a small event (``tests/kb_files.py``) with ``sessions`` and one
    speaker, Ada Lovelace (id ``ada``)."""
    write_kb(folder, sessions=sessions)
    (folder / "speakers.yaml").write_text(
        "speakers:\n  - id: ada\n    name: Ada Lovelace\n", encoding="utf-8"
    )
    return Answerer(load_knowledge(folder))


def test_several_questions_get_several_answers(answerer: Answerer, kb: KnowledgeBase) -> None:
    answer = answerer.ask("c'est où et c'est quand ? et ils étaient combien ?")
    assert [p.id for p in answer.parts] == ["venue", "date", "attendance"]
    assert answer.id == "venue"
    text = answer_text(kb, answer)
    assert "420" in text and "13 juin 2017" in text


def test_an_attribute_nobody_holds_is_said_with_the_entity_related(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    answer = answerer.ask("what's Xebia's annual revenue?")
    assert not answer.answered and answer.missing == "money"
    assert "xebia" in [a.id for a in answer.alternatives]
    assert "revenue" in answer_text(kb, answer)


def test_a_wrong_premise_is_answered_with_the_fact(answerer: Answerer, kb: KnowledgeBase) -> None:
    answer = answerer.ask("the keynote was on friday, right?")
    assert answer.answered and answer.premise == "wrong"
    assert answer_text(kb, answer).startswith("Not quite.")
    assert answerer.ask("Jessie Frazelle works at Google, right?").premise == "right"
    assert answerer.ask("Jessie Frazelle works at Microsoft, right?").premise == "wrong"
    # A first name no other speaker has names the subject of the claim.
    answer = answerer.ask("jessie works at microsoft, right?")
    assert (answer.id, answer.premise) == ("jessie-frazelle", "wrong")


@pytest.mark.parametrize(
    "question",
    [
        "Am I right in thinking that Kubernetes was originally a Microsoft project?",
        "is it true that Jessie Frazelle works at Microsoft?",
        "il paraît que Jessie Frazelle bosse chez Microsoft ?",
        # a statement asked with a claim verb, no closer ("works at", "vient de")
        "Jessie Frazelle works at Microsoft?",
        "Kubernetes vient de Microsoft ?",
    ],
)
def test_a_claim_to_check_is_a_yes_no_question(answerer: Answerer, question: str) -> None:
    # A preamble's words ("right", "thinking", "true") are no topic.
    answer = answerer.ask(question)
    assert answer.answered and answer.premise == "wrong", (answer.id, answer.reason)


def test_attribute_words_in_names_do_not_win(answerer: Answerer) -> None:
    assert answerer.ask("c'est quoi docker community edition ?").id == "docker-ce"
    assert answerer.ask("which edition is this?").id == "edition"


@pytest.mark.parametrize(
    "question",
    [
        "any talks on docker?",
        # The FAQ "Quelles sessions parlaient de sécurité ?" shares every word but the topic.
        "quelles sessions parlaient de docker ?",
        "les talks sur docker c'étaient lesquels ?",
    ],
)
def test_a_topic_question_lists_the_sessions(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.answered and len(answer.sessions) >= 2, answer.reason
    assert answer.agenda.startswith("topic:")
    assert answer.id == answer.sessions[0].id


def test_descriptions_through_links(answerer: Answerer) -> None:
    # "where does X work" asks no room: X's card, which names the employer
    assert answerer.ask("ori pekelman il bosse où ?").id == "ori-pekelman"
    assert answerer.ask("where does jessie frazelle work?").id == "jessie-frazelle"
    # a company noun asks the company's card
    assert answerer.ask("which company does jessie frazelle work for?").id == "google"
    assert answerer.ask("le gars de platform.sh il a fait quel talk").id == (
        "pekelman-there-is-no-container"
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # an English relative clause with no pronoun: Microsoft anchors, Deis is described
        ("remind me, the startup microsoft bought in april?", "deis"),
        (
            "the orchestrator from Google that Azure Container Service runs on, what is it?",
            "kubernetes",
        ),
    ],
)
def test_the_name_in_a_relative_clause_anchors_the_description(
    answerer: Answerer, question: str, entry: str
) -> None:
    assert answerer.ask(question).id == entry


@pytest.mark.parametrize(
    "question",
    [
        "Parmi les deux organisateurs, lequel a fait les sessions sur le monitoring ?",
        "Parmi les deux sociétés organisatrices, laquelle a aussi animé des sessions ?",
        "which one of the organisers gave a talk?",
    ],
)
def test_one_of_the_organisers_is_chosen_by_the_rest_of_the_question(
    answerer: Answerer, question: str
) -> None:
    # Xebia and WeScale organised; only Xebia gave a talk, on monitoring
    answer = answerer.ask(question)
    assert (answer.kind, answer.id) == ("session", "xebia-monitoring-metrology")


def test_the_organisers_asked_whole_are_still_the_fact(answerer: Answerer) -> None:
    for question in ("qui sont les organisateurs ?", "parmi les organisateurs, il y avait qui ?"):
        assert (answerer.ask(question).kind, answerer.ask(question).id) == ("faq", "organisers")


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        (
            "c qui justin cormack, jason hansen et ori pekelman ?",
            ["justin-cormack", "jason-hansen", "ori-pekelman"],
        ),
        ("c'est quoi helm, draft et steward ?", ["helm", "draft", "steward"]),
    ],
)
def test_three_names_asked_alike_are_three_questions(
    answerer: Answerer, question: str, ids: list[str]
) -> None:
    assert [part.id for part in answerer.ask(question).parts] == ids


def test_a_logistics_word_qualifying_a_kind_noun_describes_an_entry(answerer: Answerer) -> None:
    # "covoiturage" asks how to get there, unless it says which company
    answer = answerer.ask("la boite de covoiturage qui a fait un retour d'xp")
    assert (answer.kind, answer.id) == ("company", "blablacar")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the talk that claims containers dont actually exist, when is that one", "session"),
        (
            "le talk qui disait que pour le noyau les conteneurs existent pas, c'etait qui ?",
            "speaker",
        ),
    ],
)
def test_what_a_talk_said_describes_it(answerer: Answerer, question: str, entry: str) -> None:
    # the saying verb of a relative clause names no topic: what was said does
    answer = answerer.ask(question)
    assert (answer.kind, answer.id) == (
        entry,
        "pekelman-there-is-no-container" if entry == "session" else "ori-pekelman",
    )


def test_the_described_kind_leading_its_kind_is_answered(answerer: Answerer) -> None:
    # below the usual confidence, Docker CE leads every other tool (its talk agrees)
    question = "La version de Docker qui mise sur la simplicité sous Mac et Windows, son nom ?"
    assert answerer.ask(question).id == "docker-ce"
    # AppArmor, seccomp and SELinux all fit: no one of them is said
    assert not answerer.ask("le mécanisme de sécurité du noyau linux, c'est lequel ?").answered


def test_first_talk_of_the_day(answerer: Answerer) -> None:
    assert answerer.ask("c quand le premier talk de la journée ?").id == (
        "frazelle-container-security"
    )


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        # the company or the tools of the talk that opened the day, not its speaker
        ("the opening speaker works for which firm?", [("company", "google")]),
        (
            "quels outils a cités la personne qui a ouvert la journée ?",
            [("session", "frazelle-container-security")],
        ),
        # a later part's pronoun points back at the person who opened the day
        (
            "who kicked off the day, and which company is she with?",
            [("speaker", "jessie-frazelle"), ("company", "google")],
        ),
    ],
)
def test_what_is_asked_of_the_first_talk(
    answerer: Answerer, question: str, kinds: list[tuple[str, str]]
) -> None:
    answer = answerer.ask(question)
    parts = answer.parts or (answer,)
    assert [(p.kind, p.id) for p in parts] == kinds, [p.reason for p in parts]


def test_meta_logistics_and_unknown_events_are_refused(answerer: Answerer) -> None:
    for text in (
        "are you a bot?",
        "où est-ce qu'on mange à midi",
        "where's the Rancher Labs booth?",
    ):
        assert not answerer.ask(text).answered, text
    assert answerer.ask("are you a bot?").reason == "meta"


def test_evidence_says_which_words_matched(answerer: Answerer) -> None:
    answer = answerer.ask("when is the linuxkit talk?")
    assert "linuxkit: name" in answer.evidence


def test_next_after_a_given_time(answerer: Answerer) -> None:
    answer = answerer.ask("what's next in Marais", now=datetime(2017, 6, 13, 10, 40, tzinfo=PARIS))
    assert answer.answered and answer.sessions
    assert all(s.room == "Marais" for s in answer.sessions)


def test_now_with_a_subject_the_knowledge_cannot_place_is_no_agenda_question(
    answerer: Answerer,
) -> None:
    during = datetime(2017, 6, 13, 10, 40, tzinfo=PARIS)
    for question in ("aws outage status now.", "How many containers is BlaBlaCar running?"):
        answer = answerer.ask(question, now=during)
        assert not answer.answered and not answer.sessions, (answer.kind, answer.id)
    # Greetings and the bot itself are no subject: the agenda answers.
    for question in ("hey bot, what's next?", "good morning, what's happening right now"):
        answer = answerer.ask(question, now=during)
        assert answer.answered and answer.sessions, answer.reason


def test_a_bare_when_or_where_asks_the_event(answerer: Answerer) -> None:
    answer = answerer.ask("when & who organises")
    assert [p.id for p in answer.parts] == ["date", "organisers"]


def test_a_first_part_without_subject_borrows_the_next(answerer: Answerer) -> None:
    answer = answerer.ask("Where and when is the Red Hat session?")
    assert answer.id == "redhat-openshift-7-pitfalls"


def test_yes_no_about_the_organisers_checks_the_premise(answerer: Answerer) -> None:
    answer = answerer.ask("C'est bien Red Hat qui organisait ?")
    assert answer.answered and answer.id == "organisers" and answer.premise == "wrong"
    assert answerer.ask("c'est organisé par xebia ?").premise == "right"


def test_an_attribute_word_in_an_entry_family_name(answerer: Answerer) -> None:
    docker = answerer.ask("Quelle édition de Docker est basée sur Moby ?")
    assert docker.id in {"docker-ce", "docker-moby-ce-ee"}  # Docker's editions, not the event's
    assert answerer.ask("C'était la combientième édition ?").id == "edition"
    # a longer name holding the word, said whole, is that entry's, whatever ranks best
    long = (
        "Le projet open source sur lequel repose l'édition communautaire de Docker, c'est lequel ?"
    )
    assert answerer.ask(long).id != "edition"
    # "the edition OF Docker": with the word after "of", a name of Docker's family
    owned = "L'édition de Docker axée sur macOS, Windows et les clouds publics, son nom ?"
    assert answerer.ask(owned).id != "edition"
    assert answerer.ask("c'est quelle édition de la journée ?").id == "edition"


def test_how_many_work_at_an_organiser_is_not_the_attendance(answerer: Answerer) -> None:
    answer = answerer.ask("combien de gens bossent chez wescale ?")
    assert not answer.answered and "wescale" in [a.id for a in answer.alternatives]


def test_chatter_gets_a_short_reply_not_a_refusal(answerer: Answerer, kb: KnowledgeBase) -> None:
    answer = answerer.ask("merci !")
    assert not answer.answered and answer.reason == "chatter"
    assert answer_text(kb, answer).startswith("🙂")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("organisers?", "organisers"),
        ("orgas ?", "organisers"),
        # a verb of taking place before a date asks the date, premise checked
        ("Ca s'est tenu le 13 juillet, c'est bien ca ?", "date"),
        ("la conf a bien eu lieu le 12 juin ?", "date"),
        ("who ran it", "organisers"),
        ("Quelles entreprises étaient à l'organisation ?", "organisers"),
        # a card asking for the two threads answers with them (not "7 pièges" in a title)
        ("les deux grands fils rouges de la journée c'était quoi ?", "threads"),
        # the attendance card compares with last year: another edition it does hold
        ("same attendance as last year?", "attendance"),
        # "last year" is another edition, not the last talk of the day
        ("how many came last year?", "attendance"),
        ("les deux boîtes qui organisaient, c'était qui déjà ? 🤝", "organisers"),
        ("which companies were at the helm of organising this?", "organisers"),
        ("who was managing the whole event?", "organisers"),
        ("Qui a produit l'événement ?", "organisers"),
        ("what yr was this", "date"),
        ("Pourquoi dit-on que le nombre de visiteurs a doublé ?", "attendance"),
        # the tools named during the day: the card that lists them, not one of them
        ("quels outils ont ete cites pendant la journee", "tools-discussed"),
        # asking where the bot's information comes from, not where the event is
        ("where do you get all this info from anyway", "source"),
        ("where did you get that information from?", "source"),
        ("tu tiens ces infos d'où ?", "source"),
        ("Sur quelle source reposent les informations que vous donnez ?", "source"),
    ],
)
def test_event_facts_asked_tersely(answerer: Answerer, question: str, entry: str) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.kind, answer.id) == (True, "faq", entry), answer.reason


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("allo tout le monde! 👋", "chatter"),  # Québec's hello, not "combien de monde"
        ("Combien a coûté la location du lieu ?", "not held: money"),  # not the venue
    ],
)
def test_greetings_and_costs_are_no_event_fact(
    answerer: Answerer, question: str, reason: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.reason) == (False, reason)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what did red hat warn about", "redhat-openshift-7-pitfalls"),  # warning is speaking
        ("what is draft or smth?", "draft"),  # "smth" is no name the event never had
    ],
)
def test_chat_words_and_speaking_verbs(answerer: Answerer, question: str, entry: str) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id) == (True, entry), answer.reason


def test_who_did_that_of_a_tool_asks_its_maker(answerer: Answerer) -> None:
    answer = answerer.ask("c'est quoi Kubernetes pis c'est qui qui a fait ça?")
    assert [p.id for p in answer.parts] == ["kubernetes", "kubernetes"]  # not a speaker
    assert answerer.ask("le talk de cormack, qui a fait ça ?").id == "justin-cormack"
    answer = answerer.ask("c'est quoi draft ? et helm c'est de qui ? 🙏")
    assert [p.id for p in answer.parts] == ["draft", "helm"]  # whose tool: not a speaker
    assert answerer.ask("le talk sur linuxkit, c'est de qui ?").id == "justin-cormack"


def test_what_two_companies_came_to_tell_is_their_talks(answerer: Answerer) -> None:
    answer = answerer.ask("Qu'est-ce que BlaBlaCar et Vente Privée sont venus raconter ?")
    assert [p.id for p in answer.parts] == [
        "blablacar-experience-report",
        "venteprivee-experience-report",
    ]
    assert answerer.ask("BlaBlaCar a fait un REX, yes? 🚗").kind == "session"


@pytest.mark.parametrize("question", ["c'est quand, traefak ?", "c'est quand le talk sur nomadx ?"])
def test_a_name_spelt_near_a_known_word_is_no_question_of_the_event_date(
    answerer: Answerer, question: str
) -> None:
    assert answerer.ask(question).id != "date"


def test_the_current_talk_in_a_room_is_what_is_on_now(answerer: Answerer) -> None:
    frame = answerer.reader.read("current talk in Marais?")[0]
    assert (frame.relation, frame.rooms) == ("now", ("Marais",))


def test_a_thanked_word_without_a_question_mark_stays_chatter(answerer: Answerer) -> None:
    assert answerer.ask("merci les orgas !").reason == "chatter"
    assert answerer.ask("thanks organisers").reason == "chatter"


def test_asking_the_time_of_day_is_about_the_bot(answerer: Answerer) -> None:
    for question in ("quelle heure il est?", "t'as l'heure ?", "what time is it now?"):
        answer = answerer.ask(question)
        assert not answer.answered and answer.reason == "meta", question


def test_a_date_claim_with_a_verb_of_holding_is_checked(answerer: Answerer) -> None:
    assert answerer.ask("ça s'est tenu le 13 juillet, c'est bien ça ?").premise == "wrong"
    assert answerer.ask("ça s'est tenu le 13 juin, c'est bien ça ?").premise == "right"


def test_attributes_asked_together_are_each_answered(answerer: Answerer) -> None:
    answer = answerer.ask("Date et lieu, s'il vous plait ?")
    assert [(p.answered, p.id) for p in answer.parts] == [(True, "date"), (True, "venue")]
    answer = answerer.ask("date, heure et lieu ?")
    assert [p.id for p in answer.parts] == ["date", "venue"]


def test_at_what_moment_asks_when(answerer: Answerer) -> None:
    answer = answerer.ask("Microsoft a rachete Deis a quel moment ?")
    assert answer.answered and answer.intent.value == "when"


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        ("c'était bien la troisième édition ?", "wrong"),
        ("cetait la 1ere edition ?", "wrong"),
        ("c'est la 2e édition ?", "right"),
        ("it's the 3rd edition, right?", "wrong"),
    ],
)
def test_a_claimed_edition_rank_is_checked(answerer: Answerer, question: str, premise: str) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id, answer.premise) == (True, "edition", premise)


def test_another_edition_by_rank_is_not_known(answerer: Answerer) -> None:
    for question in ("la 3e edition c'est quand ?", "when is the third edition?"):
        answer = answerer.ask(question)
        assert not answer.answered and answer.missing == "future", question
    # the first edition's date is in the edition card ("the year before"); its speakers are not
    assert answerer.ask("when was the first edition?").id == "edition"
    for question in (
        "c'etait qui les speakers de la premiere edition l'an passe?",
        "where was the first edition held?",
        # a pronoun takes up the edition named before the comma: one question, not two
        "Et la première édition, elle avait lieu où ?",
    ):
        answer = answerer.ask(question)
        assert not answer.answered and answer.missing == "past", question


@pytest.mark.parametrize(
    ("question", "entry", "premise"),
    [
        # "Docker Moby" (Moby's alias) shares "docker": the name said whole and first wins
        ("docker CE is built on moby, yes?", "docker-ce", "right"),
        ("Xebia et WeScale ont organise ca ensemble, c'est ca?", "organisers", "right"),
        ("Docker organised it?", "organisers", "wrong"),
        ("Xebia organised it?", "organisers", "right"),
    ],
)
def test_the_subject_of_a_claim_is_checked(
    answerer: Answerer, question: str, entry: str, premise: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id, answer.premise) == (True, entry, premise)


def test_greetings_of_the_day_are_chatter(answerer: Answerer) -> None:
    for text in ("bon matin tout le monde!", "bon aprem !", "bonsoir tout le monde"):
        assert answerer.ask(text).reason == "chatter", text
    # a time of day without the greeting asks about the agenda
    for text in ("et après ?", "et ce soir ?", "et ce matin ?"):
        assert answerer.ask(text).reason != "chatter", text


@pytest.mark.parametrize(
    "question",
    ["ya eu combien de talks en tout ?", "how many talks were there?", "how many speakers?"],
)
def test_a_count_of_the_programme_is_not_known(answerer: Answerer, question: str) -> None:
    # no card counts the talks; "combien" after "y a eu" does not make it the attendance
    answer = answerer.ask(question)
    assert not answer.answered and answer.missing == "numbers", answer.reason


def test_a_count_with_a_topic_or_of_people_is_answered(answerer: Answerer) -> None:
    assert answerer.ask("how many talks on security?").id == "security-sessions"
    assert answerer.ask("y a eu combien de monde ?").id == "attendance"
    assert answerer.ask("combien de personnes y a eu ?").id == "attendance"
    assert answerer.ask("how many pitfalls in the openshift talk?").answered


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # named only in the relative clause, Azure Container Service anchors the description
        ("l'orchestrateur de google qui tourne sous azure container service", "kubernetes"),
        # and the other way round
        ("le service d'azure qui fait tourner kubernetes, c'est quoi ?", "azure-container-service"),
        ("la boite qui a racheté deis", "microsoft"),
        # the head named (misspelt) before the clause is the answer
        ("la boite deiss que microsoft a achete c'etait quoi", "deis"),
        # an agent after a participle anchors too
        ("la boite rachetee en avril par microsoft elle avait fait quoi", "deis"),
        ("le talk par jessie frazelle", "frazelle-container-security"),
        # of two kinds described, the first is the one asked
        ("la boite du speaker de there is no container", "platform-sh"),
        ("le speaker de la boite platform.sh", "ori-pekelman"),
    ],
)
def test_an_entry_named_in_a_relative_clause_anchors_the_description(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.ask(question)
    assert answer.answered and answer.id == expected, answer.reason


@pytest.mark.parametrize(
    "question", ["quels étaient les talks ?", "what talks were there?", "list all the talks"]
)
def test_the_programme_is_listed_in_order(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.answered and answer.agenda.startswith("programme:"), answer.reason
    starts = [s.start for s in answer.sessions if s.start is not None]
    assert len(answer.sessions) >= 5 and starts == sorted(starts)
    assert answer.id == "frazelle-container-security"  # the first of the day


def test_a_list_with_a_topic_or_of_people_is_no_programme(answerer: Answerer) -> None:
    assert not answerer.ask("any talks on security?").agenda.startswith("programme:")
    assert not answerer.ask("les speakers ?").agenda.startswith("programme:")
    # a topic that folds to a stop word is still a topic
    assert not answerer.ask("show me go sessions").agenda.startswith("programme:")
    assert not answerer.ask("talks on it?").agenda.startswith("programme:")
    # an acronym that folds to a stop word, after a verb that names nothing
    assert answerer.ask("which sessions cover CE?").id == "docker-moby-ce-ee"


def test_the_programme_ends_with_the_sessions_without_a_time() -> None:
    day = date(2017, 6, 13)
    event = Event(id="e", name="E", timezone="Europe/Paris", start_date=day, end_date=day)
    later = Session(id="b", title=Text.of("B"), start=_at(11), end=_at(12))
    sooner = Session(id="a", title=Text.of("A"), start=_at(9), end=_at(10))
    untimed = Session(id="c", title=Text.of("C"))
    kb = KnowledgeBase(event=event, sessions=(untimed, later, sooner))
    assert [s.id for s in programme(kb)] == ["a", "b", "c"]


def _at(hour: int) -> datetime:
    return datetime(2017, 6, 13, hour, tzinfo=UTC)


def _titled_day() -> Answerer:
    """Titles holding cue words: "sing" (asking the bot to sing), "stand" (a booth)."""
    day = date(2017, 6, 13)
    event = Event(id="e", name="E", timezone="UTC", start_date=day, end_date=day)
    titles = (
        ("virtio", "Making VirtIO sing - implementing virtio-sound in rust-vmm project"),
        ("ngspice", "ngspice circuit simulator - stand-alone and embedded into KiCad"),
        ("later", "Energy-aware scheduling in the Linux kernel"),
        ("wasm", "Deploy Your Next Python App with WebAssembly (Wasm): Smaller, Safer, Faster"),
    )
    sessions = tuple(
        Session(id=i, title=Text.of(t), start=_at(9 + n), end=_at(10 + n), room="K.4.401")
        for n, (i, t) in enumerate(titles)
    )
    return Answerer(KnowledgeBase(event=event, sessions=sessions))


@pytest.mark.parametrize(
    "question",
    [
        'which talk follows "Making VirtIO sing - implementing virtio-sound"?',
        "what comes after ngspice circuit simulator - stand-alone in the same room?",
        "et après « ngspice circuit simulator - stand-alone » ?",
    ],
)
def test_a_cue_word_in_a_title_said_asks_nothing(question: str) -> None:
    answer = _titled_day().ask(question)
    assert answer.answered and answer.agenda.startswith("after:"), answer.reason


def test_a_relation_word_inside_a_run_of_title_words_is_the_title() -> None:
    answer = _titled_day().ask("à quelle heure commence deploy your next python app ?")
    assert (answer.id, answer.agenda) == ("wasm", ""), answer.reason


def test_a_mistyped_what_next_alone_is_no_chatter() -> None:
    answer = _titled_day().ask("et ensite ?", now=_at(9).replace(minute=30))
    assert answer.answered and answer.agenda.startswith("next:"), answer.reason


def test_a_booth_is_still_asked_when_the_title_is_not_said() -> None:
    assert _titled_day().ask("is there a stand for ngspice?").missing == "logistics"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the first of two names tied by "de/from" is asked about, typo and all
        ("le helme de deis, ça sert à quoi ?", ("tool", "helm")),
        ("that workflow thing from the deis / microsoft talk?", ("tool", "deis-workflow")),
        # a kind word before the tie still asks that kind
        ("the linuxkit talk from docker, what was it about?", ("session", "cormack-linuxkit")),
    ],
)
def test_the_head_of_two_names_tied_by_of(
    answerer: Answerer, question: str, expected: tuple[str, str]
) -> None:
    answer = answerer.ask(question)
    assert (answer.kind, answer.id) == expected, answer.reason


def test_whose_tool_is_the_tool_card_that_names_its_maker(answerer: Answerer) -> None:
    assert answerer.ask("workflow c un outil de ki").id == "deis-workflow"
    assert answerer.ask("whose tool is helm?").id == "helm"
    assert answerer.ask("c'est le talk de qui, linuxkit ?").id == "justin-cormack"


def test_a_person_described_by_their_company_leads_to_their_talk(answerer: Answerer) -> None:
    # the Docker session names Google too; the Google engineer is Jessie Frazelle
    answer = answerer.ask("the Google engineer's talk, when was it?")
    assert answer.id == "frazelle-container-security"
    assert answerer.ask("le talk du gars de microsoft c'est quand ?").id == "hansen-deis-azure"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vente Privée, ils ont raconté quoi ?", "venteprivee-experience-report"),
        ("jessie frazelle elle a jasé de quoi", "frazelle-container-security"),
        ("what did Ori Pekelman explain?", "pekelman-there-is-no-container"),
    ],
)
def test_what_a_speaker_or_company_said_is_their_talk(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.kind, answer.id) == ("session", expected), (answer.id, answer.reason)


def test_the_company_behind_sessions_is_no_list_of_them(answerer: Answerer) -> None:
    answer = answerer.ask("which company was behind the continuous delivery sessions?")
    assert (answer.kind, answer.id) == ("company", "cloudbees")


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        ("Did the day start with the Docker session?", "wrong"),
        ("La journée s'est ouverte sur LinuxKit, n'est-ce pas ?", "wrong"),
        ("c'est jessie frazelle qui a ouvert la journée, non ?", "right"),
    ],
)
def test_a_claim_about_the_first_talk_is_checked(
    answerer: Answerer, kb: KnowledgeBase, question: str, premise: str
) -> None:
    answer = answerer.ask(question)
    assert answer.id == "frazelle-container-security" and answer.premise == premise
    assert answer_text(kb, answer).startswith(t(f"premise_{premise}", answer.language))


@pytest.mark.parametrize(
    "question",
    [
        "that 'there are no containers' talk... where is it?",
        "c'est quoi le talk « there is no containers » ?",
    ],
)
def test_a_stop_word_title_quoted_from_memory_is_named(answerer: Answerer, question: str) -> None:
    assert answerer.ask(question).id == "pekelman-there-is-no-container"


def test_an_apostrophe_is_no_quote(answerer: Answerer) -> None:
    assert QUOTED.findall("c'est l'outil d'Ori, Docker's tool") == []


def test_quebec_french_around_a_question_names_nothing(answerer: Answerer) -> None:
    answer = answerer.ask("allo, c quand le talk de jessie frazelle icitte?")
    assert answer.answered and answer.id == "frazelle-container-security", answer.reason


def test_a_role_claimed_at_the_wrong_company_is_refuted(answerer: Answerer) -> None:
    # his company says no, though no card says who Docker's CTO is
    answer = answerer.ask("jason hansen is docker's cto, isn't he?")
    assert (answer.id, answer.premise) == ("jason-hansen", "wrong")
    # at his own company the role stays unknown, and so does a past employer
    assert answerer.ask("jason hansen is microsoft's cto, isn't he?").missing == "roles"
    assert not answerer.ask("did frazelle use to work at docker?").answered


@pytest.mark.parametrize(
    ("question", "expected", "premise"),
    [
        # a claimed month or year is checked on the card that dates it
        ("Deis got bought by Microsoft in May, right?", "deis", "wrong"),
        ("Microsoft bought Deis in 2016, right?", "deis", "wrong"),
        ("Microsoft a racheté Deis en avril 2017, c'est bien ça ?", "deis", "right"),
        # "maintenant" after a claim verb is "these days", not what is on now; the card
        # names Google Cloud, so the claim is not judged on who makes Docker CE
        ("Docker CE tourne sur Google Cloud maintenant ?", "docker-ce", ""),
        ("Docker CE runs on Google Cloud now?", "docker-ce", ""),
        # "nn" closes an SMS claim as "non" does; Swiss and Belgian tens are numbers, and
        # "c'est juste ?" closes a claim
        ("helm c google ki l a fait nn", "helm", "wrong"),
        ("Y avait nonante participants, c'est juste ?", "attendance", "wrong"),
        # the claim's subject is checked, not the company a word of the claim names
        ("Moby, c'est la version entreprise de Docker, on est d'accord ?", "moby", ""),
    ],
)
def test_a_claim_is_checked_on_what_its_subject_card_says(
    answerer: Answerer, question: str, expected: str, premise: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.id, answer.premise) == (expected, premise), answer.reason


def test_a_card_dated_only_by_the_event_name_checks_no_year(answerer: Answerer) -> None:
    answer = answerer.ask("Xebia a été fondée en 2015 ?")
    assert not answer.answered and answer.missing == "history"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("qui a mis sur pied le Paris Container Day ?", "organisers"),
        ("who put this together?", "organisers"),
        ("WeScale, quel était son rôle dans la journée ?", "wescale"),  # no job: its card
    ],
)
def test_organisers_in_paraphrase_and_a_company_role(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.ask(question)
    assert answer.answered and answer.id == expected, (answer.id, answer.reason)


def test_how_many_were_we_is_the_attendance(answerer: Answerer) -> None:
    answer = answerer.ask("Qui organisait, et combien étions-nous ?")
    assert [p.id for p in answer.parts] == ["organisers", "attendance"]


def test_when_a_speaker_of_several_talks_speaks_lists_them_in_order(tmp_path: Path) -> None:
    answerer = answerer_for(
        tmp_path,
        SESSIONS
        + """\
  - id: late-talk
    title: "Rootless containers"
    start: "2030-05-14T16:00"
    duration: 30
    room: Alpha
    speakers: [ada]
  - id: early-talk
    title: "Image signing"
    start: "2030-05-14T09:00"
    duration: 30
    room: Beta
    speakers: [ada]
""",
    )
    answer = answerer.ask("quand parle Ada Lovelace ?")
    assert (answer.answered, answer.id) == (True, "early-talk")
    assert [s.id for s in answer.sessions] == ["early-talk", "late-talk"]
    assert [a.id for a in answer.alternatives] == ["late-talk"]
    assert answerer.ask("who is Ada Lovelace?").kind == "speaker"  # her card, as before


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("who is behind the LinuxKit talk?", "justin-cormack"),  # its speaker, not organisers
        ("the monitoring talk by one of the organisers, when is it?", "xebia-monitoring-metrology"),
    ],
)
def test_behind_a_talk_is_its_speaker(answerer: Answerer, question: str, entry: str) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id) == (True, entry), answer.reason


def test_a_described_kind_the_knowledge_has_none_of_asks_nothing(tmp_path: Path) -> None:
    answer = answerer_for(
        tmp_path,
        """\
sessions:
  - id: james-talk
    title: "Apache James, a modular mail server"
    start: "2030-05-14T10:30"
    duration: 30
    room: Beta
    speakers: [ada]
""",
    ).ask("qui anime la conf sur Apache James le serveur mail modulaire ?")
    assert (answer.answered, answer.id) == (True, "ada")  # no tool to find: the speaker


@pytest.mark.parametrize(
    ("question", "kind", "entry"),
    [
        ("what did Jessie Frazelle say about Paris in her intro?", "faq", "paris-home-quote"),
        (
            "pourquoi le gars de platform.sh disait qu'il y a pas de conteneur ??",
            "faq",
            "why-no-container",
        ),
        # a talk described by what it says is that talk
        (
            "the talk saying the kernel sees no containers, which one?",
            "session",
            "pekelman-there-is-no-container",
        ),
    ],
)
def test_what_someone_said_is_the_card_quoting_them(
    answerer: Answerer, question: str, kind: str, entry: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.kind, answer.id) == (True, kind, entry), answer.reason


def test_what_to_see_for_a_track_named_after_the_event_lists_it(tmp_path: Path) -> None:
    write_kb(
        tmp_path,
        sessions="""\
sessions:
  - id: kids-robots
    title: "Robots for kids"
    start: "2030-05-14T10:00"
    duration: 30
    room: Alpha
    track: ReloadConf Junior
  - id: kids-music
    title: "Music with microcontrollers"
    start: "2030-05-14T11:00"
    duration: 30
    room: Alpha
    track: ReloadConf Junior
  - id: keynote
    title: "Opening keynote"
    start: "2030-05-14T09:00"
    duration: 30
    room: Beta
""",
    )
    answerer = Answerer(load_knowledge(tmp_path))
    answer = answerer.ask("i'm into reloadconf junior, what should i see?")
    assert answer.agenda.startswith("topic:")
    assert {s.id for s in answer.sessions} == {"kids-robots", "kids-music"}
    assert answerer.ask("anything on reloadconf?").kind == "event"  # the event itself


@pytest.mark.parametrize(
    "question",
    [
        "hey bot, i'm into monitoring, what should i see thx",
        "je suis fan de monitoring, que voir ?",
    ],
)
def test_what_to_see_on_a_topic_lists_its_talks(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.agenda.startswith("topic:"), answer.reason
    assert answer.id == "xebia-monitoring-metrology"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("so what exactly is 'Draft' supposed to be, yet another k8s wrapper?", "draft"),
        ("Deis. What is it, besides an acquisition target?", "deis"),
        ("what was the Azure slogan they used?", "azure-container-service"),
        ("what is pivotal?", "pivotal"),
    ],
)
def test_what_is_x_asks_x_whatever_is_said_beside(
    answerer: Answerer, question: str, entry: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id) == (True, entry), answer.reason


@pytest.mark.parametrize(
    "question",
    [
        "What was the pivotal moment of World War 2?",
        "what was the pivotal moment of the day, the big surprise?",
    ],
)
def test_a_name_used_as_an_ordinary_word_is_not_what_is_asked(
    answerer: Answerer, question: str
) -> None:
    """A name used as a word ("pivotal moment") qualifies what is asked; it is not it."""
    answer = answerer.ask(question)
    assert answer.id != "pivotal" or not answer.answered, answer.reason


def test_what_is_x_with_a_question_about_x_still_says_what_is_not_known(
    answerer: Answerer,
) -> None:
    assert not answerer.ask("what is Draft's licence and price?").answered


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the microsoft guy who came in through an acquisition, who's he?", "jason-hansen"),
        (
            "I would like to understand what point the speaker from Platform.sh was making "
            "about whether containers really exist.",
            "pekelman-there-is-no-container",
        ),
    ],
)
def test_a_described_kind_linked_to_the_best_match_answers(
    answerer: Answerer, question: str, entry: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id) == (True, entry), answer.reason


@pytest.mark.parametrize(
    "question",
    [
        # a loose reading alone ("bank" read "back", "shoe" read "home") is no evidence
        "the bank company talk what did they say",
        "so the shoe company talk what did they say",
    ],
)
def test_a_description_matched_on_a_word_in_passing_still_refuses(
    answerer: Answerer, question: str
) -> None:
    assert not answerer.ask(question).answered


def test_an_unnamed_entry_far_ahead_of_the_rest_is_answered(answerer: Answerer) -> None:
    # Draft leads (its talk agrees); nothing else comes close
    answer = answerer.ask("c koi le truc de deis pr deployer sur kube sans quitter l ide")
    assert (answer.answered, answer.id) == (True, "draft")


def test_a_compound_said_in_two_words_is_evidence(answerer: Answerer) -> None:
    # BlaBlaCar's card says "carpooling"
    answer = answerer.ask("so the car pooling company talk what did they say")
    assert answer.id == "blablacar-experience-report"


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        ("It took place in September, right?", "wrong"),  # a month, not a place
        ("c'était en juillet ?", "wrong"),
        ("c'était bien en juin ?", "right"),
        ("the event was in 2016, right?", "wrong"),
        ("C'était un mardi ou un mercredi ?", ""),  # asks which: the date, no yes or no
    ],
)
def test_the_events_month_or_weekday_claimed_is_checked(
    answerer: Answerer, question: str, premise: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.id, answer.premise) == (True, "date", premise), answer.reason


def test_a_title_about_calculations_is_no_arithmetic(tmp_path: Path) -> None:
    write_kb(
        tmp_path,
        sessions="""\
sessions:
  - id: calculang
    title: "calc with calculang, a language for calculations"
    start: "2030-05-14T11:00"
    duration: 25
    room: Beta
""",
    )
    answer = Answerer(load_knowledge(tmp_path)).ask(
        "what time does “calc with calculang, a language for calculations” start"
    )
    assert (answer.answered, answer.id) == (True, "calculang"), answer.reason


def test_titles_with_numbers_or_singing_are_no_request_to_the_bot(tmp_path: Path) -> None:
    answerer = answerer_for(
        tmp_path,
        """\
sessions:
  - id: firmware
    title: "Open Source Firmware status on AMD platforms 2024 - 5th edition"
    start: "2030-05-14T11:00"
    duration: 25
    room: Beta
    speakers: [ada]
  - id: virtio
    title: "Making VirtIO sing"
    start: "2030-05-14T12:00"
    duration: 25
    room: Beta
    speakers: [ada]
""",
    )
    answer = answerer.ask(
        "où se passe « Open Source Firmware status on AMD platforms 2024 - 5th edition » ?"
    )
    assert (answer.answered, answer.id) == (True, "firmware"), answer.reason  # no "2024 - 5"
    assert answerer.ask("who gives Making VirtIO sing?").answered  # not asked to sing
    mistyped = answerer.ask("qui parrle à Making VirtIO sing ?")  # a verb mistyped
    assert mistyped.answered and mistyped.id == answerer.ask("qui parle à Making VirtIO sing ?").id
    assert answerer.ask("can you sing?").reason == "meta"


def test_a_topic_said_as_part_of_a_track_name_lists_that_track(tmp_path: Path) -> None:
    answerer = answerer_for(
        tmp_path,
        """\
sessions:
  - id: confidential-vm
    title: "Linux on a confidential VM"
    start: "2030-05-14T10:00"
    duration: 30
    room: Alpha
    track: Virtualization and Cloud Infrastructure devroom
  - id: snapshots
    title: "How much do you know about snapshots"
    start: "2030-05-14T11:00"
    duration: 30
    room: Alpha
    track: Virtualization and Cloud Infrastructure devroom
  - id: ceph
    title: "A hyper-converged infrastructure with Ceph"
    start: "2030-05-14T12:00"
    duration: 30
    room: Beta
    track: Cloud storage
""",
    )
    answer = answerer.ask("des sessions cloud infrastructure ?")
    assert {s.id for s in answer.sessions} == {"confidential-vm", "snapshots"}
