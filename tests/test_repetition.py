"""Shared sentences: two gap-fill or word-formation items of a lesson built on one sentence.

`lessonkit check` reports each pair (tests/test_check_command.py breaks a copy of the small
course for it); these tests pin down what `shared_sentence_pairs` finds, and that the
course has none.
"""

from __future__ import annotations

from lessonkit.content.repetition import (
    MIN_SHARED_WORDS,
    check_shared_sentences,
    filled,
    longest_shared_run,
    shared_sentence_pairs,
    words,
)


def with_item(lesson, exercise_id: str, **changes):
    """The lesson with the first item of one exercise changed."""
    exercises = []
    for exercise in lesson.exercises:
        if exercise.id == exercise_id:
            item = exercise.items[0].model_copy(update=changes)
            exercise = exercise.model_copy(update={"items": [item, *exercise.items[1:]]})
        exercises.append(exercise)
    return lesson.model_copy(update={"exercises": exercises})


def test_the_courses_build_each_gap_on_its_own_sentence(mini, course):
    assert all(shared_sentence_pairs(lesson) == [] for lesson in mini.lessons.values())
    assert {lesson_id: [pair.names for pair in shared_sentence_pairs(lesson)] for lesson_id, lesson in course.lessons.items()
            if shared_sentence_pairs(lesson)} == {}


def test_a_word_formation_item_on_the_gap_fills_sentence_is_a_pair(mini):
    """RIV1-08 rebuilt on R-02's sentence, which RIV1-07 item 1 already gaps: the same quote."""
    lesson = with_item(mini.lessons["RIV-1"], "RIV1-08", text="an ___ transport route", base="IMPORTANCE", answer="important",
                       evidence=mini.lessons["RIV-1"].exercise("RIV1-07").items[0].evidence)
    [pair] = shared_sentence_pairs(lesson)
    assert (pair.first, pair.second) == (("RIV1-07", 1), ("RIV1-08", 1))
    assert pair.reason == "both quote R-02: “an important transport route”"
    [problem] = check_shared_sentences(lesson, "data/lessons/riv-1.yml")
    assert str(problem) == (
        "data/lessons/riv-1.yml: RIV1-07, RIV1-08: RIV1-07 item 1 and RIV1-08 item 1 are built on the same sentence of the text "
        "(both quote R-02: “an important transport route”) — build one of them on another sentence"
    )


def test_eight_words_in_a_row_make_a_pair_seven_do_not(mini):
    lesson = with_item(mini.lessons["RIV-1"], "RIV1-07", text="Barges on the river carry ___ and steel to the ports of the Black Sea.",
                       answer="grain")
    eight = with_item(lesson, "RIV1-08", text="Barges on the river carry grain and ___.", answer="steel", evidence=[])
    [pair] = shared_sentence_pairs(eight)
    assert pair.reason == f"their sentences share {MIN_SHARED_WORDS} words in a row: “barges on the river carry grain and steel”"
    seven = with_item(lesson, "RIV1-08", text="Boats on the river carry grain and ___.", answer="steel", evidence=[])
    assert shared_sentence_pairs(seven) == []


def test_case_punctuation_quotes_and_paragraph_ids_do_not_count():
    assert words("“Migrants’ rights” — (N-13) are RIGHTS.") == ["migrants", "rights", "are", "rights"]
    assert longest_shared_run("a b c d".split(), "x b c d y".split()) == ["b", "c", "d"]

    class Item:
        text = "Barges carry ___ and steel (R-02)."
        answer = "grain"

    assert filled(Item()) == "Barges carry grain and steel (R-02)."


def test_only_gap_kinds_count_and_a_short_quote_inside_a_longer_one_does_not(mini):
    lesson = mini.lessons["RIV-1"]
    evidence = lesson.exercise("RIV1-07").items[0].evidence
    short = [evidence[0].model_copy(update={"quote": "transport route"})]
    assert shared_sentence_pairs(with_item(lesson, "RIV1-08", evidence=short)) == []
    longer = [evidence[0].model_copy(update={"quote": "The river is an important transport route; barges carry grain"})]
    [pair] = shared_sentence_pairs(with_item(lesson, "RIV1-08", evidence=longer))
    assert pair.reason.startswith("both quote R-02: “the river is an important transport route barges carry grain”")
