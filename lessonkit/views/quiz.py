"""Quiz mode: answers are saved unmarked, then one Finish marks the whole lesson.

A course whose course.yml says `mode: quiz` (what `lessonkit release --quiz` writes) shows each
exercise with Save answer instead of Check, and no Hint or Show answer. Every saved answer goes
to the progress file at once (`SavedAnswer`), so a restarted kernel draws it again. The lesson's
last cell, `lesson.finish()`, is the Finish button: it marks every exercise of the lesson at
once (the answers on the screen, or those saved for an exercise whose cell has not run), shows
each exercise's feedback with the evidence, and stores the lesson as one `QuizAttempt` in one save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..content.kinds import check
from . import feedback
from .feedback import Line
from .i18n import Language
from .item_specs import checker_inputs, item_spec, restored_responses
from .language import InterfaceLanguage
from .page_widgets import StatusLine
from .wording import describe_age

if TYPE_CHECKING:
    from ..learner.progress_model import SavedAnswer
    from ..learner.progress_updates import QuizMark
    from .session import LessonSession


class FinishView(StatusLine):
    """The Finish button of a quiz-mode lesson, with what is saved before and the result after."""

    LABELS = {"legend": "finish"}

    def __init__(self, language: InterfaceLanguage, lines_in: Callable[[Language], list[Line]], on_finish: Callable[[], Any]) -> None:
        super().__init__(language, lines_in, css_class="lk-finish", view="finish")
        self.on_finish = on_finish
        self.on_msg(self._on_message)

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "finish":
            self.press()

    def press(self) -> None:
        """What the Finish button does (`quiz.finish` redraws this view with the session's lines)."""
        self.on_finish()


def saved_answers(session: LessonSession) -> dict[str, SavedAnswer]:
    """The answers saved in this lesson and not yet replaced, by exercise id."""
    if session.store is None:
        return {}
    return {eid: saved for eid, saved in session.store.read().quiz_answers.items() if saved.lesson == session.lesson_id}


def saved_line(session: LessonSession, exercise_id: str, lang: Language) -> Line:
    """"Answer saved 2 days ago, not marked yet: …", or "… and marked at your last Finish" when the
    last Finish marked it ([] when nothing is saved)."""
    if session.store is None:
        return []
    saved = saved_answers(session).get(exercise_id)
    if saved is None:
        return []
    age = describe_age(saved.saved, session.store.clock(), lang)
    return [feedback.ui("quiz_saved_marked" if saved.marked else "quiz_saved", lang, "em", age=age)]


def save_answer(session: LessonSession, exercise_id: str, responses: list[Any]) -> None:
    """Save answer: the responses into the progress file, unmarked."""
    from ..learner.progress_updates import save_quiz_answer

    store = session.store
    if store is not None:
        now = store.clock()
        store.update(lambda progress: save_quiz_answer(progress, exercise_id, session.lesson_id, responses, now))
    session.refresh_lines()


def finish(session: LessonSession) -> list[QuizMark]:
    """Finish: mark every exercise of the lesson, show the feedback, store one quiz attempt."""
    # The progress records are pydantic classes: loaded with the lesson's store, not at import.
    from ..learner.progress_updates import QuizMark, item_answers, record_quiz

    lesson = session.lesson
    if lesson is None:
        return []
    saved = saved_answers(session)
    marks = []
    for exercise_id in lesson.page_order:
        exercise = lesson.exercise(exercise_id)
        view = session.views.get(exercise_id)
        if view is not None:
            result = view.mark()
            responses, given = list(view.responses), view.checker_responses()
        else:  # its cell has not run in this kernel: the answer saved for it, if any
            specs = [item_spec(exercise, n, session.lang) for n in range(len(exercise.items))]
            responses = restored_responses(specs, saved[exercise_id].responses if exercise_id in saved else None)
            given = checker_inputs(specs, responses)
            result = check(exercise, given)
        session.results[exercise_id] = result
        wrong = [n + 1 for n, item in enumerate(result.items) if item.status == "wrong"]
        marks.append(QuizMark(exercise_id, result.score, result.total, wrong, item_answers(result, given), responses))
    if session.store is not None:
        now = session.store.clock()
        session.store.update(lambda progress: record_quiz(progress, session.lesson_id, marks, now))
    session.quiz_marks = marks
    session.refresh_lines()
    return marks


def finish_lines(session: LessonSession, lang: Language) -> list[Line]:
    """Under the Finish button: how many exercises have a saved answer and the last attempt;
    after Finish, the result and where it is stored."""
    lesson = session.lesson
    count = len(lesson.page_order) if lesson is not None else 0
    attempts = [a for a in session.store.read().quiz_attempts if a.lesson == session.lesson_id] if session.store is not None else []
    marks = session.quiz_marks
    if marks:
        lines = [[feedback.ui("quiz_result", lang, "strong", score=sum(m.score for m in marks), total=sum(m.total for m in marks),
                              answered=sum(1 for m in marks if m.answered), count=count)]]
        if attempts:
            lines.append([feedback.ui("quiz_stored", lang, n=len(attempts))])
        return lines
    saved = set(saved_answers(session)) | {eid for eid, view in session.views.items() if view.saved}
    lines = [[feedback.ui("quiz_progress", lang, saved=len(saved), count=count)]]
    if attempts and session.store is not None:
        last = attempts[-1]
        age = describe_age(last.finished, session.store.clock(), lang)
        lines.append([feedback.ui("quiz_last", lang, "em", score=last.score, total=last.total, age=age)])
    return lines


def mode_lines(session: LessonSession, lang: Language) -> list[Line]:
    """The line under the toolbar that says the notebook is a quiz ([] in practice mode)."""
    return [[feedback.ui("quiz_mode", lang, "strong")]] if session.quiz else []
