"""What the notebooks record, as pure functions: a Progress in, a new Progress out.

Each function takes the progress and the event (with its time, `now`) and returns the
progress after it; the one given is never changed. The store (lessonkit.progress) only
persists: it applies one of these under its lock and writes the result. Kept apart so the
rules can be tested and replayed (after a failed save) without any file.

A bad argument raises ValueError before anything is applied, so nothing is saved.
"""

from __future__ import annotations

from datetime import datetime

from ..content.languages import LANGUAGES, Language
from .leitner import review
from .progress_model import Claim, ClaimKind, ExerciseRecord, Progress

CLAIM_KINDS: tuple[ClaimKind, ...] = ("self_credited", "should_be_accepted")
MAX_CLAIM = 4000  # characters of a claimed answer that are kept


def record_check(progress: Progress, exercise_id: str, lesson: str, score: int, total: int,
                 wrong_items: list[int], now: datetime) -> Progress:
    """One press of Check: attempts, the latest and best score, and which items were wrong."""
    if not 0 <= score <= total:
        raise ValueError(f"score {score} of {total} is impossible; it must be between 0 and the total")
    bad = [n for n in wrong_items if not isinstance(n, int) or isinstance(n, bool) or n < 1]
    if bad:
        raise ValueError(f"wrong_items {bad} are not item numbers (1, 2, ...)")
    after = progress.model_copy(deep=True)
    record = after.exercises.get(exercise_id) or ExerciseRecord(lesson=lesson, last_checked=now)
    record.lesson = lesson
    record.attempts += 1
    record.score, record.total, record.last_checked = score, total, now
    record.best = max(record.best, score)
    for item in wrong_items:
        record.missed_items[str(item)] = record.missed_items.get(str(item), 0) + 1
    after.exercises[exercise_id] = record
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


def start_again(progress: Progress) -> Progress:
    """A reset: nothing checked, no words reviewed, but the language the learner chose."""
    return Progress(language=progress.language)
