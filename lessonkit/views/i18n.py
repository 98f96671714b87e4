"""Every string of the interface, in English and Russian.

Views never hard-code a label: they ask `say(key, lang)`. A test walks this table and
fails when a key lacks a language or when the placeholders of the two versions differ.
"""

from __future__ import annotations

import string

from ..content.languages import LANGUAGES, Language

__all__ = ["LANGUAGES", "STRINGS", "Language", "placeholders", "say"]

STRINGS: dict[str, dict[str, str]] = {
    # buttons and labels
    "check": {"en": "Check", "ru": "Проверить"},
    "hint": {"en": "Hint", "ru": "Подсказка"},
    "show_answer": {"en": "Show answer", "ru": "Показать ответ"},
    "try_again": {"en": "Try again", "ru": "Ещё раз"},
    "your_answer": {"en": "Your answer", "ru": "Ваш ответ"},
    "position": {"en": "Position {n}", "ru": "Позиция {n}"},
    "choose": {"en": "— choose —", "ru": "— выберите —"},
    "word_bank": {"en": "Word bank", "ru": "Слова для вставки"},
    "base_word": {"en": "Base word", "ru": "Исходное слово"},
    "source_text": {"en": "Translate into English", "ru": "Переведите на английский"},
    "self_check": {"en": "Self-check: tick what your answer does", "ru": "Самопроверка: отметьте, что есть в вашем ответе"},
    "model_answer": {"en": "Model answer", "ru": "Образец ответа"},
    # open tasks: writing for a reader, speaking after preparing
    "notes_label": {"en": "Your preparation notes", "ru": "Ваши заметки для подготовки"},
    "self_check_speaking": {
        "en": "Self-check after you speak: tick what you did",
        "ru": "Самопроверка после выступления: отметьте, что вы сделали",
    },
    "task_reader": {"en": "Reader", "ru": "Адресат"},
    "task_genre": {"en": "Genre", "ru": "Жанр"},
    "task_times": {"en": "Prepare: {prepare} min · Speak: {speak} min", "ru": "Подготовка: {prepare} мин · Выступление: {speak} мин"},
    "task_words_range": {"en": "Length: {low}–{high} words.", "ru": "Объём: {low}–{high} слов."},
    "task_words_max": {"en": "Length: up to {high} words.", "ru": "Объём: до {high} слов."},
    "task_words_min": {"en": "Length: at least {low} words.", "ru": "Объём: не меньше {low} слов."},
    "task_notes_max": {
        "en": "Notes: up to {high} words (key words, not a script).",
        "ru": "Заметки: до {high} слов (ключевые слова, а не готовый текст).",
    },
    "task_in_russian": {"en": "Write your answer in Russian.", "ru": "Ответ пишется на русском языке."},
    "word_counter": {"en": "Words: {n}", "ru": "Слов: {n}"},
    "words_written": {"en": "Your text has {count}.", "ru": "В вашем тексте {count}."},
    "unit_words": {"en": "word|words", "ru": "слово|слова|слов"},
    "item": {"en": "Item {n}", "ru": "Пункт {n}"},
    # an exercise's heading: its place on the page and whether it is core or optional
    "exercise_of": {"en": "Exercise {n} of {total}", "ru": "Упражнение {n} из {total}"},
    "part_core": {"en": "Core", "ru": "Основное"},
    "part_optional": {"en": "Optional", "ru": "Дополнительное"},
    "language": {"en": "Language", "ru": "Язык"},
    "notice": {"en": "⚠ Please note", "ru": "⚠ Обратите внимание"},
    # judgement labels
    "true": {"en": "True", "ru": "Верно"},
    "false": {"en": "False", "ru": "Неверно"},
    "not_given": {"en": "Not given", "ru": "Нет в тексте"},
    "stated": {"en": "Stated", "ru": "Сказано"},
    "inferred": {"en": "Inferred", "ru": "Следует из текста"},
    "not_in_text": {"en": "Not in the text", "ru": "Нет в тексте"},
    # feedback
    # Right/wrong words never reuse the option words above (Верно/Неверно are options).
    "right": {"en": "✓ Right.", "ru": "✓ Правильно."},
    "wrong": {"en": "✗ Not right.", "ru": "✗ Неправильно."},
    "unanswered": {"en": "… No answer yet.", "ru": "… Ответа пока нет."},
    "invalid": {"en": "⚠ Check how you typed this.", "ru": "⚠ Проверьте, как набран ответ."},
    "evidence": {"en": "Evidence", "ru": "Подтверждение в тексте"},
    "the_answer": {"en": "Answer", "ru": "Ответ"},
    "found_terms": {"en": "Your answer already expresses the idea of: {terms}.", "ru": "В ответе уже передан смысл: {terms}."},
    "missing_terms": {
        "en": "Your answer does not yet express the idea of: {terms}.",
        "ru": "В ответе пока не передан смысл: {terms}.",
    },
    "score": {"en": "Score: {score} of {total}.", "ru": "Результат: {score} из {total}."},
    "not_checked": {"en": "Not checked yet", "ru": "Ещё не проверено"},
    "notebook_score": {
        "en": "Your score in this notebook: {score} of {total} items right ({done} of {count} exercises checked).",
        "ru": "Ваш результат в этой тетради: {score} из {total} пунктов верно (проверено упражнений: {done} из {count}).",
    },
    "answer_after_attempt": {
        "en": "The answer can be shown after your first attempt: press Check first.",
        "ru": "Ответ можно посмотреть после первой попытки: сначала нажмите «Проверить».",
    },
    "hint_paragraphs": {"en": "Look at paragraph(s) {ids}.", "ru": "Посмотрите абзац(ы) {ids}."},
    "self_check_pending": {
        "en": "Compare with the model answer and tick every point of the self-check list.",
        "ru": "Сравните ответ с образцом и отметьте все пункты списка самопроверки.",
    },
    "all_right": {"en": "All right, well done.", "ru": "Всё верно, отлично."},
    # when the checker is still wrong about a right answer
    "self_credit": {"en": "My answer means the same", "ru": "Мой ответ значит то же самое"},
    "report": {"en": "Report: my answer should be accepted", "ru": "Сообщить: мой ответ надо принимать"},
    "self_credited": {
        "en": "◐ Counted as right on your word: your answer means the same as the model answer.",
        "ru": "◐ Засчитано по вашей оценке: ваш ответ значит то же, что образец.",
    },
    "reported": {
        "en": "Thank you: your answer is saved for the course's authors.",
        "ru": "Спасибо: ваш ответ сохранён для авторов курса.",
    },
    "self_credited_count": {"en": "Self-credited: {n}.", "ru": "Засчитано по вашей оценке: {n}."},
    # input problems
    "empty": {"en": "Type an answer first.", "ru": "Сначала введите ответ."},
    "too_long": {
        "en": "This answer is too long (more than {detail} characters). Shorten it.",
        "ru": "Ответ слишком длинный (больше {detail} символов). Сократите его.",
    },
    "too_short": {"en": "Write at least {detail} words.", "ru": "Напишите не меньше {detail} слов."},
    "too_many_words": {"en": "Keep to {detail} words or fewer.", "ru": "Уложитесь в {detail} слов."},
    "wrong_layout": {
        "en": "It looks as if the keyboard was set to Russian: on an English layout these keys give “{detail}”. Switch the layout and type again.",
        "ru": "Похоже, включена русская раскладка: в английской эти клавиши дают «{detail}». Переключите раскладку и наберите ещё раз.",
    },
    "lookalike": {
        "en": "“{detail}” contains Cyrillic letters that look like Latin ones. Retype the word with the English layout.",
        "ru": "В слове «{detail}» есть кириллические буквы, похожие на латинские. Наберите слово в английской раскладке.",
    },
    "not_english": {
        "en": "This task needs an answer in English.",
        "ru": "В этом задании нужен ответ на английском языке.",
    },
    "not_russian": {
        "en": "This task needs an answer in Russian.",
        "ru": "В этом задании нужен ответ на русском языке.",
    },
    "notes_too_long": {
        "en": "Keep your notes to {detail} words or fewer: key words, not a script.",
        "ru": "Сократите заметки до {detail} слов: ключевые слова, а не готовый текст.",
    },
    # saved progress
    "last_time": {"en": "Last time: {score} of {total}, {age}.", "ru": "В прошлый раз: {score} из {total}, {age}."},
    "words_due": {
        "en": "Key words of this lesson in the vocabulary trainer: {new}, {due} due for review.",
        "ru": "Ключевые слова урока в тренажёре: {new}, к повторению: {due}.",
    },
    "course_words_due": {
        "en": "{new}, {due} due for review.",
        "ru": "{new}, к повторению: {due}.",
    },
    # how long ago (lessonkit.wording.describe_age); units are "a|b(|c)" forms like new_words
    "age_just_now": {"en": "just now", "ru": "только что"},
    "age_today": {"en": "today", "ru": "сегодня"},
    "age_yesterday": {"en": "yesterday", "ru": "вчера"},
    "age_ago": {"en": "{count} ago", "ru": "{count} назад"},
    "unit_minutes": {"en": "minute|minutes", "ru": "минуту|минуты|минут"},
    "unit_days": {"en": "day|days", "ru": "день|дня|дней"},
    "unit_weeks": {"en": "week|weeks", "ru": "неделю|недели|недель"},
    "unit_months": {"en": "month|months", "ru": "месяц|месяца|месяцев"},
    "unit_years": {"en": "year|years", "ru": "год|года|лет"},
    "show_timeline": {"en": "Show the timeline of dated events", "ru": "Показать хронологию событий"},
    # notices of the progress store (lessonkit.wording.notice_text): {detail} is the reason
    # or the backup's name, {copy} the file that keeps this session's progress
    "not_saved": {
        "en": "Your progress could not be saved ({detail}). What you do now is kept only while this notebook is open: please tell your instructor.",
        "ru": "Не удалось сохранить прогресс ({detail}). То, что вы делаете сейчас, хранится, только пока открыта эта тетрадь: сообщите преподавателю.",
    },
    "not_saved_copied": {
        "en": "Your progress could not be saved ({detail}). Nothing is lost: a copy with everything you have done is kept up to date in {copy}. Keep that file (download it from the file browser); you can import it on the progress page.",
        "ru": "Не удалось сохранить прогресс ({detail}). Ничего не потеряно: копия со всем, что вы сделали, обновляется в файле {copy}. Сохраните этот файл (скачайте его из списка файлов); его можно импортировать на странице прогресса.",
    },
    "unreadable": {
        "en": "Your progress file could not be read; it was kept as {detail} and a new one was started.",
        "ru": "Файл прогресса не удалось прочитать; он сохранён как {detail}, начат новый файл.",
    },
    # the vocabulary trainer
    "session_size": {"en": "Cards per session", "ru": "Карточек за сеанс"},
    "start_session": {"en": "Start", "ru": "Начать"},
    "next_card": {"en": "Next card", "ru": "Следующая карточка"},
    "card_of": {"en": "Card {n} of {total}", "ru": "Карточка {n} из {total}"},
    "box": {"en": "box {box} of 5", "ru": "коробка {box} из 5"},
    "recognise": {"en": "Choose the Russian equivalent in this context.", "ru": "Выберите русский эквивалент в этом контексте."},
    "recall": {"en": "Type the English term.", "ru": "Напишите английский термин."},
    "in_the_text": {"en": "In the text", "ru": "В тексте"},
    "nothing_due": {
        "en": "No words are due today. Come back tomorrow, or start a session anyway to review early.",
        "ru": "Сегодня повторять нечего. Вернитесь завтра или начните сеанс, чтобы повторить заранее.",
    },
    "summary": {
        "en": "Session over: {right} of {total} right.",
        "ru": "Сеанс окончен: верно {right} из {total}.",
    },
    "none": {"en": "none", "ru": "нет"},
    "boxes_now": {"en": "Words per box now: {boxes}.", "ru": "Слов в коробках сейчас: {boxes}."},
    # trainer and progress page
    # "a|b(|c)": the noun forms after a number (English 1 / many; Russian 1 / 2-4 / 5+).
    "new_words": {"en": "new word|new words", "ru": "новое слово|новых слова|новых слов"},
    "in_english": {"en": "In English:", "ru": "По-английски:"},
    "words_to_repeat": {"en": "Words to repeat", "ru": "Повторить"},
    "read_again": {"en": "read it again in {lesson}", "ru": "перечитать в уроке {lesson}"},
    "col_lesson": {"en": "Lesson", "ru": "Урок"},
    "col_exercises": {"en": "Exercises checked", "ru": "Проверено упражнений"},
    "col_score": {"en": "Items right", "ru": "Верных пунктов"},
    "col_last": {"en": "Last worked on", "ru": "Последнее занятие"},
    "count_of": {"en": "{n} of {total}", "ru": "{n} из {total}"},
    "not_started": {"en": "not started", "ru": "не начат"},
    "chart_title": {
        "en": "Scores by lesson (the number above a bar: items right of items checked)",
        "ru": "Результаты по урокам (число над столбцом: верных пунктов из проверенных)",
    },
    "chart_y": {"en": "% of checked items right", "ru": "% верных среди проверенных"},
    "chart_alt": {"en": "Scores by lesson: {rows}", "ru": "Результаты по урокам: {rows}"},
    "missed_item": {"en": "item {n}", "ru": "пункт {n}"},
    "missed_word": {"en": "word from {lesson}", "ru": "слово из урока {lesson}"},
    "missed_times": {"en": "missed: {n}", "ru": "ошибок: {n}"},
    "practise_word": {"en": "practise it in the trainer", "ru": "повторить в тренажёре"},
    "nothing_missed": {"en": "Nothing missed so far.", "ru": "Ошибок пока нет."},
    "timeline_title": {
        "en": "Dated events in the texts, as the texts give them (a bar is a span of years)",
        "ru": "События с датами — так, как их дают тексты (полоса — период в несколько лет)",
    },
    "dates_contradict": {"en": "(dates contradict: see note)", "ru": "(даты противоречат друг другу: см. примечание)"},
    # the progress page
    "export": {"en": "Export progress", "ru": "Экспортировать прогресс"},
    "exported_app": {
        "en": "Saved as {detail}. Download it to keep it: click the name (you can import it again on this page).",
        "ru": "Сохранено как {detail}. Скачайте файл, чтобы сохранить его у себя: щёлкните по имени (потом его можно импортировать на этой странице).",
    },
    "exported": {
        "en": "Saved as {detail} next to this notebook: right-click it in the file browser and choose Download.",
        "ru": "Сохранено как {detail} рядом с этой тетрадью: щёлкните по файлу правой кнопкой в списке файлов и выберите Download (Скачать).",
    },
    "export_failed": {
        "en": "The export could not be written next to this notebook ({detail}). Your progress is unchanged.",
        "ru": "Не удалось записать экспорт рядом с этой тетрадью ({detail}). Ваш прогресс не изменился.",
    },
    # the name an export carries, for the instructor's class report
    "export_name": {"en": "Name for your teacher (or a pseudonym)", "ru": "Имя для учителя (или псевдоним)"},
    "export_name_placeholder": {"en": "e.g. Anna K. or Fox", "ru": "напр. Анна К. или Лис"},
    "import": {"en": "Import progress", "ru": "Импортировать прогресс"},
    "import_choose": {"en": "Choose a progress file (.json)", "ru": "Выберите файл прогресса (.json)"},
    "imported": {"en": "Progress imported; the previous file was kept as {detail}.", "ru": "Прогресс импортирован; прежний файл сохранён как {detail}."},
    "imported_first": {"en": "Progress imported.", "ru": "Прогресс импортирован."},
    "import_refused": {"en": "This file was not imported: {detail}. Your progress is unchanged.", "ru": "Файл не импортирован: {detail}. Ваш прогресс не изменился."},
    "reset": {"en": "Reset progress", "ru": "Сбросить прогресс"},
    "reset_confirm": {"en": "Yes, start again (a backup is kept)", "ru": "Да, начать заново (копия сохранится)"},
    "reset_done": {"en": "Progress reset; the old file was kept as {detail}.", "ru": "Прогресс сброшен; прежний файл сохранён как {detail}."},
    "reset_needs_confirm": {"en": "Tick the box first to confirm.", "ru": "Сначала отметьте флажок для подтверждения."},
    "no_progress": {"en": "Nothing checked yet.", "ru": "Пока ничего не проверено."},
    "most_missed": {"en": "Most often missed", "ru": "Больше всего ошибок"},
    # quiz mode (course.yml `mode: quiz`): answers are saved unmarked until Finish marks them all
    "save_answer": {"en": "Save answer", "ru": "Сохранить ответ"},
    "finish": {"en": "Finish", "ru": "Завершить"},
    "quiz_mode": {
        "en": "Quiz: your answers are saved, not marked, until you press Finish at the end of the lesson.",
        "ru": "Тест: ваши ответы сохраняются без проверки, пока вы не нажмёте «Завершить» в конце урока.",
    },
    "quiz_unsaved": {"en": "Not saved yet", "ru": "Ещё не сохранено"},
    "quiz_saved": {
        "en": "Answer saved {age}, not marked yet: press Finish at the end of the lesson.",
        "ru": "Ответ сохранён {age}, но ещё не проверен: нажмите «Завершить» в конце урока.",
    },
    "quiz_saved_marked": {
        "en": "Answer saved {age} and marked at your last Finish. Change it, save it and press Finish again for a new attempt.",
        "ru": "Ответ сохранён {age} и проверен при последнем завершении. Измените его, сохраните и снова нажмите «Завершить» — это будет новая попытка.",
    },
    "quiz_progress": {
        "en": "Answers saved in {saved} of {count} exercises. Finish marks them all at once: each exercise then shows what is right and the evidence from the text.",
        "ru": "Сохранены ответы в {saved} из {count} упражнений. Кнопка «Завершить» проверит их все сразу: в каждом упражнении появится, что верно, и подтверждение в тексте.",
    },
    "quiz_result": {
        "en": "Marked: {score} of {total} items right ({answered} of {count} exercises answered).",
        "ru": "Проверено: верно {score} из {total} пунктов (упражнений с ответом: {answered} из {count}).",
    },
    "quiz_stored": {
        "en": "Saved in your progress file as attempt {n} at this lesson's quiz.",
        "ru": "Сохранено в файле прогресса как попытка {n} в тесте этого урока.",
    },
    "quiz_last": {"en": "Last finished: {score} of {total}, {age}.", "ru": "Последний раз завершено: {score} из {total}, {age}."},
    # a lesson's prediction: the answer box before reading, the look back near the end
    "prediction_label": {"en": "Your prediction", "ru": "Ваше предположение"},
    "prediction_save": {"en": "Save prediction", "ru": "Сохранить предположение"},
    "prediction_unsaved": {
        "en": "Not saved yet. Nothing is marked: you come back to it at the end of the lesson.",
        "ru": "Ещё не сохранено. Это не проверяется: вы вернётесь к предположению в конце урока.",
    },
    "prediction_saved": {
        "en": "Saved {age}. You come back to it at the end of the lesson.",
        "ru": "Сохранено {age}. Вы вернётесь к предположению в конце урока.",
    },
    "prediction_yours": {"en": "You wrote", "ru": "Вы написали"},
    "prediction_none": {
        "en": "You wrote no prediction. Think back: what did you expect before reading?",
        "ru": "Вы не записали предположение. Вспомните: чего вы ждали от текста перед чтением?",
    },
    "prediction_check": {"en": "Check", "ru": "Проверьте"},
    # data problems shown in a notebook instead of a traceback
    "data_problem": {
        "en": "This exercise cannot be shown: {detail}. Please tell your instructor.",
        "ru": "Упражнение не удалось показать: {detail}. Сообщите преподавателю.",
    },
}


def say(key: str, lang: Language = "en", **values: object) -> str:
    """The interface string `key` in `lang`, with its placeholders filled."""
    entry = STRINGS[key]
    return entry.get(lang, entry["en"]).format(**values)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
