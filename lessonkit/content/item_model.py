"""The item records of the exercises: what one question, statement, gap or task holds,
with its evidence and its explanation.

Part of the schema: `exercise_model` builds the exercise classes from these; no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from .languages import Language
from .record import NonEmpty, ParagraphId, Record

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
    examples: Examples = Field(default_factory=Examples)

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
    examples: Examples = Field(default_factory=Examples)

    @model_validator(mode="after")
    def _min_terms_fits(self) -> KeyTermsMixin:
        if self.min_terms is not None and self.min_terms > len(self.key_terms):
            raise ValueError(
                f"min_terms is {self.min_terms} but there are only {len(self.key_terms)} key-term groups"
            )
        return self

    @property
    def key_terms_rule(self) -> str:
        """How the checker reads an answer, in a teacher's words: "at least 2 of (grain / wheat) + (steel)"."""
        groups = " + ".join("(" + " / ".join(group) + ")" for group in self.key_terms)
        return f"at least {self.min_terms} of {groups}" if self.min_terms else groups


class ShortAnswerItem(Item, KeyTermsMixin):
    prompt: NonEmpty


class RedFlag(Record):
    term: NonEmpty
    message: NonEmpty


class TranslationItem(Item, KeyTermsMixin):
    source: NonEmpty
    red_flags: list[RedFlag] = []


class OpenTaskItem(Item):
    """A production task: a text to write (to a reader, in a genre, in English or Russian)
    or something to say (prepared in notes, spoken in a set time), with a model answer and
    a self-check list."""

    prompt: NonEmpty
    prompt_ru: NonEmpty | None = None  # shown when the interface is Russian
    model_answer: NonEmpty
    checklist: list[NonEmpty] = Field(min_length=1)
    checklist_ru: list[NonEmpty] = []  # the same points in Russian, shown when the interface is Russian
    min_words: int = Field(default=1, ge=1)  # writing only: speaking notes may be empty
    max_words: int | None = Field(default=None, ge=1)  # for speaking: the notes' limit (key words, not a script)
    mode: Literal["writing", "speaking"] = "writing"
    answer_lang: Language = "en"  # the language the answer is written in (a mediation into Russian: ru)
    reader: NonEmpty | None = None  # who the text is for: "a ministry department"
    genre: NonEmpty | None = None  # what kind of text: "справка", "a formal enquiry"
    prepare_minutes: int | None = Field(default=None, ge=1)  # speaking: time to prepare
    speak_minutes: int | None = Field(default=None, ge=1)  # speaking: time to speak

    @model_validator(mode="after")
    def _times_fit_the_mode(self) -> OpenTaskItem:
        timed = [name for name in ("prepare_minutes", "speak_minutes") if getattr(self, name) is not None]
        if self.mode == "speaking" and len(timed) < 2:
            raise ValueError("a speaking task needs `prepare_minutes` and `speak_minutes`; add both")
        if self.mode == "writing" and timed:
            raise ValueError(f"{' and '.join(timed)} {'are' if len(timed) > 1 else 'is'} only for speaking tasks; remove it, or set `mode: speaking`")
        if self.max_words is not None and self.max_words < self.min_words:
            raise ValueError(f"max_words {self.max_words} is below min_words {self.min_words}; swap them")
        if self.checklist_ru and len(self.checklist_ru) != len(self.checklist):
            raise ValueError(f"checklist_ru has {len(self.checklist_ru)} points and checklist {len(self.checklist)}; "
                             "give the same points in the same order (a ticked point is kept by its number)")
        return self


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


# --- helpers -------------------------------------------------------------------------------


def _unique(values: list[str], what: str) -> None:
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ValueError(f"{what} repeat {repeated}; each must be different")


def _known_keys(mapping: dict[str, str], allowed: list[str], what: str) -> None:
    unknown = [key for key in mapping if key not in allowed]
    if unknown:
        raise ValueError(f"{what} names {unknown}, which are not among the choices")
