"""The learner's progress page: a table per lesson, a chart, what is most often missed,
and export, import and reset of the progress file.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from . import feedback
from .i18n import Language, say
from .model import Course
from .progress import ProgressImportError, ProgressStore, describe_age


def lesson_rows(course: Course, store: ProgressStore, lang: Language = "en") -> list[dict[str, Any]]:
    """One row per lesson: exercises checked, items right of items checked, last date."""
    progress = store.read()
    now = store.clock()
    rows = []
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        records = [progress.exercises[e.id] for e in lesson.exercises if e.id in progress.exercises]
        last = max((r.last_checked for r in records), default=None)
        score = sum(r.score for r in records)
        total = sum(r.total for r in records)
        rows.append(
            {
                "lesson": ref.id,
                "notebook": ref.notebook,
                "exercises done": f"{len(records)} of {len(lesson.exercises)}",
                "score": f"{score} of {total}" if records else "",
                "percent": round(100 * score / total) if total else 0,
                "last": describe_age(last, now, lang) if last else "",
            }
        )
    return rows


def most_missed(course: Course, store: ProgressStore, limit: int = 8) -> list[tuple[str, str, str, int]]:
    """(lesson notebook, exercise id, what, times missed): items, then words, most missed first."""
    progress = store.read()
    owner = {e.id: course.lesson_ref(lesson_id) for lesson_id, e in course.all_exercises()}
    counts: Counter[tuple[str, str, str]] = Counter()
    for exercise_id, record in progress.exercises.items():
        ref = owner.get(exercise_id)
        if ref is None:
            continue
        for item, times in record.missed_items.items():
            counts[(ref.notebook, exercise_id, f"item {item}")] += times
    entries = {e.term: e for g in course.glossaries.values() for e in g.entries}
    paragraph_lesson = {}
    for ref in course.map.lessons:
        for pid in course.lessons[ref.id].paragraph_ids:
            paragraph_lesson[pid] = ref.notebook
    for term, record in progress.words.items():
        if record.wrong and term in entries:
            counts[(paragraph_lesson.get(entries[term].paragraph, ""), term, "word")] += record.wrong
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(notebook, what_id, what, times) for (notebook, what_id, what), times in ranked]


class ProgressPage:
    def __init__(self, course: Course, store: ProgressStore, lang: Language = "en", folder: Path | None = None) -> None:
        self.course = course
        self.store = store
        self.lang: Language = lang
        self.folder = folder or Path.cwd()
        self.message = w.HTML()
        self.export_button = w.Button(icon="download")
        self.export_button.on_click(self.export)
        self.upload = w.FileUpload(accept=".json", multiple=False)
        self.upload.observe(lambda change: self.import_upload(), names="value")
        self.confirm = w.Checkbox(value=False, indent=False)
        self.reset_button = w.Button(icon="trash", button_style="danger")
        self.reset_button.on_click(self.reset)
        self.relabel()
        self.widget = w.VBox([
            w.HBox([self.export_button, self.upload]),
            w.HBox([self.confirm, self.reset_button]),
            self.message,
        ])
        self.widget.add_class("lessonkit-progress")

    def relabel(self) -> None:
        self.export_button.description = say("export", self.lang)
        self.upload.description = say("import", self.lang)
        self.upload.tooltip = say("import_choose", self.lang)
        self.confirm.description = say("reset_confirm", self.lang)
        self.reset_button.description = say("reset", self.lang)

    def set_language(self, lang: Language) -> None:
        self.lang = lang
        self.relabel()

    # --- views -----------------------------------------------------------------------------

    def table(self) -> Any:
        import pandas as pd

        rows = lesson_rows(self.course, self.store, self.lang)
        frame = pd.DataFrame(rows, columns=["lesson", "exercises done", "score", "last"])
        return frame.set_index("lesson")

    def chart(self) -> Any:
        """A bar chart of the share of items right, per lesson, with the numbers written on it."""
        import matplotlib

        matplotlib.use("Agg", force=False)
        from IPython.display import HTML
        from matplotlib.figure import Figure

        from .charts import figure_html

        rows = lesson_rows(self.course, self.store, self.lang)
        figure = Figure(figsize=(9, 3.2), dpi=100)
        axes = figure.add_subplot()
        bars = axes.bar([r["lesson"] for r in rows], [r["percent"] for r in rows], color="#1f77b4")
        for bar, row in zip(bars, rows):
            axes.annotate(row["score"] or "–", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
        axes.set_ylim(0, 110)
        axes.set_ylabel("% of checked items right")
        axes.set_title("Scores by lesson (the number above a bar: items right of items checked)", fontsize=10, loc="left")
        for side in ("right", "top"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        alt = "Scores by lesson: " + "; ".join(f"{r['lesson']} {r['score'] or 'not started'}" for r in rows)
        return HTML(figure_html(figure, alt))

    def missed_html(self) -> Any:
        from IPython.display import HTML

        rows = most_missed(self.course, self.store)
        if not rows:
            return HTML(f"<p>{feedback.text('no_progress', self.lang)}</p>")
        items = "".join(
            f'<li><a href="{escape(notebook)}.ipynb">{escape(what_id)}</a> ({escape(what)}): {times}×</li>'
            for notebook, what_id, what, times in rows
        )
        return HTML(f"<p><b>{feedback.text('most_missed', self.lang)}</b></p><ol>{items}</ol>")

    # --- actions ---------------------------------------------------------------------------

    def export(self, _button: Any = None) -> Path:
        stamp = self.store.clock().strftime("%Y%m%d-%H%M%S")
        target = self.folder / f"my-progress-{stamp}.json"
        self.store.export_to(target)
        self.message.value = feedback.text("exported", self.lang, detail=target.name)
        return target

    def import_upload(self) -> None:
        uploads = self.upload.value
        if not uploads:
            return
        upload = uploads[0]
        incoming = self.folder / f".import-{datetime.now().strftime('%Y%m%d%H%M%S%f')}.json"
        incoming.write_bytes(bytes(upload["content"]))
        try:
            self.import_file(incoming)
        finally:
            incoming.unlink(missing_ok=True)
            self.upload.value = ()

    def import_file(self, path: Path) -> bool:
        try:
            backup = self.store.import_from(path)
        except ProgressImportError as error:
            self.message.value = feedback.text("import_refused", self.lang, detail=str(error))
            return False
        self.message.value = (
            feedback.text("imported", self.lang, detail=backup.name) if backup is not None
            else feedback.text("imported_first", self.lang)
        )
        return True

    def reset(self, _button: Any = None) -> Path | None:
        if not self.confirm.value:
            self.message.value = feedback.text("reset_needs_confirm", self.lang)
            return None
        backup = self.store.reset()
        self.confirm.value = False
        self.message.value = feedback.text("reset_done", self.lang, detail=backup.name)
        return backup
