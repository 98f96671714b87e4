"""Data to notebooks: the start page, the learner lessons and the solution notebooks.

Every cell is made from data/ and the templates below; no lesson text lives here. The
output is deterministic (fixed cell ids, no timestamps), so building twice gives the same
bytes and `--check` can tell a stale committed notebook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import nbformat
from nbformat import v4

from . import model
from .i18n import say
from .kinds import answer_text, kind_of
from .model import Course
from .solutions import self_check_line

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# metadata.lessonkit.role of each built notebook: what it is, for tools that open it (a save hook).
ROLES = ("lesson", "solution", "page")


@dataclass(frozen=True)
class Output:
    """A file the build writes, relative to the project root."""

    path: str
    content: str


# --- Markdown helpers -------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Data text as Markdown that shows literally (no accidental emphasis or HTML)."""
    text = escape(text, quote=False)
    for char in ("\\", "*", "_", "`", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


def cell_text(text: str) -> str:
    """Text for a Markdown table cell."""
    return md_escape(" ".join(text.split())).replace("|", "\\|")


def ru(text: str) -> str:
    return f'<span lang="ru">{escape(text)}</span>'


def control(key: str) -> str:
    """An interface control named in English Markdown: its English name, then its Russian one.

    The names come from `lessonkit.i18n`, so the page says exactly what the button says
    in either interface language.
    """
    return f'**{md_escape(say(key, "en"))}** (<b lang="ru">{escape(say(key, "ru"))}</b>)'


def control_ru(key: str) -> str:
    """The same inside Russian text: the Russian name, then the English one."""
    return f'**{md_escape(say(key, "ru"))}** (<b lang="en">{escape(say(key, "en"))}</b>)'


def glossary_spans(text: str, entries: list[model.GlossaryEntry]) -> list[tuple[int, int, model.GlossaryEntry]]:
    """Where each glossary word is marked in `text`, in text order.

    Longer forms are marked first; a form overlapping one already marked is skipped.
    """
    spans: list[tuple[int, int, model.GlossaryEntry]] = []
    for entry in sorted(entries, key=lambda e: -len(e.marked_form)):
        sentence_at = text.find(" ".join(entry.sentence.split()))
        start = text.find(entry.marked_form, max(sentence_at, 0))
        if start < 0:
            start = text.find(entry.marked_form)
        if start < 0:
            continue
        end = start + len(entry.marked_form)
        if any(s < end and start < e for s, e, _ in spans):
            continue
        spans.append((start, end, entry))
    return sorted(spans, key=lambda s: s[0])


def mark_glossary(text: str, entries: list[model.GlossaryEntry]) -> str:
    """Escape a paragraph and set its glossary words in bold.

    The mark is typographic (bold), not colour and not a hover title: the Russian
    equivalents are in the gloss list under the paragraph (`gloss_list`), which a
    keyboard, a touch screen and a screen reader all reach.
    """
    out, pos = [], 0
    for start, end, _entry in glossary_spans(text, entries):
        out.append(md_escape(text[pos:start]))
        out.append(f"<b>{md_escape(text[start:end])}</b>")
        pos = end
    out.append(md_escape(text[pos:]))
    return "".join(out)


def gloss_list(paragraph_id: str, entries: list[model.GlossaryEntry]) -> str:
    """A paragraph's glossary words with their contextual Russian, in a closed <details>.

    Plain HTML that JupyterLab's sanitizer and GitHub both keep (details, summary, span
    lang); a blank line after <summary> lets the list inside be Markdown.
    """
    if not entries:
        return ""
    pid = escape(paragraph_id)
    lines = "\n".join(f'- {md_escape(e.term)} — <span lang="ru">{md_escape(e.contextual)}</span>' for e in entries)
    return (
        f'<details>\n<summary>Words in {pid} ({len(entries)}) / <span lang="ru">Слова абзаца {pid}</span></summary>\n\n'
        f"{lines}\n\n</details>"
    )


def paragraph_glossary(para: model.Paragraph, entries: list[model.GlossaryEntry]) -> list[model.GlossaryEntry]:
    """The paragraph's glossary entries in the order their words occur in it (unfound ones last)."""
    text = " ".join(para.full_text.split())

    def where(entry: model.GlossaryEntry) -> int:
        at = text.find(entry.marked_form)
        return at if at >= 0 else len(text)

    return sorted((e for e in entries if e.paragraph == para.id), key=where)


def passage_markdown(paragraphs: Iterable[model.Paragraph], glossary: list[model.GlossaryEntry], reread: bool = False) -> str:
    blocks = []
    for para in paragraphs:
        entries = paragraph_glossary(para, glossary)
        if para.heading:
            blocks.append(f"#### {md_escape(para.heading)}")
        flat = " ".join(para.text.split(" "))
        lines = [mark_glossary(" ".join(line.split()), entries) for line in flat.split("\n")]
        body = "  \n".join(lines)
        blocks.append(f"**[{para.id}]** {body}")
        if para.items:
            blocks.append("\n".join(f"- {mark_glossary(' '.join(item.split()), entries)}" for item in para.items))
        if entries:
            blocks.append(gloss_list(para.id, entries))
        for note in para.notes:
            blocks.append(
                f"> **Editor's note ({para.id}).** {md_escape(note.en)}  \n> {ru(note.ru)}"
            )
    prefix = "> *Re-read:*\n\n" if reread else ""
    return prefix + "\n\n".join(blocks)


# --- notebook helpers ---------------------------------------------------------------------------


class NotebookWriter:
    """Collects cells with stable ids and writes a notebook as deterministic JSON."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.cells: list[Any] = []
        self.execution_count = 0

    def _id(self) -> str:
        return f"{self.prefix}-{len(self.cells):03d}"

    def markdown(self, source: str) -> None:
        self.cells.append(v4.new_markdown_cell(source.strip(), id=self._id()))

    def code(self, source: str, hidden: bool = False, output: str | None = None, executed: bool = False) -> None:
        cell = v4.new_code_cell(source.strip(), id=self._id())
        if hidden:
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = ["setup"]
        if executed:
            self.execution_count += 1
            cell.execution_count = self.execution_count
            if output is not None:
                cell.outputs = [v4.new_output("stream", name="stdout", text=output)]
        self.cells.append(cell)

    def render(self, title: str, role: str) -> str:
        if role not in ROLES:
            raise ValueError(f"unknown notebook role {role!r}; use one of {ROLES}")
        notebook = v4.new_notebook(cells=self.cells)
        notebook.metadata = {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
            "lessonkit": {"role": role},
            "title": title,
        }
        nbformat.validate(notebook)
        return nbformat.writes(notebook) + "\n"


def setup_source(lesson_id: str) -> str:
    return f'from lessonkit import open_lesson\n\nlesson = open_lesson("{lesson_id}")'


# --- shared pieces ---------------------------------------------------------------------------


def lesson_title(course: Course, ref: model.LessonRef) -> str:
    return course.texts[ref.text].plan[ref.plan_point - 1]


def date_banner(course: Course, text_id: str | None = None) -> str:
    """When the text was written: the text's own banner in a lesson, the course's elsewhere."""
    text = next((t for t in course.map.texts if t.id == text_id), None)
    en = text.date if text is not None and text.date else course.map.text_date
    russian = text.date_ru if text is not None and text.date_ru else course.map.text_date_ru
    return f"> **Text date.** {md_escape(en)}  \n> {ru(russian)}"


def navigation(course: Course, ref: model.LessonRef) -> str:
    refs = course.map.lessons
    index = refs.index(ref)
    links = [f"[Start page]({course.map.start_page}.ipynb)"]
    if index > 0:
        prev = refs[index - 1]
        links.insert(0, f"[← {prev.id}: {md_escape(lesson_title(course, prev))}]({prev.notebook}.ipynb)")
    if index + 1 < len(refs):
        nxt = refs[index + 1]
        links.append(f"[{nxt.id}: {md_escape(lesson_title(course, nxt))} →]({nxt.notebook}.ipynb)")
    return " · ".join(links)


def lesson_heading(course: Course, ref: model.LessonRef) -> str:
    text = course.texts[ref.text]
    return (
        f"# {ref.id} · {md_escape(lesson_title(course, ref))}\n\n"
        f"*Text {[t.id for t in course.map.texts].index(ref.text) + 1}: {md_escape(text.title)}, "
        f"plan point {ref.plan_point} of {len(text.plan)}*"
    )


def note_block(note: model.EditorNote | None, label: str) -> str:
    if note is None:
        return ""
    return f"> **{label}.** {md_escape(note.en)}  \n> {ru(note.ru)}"


def key_words_markdown(course: Course, lesson: model.Lesson) -> str:
    """The lesson's key-word table (a pandas DataFrame) as a Markdown table."""
    from .notebook import key_words_frame

    frame = key_words_frame(course, lesson)
    if frame.empty:
        return ""
    rows = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    rows += ["| " + " | ".join(cell_text(str(value)) for value in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(rows)


def page_links(course: Course) -> str:
    """Links from a lesson to the course's trainer and progress page, in both languages.

    Static Markdown: a link in Markdown opens a JupyterLab tab, a link inside a widget
    would reload the page.
    """
    links = []
    if course.map.trainer:
        links.append(f'[Vocabulary trainer / <span lang="ru">Тренажёр слов</span>]({course.map.trainer}.ipynb)')
    if course.map.progress_page:
        links.append(f'[My progress / <span lang="ru">Мой прогресс</span>]({course.map.progress_page}.ipynb)')
    return " · ".join(links)


# --- the learner lesson -------------------------------------------------------------------------


def build_lesson(course: Course, ref: model.LessonRef) -> str:
    lesson = course.lessons[ref.id]
    glossary = course.glossary_entries(lesson.paragraph_ids)
    nb = NotebookWriter(ref.code.lower())
    goals = "\n".join(f"- {md_escape(goal)}" for goal in lesson.goals)
    nb.markdown(
        f"{lesson_heading(course, ref)}\n\n{date_banner(course, ref.text)}\n\n"
        f"**Self-study time:** about {ref.self_study_minutes} minutes. **Goals:** by the end of this notebook you can\n\n{goals}\n\n"
        f"{note_block(lesson.note, 'About this plan point')}\n\n{navigation(course, ref)}\n\n"
        "*Run all cells first (menu **Run → Run All Cells**); then work through the page. "
        f"Each exercise has the buttons {control('check')}, {control('hint')}, {control('show_answer')} "
        f"and {control('try_again')}; the answer can be shown after your first try. "
        f"The {control('language')} switch below changes the interface to Russian.*  \n"
        '<span lang="ru">Сначала запустите все ячейки (меню Run → Run All Cells), затем работайте по порядку. '
        f"В каждом упражнении есть кнопки {control_ru('check')}, {control_ru('hint')}, {control_ru('show_answer')} "
        f"и {control_ru('try_again')}; ответ можно посмотреть после первой попытки. "
        f"Переключатель {control_ru('language')} ниже переводит интерфейс на русский язык.</span>"
    )
    nb.code(setup_source(ref.id), hidden=True)
    nb.code("lesson.toolbar()")
    pages = page_links(course)
    if pages:
        nb.markdown(pages)
    pre_reading = (
        f"{lesson.context}\n\n**Predict.** {lesson.prediction}\n\n"
        "### Key words\n\nThe words below are set in **bold** in the text. Under each paragraph, the line "
        '*Words in … / <span lang="ru">Слова абзаца …</span>* opens a list of its marked words with their meaning in this context: '
        "click or tap it, or reach it with the Tab key and press Enter.  \n"
        + ru("Эти слова выделены в тексте жирным шрифтом. Под каждым абзацем строка «Слова абзаца …» "
             "раскрывает список выделенных в нём слов с их значением в этом контексте: щёлкните по ней или коснитесь её "
             "либо перейдите к ней клавишей Tab и нажмите Enter.") + "\n\n"
        + key_words_markdown(course, lesson)
    )
    # The context card and key words open the lesson's first pre-reading section (or a
    # section of their own when the lesson has none), so the heading is not repeated.
    opening = next((s for s in lesson.sections if s.stage == "pre_reading"), None)
    if opening is None:
        nb.markdown(f"## Before you read\n\n{pre_reading}")
    for section in lesson.sections:
        intro = f"\n\n{section.intro}" if section.intro else ""
        if section is opening:
            nb.markdown(f"## {md_escape(section.title)}\n\n{pre_reading}")
            if intro:
                nb.markdown(intro.strip())
        else:
            nb.markdown(f"## {md_escape(section.title)}{intro}")
        if section.reread:
            nb.markdown(passage_markdown((course.paragraphs[p] for p in section.reread), course.glossary_entries(section.reread), reread=True))
        if section.paragraphs:
            nb.markdown(passage_markdown((course.paragraphs[p] for p in section.paragraphs), glossary))
        if section.timeline:
            nb.code("lesson.timeline()")
        for exercise_id in section.exercises:
            nb.code(f'lesson.show("{exercise_id}")')
    nb.markdown(
        "## Your score\n\nThe line below counts every item you have checked in this notebook.  \n"
        + ru("Строка ниже учитывает все пункты, которые вы проверили в этой тетради.")
    )
    nb.code("lesson.score()")
    points = "\n".join(f"- {md_escape(point)}" for point in lesson.key_points)
    nb.markdown(f"## Key points\n\n{points}\n\n---\n\n{navigation(course, ref)}")
    return nb.render(f"{ref.id} {lesson_title(course, ref)}", "lesson")


# --- the solution notebook ----------------------------------------------------------------------


def evidence_text(item: Any) -> str:
    return "; ".join(f"«{cell_text(e.quote)}» ({e.paragraph})" for e in item.evidence)


def item_text(exercise: Any, item: Any) -> str:
    """The item's words in the key table: its stem (and base word), or a row's given cells."""
    stem = kind_of(exercise).stem
    if stem is None:
        return "; ".join(f"{cell_text(k)}: {cell_text(v)}" for k, v in item.cells.items())
    base = getattr(item, "base", None)
    return cell_text(getattr(item, stem)) + (f" ({cell_text(base)})" if base else "")


def answer_key_table(exercise: Any) -> str:
    rows = ["| # | item | answer | why | evidence |", "|---|---|---|---|---|"]
    for n, item in enumerate(exercise.items):
        rows.append(
            f"| {n + 1} | {item_text(exercise, item)} | **{cell_text(answer_text(exercise, n))}** "
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
            groups = " + ".join("(" + " / ".join(md_escape(t) for t in group) + ")" for group in item.key_terms)
            need = f"at least {item.min_terms} of " if item.min_terms else ""
            extras.append(f"Checked by key terms: {need}{groups}.")
        for flag in getattr(item, "red_flags", []):
            extras.append(f"Red flag “{md_escape(flag.term)}”: {md_escape(flag.message)}")
        if getattr(item, "checklist", None):
            extras.append("Self-check list: " + "; ".join(md_escape(c) for c in item.checklist) + ".")
    return "\n".join(rows) + ("\n\n" + "\n\n".join(extras) if extras else "")


def build_solution(course: Course, ref: model.LessonRef) -> str:
    lesson = course.lessons[ref.id]
    nb = NotebookWriter(f"{ref.code.lower()}-key")
    nb.markdown(
        f"# {ref.id} · {md_escape(lesson_title(course, ref))}: answer key and teaching notes\n\n"
        f"For instructors. Learners' notebook: [{ref.notebook}.ipynb](../notebooks/{ref.notebook}.ipynb). "
        f"**Workshop:** {ref.workshop_minutes} minutes (the timing plan below). "
        f"**Self-study** (learners alone): about {ref.self_study_minutes} minutes.\n\n{date_banner(course, ref.text)}\n\n"
        f"{note_block(lesson.note, 'About this plan point')}"
    )
    nb.code("from lessonkit.solutions import self_check", executed=True)
    timing = "\n".join(f"| {step.minutes} | {cell_text(step.activity)} |" for step in lesson.teacher.timing)
    total = sum(step.minutes for step in lesson.teacher.timing)
    notes = "\n".join(f"- {md_escape(note)}" for note in lesson.teacher.notes)
    nb.markdown(f"## Timing plan: a {total}-minute workshop\n\n| minutes | activity |\n|---|---|\n{timing}\n\n## Teaching notes\n\n{notes}")
    for section in lesson.sections:
        parts = [f"## {md_escape(section.title)}"]
        ids = section.paragraphs or section.reread
        if ids:
            parts.append(f"Paragraphs: {', '.join(ids)}.")
        nb.markdown("\n\n".join(parts))
        for exercise_id in section.exercises:
            exercise = lesson.exercise(exercise_id)
            nb.markdown(
                f"### {exercise.id} · {md_escape(exercise.title)} ({kind_of(exercise).name_en})\n\n"
                f"{md_escape(exercise.instruction)}\n\n{answer_key_table(exercise)}\n\n*Hint given to learners:* {md_escape(exercise.hint)}"
            )
    if lesson.teacher.discussion:
        questions = "\n".join(f"{n}. {md_escape(q)}" for n, q in enumerate(lesson.teacher.discussion, start=1))
        nb.markdown(f"## Discussion questions\n\n{questions}")
    if lesson.teacher.workshop:
        tasks = "\n\n".join(f"- {md_escape(task)}" for task in lesson.teacher.workshop)
        nb.markdown(f"## Workshop tasks\n\n{tasks}")
    points = "\n".join(f"- {md_escape(point)}" for point in lesson.key_points)
    nb.markdown(f"## Key points\n\n{points}\n\n## Self-check of the answer key\n\nThe cell below runs every checker on its own key; CI compares its output.")
    nb.code(f'self_check("{ref.id}")', executed=True, output=self_check_line(ref.id, course=course) + "\n")
    return nb.render(f"{ref.id} answer key", "solution")


# --- the start page ---------------------------------------------------------------------------


def course_map_table(course: Course) -> str:
    rows = ["| notebook | text | plan point | self-study minutes |", "|---|---|---|---|"]
    for ref in course.map.lessons:
        text = course.texts[ref.text]
        rows.append(
            f"| [{ref.id}: {md_escape(lesson_title(course, ref))}]({ref.notebook}.ipynb) "
            f"| {md_escape(text.title)} | {ref.plan_point} | {ref.self_study_minutes} |"
        )
    return "\n".join(rows)


def build_start_page(course: Course) -> str:
    nb = NotebookWriter("start")
    first = course.map.lessons[0]
    nb.markdown(
        f"# {md_escape(course.map.title)}\n\n*{md_escape(course.map.subtitle)}*\n\n"
        f"**For whom.** {md_escape(course.map.audience)}\n\n{date_banner(course)}\n\n"
        f"Start with [{first.id}]({first.notebook}.ipynb), or pick a lesson from the course map below."
    )
    nb.markdown(
        "## How the exercises work\n\n"
        "1. Run the notebook first: **Run → Run All Cells**. The exercises appear under the text.\n"
        f"2. Answer, then press {control('check')}. Each item says in words whether it is right "
        f"(*{md_escape(say('right', 'en'))}* or *{md_escape(say('wrong', 'en'))}*), "
        "and a wrong answer points to the paragraph and the words of the text that decide it.\n"
        f"3. {control('hint')} tells you where to look. {control('show_answer')} works after your first attempt. "
        f"{control('try_again')} clears your answers.\n"
        "4. Typed answers forgive case, extra spaces, British or American spelling and final punctuation. If your keyboard is still on the Russian layout, the exercise tells you.\n"
        '5. Key words are set in **bold** in the text. Under each paragraph, the line *Words in … / <span lang="ru">Слова абзаца …</span>* opens a list '
        "of its marked words with their Russian equivalent in this context (click or tap it, or use Tab and Enter).\n"
        f"6. The {control('language')} switch at the top of a lesson changes the interface to Russian.\n\n"
        '<div lang="ru">\n\n'
        f"**Как устроены упражнения.** Сначала запустите тетрадь: **Run → Run All Cells**. Ответьте и нажмите {control_ru('check')}: "
        f"каждый пункт словами сообщит, верен ли ответ (*{md_escape(say('right', 'ru'))}* или *{md_escape(say('wrong', 'ru'))}*); "
        "при ошибке показан абзац и слова текста, на которые нужно опереться. "
        f"Кнопка {control_ru('hint')} подскажет, где искать; {control_ru('show_answer')} работает после первой попытки; "
        f"{control_ru('try_again')} очищает ответы. "
        "Регистр, лишние пробелы, британское или американское написание и знаки в конце ответа не важны; если включена русская раскладка, упражнение об этом скажет. "
        "Ключевые слова выделены в тексте жирным шрифтом; под каждым абзацем строка «Слова абзаца …» раскрывает список этих слов "
        "с их переводом в этом контексте (щелчок, касание или клавиши Tab и Enter). "
        f"Переключатель {control_ru('language')} в начале урока переводит интерфейс на русский язык.\n\n</div>"
    )
    extras = []
    if course.map.trainer:
        extras.append(f"- [Vocabulary review]({course.map.trainer}.ipynb): a Leitner trainer over the whole glossary (10 or 20 cards a session).")
    if course.map.progress_page:
        extras.append(f"- [My progress]({course.map.progress_page}.ipynb): your scores by lesson, what you miss most, and export / import of your progress (do this before a Binder session ends).")
    tail = ("\n\n## Review and progress\n\n" + "\n".join(extras)) if extras else ""
    nb.markdown(f"## Course map\n\n{course_map_table(course)}{tail}")
    nb.markdown(
        "## The original source\n\n"
        f"{md_escape(course.map.source_description)} Read it as it was given: [the original source](../data/{course.map.source}). "
        "The lessons fix only mechanical slips (each listed in the data) and flag contradictions with an editor's note.\n\n"
        f"Instructors: every lesson has a solution notebook with the answer key, timing and teaching notes, "
        f"for example [{first.id}: answer key](../solutions/{first.notebook}.ipynb). "
        "The others are in the `solutions/` folder of the file browser, under the same names as the lessons."
    )
    return nb.render("Start here", "page")


# --- the progress page and the vocabulary trainer ------------------------------------------------


def build_progress_page(course: Course) -> str:
    nb = NotebookWriter("progress")
    trainer = f" · [Vocabulary trainer]({course.map.trainer}.ipynb)" if course.map.trainer else ""
    nb.markdown(
        "# My progress\n\n"
        f"Every press of {control('check')} in a lesson is saved to your progress file: the score, the attempts and the items you missed. "
        "This page shows them. Run all cells (**Run → Run All Cells**) to see your latest results.\n\n"
        f'<div lang="ru">\n\nКаждое нажатие кнопки {control_ru("check")} в уроке сохраняется в файл прогресса: '
        "результат, число попыток и пункты с ошибками. "
        "Запустите все ячейки, чтобы увидеть последние результаты.\n\n</div>\n\n"
        f"[Start page]({course.map.start_page}.ipynb){trainer}"
    )
    nb.code("from lessonkit import open_progress\n\npage = open_progress()", hidden=True)
    nb.code("page.toolbar()")
    nb.markdown("## Lessons\n\nExercises checked, items right of items checked, and when you last worked on each lesson.")
    nb.code("page.table()")
    nb.markdown("## Scores by lesson")
    nb.code("page.chart()")
    nb.markdown("## Most often missed\n\nThe items and words you missed most, with a link back to their lesson.")
    nb.code("page.missed_html()")
    nb.markdown(
        "## Keep your progress\n\n"
        "**On Binder your files are deleted when the session ends** (after about ten idle minutes). "
        f"Press {control('export')}, then download the file it names (right-click it in the file browser → *Download*). "
        f"Next time, press {control('import')} and choose that file. A file that is not a progress file is refused and nothing changes. "
        f"To start again, tick {control('reset_confirm')} and press {control('reset')}: a copy of the old file is kept.\n\n"
        f'<div lang="ru">\n\n**На Binder файлы удаляются по окончании сеанса.** Нажмите {control_ru("export")} и скачайте файл; '
        f"в следующий раз нажмите {control_ru('import')} и выберите этот файл. Неподходящий файл не будет принят, прогресс не изменится. "
        f"Чтобы начать заново, отметьте {control_ru('reset_confirm')} и нажмите {control_ru('reset')}: копия прежнего файла сохранится.\n\n</div>"
    )
    nb.code("page.widget")
    return nb.render("My progress", "page")


def build_trainer_page(course: Course) -> str:
    nb = NotebookWriter("trainer")
    nb.markdown(
        "# Vocabulary review\n\n"
        "A trainer over the whole glossary of the course, with the **Leitner system**: five boxes. "
        "A right answer moves a word up one box, a wrong one back to box 1. Box 1 comes back every session, "
        "box 2 after a day, box 3 after three days, box 4 after a week, box 5 after two weeks. "
        "New words are shown English → Russian (choose the meaning in this context); after two right answers "
        "a word is also asked Russian → English (type the term). Every card shows the sentence of the text it comes from.\n\n"
        '<div lang="ru">\n\nТренажёр по всему глоссарию курса (система Лейтнера, пять коробок). Верный ответ переносит слово '
        "в следующую коробку, неверный — обратно в первую. Сначала слова предлагаются с английского на русский, после двух "
        "верных ответов — и с русского на английский. На каждой карточке — предложение из текста.\n\n</div>\n\n"
        f"[Start page]({course.map.start_page}.ipynb)"
        + (f" · [My progress]({course.map.progress_page}.ipynb)" if course.map.progress_page else "")
    )
    nb.code("from lessonkit import open_trainer\n\ntrainer = open_trainer()", hidden=True)
    nb.code("trainer.toolbar()")
    nb.markdown(
        f"Under {control('session_size')}, choose 10 or 20 cards and press {control('start_session')}. "
        f"Answer each card, press {control('check')}, then {control('next_card')}.  \n"
        f'<span lang="ru">В строке {control_ru("session_size")} выберите 10 или 20 карточек и нажмите {control_ru("start_session")}. '
        f"Ответьте на карточку, нажмите {control_ru('check')}, затем {control_ru('next_card')}.</span>"
    )
    nb.code("trainer.widget")
    return nb.render("Vocabulary review", "page")


# --- the whole build -----------------------------------------------------------------------------


def build_all(course: Course) -> list[Output]:
    outputs = [Output(f"notebooks/{course.map.start_page}.ipynb", build_start_page(course))]
    for ref in course.map.lessons:
        outputs.append(Output(f"notebooks/{ref.notebook}.ipynb", build_lesson(course, ref)))
        outputs.append(Output(f"solutions/{ref.notebook}.ipynb", build_solution(course, ref)))
    if course.map.progress_page:
        outputs.append(Output(f"notebooks/{course.map.progress_page}.ipynb", build_progress_page(course)))
    if course.map.trainer:
        outputs.append(Output(f"notebooks/{course.map.trainer}.ipynb", build_trainer_page(course)))
    return outputs


def write(outputs: list[Output], root: Path) -> list[str]:
    """Write the files that changed; return their paths."""
    changed = []
    for output in outputs:
        path = root / output.path
        if not path.exists() or path.read_text(encoding="utf-8") != output.content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(output.content, encoding="utf-8")
            changed.append(output.path)
    return changed


def stale(outputs: list[Output], root: Path) -> list[str]:
    """Committed notebooks that differ from what the build produces, and strays it would not make."""
    expected = {output.path for output in outputs}
    differing = [
        output.path
        for output in outputs
        if not (root / output.path).exists() or (root / output.path).read_text(encoding="utf-8") != output.content
    ]
    strays = [
        path.relative_to(root).as_posix()
        for folder in ("notebooks", "solutions")
        for path in sorted((root / folder).glob("*.ipynb"))
        if path.relative_to(root).as_posix() not in expected
    ]
    return differing + strays
