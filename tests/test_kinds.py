"""The kind registry against every other place a kind must appear: the pydantic union, the
checkers, the widget's controls, widgets.js and the course data. Adding a kind without one
of its pieces fails here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from lessonkit.content import exercise_model
from lessonkit.content.kinds import DEFINITIONS, KINDS, answer_text, check, key_responses, kind_of
from lessonkit.marking import answers
from lessonkit.views.course_widget import STATIC
from lessonkit.views.item_specs import CONTROLS, checker_input, empty_response, item_spec

ROOT = Path(__file__).resolve().parent.parent


def test_registry_and_model_union_name_the_same_kinds():
    assert len(KINDS) == len(DEFINITIONS), "a kind is registered twice"
    assert tuple(definition.record for definition in DEFINITIONS) == exercise_model.EXERCISE_CLASSES
    assert tuple(KINDS) == exercise_model.EXERCISE_KINDS
    for key, definition in KINDS.items():
        assert get_args(definition.record.model_fields["kind"].annotation) == (key,), key


@pytest.mark.parametrize("key", list(KINDS))
def test_every_definition_is_complete(key):
    definition = KINDS[key]
    assert callable(definition.checker) and definition.checker.__module__ == answers.__name__, key
    assert definition.name_en.strip() and definition.name_ru.strip(), key
    assert re.search("[а-яё]", definition.name_ru), f"{key}: the Russian name has no Russian word"
    assert definition.control in CONTROLS, f"{key}: no control {definition.control!r} in item_specs.CONTROLS"
    item_fields = definition.record.model_fields["items"].annotation
    if definition.stem is not None:
        assert definition.stem in get_args(item_fields)[0].model_fields, f"{key}: items have no field {definition.stem!r}"
    if definition.control == "judgement":
        assert definition.scale, f"{key}: a judgement needs its scale"


def test_every_registered_kind_is_in_the_course(course):
    used = {exercise.kind for _, exercise in course.all_exercises()}
    assert set(KINDS) <= used, sorted(set(KINDS) - used)


def test_key_responses_pass_their_checker_on_every_item(course):
    for _, exercise in course.all_exercises():
        result = kind_of(exercise).checker(exercise, key_responses(exercise))
        assert [item.status for item in result.items] == ["right"] * len(exercise.items), exercise.id
        assert all(answer_text(exercise, n).strip() for n in range(len(exercise.items))), exercise.id


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_item_draws_and_an_untouched_item_is_unanswered(course, lang):
    for _, exercise in course.all_exercises():
        specs = [item_spec(exercise, n, lang) for n in range(len(exercise.items))]
        assert {spec["type"] for spec in specs} == {kind_of(exercise).control}, exercise.id
        untouched = [checker_input(spec, empty_response(spec)) for spec in specs]
        statuses = [item.status for item in check(exercise, untouched).items]
        assert statuses == ["unanswered"] * len(specs), exercise.id


def test_typed_kinds_give_their_examples_per_blank(course):
    for _, exercise in course.all_exercises():
        definition = kind_of(exercise)
        if definition.fairness is None:
            continue
        for item in exercise.items:
            sets = definition.example_sets(item)
            assert sets and all(examples is not None for _, examples in sets), exercise.id


def test_widgets_js_has_a_builder_for_every_control():
    script = (STATIC / "widgets.js").read_text(encoding="utf-8")
    table = re.search(r"const BUILDERS = \{([^}]*)\}", script)
    assert table, "widgets.js has no BUILDERS table"
    builders = dict(re.findall(r"(\w+): (\w+)", table.group(1)))
    for name in builders.values():
        assert re.search(rf"function {name}\(", script), f"widgets.js names {name} but does not define it"
    for control in {definition.control for definition in DEFINITIONS}:
        # A table row is drawn by the table as a whole, not by an item builder.
        assert control in builders or f'.type === "{control}"' in script, f"widgets.js cannot draw {control!r}"


def test_the_registry_and_the_marking_import_no_views():
    code = (
        "import sys, lessonkit.content.model, lessonkit.marking.answers; print('lessonkit.content.kinds' in sys.modules);"
        "import lessonkit.content.kinds; print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'anywidget')"
        " or m in ('lessonkit.views.exercise_widget', 'lessonkit.views.session', 'lessonkit.views.page_widgets', 'lessonkit.views.trainer')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    assert out.split("\n")[:2] == ["False", "[]"]
