"""The class report as one self-contained HTML page: inline CSS, charts as data URIs, no script.

Everything a learner wrote (names, answers, file names) and everything from the data is
escaped here, at the one place it becomes HTML. Links to lessons are relative
(`notebooks/<name>.ipynb`): the page is meant to sit at the top of the course folder.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from ..learner.utc import utc_now
from .class_chart import DPI, HEIGHT_IN, chart_alt, chart_width, share_chart
from .class_data import exercise_shares

if TYPE_CHECKING:
    from .class_data import ItemStat
    from .class_report import ClassReport

SHOWN = 140  # characters of an answer or a prompt in a table cell (the whole of it in the tooltip)

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;margin:0;background:#fff}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:1.6em;margin:.4em 0 .2em}h2{font-size:1.3em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}
h3{font-size:1.1em;margin:1.4em 0 .3em}
a{color:#0b5cad}.meta,.note{color:#444}.note{font-size:.92em;max-width:75ch}
nav ul{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.92em}
th,td{border:1px solid #d0d0d0;padding:4px 7px;vertical-align:top;text-align:left}
thead th{background:#f0f3f7;position:sticky;top:0}
.scores td{text-align:right;white-space:nowrap;min-width:4.5em}
.scores small{display:block;color:#555;font-size:.8em}
.scores tfoot th,.scores tfoot td{background:#f7f7f7;font-weight:bold;border-top:2px solid #888}
.scores th[scope=row]{max-width:16em;overflow-wrap:anywhere}
.items{table-layout:fixed;width:100%}
.items td,.items th{overflow-wrap:anywhere}
.items col.id{width:7.5em}.items col.n{width:3.8em}.items col.p{width:4.5em}.items col.share{width:6.5em}
.items col.prompt{width:24%}.items col.wrong{width:24%}
.ans{margin:0 0 .3em}
.num{text-align:right}
.low{background:#fde8e8}.mid{background:#fff6dc}
figure{margin:.6em 0}figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.85em;color:#444}
ol.missed li{margin:.35em 0}
q{font-style:italic}
code{font-size:.95em;overflow-wrap:anywhere}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _short(text: str, limit: int = SHOWN) -> str:
    """Text for a cell: cut at `limit` characters, the whole of it in a tooltip."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return _e(flat)
    return f'<span title="{_e(flat)}">{_e(flat[: limit - 1])}…</span>'


def _percent(value: float | None) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.0f}%"


def _level(value: float | None) -> str:
    """A background for low scores; the figure itself is always written."""
    if value is None or pd.isna(value):
        return ""
    return ' class="low"' if value < 50 else (' class="mid"' if value < 75 else "")


def _lesson_link(notebook: str, text: str) -> str:
    return f'<a href="notebooks/{_e(notebook)}.ipynb">{_e(text)}</a>'


def scores_section(report: ClassReport) -> str:
    course = report.course
    refs = {ref.id: ref for ref in course.map.lessons}
    head = "".join(f'<th scope="col" title="{_e(course.lesson_title(refs[lesson]))}">'
                   f"{_lesson_link(refs[lesson].notebook, lesson)}</th>" for lesson in report.table.columns)
    counts = report.frame.set_index(["learner", "lesson"])
    body = []
    for learner, row in report.table.iterrows():
        cells = []
        for lesson in report.table.columns:
            figures = counts.loc[(learner, lesson)]
            value = row[lesson]
            if pd.isna(value):
                cells.append('<td><span class="note">—</span></td>')
                continue
            right, items, done, exercises = (int(figures[key]) for key in ("right", "items", "exercises_checked",
                                                                            "exercises"))
            detail = f"{right}/{items} items · {done}/{exercises} ex."
            cells.append(f"<td{_level(value)}>{_percent(value)}<small>{_e(detail)}</small></td>")
        body.append(f'<tr><th scope="row">{_e(learner)}</th>{"".join(cells)}</tr>')
    median = "".join(f"<td>{_percent(report.median[lesson]) or '—'}</td>" for lesson in report.table.columns)
    return (
        '<section id="scores"><h2>Scores by lesson</h2>'
        '<p class="note">Each cell: the percentage of items right in the learner\'s latest check of each exercise '
        "of the lesson, counted over the exercises the learner checked; below it, items right of items checked and "
        "exercises checked of the lesson's exercises. — : lesson not begun. The class median is taken over the "
        "learners who began the lesson. Shaded: under 75% (light) and under 50%.</p>"
        f'<div class="scroll"><table class="scores"><thead><tr><th scope="col">Learner</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody><tfoot><tr><th scope="row">Class median</th>{median}</tr></tfoot>'
        "</table></div></section>"
    )


def _answers(found: list[tuple[str, int]], limit: int = 60) -> str:
    if not found:
        return ""
    return "".join(f'<div class="ans">«{_short(answer, limit)}» ({count})</div>' for answer, count in found)


def _where(stat: ItemStat) -> str:
    return (f"{_lesson_link(stat.notebook, stat.lesson)} · exercise <b>{_e(stat.exercise)}</b>, item {stat.item}"
            f" · paragraph <b>{_e(stat.paragraph or '—')}</b>")


def missed_section(report: ClassReport) -> str:
    if not report.missed:
        return '<section id="missed"><h2>The ten most-missed items</h2><p>No item was missed.</p></section>'
    entries = []
    for stat in report.missed:
        share = f" ({_percent(100 * stat.share_right)} right)" if stat.share_right is not None else ""
        wrong = ""
        if stat.wrong_answers:
            given = "; ".join(f"«{_short(answer, 80)}» ({count})" for answer, count in stat.wrong_answers[:2])
            wrong = f" Wrong answers given (learners): {given}."
        # Exports written before answers were kept say only how often an item was missed.
        last = (f"not right in {stat.not_right} of {stat.checked} learners' last answers{share}; " if stat.checked
                else "answers not in the files; ")
        entries.append(
            f'<li data-exercise="{_e(stat.exercise)}" data-item="{stat.item}">{_where(stat)} — '
            f"{last}{stat.misses} wrong check(s) in all. <q>{_short(stat.prompt, 120)}</q>{wrong}</li>"
        )
    return ('<section id="missed"><h2>The ten most-missed items</h2>'
            '<p class="note">Ranked by the number of learners whose last answer was not right, then by wrong checks '
            "over all attempts. Each links to its lesson notebook; the paragraph is where the item's evidence is.</p>"
            f'<ol class="missed">{"".join(entries)}</ol></section>')


def _item_row(stat: ItemStat) -> str:
    share = stat.share_right
    right = (f"{_percent(100 * share)} <small>({stat.right}/{stat.checked})</small>" if share is not None else
             f"— <small>(answers not in the files; {stat.misses} wrong check(s))</small>")
    partial = f"<br><small>{stat.partial} partly right</small>" if stat.partial else ""
    return (f'<tr id="{_e(stat.exercise)}-{stat.item}"><td>{_e(stat.exercise)}</td><td class="num">{stat.item}</td>'
            f"<td>{_e(stat.paragraph)}</td><td>{_short(stat.prompt)}</td>"
            f"<td{_level(100 * share if share is not None else None)}>{right}{partial}</td>"
            f"<td>{_answers(stat.wrong_answers)}</td><td>{_answers(stat.self_credited)}</td>"
            f"<td>{_answers(stat.should_be_accepted)}</td></tr>")


ITEM_HEAD = ('<colgroup><col class="id"><col class="n"><col class="p"><col class="prompt"><col class="share">'
             "<col class=\"wrong\"><col><col></colgroup><thead><tr><th scope=\"col\">Exercise</th><th scope=\"col\">Item</th>"
             '<th scope="col">¶</th><th scope="col">Item text</th><th scope="col">Right</th>'
             '<th scope="col">Most common wrong answers (learners)</th><th scope="col">Self-credited</th>'
             '<th scope="col">"Should be accepted"</th></tr></thead>')


def lesson_section(report: ClassReport, lesson_id: str) -> str:
    course = report.course
    ref = course.lesson_ref(lesson_id)
    title = course.lesson_title(ref)
    heading = (f'<h3 id="lesson-{_e(lesson_id)}">{_e(lesson_id)}{": " + _e(title) if title else ""} '
               f'<small>({_lesson_link(ref.notebook, ref.notebook + ".ipynb")})</small></h3>')
    shares = exercise_shares(course, lesson_id, report.learners)
    if not any(share.learners for share in shares):
        return heading + '<p class="note">No learner has checked an exercise of this lesson.</p>'
    size = f'width="{chart_width(shares)}" height="{round(HEIGHT_IN * DPI)}"'
    figure = (f'<figure><img src="{share_chart(shares)}" alt="{_e(chart_alt(shares))}" {size}>'
              f"<figcaption>{_e(lesson_id)}: share of items right per exercise, in page order, over every learner's latest check "
              "(n: learners who checked it).</figcaption></figure>")
    stats = [s for s in report.items if s.lesson == lesson_id]
    rows = [_item_row(s) for s in stats if s.checked or s.misses]
    left_out = len(stats) - len(rows)
    note = f'<p class="note">{left_out} item(s) that no learner has checked are left out.</p>' if left_out else ""
    return (heading + figure + f'<div class="scroll"><table class="items">{ITEM_HEAD}<tbody>{"".join(rows)}'
            f"</tbody></table></div>{note}")


def skipped_section(report: ClassReport) -> str:
    lines = [f"<li><code>{_e(s.path)}</code>: {_e(s.reason)}</li>" for s in report.skipped]
    partly = [f"<li><code>{_e(learner.path)}</code> ({_e(learner.label)}): read; {len(learner.unknown)} exercise(s) "
              f"this course does not have were left out ({_e(', '.join(learner.unknown[:5]))})</li>"
              for learner in report.learners if learner.unknown]
    if not lines and not partly:
        return '<section id="skipped"><h2>Files skipped</h2><p>None: every file was read.</p></section>'
    return (f'<section id="skipped"><h2>Files skipped ({len(lines)})</h2><ul class="skipped">{"".join(lines)}</ul>'
            + (f'<h3>Read in part</h3><ul>{"".join(partly)}</ul>' if partly else "") + "</section>")


def report_html(report: ClassReport) -> str:
    course = report.course
    title = f"Class report: {course.map.title}"
    read = len(report.learners)
    lessons = "".join(lesson_section(report, ref.id) for ref in course.map.lessons)
    meta = (f"{read} learner(s) read, {len(report.skipped)} file(s) skipped · "
            f"written {utc_now().strftime('%Y-%m-%d %H:%M')} UTC by <code>python -m lessonkit class-report</code>")
    empty = "" if read else "<p><strong>No file could be read as a learner's export of this course.</strong></p>"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>"
        f'<h1>{_e(title)}</h1><p class="meta">{meta}</p>{empty}'
        '<nav aria-label="Sections"><ul><li><a href="#scores">Scores by lesson</a></li>'
        '<li><a href="#missed">Ten most-missed items</a></li><li><a href="#lessons">Lesson by lesson</a></li>'
        '<li><a href="#skipped">Files skipped</a></li></ul></nav>'
        f"{scores_section(report)}{missed_section(report)}"
        f'<section id="lessons"><h2>Lesson by lesson</h2>'
        '<p class="note">Per item: the share of learners whose last answer was right; the most common wrong answers, '
        "grouped as the checker compares answers (case, spelling variants, hyphens and spaces do not count), with how "
        "many learners gave them; the answers learners counted as right on their own word (self-credited) and those "
        "they reported as answers that should be accepted.</p>"
        f"{lessons}</section>{skipped_section(report)}</main></body></html>\n"
    )
