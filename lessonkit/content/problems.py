"""What is wrong with the course data, as authors read it: one line per problem.

Every stage of reading data/ (the YAML reader, the schema, the cross-references) reports
in this one shape, so `lessonkit check` can sort, de-duplicate and print them together.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data: where, what, and what to do about it."""

    file: str
    item: str
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.item}" if self.item else self.file
        return f"{where}: {self.what} — {self.fix}"


class DataError(Exception):
    """The data cannot be used; `problems` says why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
