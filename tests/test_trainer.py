"""The vocabulary trainer, the progress page and the charts, driven as a learner drives them:
set a widget's value, click, read what the widgets and outputs show."""

from __future__ import annotations

import base64
import json
import os
import re
import struct
from datetime import datetime, timedelta

import ipywidgets as w
import pytest

from lessonkit.learner.progress import ProgressStore
from lessonkit.views.charts import figure_html, timeline_figure
from lessonkit.views.i18n import STRINGS
from lessonkit.views.language import InterfaceLanguage
from lessonkit.views.progress_page import ProgressPage
from lessonkit.views.progress_summary import most_missed
from lessonkit.views.trainer import VocabularyTrainer
from lessonkit.views.word_cards import word_order
from lessonkit.views.wording import count_phrase


@pytest.fixture(autouse=True)
def notebook_folder(tmp_path_factory, monkeypatch):
    """The kernel's working folder, where a copy goes when saving fails: never the repository."""
    folder = tmp_path_factory.mktemp("notebook")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    return folder


@pytest.fixture
def store(tmp_path, clock):
    return ProgressStore(tmp_path / "progress.json", clock=clock)


def trainer_for(course, store, clock, lang="en") -> VocabularyTrainer:
    return VocabularyTrainer(course, store, InterfaceLanguage(lang), clock=clock)


def page_for(course, store, tmp_path, lang="en") -> ProgressPage:
    return ProgressPage(course, store, InterfaceLanguage(lang), folder=tmp_path)


def answer_card(trainer: VocabularyTrainer, right: bool) -> None:
    card = trainer.cards[trainer.position]
    if card.recall:
        trainer.typed.value = card.entry.term if right else "something else"
    else:
        trainer.choice.value = card.entry.contextual if right else next(c for c in card.choices if c != card.entry.contextual)
    trainer.check_button.click()
    assert ("✓" if right else "✗") in trainer.result.value
    assert card.entry.term in trainer.result.value  # the answer is always shown after checking
    trainer.next_button.click()


def shown(output: w.Output) -> dict[str, str]:
    """What a rich display output shows: its one display_data bundle."""
    assert len(output.outputs) == 1 and output.outputs[0]["output_type"] == "display_data"
    return output.outputs[0]["data"]


def walk(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def glossary_terms(course) -> set[str]:
    return {e.term for g in course.glossaries.values() for e in g.entries}


def png_width(html: str) -> int:
    data = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))
    return struct.unpack(">I", data[16:20])[0]


# --- the trainer ---------------------------------------------------------------------------------


def test_a_session_moves_cards_between_boxes_and_ends_with_a_summary(mini, store, clock):
    trainer = trainer_for(mini, store, clock)
    trainer.start_button.click()
    assert len(trainer.cards) == 2 and not any(card.recall for card in trainer.cards)
    first = trainer.cards[0].entry.term
    card_text = " ".join(child.value for child in trainer.card_box.children if isinstance(child, w.HTML))
    assert trainer.cards[0].entry.paragraph in card_text  # the card shows the sentence and its paragraph
    answer_card(trainer, right=True)
    answer_card(trainer, right=False)
    summary = shown(trainer.summary)
    assert "Session over: 1 of 2 right." in summary["text/plain"]
    words = store.read().words
    assert words[first].box == 2 and [r.box for t, r in words.items() if t != first] == [1]


def reach_recall(trainer, clock) -> None:
    """Two days of right recognitions, then a session ten days later: recall cards come up."""
    for day in (0, 1):
        clock.now = clock.start + timedelta(days=day)
        trainer.start_button.click()
        while trainer.cards:
            answer_card(trainer, right=True)
    clock.now = clock.start + timedelta(days=10)
    trainer.start_button.click()


def test_recall_comes_after_two_right_recognitions_and_uses_normalisation(mini, store, clock):
    trainer = trainer_for(mini, store, clock)
    reach_recall(trainer, clock)
    card = trainer.cards[0]
    assert card.recall and trainer.typed in trainer.card_box.children
    trainer.typed.value = "  " + card.entry.term.upper() + "."
    trainer.check_button.click()
    assert "✓" in trainer.result.value


def test_nothing_due_is_said_and_a_session_still_starts(mini, store, clock):
    trainer = trainer_for(mini, store, clock)
    trainer.start_button.click()
    while trainer.cards:
        answer_card(trainer, right=True)
    assert "No words are due today" in trainer.status.value
    trainer.start_button.click()
    assert trainer.cards  # reviewing early is allowed


def test_trainer_speaks_russian_and_follows_the_language_mid_card(mini, store, clock):
    language = InterfaceLanguage("ru")
    trainer = VocabularyTrainer(mini, store, language, clock=clock)
    assert trainer.lang == "ru" and trainer.start_button.description == "Начать"
    trainer.start_button.click()
    assert "Карточка 1 из 2" in trainer.prompt.value
    card = trainer.cards[0]
    trainer.choice.value = card.entry.contextual
    language.code = "en"
    assert "Card 1 of 2" in trainer.prompt.value and trainer.next_button.description == "Next card"
    assert trainer.choice.value == card.entry.contextual  # switching language keeps the answer
    trainer.check_button.click()
    language.code = "ru"
    assert "Правильно" in trainer.result.value and "Неверно" not in trainer.result.value
    assert 'lang="ru"' in trainer.result.value


def test_the_recall_field_is_labelled_in_the_interface_language(mini, store, clock):
    trainer = trainer_for(mini, store, clock, lang="ru")
    reach_recall(trainer, clock)
    assert trainer.cards[0].recall
    assert trainer.typed.description == STRINGS["in_english"]["ru"] and "EN" not in trainer.typed.description


# fix 5: a first visit has new words, none due --------------------------------------------------


def test_a_first_visit_counts_new_words_not_due_words(course, store, clock):
    count = len(glossary_terms(course))
    trainer = trainer_for(course, store, clock)
    assert f"{count} new words, 0 due for review." in trainer.status.value
    assert "due for review" in trainer.status.value and f"{count} of" not in trainer.status.value
    russian = trainer_for(course, store, clock, lang="ru")
    assert f"{count_phrase(count, 'new_words', 'ru')}, к повторению: 0." in russian.status.value


def test_after_a_session_the_missed_words_are_due_and_the_rest_still_new(mini, store, clock):
    trainer = trainer_for(mini, store, clock)
    assert "2 new words, 0 due for review." in trainer.status.value
    trainer.start_button.click()
    answer_card(trainer, right=False)  # box 1: due again at once
    answer_card(trainer, right=True)  # box 2: due tomorrow
    assert "0 new words, 1 due for review." in trainer.status.value


@pytest.mark.parametrize("n, en, ru", [
    (1, "1 new word", "1 новое слово"), (2, "2 new words", "2 новых слова"), (5, "5 new words", "5 новых слов"),
    (11, "11 new words", "11 новых слов"), (21, "21 new words", "21 новое слово"), (0, "0 new words", "0 новых слов"),
])
def test_new_words_are_counted_with_the_right_plural(n, en, ru):
    assert count_phrase(n, "new_words", "en") == en and count_phrase(n, "new_words", "ru") == ru


# fix 4: which cards come first -----------------------------------------------------------------


def lesson_terms(course, lesson_id: str) -> list[str]:
    return [e.term for e in course.glossary_entries(course.lessons[lesson_id].shown_paragraph_ids)]


@pytest.mark.parametrize("lesson_index", [0, 4])
def test_new_cards_come_from_the_lesson_the_learner_worked_on_in_its_order(course, store, clock, lesson_index):
    ref = course.map.lessons[lesson_index]
    lesson = course.lessons[ref.id]
    terms = lesson_terms(course, ref.id)
    assert terms, f"{ref.id} has no glossary words; pick another lesson"
    store.record_check(lesson.exercises[0].id, ref.id, 1, 1, [])
    trainer = trainer_for(course, store, clock)
    trainer.size.value = 20
    trainer.start_button.click()
    chosen = [card.entry.term for card in trainer.cards]
    assert chosen[: min(len(terms), 20)] == terms[:20]


def test_without_any_lesson_begun_new_cards_follow_the_course_order(course, store, clock):
    trainer = trainer_for(course, store, clock)
    trainer.start_button.click()
    assert [card.entry.term for card in trainer.cards] == word_order(course)[: len(trainer.cards)]
    first = course.map.lessons[0].id
    assert [card.entry.term for card in trainer.cards] == lesson_terms(course, first)[: len(trainer.cards)]


def test_word_order_lists_every_word_once_begun_lessons_first(course):
    later = course.map.lessons[-1].id
    order = word_order(course, [later])
    assert sorted(order) == sorted(glossary_terms(course))
    own = lesson_terms(course, later)
    assert order[: len(own)] == own


def test_due_reviews_come_before_new_words(mini, store, clock):
    store.record_review("barge", True)  # box 2, seen today
    clock.now = clock.start + timedelta(days=1)  # due again
    trainer = trainer_for(mini, store, clock)
    assert "1 new word, 1 due for review." in trainer.status.value
    trainer.start_button.click()
    assert [card.entry.term for card in trainer.cards] == ["barge", "rise"]


def test_sessions_are_the_same_every_time(course, tmp_path, clock):
    sessions = []
    for n in range(2):
        store = ProgressStore(tmp_path / f"p{n}.json", clock=clock)
        trainer = trainer_for(course, store, clock)
        trainer.start_button.click()
        sessions.append([(card.entry.term, card.choices) for card in trainer.cards])
    assert sessions[0] == sessions[1]


@pytest.mark.parametrize("size", [10, 20])
def test_a_session_has_10_or_20_cards_from_the_whole_glossary(course, store, clock, size):
    trainer = trainer_for(course, store, clock)
    trainer.size.value = size
    trainer.start_button.click()
    assert len(trainer.cards) == size and len({card.entry.term for card in trainer.cards}) == size
    assert all(card.entry.contextual in card.choices and len(card.choices) == 4 for card in trainer.cards)


# fixes 3 and 7: the summary links back to lessons and separates its sentences ----------------


def test_the_summary_is_a_rich_output_linking_missed_words_to_their_lesson(mini, store, clock):
    trainer = trainer_for(mini, store, clock)
    trainer.start_button.click()
    missed = trainer.cards[0].entry.term
    answer_card(trainer, right=False)
    answer_card(trainer, right=True)
    bundle = shown(trainer.summary)
    notebook = mini.map.lessons[0].notebook
    assert f'href="{notebook}.ipynb"' in bundle["text/html"] and missed in bundle["text/html"]
    assert bundle["text/plain"].splitlines()[:2] == ["Session over: 1 of 2 right.", "Words to repeat:"]
    assert not any("<a " in (getattr(x, "value", "") or "") for x in walk(trainer.widget) if isinstance(x, w.HTML))


def test_verdict_and_answer_are_separate_lines(mini, store, clock):
    trainer = trainer_for(mini, store, clock)
    trainer.start_button.click()
    trainer.choice.value = trainer.cards[0].entry.contextual
    trainer.check_button.click()
    assert trainer.result.value.startswith("<div><b>✓ Right.</b></div><div>")


def test_a_full_session_summary_says_none_to_repeat_as_its_own_sentence(mini, store, clock):
    trainer = trainer_for(mini, store, clock, lang="ru")
    trainer.start_button.click()
    while trainer.cards:
        answer_card(trainer, right=True)
    plain = shown(trainer.summary)["text/plain"].splitlines()
    assert plain[0] == "Сеанс окончен: верно 2 из 2." and plain[1] == "Повторить: нет."


# fix 1: every label shows whole, nothing is wider than the output -----------------------------


def assert_sized_to_labels(root: w.Widget) -> None:
    widgets = list(walk(root))
    buttons = [x for x in widgets if isinstance(x, (w.Button, w.FileUpload, w.Checkbox, w.Dropdown, w.RadioButtons))]
    assert buttons
    for widget in buttons:
        assert widget.layout.width == "auto", f"{type(widget).__name__} {widget.description!r}"
    for widget in widgets:
        if isinstance(widget, w.ToggleButtons):
            assert widget.style.button_width == "auto"
        if isinstance(widget, (w.HTML, w.Output)):
            assert widget.layout.width in (None, "auto")


def test_every_control_of_the_trainer_is_as_wide_as_its_label(mini, store, clock):
    trainer = trainer_for(mini, store, clock, lang="ru")
    trainer.start_button.click()
    assert_sized_to_labels(trainer.widget)
    assert trainer.next_button.layout.width == "auto" and trainer.next_button.description == "Следующая карточка"


def test_every_control_of_the_progress_page_is_as_wide_as_its_label(mini, store, tmp_path):
    page = page_for(mini, store, tmp_path, lang="ru")
    assert_sized_to_labels(page.widget)
    assert page.export_button.description == "Экспортировать прогресс"


# --- the progress page ---------------------------------------------------------------------------


def test_progress_page_table_missed_export_import_and_reset(mini, store, tmp_path):
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    page = page_for(mini, store, tmp_path)
    exercises = len(mini.lessons["RIV-1"].exercises)
    table = shown(page.table())
    assert f"RIV-1 | 1 of {exercises} | 1 of 2 | just now" in table["text/plain"]
    assert 'href="01-riv-danube.ipynb"' in table["text/html"]
    missed = shown(page.missed_html())
    assert "RIV1-03" in missed["text/html"] and 'href="01-riv-danube.ipynb"' in missed["text/html"]
    assert shown(page.chart())["text/html"].startswith("<img")

    page.export_button.click()
    exported = next(tmp_path.glob("my-progress-*.json"))
    assert page.message.value.startswith("Saved as ") and exported.name in page.message.value
    assert json.loads(exported.read_text(encoding="utf-8"))["exercises"]["RIV1-03"]["attempts"] == 2

    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    before = store.path.read_bytes()
    assert page.import_file(bad) is False
    assert "not imported" in page.message.value and store.path.read_bytes() == before

    page.reset_button.click()
    assert "Tick the box first" in page.message.value and store.read().exercises
    page.confirm.value = True
    page.reset_button.click()
    assert store.read().exercises == {} and "kept as" in page.message.value
    assert "not started" in shown(page.table_output)["text/plain"]  # the table follows the reset
    assert "Nothing checked yet." in shown(page.missed_output)["text/plain"]

    assert page.import_file(exported) is True
    assert set(store.read().exercises) == {"RIV1-03"}
    assert "1 of 2" in shown(page.table_output)["text/plain"]


def test_progress_page_upload_widget_refuses_a_bad_file(mini, store, tmp_path):
    page = page_for(mini, store, tmp_path)
    store.record_check("RIV1-01", "RIV-1", 1, 1, [])
    before = store.path.read_bytes()
    page.upload.value = ({"name": "x.json", "type": "application/json", "size": 8, "content": memoryview(b"not json"),
                          "last_modified": datetime(2026, 1, 1)},)
    assert "not imported" in page.message.value and "not valid JSON" in page.message.value
    assert store.path.read_bytes() == before
    assert not list(tmp_path.glob(".import-*"))


def test_import_into_an_empty_store_says_so(mini, store, tmp_path):
    source = ProgressStore(tmp_path / "other.json")
    source.record_check("RIV1-01", "RIV-1", 1, 1, [])
    page = page_for(mini, store, tmp_path)
    assert page.import_file(tmp_path / "other.json") is True
    assert page.message.value == "Progress imported."


# fix 2: Russian is Russian throughout -----------------------------------------------------------


ENGLISH_WORDS = re.compile(r"\b(Lesson|Exercises|Items|Last|of|item|missed|word|not started|Scores)\b")


def test_a_russian_progress_page_has_no_english_interface_words(course, store, tmp_path):
    lesson_id = course.map.lessons[0].id
    exercise = course.lessons[lesson_id].exercises[0]
    store.record_check(exercise.id, lesson_id, 0, len(exercise.items), [1])
    term = next(iter(glossary_terms(course)))
    store.record_review(term, False)
    page = page_for(course, store, tmp_path, lang="ru")
    table = shown(page.table())
    for key in ("col_lesson", "col_exercises", "col_score", "col_last"):
        assert STRINGS[key]["ru"] in table["text/html"] and STRINGS[key]["en"] not in table["text/html"]
    assert 'lang="ru"' in table["text/html"]
    # Lesson titles are course data: strip them, and what is left must be Russian.
    rows = table["text/plain"].splitlines()
    assert not any(ENGLISH_WORDS.search(row) for row in rows), rows
    assert f"0 из {len(exercise.items)}" in table["text/plain"]
    missed = shown(page.missed_html())
    assert "пункт 1" in missed["text/plain"] and "ошибок: 1" in missed["text/plain"]
    assert not re.search(r"\((item|word)", missed["text/plain"])
    chart = shown(page.chart())
    assert chart["text/plain"].startswith("Результаты по урокам") and "not started" not in chart["text/plain"]
    assert page.export_button.description == "Экспортировать прогресс"


def test_the_page_redraws_in_the_new_language(mini, store, tmp_path):
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    language = InterfaceLanguage("en")
    page = ProgressPage(mini, store, language, folder=tmp_path)
    page.table(), page.missed_html()
    page.reset_button.click()
    assert "Tick the box first" in page.message.value
    language.code = "ru"
    assert page.lang == "ru" and page.reset_button.description == "Сбросить прогресс"
    assert "Урок" in shown(page.table_output)["text/html"] and "пункт 2" in shown(page.missed_output)["text/plain"]
    assert "Сначала отметьте флажок" in page.message.value


def test_the_chart_fits_the_output_and_speaks_russian(course, store, tmp_path):
    page = page_for(course, store, tmp_path, lang="ru")
    chart = shown(page.chart())
    assert png_width(chart["text/html"]) <= 900
    assert 'style="max-width:100%;height:auto"' in chart["text/html"] and 'lang="ru"' in chart["text/html"]
    assert "не начат" in chart["text/plain"]


# fix 3: links are in rich outputs, never in HTML widgets ---------------------------------------


def test_the_most_missed_list_is_a_rich_output_with_relative_links(course, store, tmp_path):
    lesson_id = course.map.lessons[0].id
    exercise = course.lessons[lesson_id].exercises[0]
    store.record_check(exercise.id, lesson_id, 0, len(exercise.items), [1])
    term = lesson_terms(course, lesson_id)[0]
    store.record_review(term, False)
    page = page_for(course, store, tmp_path)
    output = page.missed_html()
    assert isinstance(output, w.Output) and not isinstance(output, w.HTML)
    html = shown(output)["text/html"]
    notebook = course.map.lessons[0].notebook
    assert f'href="{notebook}.ipynb"' in html and f'href="{course.map.trainer}.ipynb"' in html
    assert not re.search(r'href="(/|https?:)', html)
    assert not any("<a " in (x.value or "") for x in walk(page.widget) if isinstance(x, w.HTML))


def test_data_in_the_missed_list_is_escaped(mini_copy, tmp_path, clock):
    from lessonkit.content.load import load_course

    hostile = '<img src=x onerror="alert(1)">'
    lesson_file = mini_copy / "data" / "lessons" / "riv-1.yml"
    lesson_file.write_text(lesson_file.read_text(encoding="utf-8").replace(
        "title: True or false", f"title: '{hostile}'"), encoding="utf-8")
    glossary_file = mini_copy / "data" / "glossary" / "riv.yml"
    glossary_file.write_text(glossary_file.read_text(encoding="utf-8").replace(
        "contextual: брать начало (о реке)", f"contextual: '{hostile}'"), encoding="utf-8")
    course = load_course(mini_copy / "data")
    store = ProgressStore(tmp_path / "p.json", clock=clock)
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    store.record_review("rise", False)
    html = shown(page_for(course, store, tmp_path).missed_html())["text/html"]
    assert "<img" not in html and html.count("&lt;img") == 2


# fix 6: one ranking of items and words -----------------------------------------------------------


def test_most_missed_keeps_a_word_when_it_ties_with_many_items(course, store, clock, tmp_path):
    lesson_id = course.map.lessons[0].id
    exercises = [e for e in course.lessons[lesson_id].exercises if len(e.items) >= 3][:4]
    for exercise in exercises:  # twelve items missed once each, more than the list shows
        store.record_check(exercise.id, lesson_id, 0, len(exercise.items), [1, 2, 3])
    term = lesson_terms(course, lesson_id)[0]
    clock.now = clock.start - timedelta(days=1)  # even an older word miss stays in view on a tie
    store.record_review(term, False)
    ranked = most_missed(course, store)
    assert len(ranked) == 8 and "word" in {m.kind for m in ranked} and "item" in {m.kind for m in ranked}
    html = shown(page_for(course, store, tmp_path).missed_html())["text/html"]
    assert term in html


def test_most_missed_puts_more_misses_first_whatever_the_kind(mini, store, clock):
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    for _ in range(3):
        store.record_review("rise", False)
    ranked = most_missed(mini, store)
    assert [(m.kind, m.key, m.times) for m in ranked] == [("word", "rise", 3), ("item", "RIV1-03", 1)]


# fix 8: the timeline chart fits its output ---------------------------------------------------------


def timeline(course, lang="en"):
    return timeline_figure(course.timeline.events, lang=lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_timeline_fits_and_its_legend_is_inside_the_figure(course, lang):
    figure = timeline(course, lang)
    html = figure_html(figure, 'Timeline: "a" <b>')
    assert png_width(html) <= 900
    assert 'style="max-width:100%;height:auto"' in html and 'alt="Timeline: &quot;a&quot; &lt;b&gt;"' in html
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)  # lays the figure out (constrained layout), as saving it did
    page = figure.bbox
    (legend,) = figure.legends
    box = legend.get_window_extent(renderer)
    assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1
    axes = figure.axes[0].get_window_extent(renderer)
    assert box.y1 <= axes.y0  # below the axes
    assert STRINGS["timeline_title"][lang] == figure.get_suptitle()


# --- lessons (notebook.py) that record progress ---------------------------------------------------


def test_a_lesson_saves_each_check_and_shows_last_time_when_reopened(mini, store, clock):
    from lessonkit.views.feedback import plain
    from lessonkit.views.session import LessonSession

    first = LessonSession(mini, "RIV-1", store=store)
    first.show("RIV1-03").press("check", ["true", "false"])
    saved = json.loads(store.path.read_text(encoding="utf-8"))["exercises"]["RIV1-03"]
    assert (saved["score"], saved["total"], saved["attempts"], saved["missed_items"]) == (1, 2, 1, {"2": 1})

    clock.now = clock.start + timedelta(days=2)
    second = LessonSession(mini, "RIV-1", store=ProgressStore(store.path, clock=clock))
    second.show("RIV1-03")
    assert "Last time: 1 of 2, 2 days ago." in plain([second.last_time_line("RIV1-03", second.lang)])
    second.set_language("ru")
    assert "В прошлый раз: 1 из 2, 2 дня назад." in plain([second.last_time_line("RIV1-03", second.lang)])
    assert json.loads(store.path.read_text(encoding="utf-8"))["language"] == "ru"


def test_a_lesson_counts_its_key_words_for_the_trainer(mini, store):
    from lessonkit.views.session import LessonSession

    course_map = mini.map.model_copy(update={"trainer": "11-vocabulary-review"})
    mini_with_trainer = type(mini)(mini.root, course_map, mini.texts, mini.glossaries, mini.lessons, mini.timeline)
    session = LessonSession(mini_with_trainer, "RIV-1", store=store)
    count = len(mini.glossary_entries(mini.lessons["RIV-1"].shown_paragraph_ids))
    bar = session.toolbar()
    assert f"{count} new words, 0 due for review" in bar.text()  # never seen: new, not due
    session.set_language("ru")
    assert "к повторению: 0" in bar.text()


def test_an_unreadable_progress_file_is_reported_in_the_lesson(mini, tmp_path, clock):
    from lessonkit.views.session import LessonSession

    path = tmp_path / "progress.json"
    path.write_text("{not json", encoding="utf-8")
    session = LessonSession(mini, "RIV-1", store=ProgressStore(path, clock=clock))
    session.store.read()
    notice = session.toolbar().text()
    assert "could not be read" in notice and "progress.unreadable-" in notice
    session.show("RIV1-01").press("check", ["Germany"])  # the notebook keeps working
    assert session.results["RIV1-01"].score == 1


def test_the_language_chosen_last_time_opens_the_next_lesson(tmp_path, monkeypatch, mini_root):

    from lessonkit.views.session import open_lesson

    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "p.json"))
    first = open_lesson("RIV-1", data_dir=mini_root / "data")
    assert first.lang == "en"
    first.toolbar().choose("ru")  # what a click on «Русский» does
    again = open_lesson("RIV-1", data_dir=mini_root / "data")
    assert again.lang == "ru"
    assert again.show("RIV1-01").spec["labels"]["check"] == "Проверить"


# --- saving fails: the page's notice line follows, and the work is copied -------------------------


def test_a_trainer_answer_that_cannot_be_saved_is_copied_and_the_notice_says_where(mini, store, clock, tmp_path,
                                                                                   monkeypatch, notebook_folder, refuse_in):
    from lessonkit.views.page_session import PageSession

    language = InterfaceLanguage("en")
    session = PageSession(VocabularyTrainer(mini, store, language, clock=clock), store, language)
    bar = session.toolbar()
    assert bar.text() == ""
    monkeypatch.setattr(os, "replace", refuse_in(tmp_path))
    session.start_button.click()
    term = session.cards[0].entry.term
    answer_card(session.view, right=True)
    (copy,) = notebook_folder.glob("my-progress-unsaved-*.json")
    assert json.loads(copy.read_text(encoding="utf-8"))["words"][term]["box"] == 2
    assert "could not be saved (Permission denied)" in bar.text() and str(copy) in bar.text()  # redrawn at once
    session.set_language("ru")
    assert "Не удалось сохранить прогресс" in bar.text() and str(copy) in bar.text()


def test_an_export_that_cannot_be_written_is_a_sentence(mini, store, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the notebook's folder should be")
    page = page_for(mini, store, blocked)
    assert page.export() is None
    assert page.message.value.startswith("The export could not be written next to this notebook (")
    page.language.code = "ru"
    assert "Не удалось записать экспорт" in page.message.value


# --- as an app (Voilà): no file browser, so an export is a download link ------------------------


def test_an_export_in_the_app_is_a_download_link_through_the_server(mini, store, tmp_path, monkeypatch):
    from lessonkit.views.app_mode import download_url

    monkeypatch.setenv("VOILA_REQUEST_URL", "https://hub.example.edu/user/ana/voila/render/notebooks/11-my-progress.ipynb?token=t")
    monkeypatch.setenv("VOILA_BASE_URL", "/user/ana/")
    page = page_for(mini, store, tmp_path)
    target = page.export()
    href = f"/user/ana/files/notebooks/{target.name}?download=1"
    assert f'<a href="{href}" download="{target.name}" style=' in page.message.value
    assert "Download it to keep it" in page.message.value
    page.language.code = "ru"  # the message follows the switch and keeps its link
    assert f'<a href="{href}"' in page.message.value and 'lang="ru"' in page.message.value
    assert download_url("x.json", {}) is None  # JupyterLab: the file browser, as before
    assert download_url("a b.json", {"VOILA_REQUEST_URL": "http://127.0.0.1:8866/voila/render/top.ipynb"}) == "/files/a%20b.json?download=1"


def test_an_export_in_jupyterlab_points_to_the_file_browser(mini, store, tmp_path, monkeypatch):
    monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    page = page_for(mini, store, tmp_path)
    page.export()
    assert "file browser" in page.message.value and "<a " not in page.message.value
