"""The instructor's solution notebook of a lesson: answer-key tables, timing plan and teaching notes."""

from __future__ import annotations

from typing import Any

from ..content import model
from ..content.kinds import answer_text, item_words, kind_of
from ..content.load_model import exercise_minutes, lesson_load
from ..content.model import Course
from ..views.i18n import say
from .lesson_pages import date_banner
from .markdown import cell_text, md_escape, note_block
from .notebook_writer import NotebookWriter
from .plan_pages import PLAN_TITLES, materials_cells, routes_cells, teacher_lists_cell
from .solutions import self_check_line


def evidence_text(item: Any) -> str:
    """An item's evidence for a table cell: each quote with its paragraph id."""
    return "; ".join(f"«{cell_text(e.quote)}» ({e.paragraph})" for e in item.evidence)


def answer_key_table(exercise: Any) -> str:
    """An exercise's key as a table (item, answer, why, evidence), then what else is accepted or checked."""
    rows = ["| # | item | answer | why | evidence |", "|---|---|---|---|---|"]
    for n, item in enumerate(exercise.items):
        rows.append(
            f"| {n + 1} | {cell_text(item_words(exercise, item))} | **{cell_text(answer_text(exercise, n))}** "
            f"| {cell_text(item.explanation)} | {evidence_text(item)} |"
        )
    extras = []
    if getattr(exercise, "distractors", None):
        extras.append("Distractors: " + ", ".join(md_escape(d) for d in exercise.distractors) + ".")
    for item in exercise.items:
        if getattr(item, "blanks", None):
            others = {c: a[1:] for c, a in item.blanks.items() if len(a) > 1}
            if others:
                extras.append("Also accepted: " + "; ".join(f"{md_escape(c)}: " + ", ".join(md_escape(x) for x in alts) for c, alts in others.items()) + ".")
        if getattr(item, "accept", None):
            extras.append(f"Also accepted for “{cell_text(item.answer)}”: " + ", ".join(md_escape(a) for a in item.accept) + ".")
        if getattr(item, "key_terms", None):
            extras.append(f"Checked by key terms: {md_escape(item.key_terms_rule)}.")
        for flag in getattr(item, "red_flags", []):
            extras.append(f"Red flag “{md_escape(flag.term)}”: {md_escape(flag.message)}")
        if getattr(item, "checklist", None):
            extras.append(task_line(item) + "Self-check list: " + "; ".join(md_escape(c) for c in item.checklist) + ".")
            if getattr(item, "checklist_ru", None):
                extras.append('<span lang="ru">Список самопроверки: ' + "; ".join(md_escape(c) for c in item.checklist_ru) + ".</span>")
    return "\n".join(rows) + ("\n\n" + "\n\n".join(extras) if extras else "")


def task_line(item: Any) -> str:
    """An open task's mode, reader, genre, language and times, for the key ("" for a plain writing task)."""
    parts = []
    if item.mode == "speaking":
        parts.append(f"speaking: prepare {item.prepare_minutes} min, speak {item.speak_minutes} min")
    if item.reader:
        parts.append(f"reader: {md_escape(item.reader)}")
    if item.genre:
        parts.append(f"genre: {md_escape(item.genre)}")
    if item.answer_lang != "en":
        parts.append("the answer is written in Russian")
    return ("Task: " + "; ".join(parts) + ". ") if parts else ""


def exercise_list(lesson: model.Lesson) -> str:
    """The lesson's exercises in page order: number, id, kind, core or optional, items, estimated minutes."""
    rows = ["| # | exercise | kind | part | items | minutes (est.) |", "|---|---|---|---|---|---|"]
    for n, exercise_id in enumerate(lesson.page_order, start=1):
        exercise = lesson.exercise(exercise_id)
        part = say(f"part_{exercise.part}", "en")
        rows.append(f"| {n} | {exercise.id} · {cell_text(exercise.title)} | {kind_of(exercise).name_en} "
                    f"| {f'**{part}**' if exercise.part == 'core' else part} | {len(exercise.items)} | {exercise_minutes(exercise):.1f} |")
    return "\n".join(rows)


def build_solution(course: Course, ref: model.LessonRef) -> str:
    """The solution notebook of one lesson, with the stored output of its self-check."""
    lesson = course.lessons[ref.id]
    load = lesson_load(lesson, course.paragraphs)
    nb = NotebookWriter(f"{ref.code.lower()}-key")
    nb.markdown(
        f"# {ref.id} · {md_escape(course.lesson_title(ref))}: answer key and teaching notes\n\n"
        f"For instructors. Learners' notebook: [{ref.notebook}.ipynb](../notebooks/{ref.notebook}.ipynb). "
        f"**Workshop:** {ref.workshop_minutes} minutes ({'two routes below: in class and flipped' if lesson.plan.routes else 'the timing plan below'}). "
        f"**Self-study** (learners alone): about {ref.self_study_minutes} minutes; estimated: {say('part_core', 'en').lower()} "
        f"about {load.core_minutes} min, everything about {load.full_minutes} min (the exercise list below).\n\n{date_banner(course, ref.text)}\n\n"
        f"{note_block(lesson.note, 'About this plan point')}"
    )
    nb.code("from lessonkit import self_check", executed=True)
    if lesson.plan.timing:
        timing = "\n".join(f"| {step.minutes} | {cell_text(step.activity)} |" for step in lesson.plan.timing)
        total = sum(step.minutes for step in lesson.plan.timing)
        nb.markdown(f"## {PLAN_TITLES['timing']}: a {total}-minute workshop\n\n| minutes | activity |\n|---|---|\n{timing}")
    for cell in routes_cells(lesson):
        nb.markdown(cell)
    notes = "\n".join(f"- {md_escape(note)}" for note in lesson.plan.notes)
    nb.markdown(f"## {PLAN_TITLES['notes']}\n\n{notes}")
    lists = teacher_lists_cell(lesson)
    if lists:
        nb.markdown(lists)
    nb.markdown(f"## Exercises: core and optional\n\n{exercise_list(lesson)}")
    for section in lesson.sections:
        parts = [f"## {md_escape(section.title)}"]
        ids = section.paragraphs or section.reread
        if ids:
            parts.append(f"Paragraphs: {', '.join(ids)}.")
        nb.markdown("\n\n".join(parts))
        for exercise_id in section.exercises:
            exercise = lesson.exercise(exercise_id)
            n, count = lesson.number(exercise_id)
            nb.markdown(
                f"### Exercise {n} of {count} · {exercise.id} · {md_escape(exercise.title)} ({kind_of(exercise).name_en}) · {say(f'part_{exercise.part}', 'en')}\n\n"
                f"{md_escape(exercise.instruction)}\n\n{answer_key_table(exercise)}\n\n*Hint given to learners:* {md_escape(exercise.hint)}"
            )
    if lesson.plan.discussion:
        questions = "\n".join(f"{n}. {md_escape(q)}" for n, q in enumerate(lesson.plan.discussion, start=1))
        nb.markdown(f"## {PLAN_TITLES['discussion']}\n\n{questions}")
    if lesson.plan.workshop:
        tasks = "\n\n".join(f"- {md_escape(task)}" for task in lesson.plan.workshop)
        nb.markdown(f"## {PLAN_TITLES['workshop']}\n\n{tasks}")
    for cell in materials_cells(lesson):
        nb.markdown(cell)
    points = "\n".join(f"- {md_escape(point)}" for point in lesson.key_points)
    nb.markdown(f"## Key points\n\n{points}\n\n## Self-check of the answer key\n\nThe cell below runs every checker on its own key; CI compares its output.")
    nb.code(f'self_check("{ref.id}")', executed=True, output=self_check_line(ref.id, course=course) + "\n")
    return nb.render(f"{ref.id} answer key", "solution")
