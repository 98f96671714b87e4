"""Leitner scheduling with a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from lessonkit.leitner import INTERVAL_DAYS, due_terms, is_due, pick_session, recall_unlocked, review
from lessonkit.progress import WordRecord

DAY0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def at(days: float) -> datetime:
    return DAY0 + timedelta(days=days)


def test_right_moves_up_one_box_and_wrong_goes_back_to_box_one():
    card = review(None, True, DAY0)
    assert card.box == 2
    for expected in (3, 4, 5, 5):
        card = review(card, True, DAY0)
        assert card.box == expected
    card = review(card, False, DAY0)
    assert (card.box, card.right, card.wrong) == (1, 5, 1)


@pytest.mark.parametrize("box", [2, 3, 4, 5])
def test_a_box_is_due_after_its_interval(box):
    card = WordRecord(box=box, last_review=DAY0)
    days = INTERVAL_DAYS[box]
    assert not is_due(card, at(days - 0.01))
    assert is_due(card, at(days))


def test_new_cards_and_box_one_are_always_due():
    assert is_due(None, DAY0)
    assert is_due(WordRecord(box=1, last_review=DAY0), DAY0)


def test_what_is_due_on_each_day_and_in_what_order():
    words = {f"w{b}": WordRecord(box=b, last_review=DAY0) for b in range(1, 6)}
    terms = ["new", *words]
    assert due_terms(terms, words, at(0)) == ["new", "w1"]
    assert due_terms(terms, words, at(1)) == ["new", "w1", "w2"]
    assert due_terms(terms, words, at(3)) == ["new", "w1", "w2", "w3"]
    assert due_terms(terms, words, at(7)) == ["new", "w1", "w2", "w3", "w4"]
    assert due_terms(terms, words, at(14)) == ["new", "w1", "w2", "w3", "w4", "w5"]


def test_order_within_a_box_is_oldest_first_then_alphabetical():
    words = {"b": WordRecord(box=2, last_review=at(0)), "a": WordRecord(box=2, last_review=at(1)), "c": WordRecord(box=2, last_review=at(0))}
    assert due_terms(["a", "b", "c"], words, at(5)) == ["b", "c", "a"]


def test_recall_is_unlocked_after_two_successes():
    card = review(None, True, DAY0)
    assert not recall_unlocked(card)
    card = review(card, False, DAY0)
    card = review(card, True, DAY0)
    assert recall_unlocked(card)


def test_pick_session_sizes():
    terms = [f"t{n:02d}" for n in range(30)]
    assert len(pick_session(terms, {}, DAY0, 10)) == 10
    assert len(pick_session(terms, {}, DAY0, 20)) == 20
    with pytest.raises(ValueError):
        pick_session(terms, {}, DAY0, 0)
