"""What a progress file holds, and how its bytes are read: the records, no I/O.

The store (lessonkit.progress) reads and writes these; the pure updates
(lessonkit.progress_updates) change them; `lessonkit reports` and `lessonkit class-report`
read exported files with `parse`. The word cards come from lessonkit.leitner, whose rules move them.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from ..content.languages import Language
from .leitner import WordRecord
from .utc import UtcTime, utc_now

SCHEMA_VERSION = 1

ItemNumber = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


ClaimKind = Literal["self_credited", "should_be_accepted"]


class Claim(_Record):
    """A learner's word against the checker: "my answer means the same" (self-credited) or
    "my answer should be accepted" (reported for the author; `lessonkit reports` lists them)."""

    item: int = Field(ge=1)
    answer: str = Field(max_length=4000)
    kind: ClaimKind
    at: UtcTime


ItemOutcome = Literal["right", "wrong", "partial", "unanswered"]
MAX_STORED_ANSWER = 4000  # characters of one stored answer as JSON; the store keeps far less (see progress_updates)


class ItemAnswer(_Record):
    """One item of the last check: the answer as the learner typed or chose it (JSON: a string,
    a list of chosen options or ordered labels, a table row's cells, an open task's text and
    ticks; None when nothing was given) and the checker's verdict on it. "partial": wrong,
    but some of it right (a table row's cells, the meanings of a typed answer)."""

    answer: JsonValue = None
    result: ItemOutcome

    @field_validator("answer")
    @classmethod
    def _not_huge(cls, value: JsonValue) -> JsonValue:
        if len(json.dumps(value, ensure_ascii=False)) > MAX_STORED_ANSWER:
            raise ValueError(f"a stored answer is longer than {MAX_STORED_ANSWER} characters")
        return value


class ExerciseRecord(_Record):
    lesson: str
    attempts: int = Field(default=0, ge=0)
    score: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    best: int = Field(default=0, ge=0)
    last_checked: UtcTime
    missed_items: dict[ItemNumber, Annotated[int, Field(ge=0)]] = {}
    claims: list[Claim] = []
    last_answers: list[ItemAnswer] = Field(default=[], max_length=500)  # per item, of the last check ([]: older files)

    @model_validator(mode="after")
    def _scores_fit_the_total(self) -> ExerciseRecord:
        # A score above the total (a hand-edited or foreign file) would break the progress
        # chart later; refuse it here, where the file is read.
        if self.score > self.total or self.best > self.total:
            raise ValueError(f"score {self.score} (best {self.best}) is more than the total {self.total}")
        return self


class SavedAnswer(_Record):
    """A quiz answer kept by Save answer (course.yml `mode: quiz`): per item, what the browser
    holds (capped), so the exercise shows it again after a restart; `marked` once Finish marked it."""

    lesson: str
    responses: list[JsonValue] = Field(default=[], max_length=500)
    saved: UtcTime
    marked: bool = False  # a Finish has marked these answers since they were saved

    @field_validator("responses")
    @classmethod
    def _none_huge(cls, value: list[JsonValue]) -> list[JsonValue]:
        if any(len(json.dumps(response, ensure_ascii=False)) > MAX_STORED_ANSWER for response in value):
            raise ValueError(f"a saved answer is longer than {MAX_STORED_ANSWER} characters")
        return value


class QuizExercise(_Record):
    """One exercise as Finish marked it: its score and, per item, the answer and the verdict."""

    score: int = Field(ge=0)
    total: int = Field(ge=0)
    answers: list[ItemAnswer] = Field(default=[], max_length=500)


class QuizAttempt(_Record):
    """One press of Finish in a quiz-mode lesson: every exercise of the lesson marked at once
    (an exercise left unanswered counts 0 of its items)."""

    lesson: str
    finished: UtcTime
    score: int = Field(ge=0)
    total: int = Field(ge=0)
    exercises: dict[str, QuizExercise] = {}

    @model_validator(mode="after")
    def _score_fits_the_total(self) -> QuizAttempt:
        if self.score > self.total:
            raise ValueError(f"score {self.score} is more than the total {self.total}")
        return self


class Prediction(_Record):
    """What the learner predicted before reading a lesson (its answer box); nothing marks it."""

    text: str = Field(max_length=2000)
    saved: UtcTime


class Progress(_Record):
    """One learner's progress file. Fields added after version 1 came out (`name`,
    `ExerciseRecord.last_answers`, `quiz_answers`, `quiz_attempts`, `predictions`) have defaults, so files
    written before them still load."""

    schema_version: int = SCHEMA_VERSION
    language: Language = "en"
    name: str = Field(default="", max_length=200)  # what the learner is called in exports (a name or a pseudonym)
    exercises: dict[str, ExerciseRecord] = {}
    words: dict[str, WordRecord] = {}
    quiz_answers: dict[str, SavedAnswer] = {}  # exercise id -> the answer saved, not marked (quiz mode)
    quiz_attempts: list[QuizAttempt] = Field(default=[], max_length=1000)  # each press of Finish, oldest first
    predictions: dict[str, Prediction] = {}  # lesson id -> the prediction saved before reading
    updated: UtcTime = Field(default_factory=utc_now)

    @field_validator("schema_version")
    @classmethod
    def _this_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"schema version {value} is not {SCHEMA_VERSION}, the one this course reads")
        return value


class ProgressImportError(ValueError):
    """An imported progress file was refused; the message says why in one sentence."""


def parse(raw: bytes) -> Progress:
    """A progress file's bytes as a Progress, or ProgressImportError saying what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested absurdly deep
        raise ProgressImportError("it is not a progress file (not valid JSON text)") from None
    if not isinstance(data, dict):
        raise ProgressImportError("it is not a progress file (no fields at the top level)")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ProgressImportError(
            f"it has schema version {data.get('schema_version')!r}; this course reads version {SCHEMA_VERSION}"
        )
    try:
        return Progress.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        parts = [str(part) for part in first["loc"]]
        where = ".".join(parts[:6]) + (".…" if len(parts) > 6 else "") or "at the top level"  # one short line
        raise ProgressImportError(f"its field {where} is not valid ({first['msg'].lower()})") from None
