"""The vocabulary trainer: Leitner boxes over the whole glossary, in both directions.

English to Russian is recognition (choose among four); Russian to English is recall
(typed, checked with the engine's normalisation), offered once a word has been
recognised twice. Every card shows the sentence of the text the word comes from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any, Callable

import ipywidgets as w

from . import feedback, leitner
from .i18n import Language, say
from .model import Course, GlossaryEntry
from .normalise import input_problem, same_answer
from .progress import ProgressStore

SESSION_SIZES = (10, 20)


@dataclass(frozen=True)
class Card:
    entry: GlossaryEntry
    recall: bool  # True: RU -> EN typed; False: EN -> RU choice
    choices: tuple[str, ...] = ()


def _stable(values: list[str], salt: str) -> list[str]:
    return sorted(values, key=lambda v: hashlib.sha256(f"{salt}|{v}".encode("utf-8")).hexdigest())


def choices_for(entry: GlossaryEntry, entries: list[GlossaryEntry], count: int = 4) -> tuple[str, ...]:
    """The right Russian equivalent and `count - 1` others from the glossary, in a fixed order."""
    others = [e.contextual for e in _stable(list(entries), entry.term) if e.contextual != entry.contextual]
    distractors = list(dict.fromkeys(others))[: count - 1]
    return tuple(_stable([entry.contextual, *distractors], entry.term))


def check_recall(given: str, entry: GlossaryEntry) -> bool:
    return any(same_answer(given, form) for form in {entry.term, entry.marked_form})


class VocabularyTrainer:
    """A session of 10 or 20 due cards; each answer moves the card between boxes."""

    def __init__(self, course: Course, store: ProgressStore, lang: Language = "en",
                 clock: Callable[[], datetime] | None = None) -> None:
        self.course = course
        self.store = store
        self.lang: Language = lang
        self.clock = clock or store.clock
        self.entries = {e.term: e for g in course.glossaries.values() for e in g.entries}
        self.cards: list[Card] = []
        self.position = 0
        self.answered: list[tuple[str, bool]] = []
        self.size = w.ToggleButtons(options=list(SESSION_SIZES), value=SESSION_SIZES[0])
        self.start_button = w.Button(button_style="primary", icon="play")
        self.start_button.on_click(self.start)
        self.status = w.HTML()
        self.card_box = w.VBox()
        self.summary = w.HTML()
        self.widget = w.VBox([w.HBox([self.size, self.start_button]), self.status, self.card_box, self.summary])
        self.widget.add_class("lessonkit-trainer")
        self.relabel()

    # --- what is due ----------------------------------------------------------------------

    def due(self) -> list[str]:
        words = self.store.read().words
        return leitner.due_terms(sorted(self.entries), words, self.clock())

    def relabel(self) -> None:
        self.size.description = say("session_size", self.lang)
        self.size.style = {"description_width": "initial"}
        self.start_button.description = say("start_session", self.lang)
        if not self.cards:
            due = len(self.due())
            self.status.value = (
                feedback.text("course_words_due", self.lang, due=due, count=len(self.entries))
                if due else feedback.text("nothing_due", self.lang)
            )

    def set_language(self, lang: Language) -> None:
        self.lang = lang
        self.relabel()
        if self.cards and self.position < len(self.cards):
            self.show_card()

    # --- a session ------------------------------------------------------------------------

    def start(self, _button: Any = None) -> None:
        words = self.store.read().words
        now = self.clock()
        size = int(self.size.value)
        chosen = leitner.pick_session(sorted(self.entries), words, now, size)
        if not chosen:  # nothing due: review the lowest boxes early rather than show nothing
            chosen = sorted(self.entries, key=lambda t: (words[t].box if t in words else 0, t))[:size]
        entries = list(self.entries.values())
        self.cards = [
            Card(self.entries[t], recall=leitner.recall_unlocked(words.get(t)), choices=choices_for(self.entries[t], entries))
            for t in chosen
        ]
        self.position = 0
        self.answered = []
        self.summary.value = ""
        self.show_card()

    def show_card(self) -> None:
        card = self.cards[self.position]
        entry = card.entry
        sentence = escape(entry.sentence).replace(escape(entry.marked_form), f"<mark>{escape(entry.marked_form)}</mark>", 1)
        head = w.HTML(
            f"<p><b>{feedback.text('card_of', self.lang, n=self.position + 1, total=len(self.cards))}</b></p>"
        )
        context = f"<p>{feedback.text('in_the_text', self.lang)} ({escape(entry.paragraph)}): <span lang=\"en\">«{sentence}»</span></p>"
        result = w.HTML()
        next_button = w.Button(description=say("next_card", self.lang), disabled=True, icon="arrow-right")
        check_button = w.Button(description=say("check", self.lang), button_style="primary", icon="check")
        if card.recall:
            prompt = w.HTML(f"<p>{feedback.text('recall', self.lang)}</p><p><b lang=\"ru\">{escape(entry.contextual)}</b></p>")
            answer = w.Text(placeholder=say("your_answer", self.lang), description="EN:", continuous_update=False)
            # The sentence would give the answer away in recall: it is shown after checking.
            parts: list[w.Widget] = [head, prompt, answer]
        else:
            prompt = w.HTML(f"<p>{feedback.text('recognise', self.lang)}</p><p><b lang=\"en\">{escape(entry.term)}</b></p>{context}")
            answer = w.RadioButtons(options=list(card.choices), value=None, layout=w.Layout(width="100%"))
            parts = [head, prompt, answer]

        def on_check(_button: Any) -> None:
            given = answer.value or ""
            if card.recall:
                problem = input_problem(given, vocabulary=[entry.term])
                if problem is not None:
                    result.value = feedback.text(problem.code, self.lang, detail=problem.detail)
                    return
                right = check_recall(given, entry)
            else:
                if not given:
                    result.value = feedback.text("unanswered", self.lang)
                    return
                right = given == entry.contextual
            box = self.store.record_review(entry.term, right).words[entry.term].box
            verdict = feedback.text("right" if right else "wrong", self.lang)
            answer_line = f"<span lang=\"en\">{escape(entry.term)}</span> — <span lang=\"ru\">{escape(entry.contextual)}</span>"
            box_line = f" ({feedback.text('box', self.lang, box=box)})" if box else ""
            result.value = f"<div><b>{verdict}</b> {answer_line}{box_line}</div>" + (context if card.recall else "")
            self.answered.append((entry.term, right))
            check_button.disabled = True
            next_button.disabled = False

        def on_next(_button: Any) -> None:
            self.position += 1
            if self.position < len(self.cards):
                self.show_card()
            else:
                self.finish()

        check_button.on_click(on_check)
        next_button.on_click(on_next)
        self.card_box.children = [*parts, w.HBox([check_button, next_button]), result]
        self._current = (answer, check_button, next_button, result)

    def finish(self) -> None:
        right = sum(1 for _, ok in self.answered if ok)
        missed = [term for term, ok in self.answered if not ok]
        boxes = {n: 0 for n in range(1, 6)}
        for record in self.store.read().words.values():
            boxes[record.box] += 1
        box_text = ", ".join(f"{n}: {count}" for n, count in boxes.items())
        self.summary.value = (
            f"<p><b>{feedback.text('summary', self.lang, right=right, total=len(self.answered), missed=', '.join(missed) or say('none', self.lang))}</b></p>"
            f"<p>{feedback.text('boxes_now', self.lang, boxes=box_text)}</p>"
        )
        self.card_box.children = []
        self.cards = []
        self.relabel()
