"""Leitner scheduling with a fake clock: plain datetimes passed as `now`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from lessonkit.learner.leitner import (
    INTERVAL_DAYS,
    WordRecord,
    due_terms,
    is_due,
    new_and_due,
    pick_session,
    recall_unlocked,
    review,
)

DAY0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def at(days: float) -> datetime:
    return DAY0 + timedelta(days=days)


def test_the_intervals():
    assert INTERVAL_DAYS == {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}


def test_right_moves_up_one_box_and_the_fifth_box_is_the_last():
    card = review(None, True, DAY0)
    assert (card.box, card.right, card.wrong, card.last_review) == (2, 1, 0, DAY0)
    for day, expected in zip((1, 2, 3, 4), (3, 4, 5, 5)):
        card = review(card, True, at(day))
        assert card.box == expected and card.last_review == at(day)
    assert card.right == 5 and card.wrong == 0


def test_wrong_goes_back_to_box_one_from_any_box():
    for box in range(1, 6):
        card = review(WordRecord(box=box, right=3, last_review=DAY0), False, at(20))
        assert (card.box, card.right, card.wrong, card.last_review) == (1, 3, 1, at(20))
    assert review(None, False, DAY0).box == 1


def test_review_does_not_change_the_record_it_is_given():
    card = WordRecord(box=3, last_review=DAY0)
    review(card, True, at(5))
    assert card == WordRecord(box=3, last_review=DAY0)


@pytest.mark.parametrize(
    "day, due_boxes",
    [(0, {1}), (0.99, {1}), (1, {1, 2}), (3, {1, 2, 3}), (6.99, {1, 2, 3}), (7, {1, 2, 3, 4}), (14, {1, 2, 3, 4, 5})],
)
def test_what_is_due_on_each_day(day, due_boxes):
    cards = {box: WordRecord(box=box, last_review=DAY0) for box in range(1, 6)}
    assert {box for box, card in cards.items() if is_due(card, at(day))} == due_boxes


def test_a_new_word_is_due():
    assert is_due(None, DAY0)
    assert is_due(WordRecord(), DAY0)


def test_due_order_is_box_then_oldest_review_then_alphabetical():
    words = {
        "delta": WordRecord(box=2, last_review=at(0)),
        "alpha": WordRecord(box=2, last_review=at(1)),
        "charlie": WordRecord(box=2, last_review=at(0)),
        "bravo": WordRecord(box=1, last_review=at(4)),
        "echo": WordRecord(box=3, last_review=at(0)),
        "foxtrot": WordRecord(box=5, last_review=at(4)),  # not due yet
    }
    terms = ["zulu", *words, "Yankee"]  # zulu and Yankee were never reviewed
    expected = ["Yankee", "zulu", "bravo", "charlie", "delta", "alpha", "echo"]
    assert due_terms(terms, words, at(5)) == expected
    assert due_terms(list(reversed(terms)), words, at(5)) == expected  # input order does not matter
    assert due_terms(terms + ["zulu"], words, at(5)) == expected  # nor repeats


def test_recall_is_unlocked_after_two_successes():
    assert not recall_unlocked(None)
    card = review(None, True, DAY0)
    assert not recall_unlocked(card)
    card = review(card, False, at(1))
    assert not recall_unlocked(card)
    card = review(card, True, at(1))
    assert recall_unlocked(card) and card.box == 2


def test_pick_session_sizes():
    terms = [f"t{n:02d}" for n in range(30)]
    assert pick_session(terms, {}, DAY0, 10) == terms[:10]
    assert pick_session(terms, {}, DAY0, 20) == terms[:20]
    assert pick_session(terms[:4], {}, DAY0, 10) == terms[:4]  # fewer due than asked for
    assert pick_session(terms, {t: WordRecord(box=5, last_review=DAY0) for t in terms}, at(1), 10) == []
    for size in (0, -1):
        with pytest.raises(ValueError, match="at least one card"):
            pick_session(terms, {}, DAY0, size)


def test_new_words_are_not_counted_as_due():
    words = {
        "seen-due": WordRecord(box=1, last_review=at(0)),
        "seen-later": WordRecord(box=5, last_review=at(0)),
        "seen-older": WordRecord(box=2, last_review=at(-3)),
    }
    terms = ["zulu", "seen-due", "alpha", "seen-later", "seen-older", "zulu"]
    new, due = new_and_due(terms, words, at(1))
    assert new == ["zulu", "alpha"]  # the caller's order (the course's), once each
    assert due == ["seen-due", "seen-older"]  # due order: box, then the oldest review
    assert new_and_due(terms, {}, DAY0) == (["zulu", "seen-due", "alpha", "seen-later", "seen-older"], [])


def test_a_session_takes_due_reviews_first_then_new_words_in_the_given_order():
    words = {"old": WordRecord(box=2, last_review=DAY0)}
    terms = ["charlie", "alpha", "old", "bravo"]
    assert pick_session(terms, words, at(1), 3) == ["old", "charlie", "alpha"]
    assert pick_session(terms, words, at(0.5), 10) == ["charlie", "alpha", "bravo"]  # "old" is not due yet
