"""Whether a question asks who employs a person, and which card answers it.

"Which company does X work for?" names a company noun: the company's card is the answer.
"X bosse où ?", "where does X work?" ask the same with a verb and no room in mind: the
person's card, which names the employer, is the answer (and "c'est qui X, et il bosse où ?"
asks the company in its second part, see ``QuestionReader.read_parts``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.lexicon import Match
from bot.answer.normalise import tokens

_COMPANY_NOUNS = frozenset(
    tokens("company companies employer boite entreprise societe firme startup boss")
)
_WORK_VERBS = frozenset(
    tokens("work works working worked travaille travaillent bosse bossent bossait")
)


@dataclass(frozen=True)
class EmployerReading:
    company_wanted: bool = False  # the company's card is the answer
    employer_asked: bool = False  # the person's employer, asked with a verb
    positions: frozenset[int] = frozenset()  # words the reading used up (no topic in them)


def read_employer(
    words: list[str], cues: list[Match], *, where_asked: bool, yes_no: bool
) -> EmployerReading:
    """Read the employer question in ``words``, given the lexicon's company cues found in
    them. A yes/no claim ("Hansen works at Amazon, right?") asks no employer."""
    positions = frozenset(i for m in cues for i in m.positions)
    if yes_no:
        return EmployerReading(positions=positions)
    if cues:
        named = any(_COMPANY_NOUNS.intersection(words[m.start : m.end]) for m in cues)
        return EmployerReading(company_wanted=named, employer_asked=not named, positions=positions)
    if where_asked:
        worked = frozenset(i for i, w in enumerate(words) if w in _WORK_VERBS)
        return EmployerReading(employer_asked=bool(worked), positions=worked)
    return EmployerReading()
