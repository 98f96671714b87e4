"""Checking answers: one pure function per exercise kind, no widgets.

Each checker takes an exercise record and the learner's responses (one per item) and
returns an `ExerciseResult`. Nothing here raises on bad input: an unreadable answer is a
result with a `problem`, which the view turns into a helpful message. Which checker marks
which kind is said once, in `lessonkit.kinds` (`kinds.check` picks it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .input_checks import MAX_ANSWER_LENGTH, InputProblem, input_problem, language_problem
from .normalise import contains_term, find_term, same_answer, strip_invisible

if TYPE_CHECKING:  # the schema is only needed for type hints here, not at import
    from ..content import exercise_model

Status = Literal["right", "wrong", "unanswered", "invalid"]


@dataclass(frozen=True)
class ItemResult:
    status: Status
    note: str = ""  # feedback from the data for this particular answer (a chosen distractor...)
    missing: tuple[str, ...] = ()  # meanings (key-term groups) not found, for typed answers
    found: tuple[str, ...] = ()  # meanings found, so feedback can say what is already right
    problem: InputProblem | None = None
    cells: tuple[bool, ...] = ()  # right/wrong per blank cell, for tables
    words: int | None = None  # the words an open task's text has, counted in any script

    @property
    def right(self) -> bool:
        return self.status == "right"


@dataclass(frozen=True)
class ExerciseResult:
    exercise_id: str
    items: tuple[ItemResult, ...] = field(default_factory=tuple)

    @property
    def score(self) -> int:
        return sum(1 for item in self.items if item.right)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.score == self.total


@dataclass(frozen=True)
class OpenResponse:
    """An open task's answer: the text written and the self-check boxes ticked."""

    text: str = ""
    ticked: frozenset[int] = frozenset()


# Words in any script: open tasks may be written in Russian (a mediation into Russian).
ANY_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words of a text in any script ("ministry's", "из-за" and "2012" are one word each);
    zero-width characters and soft hyphens pasted inside a word do not make it two."""
    return len(ANY_WORD.findall(strip_invisible(text)))

RIGHT = ItemResult("right")
WRONG = ItemResult("wrong")
UNANSWERED = ItemResult("unanswered")


def _choice(given: Any, expected: str, notes: dict[str, str] | None = None) -> ItemResult:
    if given is None or given == "":
        return UNANSWERED
    if given == expected:
        return RIGHT
    return ItemResult("wrong", note=(notes or {}).get(given, ""))


def _typed(given: Any, keys: Sequence[str]) -> ItemResult:
    text = given if isinstance(given, str) else ""
    problem = input_problem(text, vocabulary=keys)
    if problem is not None:
        return ItemResult("unanswered" if problem.code == "empty" else "invalid", problem=problem)
    return RIGHT if any(same_answer(text, key) for key in keys) else WRONG


def term_label(group: Sequence[str], model_answer: str = "") -> str:
    """A readable name for a key-term group, for "your answer does not yet express …".

    The data writes groups such as ["practi*", "practice", "practise"]: the stem is for
    matching, not for reading. So the first whole word of the group is named; if every term
    is a stem, the word the model answer uses for it ("practi*" -> "practices"); only when
    neither exists, the stem marked as unfinished ("practi…").
    """
    whole = next((term for term in group if not term.endswith("*")), None)
    if whole is not None:
        return whole
    for term in group:
        found = find_term(model_answer, term)
        if found:
            # "Recognize …" opens the model answer; in the feedback list it is an ordinary word.
            # Acronyms and capitals inside the sentence (States, Diplomacy Training Program) stay.
            if model_answer.lstrip().startswith(found) and not any(ch.isupper() for ch in found.split()[0][1:]):
                found = found[0].lower() + found[1:]
            return found
    return group[0].rstrip("*") + "…"


def _key_terms(text: str, item: exercise_model.KeyTermsMixin) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """Whether enough meanings are there, and the meanings missing and found, as words."""
    present = [any(contains_term(text, t) for t in group) for group in item.key_terms]
    missing = tuple(term_label(g, item.model_answer) for g, here in zip(item.key_terms, present) if not here)
    found = tuple(term_label(g, item.model_answer) for g, here in zip(item.key_terms, present) if here)
    needed = item.min_terms or len(item.key_terms)
    return len(found) >= needed, missing, found


def pad(responses: Sequence[Any], size: int) -> list[Any]:
    """One response per item, whatever the caller passed (missing ones count as unanswered)."""
    listed = list(responses or [])[:size]
    return listed + [None] * (size - len(listed))


def check_single_choice(exercise: exercise_model.SingleChoice, responses: Sequence[Any]) -> ExerciseResult:
    given = pad(responses, len(exercise.items))
    return ExerciseResult(
        exercise.id,
        tuple(_choice(g, item.answer, item.option_feedback) for g, item in zip(given, exercise.items)),
    )


def check_multiple_select(exercise: exercise_model.MultipleSelect, responses: Sequence[Any]) -> ExerciseResult:
    results = []
    for given, item in zip(pad(responses, len(exercise.items)), exercise.items):
        chosen = set(given or ())
        if not chosen:
            results.append(UNANSWERED)
        else:
            results.append(RIGHT if chosen == set(item.answers) else WRONG)
    return ExerciseResult(exercise.id, tuple(results))


def check_judgements(
    exercise: exercise_model.TrueFalseNotGiven | exercise_model.StatedInferred, responses: Sequence[Any]
) -> ExerciseResult:
    given = pad(responses, len(exercise.items))
    items: Sequence[exercise_model.JudgementItem | exercise_model.StanceItem] = exercise.items
    return ExerciseResult(exercise.id, tuple(_choice(g, item.answer) for g, item in zip(given, items)))


def check_matching(exercise: exercise_model.Matching, responses: Sequence[Any]) -> ExerciseResult:
    given = pad(responses, len(exercise.items))
    return ExerciseResult(
        exercise.id,
        tuple(_choice(g, item.answer, exercise.distractor_feedback) for g, item in zip(given, exercise.items)),
    )


def check_gap_fill(exercise: exercise_model.GapFill | exercise_model.WordFormation, responses: Sequence[Any]) -> ExerciseResult:
    given = pad(responses, len(exercise.items))
    return ExerciseResult(
        exercise.id, tuple(_typed(g, [item.answer, *item.accept]) for g, item in zip(given, exercise.items))
    )


def check_ordering(exercise: exercise_model.Ordering, responses: Sequence[Any]) -> ExerciseResult:
    results = []
    for given, item in zip(pad(responses, len(exercise.items)), exercise.items):
        order = parse_order(given)
        if not order or all(label is None for label in order):
            results.append(UNANSWERED)
        else:
            results.append(RIGHT if list(order) == item.answer else WRONG)
    return ExerciseResult(exercise.id, tuple(results))


def parse_order(given: Any) -> list[str | None]:
    """Accept a list of labels or typed text such as "BCAD", "B-C-A-D" or "b, c, a, d"."""
    if isinstance(given, str):
        return [ch for ch in given.upper() if ch.isalpha()]
    return [label or None for label in (given or [])]


def check_key_terms(exercise: exercise_model.ShortAnswer | exercise_model.Translation, responses: Sequence[Any]) -> ExerciseResult:
    results = []
    items: Sequence[exercise_model.ShortAnswerItem | exercise_model.TranslationItem] = exercise.items
    for given, item in zip(pad(responses, len(exercise.items)), items):
        text = given if isinstance(given, str) else ""
        vocabulary = [item.model_answer, *(term.rstrip("*") for group in item.key_terms for term in group)]
        problem = input_problem(text, vocabulary=vocabulary)
        if problem is not None:
            results.append(ItemResult("unanswered" if problem.code == "empty" else "invalid", problem=problem))
            continue
        flags = [flag.message for flag in getattr(item, "red_flags", []) if contains_term(text, flag.term)]
        enough, missing, found = _key_terms(text, item)
        if flags:
            results.append(ItemResult("wrong", note=flags[0], missing=missing, found=found))
        else:
            results.append(ItemResult("right" if enough else "wrong", missing=() if enough else missing,
                                      found=() if enough else found))
    return ExerciseResult(exercise.id, tuple(results))


def check_open_task(exercise: exercise_model.OpenTask, responses: Sequence[Any]) -> ExerciseResult:
    """A written text within its word limits and in the language the task asks for, or a
    speaking task's notes; either is right once every point of the self-check list is ticked."""
    results = []
    for given, item in zip(pad(responses, len(exercise.items)), exercise.items):
        response = given if isinstance(given, OpenResponse) else OpenResponse(given if isinstance(given, str) else "")
        check_one = _speaking if item.mode == "speaking" else _writing
        results.append(check_one(response, item))
    return ExerciseResult(exercise.id, tuple(results))


def _self_checked(response: OpenResponse, item: exercise_model.OpenTaskItem, words: int) -> ItemResult:
    if set(range(len(item.checklist))) <= set(response.ticked):
        return ItemResult("right", words=words)
    return ItemResult("wrong", note="self_check_pending", words=words)


def _writing(response: OpenResponse, item: exercise_model.OpenTaskItem) -> ItemResult:
    problem = input_problem(response.text, expect_english=False) or language_problem(response.text, item.answer_lang)
    if problem is not None:
        return ItemResult("unanswered" if problem.code == "empty" else "invalid", problem=problem)
    count = count_words(response.text)
    if count < item.min_words:
        return ItemResult("invalid", problem=InputProblem("too_short", str(item.min_words)), words=count)
    if item.max_words and count > item.max_words:
        return ItemResult("invalid", problem=InputProblem("too_many_words", str(item.max_words)), words=count)
    return _self_checked(response, item, count)


def _speaking(response: OpenResponse, item: exercise_model.OpenTaskItem) -> ItemResult:
    """Notes are optional (some speak without them) and in either language; ticking the
    self-check list after speaking is the answer."""
    if len(response.text) > MAX_ANSWER_LENGTH:
        return ItemResult("invalid", problem=InputProblem("too_long", str(MAX_ANSWER_LENGTH)))
    count = count_words(response.text)
    if not count and not response.ticked:
        return UNANSWERED
    if item.max_words and count > item.max_words:
        return ItemResult("invalid", problem=InputProblem("notes_too_long", str(item.max_words)), words=count)
    return _self_checked(response, item, count)


def check_table(exercise: exercise_model.TableCompletion, responses: Sequence[Any]) -> ExerciseResult:
    """Each row is an item; each blank cell is checked on its own."""
    results = []
    for given, row in zip(pad(responses, len(exercise.items)), exercise.items):
        entries = given if isinstance(given, dict) else {}
        cells = [_typed(entries.get(column, ""), answers) for column, answers in row.blanks.items()]
        if all(cell.status == "unanswered" for cell in cells):
            results.append(UNANSWERED)
            continue
        problem = next((cell.problem for cell in cells if cell.status == "invalid"), None)
        marks = tuple(cell.right for cell in cells)
        status: Status = "right" if all(marks) else ("invalid" if problem else "wrong")
        results.append(ItemResult(status, problem=problem, cells=marks))
    return ExerciseResult(exercise.id, tuple(results))
