"""What the solution notebooks run: every checker applied to its own key.

Loading the lesson already refuses a key its checker rejects (`cross_checks`), so the line
reads "N of N" or names data problems: it is the solution notebook's visible smoke test
(nbval compares it), that the notebook ran with this engine on this data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content.kinds import check, key_responses
from ..content.load import DataError, load_course


def self_check_line(lesson_id: str, data_dir: Path | None = None, course: Any = None) -> str:
    """One deterministic line: how many exercises of a lesson accept their own keys."""
    if course is None:
        try:
            course = load_course(data_dir, only=lesson_id)
        except DataError as error:
            return f"{lesson_id}: data problems, run python -m lessonkit check ({len(error.problems)} found)"
    exercises = course.lessons[lesson_id].exercises
    passing = sum(1 for e in exercises if check(e, key_responses(e)).complete)
    return f"{lesson_id}: {passing} of {len(exercises)} exercises accept their keys"


def self_check(lesson_id: str) -> None:
    print(self_check_line(lesson_id))
