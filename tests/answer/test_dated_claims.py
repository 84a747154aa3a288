"""Which sentences of a card date something, and what a claimed month or year is checked on."""

from __future__ import annotations

from bot.answer.dated_claims import dated_sentences, dated_verdict, names_itself
from bot.answer.lexicon import lexicon
from bot.kb.model import Company, Text

DEIS = Company(
    id="deis",
    name="Deis",
    description=Text.of(
        "A start-up known for Kubernetes. Bought by Microsoft in April 2017. Co-organised PCD 2017."
    ),
)


def test_only_sentences_naming_a_month_date_anything() -> None:
    found = dated_sentences(DEIS, lexicon().months)
    assert [(set(s.months), set(s.years)) for s in found] == [({4}, {2017})]


def test_a_claim_is_checked_only_on_a_sentence_naming_its_other_entries() -> None:
    found = dated_sentences(DEIS, lexicon().months)
    microsoft = [[frozenset({"microsoft"})]]
    assert dated_verdict(found, {4}, set(), microsoft) is True
    assert dated_verdict(found, {3}, set(), microsoft) is False
    assert dated_verdict(found, set(), {2015}, microsoft) is False
    assert dated_verdict(found, {3}, set(), [[frozenset({"draft"})]]) is None  # not dated
    assert dated_verdict(found, set(), set(), microsoft) is None  # nothing claimed


def test_a_sentence_repeating_the_card_name_dates_another_entry() -> None:
    found = dated_sentences(DEIS, lexicon().months)
    assert not names_itself(found, frozenset({"deis"}))
    assert names_itself(found, frozenset({"bought"}))
