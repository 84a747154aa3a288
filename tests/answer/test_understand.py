"""Reading a question into frames: parts, attributes, constraints, cues (no ranking)."""

from __future__ import annotations

import pytest

from bot.answer.engine import Answerer
from bot.answer.intent import Intent
from bot.answer.phone_french import sms_french
from bot.answer.splitting import split_parts
from bot.answer.understand import QuestionReader


@pytest.fixture(scope="module")
def reader(answerer: Answerer) -> QuestionReader:
    """The engine's own reader: it knows which words the knowledge base holds."""
    return answerer.reader


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("when does it start and where is it?", ["when does it start", "where is it"]),
        ("c koi helm ? et draft ?", ["c koi helm", "draft"]),
        ("AppArmor and SELinux, what are they?", ["AppArmor and SELinux, what are they"]),
        ("Hi all! I missed the keynote. Who gave it?", ["Hi all I missed the keynote Who gave it"]),
        ("merci ! et c quand ?", ["merci c quand"]),
        ("what is helm", ["what is helm"]),
        # A bare "c'est lequel" after a comma asks about what the comma closed.
        (
            "le talk de la grande salle, c'est lequel ?",
            ["le talk de la grande salle, c'est lequel"],
        ),
        ("what edition was it, when was it held", ["what edition was it", "when was it held"]),
        # names asked alike are a question each; a name then what is asked of it is one
        ("helm? draft?", ["helm?", "draft"]),
        ("traefik? nomad? prometheus?", ["traefik?", "nomad", "prometheus"]),
        ("Moby ? son prix ?", ["Moby? son prix?"]),
        ("Draft marche avec quel IDE ? IntelliJ ?", ["Draft marche avec quel IDE? IntelliJ?"]),
        # a subject pronoun with a question of its own opens a part; one without does not
        ("c qui ori pekelman pis il travaille ou?", ["c qui ori pekelman", "il travaille ou"]),
        ("qui est frazelle et elle", ["qui est frazelle et elle"]),
        # a request with nothing to ask it of goes with the question before it
        ("les 7 pieges c quoi ? liste les", ["les 7 pieges c quoi liste les"]),
        ("what is helm? list them please", ["what is helm list them please"]),
        # a title's dot ends no sentence
        ("What did Mrs. Frazelle say?", ["What did Mrs Frazelle say"]),
        ("qui est M. Hansen ?", ["qui est M Hansen"]),
    ],
)
def test_split_parts(text: str, parts: list[str]) -> None:
    assert [" ".join(p.split()) for p in split_parts(text)] == parts


def test_three_names_asked_alike_get_an_answer_each(answerer: Answerer) -> None:
    answer = answerer.ask("traefik? nomad? prometheus? one line each")
    assert [part.id for part in answer.parts][:3] == ["traefik", "nomad", "prometheus"]


def test_phone_french_is_written_out() -> None:
    assert sms_french("c kan le talk") == "c est quand le talk"
    assert sms_french("c ou") == "c est ou"
    assert sms_french("c'est ou") == "c'est ou"
    assert sms_french("ya combien de monde") == "y a combien de monde"


def test_d_apres_someone_is_according_to_not_after(reader: QuestionReader) -> None:
    assert sms_french("d'apres l'article") == "selon l'article"
    assert sms_french("d apres vous") == "selon vous"
    according = reader.frame("Que recouvre Docker CE, d'apres l'article ?")
    assert according.intent is not Intent.NEXT and not according.relation
    assert split_parts("d'apres vous, qui organise ?") == ["d'apres vous, qui organise"]
    # With nothing after it, it is still "the one after".
    assert reader.frame("et la session d'apres ?").intent is Intent.NEXT


def test_event_attributes_are_read(reader: QuestionReader) -> None:
    assert reader.frame("how many people turned up?").attribute == "attendance"
    assert reader.frame("qui était à l'origine de l'organisation ?").attribute == "organisers"
    assert reader.frame("d'où proviennent vos informations ?").attribute == "source"
    assert reader.frame("who's running this thing").attribute == "organisers"
    assert reader.frame("c'est quoi le fil rouge de la journée").attribute == "theme"
    assert reader.frame("c quand ?").attribute == "date"


def test_things_no_knowledge_holds_are_read(reader: QuestionReader) -> None:
    assert reader.frame("what's Xebia's revenue").not_held == "money"
    assert reader.frame("where are the slides of the linuxkit talk").not_held == "media"
    assert reader.frame("ou est le wifi").logistics == ("wifi",)
    assert reader.frame("are you a bot?").meta
    assert reader.frame("what's 12*7").meta


def test_rooms_times_and_relations(reader: QuestionReader) -> None:
    frame = reader.frame("what's on in salle Marais at 11h?")
    assert frame.rooms == ("Marais",)
    assert frame.times.clock == 11 * 60
    assert "marais" not in frame.topic and "salle" not in frame.topic
    assert reader.frame("what's next?").relation == "next"
    assert reader.frame("et ensuite ?").relation == "next"
    assert reader.frame("c quand le premier talk").relation == "first"


def test_yes_no_person_and_company_cues(reader: QuestionReader) -> None:
    assert reader.frame("the keynote was on friday, right?").yes_no
    assert reader.frame("c'était le 14 juin non ?").yes_no
    assert not reader.frame("what is helm").yes_no
    assert reader.frame("c'était à paris ou pas ?").yes_no
    assert reader.frame("was it in Paris or not?").yes_no
    # a claim verb after a described noun and its subject is a relative clause's: a
    # description, not a claim
    assert not reader.frame("the startup Microsoft bought in April?").yes_no
    assert reader.frame("Microsoft bought Deis in April?").yes_no
    assert reader.frame("the Microsoft guy, who is he").person_wanted
    assert reader.frame("ori pekleman il bosse ou ?").employer_asked
    assert not reader.frame("ori pekleman il bosse ou ?").company_wanted
    # "where does X work" asks the employer with a verb: no room, no company noun
    where_work = reader.frame("where does jessie frazelle work?")
    assert where_work.employer_asked and where_work.intent is Intent.ANY
    assert "work" not in where_work.topic
    assert reader.frame("which company does frazelle work for?").company_wanted
    assert reader.frame("where is the linuxkit talk?").intent is Intent.WHERE
    # a yes/no question about a company keeps its person ("works at Amazon, right?")
    assert not reader.frame("Jason Hansen works at Amazon, right?").company_wanted


def test_a_part_without_a_topic_borrows_the_one_before(reader: QuestionReader) -> None:
    first, second = reader.read("when is the linuxkit talk and where is it?")
    assert "linuxkit" in first.topic
    assert second.borrowed and "linuxkit" in second.topic
    assert second.intent is Intent.WHERE


def test_typos_in_cue_words_are_mended_for_reading_only(reader: QuestionReader) -> None:
    frame = reader.frame("quel est le prochein talk en salle Marais")
    assert frame.relation == "next"
    assert frame.rooms == ("Marais",)
    assert reader.corrected("prochein") == "prochain"
    assert reader.corrected("linuxkit") == "linuxkit"  # a known word is never "mended"
    # an ordinary word is not mended into a cue starting otherwise, nor into logistics
    assert reader.corrected("bunch") == "bunch"
    assert reader.corrected("prive") == "prive"
    assert reader.corrected("gooing") == "going"
    assert reader.corrected("prises") == "prise"  # a plural is the cue itself
    assert reader.corrected("momnet") == "moment"  # two letters swapped are one typo


def test_a_short_cue_with_a_letter_left_out_is_that_cue(reader: QuestionReader) -> None:
    assert reader.corrected("qund") == "quand"
    assert reader.corrected("rght") == "right"
    assert reader.corrected("whre") == "where"  # a letter left out, not "were"
    assert reader.corrected("nxet") == "nxet"  # two letters swapped: too short to say
    assert reader.corrected("site") == "site"  # a word of its own, not "suite"


def test_a_mistyped_question_word_names_nothing(answerer: Answerer) -> None:
    frame = answerer.reader.frame("le talk de cormack c'est qunad ?")
    assert frame.intent is Intent.WHEN
    assert "qunad" not in frame.topic
    answer = answerer.ask("le talk de cormack c'est qunad ?")
    assert (answer.answered, answer.id) == (True, "cormack-linuxkit")
    assert answerer.ask("c'est qund le talk de cormack ?").id == "cormack-linuxkit"


def test_a_mistyped_room_word_before_a_room_names_nothing(reader: QuestionReader) -> None:
    frame = reader.frame("quel est le prochain talk en sale Marais")
    assert frame.rooms == ("Marais",)
    assert "sale" not in frame.topic


def test_a_quoted_title_asks_nothing(reader: QuestionReader) -> None:
    frame = reader.frame("« Who's testing the tests? », c'est à quelle heure ?")
    assert frame.intent is Intent.WHEN
    assert not reader.frame('which talk follows "Making VirtIO sing"?').meta


def test_a_noun_for_a_speaker_gives_way_to_a_question_word(reader: QuestionReader) -> None:
    assert reader.frame("Xebia, ils sont venus présenter quoi ?").intent is Intent.WHAT
    assert reader.frame("the presenter of the docker talk").intent is Intent.WHO


def test_greetings_are_not_times(reader: QuestionReader) -> None:
    assert not reader.frame("good morning everyone, what's next?").times.any
    assert reader.frame("what's on this morning?").times.window is not None


def test_quoted_titles_keep_their_punctuation() -> None:
    assert len(split_parts('qui parle à "Where the !?*! are the packets going?" ?')) == 1


def test_years_counts_and_speaking_verbs(reader: QuestionReader) -> None:
    assert reader.frame("PCD 2018 c'est quand ?").years == (2018,)
    assert reader.frame("how many talks were there").counting
    assert reader.frame("who gave the docker session").speaking
    assert not reader.frame("who is xebia").speaking


def test_a_statement_about_oneself_is_chatter(answerer: Answerer) -> None:
    assert answerer.reader.read("je suis dans le train, j'arrive")[0].statement
    assert not answerer.reader.read("je cherche le talk linuxkit")[0].statement
    assert not answerer.reader.read("I'm looking for the linuxkit talk?")[0].statement
    assert answerer.ask("I loved the linuxkit talk").reason == "chatter"


def test_more_ways_to_ask_now_next_and_lists(reader: QuestionReader) -> None:
    assert reader.frame("what's happening in Marais?").relation == "now"
    assert reader.frame("qu'est-ce qui vient juste après ?").relation == "next"
    assert reader.frame("rust talks?").list_wanted
    assert reader.frame("je m'intéresse à la sécurité").list_wanted


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("l'orchestrateur qui vient de google", Intent.ANY),  # a relative: no "who"
        ("le kit de docker, qui l'a présenté ?", Intent.WHO),  # after a comma: "who"
        ("qui parle de sécurité ?", Intent.WHO),
        ("c'est qui le speaker de red hat", Intent.WHO),
        ("bonjour qui a fait la keynote", Intent.WHO),
    ],
)
def test_a_relative_qui_after_a_noun_asks_no_person(
    reader: QuestionReader, question: str, intent: Intent
) -> None:
    assert reader.frame(question).intent is intent
