"""What a notebook cell calls: open a lesson, show an exercise by id, show the score.

A cell never contains an exercise; it names one (`lesson.show("IOM1-03")`). When the data
cannot be loaded, the learner sees a short message instead of a traceback.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.key_words import key_words_frame
from ..marking.answers import ExerciseResult
from . import feedback, prediction, quiz
from .exercise_widget import ExerciseWidget
from .feedback import Line
from .i18n import Language
from .language import InterfaceLanguage
from .page_widgets import LanguageBar, StatusLine, TimelineView
from .wording import count_phrase, describe_age, notice_text

if TYPE_CHECKING:
    from ..content.model import Course
    from ..learner.progress import ProgressStore


STRICT_ENV = "LESSONKIT_STRICT"


class ShownViews(tuple):  # type: ignore[type-arg]
    """The views of one cell that shows several exercises, drawn one under another.

    Exercises that follow each other with no text between them share a cell: each cell
    costs the learner a run, and JupyterLab about 10 ms when the lesson runs.
    """

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(*self)


class LessonSession:
    """One learner's pass through one lesson in one kernel.

    The session owns the notebook's one `InterfaceLanguage`: the language bar writes it,
    every view follows it, and the session saves each change in the progress file.
    """

    def __init__(self, course: Course | None, lesson_id: str, lang: Language = "en", problems: list[str] | None = None,
                 store: ProgressStore | None = None) -> None:
        self.course = course
        self.lesson_id = lesson_id
        self.language = InterfaceLanguage(lang)
        self.problems = problems or []
        self.store = store  # None: nothing is saved (tests, or a course opened read-only)
        self.views: dict[str, ExerciseWidget] = {}
        self.results: dict[str, ExerciseResult] = {}
        self._lines: list[StatusLine] = []  # live lines that change with every check
        self.quiz_marks: list[Any] = []  # quiz mode: the exercises as the last Finish marked them (`views.quiz`)
        self.prediction: Any = None  # without a store: the prediction saved in this session (`views.prediction`)
        self.language.follow(self._remember_language)

    @property
    def lang(self) -> Language:
        return self.language.code

    def set_language(self, lang: Language) -> None:
        """Switch every view of this notebook to `lang` (what the language bar does)."""
        self.language.code = lang

    def _remember_language(self, lang: Language) -> None:
        if self.store is not None and self.store.read().language != lang:
            self.store.set_language(lang)

    @property
    def quiz(self) -> bool:
        """Quiz mode (course.yml `mode: quiz`): answers are saved unmarked until Finish (`views.quiz`)."""
        return self.course is not None and self.course.map.mode == "quiz"

    def refresh_lines(self) -> None:
        for line in self._lines:
            line.refresh()

    @property
    def lesson(self) -> Any:
        if self.course is None:
            return None
        return self.course.lessons.get(self.lesson_id)

    def _problem(self, detail: str) -> StatusLine:
        if os.environ.get(STRICT_ENV):
            # Test runs (nbval) set it: a learner sees a message, a test must see a failure.
            raise LookupError(f"{detail} ({STRICT_ENV} is set)")
        return StatusLine(self.language, lambda lang: [[feedback.ui("data_problem", lang, "strong", detail=detail)]],
                          css_class="lk-notice")

    def show(self, *exercise_ids: str) -> Any:
        """The widget of one exercise of this lesson; with several ids, their widgets in order."""
        if len(exercise_ids) != 1:
            if not exercise_ids:
                return self._problem("show() needs an exercise id, for example lesson.show(\"IOM1-01\")")
            return ShownViews(self._show(exercise_id) for exercise_id in exercise_ids)
        return self._show(exercise_ids[0])

    def _show(self, exercise_id: str) -> Any:
        if self.lesson is None:
            return self._problem("; ".join(self.problems[:3]) or f"lesson {self.lesson_id} is not in the course")
        try:
            exercise = self.lesson.exercise(exercise_id)
        except KeyError:
            return self._problem(f"no exercise {exercise_id} in {self.lesson_id}")
        last_time = (lambda lang: self.last_time_line(exercise_id, lang)) if self.store is not None else None
        number = self.lesson.number(exercise_id) if exercise_id in self.lesson.page_order else None
        quiz_mode: dict[str, Any] = {}
        if self.quiz:
            saved = quiz.saved_answers(self).get(exercise_id)
            quiz_mode = {"on_save": lambda responses: quiz.save_answer(self, exercise_id, responses),
                         "saved": list(saved.responses) if saved is not None else None,
                         "saved_line": lambda lang: quiz.saved_line(self, exercise_id, lang)}
        view = ExerciseWidget(exercise, self.language, on_check=self._record, last_time=last_time,
                              on_claim=self._record_claim, number=number, **quiz_mode)
        replaced = self.views.get(exercise_id)
        if replaced is not None:
            replaced.close()  # the cell was run again: the old view stops following the language
        self.views[exercise_id] = view
        return view

    def _record(self, result: ExerciseResult, responses: list[Any] | None = None) -> None:
        from ..learner.progress_updates import item_answers  # with the store: loaded when the lesson opens

        self.results[result.exercise_id] = result
        if self.store is not None:
            wrong = [n + 1 for n, item in enumerate(result.items) if item.status == "wrong"]
            answers = item_answers(result, responses) if responses is not None else None
            self.store.record_check(result.exercise_id, self.lesson_id, result.score, result.total, wrong, answers)
        self.refresh_lines()

    def _record_claim(self, exercise_id: str, item: int, answer: str, kind: str) -> None:
        if self.store is not None:
            self.store.record_claim(exercise_id, self.lesson_id, item, answer, kind)
        self.refresh_lines()

    # --- saved progress ----------------------------------------------------------------------

    def last_time_line(self, exercise_id: str, lang: Language) -> Line:
        """"Last time: 3 of 4, yesterday." for an exercise checked in an earlier session."""
        if self.store is None:
            return []
        record = self.store.last_time(exercise_id)
        if record is None:
            return []
        age = describe_age(record.last_checked, self.store.clock(), lang)
        return [feedback.ui("last_time", lang, "em", score=record.score, total=record.total, age=age)]

    def notice_lines(self, lang: Language) -> list[Line]:
        return notice_lines(self.store, lang) if self.store is not None else []

    def due_words_lines(self, lang: Language) -> list[Line]:
        """How many of this lesson's key words are new or due in the trainer."""
        if self.store is None or self.lesson is None or self.course is None or not self.course.map.trainer:
            return []
        from ..learner.leitner import new_and_due

        terms = [e.term for e in self.course.glossary_entries(self.lesson.shown_paragraph_ids)]
        new, due = new_and_due(terms, self.store.read().words, self.store.clock())
        return [[feedback.ui("words_due", lang, new=count_phrase(len(new), "new_words", lang), due=len(due))]]

    def toolbar(self) -> LanguageBar:
        """The top of a lesson: language switch, any message about saved progress, words due, and in
        quiz mode the line that says so."""
        bar = LanguageBar(self.language, lambda lang: quiz.mode_lines(self, lang) + self.notice_lines(lang) + self.due_words_lines(lang))
        self._lines.append(bar)
        return bar

    def language_bar(self) -> LanguageBar:
        """The English / Russian switch alone."""
        return LanguageBar(self.language)

    def score_lines(self, lang: Language) -> list[Line]:
        exercises = self.lesson.exercises if self.lesson is not None else []
        total = sum(len(e.items) for e in exercises)
        score = sum(r.score for r in self.results.values()) + sum(v.self_credited() for v in self.views.values())
        return [[feedback.ui("notebook_score", lang, "strong", score=score, total=total, done=len(self.results),
                             count=len(exercises))]]

    def score(self) -> StatusLine:
        """A live line with the notebook's score; it updates on every Check."""
        line = StatusLine(self.language, self.score_lines, css_class="lk-notebook-score")
        self._lines.append(line)
        return line

    def predict(self) -> StatusLine:
        """The answer box under the lesson's prediction question (`views.prediction`)."""
        return prediction.predict(self)

    def look_back(self) -> StatusLine:
        """"Check your prediction" near the end: the saved prediction with the lesson's check question."""
        return prediction.look_back(self)

    def finish(self) -> StatusLine:
        """Quiz mode's Finish button (the last cell of a quiz-mode lesson): marks every exercise at once."""
        if not self.quiz or self.lesson is None:
            return self._problem("Finish belongs to a lesson in quiz mode (course.yml `mode: quiz`)")
        view = quiz.FinishView(self.language, lambda lang: quiz.finish_lines(self, lang), lambda: quiz.finish(self))
        self._lines.append(view)
        return view

    def key_words(self) -> Any:
        """The lesson's key words as a table: term, contextual Russian, where it occurs."""
        if self.lesson is None or self.course is None:
            return self._problem("; ".join(self.problems[:3]) or "the lesson is not available")
        return key_words_frame(self.course, self.lesson).set_index("term")

    def timeline_image(self) -> tuple[str, str]:
        """The dated events read by the end of this lesson as a chart: a PNG data URI and
        its text alternative."""
        from ..content.course_order import timeline_events
        from .charts import figure_data_uri, timeline_figure

        if self.course is None or self.course.timeline is None:
            raise ValueError("the course has no timeline to draw")
        events = timeline_events(self.course, self.lesson_id)
        figure = timeline_figure(events, lang=self.lang)
        alt = "Timeline: " + "; ".join(f"{e.when}, {e.place}: {e.event}" for e in sorted(events, key=lambda e: e.start))
        return figure_data_uri(figure), alt

    def timeline(self) -> Any:
        """A button that draws the timeline chart.

        Drawing takes most of a second (matplotlib); on demand, the lesson is ready at
        once and the chart costs only the learners who open it.
        """
        from ..content.course_order import timeline_events

        if self.course is None or self.course.timeline is None:
            return self._problem("the course has no timeline (data/course.yml: timeline)")
        if not timeline_events(self.course, self.lesson_id):
            return self._problem(f"no dated event of the timeline has been read by the end of {self.lesson_id}")
        return TimelineView(self.language, self.timeline_image)


def notice_lines(store: ProgressStore, lang: Language) -> list[Line]:
    """The progress store's notice in the learner's words, if it has one (a file set aside,
    saving failed: then the notice names the copy that keeps this session's work)."""
    message = notice_text(store.notice, lang)
    return [[feedback.ui("notice", lang, "strong"), feedback.content(message, lang=lang)]] if message else []


def open_lesson(lesson_id: str, lang: Language | None = None, data_dir: Path | str | None = None) -> LessonSession:
    """Load the course and start a session for one lesson; never raises on bad data.

    The learner's progress file is opened too: earlier results are shown, new checks are
    saved, and the interface language is the one the learner chose last time.
    """
    from ..content.lesson_cache import load_lesson_course  # the course: loaded when a lesson opens
    from ..content.problems import DataError
    from ..learner.progress import ProgressStore

    store = ProgressStore()
    lang = lang or store.read().language
    try:
        course = load_lesson_course(Path(data_dir) if data_dir else None, lesson_id)
    except DataError as error:
        return LessonSession(None, lesson_id, lang, [str(p) for p in error.problems], store)
    if lesson_id not in course.lessons:
        return LessonSession(course, lesson_id, lang, [f"lesson {escape(lesson_id)} is not in data/course.yml"], store)
    return LessonSession(course, lesson_id, lang, store=store)
