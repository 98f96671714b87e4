"""`lessonkit export moodle OUT`: the course's exercises as a Moodle XML question bank.

OUT/question-bank.xml is for Moodle's import (Question bank → Import → "Moodle XML format",
"Get category from file"). It holds one category per lesson, in the course map's order,
`$course$/top/<course title>/<lesson id> <lesson title>`, and in it the lesson's exercises
in the order its page shows them. The file holds the keys: it is for teachers.

One question per item, with one exception: a matching exercise is one Moodle `matching`
question whose subquestions are its pairs (a Moodle matching question is a whole set of
pairs, and its answers are the same drop-down for every pair). So a lesson's category holds
as many questions as the lesson has items of other kinds, plus one per matching exercise.

Which Moodle type each kind becomes (all are core types of Moodle 4.x, and of 3.x):
- single_choice, true_false_not_given, stated_inferred: `multichoice`, one answer; a
  judgement offers its three answers (True / False / Not given, Stated / Inferred / Not in
  the text) in that order.
- multiple_select: `multichoice` with several answers; the right ones share 100 %, each wrong
  one takes back 100 % / (number of wrong ones), in fractions Moodle accepts.
- matching: `matching` (see above); distractors are answers without a stem.
- ordering: `matching`, each part (A, B, …) matched with its place "1", "2", …; Moodle's own
  ordering type is a core type only from Moodle 4.4 (a plugin before), matching imports
  everywhere and gives a mark per part placed right.
- gap_fill with a word bank: `cloze` with a drop-down of the bank in the gap; typed gap_fill
  and word_formation: `shortanswer` with every accepted variant (case ignored).
- table_completion: one `cloze` per row: the row as a small table, a typed blank in every
  cell to fill, each accepting every variant.
- short_answer, translation, open_task (checked by key terms, or by a person): `essay`,
  marked by the teacher; the grader information holds the model answer and the key terms
  (or the self-check list).
Every question's text is the exercise's instruction (and its Russian), the paragraphs to
read, then the item; its general feedback is the explanation with the evidence quotes and
their paragraph ids; the exercise's hint is its Moodle hint.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..content.model import Course, Lesson, LessonRef
from ..content.safe_files import write_atomically
from .export_result import Exported
from .markdown import paragraph_runs
from .moodle_questions import h, questions, ru, sub, text_field

FILE_NAME = "question-bank.xml"
TYPES = ("multichoice", "shortanswer", "matching", "cloze", "essay")  # the counts' order


def category_path(course: Course, ref: LessonRef) -> str:
    """The lesson's category under the course's; a `/` in a name is written `//` (Moodle's escape)."""
    names = [course.map.title, f"{ref.id} {course.lesson_title(ref)}".strip()]
    return "$course$/top/" + "/".join(" ".join(name.split()).replace("/", "//") for name in names)


def category(course: Course, ref: LessonRef) -> ET.Element:
    lesson = course.lessons[ref.id]
    node = ET.Element("question", type="category")
    sub(sub(node, "category"), "text", category_path(course, ref))
    goals = "".join(f"<li>{h(goal)}</li>" for goal in lesson.goals)
    text_field(node, "info", f"<p>{h(course.map.title)}: lesson {h(ref.id)}.</p><p>Goals:</p><ul>{goals}</ul>")
    return node


def reading(course: Course, lesson: Lesson, exercise_id: str) -> str:
    """Which paragraphs an exercise is about: its section's; for a language or follow-up
    task without its own, the lesson's; none before reading (the text is not read yet)."""
    section = next((s for s in lesson.sections if exercise_id in s.exercises), None)
    pids = [pid for pid in dict.fromkeys(section.reread + section.paragraphs)] if section else []
    if not pids and section is not None and section.stage != "pre_reading":
        pids = lesson.shown_paragraph_ids
    titles = {p.id: text.title for text in course.texts.values() for p in text.paragraphs}
    by_text: dict[str, list[str]] = {}
    for pid in pids:
        if pid in titles:
            by_text.setdefault(titles[pid], []).append(pid)
    parts = [f"“{h(title)}”, paragraph{'s' if len(ids) > 1 else ''} {h(paragraph_runs(ids))}" for title, ids in by_text.items()]
    return f"<p><i>Text: {'; '.join(parts)}.</i></p>" if parts else ""


def head(course: Course, lesson: Lesson, exercise: Any) -> str:
    """What every question of an exercise opens with: the instruction and the text to read."""
    russian = f"<p>{ru(exercise.instruction_ru)}</p>" if exercise.instruction_ru else ""
    return f"<p>{h(exercise.instruction)}</p>{russian}{reading(course, lesson, exercise.id)}"


def question_bank(course: Course) -> tuple[ET.Element, dict[str, int]]:
    """The whole bank as a `<quiz>` element, and its counts (categories, questions, per type)."""
    root = ET.Element("quiz")
    counts = {"categories": 0, "questions": 0, **dict.fromkeys(TYPES, 0)}
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        root.append(category(course, ref))
        counts["categories"] += 1
        for exercise in lesson.shown_exercises():
            for node in questions(exercise, head(course, lesson, exercise)):
                root.append(node)
                counts["questions"] += 1
                counts[node.get("type", "")] += 1
    return root, counts


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", short_empty_elements=False) + b"\n"


def export_moodle(course: Course, out: Path) -> Exported:
    """Write OUT/question-bank.xml (OUT is created if missing; a file of that name is replaced)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    root, counts = question_bank(course)
    path = out / FILE_NAME
    write_atomically(path, xml_bytes(root))  # a failed run leaves the last good bank in place
    return Exported(paths=(path,), counts=counts)
