"""Validating a file's fields against the schema (`model`, `exercise_model`), in the authors' words.

pydantic reports an error as a location tuple and a type code (`('exercises', 3,
'single_choice', 'items', 0, 'answer')`, `missing`). Authors think in exercise ids and
field names, so each error becomes a `Problem` that names the exercise (or paragraph, or
glossary term), the field path as the file writes it, and what to do about it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import exercise_model, model
from .plan_model import MATERIAL_KINDS
from .problems import Problem

M = TypeVar("M", bound=BaseModel)

# What an author does about each kind of pydantic error.
_FIXES = {
    "missing": "add the field (see data/README.md)",
    "extra_forbidden": "remove the field or correct its spelling (see data/README.md)",
    "string_type": "write it as text",
    "string_too_short": "write some text; it must not be empty",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "list_type": "write a list (lines starting with '- ')",
    "dict_type": "write a mapping of fields",
    "too_short": "add the missing entries",
    "string_pattern_mismatch": "use the form shown in data/README.md",
    "literal_error": "use one of the values named",
    "union_tag_invalid": "use one of the exercise kinds listed in data/README.md",
    "union_tag_not_found": "add `kind:` with one of the exercise kinds listed in data/README.md",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "model_attributes_type": "write a mapping of fields",
    "model_type": "write a mapping of fields",
}
# Fields whose fix names the values to write: (field, error type) -> what to do.
_PART = ("write `part: core` (the exercise carries the lesson's goals and counts in its self-study time) "
         "or `part: optional` (extra practice) on the line after `kind:` (see data/README.md, \"Load\")")
_FIELD_FIXES = {("part", "missing"): _PART, ("part", "literal_error"): _PART}
# Lists whose entries are named by their place ("item 2") when they have no id of their own.
# The `kind:` values pydantic adds to an error's location inside a discriminated union.
_UNION_TAGS = frozenset(exercise_model.EXERCISE_KINDS) | frozenset(MATERIAL_KINDS)
_SINGULAR = {"items": "item", "entries": "entry", "paragraphs": "paragraph", "sections": "section", "events": "event",
             "in_class": "in_class step", "flipped": "flipped step", "roles": "role", "cards": "card", "groups": "group",
             "rows": "row", "rubric": "rubric criterion", "levels": "level"}


def label(raw: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Item id (exercise id, paragraph id or term) and the readable field path of an error.

    The location is walked through the raw data so that a list index becomes the id of
    the entry it points at, which is what the author searches the file for.
    """
    item = ""
    node = raw
    path: list[str] = []
    for part in loc:
        if isinstance(part, str) and part in _UNION_TAGS and not (isinstance(node, dict) and part in node):
            continue  # the union tag pydantic adds to the location
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            named = node.get("id") or node.get("term") if isinstance(node, dict) else None
            if named and not item:
                item, path = str(named), []
                continue
            parent = path.pop() if path else "entry"
            singular = _SINGULAR.get(parent)
            path.append(f"{singular} {part + 1}" if singular else f"{parent}[{part + 1}]")
            continue
        node = node.get(part) if isinstance(node, dict) else None
        path.append(str(part))
    return item, ".".join(path)


def validate(cls: type[M], raw: Any, name: str) -> tuple[M | None, list[Problem]]:
    """`raw` as a `cls` record, or None and one Problem per schema error.

    A model's own checks raise "what; fix" as a value error: the two halves become the
    Problem's `what` and `fix`, so the schema can say how to mend what it refuses.
    """
    try:
        return cls.model_validate(raw), []
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            item, field = label(raw, tuple(detail["loc"]))
            kind = detail["type"]
            message = detail["msg"]
            if kind == "value_error":
                message = message.removeprefix("Value error, ")
                what, _, fix = message.partition("; ")
                problems.append(Problem(name, item, f"{field}: {what}" if field else what, fix or "correct it"))
                continue
            material = "materials" in detail["loc"] and kind.startswith("union_tag")
            if kind == "union_tag_invalid":
                message = f"unknown {'material' if material else 'exercise'} kind {detail.get('ctx', {}).get('tag')!r}"
            message = message[:1].lower() + message[1:]
            fix = _FIELD_FIXES.get((str(detail["loc"][-1]) if detail["loc"] else "", kind)) or _FIXES.get(kind, "correct the value")
            if material:
                fix = f"use one of the material kinds: {', '.join(MATERIAL_KINDS)} (see data/README.md)"
            problems.append(Problem(name, item, f"{field}: {message}" if field else message, fix))
        return None, problems


class _ExerciseHolder(BaseModel):
    """Wraps one exercise so its errors are located like those of a whole lesson file."""

    exercises: list[exercise_model.Exercise]


_EXERCISE = TypeAdapter(exercise_model.Exercise)


def validate_lesson(raw: dict[str, Any], name: str) -> tuple[model.Lesson | None, list[Problem], set[str]]:
    """Validate each exercise on its own, so one broken exercise does not hide the others.

    Returns the lesson (with its valid exercises), the problems, and the ids of the
    exercises that were left out because they are broken.
    """
    problems: list[Problem] = []
    valid: list[Any] = []
    broken: set[str] = set()
    raw_exercises = raw.get("exercises")
    if isinstance(raw_exercises, list) and raw_exercises:
        for entry in raw_exercises:
            try:
                valid.append(_EXERCISE.validate_python(entry))
            except ValidationError:
                _, found = validate(_ExerciseHolder, {"exercises": [entry]}, name)
                problems += found
                if isinstance(entry, dict) and entry.get("id"):
                    broken.add(str(entry["id"]))
        raw = {**raw, "exercises": valid or raw_exercises}
    lesson, found = validate(model.Lesson, raw, name)
    return lesson, problems + found, broken
