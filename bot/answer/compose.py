"""Compose: an answer of one entry, a refusal with what is close, the evidence."""

from __future__ import annotations

from bot.answer.answer import Alternative, Answer
from bot.answer.engine_base import EngineBase
from bot.answer.index import KEYWORD, NAME, RELATED
from bot.answer.intent import Intent
from bot.answer.rank import Scored
from bot.answer.thresholds import (
    ALTERNATIVE_THRESHOLD,
    MAX_ALTERNATIVES,
    REFUSAL_ALTERNATIVE_THRESHOLD,
)
from bot.answer.understand import Frame
from bot.kb.model import Entry, title_of


class ComposeMixin(EngineBase):
    """Builds the :class:`Answer` the front ends render: one entry with its alternatives,
    or a refusal offering what is close and what is related."""

    def _alternatives(
        self,
        ranked: list[Scored],
        exclude: tuple[str, str] | None,
        threshold: float = ALTERNATIVE_THRESHOLD,
        language: str | None = None,
    ) -> list[tuple[Alternative, Entry]]:
        out: list[tuple[Alternative, Entry]] = []
        seen = {exclude} if exclude else set()
        for scored in ranked:
            if scored.score < threshold or len(out) >= MAX_ALTERNATIVES:
                break
            item = self.index.entries[scored.position]
            if (item.kind, item.id) in seen:
                continue
            seen.add((item.kind, item.id))
            alt = Alternative(
                item.kind, item.id, title_of(item.entry, language), round(scored.score * 100, 1)
            )
            out.append((alt, item.entry))
        return out

    def _answer(
        self,
        question: str,
        intent: Intent,
        language: str,
        kind: str,
        entry: Entry,
        score: float,
        rest: list[Scored],
        *,
        premise: str = "",
        evidence: tuple[str, ...] = (),
        fact: str = "",
    ) -> Answer:
        alternatives = self._alternatives(rest, (kind, entry.id), language=language)
        return Answer(
            answered=True,
            kind=kind,
            id=entry.id,
            title=title_of(entry, language),
            score=round(min(score, 1.0) * 100, 1),
            intent=intent,
            language=language,
            question=question,
            entry=entry,
            alternatives=tuple(a for a, _ in alternatives),
            alternative_entries=tuple(e for _, e in alternatives),
            premise=premise,
            evidence=evidence,
            fact=fact,
        )

    def _refuse(
        self,
        question: str,
        intent: Intent,
        language: str,
        ranked: list[Scored],
        reason: str,
        missing: str = "",
        related: tuple[tuple[str, Entry], ...] = (),
    ) -> Answer:
        alternatives = self._alternatives(
            ranked, None, REFUSAL_ALTERNATIVE_THRESHOLD, language=language
        )
        offered = {(kind, entry.id) for kind, entry in related}
        pairs = [
            (Alternative(kind, entry.id, title_of(entry, language), 0.0), entry)
            for kind, entry in related
        ] + [(a, e) for a, e in alternatives if (a.kind, a.id) not in offered]
        return Answer(
            answered=False,
            kind=None,
            id=None,
            title="",
            score=round(ranked[0].score * 100, 1) if ranked else 0.0,
            intent=intent,
            language=language,
            question=question,
            alternatives=tuple(a for a, _ in pairs[:MAX_ALTERNATIVES]),
            alternative_entries=tuple(e for _, e in pairs[:MAX_ALTERNATIVES]),
            reason=reason,
            missing=missing,
        )

    def _evidence(self, frame: Frame, kind: str, entry: Entry) -> tuple[str, ...]:
        """Which question words matched which field of the answer ("linuxkit: name")."""
        position = self._position_of.get((kind, entry.id))
        if position is None:
            return ()
        item = self.index.entries[position]
        out = []
        for word in dict.fromkeys(frame.topic):
            weight = max(
                (item.weights.get(token, 0.0) * sim for token, sim in self.index.lookup(word)),
                default=0.0,
            )
            if weight > 0:
                out.append(f"{word}: {_field_name(weight)}")
        return tuple(out)


def _field_name(weight: float) -> str:
    if weight >= NAME:
        return "name"
    if weight >= KEYWORD:
        return "keyword"
    if weight >= RELATED:
        return "link"
    return "text"
