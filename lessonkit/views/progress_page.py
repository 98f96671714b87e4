"""The learner's progress page: a table per lesson, a chart, what is most often missed,
and export, import and reset of the progress file.

The page follows the notebook's one `InterfaceLanguage`: every word of the interface is
redrawn when it changes; course content (lesson ids and titles, exercise titles, glossary
terms) stays as the data has it. What the page reports is computed in `progress_summary`;
anything with a link is a rich display output (`rich_output`), never an HTML widget.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..content.model import Course
from ..content.safe_files import reason
from ..learner.progress import ProgressImportError, ProgressStore
from . import feedback
from .app_mode import download_url
from .i18n import Language, say
from .language import InterfaceLanguage, write_labels
from .progress_summary import Missed, lesson_rows, most_missed, score_cell
from .rich_output import AUTO, lang_attribute, link, say_linked, show_html
from .wording import describe_age


class ProgressPage:
    """The table, chart and most-missed list of one learner, and the export / import / reset buttons.

    `table()`, `chart()` and `missed_html()` return Output widgets that redraw themselves when
    the language changes or the progress is imported or reset.
    """

    def __init__(self, course: Course, store: ProgressStore, language: InterfaceLanguage,
                 folder: Path | None = None) -> None:
        self.course = course
        self.store = store
        self.language = language
        self.folder = folder or Path.cwd()
        self.message = w.HTML()
        self._said: tuple[str, str] | None = None  # the message's key and detail, redrawn in the new language
        self.after_save: list[Callable[[], None]] = []  # e.g. the notice line above the page
        self.export_button = w.Button(icon="download", layout=w.Layout(width=AUTO))
        self.export_button.on_click(self.export)
        # The name the export carries for the instructor's class report; saved when typed (Enter
        # or leaving the box) and again at Export, so an export always has the name shown.
        self.name_field = w.Text(value=store.read().name, continuous_update=False,
                                 style={"description_width": "initial"}, layout=w.Layout(width=AUTO, max_width="40em"))
        self.name_field.observe(lambda change: self.save_name(), names="value")
        self.upload = w.FileUpload(accept=".json", multiple=False, layout=w.Layout(width=AUTO))
        self.upload.observe(lambda change: self.import_upload(), names="value")
        self.confirm = w.Checkbox(value=False, indent=False, layout=w.Layout(width=AUTO))
        self.reset_button = w.Button(icon="trash", button_style="danger", layout=w.Layout(width=AUTO))
        self.reset_button.on_click(self.reset)
        self.table_output = w.Output()
        self.chart_output = w.Output()
        self.missed_output = w.Output()
        self._shown: set[str] = set()  # which of table / chart / missed a cell has asked for
        rows = w.Layout(flex_flow="row wrap")  # wrap on a narrow screen rather than scroll
        self.widget = w.VBox([
            w.HBox([self.name_field, self.export_button, self.upload], layout=rows),
            w.HBox([self.confirm, self.reset_button], layout=rows),
            self.message,
        ])
        self.widget.add_class("lessonkit-progress")
        self.relabel()
        language.follow(lambda _code: self.redraw())

    @property
    def lang(self) -> Language:
        return self.language.code

    LABELS = {"export_button.description": "export", "name_field.description": "export_name",
              "name_field.placeholder": "export_name_placeholder", "upload.description": "import",
              "upload.tooltip": "import_choose", "confirm.description": "reset_confirm", "reset_button.description": "reset"}

    def relabel(self) -> None:
        write_labels(self, self.LABELS, self.lang)

    def redraw(self) -> None:
        """Every word of the page again, in the current language and from the saved progress."""
        self.relabel()
        self.name_field.value = self.store.read().name  # an import brings its own name
        if self._said is not None:
            self.tell(*self._said)
        if "table" in self._shown:
            self.draw_table()
        if "chart" in self._shown:
            self.draw_chart()
        if "missed" in self._shown:
            self.draw_missed()

    def tell(self, key: str, detail: str = "") -> None:
        """Show an interface message (and keep it, to say it again in another language).

        A message follows an action (an export, an import, a reset) that may have changed
        the store's notice, so whatever shows the notice is redrawn too.
        """
        self._said = (key, detail)
        download = download_url(detail) if key == "exported_app" else None
        self.message.value = (f'<span{lang_attribute(self.lang)}>{say_linked(key, self.lang, "detail", detail, download, download=True)}</span>'
                              if download else feedback.text(key, self.lang, detail=detail))
        for saved in self.after_save:
            saved()

    # --- views -----------------------------------------------------------------------------

    def table(self) -> w.Output:
        """One row per lesson: exercises checked, items right of items checked, when last worked on."""
        self._shown.add("table")
        self.draw_table()
        return self.table_output

    def draw_table(self) -> None:
        lang = self.lang
        rows = lesson_rows(self.course, self.store)
        left = ' style="text-align:left"'
        # Text left, numbers right (JupyterLab's default for table cells), headers over their column.
        head = f'<th scope="col"{left}>{escape(say("col_lesson", lang))}</th>' + "".join(
            f'<th scope="col">{escape(say(key, lang))}</th>' for key in ("col_exercises", "col_score", "col_last"))
        body = []
        plain = [" | ".join(say(key, lang) for key in ("col_lesson", "col_exercises", "col_score", "col_last"))]
        for row in rows:
            done = say("count_of", lang, n=row.checked, total=row.exercises)
            last = describe_age(row.last, self.store.clock(), lang) if row.last is not None else "—"
            title = f'<br><span lang="en">{escape(row.title)}</span>' if row.title else ""
            body.append(
                f'<tr><th scope="row"{left}><a href="{escape(row.notebook, quote=True)}.ipynb">{escape(row.lesson)}</a>{title}</th>'
                f"<td>{escape(done)}</td><td>{escape(score_cell(row, lang))}</td><td>{escape(last)}</td></tr>"
            )
            plain.append(" | ".join([row.lesson, done, score_cell(row, lang), last]))
        html = (f'<div class="lessonkit-progress-table"{lang_attribute(lang)}><table>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")
        show_html(self.table_output, html, "\n".join(plain))

    def chart(self) -> w.Output:
        """A bar chart of the share of items right, per lesson, with the numbers written on it."""
        self._shown.add("chart")
        self.draw_chart()
        return self.chart_output

    def draw_chart(self) -> None:
        import matplotlib

        matplotlib.use("Agg", force=False)
        from matplotlib.figure import Figure

        from .charts import figure_html

        lang = self.lang
        rows = lesson_rows(self.course, self.store)
        # 8.8 in at 100 dpi: 880 px, inside a JupyterLab output at 1400 px wide with the sidebar open.
        figure = Figure(figsize=(8.8, 3.4), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        bars = axes.bar([r.lesson for r in rows], [r.percent for r in rows], color="#1f77b4")
        for bar, row in zip(bars, rows):
            label = say("count_of", lang, n=row.score, total=row.total) if row.checked else "–"
            axes.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
        axes.set_ylim(0, 110)
        axes.set_xlabel(say("col_lesson", lang))
        axes.set_ylabel(say("chart_y", lang))
        axes.set_title(say("chart_title", lang), fontsize=10, loc="left", wrap=True)
        for side in ("right", "top"):
            axes.spines[side].set_visible(False)
        alt = say("chart_alt", lang, rows="; ".join(f"{r.lesson} {score_cell(r, lang)}" for r in rows))
        html = figure_html(figure, alt)
        if lang == "ru":
            html = f'<div lang="ru">{html}</div>'
        show_html(self.chart_output, html, alt)

    def missed_html(self) -> w.Output:
        """The items and words missed most, each linked to its lesson (words also to the trainer)."""
        self._shown.add("missed")
        self.draw_missed()
        return self.missed_output

    def draw_missed(self) -> None:
        lang = self.lang
        progress = self.store.read()
        entries = most_missed(self.course, self.store)
        if not entries:
            key = "nothing_missed" if progress.exercises or progress.words else "no_progress"
            show_html(self.missed_output, f"<p>{feedback.text(key, lang)}</p>", say(key, lang))
            return
        items: list[str] = []
        plain: list[str] = []
        for entry in entries:
            html, text = self.missed_line(entry)
            items.append(f"<li>{html}</li>")
            plain.append(f"{len(plain) + 1}. {text}")
        heading = say("most_missed", lang)
        show_html(
            self.missed_output,
            f"<div{lang_attribute(lang)}><p><b>{escape(heading)}</b></p><ol>{''.join(items)}</ol></div>",
            "\n".join([heading, *plain]),
        )

    def missed_line(self, entry: Missed) -> tuple[str, str]:
        """One entry of the most-missed list as (HTML, plain text)."""
        lang = self.lang
        times = say("missed_times", lang, n=entry.times)
        if entry.kind == "item":
            exercise = self.course.lessons[entry.lesson].exercise(entry.key)
            # A Russian title, where the data gives one, is still course content: shown as written.
            title_ru = getattr(exercise, "title_ru", None)
            title, title_lang = (title_ru, "ru") if lang == "ru" and title_ru else (exercise.title, "en")
            item = say("missed_item", lang, n=entry.item)
            html = (f'{link(entry.notebook + ".ipynb", entry.key)} <span lang="{title_lang}">«{escape(title)}»</span>, '
                    f"{escape(item)} — {escape(times)}")
            return html, f"{entry.key} «{title}», {item} — {times}"
        glossary = {e.term: e for g in self.course.glossaries.values() for e in g.entries}
        meaning = glossary[entry.key].contextual
        html = f'<span lang="en">{escape(entry.key)}</span> — <span lang="ru">{escape(meaning)}</span>'
        text = f"{entry.key} — {meaning}"
        if entry.lesson:
            html += ", " + say_linked("missed_word", lang, "lesson", entry.lesson, entry.notebook + ".ipynb")
            text += ", " + say("missed_word", lang, lesson=entry.lesson)
        html += f" — {escape(times)}"
        text += f" — {times}"
        if self.course.map.trainer:
            html += " · " + link(self.course.map.trainer + ".ipynb", say("practise_word", lang))
        return html, text

    # --- actions ---------------------------------------------------------------------------

    def save_name(self) -> None:
        """Keep the name typed in the box in the progress file, if it changed."""
        if self.store.read().name != self.name_field.value.strip():
            self.name_field.value = self.store.set_name(self.name_field.value).name  # as saved: one line, trimmed

    def export(self, _button: Any = None) -> Path | None:
        """The progress this kernel holds (the in-memory one while saving fails) as a file here,
        with the name in the box."""
        self.save_name()
        stamp = self.store.clock().strftime("%Y%m%d-%H%M%S")
        target = self.folder / f"my-progress-{stamp}.json"
        try:
            self.store.export_to(target)
        except OSError as error:  # a read-only notebook folder: a sentence, not a traceback
            self.tell("export_failed", reason(error))
            return None
        # An app (Voilà) has no file browser: the message links the file for download.
        self.tell("exported_app" if download_url(target.name) else "exported", target.name)
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
            self.tell("import_refused", str(error))
            return False
        if backup is not None:
            self.tell("imported", backup.name)
        else:
            self.tell("imported_first")
        self.redraw()
        return True

    def reset(self, _button: Any = None) -> Path | None:
        if not self.confirm.value:
            self.tell("reset_needs_confirm")
            return None
        backup = self.store.reset()
        self.confirm.value = False
        self.tell("reset_done", backup.name)
        self.redraw()
        return backup
