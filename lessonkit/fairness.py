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

from .answers import check, key_responses

KEY_TERM_KINDS = ("short_answer", "translation")
GAP_KINDS = ("gap_fill", "word_formation")
TYPED_KINDS = (*KEY_TERM_KINDS, *GAP_KINDS, "table_completion")
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
    for n, item in enumerate(exercise.items):
        if exercise.kind == "table_completion":
            for column, examples in item.examples.items():
                for answer in examples.accept:
                    yield Example(n, column, answer, True)
                for answer in examples.reject:
                    yield Example(n, column, answer, False)
        elif exercise.kind in TYPED_KINDS:
            for answer in item.examples.accept:
                yield Example(n, None, answer, True)
            for answer in item.examples.reject:
                yield Example(n, None, answer, False)


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
    if exercise.kind not in TYPED_KINDS:
        return []
    rule = "key_terms" if exercise.kind in KEY_TERM_KINDS else "form"
    lines = []
    for n, item in enumerate(exercise.items, start=1):
        if exercise.kind == "table_completion":
            sets = [(f"item {n}, {column}", item.examples.get(column)) for column in item.blanks]
        else:
            sets = [(f"item {n}", item.examples)]
        for where, examples in sets:
            accepted = len(examples.accept) if examples else 0
            rejected = len(examples.reject) if examples else 0
            if accepted < MIN_ACCEPT[rule] or rejected < MIN_REJECT[rule]:
                lines.append(f"{where}: {accepted} accepted and {rejected} rejected examples; "
                             f"give at least {MIN_ACCEPT[rule]} and {MIN_REJECT[rule]}")
    return lines
