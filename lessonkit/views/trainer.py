"""The vocabulary trainer: Leitner boxes over the whole glossary, in both directions.

English to Russian is recognition (choose among four); Russian to English is recall
(typed, checked with the engine's normalisation), offered once a word has been
recognised twice. Every card shows the sentence of the text the word comes from.

Words already seen and due again come first; new words follow in the order of the course,
beginning with the lessons the learner has worked on, so the trainer practises what was
just read rather than the start of the alphabet. The cards themselves (order, choices,
marking a recall) are made in `word_cards`; this module is the widget that shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

import ipywidgets as w

from ..content.course_order import lesson_of_paragraph
from ..content.model import Course, GlossaryEntry
from ..learner import leitner
from ..learner.progress import ProgressStore
from ..marking.input_checks import input_problem
from . import feedback
from .i18n import Language, say
from .language import InterfaceLanguage, write_labels
from .progress_summary import lessons_begun
from .rich_output import AUTO, lang_attribute, link, show_html
from .word_cards import Card, check_recall, choices_for, word_order
from .wording import count_phrase

SESSION_SIZES = (10, 20)


@dataclass(frozen=True)
class Outcome:
    """What Check found for the current card, kept so it can be said again in another language."""

    right: bool | None  # None: not marked (no answer, or the input has a problem)
    box: int = 0
    problem: str = ""  # an interface key: "unanswered" or an input problem's code
    detail: str = ""


class VocabularyTrainer:
    """A session of 10 or 20 cards; each answer moves the card between boxes.

    The card's widgets (`choice`, `typed`, `check_button`, `next_button`, `result`) are made
    once and reused for every card; `summary` is an Output, because it links to lessons.
    """

    def __init__(self, course: Course, store: ProgressStore, language: InterfaceLanguage,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.course = course
        self.store = store
        self.language = language
        self.clock = clock or store.clock
        self.entries = {e.term: e for g in course.glossaries.values() for e in g.entries}
        self.cards: list[Card] = []
        self.position = 0
        self.answered: list[tuple[str, bool]] = []
        self.outcome: Outcome | None = None
        self.finished: list[tuple[str, bool]] | None = None  # the last session's answers, for the summary
        self.after_save: list[Callable[[], None]] = []  # e.g. the notice line above the trainer

        # A grid puts the description beside the buttons, with a gap (ipywidgets stacks them otherwise).
        self.size = w.ToggleButtons(options=[(str(n), n) for n in SESSION_SIZES], value=SESSION_SIZES[0],
                                    style={"description_width": "initial", "button_width": AUTO},
                                    layout=w.Layout(display="grid", grid_template_columns="auto auto",
                                                    grid_gap="0 0.5em", align_items="center"))
        self.start_button = w.Button(button_style="primary", icon="play", layout=w.Layout(width=AUTO))
        self.start_button.on_click(self.start)
        self.status = w.HTML()
        self.prompt = w.HTML()
        self.choice = w.RadioButtons(options=[], value=None, layout=w.Layout(width=AUTO))
        self.typed = w.Text(continuous_update=False, style={"description_width": "initial"},
                            layout=w.Layout(width=AUTO, max_width="40em"))
        self.check_button = w.Button(button_style="primary", icon="check", layout=w.Layout(width=AUTO))
        self.check_button.on_click(self.check)
        self.next_button = w.Button(icon="arrow-right", disabled=True, layout=w.Layout(width=AUTO))
        self.next_button.on_click(self.next_card)
        self.result = w.HTML()
        self.card_box = w.VBox()
        self.summary = w.Output()
        rows = w.Layout(flex_flow="row wrap")  # wrap on a narrow screen rather than scroll
        self.widget = w.VBox([w.HBox([self.size, self.start_button], layout=rows), self.status, self.card_box,
                              self.summary])
        self.widget.add_class("lessonkit-trainer")
        self.relabel()
        language.follow(lambda _code: self.redraw())

    @property
    def lang(self) -> Language:
        return self.language.code

    # --- what comes next -------------------------------------------------------------------

    def order(self) -> list[str]:
        """New words in teaching order: the lessons begun first (see `word_order`)."""
        return word_order(self.course, lessons_begun(self.course, self.store.read()))

    def new_and_due(self) -> tuple[list[str], list[str]]:
        """(new words, words due for review) of the whole glossary, each in the order they come."""
        return leitner.new_and_due(self.order(), self.store.read().words, self.clock())

    def status_html(self) -> str:
        new, due = self.new_and_due()
        if not new and not due:
            return feedback.text("nothing_due", self.lang)
        return feedback.text("course_words_due", self.lang, new=count_phrase(len(new), "new_words", self.lang), due=len(due))

    # --- drawing -----------------------------------------------------------------------------

    LABELS = {"size.description": "session_size", "start_button.description": "start_session",
              "check_button.description": "check", "next_button.description": "next_card",
              "typed.description": "in_english", "typed.placeholder": "your_answer"}

    def relabel(self) -> None:
        write_labels(self, self.LABELS, self.lang)
        self.status.value = self.status_html()

    def redraw(self) -> None:
        """Every word of the trainer in the current language; answers given so far stay."""
        self.relabel()
        if self.cards:
            self.draw_card()
        if self.finished is not None:
            self.draw_summary()

    def context_html(self, entry: GlossaryEntry) -> str:
        sentence = escape(entry.sentence).replace(escape(entry.marked_form), f"<mark>{escape(entry.marked_form)}</mark>", 1)
        return (f"<p>{feedback.text('in_the_text', self.lang)} ({escape(entry.paragraph)}): "
                f'<span lang="en">«{sentence}»</span></p>')

    def draw_card(self) -> None:
        """The current card's words (not its answer) in the current language."""
        card = self.cards[self.position]
        entry = card.entry
        head = f"<p><b>{feedback.text('card_of', self.lang, n=self.position + 1, total=len(self.cards))}</b></p>"
        if card.recall:
            # The sentence would give the answer away in recall: it is shown after checking.
            self.prompt.value = f"{head}<p>{feedback.text('recall', self.lang)}</p><p><b lang=\"ru\">{escape(entry.contextual)}</b></p>"
        else:
            self.prompt.value = (f"{head}<p>{feedback.text('recognise', self.lang)}</p><p><b lang=\"en\">{escape(entry.term)}</b></p>"
                                 f"{self.context_html(entry)}")
        self.result.value = self.result_html()

    def result_html(self) -> str:
        outcome = self.outcome
        if outcome is None:
            return ""
        if outcome.right is None:
            return f"<div>{feedback.text(outcome.problem, self.lang, detail=outcome.detail)}</div>"
        card = self.cards[self.position]
        entry = card.entry
        verdict = feedback.text("right" if outcome.right else "wrong", self.lang)
        box = f" ({feedback.text('box', self.lang, box=outcome.box)})" if outcome.box else ""
        # Verdict and answer on lines of their own: run together they read as one sentence.
        return (f"<div><b>{verdict}</b></div>"
                f'<div><span lang="en">{escape(entry.term)}</span> — <span lang="ru">{escape(entry.contextual)}</span>{box}</div>'
                + (self.context_html(entry) if card.recall else ""))

    # --- a session ------------------------------------------------------------------------

    def start(self, _button: Any = None) -> None:
        words = self.store.read().words
        order = self.order()
        size = int(self.size.value)
        chosen = leitner.pick_session(order, words, self.clock(), size)
        if not chosen:  # nothing due: review the lowest boxes early rather than show nothing
            place = {term: n for n, term in enumerate(order)}
            chosen = sorted(order, key=lambda t: (words[t].box if t in words else 0, place[t]))[:size]
        entries = list(self.entries.values())
        self.cards = [
            Card(self.entries[t], recall=leitner.recall_unlocked(words.get(t)), choices=choices_for(self.entries[t], entries))
            for t in chosen
        ]
        self.position = 0
        self.answered = []
        self.finished = None
        self.summary.outputs = ()
        self.show_card()

    def show_card(self) -> None:
        """The current card, with its answer fields cleared."""
        card = self.cards[self.position]
        self.outcome = None
        if card.recall:
            self.typed.value = ""
            answer: w.Widget = self.typed
        else:
            self.choice.options = list(card.choices)
            self.choice.value = None
            answer = self.choice
        self.check_button.disabled = False
        self.next_button.disabled = True
        self.draw_card()
        self.card_box.children = [self.prompt, answer,
                                  w.HBox([self.check_button, self.next_button], layout=w.Layout(flex_flow="row wrap")),
                                  self.result]

    def check(self, _button: Any = None) -> None:
        """Mark the current card; a right or wrong answer moves the word between boxes."""
        card = self.cards[self.position]
        entry = card.entry
        if card.recall:
            given = self.typed.value or ""
            problem = input_problem(given, vocabulary=[entry.term])
            if problem is not None:
                self.outcome = Outcome(None, problem=problem.code, detail=str(problem.detail))
                self.result.value = self.result_html()
                return
            right = check_recall(given, entry)
        else:
            given = self.choice.value or ""
            if not given:
                self.outcome = Outcome(None, problem="unanswered")
                self.result.value = self.result_html()
                return
            right = given == entry.contextual
        box = self.store.record_review(entry.term, right).words[entry.term].box
        for saved in self.after_save:
            saved()
        self.outcome = Outcome(right, box=box)
        self.result.value = self.result_html()
        self.status.value = self.status_html()
        self.answered.append((entry.term, right))
        self.check_button.disabled = True
        self.next_button.disabled = False

    def next_card(self, _button: Any = None) -> None:
        self.position += 1
        if self.position < len(self.cards):
            self.show_card()
        else:
            self.finish()

    def finish(self) -> None:
        self.finished = list(self.answered)
        self.card_box.children = []
        self.cards = []
        self.outcome = None
        self.draw_summary()
        self.relabel()

    def draw_summary(self) -> None:
        """How the session went, the words to repeat with a link to the lesson each comes from, the boxes."""
        lang = self.lang
        answered = self.finished or []
        right = sum(1 for _, ok in answered if ok)
        missed = list(dict.fromkeys(term for term, ok in answered if not ok))
        boxes = {n: 0 for n in range(1, leitner.BOXES + 1)}
        for record in self.store.read().words.values():
            boxes[record.box] += 1
        box_text = ", ".join(f"{n}: {count}" for n, count in boxes.items())
        head = say("summary", lang, right=right, total=len(answered))
        label = say("words_to_repeat", lang)
        home = lesson_of_paragraph(self.course)
        if missed:
            items, plain = [], []
            for term in missed:
                entry = self.entries[term]
                ref = home.get(entry.paragraph)
                again = say("read_again", lang, lesson=ref.id) if ref else ""
                where = f" — {link(ref.notebook + '.ipynb', again)}" if ref else ""
                items.append(f'<li><span lang="en">{escape(term)}</span> — <span lang="ru">{escape(entry.contextual)}</span>{where}</li>')
                plain.append(f"- {term} — {entry.contextual}" + (f" — {again}" if again else ""))
            repeat_html = f"<p>{escape(label)}:</p><ul>{''.join(items)}</ul>"
            repeat_text = "\n".join([f"{label}:", *plain])
        else:
            repeat_html = f"<p>{escape(label)}: {escape(say('none', lang))}.</p>"
            repeat_text = f"{label}: {say('none', lang)}."
        boxes_line = say("boxes_now", lang, boxes=box_text)
        html = (f"<div{lang_attribute(lang)}><p><b>{escape(head)}</b></p>{repeat_html}"
                f"<p>{escape(boxes_line)}</p></div>")
        show_html(self.summary, html, "\n".join([head, repeat_text, boxes_line]))
