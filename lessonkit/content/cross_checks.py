"""Checks across files, once each file has passed its schema.

The schema sees one file at a time; these checks see the references between them: every
quote is in the paragraph it names, every paragraph and exercise id exists and is used
once, the lesson's workshop plan adds up and uses its materials (`plan_checks`), no two gap
items are built on one sentence (`repetition`), and every exercise's key passes its own
checker (and its example answers are judged as the author says they should be).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from . import exercise_model, model
from .course_order import check_order
from .fairness import misjudged, too_few_examples
from .kinds import check, key_responses
from .load_model import check_load
from .plan_checks import check_plan
from .problems import Problem
from .repetition import check_shared_sentences


def squeeze(text: str) -> str:
    """Whitespace folded to single spaces: a quote may wrap where the paragraph does not."""
    return " ".join(text.split())


def quoted(words: str, paragraph: model.Paragraph) -> bool:
    """Whether `words` occur in the paragraph's text, whatever the line breaks."""
    return squeeze(words) in squeeze(paragraph.full_text)


def check_text(text: model.Text, name: str) -> list[Problem]:
    """A text on its own: plan points exist, edits and notes quote the paragraph they sit in."""
    problems = []
    for para in text.paragraphs:
        if para.plan_point > len(text.plan):
            problems.append(Problem(name, para.id, f"plan_point {para.plan_point} does not exist (the plan has {len(text.plan)} points)", "use a number from the plan"))
        body = para.full_text
        for edit in para.edits:
            count = body.count(edit.corrected)
            if count != 1:
                problems.append(Problem(name, para.id, f"edit: the corrected words {edit.corrected!r} occur {count} times in the paragraph", "quote words that occur exactly once in `text`"))
            if edit.original == edit.corrected:
                problems.append(Problem(name, para.id, "edit: original and corrected are the same", "remove the edit"))
        for note in para.notes:
            if not quoted(note.quote, para):
                problems.append(Problem(name, para.id, f"note: the quote {note.quote!r} is not in the paragraph", "copy the words exactly from `text`"))
    return problems


def check_glossary(glossary: model.Glossary, paragraphs: dict[str, model.Paragraph], name: str) -> list[Problem]:
    """Each term once, its sentence in its paragraph, its marked form in its sentence."""
    problems = []
    seen: set[str] = set()
    for entry in glossary.entries:
        if entry.term.casefold() in seen:
            problems.append(Problem(name, entry.term, "the term is listed twice", "keep one entry"))
        seen.add(entry.term.casefold())
        para = paragraphs.get(entry.paragraph)
        if para is None:
            problems.append(Problem(name, entry.term, f"unknown paragraph id {entry.paragraph}", "use an id from data/texts/"))
            continue
        if not quoted(entry.sentence, para):
            problems.append(Problem(name, entry.term, f"the sentence is not in paragraph {entry.paragraph}", "copy the sentence exactly from the paragraph's text"))
        if entry.marked_form not in entry.sentence:
            problems.append(Problem(name, entry.term, f"the marked form {entry.marked_form!r} is not in the sentence", "set `mark` to the words as they appear in the sentence"))
    return problems


def check_timeline(timeline: model.Timeline, paragraphs: dict[str, model.Paragraph], name: str) -> list[Problem]:
    """Every event quotes the paragraph it names."""
    problems = []
    for event in timeline.events:
        label = f"{event.when} {event.place}"
        para = paragraphs.get(event.paragraph)
        if para is None:
            problems.append(Problem(name, label, f"unknown paragraph id {event.paragraph}", "use an id from data/texts/"))
        elif not quoted(event.quote, para):
            problems.append(Problem(name, label, f"the quote {event.quote!r} is not in paragraph {event.paragraph}", "copy the words exactly from the paragraph"))
    return problems


def check_lesson(
    lesson: model.Lesson, ref: model.LessonRef, course_paragraphs: dict[str, model.Paragraph], name: str, broken: AbstractSet[str] = frozenset(),
    thorough: bool = True,
) -> list[Problem]:
    """A lesson against its entry in course.yml and the texts.

    `broken` holds the ids of exercises the schema refused: a section that shows one is
    not also told the exercise does not exist. Without `thorough` the example answers are
    not run through the checkers (a notebook opening one lesson; `lessonkit check` runs them).
    """
    problems = []
    if lesson.lesson != ref.id:
        problems.append(Problem(name, lesson.lesson, f"the file says lesson {lesson.lesson} but course.yml expects {ref.id}", "make the two agree"))
    problems += check_plan(lesson, ref, name)  # timing, routes, materials, rubric
    ids: dict[str, int] = {}
    for exercise in lesson.exercises:
        ids[exercise.id] = ids.get(exercise.id, 0) + 1
        if not exercise.id.startswith(ref.code + "-"):
            problems.append(Problem(name, exercise.id, f"the id does not start with the lesson code {ref.code}-", f"rename it {ref.code}-NN"))
    for exercise_id, count in ids.items():
        if count > 1:
            problems.append(Problem(name, exercise_id, f"duplicate exercise id ({count} exercises have it)", "give each exercise its own id"))
    shown: dict[str, int] = {}
    for section in lesson.sections:
        for exercise_id in section.exercises:
            shown[exercise_id] = shown.get(exercise_id, 0) + 1
            if exercise_id not in ids and exercise_id not in broken:
                problems.append(Problem(name, exercise_id, f"section {section.title!r} shows an exercise that does not exist", "add the exercise or correct the id"))
        timed = section.timed_reread.paragraphs if section.timed_reread else []
        for pid in section.paragraphs + section.reread + timed:
            if pid not in course_paragraphs:
                problems.append(Problem(name, pid, f"section {section.title!r} names an unknown paragraph id", "use an id from data/texts/"))
    for exercise_id in ids:
        if shown.get(exercise_id, 0) != 1:
            problems.append(Problem(name, exercise_id, f"the exercise is shown in {shown.get(exercise_id, 0)} sections", "list it in exactly one section's `exercises`"))
    for exercise in lesson.exercises:
        problems += _check_exercise(exercise, course_paragraphs, name, thorough)
    if thorough:  # an authors' rule: `lessonkit check` and the build, not a learner opening a notebook
        problems += check_shared_sentences(lesson, name)
    return problems


def _check_exercise(exercise: exercise_model.Exercise, course_paragraphs: dict[str, model.Paragraph], name: str, thorough: bool) -> list[Problem]:
    """Evidence quotes, the key against its own checker, and (thorough) the example answers."""
    problems = []
    for n, item in enumerate(exercise.items, start=1):
        for evidence in item.evidence:
            para = course_paragraphs.get(evidence.paragraph)
            if para is None:
                problems.append(Problem(name, exercise.id, f"item {n}: unknown paragraph id {evidence.paragraph}", "use an id from data/texts/"))
            elif not quoted(evidence.quote, para):
                problems.append(Problem(name, exercise.id, f"item {n}: evidence quote not in paragraph {evidence.paragraph}: {evidence.quote!r}", "copy the words exactly from the paragraph"))
    result = check(exercise, key_responses(exercise))
    for n, item_result in enumerate(result.items, start=1):
        if not item_result.right:
            problems.append(Problem(name, exercise.id, f"item {n}: the key is not accepted by its own checker ({item_result.status})", "make the model answer contain the key terms, or correct the key"))
    if not thorough:
        return problems  # a notebook opening one lesson: the examples were run by `lessonkit check`
    for line in too_few_examples(exercise):
        problems.append(Problem(name, exercise.id, line, "add learner answers to `examples` (see data/README.md)"))
    for line in misjudged(exercise):
        problems.append(Problem(name, exercise.id, line, "widen the key terms or accepted forms (or narrow them), or correct the example"))
    return problems


def _check_capstone(course: model.Course, ref: model.LessonRef, name: str) -> list[Problem]:
    """A capstone reads nothing new: its sections re-read paragraphs read by then."""
    lesson = course.lessons.get(ref.id)
    new = lesson.paragraph_ids if lesson is not None else []
    if not new:
        return []
    return [Problem(name, ref.id, f"the capstone reads {', '.join(new)} as new paragraphs (`paragraphs`)",
                    "a capstone re-reads what earlier lessons read: list the ids under `reread` in its sections")]


def check_course(course: model.Course, name: str) -> list[Problem]:
    """The course as a whole: lessons and notebooks named once, one lesson per plan point
    (capstones belong to none and read nothing new), each paragraph read in the lesson of
    its plan point, exercise ids unique across lessons, and no lesson refers to a paragraph
    a learner reads only later (`course_order`)."""
    problems = []
    texts = course.texts
    seen_lessons: set[str] = set()
    seen_notebooks: set[str] = set()
    owner: dict[tuple[str, int], str] = {}
    for ref in course.map.lessons:
        if ref.id in seen_lessons:
            problems.append(Problem(name, ref.id, "the lesson is listed twice", "keep one entry"))
        if ref.notebook in seen_notebooks or ref.notebook in (course.map.start_page, course.map.progress_page, course.map.trainer):
            problems.append(Problem(name, ref.id, f"notebook name {ref.notebook} is used twice", "give each lesson its own notebook name"))
        seen_lessons.add(ref.id)
        seen_notebooks.add(ref.notebook)
        text = texts.get(ref.text or "")
        if ref.text is not None and text is None:
            problems.append(Problem(name, ref.id, f"unknown text {ref.text!r}", f"use one of {sorted(texts)}"))
        if ref.capstone or ref.plan_point is None:
            problems += _check_capstone(course, ref, name)
            continue
        if text is not None and ref.plan_point > len(text.plan):
            problems.append(Problem(name, ref.id, f"plan_point {ref.plan_point} does not exist in text {ref.text}", "use a number from the text's plan"))
        if (ref.text or "", ref.plan_point) in owner:
            problems.append(Problem(name, ref.id, f"plan point {ref.plan_point} of {ref.text} already has lesson {owner[(ref.text or '', ref.plan_point)]}",
                                    "give each plan point one lesson; a lesson that draws on several is a capstone (`capstone: true`, no plan_point)"))
        owner[(ref.text or "", ref.plan_point)] = ref.id
    read_in: dict[str, list[str]] = {}
    for lesson_id, lesson in course.lessons.items():
        for pid in lesson.paragraph_ids:
            read_in.setdefault(pid, []).append(lesson_id)
    for text in texts.values():
        for para in text.paragraphs:
            lessons = read_in.get(para.id, [])
            expected = owner.get((text.id, para.plan_point))
            if len(lessons) > 1:
                problems.append(Problem(name, para.id, f"the paragraph is read in {len(lessons)} lessons ({', '.join(lessons)})", "read it in one lesson; use `reread` elsewhere"))
            elif expected and lessons != [expected]:
                where = lessons[0] if lessons else "no lesson"
                problems.append(Problem(name, para.id, f"the paragraph belongs to plan point {para.plan_point} ({expected}) but is read in {where}", f"list it in a section of {expected}"))
    exercise_owner: dict[str, str] = {}
    for lesson_id, exercise in course.all_exercises():
        if exercise.id in exercise_owner and exercise_owner[exercise.id] != lesson_id:
            problems.append(Problem(name, exercise.id, f"duplicate exercise id (in {exercise_owner[exercise.id]} and {lesson_id})", "give each exercise its own id"))
        exercise_owner[exercise.id] = lesson_id
    problems += check_order(course)
    problems += check_load(course, name)  # stated self-study time >= the core's estimate
    return problems
