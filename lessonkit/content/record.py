"""The base every schema record shares, and the constrained strings both halves of the
schema use: `model` (the course) and `exercise_model` (the exercises) import them from here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ParagraphId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+-\d{2}$")]
ExerciseId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+\d+-(\d{2}|R\d+)$")]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, so a misspelt field is caught."""

    # defer_build: a record's validator is built when data is first validated, not when the
    # class is defined; a lesson that opens from the cache (`lesson_cache`) never builds one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
