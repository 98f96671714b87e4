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
from .i18n import Language, say
from .widgets import ExerciseView, view_for

if TYPE_CHECKING:
    from .model import Course
    from .progress import ProgressStore


class LessonSession:
    """One learner's pass through one lesson in one kernel."""

    def __init__(self, course: "Course | None", lesson_id: str, lang: Language = "en", problems: list[str] | None = None,
                 store: "ProgressStore | None" = None) -> None:
        self.course = course
        self.lesson_id = lesson_id
        self.lang: Language = lang
        self.problems = problems or []
        self.store = store  # None: nothing is saved (tests, or a course opened read-only)
        self._notices: list[w.HTML] = []
        self._due_boxes: list[w.HTML] = []
        self._last_time: dict[str, w.HTML] = {}
        self._timeline_buttons: list[w.Button] = []
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
        if self.store is not None:
            last = w.HTML(self._last_time_html(exercise_id))
            self._last_time[exercise_id] = last
            view.widget.children = (view.widget.children[0], last, *view.widget.children[1:])
        return view.widget

    def _record(self, result: ExerciseResult) -> None:
        self.results[result.exercise_id] = result
        for box in self._score_boxes:
            box.value = self.score_html()
        if self.store is not None:
            wrong = [n + 1 for n, item in enumerate(result.items) if item.status == "wrong"]
            self.store.record_check(result.exercise_id, self.lesson_id, result.score, result.total, wrong)
            self._refresh_notices()

    # --- saved progress ----------------------------------------------------------------------

    def _last_time_html(self, exercise_id: str) -> str:
        from .progress import describe_age

        record = self.store.last_time(exercise_id) if self.store is not None else None
        if record is None:
            return ""
        age = describe_age(record.last_checked, self.store.clock(), self.lang)
        return f"<p><em>{feedback.text('last_time', self.lang, score=record.score, total=record.total, age=age)}</em></p>"

    def _notice_html(self) -> str:
        return notice_html(self.store, self.lang) if self.store is not None else ""

    def _refresh_notices(self) -> None:
        for box in self._notices:
            box.value = self._notice_html()

    def due_words_html(self) -> str:
        """How many of this lesson's key words are due in the trainer, with a link to it."""
        if self.store is None or self.lesson is None or self.course is None or not self.course.map.trainer:
            return ""
        from .leitner import due_terms

        terms = [e.term for e in self.course.glossary_entries(self.lesson.shown_paragraph_ids)]
        due = due_terms(terms, self.store.read().words, self.store.clock())
        link = f'<a href="{self.course.map.trainer}.ipynb">{feedback.text("open_trainer", self.lang)}</a>'
        return f"<p>{feedback.text('words_due', self.lang, due=len(due), count=len(terms))} {link}</p>"

    def toolbar(self) -> w.VBox:
        """The top of a lesson: language switch, any message about saved progress, words due."""
        notice = w.HTML(self._notice_html())
        due = w.HTML(self.due_words_html())
        self._notices.append(notice)
        self._due_boxes.append(due)
        return w.VBox([self.language(), notice, due])

    def language(self) -> w.ToggleButtons:
        """The English / Russian switch for every exercise and message of this notebook."""
        switch = language_switch(self.lang, self.set_language)
        self._switches.append(switch)
        return switch

    def set_language(self, lang: Language) -> None:
        """Switch every exercise, score line and switch of this notebook to `lang`."""
        self.lang = lang
        for view in self.views.values():
            view.set_language(lang)
        for box in self._score_boxes:
            box.value = self.score_html()
        for button in self._timeline_buttons:
            button.description = say("show_timeline", lang)
        for exercise_id, box in self._last_time.items():
            box.value = self._last_time_html(exercise_id)
        for box in self._due_boxes:
            box.value = self.due_words_html()
        self._refresh_notices()
        if self.store is not None and self.store.read().language != lang:
            self.store.set_language(lang)
        for switch in self._switches:
            switch.description = say("language", lang)
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
        if self.lesson is None or self.course is None:
            return self._problem("; ".join(self.problems[:3]) or "the lesson is not available")
        return key_words_frame(self.course, self.lesson).set_index("term")


    def timeline_html(self) -> str:
        """The course's dated events as a chart: an <img> with a text alternative."""
        from .charts import figure_html, timeline_figure

        events = self.course.timeline.events
        text_of = {p.id: text.id for text in self.course.texts.values() for p in text.paragraphs}
        titles = {text.id: text.title for text in self.course.texts.values()}
        figure = timeline_figure(events, text_of, titles)
        alt = "Timeline: " + "; ".join(f"{e.when}, {e.place}: {e.event}" for e in sorted(events, key=lambda e: e.start))
        return figure_html(figure, alt)

    def timeline(self) -> w.Widget:
        """A button that draws the timeline chart.

        Drawing takes most of a second (matplotlib); on demand, the lesson is ready at
        once and the chart costs only the learners who open it.
        """
        if self.course is None or self.course.timeline is None:
            return self._problem("the course has no timeline (data/course.yml: timeline)")
        button = w.Button(description=say("show_timeline", self.lang), icon="line-chart")
        chart = w.HTML()

        def draw(_button: Any) -> None:
            chart.value = self.timeline_html()
            button.disabled = True

        button.on_click(draw)
        self._timeline_buttons.append(button)
        return w.VBox([button, chart])


def key_words_frame(course: "Course", lesson: Any) -> Any:
    """A lesson's glossary words as a pandas DataFrame: term, contextual Russian, handout, paragraph.

    The build prints it into the lesson as a static table (readable before anything runs);
    `lesson.key_words()` returns it live for instructors who want to sort or filter.
    """
    import pandas as pd  # imported here: pandas is only needed for this table

    entries = course.glossary_entries(lesson.shown_paragraph_ids)
    return pd.DataFrame(
        [{"term": e.term, "in this text (Russian)": e.contextual, "handout gave": e.handout or "", "paragraph": e.paragraph}
         for e in entries],
        columns=["term", "in this text (Russian)", "handout gave", "paragraph"],
    )


def notice_html(store: "ProgressStore", lang: Language) -> str:
    """The progress store's message for the learner, if it has one, as a status line."""
    message = store.notice_in(lang)
    attribute = ' lang="ru"' if lang == "ru" else ""
    return f'<div class="lessonkit-notice" role="status"{attribute}>⚠ {escape(message)}</div>' if message else ""


def language_switch(lang: Language, on_change: Any) -> w.ToggleButtons:
    """English / Русский toggle; `on_change(lang)` runs when the learner switches."""
    switch = w.ToggleButtons(options=[("English", "en"), ("Русский", "ru")], value=lang,
                             description=say("language", lang),
                             tooltips=["Interface in English", "Интерфейс на русском языке"],
                             style={"description_width": "initial"})
    switch.observe(lambda change: on_change(change["new"]), names="value")
    return switch


class PageSession:
    """The progress page or the trainer in a notebook: a view plus the language switch."""

    def __init__(self, view: Any, store: "ProgressStore") -> None:
        self.view = view
        self.store = store
        self.notice = w.HTML()
        self._switch: w.ToggleButtons | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.view, name)

    def toolbar(self) -> w.VBox:
        self._switch = language_switch(self.view.lang, self.set_language)
        self._refresh_notice()
        return w.VBox([self._switch, self.notice])

    def _refresh_notice(self) -> None:
        self.notice.value = notice_html(self.store, self.view.lang)

    def set_language(self, lang: Language) -> None:
        self.view.set_language(lang)
        if self._switch is not None:
            self._switch.description = say("language", lang)
        if self.store.read().language != lang:
            self.store.set_language(lang)
        self._refresh_notice()


def _course_and_store(data_dir: Path | str | None) -> tuple[Any, Any]:
    from .load import load_course
    from .progress import ProgressStore

    return load_course(Path(data_dir) if data_dir else None), ProgressStore()


def open_progress(data_dir: Path | str | None = None) -> Any:
    """The progress page: table, chart, most missed, export / import / reset."""
    from .progress_page import ProgressPage

    course, store = _course_and_store(data_dir)
    return PageSession(ProgressPage(course, store, store.read().language), store)


def open_trainer(data_dir: Path | str | None = None) -> Any:
    """The vocabulary trainer over the whole glossary."""
    from .trainer import VocabularyTrainer

    course, store = _course_and_store(data_dir)
    return PageSession(VocabularyTrainer(course, store, store.read().language), store)


def open_lesson(lesson_id: str, lang: Language | None = None, data_dir: Path | str | None = None) -> LessonSession:
    """Load the course and start a session for one lesson; never raises on bad data.

    The learner's progress file is opened too: earlier results are shown, new checks are
    saved, and the interface language is the one the learner chose last time.
    """
    from .load import DataError, load_course  # validation machinery: loaded when a lesson opens
    from .progress import ProgressStore

    store = ProgressStore()
    lang = lang or store.read().language
    try:
        course = load_course(Path(data_dir) if data_dir else None, only=lesson_id)
    except DataError as error:
        return LessonSession(None, lesson_id, lang, [str(p) for p in error.problems], store)
    if lesson_id not in course.lessons:
        return LessonSession(course, lesson_id, lang, [f"lesson {escape(lesson_id)} is not in data/course.yml"], store)
    return LessonSession(course, lesson_id, lang, store=store)
