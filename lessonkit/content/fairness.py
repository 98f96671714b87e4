"""Fair marking, tested in the data: every typed item carries learner answers that must
pass and answers that must fail, and the checker is run on each.

A key that passes its own checker proves little; a right answer a good learner writes in
other words is what a learner trusts the course by. `lessonkit check` reports every
example the checker misjudges, and every typed item without enough examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .kinds import KINDS, check, key_responses, kind_of

# The kinds whose answers are typed, so that the authors' learner examples are judged.
TYPED_KINDS = tuple(key for key, definition in KINDS.items() if definition.fairness is not None)
# Issue-level rule for authors: meanings are said many ways, forms few.
MIN_ACCEPT = {"key_terms": 5, "form": 1}
MIN_REJECT = {"key_terms": 3, "form": 2}


@dataclass(frozen=True)
class Example:
    item: int  # 0-based
    column: str | None  # the blank of a table row, else None
    answer: str
    accept: bool


def examples_of(exercise: Any) -> Iterator[Example]:
    """Every learner example of a typed exercise, per item and blank (none for other kinds)."""
    definition = kind_of(exercise)
    if definition.fairness is None:
        return
    for n, item in enumerate(exercise.items):
        for column, examples in definition.example_sets(item):
            if examples is None:
                continue
            for answer in examples.accept:
                yield Example(n, column, answer, True)
            for answer in examples.reject:
                yield Example(n, column, answer, False)


def judge(exercise: Any, example: Example) -> tuple[bool, str]:
    """Whether the checker marks `example` right, and what it said."""
    # Only the example's own item is checked: an exercise of one item, built without
    # validating again (the exercise was validated when it was read).
    exercise = type(exercise).model_construct(**{**dict(exercise), "items": [exercise.items[example.item]]})
    example = Example(0, example.column, example.answer, example.accept)
    responses: list[Any] = list(key_responses(exercise))
    if example.column is None:
        responses[example.item] = example.answer
        outcome = check(exercise, responses).items[example.item]
        said = outcome.status + (f" (missing the idea of: {', '.join(outcome.missing)})" if outcome.missing else "")
        if outcome.problem is not None:
            said += f" ({outcome.problem.code}: {outcome.problem.detail})"
        return outcome.right, said
    row = dict(responses[example.item])
    row[example.column] = example.answer
    responses[example.item] = row
    outcome = check(exercise, responses).items[example.item]
    cell = list(exercise.items[example.item].blanks).index(example.column)
    right = bool(outcome.cells) and outcome.cells[cell]
    return right, "right" if right else "wrong"


def misjudged(exercise: Any) -> list[str]:
    """One line per example the checker gets wrong: `item 2: "..." should pass; the checker said wrong`."""
    lines = []
    for example in examples_of(exercise):
        right, said = judge(exercise, example)
        if right != example.accept:
            where = f"item {example.item + 1}" + (f", {example.column}" if example.column else "")
            wanted = "should pass" if example.accept else "should fail"
            lines.append(f"{where}: example {example.answer!r} {wanted}; the checker said {said}")
    return lines


def too_few_examples(exercise: Any) -> list[str]:
    """Typed items that carry fewer examples than the course asks of authors."""
    definition = kind_of(exercise)
    rule = definition.fairness
    if rule is None:
        return []
    lines = []
    for n, item in enumerate(exercise.items, start=1):
        for column, examples in definition.example_sets(item):
            where = f"item {n}, {column}" if column is not None else f"item {n}"
            accepted = len(examples.accept) if examples else 0
            rejected = len(examples.reject) if examples else 0
            if accepted < MIN_ACCEPT[rule] or rejected < MIN_REJECT[rule]:
                lines.append(f"{where}: {accepted} accepted and {rejected} rejected examples; "
                             f"give at least {MIN_ACCEPT[rule]} and {MIN_REJECT[rule]}")
    return lines
