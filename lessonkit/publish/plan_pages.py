"""The workshop plan in the solution notebook: the two routes as tables, the teacher's lists,
the rubric, and every material of the lesson ready to print.

Each function returns Markdown cells (strings) from the records of `content.plan_model`;
every data string is escaped (`md_escape`, `cell_text`) except the authors' Markdown of a
handout. `solution_pages` places them in the notebook.
"""

from __future__ import annotations

from typing import Any

from ..content import model
from ..content.plan_model import RouteStep, RubricCriterion
from ..views.item_specs import display_order
from .markdown import cell_text, md_escape, ru

ROUTE_TITLES = {"in_class": "Route A, in class", "flipped": "Route B, flipped"}
ROUTE_NOTES = {
    "in_class": "Learners work through the notebook in class; the teacher stages it.",
    "flipped": "Learners do the objective exercises before class; class time goes to the most-missed items and to work in pairs and groups.",
}
# The headings of the teacher's plan, shared by the solution notebook and the printed key.
PLAN_TITLES = {
    "timing": "Timing plan", "notes": "Teaching notes", "board_plan": "Board plan", "listen_for": "Listen for",
    "support": "Support (for weaker students)", "stretch": "Stretch (for stronger students)", "homework": "Homework",
    "discussion": "Discussion questions", "workshop": "Workshop tasks", "rubric": "Rubric for the writing and speaking tasks",
}
# The teacher's lists "In the classroom", in the order both show them.
CLASSROOM_LISTS = ("board_plan", "listen_for", "support", "stretch", "homework")
KIND_NAMES = {"role_cards": "role cards", "card_sort": "card sort", "language_bank": "language bank",
              "jigsaw_grid": "jigsaw grid", "handout": "handout"}


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {md_escape(line)}" for line in lines)


def route_table(steps: list[RouteStep], titles: dict[str, str]) -> str:
    """One route as a table: the clock, minutes, stage, aim, interaction, activity, materials."""
    rows = ["| clock | min | stage | aim | interaction | activity | materials |", "|---|---|---|---|---|---|---|"]
    clock = 0
    for step in steps:
        used = "; ".join(f"{cell_text(titles.get(m, m))} ({cell_text(m)})" for m in step.materials)
        rows.append(f"| {clock}–{clock + step.minutes} | {step.minutes} | {cell_text(step.stage)} | {cell_text(step.aim)} "
                    f"| {cell_text(step.interaction)} | {cell_text(step.activity)} | {used} |")
        clock += step.minutes
    return "\n".join(rows)


def routes_cells(lesson: model.Lesson) -> list[str]:
    """The two routes, each a heading with its length and a table (none without routes)."""
    routes = lesson.plan.routes
    if routes is None:
        return []
    titles = {material.id: material.title for material in lesson.materials}
    cells = []
    for key in ("in_class", "flipped"):
        steps = getattr(routes, key)
        total = sum(step.minutes for step in steps)
        before = ""
        if key == "flipped" and routes.before_class:
            before = f"**Before class** (learners alone):\n\n{bullets(routes.before_class)}\n\n"
        cells.append(f"## {ROUTE_TITLES[key]}: a {total}-minute workshop\n\n*{ROUTE_NOTES[key]}*\n\n{before}{route_table(steps, titles)}")
    return cells


def rubric_table(rubric: list[RubricCriterion]) -> str:
    """The rubric as a grid (criterion × points) when every criterion has the same levels,
    else one row per criterion with its levels or descriptor."""
    scales = {tuple(level.points for level in criterion.levels) for criterion in rubric}
    tasks = any(criterion.tasks for criterion in rubric)
    task_head, task_rule = (" tasks |", "---|") if tasks else ("", "")

    def task_cell(criterion: RubricCriterion) -> str:
        return f" {', '.join(criterion.tasks) or 'all'} |" if tasks else ""

    if len(scales) == 1 and next(iter(scales)):
        points = next(iter(scales))
        rows = [f"| criterion |{task_head} " + " | ".join(f"{p} point{'' if p == 1 else 's'}" for p in points) + " |",
                "|---|" + task_rule + "---|" * len(points)]
        for criterion in rubric:
            rows.append(f"| **{cell_text(criterion.criterion)}** |{task_cell(criterion)} "
                        + " | ".join(cell_text(level.descriptor) for level in criterion.levels) + " |")
        return "\n".join(rows)
    rows = [f"| criterion |{task_head} what to look for |", "|---|" + task_rule + "---|"]
    for criterion in rubric:
        if criterion.levels:
            text = " · ".join(f"**{level.points}:** {cell_text(level.descriptor)}" for level in criterion.levels)
        else:
            text = cell_text(criterion.descriptor or "")
        rows.append(f"| **{cell_text(criterion.criterion)}** |{task_cell(criterion)} {text} |")
    return "\n".join(rows)


def teacher_lists_cell(lesson: model.Lesson) -> str:
    """Board plan, what to listen for, support and stretch, homework and the rubric ("" for none)."""
    teacher = lesson.plan
    parts = []
    for key in CLASSROOM_LISTS:
        values = getattr(teacher, key)
        if values:
            body = "> " + "  \n> ".join(md_escape(line) for line in values) if key == "board_plan" else bullets(values)
            parts.append(f"### {PLAN_TITLES[key]}\n\n{body}")
    if teacher.rubric:
        parts.append(f"### {PLAN_TITLES['rubric']}\n\n" + rubric_table(teacher.rubric))
    return "## In the classroom\n\n" + "\n\n".join(parts) if parts else ""


# --- materials --------------------------------------------------------------------------------


def material_heading(material: Any) -> str:
    title_ru = f"  \n{ru(material.title_ru)}" if material.title_ru else ""
    instructions = f"\n\n*{md_escape(material.instructions)}*" if material.instructions else ""
    return f"### {md_escape(material.title)} ({KIND_NAMES[material.kind]} · `{material.id}`){title_ru}{instructions}"


def _role_cards(material: Any) -> list[str]:
    cards = []
    for n, card in enumerate(material.roles, start=1):
        cards.append(f"**Role card {n} of {len(material.roles)}: {md_escape(card.role)}**\n\n{md_escape(card.brief)}\n\n{bullets(card.points)}")
    return cards


def card_order(material: Any) -> list[Any]:
    """A card sort's cards in the order they are numbered, in the notebook and on paper: a fixed
    order that is not the data's (authors list cards by category)."""
    order = display_order([card.text for card in material.cards], material.id)
    return sorted(material.cards, key=lambda card: order.index(card.text))


def _card_sort(material: Any) -> list[str]:
    ordered = card_order(material)
    number = {id(card): n for n, card in enumerate(ordered, start=1)}
    cards = ["| card | text |", "|---|---|"] + [f"| {number[id(card)]} | {cell_text(card.text)} |" for card in ordered]
    key = ["| category | cards |", "|---|---|"]
    for category in material.categories:
        found = sorted(number[id(card)] for card in material.cards if card.category == category)
        key.append(f"| {cell_text(category)} | {', '.join(map(str, found)) or '—'} |")
    heads = " · ".join(md_escape(category) for category in material.categories)
    return [f"**Cards to cut out** (sort them under: {heads})\n\n" + "\n".join(cards), "**Key**\n\n" + "\n".join(key)]


def _language_bank(material: Any) -> list[str]:
    return ["\n\n".join(f"**{md_escape(group.function)}**\n\n{bullets(group.phrases)}" for group in material.groups)]


def _grid(columns: list[str], rows: list[dict[str, str]], blank: set[str]) -> str:
    lines = ["| " + " | ".join(cell_text(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join("" if c in blank else cell_text(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines)


def _jigsaw_grid(material: Any) -> list[str]:
    if not material.blank:
        return [_grid(material.columns, material.rows, set())]
    return [f"**Learners' copy**\n\n{_grid(material.columns, material.rows, set(material.blank))}",
            f"**Key**\n\n{_grid(material.columns, material.rows, set())}"]


def _handout(material: Any) -> list[str]:
    return [material.text]  # the authors' Markdown


RENDER = {"role_cards": _role_cards, "card_sort": _card_sort, "language_bank": _language_bank,
          "jigsaw_grid": _jigsaw_grid, "handout": _handout}


def materials_cells(lesson: model.Lesson) -> list[str]:
    """Every material ready to print: a heading cell, then one cell per card or block."""
    if not lesson.materials:
        return []
    cells = ["## Materials\n\nReady to print: one block per card or sheet. The routes above say when each is used."]
    for material in lesson.materials:
        body = RENDER[material.kind](material)
        cells.append(material_heading(material) + "\n\n" + body[0])
        cells += body[1:]
    return cells
