"""The learner's lesson notebook: heading, passage with glossed words, exercise cells, score.

Also the pieces other pages share with it: a lesson's title and the text-date banner.
"""

from __future__ import annotations

from itertools import takewhile

from ..content import model
from ..content.course_order import lesson_of_paragraph
from ..content.key_words import key_words_frame
from ..content.load_model import lesson_load
from ..content.model import Course
from ..views.i18n import say
from .markdown import cell_text, control, control_ru, md_escape, note_block, paragraph_runs, passage_markdown, ru
from .notebook_writer import NotebookWriter


def date_banner(course: Course, text_id: str | None = None) -> str:
    """When the text was written: the text's own banner in a lesson, the course's elsewhere."""
    text = next((t for t in course.map.texts if t.id == text_id), None)
    en = text.date if text is not None and text.date else course.map.text_date
    russian = text.date_ru if text is not None and text.date_ru else course.map.text_date_ru
    return f"> **Text date.** {md_escape(en)}  \n> {ru(russian)}"


def navigation(course: Course, ref: model.LessonRef) -> str:
    """Links to the previous lesson, the start page and the next lesson."""
    refs = course.map.lessons
    index = refs.index(ref)
    links = [f"[Start page]({course.map.start_page}.ipynb)"]
    if index > 0:
        prev = refs[index - 1]
        links.insert(0, f"[← {prev.id}: {md_escape(course.lesson_title(prev))}]({prev.notebook}.ipynb)")
    if index + 1 < len(refs):
        nxt = refs[index + 1]
        links.append(f"[{nxt.id}: {md_escape(course.lesson_title(nxt))} →]({nxt.notebook}.ipynb)")
    return " · ".join(links)


def lesson_heading(course: Course, ref: model.LessonRef) -> str:
    """The lesson's title line and where it sits: which text, which plan point (a capstone:
    the texts it draws on)."""
    title = f"# {ref.id} · {md_escape(course.lesson_title(ref))}\n\n"
    if ref.capstone or ref.text is None or ref.plan_point is None:
        texts = "; ".join(md_escape(t.title) for t in course.texts.values())
        return title + f"*Capstone: it draws on what the course has read ({texts}).*"
    text = course.texts[ref.text]
    return title + (
        f"*Text {[t.id for t in course.map.texts].index(ref.text) + 1}: {md_escape(text.title)}, "
        f"plan point {ref.plan_point} of {len(text.plan)}*"
    )


def time_lines(course: Course, ref: model.LessonRef) -> str:
    """The lesson's stated self-study time and the estimates of its core and of everything,
    in English and Russian (`content.load_model`)."""
    load = lesson_load(course.lessons[ref.id], course.paragraphs)
    core_en, optional_en = say("part_core", "en"), say("part_optional", "en")
    core_ru, optional_ru = say("part_core", "ru"), say("part_optional", "ru")
    return (
        f"**Self-study time:** about {ref.self_study_minutes} minutes. "
        f"{core_en}: about {load.core_minutes} min · everything: about {load.full_minutes} min.  \n"
        + ru(f"Время самостоятельной работы: около {ref.self_study_minutes} мин. "
             f"{core_ru}: около {load.core_minutes} мин · всё: около {load.full_minutes} мин.")
        + "\n\n"
        f"*Exercises marked **{core_en}** carry the lesson's goals; **{optional_en}** ones are extra practice.*  \n"
        + ru(f"«{core_ru}» — упражнения, которые ведут к целям урока; «{optional_ru}» — практика сверх основного.")
    )


def timed_reread_markdown(course: Course, timed: model.TimedReread) -> str:
    """A section's timed re-read in both languages, each group of paragraphs linked to the
    notebook of the lesson that first reads it (a learner re-reads it there)."""
    home = lesson_of_paragraph(course)  # `check` makes every paragraph one an earlier lesson reads
    groups: dict[str, list[str]] = {}
    for pid in timed.paragraphs:
        groups.setdefault(home[pid].notebook, []).append(pid)
    where = [(paragraph_runs(pids), f"[{home[pids[0]].id}]({notebook}.ipynb)") for notebook, pids in groups.items()]
    en = _and([f"{runs} in {link}" for runs, link in where], "and")
    ru_where = _and([f"{runs} (тетрадь {link})" for runs, link in where], "и")
    optional = timed.part == "optional"
    return (f"**Timed re-read, {timed.minutes} min{' (optional)' if optional else ''}.** Against the clock, re-read {en}: "
            "time yourself, then close the text and answer the questions below from memory.  \n"
            f'<span lang="ru"><b>Чтение на время, {timed.minutes} мин{" (по желанию)" if optional else ""}.</b> Перечитайте на время {ru_where}: '
            "засеките время, затем закройте текст и ответьте на вопросы ниже по памяти.</span>")


def _and(parts: list[str], word: str) -> str:
    """"a", "a and b", "a, b and c" (word: "and", "и")."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def ru_block(markdown: str | None) -> str:
    """Authors' Russian Markdown in a block marked lang="ru", to follow its English ("" for none)."""
    return f'\n\n<div lang="ru">\n\n{markdown}\n\n</div>' if markdown else ""


def key_words_block(course: Course, lesson: model.Lesson, after_matching: bool) -> str:
    """The key-word table with the line that says what it is for, in both languages ("" when
    the lesson shows no glossary word). It follows the first section's exercises: the
    learner matches the words from their sentences first, then checks and keeps the table."""
    table = key_words_markdown(course, lesson)
    if not table:
        return ""
    if after_matching:
        line = ("Check your matches above against this table, then keep it for the rest of the lesson: each word "
                "with its meaning in this context and the paragraph where it occurs.  \n"
                + ru("Проверьте по этой таблице свои ответы в сопоставлении выше и пользуйтесь ею до конца урока: каждое слово дано "
                     "с его значением в этом контексте и абзацем, где оно встречается."))
    else:
        line = ("Keep this table for the rest of the lesson: each word with its meaning in this context and the "
                "paragraph where it occurs.  \n"
                + ru("Пользуйтесь этой таблицей до конца урока: каждое слово дано с его значением в этом контексте "
                     "и абзацем, где оно встречается."))
    return f"### Key words\n\n{line}\n\n{table}"


def key_words_markdown(course: Course, lesson: model.Lesson) -> str:
    """The lesson's key-word table (a pandas DataFrame) as a Markdown table."""
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


def show_source(exercise_ids: list[str]) -> str:
    """`lesson.show("A", "B")`: exercises with no text between them share a cell (one run
    for the learner); a list too long for one line gets one id per line."""
    ids = [f'"{exercise_id}"' for exercise_id in exercise_ids]
    one_line = f"lesson.show({', '.join(ids)})"
    return one_line if len(one_line) < 80 else "lesson.show(\n" + "".join(f"    {i},\n" for i in ids) + ")"


def setup_source(lesson_id: str) -> str:
    """The lesson's hidden first cell: open the session the other cells use."""
    return f'from lessonkit import open_lesson\n\nlesson = open_lesson("{lesson_id}")\nlesson.toolbar()'


def buttons_intro(quiz: bool) -> str:
    """What a lesson's introduction says of the exercises' buttons, in English and Russian: in
    practice Check, Hint, Show answer and Try again; in quiz mode (course.yml `mode: quiz`)
    Save answer, and Finish at the end."""
    run = "In JupyterLab, run all cells first (menu **Run → Run All Cells**); as an app, the page has run already. Then work through the page. "
    run_ru = "В JupyterLab сначала запустите все ячейки (меню Run → Run All Cells); в режиме приложения страница уже запущена. Затем работайте по порядку. "
    if quiz:
        buttons = (f"This lesson is a **quiz**. {run}"
                   f"Each exercise has the buttons {control('save_answer')} and {control('try_again')}: your answers are saved, not marked. "
                   f"{control('finish')} at the end of the page marks them all at once. ")
        buttons_ru = (f"Этот урок — <b>тест</b>. {run_ru}"
                      f"В каждом упражнении есть кнопки {control_ru('save_answer')} и {control_ru('try_again')}: ответы сохраняются без проверки. "
                      f"Кнопка {control_ru('finish')} в конце страницы проверит их все сразу. ")
    else:
        buttons = (f"{run}Each exercise has the buttons {control('check')}, {control('hint')}, {control('show_answer')} "
                   f"and {control('try_again')}; the answer can be shown after your first try. ")
        buttons_ru = (f"{run_ru}В каждом упражнении есть кнопки {control_ru('check')}, {control_ru('hint')}, {control_ru('show_answer')} "
                      f"и {control_ru('try_again')}; ответ можно посмотреть после первой попытки. ")
    return (f"*{buttons}The {control('language')} switch below changes the interface to Russian.*  \n"
            f'<span lang="ru">{buttons_ru}Переключатель {control_ru("language")} ниже переводит интерфейс на русский язык.</span>')


def look_back_heading() -> str:
    """The heading of the lesson's look back at the prediction (`lesson.look_back()`), in both languages."""
    return (
        "## Check your prediction\n\nHere is what you predicted before reading. Compare it with what the text says.  \n"
        + ru("Проверьте своё предположение: вот что вы записали перед чтением. Сравните это с тем, что сказано в тексте.")
    )


def build_lesson(course: Course, ref: model.LessonRef) -> str:
    """The learner notebook of one lesson, as notebook JSON."""
    lesson = course.lessons[ref.id]
    glossary = course.glossary_entries(lesson.paragraph_ids)
    nb = NotebookWriter(ref.code.lower(), join_markdown=True)
    goals = "\n".join(f"- {md_escape(goal)}" for goal in lesson.goals)
    nb.markdown(
        f"{lesson_heading(course, ref)}\n\n{date_banner(course, ref.text)}\n\n"
        f"{time_lines(course, ref)}\n\n**Goals:** by the end of this notebook you can\n\n{goals}\n\n"
        f"{note_block(lesson.note, 'About this capstone' if ref.capstone else 'About this plan point')}\n\n{navigation(course, ref)}\n\n"
        + buttons_intro(course.map.mode == "quiz")
    )
    nb.code(setup_source(ref.id), hidden=True)
    pages = page_links(course)
    if pages:
        nb.markdown(pages)
    predict_ru = ru_block(f"**Предположите.** {lesson.prediction_ru}" if lesson.prediction_ru else None)
    pre_reading = f"{lesson.context}{ru_block(lesson.context_ru)}\n\n**Predict.** {lesson.prediction}{predict_ru}"
    marked_words = (
        "**Key words** are set in **bold** in the text. Under each paragraph, the line "
        '*Words in … / <span lang="ru">Слова абзаца …</span>* opens a list of its marked words with their meaning in this context: '
        "click or tap it, or reach it with the Tab key and press Enter.  \n"
        + ru("Ключевые слова выделены в тексте жирным шрифтом. Под каждым абзацем строка «Слова абзаца …» "
             "раскрывает список выделенных в нём слов с их значением в этом контексте: щёлкните по ней или коснитесь её "
             "либо перейдите к ней клавишей Tab и нажмите Enter.")
    )
    # The context card opens the last of the lesson's opening pre-reading sections (a
    # lesson may begin with a retrieval block "From earlier lessons" before "Before you
    # read"), or a section of its own when the lesson opens with none. The key-word table
    # comes after the exercises of that section (or of the first): match first, then check.
    leading = list(takewhile(lambda section: section.stage == "pre_reading", lesson.sections))
    opening = leading[-1] if leading else None
    anchor = opening or lesson.sections[0]

    def context_card(heading: str) -> None:
        nb.markdown(f"## {heading}\n\n{pre_reading}")
        nb.code("lesson.predict()")
        nb.markdown(marked_words)

    if opening is None:
        context_card("Before you read")
    for section in lesson.sections:
        intro = f"\n\n{timed_reread_markdown(course, section.timed_reread)}" if section.timed_reread else ""
        intro += f"\n\n{section.intro}" if section.intro else ""
        intro += ru_block(section.intro_ru)
        if section is opening:
            context_card(md_escape(section.title))
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
        if section.exercises:
            # One cell for the exercises that follow each other: one run for the learner.
            nb.code(show_source(section.exercises))
        if section is anchor:
            kinds = {exercise.id: exercise.kind for exercise in lesson.exercises}
            matching = any(kinds.get(e) == "matching" for e in section.exercises)
            block = key_words_block(course, lesson, after_matching=matching)
            if block:
                nb.markdown(block)
    nb.markdown(look_back_heading())
    nb.code("lesson.look_back()")
    if course.map.mode == "quiz":
        nb.markdown(
            f"## Finish\n\nWhen you have answered and saved what you can, press {control('finish')}: every exercise above is marked "
            "at once and shows what is right and the evidence from the text. Your answers and the result are kept in your progress file.  \n"
            + f'<span lang="ru">Когда ответите и сохраните всё, что можете, нажмите {control_ru("finish")}: все упражнения выше '
            "будут проверены сразу, в каждом появится, что верно, и подтверждение в тексте. Ответы и результат сохраняются в файле прогресса.</span>"
        )
        nb.code("lesson.finish()")
    else:
        nb.markdown(
            "## Your score\n\nThe line below counts every item you have checked in this notebook.  \n"
            + ru("Строка ниже учитывает все пункты, которые вы проверили в этой тетради.")
        )
        nb.code("lesson.score()")
    points = "\n".join(f"- {md_escape(point)}" for point in lesson.key_points)
    nb.markdown(f"## Key points\n\n{points}\n\n---\n\n{navigation(course, ref)}")
    return nb.render(f"{ref.id} {course.lesson_title(ref)}", "lesson")
