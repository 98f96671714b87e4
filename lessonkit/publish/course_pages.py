"""The course-wide pages: the start page with its course map, the progress page and the trainer page."""

from __future__ import annotations

from ..content import load_model as lm
from ..content.load_model import course_loads
from ..content.model import Course, LessonRef
from ..views.i18n import say
from .lesson_pages import date_banner
from .markdown import control, control_ru, md_escape, ru
from .notebook_writer import NotebookWriter


def course_map_table(course: Course) -> str:
    """Every lesson with its text, plan point, self-study minutes and the estimates of its
    core and of everything (`content.load_model`), as a linked table."""
    rows = ["| notebook | text | plan point | self-study minutes | core, estimated | everything, estimated |", "|---|---|---|---|---|---|"]
    loads = course_loads(course)
    for ref in course.map.lessons:
        load = loads[ref.id]
        text, point = text_and_point(course, ref)
        rows.append(
            f"| [{ref.id}: {md_escape(course.lesson_title(ref))}]({ref.notebook}.ipynb) "
            f"| {text} | {point} | {ref.self_study_minutes} | {load.core_minutes} | {load.full_minutes} |"
        )
    return "\n".join(rows) + "\n\n" + estimate_note()


def text_and_point(course: Course, ref: LessonRef) -> tuple[str, str]:
    """The course map's text and plan point of a lesson, as Markdown; a capstone's are
    "capstone" and "whole course" (it belongs to no plan point)."""
    if ref.capstone or ref.text is None or ref.plan_point is None:
        return "capstone", "whole course"
    return md_escape(course.texts[ref.text].title), str(ref.plan_point)


def estimate_note() -> str:
    """How the estimates are made, in a sentence for learners (the figures of `load_model`)."""
    return (
        f"*Self-study minutes* are the time each lesson states for its reading and its {say('part_core', 'en')} exercises; "
        f"the estimates count about {lm.READING_NEW_WORDS_PER_MINUTE} words a minute for a new text, "
        f"{lm.OBJECTIVE_ITEM_MINUTES:g} min for a choice, a match or a gap, {lm.SHORT_ANSWER_ITEM_MINUTES:g} min for a short answer, "
        f"{lm.TRANSLATION_ITEM_MINUTES:g} min for a sentence to translate and {lm.WRITING_SHORT[1]:g}–{lm.WRITING_LONG[1]:g} min "
        f"for {lm.WRITING_SHORT[0]}–{lm.WRITING_LONG[0]} words of writing, and its own preparation and speaking time for a speaking task; "
        f"*everything* adds the {say('part_optional', 'en')} exercises."
    )


def build_start_page(course: Course) -> str:
    """The start page: who the course is for, how the exercises work, the course map, the source."""
    nb = NotebookWriter("start")
    first = course.map.lessons[0]
    nb.markdown(
        f"# {md_escape(course.map.title)}\n\n*{md_escape(course.map.subtitle)}*\n\n"
        f"**For whom.** {md_escape(course.map.audience)}\n\n{date_banner(course)}\n\n"
        f"Start with [{first.id}]({first.notebook}.ipynb), or pick a lesson from the course map below."
    )
    quiz = course.map.mode == "quiz"
    verdict = (f"Each item says in words whether it is right (*{md_escape(say('right', 'en'))}* or *{md_escape(say('wrong', 'en'))}*), "
               "and a wrong answer points to the paragraph and the words of the text that decide it.")
    verdict_ru = (f"каждый пункт словами сообщит, верен ли ответ (*{md_escape(say('right', 'ru'))}* или *{md_escape(say('wrong', 'ru'))}*); "
                  "при ошибке показан абзац и слова текста, на которые нужно опереться.")
    if quiz:  # course.yml `mode: quiz`: answers saved unmarked, one Finish per lesson
        steps = (f"2. The lessons are a **quiz**: answer, then press {control('save_answer')}. Your answer is saved in your progress file, "
                 f"not marked; {control('try_again')} clears it on the screen.\n"
                 f"3. At the end of each lesson, {control('finish')} marks all your saved answers at once. {verdict} "
                 "There is no hint and no answer to show before you finish.\n")
        steps_ru = (f"**Как устроены упражнения.** Уроки — это **тест**. В JupyterLab сначала запустите тетрадь: **Run → Run All Cells** (в режиме приложения она запускается сама). Ответьте и нажмите "
                    f"{control_ru('save_answer')}: ответ сохранится в файле прогресса без проверки. В конце урока кнопка {control_ru('finish')} "
                    f"проверит все ответы сразу: {verdict_ru} ")
    else:
        steps = (f"2. Answer, then press {control('check')}. {verdict}\n"
                 f"3. {control('hint')} tells you where to look. {control('show_answer')} works after your first attempt. "
                 f"{control('try_again')} clears your answers.\n")
        steps_ru = (f"**Как устроены упражнения.** В JupyterLab сначала запустите тетрадь: **Run → Run All Cells** (в режиме приложения она запускается сама). Ответьте и нажмите {control_ru('check')}: "
                    f"{verdict_ru} Кнопка {control_ru('hint')} подскажет, где искать; {control_ru('show_answer')} работает после первой попытки; "
                    f"{control_ru('try_again')} очищает ответы. ")
    nb.markdown(
        "## How the exercises work\n\n"
        "1. In JupyterLab, run the notebook first: **Run → Run All Cells** (opened as an app, it runs by itself). The exercises appear under the text.\n"
        + steps +
        "4. Typed answers forgive case, extra spaces, British or American spelling and final punctuation. If your keyboard is still on the Russian layout, the exercise tells you.\n"
        '5. Key words are set in **bold** in the text. Under each paragraph, the line *Words in … / <span lang="ru">Слова абзаца …</span>* opens a list '
        "of its marked words with their Russian equivalent in this context (click or tap it, or use Tab and Enter).\n"
        f"6. The {control('language')} switch at the top of a lesson changes the interface to Russian.\n\n"
        '<div lang="ru">\n\n'
        + steps_ru +
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
    instructors = "" if course.map.release else (  # a student release has no solutions
        "\n\nInstructors: every lesson has a solution notebook with the answer key, timing and teaching notes, "
        f"for example [{first.id}: answer key](../solutions/{first.notebook}.ipynb). "
        "The others are in the `solutions/` folder of the file browser, under the same names as the lessons.")
    nb.markdown(
        "## The original source\n\n"
        f"{md_escape(course.map.source_description)} Read it as it was given: [the original source](../data/{course.map.source}). "
        "The lessons fix only mechanical slips (each listed in the data) and flag contradictions with an editor's note." + instructors
    )
    return nb.render("Start here", "page")


# --- the progress page and the vocabulary trainer ------------------------------------------------


def build_progress_page(course: Course) -> str:
    """The progress page: scores by lesson, most missed items, export / import / reset."""
    nb = NotebookWriter("progress")
    quiz = course.map.mode == "quiz"  # quiz mode: Finish marks a lesson (each answered exercise counts as checked)
    trainer = f" · [Vocabulary trainer]({course.map.trainer}.ipynb)" if course.map.trainer else ""
    nb.markdown(
        "# My progress\n\n"
        f"Every press of {control('finish' if quiz else 'check')} in a lesson is saved to your progress file: the score, the attempts and the items you missed. "
        "This page shows them. To see your latest results, run all cells (**Run → Run All Cells**) in JupyterLab, or reload the page in the app.\n\n"
        f'<div lang="ru">\n\nКаждое нажатие кнопки {control_ru("finish" if quiz else "check")} в уроке сохраняется в файл прогресса: '
        "результат, число попыток и пункты с ошибками. "
        "Чтобы увидеть последние результаты, запустите все ячейки в JupyterLab или обновите страницу в режиме приложения.\n\n</div>\n\n"
        f"[Start page]({course.map.start_page}.ipynb){trainer}"
    )
    nb.code("from lessonkit import open_progress\n\npage = open_progress()\npage.toolbar()", hidden=True)
    nb.markdown("## Lessons\n\nExercises checked, items right of items checked, and when you last worked on each lesson.  \n"
                + ru("Уроки: сколько упражнений проверено, сколько пунктов верно из проверенных и когда вы последний раз работали над уроком."))
    nb.code("page.table()")
    nb.markdown("## Scores by lesson\n\n" + ru("Результаты по урокам."))
    nb.code("page.chart()")
    nb.markdown("## Most often missed\n\nThe items and words you missed most, with a link back to their lesson.  \n"
                + ru("Больше всего ошибок: пункты и слова, в которых вы чаще всего ошибались, со ссылкой на их урок."))
    nb.code("page.missed_html()")
    nb.markdown(
        "## Keep your progress\n\n"
        "**On Binder your files are deleted when the session ends** (after about ten idle minutes). "
        f"Press {control('export')}, then download the file it names (in JupyterLab, right-click it in the file browser → *Download*; in the app, click its name). "
        f"Next time, press {control('import')} and choose that file. A file that is not a progress file is refused and nothing changes. "
        f"To start again, tick {control('reset_confirm')} and press {control('reset')}: a copy of the old file is kept.\n\n"
        f'<div lang="ru">\n\n**На Binder файлы удаляются по окончании сеанса.** Нажмите {control_ru("export")} и скачайте файл; '
        f"в следующий раз нажмите {control_ru('import')} и выберите этот файл. Неподходящий файл не будет принят, прогресс не изменится. "
        f"Чтобы начать заново, отметьте {control_ru('reset_confirm')} и нажмите {control_ru('reset')}: копия прежнего файла сохранится.\n\n</div>"
    )
    nb.code("page.widget")
    return nb.render("My progress", "page")


def build_trainer_page(course: Course) -> str:
    """The vocabulary trainer page (Leitner boxes over the whole glossary)."""
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
    nb.code("from lessonkit import open_trainer\n\ntrainer = open_trainer()\ntrainer.toolbar()", hidden=True)
    nb.markdown(
        f"Under {control('session_size')}, choose 10 or 20 cards and press {control('start_session')}. "
        f"Answer each card, press {control('check')}, then {control('next_card')}.  \n"
        f'<span lang="ru">В строке {control_ru("session_size")} выберите 10 или 20 карточек и нажмите {control_ru("start_session")}. '
        f"Ответьте на карточку, нажмите {control_ru('check')}, затем {control_ru('next_card')}.</span>"
    )
    nb.code("trainer.widget")
    return nb.render("Vocabulary review", "page")
