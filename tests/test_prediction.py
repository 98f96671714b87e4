"""A lesson's prediction: the answer box after the prediction question saves what the learner
types in the progress file (nothing is marked), and "Check your prediction" near the end shows it
again with the lesson's check question, in English and Russian, in a later session too."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import pytest

from lessonkit.learner.progress import ProgressStore
from lessonkit.learner.progress_model import Progress, parse
from lessonkit.learner.progress_updates import MAX_PREDICTION, save_prediction
from lessonkit.views.i18n import say
from lessonkit.views.session import LessonSession

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_save_prediction_is_pure_replaces_and_an_empty_one_removes_it():
    empty = Progress()
    one = save_prediction(empty, "IOM-1", "  laws for governments  ", NOW)
    assert empty.predictions == {} and one.predictions["IOM-1"].text == "laws for governments"
    two = save_prediction(one, "IOM-1", "x" * (MAX_PREDICTION + 50), NOW + timedelta(days=1))
    assert len(two.predictions["IOM-1"].text) == MAX_PREDICTION and two.predictions["IOM-1"].saved == NOW + timedelta(days=1)
    assert one.predictions["IOM-1"].text == "laws for governments"
    assert save_prediction(two, "IOM-1", "   ", NOW).predictions == {}
    assert not save_prediction(one, "IOM-2", "a", NOW).exercises  # nothing is marked


def test_a_progress_file_without_predictions_still_loads():
    old = json.loads(Progress().model_dump_json())
    del old["predictions"]
    assert parse(json.dumps(old).encode()).predictions == {}


def test_type_save_and_look_back_in_a_later_session_in_english_and_russian(course, tmp_path, clock):
    path = tmp_path / "progress.json"
    session = LessonSession(course, "IOM-1", store=ProgressStore(path, clock=clock))
    box, back = session.predict(), session.look_back()
    assert box.value == "" and box.legend == "Your prediction" and box.button == "Save prediction"
    assert back.text().startswith("You wrote no prediction.")
    check = course.lessons["IOM-1"].prediction_check
    assert check and f"Check: {check}" in back.text()
    # what the browser sends when Save is pressed
    box._on_message(box, {"action": "save", "text": "Laws for governments <b>, help for returnees"}, [])
    assert box.value == "Laws for governments <b>, help for returnees"
    assert box.text() == say("prediction_saved", "en", age="just now")
    assert back.text().startswith("You wrote: «Laws for governments <b>, help for returnees»")  # the live line follows
    assert parse(path.read_bytes()).predictions["IOM-1"].text == "Laws for governments <b>, help for returnees"
    assert parse(path.read_bytes()).exercises == {}

    clock.now = clock.start + timedelta(days=1)
    again = LessonSession(course, "IOM-1", store=ProgressStore(path, clock=clock))
    box, back = again.predict(), again.look_back()
    assert box.value == "Laws for governments <b>, help for returnees"
    assert box.text() == say("prediction_saved", "en", age="yesterday")
    assert back.text().startswith("You wrote: «Laws for governments")
    again.set_language("ru")
    assert box.legend == "Ваше предположение" and box.button == "Сохранить предположение"
    assert back.text().startswith("Вы написали: «Laws for governments")
    assert f"Проверьте: {course.lessons['IOM-1'].prediction_check_ru}" in back.text()
    assert [segment["lang"] for segment in back.lines[1]] == ["ru", "ru"]

    other = LessonSession(course, "IOM-2", "ru", store=ProgressStore(path, clock=clock))
    assert other.look_back().text().startswith("Вы не записали предположение.")


def test_a_lesson_without_a_check_question_shows_the_prediction_alone(mini, tmp_path):
    assert mini.lessons["RIV-1"].prediction_check is None
    session = LessonSession(mini, "RIV-1", store=ProgressStore(tmp_path / "p.json"))
    box, back = session.predict(), session.look_back()
    box.press("silt")
    assert back.text() == "You wrote: «silt»"


def test_without_a_store_the_prediction_is_kept_for_the_session(mini):
    session = LessonSession(mini, "RIV-2")
    box, back = session.predict(), session.look_back()
    box.press("the North Sea")
    assert back.text() == "You wrote: «the North Sea»\nCheck: Which sea did you name?"


@pytest.mark.parametrize("notebooks", [ROOT / "notebooks", ROOT / "tests" / "fixtures" / "minicourse" / "notebooks"])
def test_each_lesson_has_the_answer_box_after_its_prediction_and_the_look_back_before_its_score(notebooks):
    lessons = [p for p in sorted(notebooks.glob("*.ipynb"))
               if any("open_lesson(" in c.source for c in nbformat.read(p, as_version=4).cells)]
    assert lessons
    for path in lessons:
        sources = [c.source for c in nbformat.read(path, as_version=4).cells]
        predict, back = sources.index("lesson.predict()"), sources.index("lesson.look_back()")
        assert "**Predict.**" in sources[predict - 1], path.name
        assert sources[back - 1].startswith("## Check your prediction"), path.name
        end = next(n for n, s in enumerate(sources) if s.startswith(("## Your score", "## Finish")))
        assert predict < back < end, path.name
        assert sources.count("lesson.predict()") == 1 and sources.count("lesson.look_back()") == 1


def test_every_lesson_of_the_course_has_a_check_question_in_both_languages(course):
    for lesson in course.lessons.values():
        assert lesson.prediction_check and lesson.prediction_check_ru, lesson.lesson
