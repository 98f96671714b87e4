"""How long a lesson takes a learner alone: minutes estimated from the lesson's data.

The figures below are the course's working assumptions (from the teaching review, see
data/README.md, "Load"), not measurements: change them here and every estimate, the
course map and `lessonkit check` follow. An estimate has two halves: the reading (new
text and re-read text, needed whatever one does) and the exercises. The core estimate is
the reading and the exercises marked `part: core`; the full estimate is the reading and
every exercise. A section's timed re-read counts its own minutes (the clock is part of the
task), in the core or the optional work as its `part` says. Pure: no I/O, nothing but
arithmetic over the records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .kinds import LoadUnit, kind_of
from .problems import Problem

if TYPE_CHECKING:
    from .model import Course, Lesson, Paragraph

# --- the figures -----------------------------------------------------------------------------
# Reading institutional English at B2–C1: a first, careful read at about 100 words a
# minute; a re-read (text met in an earlier lesson) at about 200.
READING_NEW_WORDS_PER_MINUTE = 100
REREADING_WORDS_PER_MINUTE = 200
# One objective item: a choice, a judgement, a match, a gap, a word to form, an ordering,
# one blank cell of a table (read the stem, find the place in the text, answer).
OBJECTIVE_ITEM_MINUTES = 0.75
# One sentence translated from Russian into English, checked against the model answer.
TRANSLATION_ITEM_MINUTES = 3.0
# One short answer (a phrase or a sentence found in the text and written down).
SHORT_ANSWER_ITEM_MINUTES = 2.0
# Writing to a word limit (an open task's `max_words`): 8 minutes for 30 words and 12 for
# 90, on the straight line through those two points, extended beyond them (a 15-word
# answer takes 7 minutes, a 150-word one 16). Without a word limit: 10 minutes. A speaking
# task (`mode: speaking`) takes its own `prepare_minutes` + `speak_minutes`.
WRITING_SHORT = (30, 8.0)  # (words, minutes)
WRITING_LONG = (90, 12.0)
OPEN_TASK_WITHOUT_LIMIT_MINUTES = 10.0

def writing_minutes(word_limit: int | None) -> float:
    """Minutes to write a text of at most `word_limit` words (None: no limit set)."""
    if word_limit is None:
        return OPEN_TASK_WITHOUT_LIMIT_MINUTES
    (short_words, short_minutes), (long_words, long_minutes) = WRITING_SHORT, WRITING_LONG
    per_word = (long_minutes - short_minutes) / (long_words - short_words)
    return short_minutes + (word_limit - short_words) * per_word


def _table_minutes(exercise: Any) -> float:
    return OBJECTIVE_ITEM_MINUTES * sum(len(row.blanks) for row in exercise.items)


def task_minutes(item: Any) -> float:
    """One open task: a speaking task takes its preparation and speaking time, a writing
    task the time its word limit asks for."""
    if item.mode == "speaking":
        return float((item.prepare_minutes or 0) + (item.speak_minutes or 0))
    return writing_minutes(item.max_words)


def _open_minutes(exercise: Any) -> float:
    return sum(task_minutes(item) for item in exercise.items)


# Minutes of one exercise, by the unit of work its kind names (`KindDefinition.load`);
# tests/test_load_model.py fails when a unit is missing.
MINUTES: dict[LoadUnit, Callable[[Any], float]] = {
    "item": lambda exercise: OBJECTIVE_ITEM_MINUTES * len(exercise.items),
    "cell": _table_minutes,
    "short_answer": lambda exercise: SHORT_ANSWER_ITEM_MINUTES * len(exercise.items),
    "sentence": lambda exercise: TRANSLATION_ITEM_MINUTES * len(exercise.items),
    "task": _open_minutes,
}


def exercise_minutes(exercise: Any) -> float:
    """The minutes one exercise takes, by its kind's unit of work and its items."""
    return MINUTES[kind_of(exercise).load](exercise)


def word_count(paragraphs: Iterable[Paragraph]) -> int:
    return sum(len(paragraph.full_text.split()) for paragraph in paragraphs)


def rounded(minutes: float) -> int:
    """Whole minutes, halves up: what a page says ("about 45 min")."""
    return int(minutes + 0.5)


@dataclass(frozen=True)
class LessonLoad:
    """A lesson's estimated minutes: reading, core exercises, optional exercises."""

    new_words: int
    reread_words: int
    core_exercises: int
    optional_exercises: int
    reading: float
    core_work: float
    optional_work: float

    @property
    def core(self) -> float:
        return self.reading + self.core_work

    @property
    def full(self) -> float:
        return self.core + self.optional_work

    @property
    def core_minutes(self) -> int:
        return rounded(self.core)

    @property
    def full_minutes(self) -> int:
        return rounded(self.full)


def lesson_load(lesson: Lesson, paragraphs: dict[str, Paragraph]) -> LessonLoad:
    """The estimate of one lesson; `paragraphs` maps every paragraph id of the course."""
    new_ids = lesson.paragraph_ids
    reread_ids = [pid for pid in lesson.shown_paragraph_ids if pid not in new_ids]
    new_words = word_count(paragraphs[pid] for pid in new_ids if pid in paragraphs)
    reread_words = word_count(paragraphs[pid] for pid in reread_ids if pid in paragraphs)
    core = [exercise for exercise in lesson.exercises if exercise.part == "core"]
    optional = [exercise for exercise in lesson.exercises if exercise.part != "core"]
    timed = [section.timed_reread for section in lesson.sections if section.timed_reread]
    return LessonLoad(
        new_words=new_words,
        reread_words=reread_words,
        core_exercises=len(core),
        optional_exercises=len(optional),
        reading=new_words / READING_NEW_WORDS_PER_MINUTE + reread_words / REREADING_WORDS_PER_MINUTE,
        core_work=sum(exercise_minutes(exercise) for exercise in core) + sum(t.minutes for t in timed if t.part == "core"),
        optional_work=sum(exercise_minutes(exercise) for exercise in optional) + sum(t.minutes for t in timed if t.part != "core"),
    )


def course_loads(course: Course) -> dict[str, LessonLoad]:
    """Every lesson's estimate, by lesson id, in course order."""
    return {ref.id: lesson_load(course.lessons[ref.id], course.paragraphs) for ref in course.map.lessons if ref.id in course.lessons}


def check_load(course: Course, name: str) -> list[Problem]:
    """A lesson whose stated self-study time is below the estimate of its core."""
    problems = []
    loads = course_loads(course)
    for ref in course.map.lessons:
        load = loads.get(ref.id)
        if load is not None and ref.self_study_minutes < load.core_minutes:
            honest = -(-load.core_minutes // 5) * 5
            problems.append(Problem(
                name, ref.id,
                f"self_study_minutes is {ref.self_study_minutes} but the core takes about {load.core_minutes} minutes "
                f"(reading and the {load.core_exercises} core exercises; everything: about {load.full_minutes})",
                f"mark exercises `part: optional` in {ref.file}, or state the honest time (self_study_minutes: {honest}); "
                "see data/README.md, \"Load\"",
            ))
    return problems
