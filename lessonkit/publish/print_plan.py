"""The teacher's half of the printed answer key: the workshop plan (timing plan, the two
routes, teaching notes, the rubric) and the keys of the materials (a card sort's
categories, a jigsaw grid in full). The routes' wording is the solution notebook's
(`plan_pages`); here it is HTML.
"""

from __future__ import annotations

from ..content import model
from ..content.plan_model import RouteStep, RubricCriterion
from .plan_pages import CLASSROOM_LISTS, KIND_NAMES, PLAN_TITLES, ROUTE_NOTES, ROUTE_TITLES, card_order
from .print_html import Sheet, e, table
from .print_materials import grid_table, landscape


def _list(values: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(value)}</li>" for value in values) + "</ul>"


def route_table(steps: list[RouteStep], titles: dict[str, str]) -> str:
    rows, clock = [], 0
    for step in steps:
        used = "; ".join(f"{e(titles.get(m, m))} ({e(m)})" for m in step.materials)
        rows.append([f"{clock}–{clock + step.minutes}", str(step.minutes), f"<b>{e(step.stage)}</b>", e(step.aim),
                     e(step.interaction), e(step.activity), used])
        clock += step.minutes
    return table(["clock", "min", "stage", "aim", "interaction", "activity", "materials"], rows, cls="route",
                 widths=("15mm", "11mm", "15%", "17%", "24mm", "", "15%"))


def rubric_html(rubric: list[RubricCriterion]) -> str:
    rows = []
    for criterion in rubric:
        if criterion.levels:
            text = "<br>".join(f"<b>{level.points}:</b> {e(level.descriptor)}" for level in criterion.levels)
        else:
            text = e(criterion.descriptor or "")
        rows.append([f"<b>{e(criterion.criterion)}</b>", e(", ".join(criterion.tasks) or "all"), text])
    return table(["criterion", "tasks", "what to look for"], rows, widths=("25%", "18%", ""))


def plan_html(ref: model.LessonRef, lesson: model.Lesson) -> str:
    """The workshop: its timing plan and/or two routes, the teaching notes and the rubric ("" in a
    released course, whose lessons carry no teacher notes)."""
    teacher = lesson.teacher
    if teacher is None:
        return ""
    parts = [f"<h2>The workshop: {ref.workshop_minutes} minutes</h2>"]
    if teacher.timing:
        total = sum(step.minutes for step in teacher.timing)
        rows = [[str(step.minutes), e(step.activity)] for step in teacher.timing]
        parts.append(f"<h3>{PLAN_TITLES['timing']} ({total} minutes)</h3>" + table(["min", "activity"], rows, widths=("14mm", "")))
    if teacher.routes is not None:
        titles = {material.id: material.title for material in lesson.materials}
        for key in ("in_class", "flipped"):
            steps = getattr(teacher.routes, key)
            total = sum(step.minutes for step in steps)
            before = ""
            if key == "flipped" and teacher.routes.before_class:
                before = "<p><b>Before class</b> (learners alone):</p>" + _list(teacher.routes.before_class)
            parts.append(f"<h3>{e(ROUTE_TITLES[key])}: a {total}-minute workshop</h3><p class=\"meta\">{e(ROUTE_NOTES[key])}</p>"
                         f"{before}{route_table(steps, titles)}")
    parts.append(f"<h3>{PLAN_TITLES['notes']}</h3>" + _list(teacher.notes))
    for key in (*CLASSROOM_LISTS, "discussion", "workshop"):
        values = getattr(teacher, key)
        if values:
            parts.append(f"<h3>{e(PLAN_TITLES[key])}</h3>" + _list(values))
    if teacher.rubric:
        parts.append(f"<h3>{PLAN_TITLES['rubric']}</h3>" + rubric_html(teacher.rubric))
    return "".join(parts)


def material_keys(lesson: model.Lesson) -> Sheet:
    """The keys of the materials: each card sort's cards by category, each jigsaw grid in full
    (on a landscape sheet when a grid is wide)."""
    parts = []
    across = any(landscape(material) for material in lesson.materials if material.kind == "jigsaw_grid")
    for material in lesson.materials:
        head = f"<h3>{e(material.title)} <span class=\"tag\">{KIND_NAMES[material.kind]} · {e(material.id)}</span></h3>"
        if material.kind == "card_sort":
            ordered = card_order(material)
            number = {id(card): n for n, card in enumerate(ordered, start=1)}
            rows = [[f"<b>{e(category)}</b>", "; ".join(f"{number[id(card)]}. {e(card.text)}" for card in ordered
                                                       if card.category == category) or "—"] for category in material.categories]
            parts.append(head + table(["category", "cards (numbers as printed)"], rows, widths=("30%", "")))
        elif material.kind == "jigsaw_grid":
            parts.append(head + '<p class="meta">The full grid; the learners\' copy leaves '
                         + (", ".join(e(c) for c in material.blank) or "no column") + " empty.</p>"
                         + grid_table(material, blank=False, across=across))
    html = "<h2>Keys to the materials</h2>" + "".join(parts) if parts else ""
    return (html, "landscape") if across else html
