"""What the notebooks record, as pure functions: a Progress in, a new Progress out.

Each function takes the progress and the event (with its time, `now`) and returns the
progress after it; the one given is never changed. The store (lessonkit.progress) only
persists: it applies one of these under its lock and writes the result. Kept apart so the
rules can be tested and replayed (after a failed save) without any file.

A bad argument raises ValueError before anything is applied, so nothing is saved.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any, get_args

from pydantic import JsonValue

from ..content.languages import LANGUAGES, Language
from ..marking.answers import ExerciseResult, ItemResult, pad
from .leitner import review
from .progress_model import (
    Claim,
    ClaimKind,
    ExerciseRecord,
    ItemAnswer,
    ItemOutcome,
    Prediction,
    Progress,
    QuizAttempt,
    QuizExercise,
    SavedAnswer,
)

CLAIM_KINDS: tuple[ClaimKind, ...] = get_args(ClaimKind)
MAX_CLAIM = 4000  # characters of a claimed answer that are kept
MAX_ANSWER = 500  # characters of learner text kept per item of the last check
MAX_PARTS = 50  # options, labels or cells kept per item
MAX_NAME = 80  # characters of the learner's name
MAX_QUIZ_ANSWER = 3000  # characters of learner text kept per item of a saved quiz answer (a whole written text)
MAX_ATTEMPTS = 500  # quiz attempts kept, the latest
MAX_PREDICTION = 2000  # characters of a lesson's prediction that are kept


def storable(answer: Any, budget: int = MAX_ANSWER) -> JsonValue:
    """A checker's input for one item as JSON, with at most `budget` characters of text in all.

    Sets (chosen options) become sorted lists, an open task's answer {"text", "ticked"};
    anything else unknown becomes its text.
    """
    left = [budget]

    def walk(value: Any, depth: int) -> JsonValue:
        if value is None or isinstance(value, (bool, int)):
            return value
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            value = dataclasses.asdict(value)
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=str)
        if depth < 3 and isinstance(value, dict):
            return {str(k)[:100]: walk(v, depth + 1) for k, v in list(value.items())[:MAX_PARTS]}
        if depth < 3 and isinstance(value, (list, tuple)):
            return [walk(v, depth + 1) for v in list(value)[:MAX_PARTS]]
        text = str(value)[: left[0]]
        left[0] -= len(text)
        return text

    return walk(answer, 0)


def outcome(item: ItemResult) -> ItemOutcome:
    """The checker's verdict in the file's words: an answer it could not read counts as wrong,
    and a wrong one with some of it right (cells of a row, meanings found) as partial."""
    if item.status == "right" or item.status == "unanswered":
        return item.status
    return "partial" if item.status == "wrong" and (any(item.cells) or item.found) else "wrong"


def item_answers(result: ExerciseResult, responses: Sequence[Any]) -> list[ItemAnswer]:
    """What a check stores per item: the answer given (capped) and the verdict on it."""
    return [ItemAnswer(answer=storable(answer), result=outcome(item)) for answer, item in zip(pad(responses, len(result.items)), result.items)]


def record_check(progress: Progress, exercise_id: str, lesson: str, score: int, total: int,
                 wrong_items: list[int], now: datetime, answers: Sequence[ItemAnswer] | None = None) -> Progress:
    """One press of Check: attempts, the latest and best score, which items were wrong and,
    when given (see `item_answers`), the answers of this check, replacing the last ones."""
    if not 0 <= score <= total:
        raise ValueError(f"score {score} of {total} is impossible; it must be between 0 and the total")
    bad = [n for n in wrong_items if not isinstance(n, int) or isinstance(n, bool) or n < 1]
    if bad:
        raise ValueError(f"wrong_items {bad} are not item numbers (1, 2, ...)")
    if answers is not None and len(answers) != total:
        raise ValueError(f"{len(answers)} answers for {total} items; give one per item")
    after = progress.model_copy(deep=True)
    record = after.exercises.get(exercise_id) or ExerciseRecord(lesson=lesson, last_checked=now)
    record.lesson = lesson
    record.attempts += 1
    record.score, record.total, record.last_checked = score, total, now
    record.best = max(record.best, score)
    for item in wrong_items:
        record.missed_items[str(item)] = record.missed_items.get(str(item), 0) + 1
    if answers is not None:
        record.last_answers = [answer.model_copy() for answer in answers]
    after.exercises[exercise_id] = record
    return after


def save_quiz_answer(progress: Progress, exercise_id: str, lesson: str, responses: Sequence[Any], now: datetime,
                     marked: bool = False) -> Progress:
    """Save answer in a quiz: the learner's answers as the browser holds them, not marked (Finish
    saves them `marked`), replacing any saved before (see `SavedAnswer`)."""
    after = progress.model_copy(deep=True)
    kept = [storable(response, MAX_QUIZ_ANSWER) for response in list(responses)[:500]]
    after.quiz_answers[exercise_id] = SavedAnswer(lesson=lesson, responses=kept, saved=now, marked=marked)
    return after


@dataclasses.dataclass(frozen=True)
class QuizMark:
    """One exercise as Finish marked it: the checker's score, the wrong items (from 1), the
    answers with their verdicts (`item_answers`) and the responses as the browser holds them."""

    exercise_id: str
    score: int
    total: int
    wrong_items: list[int]
    answers: list[ItemAnswer]
    responses: list[Any]

    @property
    def answered(self) -> bool:
        return any(answer.result != "unanswered" for answer in self.answers)


def record_quiz(progress: Progress, lesson: str, marks: Sequence[QuizMark], now: datetime) -> Progress:
    """One press of Finish: each answered exercise counts as a check (the progress page and the
    class report read it) and keeps its answers; the whole lesson is one quiz attempt."""
    after = progress
    for mark in marks:
        if mark.answered:
            after = record_check(after, mark.exercise_id, lesson, mark.score, mark.total, mark.wrong_items, now, mark.answers)
            after = save_quiz_answer(after, mark.exercise_id, lesson, mark.responses, now, marked=True)
    after = after.model_copy(deep=True)
    exercises = {mark.exercise_id: QuizExercise(score=mark.score, total=mark.total, answers=[a.model_copy() for a in mark.answers])
                 for mark in marks}
    attempt = QuizAttempt(lesson=lesson, finished=now, score=sum(m.score for m in marks), total=sum(m.total for m in marks),
                          exercises=exercises)
    after.quiz_attempts = [*after.quiz_attempts, attempt][-MAX_ATTEMPTS:]
    return after


def save_prediction(progress: Progress, lesson: str, text: str, now: datetime) -> Progress:
    """The learner's prediction for a lesson (its answer box), replacing any saved before; an
    empty one removes it. Nothing is marked."""
    after = progress.model_copy(deep=True)
    kept = str(text).strip()[:MAX_PREDICTION]
    predictions = {key: value for key, value in after.predictions.items() if key != lesson}
    if kept:
        predictions[lesson] = Prediction(text=kept, saved=now)
    after.predictions = predictions
    return after


def record_claim(progress: Progress, exercise_id: str, lesson: str, item: int, answer: str, kind: str,
                 now: datetime) -> Progress:
    """A learner's claim about one checked item (see `Claim`); the checker's score is left alone."""
    if kind not in CLAIM_KINDS:
        raise ValueError(f"a claim is 'self_credited' or 'should_be_accepted', not {kind!r}")
    after = progress.model_copy(deep=True)
    record = after.exercises.get(exercise_id) or ExerciseRecord(lesson=lesson, last_checked=now)
    record.claims.append(Claim(item=item, answer=answer[:MAX_CLAIM], kind=kind, at=now))  # type: ignore[arg-type]
    after.exercises[exercise_id] = record
    return after


def record_review(progress: Progress, term: str, right: bool, now: datetime) -> Progress:
    """One trainer answer: the word's card moves between Leitner boxes (see lessonkit.leitner)."""
    after = progress.model_copy(deep=True)
    after.words[term] = review(after.words.get(term), right, now)
    return after


def set_language(progress: Progress, lang: Language) -> Progress:
    """The interface language the learner chose, for the next notebook they open."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be 'en' or 'ru', not {lang!r}")
    return progress.model_copy(update={"language": lang}, deep=True)


def set_name(progress: Progress, name: str) -> Progress:
    """The name (or pseudonym) the learner gives for exports: one line, without control
    characters, at most MAX_NAME characters; "" for none."""
    kinds = [(ch, unicodedata.category(ch)) for ch in str(name)]
    # Invisible format characters (zero-width space, ...) go; control characters and odd spaces are spaces.
    visible = "".join(" " if kind[0] in "CZ" else ch for ch, kind in kinds if kind != "Cf")
    return progress.model_copy(update={"name": " ".join(visible.split())[:MAX_NAME]}, deep=True)


def start_again(progress: Progress) -> Progress:
    """A reset: nothing checked, no words reviewed, but the language and the name the learner chose."""
    return Progress(language=progress.language, name=progress.name)
