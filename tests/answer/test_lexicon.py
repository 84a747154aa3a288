"""The bilingual lexicon: shape, and whole-word phrase matching."""

from __future__ import annotations

import pytest
import yaml

from bot.answer.lexicon import LEXICON_PATH, Phrases, build_lexicon, lexicon
from bot.answer.normalise import tokens


def test_the_shipped_lexicon_loads() -> None:
    lex = lexicon()
    assert lex.attributes.find(tokens("how many people came"))[0].label == "attendance"


def test_every_phrase_is_text_and_folds_to_words() -> None:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))

    def phrases(node: object) -> list[object]:
        if isinstance(node, dict):
            return [p for value in node.values() for p in phrases(value)]
        if isinstance(node, list):
            return list(node)
        return [node]

    for phrase in phrases(data):
        assert isinstance(phrase, str), f"{phrase!r}: quote it in lexicon.yaml"
        assert tokens(phrase), f"{phrase!r} has no words"


def test_a_phrase_means_one_attribute_only() -> None:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    seen: dict[tuple[str, ...], str] = {}
    for label, items in data["attributes"].items():
        for phrase in items:
            key = tuple(tokens(phrase))
            assert seen.setdefault(key, label) == label, f"{phrase!r}: {seen[key]} and {label}"


def test_a_bad_phrase_is_refused_with_a_clear_message() -> None:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    data["yes_no"]["closers"].append(False)  # an unquoted `no` in YAML
    with pytest.raises(TypeError, match="quote it"):
        build_lexicon(data)


def test_phrases_match_whole_words_longest_first() -> None:
    phrases = Phrases([("a", "age"), ("b", "how old"), ("c", "how")])
    assert [m.label for m in phrases.find(["stage", "how", "old"])] == ["b"]
    assert [(m.start, m.end) for m in phrases.find(["how", "is", "age"])] == [(0, 1), (2, 3)]


def test_quel_agrees_with_any_noun() -> None:
    phrases = Phrases([("city", "quelle ville")])
    assert [m.label for m in phrases.find(tokens("dans quel ville"))] == ["city"]
    assert [m.label for m in phrases.find(tokens("dans quelles villes"))] == []
    assert phrases.at(tokens("kel ville".replace("kel", "quel")), 0) is not None
