"""The importer's one error type: every problem names its place in the source file."""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN = 20


@dataclass(frozen=True)
class ImportProblem:
    """One problem: ``place`` is ``file:line[:column]`` or ``file: json.path``."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ScheduleImportError(Exception):
    """A schedule that cannot be imported. Nothing has been written when this is raised.

    ``place`` and ``message`` describe the first problem; ``problems`` lists all of them
    (an invalid export usually has several, and an organiser wants them in one pass).
    """

    def __init__(self, place: str, message: str, problems: list[ImportProblem] | None = None):
        self.problems = list(problems) if problems else [ImportProblem(place, message)]
        self.place = self.problems[0].place
        self.message = self.problems[0].message
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            shown.append(f"... and {len(self.problems) - MAX_SHOWN} more problems")
        super().__init__("\n".join(shown))

    @classmethod
    def from_problems(cls, problems: list[ImportProblem]) -> ScheduleImportError:
        return cls(problems[0].place, problems[0].message, problems)


__all__ = ["ImportProblem", "ScheduleImportError"]
