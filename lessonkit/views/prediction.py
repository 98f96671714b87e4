"""A lesson's prediction: the answer box under the prediction question and the look back.

`lesson.predict()` (right after the prediction) draws a box where the learner types what
they expect the text to say, and a Save button; the text goes to the progress file
(`Progress.predictions`) and nothing marks it. `lesson.look_back()` (near the end of the
lesson) shows the saved prediction again with the lesson's `prediction_check` question, so
the learner compares it with what they read. Both follow the notebook's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import traitlets

from . import feedback
from .feedback import Line
from .i18n import Language
from .language import InterfaceLanguage
from .page_widgets import StatusLine
from .wording import describe_age

if TYPE_CHECKING:
    from ..learner.progress_model import Prediction
    from .session import LessonSession


class PredictionBox(StatusLine):
    """A labelled text box with a Save button, and a line saying when it was saved."""

    LABELS = {"legend": "prediction_label", "button": "prediction_save"}

    value = traitlets.Unicode("").tag(sync=True)  # the saved text, drawn in the box
    button = traitlets.Unicode("").tag(sync=True)

    def __init__(self, language: InterfaceLanguage, lines_in: Callable[[Language], list[Line]],
                 on_save: Callable[[str], Any], saved_text: Callable[[], str]) -> None:
        super().__init__(language, lines_in, css_class="lk-predict", view="predict", value=saved_text())
        self.on_save = on_save
        self.saved_text = saved_text
        self.on_msg(self._on_message)

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "save":
            self.press(str(content.get("text", "")))

    def press(self, text: str) -> None:
        """What Save does: keep the text typed in the box (`save` redraws this view with the session's lines)."""
        self.on_save(text)

    def redraw_content(self) -> None:
        self.value = self.saved_text()
        super().redraw_content()


def saved_prediction(session: LessonSession) -> Prediction | None:
    """The learner's saved prediction for this lesson, if any."""
    if session.store is None:
        return session.prediction
    return session.store.read().predictions.get(session.lesson_id)


def save(session: LessonSession, text: str) -> None:
    """Keep the learner's prediction (in the progress file when there is one)."""
    from ..learner.progress_updates import save_prediction  # with the store: loaded when the lesson opens

    if session.store is not None:
        store = session.store
        store.update(lambda progress: save_prediction(progress, session.lesson_id, text, store.clock()))
    else:  # no progress file (tests, a read-only course): kept for this session only
        from ..learner.progress_model import Progress
        from ..learner.utc import utc_now

        session.prediction = save_prediction(Progress(), session.lesson_id, text, utc_now()).predictions.get(session.lesson_id)
    session.refresh_lines()


def box_lines(session: LessonSession, lang: Language) -> list[Line]:
    saved = saved_prediction(session)
    if saved is None:
        return [[feedback.ui("prediction_unsaved", lang, "em")]]
    clock = session.store.clock() if session.store is not None else saved.saved
    return [[feedback.ui("prediction_saved", lang, "em", age=describe_age(saved.saved, clock, lang))]]


def look_back_lines(session: LessonSession, lang: Language) -> list[Line]:
    """The saved prediction (or that there is none) and the lesson's question to check it by."""
    saved = saved_prediction(session)
    if saved is None:
        lines = [[feedback.ui("prediction_none", lang, "em")]]
    else:
        lines = [[feedback.ui("prediction_yours", lang, "label"), feedback.content(saved.text, "quote", lang="")]]
    lesson = session.lesson
    if lesson is not None and lesson.prediction_check:
        russian = lang == "ru" and lesson.prediction_check_ru
        question = lesson.prediction_check_ru if russian else lesson.prediction_check
        lines.append([feedback.ui("prediction_check", lang, "label"), feedback.content(question, lang="ru" if russian else "en")])
    return lines


def predict(session: LessonSession) -> PredictionBox:
    """The answer box under the lesson's prediction question."""
    def saved_text() -> str:
        saved = saved_prediction(session)
        return saved.text if saved is not None else ""

    box = PredictionBox(session.language, lambda lang: box_lines(session, lang), lambda text: save(session, text), saved_text)
    session._lines.append(box)
    return box


def look_back(session: LessonSession) -> StatusLine:
    """"Check your prediction": the saved prediction with the lesson's check question; it
    changes when the learner saves a new prediction."""
    line = StatusLine(session.language, lambda lang: look_back_lines(session, lang), css_class="lk-look-back")
    session._lines.append(line)
    return line
