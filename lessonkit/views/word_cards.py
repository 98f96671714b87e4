"""The trainer's cards, pure: which words come in which order, the choices a recognition
card offers, and when a typed recall is right.

New words follow the order of the course, beginning with the lessons the learner has
worked on; the choices of a card are in a fixed order that hangs on the glossary's
Russian equivalents alone. No widgets: `trainer` draws the cards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.model import Course, GlossaryEntry
from ..marking.normalise import same_answer
from .item_specs import display_order


@dataclass(frozen=True)
class Card:
    entry: GlossaryEntry
    recall: bool  # True: RU -> EN typed; False: EN -> RU choice
    choices: tuple[str, ...] = ()


def choices_for(entry: GlossaryEntry, entries: list[GlossaryEntry], count: int = 4) -> tuple[str, ...]:
    """The right Russian equivalent and `count - 1` others from the glossary, in a fixed order.

    The order hangs on the Russian equivalents alone, so editing a note or a sentence of
    the glossary does not reshuffle the cards.
    """
    others = [contextual for contextual in display_order([e.contextual for e in entries], entry.term) if contextual != entry.contextual]
    distractors = list(dict.fromkeys(others))[: count - 1]
    return tuple(display_order([entry.contextual, *distractors], entry.term))


def check_recall(given: str, entry: GlossaryEntry) -> bool:
    return any(same_answer(given, form) for form in {entry.term, entry.marked_form})


def word_order(course: Course, first: Iterable[str] = ()) -> list[str]:
    """Every glossary term once, in the order new words are taught.

    The lessons in `first` come first, then the others, both in course order; within a
    lesson, the words of the paragraphs it shows, in paragraph order and then glossary
    order. Words in no lesson's paragraphs come last, in glossary order.
    """
    chosen = set(first)
    refs = [ref for ref in course.map.lessons if ref.id in chosen] + [ref for ref in course.map.lessons if ref.id not in chosen]
    terms = [
        entry.term
        for ref in refs
        if ref.id in course.lessons
        for entry in course.glossary_entries(course.lessons[ref.id].shown_paragraph_ids)
    ]
    terms += [entry.term for glossary in course.glossaries.values() for entry in glossary.entries]
    return list(dict.fromkeys(terms))
