"""What the progress page reports, computed from the saved progress: pure, no widgets.

One row per lesson (exercises checked, items right, when last worked on) and one ranking
of the exercise items and glossary words missed most. The progress page and the trainer
draw these; tests and a later export step can use them without a widget library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ..content.course_order import lesson_of_paragraph
from ..content.model import Course
from .i18n import Language, say

if TYPE_CHECKING:
    from ..learner.progress import Progress, ProgressStore


def lessons_begun(course: Course, progress: Progress) -> list[str]:
    """The lessons with saved checks, in course order."""
    begun = {record.lesson for record in progress.exercises.values()}
    return [ref.id for ref in course.map.lessons if ref.id in begun]


# --- the table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonRow:
    lesson: str
    notebook: str
    title: str
    checked: int  # exercises checked at least once
    exercises: int
    score: int  # items right in the latest check of each exercise
    total: int  # items in the exercises checked
    last: datetime | None

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


def lesson_rows(course: Course, store: ProgressStore) -> list[LessonRow]:
    """One row per lesson of the course, in course order."""
    progress = store.read()
    rows = []
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        records = [progress.exercises[e.id] for e in lesson.exercises if e.id in progress.exercises]
        rows.append(LessonRow(
            lesson=ref.id,
            notebook=ref.notebook,
            title=course.lesson_title(ref),
            checked=len(records),
            exercises=len(lesson.exercises),
            score=sum(r.score for r in records),
            total=sum(r.total for r in records),
            last=max((r.last_checked for r in records), default=None),
        ))
    return rows


def score_cell(row: LessonRow, lang: Language) -> str:
    """'3 of 4' items right, or 'not started' (plain text, not escaped)."""
    return say("count_of", lang, n=row.score, total=row.total) if row.checked else say("not_started", lang)


# --- most often missed ------------------------------------------------------------------------


@dataclass(frozen=True)
class Missed:
    kind: Literal["item", "word"]
    key: str  # the exercise id, or the glossary term
    item: int | None  # the item number of an exercise; None for a word
    lesson: str  # the lesson id, "" when the course no longer has it
    notebook: str
    times: int
    last: datetime | None  # the last check of the exercise, or the last review of the word


def _recent_first(entry: Missed) -> tuple[float, str, int]:
    stamp = entry.last.timestamp() if entry.last is not None else -math.inf
    return (-stamp, entry.key, entry.item or 0)


def rank_missed(entries: list[Missed]) -> list[Missed]:
    """Most misses first; among equal misses the kinds alternate, the most recent first.

    Exercise items and words are counted on different scales (an item is missed once per
    check, a word once per card), so a plain sort on ids would let one kind push the other
    off a short list; alternating on ties keeps both in view.
    """
    ranked: list[Missed] = []
    for times in sorted({e.times for e in entries}, reverse=True):
        queues = {kind: sorted((e for e in entries if e.times == times and e.kind == kind), key=_recent_first)
                  for kind in ("item", "word")}
        while any(queues.values()):
            heads = sorted((kind for kind in queues if queues[kind]), key=lambda kind: (_recent_first(queues[kind][0]), kind))
            ranked.extend(queues[kind].pop(0) for kind in heads)
    return ranked


def most_missed(course: Course, store: ProgressStore, limit: int = 8) -> list[Missed]:
    """The exercise items and glossary words missed most often, in one ranking (see rank_missed)."""
    progress = store.read()
    owner = {e.id: course.lesson_ref(lesson_id) for lesson_id, e in course.all_exercises()}
    entries: list[Missed] = []
    for exercise_id, record in progress.exercises.items():
        ref = owner.get(exercise_id)
        if ref is None:  # an exercise the course no longer has: nothing to link to
            continue
        entries.extend(
            Missed("item", exercise_id, int(item), ref.id, ref.notebook, times, record.last_checked)
            for item, times in record.missed_items.items() if times
        )
    glossary = {e.term: e for g in course.glossaries.values() for e in g.entries}
    home = lesson_of_paragraph(course)
    for term, word in progress.words.items():
        if word.wrong and term in glossary:
            ref = home.get(glossary[term].paragraph)
            entries.append(Missed("word", term, None, ref.id if ref else "", ref.notebook if ref else "",
                                  word.wrong, word.last_review))
    return rank_missed(entries)[:limit]
