"""Quiz mode (course.yml `mode: quiz`, what `lessonkit release --quiz` writes), driven headless
through the real widgets: Save answer marks nothing, Finish marks the whole lesson as Check
would, the attempt and the saved answers are in the progress file, and practice mode is as it was."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import nbformat
import pytest

from lessonkit.content.load import load_course
from lessonkit.learner.progress import ProgressStore
from lessonkit.learner.progress_model import Progress, parse
from lessonkit.publish.build import build_all
from lessonkit.views.session import LessonSession

LESSON = "RIV-1"


@pytest.fixture
def quiz_course(mini_copy: Path):
    course_yml = mini_copy / "data" / "course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8") + "mode: quiz\n", encoding="utf-8")
    return load_course(mini_copy / "data", examples=False)


@pytest.fixture
def store(tmp_path: Path, clock) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json", clock=clock)


def statuses(view) -> list[str]:
    return [row["status"] for row in view.feedback]


def test_saved_answers_are_not_marked_until_finish_marks_them_all(quiz_course, store):
    session = LessonSession(quiz_course, LESSON, store=store)
    assert session.toolbar().text().startswith("Quiz: your answers are saved, not marked, until you press Finish")
    one, two = session.show("RIV1-01"), session.show("RIV1-02")
    assert one.score_text() == "Not saved yet"
    one.press("save", ["Austria"])
    two.press("save", [["grain", "steel"]])
    for view in (one, two):  # saved, not marked: no feedback, no score
        assert statuses(view) == [""] and view.feedback_text(0) == "" and view.hint == []
        assert view.score_text() == "Answer saved just now, not marked yet: press Finish at the end of the lesson."
        assert "Score" not in view.score_text()
    progress = store.read()
    assert progress.exercises == {} and progress.quiz_attempts == []
    assert progress.quiz_answers["RIV1-01"].responses == ["Austria"]
    assert progress.quiz_answers["RIV1-02"].responses == [["grain", "steel"]]

    finish = session.finish()
    count = len(quiz_course.lessons[LESSON].page_order)
    assert finish.text().startswith(f"Answers saved in 2 of {count} exercises.")
    finish.press()
    assert one.feedback_text(0).startswith("✗ Not right.")
    assert "Evidence: «It rises in the Black Forest in Germany.» (R-01)" in one.feedback_text(0)
    assert one.score_text() == "Score: 0 of 1."
    assert two.feedback_text(0).startswith("✓ Right.") and two.score_text().startswith("Score: 1 of 1")
    total = sum(len(e.items) for e in quiz_course.lessons[LESSON].exercises)
    assert finish.text() == (f"Marked: 1 of {total} items right (2 of {count} exercises answered).\n"
                             "Saved in your progress file as attempt 1 at this lesson's quiz.")

    progress = store.read()
    attempt = progress.quiz_attempts[-1]
    assert (attempt.lesson, attempt.score, attempt.total, len(attempt.exercises)) == (LESSON, 1, total, count)
    assert attempt.exercises["RIV1-01"].answers[0].model_dump() == {"answer": "Austria", "result": "wrong"}
    assert attempt.exercises["RIV1-02"].answers[0].model_dump() == {"answer": ["grain", "steel"], "result": "right"}
    assert attempt.exercises["RIV1-03"].score == 0 and {a.result for a in attempt.exercises["RIV1-03"].answers} == {"unanswered"}
    # Each answered exercise counts as a check (the progress page and the class report read these); untouched ones do not.
    assert sorted(progress.exercises) == ["RIV1-01", "RIV1-02"]
    assert progress.exercises["RIV1-01"].missed_items == {"1": 1} and progress.exercises["RIV1-02"].score == 1


def test_finish_gives_the_feedback_check_gives_in_practice_mode(quiz_course, mini, store):
    answers = {"RIV1-01": ["Austria"], "RIV1-02": [["grain", "coal"]], "RIV1-03": ["true", "false"],
               "RIV1-07": ["route", "black forest"], "RIV1-10": ["The river flows into the sea."],
               "RIV1-12": [{"number or place": "10"}, {"number or place": "the Alps"}]}
    quiz = LessonSession(quiz_course, LESSON, store=store)
    practice = LessonSession(mini, LESSON)
    quiz_views = {eid: quiz.show(eid) for eid in answers}
    for eid, given in answers.items():
        quiz_views[eid].press("save", given)
    quiz.finish().press()
    for eid, given in answers.items():
        checked = practice.show(eid)
        checked.press("check", given)
        assert quiz_views[eid].feedback == checked.feedback, eid
        assert quiz_views[eid].score == checked.score, eid
        assert quiz.results[eid].score == practice.results[eid].score


def test_saved_answers_survive_a_restart_and_finish_marks_those_whose_cell_did_not_run(quiz_course, store, tmp_path, clock):
    first = LessonSession(quiz_course, LESSON, store=store)
    first.show("RIV1-01").press("save", ["Germany"])
    first.show("RIV1-02").press("save", [["grain", "steel"]])
    clock.now += timedelta(days=2)
    again = LessonSession(quiz_course, LESSON, store=ProgressStore(tmp_path / "progress.json", clock=clock))  # a new kernel
    view = again.show("RIV1-01")
    assert view.responses == ["Germany"] and statuses(view) == [""]
    assert view.score_text() == "Answer saved 2 days ago, not marked yet: press Finish at the end of the lesson."
    finish = again.finish()
    finish.press()  # RIV1-02 was not shown in this kernel: its saved answer is marked
    assert view.feedback_text(0).startswith("✓ Right.")
    attempt = again.store.read().quiz_attempts[-1]
    assert attempt.exercises["RIV1-02"].score == 1 and attempt.score == 2
    assert again.results["RIV1-02"].score == 1
    clock.now += timedelta(days=1)
    third = LessonSession(quiz_course, LESSON, store=ProgressStore(tmp_path / "progress.json", clock=clock))
    view = third.show("RIV1-01")
    assert view.responses == ["Germany"]
    assert view.score_text().startswith("Answer saved yesterday and marked at your last Finish.")
    assert view.last_time[0][0]["text"] == "Last time: 1 of 1, yesterday."
    assert third.finish().text().endswith("Last finished: 2 of 16, yesterday.")


def test_hint_and_show_answer_are_not_offered_in_a_quiz(quiz_course, store):
    session = LessonSession(quiz_course, LESSON, store=store, lang="ru")
    view = session.show("RIV1-01")
    assert view.spec["mode"] == "quiz" and view.spec["labels"]["save_answer"] == "Сохранить ответ"
    view.press("hint")
    view.press("answer", ["Austria"])
    view.press("check", ["Austria"])  # a stale front end's Check only saves
    assert view.hint == [] and statuses(view) == [""] and not view.answer_enabled
    assert view.score_text().startswith("Ответ сохранён только что, но ещё не проверен")
    assert session.toolbar().text().startswith("Тест: ваши ответы сохраняются без проверки")
    finish = session.finish()
    assert finish.legend == "Завершить"
    finish.press()
    view.press("answer")
    assert statuses(view) == ["wrong"]  # Show answer stays off after Finish too
    # The browser draws Save answer and Try again only, and Enter saves.
    script = (Path(__file__).resolve().parent.parent / "lessonkit" / "views" / "static" / "widgets.js").read_text(encoding="utf-8")
    assert 'spec.mode === "quiz"\n      ? [button("save", labels.save_answer, true), button("retry", labels.try_again)]' in script


def test_saving_again_after_finish_clears_the_marks_and_finishing_again_is_a_second_attempt(quiz_course, store):
    session = LessonSession(quiz_course, LESSON, store=store)
    view = session.show("RIV1-01")
    view.press("save", ["Austria"])
    finish = session.finish()
    finish.press()
    view.press("save", ["Germany"])
    assert statuses(view) == [""] and "not marked yet" in view.score_text()
    finish.press()
    assert statuses(view) == ["right"]
    attempts = store.read().quiz_attempts
    assert [a.exercises["RIV1-01"].score for a in attempts] == [0, 1]
    assert finish.text().endswith("attempt 2 at this lesson's quiz.")
    assert store.read().exercises["RIV1-01"].attempts == 2


def test_practice_mode_is_unchanged(mini, store):
    session = LessonSession(mini, LESSON, store=store)
    view = session.show("RIV1-01")
    assert view.spec["mode"] == "practice" and session.toolbar().text() == ""
    view.press("save", ["Austria"])  # not a practice button: nothing happens
    assert statuses(view) == [""] and store.read().quiz_answers == {}
    view.press("check", ["Austria"])
    assert view.feedback_text(0).startswith("✗ Not right.") and view.score_text() == "Score: 0 of 1."
    assert "Finish belongs to a lesson in quiz mode" in session.finish().text()
    cells = [c.source for c in nbformat.reads(next(o.content for o in build_all(mini) if o.path == "notebooks/01-riv-danube.ipynb"), 4).cells]
    assert "lesson.score()" in cells and "lesson.finish()" not in cells


def test_a_quiz_lesson_says_so_and_ends_with_finish(quiz_course):
    outputs = {o.path: o.content for o in build_all(quiz_course)}
    notebook = nbformat.reads(outputs["notebooks/01-riv-danube.ipynb"], 4)
    cells = [c.source for c in notebook.cells]
    assert cells.count("lesson.finish()") == 1 and "lesson.score()" not in cells
    assert "This lesson is a **quiz**" in cells[0] and "**Save answer**" in cells[0] and "**Hint**" not in cells[0]
    start = "\n".join(c.source for c in nbformat.reads(outputs["notebooks/00-start-here.ipynb"], 4).cells)
    assert "The lessons are a **quiz**" in start and "**Hint**" not in start


def test_progress_files_without_quiz_fields_still_load_and_quiz_fields_round_trip(quiz_course, store):
    old = {"schema_version": 1, "language": "en", "exercises": {}, "words": {}, "updated": "2025-01-01T00:00:00Z"}
    assert parse(json.dumps(old).encode()).quiz_attempts == []
    session = LessonSession(quiz_course, LESSON, store=store)
    session.show("RIV1-01").press("save", ["Austria"])
    session.finish().press()
    written = store.path.read_bytes()
    assert parse(written) == Progress.model_validate_json(written)
    assert set(json.loads(written)) >= {"quiz_answers", "quiz_attempts"}
