"""Leitner scheduling for the vocabulary trainer: pure functions, no I/O.

Five boxes. A right answer moves a card up one box, a wrong one back to box 1. A box is
due again after a fixed number of days; the intervals grow simply with the box. This is
the plain Leitner system, not a claim that these intervals are optimal: spaced retrieval
helps, and research has not shown that one growing schedule beats another.
"""

from __future__ import annotations

from datetime import datetime

from .progress import WordRecord

BOXES = 5
INTERVAL_DAYS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}
RECALL_AFTER = 2  # successful recognitions before Russian-to-English recall is offered


def review(record: WordRecord | None, right: bool, now: datetime) -> WordRecord:
    """The card after one answer: up a box when right, back to box 1 when wrong."""
    card = record.model_copy() if record is not None else WordRecord()
    if right:
        card.box = min(card.box + 1, BOXES) if record is not None else 2
        card.right += 1
        card.direction_successes += 1
    else:
        card.box = 1
        card.wrong += 1
    card.last_review = now
    return card


def is_due(record: WordRecord | None, now: datetime) -> bool:
    """A new card, a card in box 1, or one whose interval has passed."""
    if record is None or record.last_review is None or record.box == 1:
        return True
    return (now - record.last_review).total_seconds() >= INTERVAL_DAYS[record.box] * 86400


def due_terms(terms: list[str], words: dict[str, WordRecord], now: datetime) -> list[str]:
    """Due terms, lowest box first, then the longest unreviewed, then alphabetically."""
    due = [term for term in terms if is_due(words.get(term), now)]

    def order(term: str) -> tuple[int, float, str]:
        record = words.get(term)
        if record is None or record.last_review is None:
            return (0, 0.0, term.casefold())
        return (record.box, record.last_review.timestamp(), term.casefold())

    return sorted(due, key=order)


def recall_unlocked(record: WordRecord | None) -> bool:
    """Russian-to-English recall comes after two successful recognitions."""
    return record is not None and record.direction_successes >= RECALL_AFTER


def pick_session(terms: list[str], words: dict[str, WordRecord], now: datetime, size: int) -> list[str]:
    if size < 1:
        raise ValueError(f"a session needs at least one card, not {size}")
    return due_terms(terms, words, now)[:size]
