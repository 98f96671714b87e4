"""lessonkit: build reading courses in Jupyter from data files.

Importing the package is cheap and has no side effects; the notebook API is loaded on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .notebook import LessonSession


def open_lesson(lesson_id: str, *args: Any, **kwargs: Any) -> "LessonSession":
    """Start a lesson in a notebook: `lesson = open_lesson("IOM-1")`, then `lesson.show(...)`."""
    from .notebook import open_lesson as _open_lesson

    return _open_lesson(lesson_id, *args, **kwargs)
