"""A lesson's printed answer key: per exercise the key of each item with the letters the
worksheet uses, what else is accepted, the explanation and the evidence (quote and
paragraph id), model answers and self-check lists; then the workshop plan and the keys
of the materials (`print_plan`).
"""

from __future__ import annotations

from typing import Any

from ..content import model
from ..content.kinds import item_words, kind_of
from ..content.model import Course
from ..views.i18n import say
from .print_html import document, e, lettered, table
from .print_plan import material_keys, plan_html
from .print_tasks import task_meta
from .print_worksheet import exercises_html, lesson_header


def _letter_of(options: list[str], value: str) -> str:
    return dict((text, letter) for letter, text in lettered(options)).get(value, "?")


def _also(values: list[str]) -> str:
    return f'<br><span class="meta">also accepted: {", ".join(e(v) for v in values)}</span>' if values else ""


def _key_terms(item: Any) -> str:
    flags = "".join(f"<br>Red flag “{e(flag.term)}”: {e(flag.message)}" for flag in item.red_flags) if hasattr(item, "red_flags") else ""
    return f'<div class="meta">Checked by key terms: {e(item.key_terms_rule)}.{flags}</div>'


def key_cell(exercise: Any, item: Any) -> str:
    """The key of one item as the teacher marks a paper: letters first, then the words."""
    kind = exercise.kind
    if kind == "single_choice":
        return f"{_letter_of(item.options, item.answer)} · {e(item.answer)}"
    if kind == "multiple_select":
        letters = [letter for letter, text in lettered(item.options) if text in item.answers]
        return f"{', '.join(letters)} · {'; '.join(e(a) for a in item.answers)}"
    if kind in ("true_false_not_given", "stated_inferred"):
        scale = list(kind_of(exercise).scale)
        return f"{_letter_of(scale, item.answer)} · {e(say(item.answer, 'en'))}"
    if kind == "matching":
        return f"{_letter_of(exercise.choices, item.answer)} · {e(item.answer)}"
    if kind in ("gap_fill", "word_formation"):
        return e(item.answer) + _also(item.accept)
    if kind == "ordering":
        return " – ".join(e(label) for label in item.answer)
    if kind in ("short_answer", "translation"):
        return f'<div class="model">{e(item.model_answer)}</div>{_key_terms(item)}'
    if kind == "open_task":
        points = "".join(f"<li>{e(point)}</li>" for point in item.checklist)
        lang = ' lang="ru"' if item.answer_lang == "ru" else ""
        return (f'{task_meta(item)}<div class="model"{lang}>{e(item.model_answer)}</div>'
                f'<div class="meta">Self-check list:</div><ul class="meta">{points}</ul>')
    if kind == "table_completion":
        return "<br>".join(f"{e(column)}: <b>{e(answers[0])}</b>{_also(answers[1:])}" for column, answers in item.blanks.items())
    return e(kind_of(exercise).answer_text(item))  # pragma: no cover - every kind is above


def item_words_html(exercise: Any, item: Any) -> str:
    """What the item asks, for the key table (a Russian source marked as Russian)."""
    text = e(item_words(exercise, item))
    return f'<span lang="ru">{text}</span>' if kind_of(exercise).stem_lang == "ru" else text


def evidence_html(item: Any) -> str:
    quotes = "".join(f"<div>«{e(ev.quote)}» <b>({e(ev.paragraph)})</b></div>" for ev in item.evidence)
    return f'<div class="why">{e(item.explanation)}</div><div class="ev">{quotes}</div>'


def exercise_key(exercise: Any) -> list[str]:
    """One exercise's key: a table of its items, then its distractors; the first row is kept with
    the heading (a second table, without a header row, holds the rest)."""
    long = exercise.kind in ("open_task", "short_answer", "translation")
    widths = ("7mm", "22%", "42%", "") if long else ("7mm", "28%", "22%", "")
    rows = [[f'<td class="num">{n}</td>', item_words_html(exercise, item), f'<td class="k">{key_cell(exercise, item)}</td>', evidence_html(item)]
            for n, item in enumerate(exercise.items, start=1)]
    extra = ""
    if getattr(exercise, "distractors", None):
        notes = exercise.distractor_feedback
        extra = '<p class="meta">Not used (distractors): ' + "; ".join(
            f"{_letter_of(exercise.choices, d)} · {e(d)}" + (f" ({e(notes[d])})" if d in notes else "") for d in exercise.distractors) + ".</p>"
    if getattr(exercise, "word_bank", False) and exercise.extra_words:
        extra += f'<p class="meta">Word bank, not used: {", ".join(e(w) for w in exercise.extra_words)}.</p>'
    hint = f'<p class="meta">Hint given to learners: {e(exercise.hint)}</p>'
    first = table(["#", "item", "key", "why · evidence"], rows[:1], cls="key split" if len(rows) > 1 else "key", widths=widths)
    rest = table([], rows[1:], cls="key cont", widths=widths) if len(rows) > 1 else ""
    return [hint + first, rest + extra]


def answer_key(course: Course, ref: model.LessonRef) -> str:
    """The lesson's answer key as one self-contained HTML page."""
    lesson = course.lessons[ref.id]
    first = lesson_header(course, ref, "Answer key (for the teacher)") + exercises_html(lesson, exercise_key, russian=False)
    return document(f"{ref.id} answer key", [first, plan_html(ref, lesson), material_keys(lesson)], "key")
