"""Each exercise kind as a paper task, for the printed worksheet.

A task shows what a learner needs to answer and never the key: options are lettered in
their data order (matching choices in the exercise's alphabetical order), judgements in
the kind's fixed scale; the key's only trace is how much room a typed answer gets (a gap's
length in a few steps, the same for every gap of a word bank; the number of lines), never
its words. `tests/test_print.py` prints every lesson with its keys changed and finds the
same worksheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content.item_model import GAP
from ..content.kinds import kind_of
from ..views.feedback import plain
from ..views.i18n import say
from ..views.item_specs import task_lines
from .print_html import box, e, gap, lettered, lines_for_words, ru, ruled_lines, table, word_count


def _item(n: int | None, body: str) -> str:
    number = f"{n}." if n is not None else ""
    return f'<div class="item"><span class="no">{number}</span><div>{body}</div></div>'


Blocks = list[str]  # a task's parts: what comes before the first item goes with it, so a page never ends after a heading


def _numbered(exercise: Any, render: Callable[[Any], str], before: str = "") -> Blocks:
    """The items one under another, numbered when there are several; `before` opens the first."""
    many = len(exercise.items) > 1
    blocks = [_item(n if many else None, render(item)) for n, item in enumerate(exercise.items, start=1)]
    blocks[0] = before + blocks[0]
    return blocks


def options_list(options: list[str], inline: bool = False) -> str:
    cls = "opts inline" if inline else "opts"
    return f'<ol class="{cls}">' + "".join(
        f'<li>{box()}<span class="letter">{letter}</span> <span>{e(text)}</span></li>' for letter, text in lettered(options)
    ) + "</ol>"


def _choice(exercise: Any) -> Blocks:
    how = "Tick every answer that is right." if exercise.kind == "multiple_select" else "Tick one answer."
    return _numbered(exercise, lambda item: f"<p>{e(item.prompt)}</p>{options_list(item.options)}", f'<p class="meta">{how}</p>')


def judgement_names(exercise: Any) -> list[str]:
    return [say(value, "en") for value in kind_of(exercise).scale]


def _judgement(exercise: Any) -> Blocks:
    names = judgement_names(exercise)
    return _numbered(exercise, lambda item: f"<p>{e(item.statement)}</p>{options_list(names, inline=True)}")


def _matching(exercise: Any) -> Blocks:
    left = [item.left for item in exercise.items]
    right = lettered(exercise.choices)
    rows = []
    for n in range(max(len(left), len(right))):
        mine = [f'<td class="num">{n + 1}.</td>', e(left[n]), '<td class="answer"><span class="slot"></span></td>'] if n < len(left) else ["<td></td>"] * 3
        theirs = [f'<td class="num letter">{right[n][0]}</td>', e(right[n][1])] if n < len(right) else ["<td></td>"] * 2
        rows.append(mine + theirs)
    return ['<div class="keep"><p class="meta">Write the letter of the matching item in each box. '
            f"{'Some letters are not used.' if len(right) > len(left) else ''}</p>"
            + table([], rows, cls="match", widths=("8mm", "42%", "15mm", "8mm", "")) + "</div>"]


def gap_sentence(item: Any, bank: list[str] | None = None) -> str:
    """The sentence with its gap as a line to write on: as long as its answers need, or with a
    word bank as long as the bank's longest word (a gap's length must not tell which word fits)."""
    before, after = GAP.split(item.text, maxsplit=1)
    return f"{e(before)}{gap(bank or [item.answer, *item.accept])}{e(after)}"


def word_bank(exercise: Any) -> str:
    if not getattr(exercise, "word_bank", False):
        return ""
    words = "".join(f"<span>{e(word)}</span>" for word in exercise.bank)
    extra = "One word is not used." if len(exercise.extra_words) == 1 else ("Some words are not used." if exercise.extra_words else "")
    return f'<div class="bank"><span class="label"><b>Word bank</b></span> <span class="meta">{extra}</span><div class="words">{words}</div></div>'


def _gap_fill(exercise: Any) -> Blocks:
    bank = exercise.bank if exercise.word_bank else None
    return _numbered(exercise, lambda item: f"<p>{gap_sentence(item, bank)}</p>", word_bank(exercise))


def _word_formation(exercise: Any) -> Blocks:
    return _numbered(exercise, lambda item: f'<div class="gapline"><p>{gap_sentence(item)}</p><span class="base">{e(item.base)}</span></div>')


def _ordering(exercise: Any) -> Blocks:
    def render(item: Any) -> str:
        segments = "".join(f'<li><span></span><span class="letter">{e(label)}</span> <span>{e(text)}</span></li>'
                           for label, text in sorted(item.segments.items()))
        slots = " ".join(f'<span>{n}</span><span class="slot"></span>' for n in range(1, len(item.segments) + 1))
        return (f'<p>{e(item.prompt)}</p><ol class="opts">{segments}</ol>'
                f'<div class="boxes"><span class="meta">Order (write the letters):</span>{slots}</div>')
    return _numbered(exercise, render)


def _short_answer(exercise: Any) -> Blocks:
    return _numbered(exercise, lambda item: f"<p>{e(item.prompt)}</p>{ruled_lines(lines_for_words(word_count(item.model_answer)))}")


def _translation(exercise: Any) -> Blocks:
    return _numbered(exercise, lambda item: f'<p>{ru(item.source, cls="")}</p>{ruled_lines(lines_for_words(word_count(item.model_answer)))}')


def task_meta(item: Any) -> str:
    """Reader, genre, language, length and times of an open task, in the notebook's words
    (`views.item_specs.task_lines`), a line each."""
    lines = [e(plain([line])) for line in task_lines(item, "en")]
    return f'<p class="meta">{"<br>".join(lines)}</p>' if lines else ""


def checklist(item: Any) -> str:
    head = "Self-check after you speak" if item.mode == "speaking" else "Self-check before you hand in"
    # On paper both languages: the Russian under each point, as the notebook's switch would show it.
    russian = item.checklist_ru or [None] * len(item.checklist)
    ticks = "".join(f"<li>{box()} <span>{e(point)}{f'<br>{ru(point_ru)}' if point_ru else ''}</span></li>"
                    for point, point_ru in zip(item.checklist, russian))
    return f'<p class="label meta"><b>{head}</b></p><ul class="checklist">{ticks}</ul>'


def _open_item(item: Any) -> str:
    prompt = f"<p>{e(item.prompt)}</p>" + (f"<p>{ru(item.prompt_ru)}</p>" if item.prompt_ru else "")
    if item.mode == "speaking":
        # With a word limit the task's lines above say "key words, not a script" already.
        limit = "" if item.max_words else " (key words, not a script)"
        count = lines_for_words(item.max_words or 30, per_line=6, least=4)
        area = f'<div class="notes"><p class="label meta"><b>Your preparation notes</b>{limit}</p>{ruled_lines(count)}</div>'
    else:
        words = item.max_words or max(item.min_words, word_count(item.model_answer))
        lang = ' lang="ru"' if item.answer_lang == "ru" else ""
        area = f"<div{lang}>{ruled_lines(lines_for_words(words))}</div>"
    return prompt + task_meta(item) + area + checklist(item)


def _open_task(exercise: Any) -> Blocks:
    return _numbered(exercise, _open_item)


def _table(exercise: Any) -> Blocks:
    rows = []
    for n, row in enumerate(exercise.items, start=1):
        cells = [f'<td class="num">{n}</td>']
        for column in exercise.columns:
            cells.append(e(row.cells[column]) if column in row.cells else '<td class="blank"></td>')
        rows.append(cells)
    return [table(["#", *(e(c) for c in exercise.columns)], rows, widths=("8mm", *([""] * len(exercise.columns))))]


TASKS: dict[str, Callable[[Any], Blocks]] = {
    "single_choice": _choice, "multiple_select": _choice, "true_false_not_given": _judgement, "stated_inferred": _judgement,
    "matching": _matching, "gap_fill": _gap_fill, "word_formation": _word_formation, "ordering": _ordering,
    "short_answer": _short_answer, "translation": _translation, "open_task": _open_task, "table_completion": _table,
}


def task_html(exercise: Any) -> Blocks:
    """The exercise's items as a paper task (no key), in blocks that a page may end between."""
    return TASKS[exercise.kind](exercise)
