"""What a notebook cell calls: open a lesson, show an exercise by id, show the score.

A cell never contains an exercise; it names one (`lesson.show("IOM1-03")`). When the data
cannot be loaded, the learner sees a short message instead of a traceback.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from . import feedback
from .answers import ExerciseResult
from .i18n import Language
from .widgets import ExerciseView, view_for

if TYPE_CHECKING:
    from .model import Course


class LessonSession:
    """One learner's pass through one lesson in one kernel."""

    def __init__(self, course: "Course | None", lesson_id: str, lang: Language = "en", problems: list[str] | None = None) -> None:
        self.course = course
        self.lesson_id = lesson_id
        self.lang: Language = lang
        self.problems = problems or []
        self.views: dict[str, ExerciseView] = {}
        self.results: dict[str, ExerciseResult] = {}
        self._score_boxes: list[w.HTML] = []
        self._switches: list[w.ToggleButtons] = []

    @property
    def lesson(self) -> Any:
        if self.course is None:
            return None
        return self.course.lessons.get(self.lesson_id)

    def _problem(self, detail: str) -> w.HTML:
        return w.HTML(f'<div class="lessonkit-problem">⚠ {feedback.text("data_problem", self.lang, detail=detail)}</div>')

    def show(self, exercise_id: str) -> w.Widget:
        """The widget of one exercise of this lesson."""
        if self.lesson is None:
            return self._problem("; ".join(self.problems[:3]) or f"lesson {self.lesson_id} is not in the course")
        try:
            exercise = self.lesson.exercise(exercise_id)
        except KeyError:
            return self._problem(f"no exercise {exercise_id} in {self.lesson_id}")
        view = view_for(exercise, lang=self.lang, on_check=self._record)
        self.views[exercise_id] = view
        return view.widget

    def _record(self, result: ExerciseResult) -> None:
        self.results[result.exercise_id] = result
        for box in self._score_boxes:
            box.value = self.score_html()

    def language(self) -> w.ToggleButtons:
        """The English / Russian switch for every exercise and message of this notebook."""
        switch = w.ToggleButtons(options=[("English", "en"), ("Русский", "ru")], value=self.lang,
                                 description=feedback.say_plain("language", self.lang),
                                 tooltips=["Interface in English", "Интерфейс на русском языке"])
        switch.observe(lambda change: self.set_language(change["new"]), names="value")
        self._switches.append(switch)
        return switch

    def set_language(self, lang: Language) -> None:
        """Switch every exercise, score line and switch of this notebook to `lang`."""
        self.lang = lang
        for view in self.views.values():
            view.set_language(lang)
        for box in self._score_boxes:
            box.value = self.score_html()
        for switch in self._switches:
            switch.description = feedback.say_plain("language", lang)
            if switch.value != lang:
                switch.value = lang

    def score_html(self) -> str:
        exercises = self.lesson.exercises if self.lesson is not None else []
        total = sum(len(e.items) for e in exercises)
        score = sum(r.score for r in self.results.values())
        return "<p><strong>" + feedback.text(
            "notebook_score", self.lang, score=score, total=total, done=len(self.results), count=len(exercises)
        ) + "</strong></p>"

    def score(self) -> w.HTML:
        """A live line with the notebook's score; it updates on every Check."""
        box = w.HTML(self.score_html())
        self._score_boxes.append(box)
        return box

    def key_words(self) -> Any:
        """The lesson's key words as a table: term, contextual Russian, where it occurs."""
        import pandas as pd  # imported here: only the pre-reading cell needs it

        if self.lesson is None or self.course is None:
            return self._problem("; ".join(self.problems[:3]) or "the lesson is not available")
        entries = self.course.glossary_entries(self.lesson.shown_paragraph_ids)
        frame = pd.DataFrame(
            [
                {"term": e.term, "in this text (Russian)": e.contextual, "handout gave": e.handout or "", "paragraph": e.paragraph}
                for e in entries
            ],
            columns=["term", "in this text (Russian)", "handout gave", "paragraph"],
        )
        return frame.set_index("term")


    def timeline(self) -> Any:
        """The course's dated events as a chart (matplotlib figure)."""
        if self.course is None or self.course.timeline is None:
            return self._problem("the course has no timeline (data/course.yml: timeline)")
        from IPython.display import HTML

        from .charts import figure_html, timeline_figure

        events = self.course.timeline.events
        text_of = {p.id: text.id for text in self.course.texts.values() for p in text.paragraphs}
        titles = {text.id: text.title for text in self.course.texts.values()}
        figure = timeline_figure(events, text_of, titles)
        alt = "Timeline: " + "; ".join(f"{e.when}, {e.place}: {e.event}" for e in sorted(events, key=lambda e: e.start))
        return HTML(figure_html(figure, alt))


def open_lesson(lesson_id: str, lang: Language = "en", data_dir: Path | str | None = None) -> LessonSession:
    """Load the course and start a session for one lesson; never raises on bad data."""
    from .load import DataError, load_course  # validation machinery: loaded when a lesson opens

    try:
        course = load_course(Path(data_dir) if data_dir else None)
    except DataError as error:
        return LessonSession(None, lesson_id, lang, [str(p) for p in error.problems])
    if lesson_id not in course.lessons:
        return LessonSession(course, lesson_id, lang, [f"lesson {escape(lesson_id)} is not in data/course.yml"])
    return LessonSession(course, lesson_id, lang)
