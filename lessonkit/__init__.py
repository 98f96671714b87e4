"""lessonkit: build reading courses in Jupyter from data files.

Importing the package is cheap and has no side effects; the notebook API is loaded on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .views.session import LessonSession


def open_progress(*args: Any, **kwargs: Any) -> Any:
    """The learner's progress page: `page = open_progress()`."""
    from .views.page_session import open_progress as _open_progress

    return _open_progress(*args, **kwargs)


def open_trainer(*args: Any, **kwargs: Any) -> Any:
    """The vocabulary trainer: `trainer = open_trainer()`."""
    from .views.page_session import open_trainer as _open_trainer

    return _open_trainer(*args, **kwargs)


def open_lesson(lesson_id: str, *args: Any, **kwargs: Any) -> LessonSession:
    """Start a lesson in a notebook: `lesson = open_lesson("IOM-1")`, then `lesson.show(...)`."""
    from .views.session import open_lesson as _open_lesson

    return _open_lesson(lesson_id, *args, **kwargs)


def self_check(lesson_id: str) -> None:
    """In a solution notebook: print how many of the lesson's exercises accept their own keys."""
    from .publish.solutions import self_check as _self_check

    _self_check(lesson_id)
