"""A lesson's printed workshop materials, ready to cut out: one sheet per material.

Role cards one per dashed box; a card sort as a grid of dashed boxes in a fixed mixed
order (the solution notebook's, not the data's, which lists cards by category) with the
category names on a sheet of their own; language banks by function; a jigsaw grid as the
learners' copy (the `blank` columns empty; the full grid is on the answer key); handouts
as the authors wrote them. Every box to cut is marked `data-cut` with what it holds.
"""

from __future__ import annotations

from typing import Any

from ..content import model
from ..content.model import Course
from .plan_pages import KIND_NAMES, card_order
from .print_html import Sheet, document, e, markdown_html, ru, table
from .print_worksheet import lesson_header

CUT = "Cut along the dashed lines."
CUT_NOTE = f'<p class="meta">{CUT}</p>'


PORTRAIT, LANDSCAPE = 95, 145  # characters of body text across A4 within the margins, each way
HANDWRITING = 1.5  # a hand takes this many times the room of print
TALLEST = 45  # mm: a learner writes notes in a grid, not the key's whole sentences


def grid_layout(material: Any, across: bool = False) -> list[float]:
    """Each column's width in characters: at least its longest word (no word is cut), the
    rest of the line shared by how much text the column holds (or is to hold)."""
    texts = [[column, *(row.get(column, "") for row in material.rows)] for column in material.columns]
    least = [max(len(word) for text in column for word in text.split() or [""]) + 3 for column in texts]
    want = [min(max(len(text) for text in column), 60) + 2 for column in texts]
    grow = [max(w - n, 0) for w, n in zip(want, least)]
    room = max((LANDSCAPE if across else PORTRAIT) - sum(least), 0)
    return [n + room * g / (sum(grow) or 1) for n, g in zip(least, grow)]


def landscape(material: Any) -> bool:
    """A wide grid (five columns or more, or much text) is printed across the page."""
    return len(material.columns) >= 5 or sum(grid_layout(material)) > PORTRAIT


def grid_table(material: Any, blank: bool, across: bool = False) -> str:
    """A jigsaw grid: with `blank`, its blank columns empty, each row as tall as its longest
    answer needs in handwriting; `across`: laid out for a landscape page."""
    empty = set(material.blank) if blank else set()
    widths = grid_layout(material, across)
    rows = []
    for row in material.rows:
        lines = max([1, *(HANDWRITING * len(row.get(c, "")) / widths[n] for n, c in enumerate(material.columns) if c in empty)])
        height = f' style="height:{min(TALLEST, max(14, round(6 * lines + 4)))}mm"'
        rows.append([f'<td class="blank"{height}></td>' if column in empty else e(row.get(column, "")) for column in material.columns])
    return table([e(column) for column in material.columns], rows, cls="grid",
                 widths=[f"{100 * w / sum(widths):.1f}%" for w in widths])


def material_head(ref: model.LessonRef, material: Any, extra: str = "") -> str:
    title_ru = f"<p>{ru(material.title_ru)}</p>" if material.title_ru else ""
    instructions = f'<p class="instr">{e(material.instructions)}</p>' if material.instructions else ""
    return (f'<p class="meta">{e(ref.id)} · workshop materials · {KIND_NAMES[material.kind]} · {e(material.id)}{extra}</p>'
            f"<h1>{e(material.title)}</h1>{title_ru}{instructions}")


def _role_cards(ref: model.LessonRef, material: Any) -> list[Sheet]:
    total = len(material.roles)
    cards = "".join(
        f'<div class="cut role" data-cut="role"><p class="meta">{e(ref.id)} · {e(material.title)} · role card {n} of {total}</p>'
        f"<h3>{e(card.role)}</h3><p>{e(card.brief)}</p><ul>{''.join(f'<li>{e(p)}</li>' for p in card.points)}</ul></div>"
        for n, card in enumerate(material.roles, start=1))
    return [material_head(ref, material) + CUT_NOTE + f'<div class="roles">{cards}</div>']


def _card_sort(ref: model.LessonRef, material: Any) -> list[Sheet]:
    cards = "".join(f'<div class="cut" data-cut="card"><small>{n}</small> <span>{e(card.text)}</span></div>'
                    for n, card in enumerate(card_order(material), start=1))
    heads = "".join(f'<div class="cut" data-cut="category"><span>{e(category)}</span></div>' for category in material.categories)
    count = f'<p class="meta">{len(material.cards)} cards to sort under {len(material.categories)} headings (on the next sheet). {CUT}</p>'
    return [material_head(ref, material) + count + f'<div class="cards">{cards}</div>',
            material_head(ref, material, " · headings") + f'<p class="meta">The headings to sort the cards under. {CUT}</p>'
            + f'<div class="cards categories">{heads}</div>']


def _language_bank(ref: model.LessonRef, material: Any) -> list[Sheet]:
    groups = "".join(f'<div class="group"><h3>{e(group.function)}</h3><ul>{"".join(f"<li>{e(p)}</li>" for p in group.phrases)}</ul></div>'
                     for group in material.groups)
    return [material_head(ref, material) + groups]


def _jigsaw_grid(ref: model.LessonRef, material: Any) -> list[Sheet]:
    note = f'<p class="meta">Complete the empty column{"s" if len(material.blank) > 1 else ""}: {", ".join(e(c) for c in material.blank)}.</p>' if material.blank else ""
    across = landscape(material)
    sheet = material_head(ref, material) + note + grid_table(material, blank=True, across=across)
    return [(sheet, "landscape") if across else sheet]


def _handout(ref: model.LessonRef, material: Any) -> list[Sheet]:
    return [material_head(ref, material) + f'<div class="handout">{markdown_html(material.text)}</div>']


SHEETS = {"role_cards": _role_cards, "card_sort": _card_sort, "language_bank": _language_bank,
          "jigsaw_grid": _jigsaw_grid, "handout": _handout}


def materials_page(course: Course, ref: model.LessonRef) -> str | None:
    """The lesson's materials as one self-contained HTML page (None: the lesson has none)."""
    lesson = course.lessons[ref.id]
    if not lesson.materials:
        return None
    listing = "".join(f"<li>{e(m.title)} ({KIND_NAMES[m.kind]} · {e(m.id)})</li>" for m in lesson.materials)
    first = lesson_header(course, ref, "Workshop materials") + f'<p class="meta">One sheet per material, in this order:</p><ul class="meta">{listing}</ul>'
    sheets: list[Sheet] = []
    for material in lesson.materials:
        for sheet in SHEETS[material.kind](ref, material):
            html, cls = (sheet, "") if isinstance(sheet, str) else sheet
            wrapped = f'<div data-material="{e(material.id)}">{html}</div>'
            sheets.append((wrapped, cls) if cls else wrapped)
    opening = sheets[0]
    sheets[0] = first + opening if isinstance(opening, str) else (first + opening[0], opening[1])
    return document(f"{ref.id} workshop materials", sheets, "materials")
