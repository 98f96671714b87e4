"""The exercise records: the items of each kind, the twelve exercise classes and the
discriminated union that tells them apart by `kind:`.

Part of the schema (`model` holds the course around them); no I/O. `lessonkit.kinds`
holds everything else the engine knows of a kind.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, field_validator, model_validator

from .record import ExerciseId, NonEmpty, ParagraphId, Record

GAP = re.compile(r"_{3,}")


class Evidence(Record):
    paragraph: ParagraphId
    quote: NonEmpty


class Item(Record):
    explanation: NonEmpty
    evidence: list[Evidence] = []


class ChoiceItem(Item):
    prompt: NonEmpty
    options: list[NonEmpty] = Field(min_length=2)
    answer: NonEmpty
    option_feedback: dict[str, NonEmpty] = {}

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> ChoiceItem:
        _unique(self.options, "options")
        if self.answer not in self.options:
            raise ValueError(f"answer {self.answer!r} is not among the options; make it one of them")
        _known_keys(self.option_feedback, self.options, "option_feedback")
        return self


class MultiSelectItem(Item):
    prompt: NonEmpty
    options: list[NonEmpty] = Field(min_length=2)
    answers: list[NonEmpty] = Field(min_length=1)

    @model_validator(mode="after")
    def _answers_are_options(self) -> MultiSelectItem:
        _unique(self.options, "options")
        missing = [a for a in self.answers if a not in self.options]
        if missing:
            raise ValueError(f"answers {missing} are not among the options; make them options")
        return self


# core: carries the lesson's goals and counts in its stated self-study time; optional: extra practice.
Part = Literal["core", "optional"]
Judgement = Literal["true", "false", "not_given"]
Stance = Literal["stated", "inferred", "not_in_text"]


class JudgementItem(Item):
    statement: NonEmpty
    answer: Judgement


class StanceItem(Item):
    statement: NonEmpty
    answer: Stance


class MatchItem(Item):
    left: NonEmpty
    answer: NonEmpty


class Examples(Record):
    """Learner answers written by a teacher before looking at the key: `accept` must be
    marked right and `reject` must not; `lessonkit check` runs every one."""

    accept: list[NonEmpty] = []
    reject: list[NonEmpty] = []


class GapItem(Item):
    text: NonEmpty
    answer: NonEmpty
    accept: list[NonEmpty] = []
    examples: Examples = Examples()

    @field_validator("text")
    @classmethod
    def _one_gap(cls, value: str) -> str:
        if len(GAP.findall(value)) != 1:
            raise ValueError("text must contain exactly one gap written as ___ (three underscores)")
        return value


class WordFormationItem(GapItem):
    base: NonEmpty


class OrderingItem(Item):
    prompt: NonEmpty
    segments: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]$")], NonEmpty] = Field(min_length=2)
    answer: list[str] = Field(min_length=2)

    @model_validator(mode="after")
    def _answer_is_a_permutation(self) -> OrderingItem:
        if sorted(self.answer) != sorted(self.segments):
            raise ValueError(
                f"answer {self.answer} must list every segment label {sorted(self.segments)} exactly once"
            )
        return self


TermGroup = Annotated[list[NonEmpty], Field(min_length=1)]


class KeyTermsMixin(Record):
    key_terms: list[TermGroup] = Field(min_length=1)
    min_terms: int | None = Field(default=None, ge=1)
    model_answer: NonEmpty
    examples: Examples = Examples()

    @model_validator(mode="after")
    def _min_terms_fits(self) -> KeyTermsMixin:
        if self.min_terms is not None and self.min_terms > len(self.key_terms):
            raise ValueError(
                f"min_terms is {self.min_terms} but there are only {len(self.key_terms)} key-term groups"
            )
        return self


class ShortAnswerItem(Item, KeyTermsMixin):
    prompt: NonEmpty


class RedFlag(Record):
    term: NonEmpty
    message: NonEmpty


class TranslationItem(Item, KeyTermsMixin):
    source: NonEmpty
    red_flags: list[RedFlag] = []


class OpenTaskItem(Item):
    prompt: NonEmpty
    model_answer: NonEmpty
    checklist: list[NonEmpty] = Field(min_length=1)
    min_words: int = Field(default=1, ge=1)
    max_words: int | None = Field(default=None, ge=1)


class TableRow(Item):
    """One row of a table to complete: the cells given, and the blanks with their answers."""

    cells: dict[NonEmpty, NonEmpty] = {}
    blanks: dict[NonEmpty, list[NonEmpty]] = Field(min_length=1)
    examples: dict[NonEmpty, Examples] = {}  # per blank column

    @model_validator(mode="after")
    def _blanks_have_answers(self) -> TableRow:
        empty = [column for column, answers in self.blanks.items() if not answers]
        if empty:
            raise ValueError(f"blanks {empty} list no accepted answer; give at least one")
        both = sorted(set(self.cells) & set(self.blanks))
        if both:
            raise ValueError(f"columns {both} are both given and blank; make each cell one or the other")
        return self


class ExerciseBase(Record):
    id: ExerciseId
    part: Part
    title: NonEmpty
    title_ru: NonEmpty | None = None  # shown when the interface is in Russian
    instruction: NonEmpty
    instruction_ru: NonEmpty | None = None
    hint: NonEmpty


class SingleChoice(ExerciseBase):
    kind: Literal["single_choice"]
    items: list[ChoiceItem] = Field(min_length=1)


class MultipleSelect(ExerciseBase):
    kind: Literal["multiple_select"]
    items: list[MultiSelectItem] = Field(min_length=1)


class TrueFalseNotGiven(ExerciseBase):
    kind: Literal["true_false_not_given"]
    items: list[JudgementItem] = Field(min_length=1)


class StatedInferred(ExerciseBase):
    kind: Literal["stated_inferred"]
    items: list[StanceItem] = Field(min_length=1)


class Matching(ExerciseBase):
    kind: Literal["matching"]
    items: list[MatchItem] = Field(min_length=2)
    distractors: list[NonEmpty] = []
    distractor_feedback: dict[str, NonEmpty] = {}

    @model_validator(mode="after")
    def _choices_are_distinct(self) -> Matching:
        _unique([item.left for item in self.items], "left sides")
        _unique([item.answer for item in self.items] + self.distractors, "answers and distractors")
        _known_keys(self.distractor_feedback, self.distractors, "distractor_feedback")
        return self

    @property
    def choices(self) -> list[str]:
        """Right-hand options in a fixed, neutral order (alphabetical): no shuffling."""
        return sorted([item.answer for item in self.items] + self.distractors, key=str.casefold)


class GapFill(ExerciseBase):
    kind: Literal["gap_fill"]
    items: list[GapItem] = Field(min_length=1)
    word_bank: bool = False
    extra_words: list[NonEmpty] = []

    @property
    def bank(self) -> list[str]:
        return sorted({item.answer for item in self.items} | set(self.extra_words), key=str.casefold)


class WordFormation(ExerciseBase):
    kind: Literal["word_formation"]
    items: list[WordFormationItem] = Field(min_length=1)


class Ordering(ExerciseBase):
    kind: Literal["ordering"]
    items: list[OrderingItem] = Field(min_length=1)


class ShortAnswer(ExerciseBase):
    kind: Literal["short_answer"]
    items: list[ShortAnswerItem] = Field(min_length=1)


class Translation(ExerciseBase):
    kind: Literal["translation"]
    items: list[TranslationItem] = Field(min_length=1)


class OpenTask(ExerciseBase):
    kind: Literal["open_task"]
    items: list[OpenTaskItem] = Field(min_length=1)


class TableCompletion(ExerciseBase):
    kind: Literal["table_completion"]
    columns: list[NonEmpty] = Field(min_length=2)
    items: list[TableRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_fill_the_columns(self) -> TableCompletion:
        for n, row in enumerate(self.items, start=1):
            cells = set(row.cells) | set(row.blanks)
            if cells != set(self.columns):
                raise ValueError(
                    f"row {n} has columns {sorted(cells)} but the table has {self.columns}; give every column once, as a cell or a blank"
                )
        return self


# The union pydantic needs to tell the kinds apart. `lessonkit.kinds` holds one definition
# per kind; tests/test_kinds.py fails unless the two name the same classes.
ExerciseRecord = SingleChoice | MultipleSelect | TrueFalseNotGiven | StatedInferred | Matching | GapFill | WordFormation | Ordering | ShortAnswer | Translation | OpenTask | TableCompletion
Exercise = Annotated[ExerciseRecord, Field(discriminator="kind")]
EXERCISE_CLASSES: tuple[type[ExerciseBase], ...] = get_args(ExerciseRecord)
EXERCISE_KINDS: tuple[str, ...] = tuple(get_args(cls.model_fields["kind"].annotation)[0] for cls in EXERCISE_CLASSES)


# --- helpers -------------------------------------------------------------------------------


def _unique(values: list[str], what: str) -> None:
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ValueError(f"{what} repeat {repeated}; each must be different")


def _known_keys(mapping: dict[str, str], allowed: list[str], what: str) -> None:
    unknown = [key for key in mapping if key not in allowed]
    if unknown:
        raise ValueError(f"{what} names {unknown}, which are not among the choices")
