"""A lesson's printed worksheet: the passage with its paragraph ids, then every exercise
in page order as a paper task (`print_tasks`). No key, no explanation, no evidence and no
glossary translation is printed here: those are on the answer key (`print_key`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content import model
from ..content.model import Course
from ..views.i18n import say
from .markdown import mark_glossary, paragraph_glossary
from .print_html import document, e, markdown_html, ru, ruled_lines
from .print_tasks import task_html


def lesson_header(course: Course, ref: model.LessonRef, what: str) -> str:
    """The title block every printed page of a lesson opens with."""
    title = course.lesson_title(ref)
    if ref.text and ref.text in course.texts and ref.plan_point:
        text = course.texts[ref.text]
        where = f"{e(text.title)}, plan point {ref.plan_point} of {len(text.plan)}"
    else:
        where = "Capstone: it draws on what the course has read"
    return (f'<header><p class="meta">{e(course.map.title)} · {e(what)}</p>'
            f"<h1>{e(ref.id)} · {e(title)}</h1><p class=\"meta\">{where}</p></header>")


def name_fields() -> str:
    return '<div class="fields"><span>Name</span><span>Group</span><span>Date</span></div>'


def paragraph_html(course: Course, pid: str, reread: bool) -> str:
    para = course.paragraphs[pid]
    entries = paragraph_glossary(para, course.glossary_entries([pid]))
    heading = f"<h4>{e(para.heading)}</h4>" if para.heading else ""
    lines = [mark_glossary(" ".join(line.split()), entries, escaper=e) for line in para.text.split("\n")]
    body = f"<p>{'<br>'.join(lines)}</p>"
    if para.items:
        body += "<ul>" + "".join(f"<li>{mark_glossary(' '.join(item.split()), entries, escaper=e)}</li>" for item in para.items) + "</ul>"
    for note in para.notes:
        body += f'<div class="note"><b>Editor\'s note ({e(pid)}).</b> {e(note.en)}<br>{ru(note.ru)}</div>'
    cls = "para reread" if reread else "para"
    return f'{heading}<div class="{cls}" data-paragraph="{e(pid)}"><span class="pid">{e(pid)}</span><div>{body}</div></div>'


def passage_html(course: Course, lesson: model.Lesson) -> str:
    """The lesson's paragraphs by section: the ones re-read from earlier lessons marked so."""
    parts: list[str] = []
    seen: set[str] = set()
    for section in lesson.sections:
        shown = [(pid, True) for pid in section.reread] + [(pid, False) for pid in section.paragraphs]
        shown = [(pid, reread) for pid, reread in shown if pid not in seen and pid in course.paragraphs]
        if not shown:
            continue
        seen.update(pid for pid, _ in shown)
        parts.append(f"<h3>{e(section.title)}</h3>" + "".join(paragraph_html(course, pid, reread) for pid, reread in shown))
    if not parts:
        return ""
    reread = any(section.reread for section in lesson.sections)
    note = '<p class="meta">Paragraphs marked “re-read” were read in an earlier lesson.</p>' if reread else ""
    return "<h2>The text</h2>" + note + "".join(parts)


def exercise_header(lesson: model.Lesson, exercise: Any, russian: bool = True) -> str:
    n, total = lesson.number(exercise.id)
    instruction_ru = f"<p>{ru(exercise.instruction_ru)}</p>" if exercise.instruction_ru and russian else ""
    return (f'<header><p class="head"><span class="n">Exercise {n} of {total} ·</span> {e(exercise.title)}'
            f' <span class="tag">{say(f"part_{exercise.part}", "en")}</span> <span class="id">{e(exercise.id)}</span></p>'
            f'<p class="instr">{e(exercise.instruction)}</p>{instruction_ru}</header>')


def exercises_html(lesson: model.Lesson, body: Callable[[Any], list[str]], russian: bool = True) -> str:
    """Every exercise in page order under its section's title; `body(exercise)` draws each as
    blocks a page may end between (the first is kept with the heading). `russian`:
    the Russian instructions too (the learners' copy)."""
    parts = ["<h2>Exercises</h2>"]
    for section in lesson.sections:
        if not section.exercises:
            continue
        title = f"<h3>{e(section.title)}</h3>"
        for exercise_id in section.exercises:
            exercise = lesson.exercise(exercise_id)
            drawn = body(exercise)
            opening = title + exercise_header(lesson, exercise, russian)
            inside = f'<div class="keep">{opening}{drawn[0]}</div>' + "".join(drawn[1:])
            title = ""
            parts.append(f'<article class="exercise" id="{e(exercise.id)}" data-exercise="{e(exercise.id)}" '
                         f'data-kind="{e(exercise.kind)}">{inside}</article>')
    return "".join(parts)


def before_reading(lesson: model.Lesson) -> str:
    return (f"<h2>Before you read</h2>{markdown_html(lesson.context)}"
            f"<h3>Prediction</h3>{markdown_html(lesson.prediction)}{ruled_lines(3)}")


def worksheet(course: Course, ref: model.LessonRef) -> str:
    """The lesson's worksheet as one self-contained HTML page."""
    lesson = course.lessons[ref.id]
    first = lesson_header(course, ref, "Worksheet") + name_fields() + before_reading(lesson)
    return document(f"{ref.id} worksheet", [first + passage_html(course, lesson), exercises_html(lesson, task_html)], "worksheet")
