"""A class's figures, computed from the learners' exports: pure, no HTML.

- `score_frame`: one row per learner and lesson: items right in the latest check of each
  exercise, items in the exercises checked, exercises checked, and the percentage right
  (None for a lesson not begun). `score_table` pivots it to learner × lesson.
- `item_stats`: per item of the course, what the learners' last answers were (right,
  partial, wrong, unanswered), the most common wrong answers (grouped the way the
  checkers compare answers: `marking.normalise.compact`), and the answers learners
  self-credited or said should be accepted.
- `most_missed`: the items whose last answer was most often not right.
- `exercise_shares`: per exercise, the share of items right over all learners' checks.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..content.kinds import item_words, kind_of
from ..marking.normalise import compact

if TYPE_CHECKING:
    from ..content.model import Course, Lesson
    from .class_files import Learner

COMMON = 3  # wrong answers shown per item


# --- the learner × lesson table ------------------------------------------------------------------


def score_frame(course: Course, learners: list[Learner]) -> pd.DataFrame:
    """One row per learner and lesson (in course order)."""
    rows = []
    for learner in learners:
        records = learner.progress.exercises
        for ref in course.map.lessons:
            lesson = course.lessons[ref.id]
            done = [records[e.id] for e in lesson.exercises if e.id in records]
            right, items = sum(r.score for r in done), sum(r.total for r in done)
            rows.append({"learner": learner.label, "lesson": ref.id, "right": right, "items": items,
                         "exercises_checked": len(done), "exercises": len(lesson.exercises),
                         "percent": 100 * right / items if items else None})
    columns = ["learner", "lesson", "right", "items", "exercises_checked", "exercises", "percent"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["percent"] = frame["percent"].astype(float)  # None -> NaN: a lesson not begun
    return frame


def score_table(course: Course, frame: pd.DataFrame) -> pd.DataFrame:
    """Learners as rows, lessons (course order) as columns, the percentage right (NaN: not begun)."""
    lessons = [ref.id for ref in course.map.lessons]
    learners = list(dict.fromkeys(frame["learner"]))
    table = frame.pivot(index="learner", columns="lesson", values="percent")
    return table.reindex(index=learners, columns=lessons)


def class_median(table: pd.DataFrame) -> pd.Series:
    """Per lesson, the median of the learners who began it (NaN when nobody did)."""
    return table.median(axis=0, skipna=True)


# --- per item ------------------------------------------------------------------------------------


@dataclass
class ItemStat:
    lesson: str
    notebook: str
    exercise: str
    item: int  # from 1
    paragraph: str  # where the item's evidence is (or its section's first paragraph)
    prompt: str
    order: int  # the item's place in the course
    right: int = 0
    partial: int = 0
    wrong: int = 0
    unanswered: int = 0
    misses: int = 0  # wrong checks over all attempts of all learners
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)
    self_credited: list[tuple[str, int]] = field(default_factory=list)
    should_be_accepted: list[tuple[str, int]] = field(default_factory=list)

    @property
    def checked(self) -> int:
        """Learners whose last check of the exercise holds this item."""
        return self.right + self.partial + self.wrong + self.unanswered

    @property
    def not_right(self) -> int:
        return self.partial + self.wrong

    @property
    def share_right(self) -> float | None:
        return self.right / self.checked if self.checked else None


def answer_text(answer: Any, control: str = "") -> str:
    """A stored answer as one line a teacher reads: text, chosen options, labels in order, cells."""
    if answer is None:
        return ""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list):
        parts = ["?" if part is None else answer_text(part) for part in answer]
        return "-".join(parts) if control == "order" else "; ".join(parts)
    if isinstance(answer, dict):
        if "text" in answer:  # an open task: the text written (the ticks are the learner's own)
            return answer_text(answer["text"])
        return "; ".join(f"{key}: {answer_text(value)}" for key, value in answer.items() if value)
    return json.dumps(answer, ensure_ascii=False)


def most_common(answers: list[str], limit: int = COMMON) -> list[tuple[str, int]]:
    """Answers grouped as the checkers compare them; each group shown in its most frequent
    spelling, most learners first (ties: the first given)."""
    groups: dict[str, Counter[str]] = {}
    for text in answers:
        key = compact(text) or text.strip()
        if key:
            groups.setdefault(key, Counter())[" ".join(text.split())] += 1
    ranked = sorted(groups.values(), key=lambda spellings: -sum(spellings.values()))
    return [(spellings.most_common(1)[0][0], sum(spellings.values())) for spellings in ranked[:limit]]


def _paragraph(lesson: Lesson, exercise: Any, item: Any) -> str:
    evidence = getattr(item, "evidence", None) or []
    if evidence:
        return str(evidence[0].paragraph)
    for section in lesson.sections:
        if exercise.id in section.exercises and (section.paragraphs or section.reread):
            return str((section.paragraphs or section.reread)[0])
    return lesson.paragraph_ids[0] if lesson.paragraph_ids else ""


def item_stats(course: Course, learners: list[Learner]) -> list[ItemStat]:
    """Every item of the course, in course order, with what the learners' files say of it."""
    stats: list[ItemStat] = []
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        for exercise in lesson.shown_exercises():
            control = kind_of(exercise).control
            for n, item in enumerate(exercise.items):
                stat = ItemStat(ref.id, ref.notebook, exercise.id, n + 1, _paragraph(lesson, exercise, item),
                                item_words(exercise, item), len(stats))
                wrong: list[str] = []
                claims: dict[str, list[str]] = {"self_credited": [], "should_be_accepted": []}
                for learner in learners:
                    record = learner.progress.exercises.get(exercise.id)
                    if record is None:
                        continue
                    stat.misses += record.missed_items.get(str(n + 1), 0)
                    if n < len(record.last_answers):
                        last = record.last_answers[n]
                        setattr(stat, last.result, getattr(stat, last.result) + 1)
                        if last.result in ("wrong", "partial"):
                            wrong.append(answer_text(last.answer, control))
                    for kind, answers in claims.items():  # each learner's claim counted once
                        answers.extend({c.answer.strip() for c in record.claims if c.item == n + 1 and c.kind == kind})
                stat.wrong_answers = most_common(wrong)
                stat.self_credited = most_common(claims["self_credited"], limit=10)
                stat.should_be_accepted = most_common(claims["should_be_accepted"], limit=10)
                stats.append(stat)
    return stats


def most_missed(stats: list[ItemStat], limit: int = 10) -> list[ItemStat]:
    """The items whose last answer was not right for the most learners; then the most wrong
    checks in all; then the lowest share right; then course order."""
    missed = [s for s in stats if s.not_right or s.misses]
    return sorted(missed, key=lambda s: (-s.not_right, -s.misses, s.share_right if s.share_right is not None else 1.0,
                                         s.order))[:limit]


# --- per exercise, for the charts ------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseShare:
    exercise: str
    right: int  # items right in the latest checks, over all learners
    items: int
    learners: int

    @property
    def percent(self) -> float | None:
        return 100 * self.right / self.items if self.items else None


def exercise_shares(course: Course, lesson_id: str, learners: list[Learner]) -> list[ExerciseShare]:
    """The lesson's exercises in page order, each with the share of items right."""
    lesson = course.lessons[lesson_id]
    shares = []
    for exercise in lesson.shown_exercises():
        records = [r for r in (learner.progress.exercises.get(exercise.id) for learner in learners) if r is not None]
        shares.append(ExerciseShare(exercise.id, sum(r.score for r in records), sum(r.total for r in records),
                                    len(records)))
    return shares
