"""The exercise records: the twelve exercise classes and the discriminated union that
tells them apart by `kind:`. Their items are in `item_model` (re-exported here).

Part of the schema (`model` holds the course around them); no I/O. `lessonkit.kinds`
holds everything else the engine knows of a kind.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from .item_model import (
    GAP,
    ChoiceItem,
    Evidence,
    Examples,
    GapItem,
    Item,
    JudgementItem,
    KeyTermsMixin,
    MatchItem,
    MultiSelectItem,
    OpenTaskItem,
    OrderingItem,
    Part,
    RedFlag,
    ShortAnswerItem,
    StanceItem,
    TableRow,
    TranslationItem,
    WordFormationItem,
    _known_keys,
    _unique,
)
from .record import ExerciseId, NonEmpty, Record

__all__ = [
    "EXERCISE_CLASSES", "EXERCISE_KINDS", "GAP", "ChoiceItem", "Evidence", "Examples", "Exercise", "ExerciseBase",
    "ExerciseRecord", "GapFill", "GapItem", "Item", "JudgementItem", "KeyTermsMixin", "MatchItem", "Matching",
    "MultiSelectItem", "MultipleSelect", "OpenTask", "OpenTaskItem", "Ordering", "OrderingItem", "RedFlag",
    "ShortAnswer", "ShortAnswerItem", "SingleChoice", "StanceItem", "StatedInferred", "TableCompletion", "TableRow",
    "Translation", "TranslationItem", "TrueFalseNotGiven", "WordFormation", "WordFormationItem",
]


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
