"""Relative clauses in descriptions: "l'orchestrateur de Google QUI tourne sous ACS", "the
startup MICROSOFT BOUGHT in April". The entry named in the clause anchors the description;
it is not what is described."""

from __future__ import annotations

from bot.answer.checks import ChecksMixin
from bot.answer.index import IndexedEntry
from bot.answer.normalise import STOP_WORDS_FOLDED, is_generic
from bot.answer.rank import Scored
from bot.answer.thresholds import HEAD_NAMED, PRECISION_NAMED
from bot.answer.understand import Frame

_RELATIVES = frozenset(("qui", "que", "qu", "dont", "that", "which", "whose", "par", "by"))


class RelativeClausesMixin(ChecksMixin):
    """Where a description's relative clause starts, and which entries it names."""

    def _relative_start(self, frame: Frame) -> int | None:
        """Where a relative clause after the noun the question describes starts ("l'outil
        de Google QUI tourne sous ...", "the orchestrator THAT ... runs", "la boîte rachetée
        PAR Microsoft"), if it has one."""
        words = frame.words
        nouns = self.reader.lex.kind_nouns.find(words)
        if not nouns:
            return None
        return next((i for i in range(nouns[0].end, len(words)) if words[i] in _RELATIVES), None)

    def _anchor_in_relative(self, frame: Frame, item: IndexedEntry) -> bool:
        """Whether the entry found is named only in that relative clause ("l'orchestrateur
        de Google qui tourne sous Azure Container Service"): it anchors the description; it
        is not what is described."""
        relative = self._relative_start(frame)
        if relative is None:
            relative = self._contact_clause(frame, item)
        spots = [i for i, w in enumerate(frame.words) if w in item.name_words]
        return relative is not None and bool(spots) and min(spots) > relative

    def _contact_clause(self, frame: Frame, item: IndexedEntry) -> int | None:
        """Where an English relative clause with no relative pronoun starts: the entry's
        name right after the described noun, then a word of the clause ("the startup
        MICROSOFT BOUGHT in April"), not the end of the question or another noun ("the
        startup Deis", "the company Docker's talk")."""
        words = frame.words
        nouns = self.reader.lex.kind_nouns.find(words)
        if not nouns:
            return None
        start = end = nouns[0].end
        while end < len(words) and words[end] in item.name_words:
            end += 1
        if end == start or end >= len(words):
            return None
        after = words[end]
        if (
            after in STOP_WORDS_FOLDED
            or after in _RELATIVES
            or is_generic(after)
            or self.reader.lex.kind_nouns.find([after])
        ):
            return None
        return start - 1

    def _named_in_head(self, frame: Frame, ranked: list[Scored]) -> Scored | None:
        """The entry of the described kind the question names before the relative clause,
        even misspelt: "la boîte DEISS que Microsoft a achetée" is Deis."""
        relative = self._relative_start(frame)
        clause = set(frame.words[relative:]) if relative is not None else set()
        for scored in ranked[1:PRECISION_NAMED]:
            item = self.index.entries[scored.position]
            if (
                item.kind in frame.described
                and scored.named >= HEAD_NAMED
                and not clause & item.name_words
            ):
                return scored
        return None
