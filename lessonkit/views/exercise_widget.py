"""One exercise as one widget: an anywidget view over the pure checkers in `answers`.

The browser draws the exercise from `spec` (its items' part made by `item_specs`) with
native HTML controls (radio groups, check boxes, selects, text boxes) and sends the learner's responses with every button
press; Python checks them and writes `feedback`, `hint`, `score` and `last_time` as lines
of plain-text segments. One model per exercise keeps the page light, and the same
methods the buttons call (`press("check")`) drive the widget in headless tests.

In quiz mode (`on_save` given: course.yml `mode: quiz`) the buttons are Save answer and Try
again: Save answer hands the responses to `on_save` and marks nothing; the lesson's Finish
(`views.quiz`) calls `mark()` on every exercise at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import traitlets

from ..content.kinds import check, kind_of
from ..marking.answers import ExerciseResult
from . import feedback
from .course_widget import CourseWidget
from .feedback import Line
from .i18n import Language, say
from .item_specs import checker_input, checker_inputs, empty_response, item_spec, restored_responses
from .language import FollowsLanguage, InterfaceLanguage

ACTIONS = ("check", "hint", "answer", "retry", "save", "self_credit", "report")
# Where the checker may be wrong about a right answer (many ways to say one meaning), the
# learner can count it as right on their own word, and report it for the course's authors:
# the kinds whose definition is `claimable`.
CLAIM_KINDS = {"self_credit": "self_credited", "report": "should_be_accepted"}


class ExerciseWidget(FollowsLanguage, CourseWidget):
    """Check, Hint, Show answer (after a first try) and Try again over one exercise."""

    view = traitlets.Unicode("exercise").tag(sync=True)  # widgets.js draws every course widget
    spec = traitlets.Dict().tag(sync=True)
    responses: traitlets.List[Any] = traitlets.List().tag(sync=True)
    feedback: traitlets.List[Any] = traitlets.List().tag(sync=True)  # per item: {"status", "lines", "cells"}
    hint: traitlets.List[Any] = traitlets.List().tag(sync=True)
    score: traitlets.List[Any] = traitlets.List().tag(sync=True)
    last_time: traitlets.List[Any] = traitlets.List().tag(sync=True)
    answer_enabled = traitlets.Bool(False).tag(sync=True)
    # Bumped when Python changes the responses (Try again), so the browser redraws its inputs.
    revision = traitlets.Int(0).tag(sync=True)

    def __init__(self, exercise: Any, language: InterfaceLanguage | None = None,
                 on_check: Callable[[ExerciseResult, list[Any]], None] | None = None,
                 last_time: Callable[[Language], Line] | None = None,
                 on_claim: Callable[[str, int, str, str], None] | None = None,
                 number: tuple[int, int] | None = None,
                 on_save: Callable[[list[Any]], None] | None = None, saved: list[Any] | None = None,
                 saved_line: Callable[[Language], Line] | None = None) -> None:
        self.exercise = exercise
        self.number = number  # (n, total): "Exercise n of total", counted in page order
        self.on_claim = on_claim  # (exercise id, item number from 1, answer, claim kind)
        self.claims: dict[int, set[str]] = {}  # item index -> claims made since the last check
        self.language = language or InterfaceLanguage()
        self.on_check = on_check
        self.last_time_of = last_time
        self.attempts = 0
        self.result: ExerciseResult | None = None
        self.shown: list[str] = ["" for _ in exercise.items]  # "", "result" or "answer" per item
        self.hint_shown = ""  # "", "hint" or "wait"
        # Quiz mode: Save answer calls `on_save`; `saved` (answers saved earlier) are drawn again
        # and are unmarked until Finish calls `mark()`; `saved_line` says when they were saved.
        self.on_save, self.saved_line = on_save, saved_line
        self.quiz = on_save is not None
        self.saved, self.marked = saved is not None, False
        # The whole first state goes out with the widget's opening message: one message per
        # exercise instead of one per trait, which is most of a lesson's drawing time.
        spec = self.spec_in(self.lang)
        super().__init__(spec=spec, responses=restored_responses(spec["items"], saved), **self.feedback_state(self.lang))
        self.follow_language(self.language, lambda _code: self.redraw())
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def __repr__(self) -> str:  # stable text/plain in saved outputs (no memory addresses)
        return f"ExerciseWidget({self.exercise.id!r})"

    @property
    def lang(self) -> Language:
        return self.language.code

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        """Write every word of the exercise in the current language."""
        with self.hold_sync():
            self.spec = self.spec_in(self.lang)
            self.render_feedback()

    def spec_in(self, lang: Language) -> dict[str, Any]:
        """What the browser draws the exercise from, in `lang`."""
        exercise = self.exercise
        title = exercise.title_ru if lang == "ru" and exercise.title_ru else exercise.title
        instruction_ru = lang == "ru" and exercise.instruction_ru
        return {
            "id": exercise.id,
            "kind": exercise.kind,
            "lang": lang,
            "title": title,
            "number": say("exercise_of", lang, n=self.number[0], total=self.number[1]) if self.number else "",
            "part": exercise.part,
            "part_label": say(f"part_{exercise.part}", lang),
            "title_lang": "ru" if lang == "ru" and exercise.title_ru else "en",
            "instruction": exercise.instruction_ru if instruction_ru else exercise.instruction,
            "instruction_lang": "ru" if instruction_ru else "en",
            "bank": list(exercise.bank) if getattr(exercise, "word_bank", False) else [],
            "columns": list(getattr(exercise, "columns", []) or []),
            "items": [item_spec(exercise, n, lang) for n in range(len(exercise.items))],
            "mode": "quiz" if self.quiz else "practice",
            "labels": {key: say(key, lang) for key in (
                "check", "hint", "show_answer", "try_again", "your_answer", "choose", "word_bank",
                "answer_after_attempt", "self_check", "right", "wrong", "base_word", "self_credit", "report", "save_answer")},
        }

    def render_feedback(self) -> None:
        """Write every feedback area from the exercise's state, in the current language."""
        with self.hold_sync():
            for name, value in self.feedback_state(self.lang).items():
                setattr(self, name, value)

    def feedback_state(self, lang: Language) -> dict[str, Any]:
        """The feedback, hint, score and last-time lines for the exercise's state, in `lang`."""
        rows = []
        for n, shown in enumerate(self.shown):
            lines: list[Line] = []
            status = ""
            cells: list[bool] = []
            if shown == "result" and self.result is not None:
                outcome = self.result.items[n]
                status, cells = outcome.status, list(outcome.cells)
                lines = feedback.item_feedback(self.exercise, n, outcome, lang)
            elif shown == "answer":
                status = "answer"
                lines = feedback.answer_lines(self.exercise, n, lang)
            model_answer = getattr(self.exercise.items[n], "model_answer", None)
            # Translations and open tasks always show the model answer once checked: variants are many.
            attempted = shown == "result" and status in ("right", "wrong")
            if attempted and model_answer and kind_of(self.exercise).shows_model_answer:
                lines.append(feedback.model_answer_line(model_answer, lang))
            offers: list[str] = []
            if attempted and status == "wrong" and kind_of(self.exercise).claimable:
                taken = self.claims.get(n, set())
                if "self_credit" in taken:
                    status = "self"
                    lines[0] = [feedback.ui("self_credited", lang, "strong")]  # replaces "✗ Not right."
                if "report" in taken:
                    lines.append([feedback.ui("reported", lang, "em")])
                offers = [action for action in CLAIM_KINDS if action not in taken]
            rows.append({"status": status, "lines": lines, "cells": cells, "offers": offers})
        score = self.result.score if self.result is not None else None
        credited = self.self_credited()
        hint: list[Line] = []
        if self.hint_shown == "hint":
            hint = feedback.hint_lines(self.exercise, lang)
        elif self.hint_shown == "wait":
            hint = [[feedback.ui("answer_after_attempt", lang, "em")]]
        score_line = feedback.score_line(score, len(self.exercise.items), lang, credited)
        if self.quiz and not self.marked:  # nothing is marked before Finish: say whether the answer is saved
            score_line = (self.saved_line(lang) if self.saved_line is not None else []) or [
                feedback.ui("quiz_saved", lang, "em", age=say("age_just_now", lang)) if self.saved else feedback.ui("quiz_unsaved", lang, "em")]
        return {
            "feedback": rows,
            "score": [score_line],
            "hint": hint,
            "last_time": [self.last_time_of(lang)] if self.last_time_of is not None else [],
        }

    # --- behaviour: what the four buttons do -----------------------------------------------

    def press(self, action: str, responses: list[Any] | None = None) -> None:
        """Do what a button does; the browser's buttons call this through a message."""
        if responses is not None:
            self.responses = list(responses)
        if self.quiz:  # Save answer and Try again only: no marking, hint or answer before Finish
            if action in ("save", "check"):
                self.save()
            elif action == "retry":
                self.try_again()
            return
        if action == "check":
            self.check()
        elif action == "hint":
            self.show_hint()
        elif action == "answer":
            self.show_answer()
        elif action == "retry":
            self.try_again()

    def claim(self, action: str, index: int) -> None:
        """ "My answer means the same" (self_credit) or "Report" for item `index` (from 0)."""
        if action not in CLAIM_KINDS or self.result is None or not kind_of(self.exercise).claimable:
            return
        if not 0 <= index < len(self.exercise.items) or self.result.items[index].status != "wrong":
            return  # only a checked, wrong answer can be claimed
        taken = self.claims.setdefault(index, set())
        if action in taken:
            return
        taken.add(action)
        if self.on_claim is not None:
            answer = checker_input(self.spec["items"][index], self.responses[index] if index < len(self.responses) else "")
            self.on_claim(self.exercise.id, index + 1, answer, CLAIM_KINDS[action])
        self.render_feedback()

    def self_credited(self) -> int:
        """How many items of the last check the learner counted as right on their own word."""
        return sum(1 for taken in self.claims.values() if "self_credit" in taken)

    def receive(self, content: Any) -> None:
        """A message from the browser: {"action": "check", "responses": [...]}."""
        if not isinstance(content, dict) or content.get("action") not in ACTIONS:
            return  # not one of ours: a stale or foreign front end
        if content["action"] in CLAIM_KINDS:
            item = content.get("item")
            if isinstance(item, int) and not isinstance(item, bool):
                self.claim(content["action"], item)
            return
        responses = content.get("responses")
        self.press(content["action"], responses if isinstance(responses, list) else None)

    def checker_responses(self) -> list[Any]:
        return checker_inputs(self.spec["items"], self.responses)

    def check(self, record: bool = True) -> ExerciseResult:
        """Mark the responses and show the feedback; `record`: report it to `on_check`."""
        result = check(self.exercise, self.checker_responses())
        self.result = result
        self.claims = {}
        self.attempts += 1
        self.shown = ["result" for _ in self.exercise.items]
        self.answer_enabled = True
        if record and self.on_check is not None:
            self.on_check(result, self.checker_responses())
        self.render_feedback()
        return result

    def save(self) -> None:
        """Save answer (quiz mode): the responses go to `on_save`, unmarked; earlier feedback goes."""
        self.marked, self.saved, self.result = False, True, None
        self.shown = ["" for _ in self.exercise.items]
        if self.on_save is not None:
            self.on_save(list(self.responses))
        self.render_feedback()

    def mark(self) -> ExerciseResult:
        """What Finish does to this exercise (quiz mode): mark the responses shown, with feedback
        and evidence; the caller records every exercise of the lesson in one save."""
        self.marked = True
        return self.check(record=False)

    def show_hint(self) -> None:
        self.hint_shown = "hint"
        self.render_feedback()

    def show_answer(self) -> None:
        if self.attempts == 0:
            self.hint_shown = "wait"
        else:
            self.shown = ["answer" for _ in self.exercise.items]
        self.render_feedback()

    def try_again(self) -> None:
        """Clear the answers and the feedback; the score of the last check stays shown."""
        self.responses = [empty_response(item) for item in self.spec["items"]]
        self.revision += 1
        self.shown = ["" for _ in self.exercise.items]
        self.hint_shown = ""
        self.marked = False
        self.render_feedback()

    # --- reading the state (tests, instructors) --------------------------------------------

    def feedback_text(self, index: int) -> str:
        """The feedback of item `index` as the learner reads it."""
        return feedback.plain(self.feedback[index]["lines"])

    def score_text(self) -> str:
        return feedback.plain(self.score)

    def table(self) -> Any:
        """A table-completion exercise as the learner has filled it, as a pandas DataFrame."""
        import pandas as pd  # only instructors who ask for the table pay for pandas here

        rows = []
        for item, raw in zip(self.exercise.items, self.checker_responses()):
            rows.append({**item.cells, **(raw if isinstance(raw, dict) else {})})
        return pd.DataFrame(rows, columns=self.exercise.columns)
