"""The learner notebooks of a course, in one order, for every list that names them: the
README's course map, a release's README and the workshop launch links (`lessonkit links`).

The order is the order of the notebook files: the start page, the lessons in course order,
then the progress page and the vocabulary trainer.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Course, LessonRef


@dataclass(frozen=True)
class CoursePage:
    notebook: str  # the name in notebooks/, without .ipynb
    label: str  # "IOM-1: Migration and development activities", "My progress (export, import, reset)"
    lesson: LessonRef | None = None  # None for the start page, the progress page and the trainer
    about: str = ""  # what a page that is not a lesson covers, in the READMEs' tables
    minutes: int = 0  # and its self-study minutes there (a lesson's come from course.yml)

    @property
    def path(self) -> str:
        return f"notebooks/{self.notebook}.ipynb"


def course_page_list(course: Course) -> list[CoursePage]:
    pages = [CoursePage(course.map.start_page, "Start here", about="course overview", minutes=5)]
    pages += [CoursePage(ref.notebook, f"{ref.id}: {course.lesson_title(ref)}", ref) for ref in course.map.lessons]
    pages += [CoursePage(name, label, about="whole course", minutes=10)
              for name, label in ((course.map.progress_page, "My progress (export, import, reset)"),
                                  (course.map.trainer, "Vocabulary review (Leitner trainer)")) if name]
    return pages
