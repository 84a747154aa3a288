"""Questions within a message, and titles the ranker cannot see."""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.answer.agenda_answers import AgendaMixin
from bot.answer.intent import Intent
from bot.answer.normalise import (
    QUOTED,
    fold,
    tokens,
)
from bot.answer.rank import NAMED_THRESHOLD
from bot.answer.splitting import MAX_PARTS, PAIR_JOINT, SUBJECT_PRONOUNS
from bot.answer.thresholds import (
    _ONE_OF,
    MAX_PAIR_WORDS,
    QUOTED_TITLE_SIMILARITY,
)
from bot.answer.understand import Frame


class PartsMixin(AgendaMixin):
    """Several questions in one message ("c'est quoi Helm et Draft ?") and titles made of
    stop words, which the ranker cannot see."""

    def _split_named_pair(self, frames: list[Frame]) -> list[Frame]:
        """ "c'est quoi Helm et Draft ?", "où est le talk BlaBlaCar et celui de Vente
        Privée ?", "the date and also the edition number": one question about two entries or
        event attributes, one on each side of the "and", is two questions, the second asked
        like the first. A name that holds the "and" itself ("Monitoring et métrologie")
        stays one."""
        if len(frames) != 1:
            return frames
        text = frames[0].text
        texts = self._pair_texts(text)
        if texts is None:
            return frames
        parts = self.reader.read_parts(texts, text)
        for part in parts:  # "ce que BlaBlaCar et Vente Privée sont venus RACONTER"
            part.speaking = part.speaking or frames[0].speaking
        return parts

    def _pair_texts(self, text: str, depth: int = 1) -> list[str] | None:
        """The questions of :meth:`_split_named_pair`, in order; a side before the last "and"
        that names several entries itself is split again ("c qui Justin Cormack, Jason
        Hansen et Ori Pekelman ?": three). None when the text is one question."""
        for joint in reversed(list(PAIR_JOINT.finditer(text))):
            left, right = text[: joint.start()], _ONE_OF.sub("", text[joint.end() :].strip())
            if not right or len(right.split()) > MAX_PAIR_WORDS:
                continue
            if tokens(right)[:1] and tokens(right)[0] in SUBJECT_PRONOUNS:
                continue  # "la première édition, ELLE avait lieu où ?" asks one thing of it
            second = self._part_subject(right)
            if second is None:
                continue
            inner = self._pair_texts(left, depth + 1) if depth < MAX_PARTS - 1 else None
            lefts = inner or [left]
            first = self._part_subject(lefts[-1])
            if first is None or first == second:
                continue
            if self._attribute_and_talk(first, second):
                continue  # "what day and time is the Rust talk?": one question
            around = [*left.split()[-1:], joint.group(0).strip(), *right.split()[:1]]
            if any(fold(" ".join(around)) in item.search_text for item in self.index.entries):
                continue  # the "and" is inside a name ("Monitoring et métrologie")
            return [*lefts, right]
        return None

    def _stop_word_title(self, text: str) -> int | None:
        """The entry whose title, made of stop words, the question says whole ("c'est où,
        There is no container ?")."""
        if not self._stop_word_titles:
            return None
        said = f" {' '.join(tokens(text))} "
        found = next((p for title, p in self._stop_word_titles if title in said), None)
        if found is not None:
            return found
        # Quoted from memory ("that 'there are no containers' talk"): close enough.
        for quoted in QUOTED.findall(text):
            words = " ".join(tokens(quoted))
            for title, position in self._stop_word_titles:
                if fuzz.ratio(words, title.strip()) >= QUOTED_TITLE_SIMILARITY:
                    return position
        return None

    def _attribute_and_talk(self, first: int | str, second: int | str) -> bool:
        """An event attribute on one side, an entry other than an event fact on the other:
        "what day and time is the Rust talk?" asks one thing ("headcount + speaker list"
        asks two: both are event facts)."""
        sides = (first, second)
        attribute = any(isinstance(side, str) for side in sides)
        entries = [self.index.entries[side].kind for side in sides if isinstance(side, int)]
        return attribute and any(kind not in ("faq", "event") for kind in entries)

    def _part_subject(self, text: str) -> int | str | None:
        """What one side of an "and" is about: the entry it names whole (its index
        position), or the event attribute it asks with nothing else ("the date", "the
        edition number"); None when neither is clear."""
        frame = self.reader.frame(text)
        if frame.attribute and not frame.subject:
            return frame.attribute
        return self._named_whole(frame)

    def _named_whole(self, frame: Frame) -> int | None:
        """The entry whose own name the frame says whole, if one clearly leads."""
        if not frame.topic:
            return None
        ranked = self.ranker.rank(frame.kept, set(frame.topic), Intent.ANY, "")
        if not ranked or ranked[0].named < NAMED_THRESHOLD or not self._confident(ranked):
            return None
        return ranked[0].position
