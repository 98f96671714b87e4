"""One ipywidgets view per exercise kind, over the pure checkers in `answers`.

A view holds its input widgets and its buttons; behaviour lives in the button callbacks,
so a test can set `.value` and call `.click()` without a browser.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

from . import answers, feedback
from .answers import ExerciseResult, OpenResponse
from .i18n import Language, say

LONG_OPTION = 70  # characters; longer radio options are shown as a lettered list


@dataclass
class ItemInput:
    """The widgets of one item, how to read the learner's response, and how to clear it.

    `parts` are shown one under the other, then the item's feedback; `controls` are the
    widgets the learner sets (a radio group, text boxes, dropdowns...); `marks` are extra
    feedback areas of the item that a view fills after checking (a model answer, one mark
    per table cell).
    """

    parts: list[w.Widget]
    get: Callable[[], Any]
    reset: Callable[[], None]
    controls: list[w.Widget]
    marks: list[w.HTML] = field(default_factory=list)
    widget: w.Widget | None = None


class ExerciseView:
    """The parts every exercise has: inputs per item, Check, Hint, Show answer, Try again."""

    def __init__(
        self, exercise: Any, lang: Language = "en", on_check: Callable[[ExerciseResult], None] | None = None
    ) -> None:
        self.exercise = exercise
        self.lang: Language = lang
        self.on_check = on_check
        self.attempts = 0
        self.result: ExerciseResult | None = None
        # One layout and one style shared by the view's widgets: each widget would
        # otherwise open its own Layout and Style models in the kernel and the browser.
        self.full = w.Layout(width="100%")
        self.html_style = HTMLStyle()
        self.button_look = w.ButtonStyle()
        # Every widget whose words depend on the interface language registers a function
        # that writes them; switching the language runs them all again.
        self._relabel: list[Callable[[], None]] = []
        self._shown: list[str] = ["" for _ in exercise.items]  # "", "result" or "answer"
        self._hint_shown = ""  # "", "hint" or "wait"
        self.inputs = [self.build_item(n, item) for n, item in enumerate(exercise.items)]
        self.item_feedback = [self.html("") for _ in exercise.items]
        self.check_button = w.Button(button_style="primary", icon="check", style=self.button_look)
        self.hint_button = w.Button(icon="lightbulb-o", style=self.button_look)
        self.answer_button = w.Button(icon="eye", disabled=True, style=self.button_look)
        self.retry_button = w.Button(icon="refresh", style=self.button_look)
        self.localized(self._label_buttons)
        self.hint_box = self.html("")
        self.score_label = self.html(feedback.score_html(None, len(exercise.items), lang))
        self.check_button.on_click(self.check)
        self.hint_button.on_click(self.show_hint)
        self.answer_button.on_click(self.show_answer)
        self.retry_button.on_click(self.try_again)
        self.widget = self.layout()

    # --- building ---------------------------------------------------------------------

    def localized(self, apply: Callable[[], None]) -> None:
        """Write a widget's words now, and again whenever the language changes."""
        apply()
        self._relabel.append(apply)

    def _label_buttons(self) -> None:
        self.check_button.description = say("check", self.lang)
        self.hint_button.description = say("hint", self.lang)
        self.answer_button.description = say("show_answer", self.lang)
        self.answer_button.tooltip = say("answer_after_attempt", self.lang)
        self.retry_button.description = say("try_again", self.lang)

    def html(self, value: str) -> w.HTML:
        return w.HTML(value=value, layout=self.full, style=self.html_style)

    def header(self) -> list[w.Widget]:
        title = self.html("")

        def write() -> None:
            instruction = f'<span lang="en">{escape(self.exercise.instruction)}</span>'
            if self.lang == "ru" and self.exercise.instruction_ru:
                instruction = f'<span lang="ru">{escape(self.exercise.instruction_ru)}</span>'
            title.value = f"<h4 lang=\"en\">{escape(self.exercise.id)} · {escape(self.exercise.title)}</h4><p>{instruction}</p>"

        self.localized(write)
        return [title]

    def build_item(self, index: int, item: Any) -> ItemInput:
        raise NotImplementedError

    def layout(self) -> w.VBox:
        rows: list[w.Widget] = self.header()
        item_layout = w.Layout(width="100%", margin="0 0 8px 0")
        for item_input, item_feedback in zip(self.inputs, self.item_feedback):
            item_input.widget = w.VBox([*item_input.parts, item_feedback], layout=item_layout)
            rows.append(item_input.widget)
        buttons = w.HBox([self.check_button, self.hint_button, self.answer_button, self.retry_button])
        box = w.VBox([*rows, buttons, self.hint_box, self.score_label], layout=self.full)
        box.add_class("lessonkit-exercise")
        return box

    def label(self, index: int, html_text: str) -> w.HTML:
        return self.html(f"<b>{index + 1}.</b> <span lang=\"en\">{html_text}</span>")

    # --- behaviour --------------------------------------------------------------------

    def responses(self) -> list[Any]:
        return [item_input.get() for item_input in self.inputs]

    def check(self, _button: Any = None) -> ExerciseResult:
        result = answers.check(self.exercise, self.responses())
        self.result = result
        self.attempts += 1
        self._shown = ["result" for _ in self.exercise.items]
        self.render_feedback()
        self.answer_button.disabled = False
        if self.on_check is not None:
            self.on_check(result)
        return result

    def render_feedback(self) -> None:
        """Write every feedback area from the view's state, in the current language."""
        for n, shown in enumerate(self._shown):
            if shown == "result" and self.result is not None:
                self.item_feedback[n].value = feedback.item_feedback(self.exercise, n, self.result.items[n], self.lang)
            elif shown == "answer":
                self.item_feedback[n].value = feedback.answer_feedback(self.exercise, n, self.lang)
            else:
                self.item_feedback[n].value = ""
        score = self.result.score if self.result is not None else None
        self.score_label.value = feedback.score_html(score, len(self.exercise.items), self.lang)
        if self._hint_shown == "hint":
            self.hint_box.value = feedback.hint_html(self.exercise, self.lang)
        elif self._hint_shown == "wait":
            self.hint_box.value = f"<em>{feedback.text('answer_after_attempt', self.lang)}</em>"
        else:
            self.hint_box.value = ""

    def show_hint(self, _button: Any = None) -> None:
        self._hint_shown = "hint"
        self.render_feedback()

    def show_answer(self, _button: Any = None) -> None:
        if self.attempts == 0:
            self._hint_shown = "wait"
        else:
            self._shown = ["answer" for _ in self.exercise.items]
        self.render_feedback()

    def try_again(self, _button: Any = None) -> None:
        """Clear the answers and the feedback; the score of the last check stays shown."""
        for item_input in self.inputs:
            item_input.reset()
        self._shown = ["" for _ in self.exercise.items]
        self._hint_shown = ""
        self.render_feedback()

    def set_language(self, lang: Language) -> None:
        """Say every label, button and message of the exercise in `lang`."""
        self.lang = lang
        for apply in self._relabel:
            apply()
        self.render_feedback()


def display_order(options: list[str], salt: str) -> list[str]:
    """The options in a fixed order that does not follow the data's order.

    Authors tend to write the key first; a hash of the exercise and the option gives every
    learner, every run and nbval the same order without putting the key in a set place.
    """
    return sorted(options, key=lambda option: hashlib.sha256(f"{salt}|{option}".encode("utf-8")).hexdigest())


class SingleChoiceView(ExerciseView):
    def build_item(self, index: int, item: Any) -> ItemInput:
        prompt = escape(item.prompt)
        options_in_order = display_order(item.options, f"{self.exercise.id}/{index}")
        if max(len(option) for option in item.options) > LONG_OPTION:
            # Radio labels cannot wrap without overlapping the next option: long options
            # are listed under the prompt and the radio buttons carry their letters.
            letters = [chr(ord("A") + n) for n in range(len(item.options))]
            prompt += "<ol type=\"A\">" + "".join(f"<li>{escape(o)}</li>" for o in options_in_order) + "</ol>"
            options = list(zip(letters, options_in_order))
        else:
            options = list(zip(options_in_order, options_in_order))
        radio = w.RadioButtons(options=options, value=None, layout=self.full, description="")
        return ItemInput(
            [self.label(index, prompt), radio],
            lambda: radio.value,
            lambda: setattr(radio, "value", None),
            [radio],
        )


class MultipleSelectView(ExerciseView):
    def build_item(self, index: int, item: Any) -> ItemInput:
        boxes = [w.Checkbox(value=False, description=option, indent=False, layout=self.full)
                 for option in display_order(item.options, f"{self.exercise.id}/{index}")]
        def reset() -> None:
            for box in boxes:
                box.value = False
        return ItemInput(
            [self.label(index, escape(item.prompt)), *boxes],
            lambda: {box.description for box in boxes if box.value},
            reset,
            boxes,
        )


class JudgementView(ExerciseView):
    """True / false / not given, and stated / inferred / not in the text."""

    def build_item(self, index: int, item: Any) -> ItemInput:
        labels = ("true", "false", "not_given") if self.exercise.kind == "true_false_not_given" else ("stated", "inferred", "not_in_text")
        toggle = w.ToggleButtons(options=[(say(label, self.lang), label) for label in labels], value=None)
        self.localized(lambda: _keep_value(toggle, [(say(label, self.lang), label) for label in labels]))
        return ItemInput(
            [self.label(index, escape(item.statement)), toggle],
            lambda: toggle.value,
            lambda: setattr(toggle, "value", None),
            [toggle],
        )


class MatchingView(ExerciseView):
    def build_item(self, index: int, item: Any) -> ItemInput:
        dropdown = w.Dropdown(options=[], layout=w.Layout(width="auto", min_width="40%"))
        self.localized(lambda: _keep_value(dropdown, [(say("choose", self.lang), None)] + [(c, c) for c in self.exercise.choices]))
        return ItemInput(
            [w.HBox([self.label(index, escape(item.left)), dropdown], layout=self.full)],
            lambda: dropdown.value,
            lambda: setattr(dropdown, "value", None),
            [dropdown],
        )


_GAP = re.compile(r"_{3,}")


def _gap(text: str) -> str:
    """The item's gap, shown at a fixed width whatever the data wrote."""
    return escape(_GAP.sub("_____", text))


class GapFillView(ExerciseView):
    def header(self) -> list[w.Widget]:
        rows = super().header()
        if getattr(self.exercise, "word_bank", False):
            bank = " · ".join(escape(word) for word in self.exercise.bank)
            box = self.html("")
            self.localized(lambda: setattr(box, "value", f"<p><b>{feedback.text('word_bank', self.lang)}:</b> <span lang=\"en\">{bank}</span></p>"))
            rows.append(box)
        return rows

    def build_item(self, index: int, item: Any) -> ItemInput:
        base = getattr(item, "base", None)
        prompt = _gap(item.text) + (f" <b>({escape(base)})</b>" if base else "")
        box = w.Text(value="", description=f"{index + 1}.", continuous_update=False)
        self.localized(lambda: setattr(box, "placeholder", say("your_answer", self.lang)))
        return ItemInput([self.label(index, prompt), box], lambda: box.value, lambda: setattr(box, "value", ""), [box])


class OrderingView(ExerciseView):
    def build_item(self, index: int, item: Any) -> ItemInput:
        segments = "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in sorted(item.segments.items()))
        labels = sorted(item.segments)
        dropdowns = [w.Dropdown(options=[], style={"description_width": "initial"}) for _ in labels]

        def write() -> None:
            for n, dropdown in enumerate(dropdowns):
                dropdown.description = say("position", self.lang, n=n + 1)
                _keep_value(dropdown, [(say("choose", self.lang), None)] + [(label, label) for label in labels])

        self.localized(write)
        def reset() -> None:
            for dropdown in dropdowns:
                dropdown.value = None
        return ItemInput(
            [self.label(index, escape(item.prompt) + f"<ul>{segments}</ul>"), w.HBox(dropdowns)],
            lambda: [d.value for d in dropdowns],
            reset,
            dropdowns,
        )


class TypedAnswerView(ExerciseView):
    """Short answers and translations: a text area checked by key terms."""

    def build_item(self, index: int, item: Any) -> ItemInput:
        if self.exercise.kind == "translation":
            label = self.html("")
            self.localized(lambda: setattr(label, "value", f"<b>{index + 1}.</b> {feedback.text('source_text', self.lang)}: "
                                                            f"<span lang=\"ru\">{escape(item.source)}</span>"))
        else:
            label = self.label(index, escape(item.prompt))
        area = w.Textarea(value="", layout=w.Layout(width="100%", height="5em"))
        self.localized(lambda: setattr(area, "placeholder", say("your_answer", self.lang)))
        return ItemInput([label, area], lambda: area.value, lambda: setattr(area, "value", ""), [area])

    def render_feedback(self) -> None:
        super().render_feedback()
        if self.exercise.kind == "translation":
            # A translation always shows its model answer after checking: variants are many.
            for n, item in enumerate(self.exercise.items):
                if self._shown[n] == "result":
                    self.item_feedback[n].value += (
                        f"<div><b>{feedback.text('model_answer', self.lang)}:</b> <span lang=\"en\">{escape(item.model_answer)}</span></div>"
                    )


class OpenTaskView(ExerciseView):
    def build_item(self, index: int, item: Any) -> ItemInput:
        area = w.Textarea(value="", layout=w.Layout(width="100%", height="8em"))
        self.localized(lambda: setattr(area, "placeholder", say("your_answer", self.lang)))
        ticks = [w.Checkbox(value=False, description=point, indent=False, layout=self.full) for point in item.checklist]
        model_box = self.html("")
        heading = self.html("")
        self.localized(lambda: setattr(heading, "value", f"<b>{feedback.text('self_check', self.lang)}</b>"))
        checklist = w.VBox([heading, *ticks])

        def reset() -> None:
            area.value = ""
            for tick in ticks:
                tick.value = False
            model_box.value = ""
        return ItemInput(
            [self.label(index, escape(item.prompt)), area, model_box, checklist],
            lambda: OpenResponse(area.value, frozenset(n for n, tick in enumerate(ticks) if tick.value)),
            reset,
            [area, *ticks],
            [model_box],
        )

    def render_feedback(self) -> None:
        super().render_feedback()
        for item, item_input, shown in zip(self.exercise.items, self.inputs, self._shown):
            item_input.marks[0].value = (
                f"<div><b>{feedback.text('model_answer', self.lang)}:</b> <span lang=\"en\">{escape(item.model_answer)}</span></div>"
                if shown else ""
            )


class TableView(ExerciseView):
    """A table to complete: given cells as text, blank cells as boxes, marked cell by cell."""

    def grid(self, children: list[w.Widget]) -> w.GridBox:
        columns = len(self.exercise.columns)
        return w.GridBox(children, layout=w.Layout(width="100%", grid_template_columns=f"repeat({columns}, minmax(0, 1fr))", grid_gap="4px"))

    def header(self) -> list[w.Widget]:
        heads = [self.html(f"<b lang=\"en\">{escape(column)}</b>") for column in self.exercise.columns]
        return [*super().header(), self.grid(heads)]

    def build_item(self, index: int, item: Any) -> ItemInput:
        cells: list[w.Widget] = []
        boxes: dict[str, w.Text] = {}
        marks: list[w.HTML] = []
        for column in self.exercise.columns:
            if column in item.cells:
                cells.append(self.html(f"<span lang=\"en\">{escape(item.cells[column])}</span>"))
                continue
            box = w.Text(value="", placeholder=column, description=f"{index + 1}.", layout=w.Layout(width="auto"),
                         style={"description_width": "2em"}, continuous_update=False)
            mark = self.html("")
            boxes[column] = box
            marks.append(mark)
            cells.append(w.HBox([box, mark], layout=w.Layout(width="100%")))

        def reset() -> None:
            for box in boxes.values():
                box.value = ""
            for mark in marks:
                mark.value = ""

        return ItemInput([self.grid(cells)], lambda: {c: b.value for c, b in boxes.items()}, reset, list(boxes.values()), marks)

    def render_feedback(self) -> None:
        super().render_feedback()
        for n, (item_input, shown) in enumerate(zip(self.inputs, self._shown)):
            item_result = self.result.items[n] if self.result is not None and shown == "result" else None
            for cell, mark in enumerate(item_input.marks):
                if item_result is None:
                    mark.value = ""
                else:
                    right = bool(item_result.cells) and item_result.cells[cell]
                    mark.value = f"<b>{feedback.text('right' if right else 'wrong', self.lang)}</b>"

    def table(self) -> Any:
        """The table as the learner has filled it, as a pandas DataFrame."""
        import pandas as pd

        rows = []
        for item, item_input in zip(self.exercise.items, self.inputs):
            rows.append({**item.cells, **item_input.get()})
        return pd.DataFrame(rows, columns=self.exercise.columns)


def _keep_value(widget: w.Widget, options: list[tuple[str, Any]]) -> None:
    """Relabel a selection widget's options without losing the learner's choice."""
    value = widget.value
    widget.options = options
    widget.value = value


VIEWS: dict[str, type[ExerciseView]] = {
    "single_choice": SingleChoiceView,
    "multiple_select": MultipleSelectView,
    "true_false_not_given": JudgementView,
    "stated_inferred": JudgementView,
    "matching": MatchingView,
    "gap_fill": GapFillView,
    "word_formation": GapFillView,
    "ordering": OrderingView,
    "short_answer": TypedAnswerView,
    "translation": TypedAnswerView,
    "open_task": OpenTaskView,
    "table_completion": TableView,
}


def view_for(exercise: Any, lang: Language = "en", on_check: Callable[[ExerciseResult], None] | None = None) -> ExerciseView:
    return VIEWS[exercise.kind](exercise, lang=lang, on_check=on_check)
