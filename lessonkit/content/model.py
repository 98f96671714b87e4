"""Typed records of a course: the shapes every file in data/ must have.

The pydantic models below are the schema of the course: texts, glossaries, the timeline,
lessons and the course map, and `Course`, all of it validated. The exercises a lesson
holds are in `exercise_model`. No model does I/O; `lessonkit.load` reads the files and turns
validation errors into one readable line per problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from .exercise_model import Exercise
from .plan_model import Material, Routes, RubricCriterion, TimedReread
from .record import ExerciseId, NonEmpty, ParagraphId, Record

LessonId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+-\d+$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}-[a-z0-9-]+$")]


# --- passages ------------------------------------------------------------------------


class Edit(Record):
    """One mechanical change to the handout's wording, kept so it can be undone."""

    original: str
    corrected: str
    reason: NonEmpty


class EditorNote(Record):
    """A visible note beside a paragraph; used where the handout is kept as it is."""

    en: NonEmpty
    ru: NonEmpty
    quote: NonEmpty


class Paragraph(Record):
    id: ParagraphId
    plan_point: int = Field(ge=1)
    heading: str | None = None
    text: NonEmpty
    items: list[NonEmpty] = []
    edits: list[Edit] = []
    notes: list[EditorNote] = []

    @property
    def full_text(self) -> str:
        """The paragraph with its list items, as one string for quote look-ups."""
        return " ".join([self.text, *self.items])


class Text(Record):
    id: NonEmpty
    title: NonEmpty
    plan: list[NonEmpty] = Field(min_length=1)
    note: EditorNote | None = None
    paragraphs: list[Paragraph] = Field(min_length=1)


# --- glossary --------------------------------------------------------------------------


class GlossaryEntry(Record):
    term: NonEmpty
    mark: NonEmpty | None = None
    handout: NonEmpty | None = None
    contextual: NonEmpty
    note: str = ""
    paragraph: ParagraphId
    sentence: NonEmpty

    @property
    def marked_form(self) -> str:
        """The words of the sentence that carry the hover translation."""
        return self.mark or self.term


class Glossary(Record):
    text: NonEmpty
    entries: list[GlossaryEntry] = Field(min_length=1)


# --- the timeline of dated events -------------------------------------------------------


class TimelineEvent(Record):
    when: NonEmpty  # as a learner would write it: "2007", "November 2009", "2009–2013"
    start: int = Field(ge=0, le=3000)
    end: int | None = Field(default=None, ge=0, le=3000)
    event: NonEmpty
    place: NonEmpty
    organisation: NonEmpty
    actor: NonEmpty  # who the text says acted, in a word or two: the chart's colour and legend
    paragraph: ParagraphId
    quote: NonEmpty
    note: str = ""

    @model_validator(mode="after")
    def _end_after_start(self) -> TimelineEvent:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}; swap them")
        return self


class Timeline(Record):
    events: list[TimelineEvent] = Field(min_length=1)


# --- lessons and the course map ---------------------------------------------------------


Stage = Literal["pre_reading", "reading", "language", "post_reading"]


class Section(Record):
    title: NonEmpty
    stage: Stage
    intro: str = ""
    intro_ru: str = ""  # shown under `intro` (Markdown), marked Russian
    paragraphs: list[ParagraphId] = []
    reread: list[ParagraphId] = []
    timed_reread: TimedReread | None = None  # opens the section: earlier paragraphs against the clock
    timeline: bool = False
    exercises: list[ExerciseId] = []


class TimingStep(Record):
    minutes: int = Field(ge=1)
    activity: NonEmpty


class TeacherNotes(Record):
    """The solution notebook's plan: notes, a timing plan or two routes (or both), and the
    teacher's lists; `plan_model` holds the routes, the rubric and the materials."""

    notes: list[NonEmpty] = Field(min_length=1)
    timing: list[TimingStep] = []
    discussion: list[NonEmpty] = []
    workshop: list[NonEmpty] = []
    routes: Routes | None = None
    board_plan: list[NonEmpty] = []
    listen_for: list[NonEmpty] = []
    support: list[NonEmpty] = []  # for weaker students
    stretch: list[NonEmpty] = []  # for stronger students
    homework: list[NonEmpty] = []
    rubric: list[RubricCriterion] = []

    @model_validator(mode="after")
    def _a_plan(self) -> TeacherNotes:
        if not self.timing and self.routes is None:
            raise ValueError("the plan has neither `timing` nor `routes`; give `routes` (in_class and flipped) or a `timing` list")
        return self


class Lesson(Record):
    TEACHER_ONLY: ClassVar[tuple[str, ...]] = ("teacher", "materials")  # what a student release leaves out
    lesson: LessonId
    goals: list[NonEmpty] = Field(min_length=1)
    context: NonEmpty
    context_ru: NonEmpty | None = None  # shown under `context` (Markdown), marked Russian
    prediction: NonEmpty
    prediction_ru: NonEmpty | None = None
    prediction_check: NonEmpty | None = None  # shown with the learner's saved prediction near the end (`look_back`)
    prediction_check_ru: NonEmpty | None = None
    note: EditorNote | None = None
    sections: list[Section] = Field(min_length=1)
    key_points: list[NonEmpty] = Field(min_length=1)
    teacher: TeacherNotes | None = None  # required (`load`), except in a released course (course.yml `release: student`)
    exercises: list[Exercise] = Field(min_length=1)
    materials: list[Material] = []  # role cards, card sorts, ... that the routes' steps use

    @property
    def plan(self) -> TeacherNotes:
        """The teacher notes, for the solution notebook; a released course has none and builds no solutions."""
        if self.teacher is None:
            raise ValueError(f"lesson {self.lesson} has no teacher notes: it comes from a released course")
        return self.teacher

    @property
    def paragraph_ids(self) -> list[str]:
        """The paragraphs this lesson reads (each paragraph is read in one lesson)."""
        return [pid for section in self.sections for pid in section.paragraphs]

    @property
    def shown_paragraph_ids(self) -> list[str]:
        """Every paragraph shown in the lesson, read here or re-read from another lesson."""
        return list(dict.fromkeys(pid for section in self.sections for pid in section.reread + section.paragraphs))

    @property
    def page_order(self) -> list[str]:
        """The exercise ids in the order the page shows them (its sections'), whatever the ids."""
        return [eid for section in self.sections for eid in section.exercises]

    def shown_exercises(self) -> list[Exercise]:
        """The exercises in page order (the data check puts every exercise in a section)."""
        return [self.exercise(eid) for eid in self.page_order]

    def number(self, exercise_id: str) -> tuple[int, int]:
        """(n, total): the exercise is the n-th of the lesson's `total`, counted in page order."""
        order = self.page_order
        return order.index(exercise_id) + 1, len(order)

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)


class TextRef(Record):
    id: NonEmpty
    file: NonEmpty
    glossary: NonEmpty
    # This text's own date banner; without one, the course's `text_date` is shown.
    date: NonEmpty | None = None
    date_ru: NonEmpty | None = None


class LessonRef(Record):
    """A lesson in the course map: one plan point of a text, or a capstone that belongs to
    no plan point (it re-reads what the course has read and has a title of its own)."""

    id: LessonId
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]+\d+$")]
    capstone: bool = False
    title: NonEmpty | None = None  # a capstone's title (a plan-point lesson takes its plan point's words)
    text: NonEmpty | None = None
    plan_point: int | None = Field(default=None, ge=1)
    notebook: Slug
    self_study_minutes: int = Field(ge=5, le=240)  # a learner alone, core exercises
    workshop_minutes: int = Field(default=90, ge=5, le=240)  # class time; the timing plan adds up to it
    file: NonEmpty

    @model_validator(mode="after")
    def _plan_point_or_capstone(self) -> LessonRef:
        if self.capstone:
            if self.plan_point is not None:
                raise ValueError("a capstone belongs to no plan point; remove `plan_point` (or `capstone: true`)")
            if self.title is None:
                raise ValueError("a capstone has no plan point to take its title from; add `title`")
        else:
            missing = [name for name in ("text", "plan_point") if getattr(self, name) is None]
            if missing:
                raise ValueError(f"{' and '.join(missing)}: field required; add the field, or mark the lesson `capstone: true`")
        return self


class CourseMap(Record):
    title: NonEmpty
    subtitle: NonEmpty
    audience: NonEmpty
    text_date: NonEmpty
    text_date_ru: NonEmpty
    source: NonEmpty
    # What the start page says of the source before linking to it.
    source_description: NonEmpty = "The course is made from the source below."
    start_page: Slug
    progress_page: Slug | None = None
    trainer: Slug | None = None
    repository: NonEmpty
    timeline: NonEmpty | None = None
    texts: list[TextRef] = Field(min_length=1)
    lessons: list[LessonRef] = Field(min_length=1)
    # Written by `lessonkit release`: a learner-only copy, its lessons without teacher notes or materials.
    release: Literal["student"] | None = None
    mode: Literal["practice", "quiz"] = "practice"  # quiz: answers are saved unmarked until Finish


class Course:
    """Everything in data/, validated and cross-checked: what notebooks and the build use."""

    def __init__(
        self,
        root: Path,
        course_map: CourseMap,
        texts: dict[str, Text],
        glossaries: dict[str, Glossary],
        lessons: dict[str, Lesson],
        timeline: Timeline | None = None,
    ) -> None:
        self.root = root
        self.map = course_map
        self.texts = texts
        self.glossaries = glossaries
        self.lessons = lessons
        self.timeline = timeline
        self.paragraphs: dict[str, Paragraph] = {
            p.id: p for text in texts.values() for p in text.paragraphs
        }

    def lesson_title(self, ref: LessonRef) -> str:
        """A lesson's title: a capstone's own, else the plan point of its text that it covers
        ("" when the text or the point does not exist)."""
        if ref.title:
            return ref.title
        text = self.texts.get(ref.text or "")
        return text.plan[ref.plan_point - 1] if text is not None and ref.plan_point and ref.plan_point <= len(text.plan) else ""

    def lesson_ref(self, lesson_id: str) -> LessonRef:
        for ref in self.map.lessons:
            if ref.id == lesson_id:
                return ref
        raise KeyError(lesson_id)

    def glossary_entries(self, paragraph_ids: list[str]) -> list[GlossaryEntry]:
        """The glossary entries that occur in the given paragraphs, in paragraph order."""
        order = {pid: n for n, pid in enumerate(paragraph_ids)}
        entries = [
            e for g in self.glossaries.values() for e in g.entries if e.paragraph in order
        ]
        return sorted(entries, key=lambda e: order[e.paragraph])

    def all_exercises(self) -> list[tuple[str, Exercise]]:
        return [(ref.id, ex) for ref in self.map.lessons for ex in self.lessons[ref.id].exercises]
