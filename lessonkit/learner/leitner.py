"""Leitner scheduling for the vocabulary trainer: pure functions, no I/O.

Five boxes. A right answer moves a card up one box (at most to box 5), a wrong one back to
box 1. A card is due again once its box's interval has passed since its last review:

    box       1   2   3   4   5
    days      0   1   3   7  14

Box 1 has no wait, so a new or missed word comes back in every session. The intervals
simply grow (roughly doubling) with the box: this is the plain Leitner system, chosen
because it is easy to explain to learners, not a claim that these intervals are optimal.
Spaced retrieval helps; research has not shown that one growing schedule clearly beats
another for a course of this length.

Times are aware datetimes (the store's clock gives UTC); the caller passes `now`, so tests
use plain datetimes as a fake clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .utc import UtcTime

BOXES = 5
INTERVAL_DAYS: dict[int, int] = {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}
RECALL_AFTER = 2  # successful reviews before Russian-to-English recall is offered


class WordRecord(BaseModel):
    """One word's card: its box and answer counts, as the progress file keeps it (`words`).

    The card lives here, with the rules that move it, so scheduling needs nothing from the
    store; lessonkit.progress_model puts it into the saved progress.
    """

    model_config = ConfigDict(extra="forbid")

    box: int = Field(default=1, ge=1, le=BOXES)
    last_review: UtcTime | None = None
    right: int = Field(default=0, ge=0)  # right answers so far; RECALL_AFTER of them unlock RU->EN recall
    wrong: int = Field(default=0, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _drop_the_old_copy_of_right(cls, data: Any) -> Any:
        # Files saved before 2026-11-28 also hold `direction_successes`, always equal to `right`.
        if isinstance(data, dict) and "direction_successes" in data:
            data = {key: value for key, value in data.items() if key != "direction_successes"}
        return data


def review(record: WordRecord | None, right: bool, now: datetime) -> WordRecord:
    """The card after one answer: up a box when right, back to box 1 when wrong."""
    card = record if record is not None else WordRecord()
    return WordRecord(
        box=min(card.box + 1, BOXES) if right else 1,
        last_review=now,
        right=card.right + (1 if right else 0),
        wrong=card.wrong + (0 if right else 1),
    )


def is_due(record: WordRecord | None, now: datetime) -> bool:
    """A never-reviewed card is due; otherwise when its box's interval has passed (box 1: always)."""
    if record is None or record.last_review is None:
        return True
    return now - record.last_review >= timedelta(days=INTERVAL_DAYS[record.box])


def due_terms(terms: list[str], words: dict[str, WordRecord], now: datetime) -> list[str]:
    """The due terms, lowest box first, then the oldest review (never = oldest), then A-Z.

    The order depends only on the records, never on the order of `terms`, so a session is
    the same whoever asks; a term listed twice appears once.
    """

    def order(term: str) -> tuple[int, float, str, str]:
        record = words.get(term)
        if record is None or record.last_review is None:
            return (record.box if record is not None else 1, float("-inf"), term.casefold(), term)
        return (record.box, record.last_review.timestamp(), term.casefold(), term)

    due = [term for term in dict.fromkeys(terms) if is_due(words.get(term), now)]
    return sorted(due, key=order)


def recall_unlocked(record: WordRecord | None) -> bool:
    """Russian-to-English recall is offered after two successful reviews of the word."""
    return record is not None and record.right >= RECALL_AFTER


def is_new(record: WordRecord | None) -> bool:
    """A word the learner has never answered: new, not "due for review"."""
    return record is None or record.last_review is None


def new_and_due(terms: list[str], words: dict[str, WordRecord], now: datetime) -> tuple[list[str], list[str]]:
    """(new words, words due for review), kept apart because a learner reads them differently.

    New words keep the order of `terms` (the caller decides what to learn first: the course
    order, the lessons begun first); due words come in `due_terms` order. A term listed twice
    appears once.
    """
    unique = list(dict.fromkeys(terms))
    new = [term for term in unique if is_new(words.get(term))]
    seen = [term for term in unique if not is_new(words.get(term))]
    return new, due_terms(seen, words, now)


def pick_session(terms: list[str], words: dict[str, WordRecord], now: datetime, size: int) -> list[str]:
    """`size` cards: reviews that are due first, then new words in the order of `terms`.

    Reviews go first because they are the words about to be forgotten; new words fill the
    rest of the session (the trainer offers 10 or 20; any positive size works here).
    """
    if size < 1:
        raise ValueError(f"a session needs at least one card, not {size}")
    new, due = new_and_due(terms, words, now)
    return (due + new)[:size]
