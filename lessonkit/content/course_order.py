"""Read before use: a lesson may refer only to paragraphs a learner has read by then.

The course map (`course.yml` `lessons:`) orders the course. A paragraph is read in the
lesson whose sections list it in `paragraphs`, and counts as read from that lesson on.
Everything else a lesson holds may only point back: a section's `reread`, an item's
evidence, and every paragraph id written in its words (goals, context, prediction, note,
section titles and intros, exercise instructions, prompts, explanations and model answers,
key points, teacher notes, timing plans, discussion questions and workshop tasks). Ids
are found by the paragraph-id pattern; a range (`I-29–I-30`, `I-29-I-30`, `I-20–23`,
`N-13 to N-20`) names every paragraph in between. Words that only look like an id (`COVID-19`) are not
paragraphs of the course and are passed over.

A section's timeline chart shows only the events whose paragraph has been read by the end
of its lesson (`timeline_events`), so a chart cannot point ahead.

Pure: the course in, `Problem`s out; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from . import model
from .problems import Problem
from .yaml_reader import data_name

# One id, or a range: I-29–I-30, I-29-I-30, I-20–23 (an en dash or a hyphen, spaces
# allowed), N-13 to N-20.
PARAGRAPH_REF = re.compile(r"\b([A-Z]+)-(\d{2})\b(?:(?:\s*[–-]\s*|\s+to\s+)(?:([A-Z]+)-)?(\d{2})\b)?")


def paragraph_ids_in(text: str) -> list[str]:
    """Every paragraph id a piece of text names, ranges expanded, in order of mention."""
    found: list[str] = []
    for match in PARAGRAPH_REF.finditer(text):
        prefix, first, end_prefix, last = match.groups()
        if last is None:
            found.append(f"{prefix}-{first}")
        elif end_prefix not in (None, prefix) or int(last) < int(first):
            found += [f"{prefix}-{first}", f"{end_prefix or prefix}-{last}"]
        else:
            found += [f"{prefix}-{n:02d}" for n in range(int(first), int(last) + 1)]
    return list(dict.fromkeys(found))


def first_read(course: model.Course) -> dict[str, tuple[int, str]]:
    """Paragraph id -> (position in the course map, lesson id) of the lesson that reads it.

    A lesson not loaded (a notebook opens only its own lesson) reads the paragraphs of its
    plan point, as `lessonkit check` makes every lesson do.
    """
    read: dict[str, tuple[int, str]] = {}
    for position, ref in enumerate(course.map.lessons):
        lesson = course.lessons.get(ref.id)
        text = course.texts.get(ref.text or "")
        if lesson is not None:
            pids = lesson.paragraph_ids
        else:
            pids = [p.id for p in text.paragraphs if p.plan_point == ref.plan_point] if text else []
        for pid in pids:
            read.setdefault(pid, (position, ref.id))
    return read


def lesson_of_paragraph(course: model.Course) -> dict[str, model.LessonRef]:
    """The course-map entry of the lesson that first reads each paragraph (`first_read`)."""
    refs = {ref.id: ref for ref in course.map.lessons}
    return {pid: refs[lesson] for pid, (_position, lesson) in first_read(course).items()}


def read_by(course: model.Course, lesson_id: str) -> set[str]:
    """The paragraphs a learner has read by the end of this lesson."""
    order = [ref.id for ref in course.map.lessons]
    if lesson_id not in order:
        return set()
    position = order.index(lesson_id)
    return {pid for pid, (when, _) in first_read(course).items() if when <= position}


def timeline_events(course: model.Course, lesson_id: str) -> list[model.TimelineEvent]:
    """The dated events a lesson's timeline shows: those read by the end of the lesson."""
    if course.timeline is None:
        return []
    read = read_by(course, lesson_id)
    return [event for event in course.timeline.events if event.paragraph in read]


def _strings(value: object) -> Iterator[str]:
    """Every string in a dumped record: values, and the keys of mappings (option texts)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(key)
            yield from _strings(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _strings(inner)


def _parts(lesson: model.Lesson) -> Iterator[tuple[str, str]]:
    """(item, text) for every string of a lesson, the item named as a problem names it:
    the exercise id, `section 'title'`, `teacher.notes`, or the lesson's field."""
    for field, value in lesson.model_dump().items():
        if field == "exercises":
            for exercise in value:
                for text in _strings(exercise):
                    yield exercise["id"], text
        elif field == "sections":
            for section in value:
                for text in _strings(section):
                    yield f"section {section['title']!r}", text
        elif field == "teacher":
            for key, inner in (value or {}).items():  # none in a released course
                for text in _strings(inner):
                    yield f"teacher.{key}", text
        elif field != "lesson":
            for text in _strings(value):
                yield field, text


def check_order(course: model.Course) -> list[Problem]:
    """One problem per (lesson file, item, paragraph) that the lesson names before a
    learner has read it: later in the course map, or in no lesson at all."""
    read = first_read(course)
    problems: list[Problem] = []
    for position, ref in enumerate(course.map.lessons):
        lesson = course.lessons.get(ref.id)
        if lesson is None:
            continue
        name = data_name(course.root / Path(ref.file), course.root)
        reported: set[tuple[str, str]] = set()
        for item, text in _parts(lesson):
            for pid in paragraph_ids_in(text):
                if pid not in course.paragraphs or (item, pid) in reported:
                    continue
                when, where = read.get(pid, (None, None))
                if when is not None and when <= position:
                    continue
                reported.add((item, pid))
                if where is None:
                    problems.append(Problem(name, item, f"refers to {pid}, which no lesson of the course reads",
                                            "list the paragraph in a section's `paragraphs` of an earlier lesson, or build the item on a paragraph read by now"))
                else:
                    problems.append(Problem(name, item, f"refers to {pid}, which a learner first reads in {where}, later in the course",
                                            f"order {where} before this lesson in data/course.yml, or build the item on a paragraph read by now"))
        for section in lesson.sections:
            for pid in section.timed_reread.paragraphs if section.timed_reread else []:
                when, where = read.get(pid, (None, None))
                if when == position:
                    problems.append(Problem(name, f"section {section.title!r}", f"the timed re-read lists {pid}, which this lesson reads for the first time",
                                            "re-read paragraphs of an earlier lesson, or move the paragraph to `paragraphs`"))
    return problems
