"""The load model: a lesson's minutes from its data, hand-computed on the small course."""

from __future__ import annotations

import pytest
import yaml

from lessonkit.content import load_model
from lessonkit.content.exercise_model import EXERCISE_KINDS
from lessonkit.content.load_model import check_load, exercise_minutes, lesson_load, rounded, writing_minutes


def test_every_exercise_kind_has_its_minutes():
    from typing import get_args

    from lessonkit.content.kinds import KINDS, LoadUnit

    assert set(load_model.MINUTES) == set(get_args(LoadUnit))
    assert set(KINDS) == set(EXERCISE_KINDS) and {kind.load for kind in KINDS.values()} <= set(load_model.MINUTES)


@pytest.mark.parametrize(
    "words, minutes",
    [(30, 8.0), (90, 12.0), (60, 10.0), (45, 9.0), (15, 7.0), (150, 16.0), (None, 10.0)],
)
def test_writing_time_follows_the_word_limit(words, minutes):
    """8 min for 30 words, 12 for 90, on the line through them; no limit: 10 min."""
    assert writing_minutes(words) == pytest.approx(minutes)


def test_each_exercise_of_the_small_course(mini):
    lesson = mini.lessons["RIV-1"]
    minutes = {exercise.id: exercise_minutes(exercise) for exercise in lesson.exercises}
    assert minutes == pytest.approx({
        "RIV1-01": 0.75,  # one choice
        "RIV1-02": 0.75,  # one multiple-select item
        "RIV1-03": 1.5,  # two judgements
        "RIV1-04": 0.75,
        "RIV1-05": 1.5,  # two matches
        "RIV1-06": 0.75,  # one ordering
        "RIV1-07": 1.5,  # two gaps
        "RIV1-08": 0.75,  # one word to form
        "RIV1-09": 2.0,  # one short answer
        "RIV1-10": 3.0,  # one sentence to translate
        "RIV1-11": 8 + 10 / 15,  # writing, at most 40 words: 8 min + 10 words × 4/60
        "RIV1-12": 1.5,  # two blank cells
    })


def test_the_small_course_lesson_core_and_full(mini):
    """R-01 has 14 words and R-02 12: 26 new words, 0.26 min. Core: RIV1-01, -02, -03, -05,
    -07, -08, -09, -10, -12 (13.25 min); optional: RIV1-04, -06, -11 (10.17 min)."""
    load = lesson_load(mini.lessons["RIV-1"], mini.paragraphs)
    assert (load.new_words, load.reread_words) == (26, 0)
    assert (load.core_exercises, load.optional_exercises) == (9, 3)
    assert load.reading == pytest.approx(0.26)
    assert load.core == pytest.approx(0.26 + 13.25)
    assert load.full == pytest.approx(0.26 + 13.25 + 0.75 + 0.75 + 8 + 10 / 15)
    assert (load.core_minutes, load.full_minutes) == (14, 24)


def test_rereading_is_counted_at_twice_the_speed(mini):
    lesson = mini.lessons["RIV-1"]
    sections = [section.model_copy(update={"paragraphs": [], "reread": section.paragraphs}) for section in lesson.sections]
    load = lesson_load(lesson.model_copy(update={"sections": sections}), mini.paragraphs)
    assert (load.new_words, load.reread_words) == (0, 26)
    assert load.reading == pytest.approx(26 / 200)


def test_a_speaking_task_takes_its_preparation_and_speaking_time(mini):
    """RIV3-01: prepare 3 min, speak 1 min; its notes' word limit does not count as writing."""
    capstone = mini.lessons["RIV-3"]
    assert exercise_minutes(capstone.exercise("RIV3-01")) == pytest.approx(4.0)
    load = lesson_load(capstone, mini.paragraphs)
    assert (load.new_words, load.reread_words) == (0, 27)  # R-01 (14) and R-03 (13), re-read
    assert load.core == pytest.approx(27 / 200 + 4 + 0.75)
    # RIV2-02, written into Russian: writing time by its word limit, as any writing task
    assert exercise_minutes(mini.lessons["RIV-2"].exercise("RIV2-02")) == pytest.approx(writing_minutes(60))


def test_minutes_are_rounded_half_up():
    assert [rounded(m) for m in (44.49, 44.5, 44.6, 0.2)] == [44, 45, 45, 0]


def test_a_stated_time_below_the_core_is_one_problem_with_both_figures(mini):
    ref = mini.map.lessons[0]
    course_map = mini.map.model_copy(update={"lessons": [ref.model_copy(update={"self_study_minutes": 10})]})
    course = type(mini)(mini.root, course_map, mini.texts, mini.glossaries, mini.lessons, mini.timeline)
    [problem] = check_load(course, "data/course.yml")
    assert problem.item == "RIV-1"
    assert "self_study_minutes is 10 but the core takes about 14 minutes" in problem.what
    assert "everything: about 24" in problem.what
    assert "part: optional" in problem.fix and "self_study_minutes: 15" in problem.fix
    assert check_load(mini, "data/course.yml") == []


def test_a_timed_reread_counts_its_own_minutes_in_the_core_or_the_optional_work(mini_copy):
    from lessonkit.content.load import load_course

    def edit_yaml(path, change):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    before = lesson_load(load_course(mini_copy / "data").lessons["RIV-2"], load_course(mini_copy / "data").paragraphs)
    lesson_file = mini_copy / "data" / "lessons" / "riv-2.yml"
    edit_yaml(lesson_file, lambda d: d["sections"][0].update(timed_reread={"paragraphs": ["R-01"], "minutes": 3}))
    course = load_course(mini_copy / "data")
    timed = lesson_load(course.lessons["RIV-2"], course.paragraphs)
    assert timed.core == pytest.approx(before.core + 3) and timed.optional_work == pytest.approx(before.optional_work)
    edit_yaml(lesson_file, lambda d: d["sections"][0]["timed_reread"].update(part="optional"))
    course = load_course(mini_copy / "data")
    optional = lesson_load(course.lessons["RIV-2"], course.paragraphs)
    assert optional.core == pytest.approx(before.core) and optional.full == pytest.approx(before.full + 3)
