"""Typed records of a workshop plan: the two routes, the teacher's lists, the rubric and the
classroom materials a lesson supplies (role cards, card sorts, language banks, jigsaw
grids, handouts).

Part of the schema (`model` holds the lesson around them); no I/O. The checks across a
lesson (routes add up to the workshop, every material named exists and is used) are in
`plan_checks`; the solution notebook draws them in `publish.plan_pages`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, field_validator, model_validator

from .item_model import Part
from .record import ExerciseId, NonEmpty, ParagraphId, Record

MaterialId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]

# Who works with whom in a step; several in one step are joined with an arrow
# ("individual → pairs"). "T–Ss" is the teacher with the whole class, "Ss–T" the
# students reporting back. A hyphen is read as the en dash.
INTERACTIONS = ("T–Ss", "Ss–T", "individual", "pairs", "groups", "whole class", "mingle")
_ARROW = re.compile(r"\s*(?:→|->)\s*")


class TimedReread(Record):
    """A fluency task that opens a section: paragraphs read in earlier lessons, re-read
    against the clock, then the section's questions from memory. The build writes the
    instruction (English and Russian, with a link to where the paragraphs are) and the load
    model counts its minutes in the core, or in the optional work."""

    paragraphs: list[ParagraphId] = Field(min_length=1)
    minutes: int = Field(ge=1, le=10)
    part: Part = "core"


class RouteStep(Record):
    """One stage of a route: how long, what for, who with whom, what happens, with what."""

    minutes: int = Field(ge=1)
    stage: NonEmpty
    aim: NonEmpty
    interaction: NonEmpty
    activity: NonEmpty
    materials: list[MaterialId] = []

    @field_validator("interaction")
    @classmethod
    def _known_interaction(cls, value: str) -> str:
        parts = [" ".join(part.replace("-", "–").split()) for part in _ARROW.split(value.strip())]
        known = {name.casefold(): name for name in INTERACTIONS}
        unknown = [part for part in parts if part.casefold() not in known]
        if unknown:
            raise ValueError(f"unknown interaction {unknown[0]!r}; use {', '.join(INTERACTIONS)} (several joined with →)")
        return " → ".join(known[part.casefold()] for part in parts)


class Routes(Record):
    """The same workshop two ways, each adding up to the lesson's workshop minutes."""

    in_class: list[RouteStep] = Field(min_length=1)  # learners work through the notebook in class
    flipped: list[RouteStep] = Field(min_length=1)  # objective exercises before class
    before_class: list[NonEmpty] = []  # what the flipped route asks learners to do beforehand

    def steps(self) -> list[tuple[str, int, RouteStep]]:
        """(route name, step number from 1, step) for every step of both routes."""
        return [(name, n, step) for name, route in (("in_class", self.in_class), ("flipped", self.flipped))
                for n, step in enumerate(route, start=1)]


class RubricLevel(Record):
    points: int = Field(ge=0)
    descriptor: NonEmpty


class RubricCriterion(Record):
    """One criterion for marking a writing or speaking task: graded levels, or one descriptor."""

    criterion: NonEmpty
    tasks: list[ExerciseId] = []  # the writing or speaking tasks it marks (default: all of them)
    levels: list[RubricLevel] = []
    descriptor: NonEmpty | None = None

    @model_validator(mode="after")
    def _levels_or_descriptor(self) -> RubricCriterion:
        if self.levels and self.descriptor is not None:
            raise ValueError("the criterion has both `levels` and a `descriptor`; keep one of them")
        if not self.levels and self.descriptor is None:
            raise ValueError("the criterion has neither `levels` nor a `descriptor`; give `levels` (points and a descriptor each) or one `descriptor`")
        points = [level.points for level in self.levels]
        if len(set(points)) != len(points):
            raise ValueError(f"levels repeat points {sorted(p for p, c in Counter(points).items() if c > 1)}; give each level its own points")
        return self


# --- materials ------------------------------------------------------------------------------


class MaterialBase(Record):
    id: MaterialId
    title: NonEmpty
    title_ru: NonEmpty | None = None
    instructions: NonEmpty | None = None  # for the teacher or on the printed sheet: how it is used


class RoleCard(Record):
    role: NonEmpty
    brief: NonEmpty
    points: list[NonEmpty] = Field(min_length=1)


class RoleCards(MaterialBase):
    kind: Literal["role_cards"]
    roles: list[RoleCard] = Field(min_length=2)


class SortCard(Record):
    text: NonEmpty
    category: NonEmpty


class CardSort(MaterialBase):
    kind: Literal["card_sort"]
    categories: list[NonEmpty] = Field(min_length=2)
    cards: list[SortCard] = Field(min_length=2)

    @model_validator(mode="after")
    def _cards_in_categories(self) -> CardSort:
        unknown = sorted({card.category for card in self.cards} - set(self.categories))
        if unknown:
            raise ValueError(f"cards name categories {unknown} that are not in `categories`; add them or correct the card")
        return self


class PhraseGroup(Record):
    function: NonEmpty  # what the phrases do: "Agreeing in part", "Attributing a position"
    phrases: list[NonEmpty] = Field(min_length=1)


class LanguageBank(MaterialBase):
    kind: Literal["language_bank"]
    groups: list[PhraseGroup] = Field(min_length=1)


class JigsawGrid(MaterialBase):
    """A grid the groups complete from their part of the text: `rows` is the full grid (the
    key); the columns in `blank` are printed empty on the learners' copy."""

    kind: Literal["jigsaw_grid"]
    columns: list[NonEmpty] = Field(min_length=2)
    rows: list[dict[NonEmpty, str]] = Field(min_length=1)
    blank: list[NonEmpty] = []

    @model_validator(mode="after")
    def _rows_fit_the_columns(self) -> JigsawGrid:
        for n, row in enumerate(self.rows, start=1):
            unknown = sorted(set(row) - set(self.columns))
            if unknown:
                raise ValueError(f"row {n} has columns {unknown} that are not in `columns`; use the names in `columns`")
        unknown = sorted(set(self.blank) - set(self.columns))
        if unknown:
            raise ValueError(f"blank names columns {unknown} that are not in `columns`; use the names in `columns`")
        return self


class Handout(MaterialBase):
    kind: Literal["handout"]
    text: NonEmpty  # Markdown


MaterialRecord = RoleCards | CardSort | LanguageBank | JigsawGrid | Handout
Material = Annotated[MaterialRecord, Field(discriminator="kind")]
MATERIAL_KINDS: tuple[str, ...] = tuple(get_args(cls.model_fields["kind"].annotation)[0] for cls in get_args(MaterialRecord))
