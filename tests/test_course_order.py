"""Read before use: the ids a lesson's words name, and what a lesson's timeline shows.

The rule itself (`lessonkit check` on broken data) is tested in test_check_command.py.
"""

from __future__ import annotations

import pytest

from lessonkit.content.course_order import check_order, first_read, paragraph_ids_in, read_by, timeline_events
from lessonkit.content.load import collect
from lessonkit.views.session import LessonSession


@pytest.mark.parametrize(
    "text, ids",
    [
        ("you read them in IOM-3 (I-29–I-30)", ["I-29", "I-30"]),
        ("I-29-I-30", ["I-29", "I-30"]),
        ("I-20–23", ["I-20", "I-21", "I-22", "I-23"]),
        ("N-13 to N-16", ["N-13", "N-14", "N-15", "N-16"]),
        ("I-29 – I-31 and N-02", ["I-29", "I-30", "I-31", "N-02"]),
        ("I-30–N-02", ["I-30", "N-02"]),  # two texts: the ends only
        ("(I-22, I-23, I-22)", ["I-22", "I-23"]),
        ("IOM-3, IOM2-04 and NGO-5 are lessons and exercises, not paragraphs", []),
    ],
)
def test_paragraph_ids_and_ranges_in_words(text, ids):
    assert paragraph_ids_in(text) == ids


def test_the_course_refers_only_to_paragraphs_read_by_then(course):
    assert check_order(course) == []


def test_the_thin_plan_points_come_after_the_lessons_they_draw_on(course):
    read = first_read(course)
    assert read["I-29"][1] == "IOM-3" and read["N-16"][1] == "NGO-4"
    assert {"I-29", "I-30"} <= read_by(course, "IOM-2") and "I-32" not in read_by(course, "IOM-2")
    assert {"N-13", "N-16"} <= read_by(course, "NGO-3") and "N-19" not in read_by(course, "NGO-3")


def test_a_lesson_timeline_shows_only_what_has_been_read(course):
    iom1 = {event.paragraph[:2] for event in timeline_events(course, "IOM-1")}
    assert iom1 == {"I-"}
    assert timeline_events(course, "NGO-1") == list(course.timeline.events)


def test_a_notebook_opening_one_lesson_draws_the_same_timeline(course):
    """A lesson notebook reads only its own lesson file: the plan points stand in for the rest."""
    from pathlib import Path

    one, problems = collect(Path(course.root), only="IOM-1", examples=False)
    assert one is not None and not problems
    assert timeline_events(one, "IOM-1") == timeline_events(course, "IOM-1")
    alt = LessonSession(one, "IOM-1").timeline_image()[1]
    assert "Diversity Initiative" in alt and "Hirsi" not in alt and "Global Forum" not in alt
    ngo, _ = collect(Path(course.root), only="NGO-1", examples=False)
    alt = LessonSession(ngo, "NGO-1").timeline_image()[1]
    assert "Diversity Initiative" in alt and "Hirsi" in alt and "Global Forum" in alt


def test_the_mini_course_reads_r03_in_its_second_lesson(mini):
    assert first_read(mini)["R-03"] == (1, "RIV-2")
    assert check_order(mini) == []
