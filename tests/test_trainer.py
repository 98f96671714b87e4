"""The vocabulary trainer and the progress page, driven by widget clicks."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from lessonkit.progress import ProgressStore
from lessonkit.progress_page import ProgressPage
from lessonkit.trainer import VocabularyTrainer

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    return ProgressStore(tmp_path / "progress.json", clock=clock)


def answer_card(trainer: VocabularyTrainer, right: bool) -> None:
    card = trainer.cards[trainer.position]
    answer, check_button, next_button, result = trainer._current
    if card.recall:
        answer.value = card.entry.term if right else "something else"
    else:
        answer.value = card.entry.contextual if right else next(c for c in card.choices if c != card.entry.contextual)
    check_button.click()
    assert ("✓" if right else "✗") in result.value
    assert card.entry.term in result.value  # the answer is always shown after checking
    next_button.click()


def test_a_session_moves_cards_between_boxes_and_ends_with_a_summary(mini, store, clock):
    trainer = VocabularyTrainer(mini, store, clock=clock)
    assert "2 of the course's 2 words are due" in trainer.status.value
    trainer.start_button.click()
    assert len(trainer.cards) == 2 and not any(card.recall for card in trainer.cards)
    first = trainer.cards[0].entry.term
    shown = " ".join(getattr(child, "value", "") or "" for child in trainer.card_box.children if hasattr(child, "value"))
    assert trainer.cards[0].entry.paragraph in shown  # the card shows the sentence and its paragraph
    answer_card(trainer, right=True)
    answer_card(trainer, right=False)
    assert "1 of 2 right" in trainer.summary.value
    words = store.read().words
    assert words[first].box == 2 and [r.box for t, r in words.items() if t != first] == [1]


def test_recall_comes_after_two_right_recognitions_and_uses_normalisation(mini, store, clock):
    trainer = VocabularyTrainer(mini, store, clock=clock)
    for day in (0, 1):
        clock.now = START + timedelta(days=day)
        trainer.start_button.click()
        while trainer.cards:
            answer_card(trainer, right=True)
    clock.now = START + timedelta(days=10)
    trainer.start_button.click()
    card = trainer.cards[0]
    assert card.recall
    answer, check_button, _, result = trainer._current
    answer.value = "  " + card.entry.term.upper() + "."
    check_button.click()
    assert "✓" in result.value


def test_nothing_due_is_said_and_a_session_still_starts(mini, store, clock):
    trainer = VocabularyTrainer(mini, store, clock=clock)
    trainer.start_button.click()
    while trainer.cards:
        answer_card(trainer, right=True)
    assert "No words are due today" in trainer.status.value
    trainer.start_button.click()
    assert trainer.cards  # reviewing early is allowed


def test_trainer_speaks_russian(mini, store, clock):
    trainer = VocabularyTrainer(mini, store, lang="ru", clock=clock)
    assert trainer.start_button.description == "Начать"
    trainer.start_button.click()
    assert "Карточка 1 из 2" in trainer.card_box.children[0].value


def test_progress_page_table_missed_export_import_and_reset(mini, store, tmp_path):
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    store.record_check("RIV1-03", "RIV-1", 1, 2, [2])
    page = ProgressPage(mini, store, folder=tmp_path)
    table = page.table()
    assert table.loc["RIV-1", "exercises done"] == "1 of 12" and table.loc["RIV-1", "score"] == "1 of 2"
    assert "RIV1-03" in page.missed_html().data and "01-riv-danube.ipynb" in page.missed_html().data
    assert page.chart().data.startswith("<img")

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

    assert page.import_file(exported) is True
    assert set(store.read().exercises) == {"RIV1-03"}


def test_progress_page_upload_widget_refuses_a_bad_file(mini, store, tmp_path):
    page = ProgressPage(mini, store, folder=tmp_path)
    store.record_check("RIV1-01", "RIV-1", 1, 1, [])
    before = store.path.read_bytes()
    page.upload.value = ({"name": "x.json", "type": "application/json", "size": 8, "content": memoryview(b"not json"),
                          "last_modified": datetime(2026, 1, 1)},)
    assert "not imported" in page.message.value and "not valid JSON" in page.message.value
    assert store.path.read_bytes() == before
    assert not list(tmp_path.glob(".import-*"))


def test_a_lesson_saves_each_check_and_shows_last_time_when_reopened(mini, store, clock):
    from lessonkit.notebook import LessonSession

    first = LessonSession(mini, "RIV-1", store=store)
    view_widget = first.show("RIV1-03")
    view = first.views["RIV1-03"]
    view.inputs[0].controls[0].value = "true"
    view.inputs[1].controls[0].value = "false"
    view.check_button.click()
    saved = json.loads(store.path.read_text(encoding="utf-8"))["exercises"]["RIV1-03"]
    assert (saved["score"], saved["total"], saved["attempts"], saved["missed_items"]) == (1, 2, 1, {"2": 1})
    assert view_widget is view.widget

    clock.now = START + timedelta(days=2)
    second = LessonSession(mini, "RIV-1", store=ProgressStore(store.path, clock=clock))
    second.show("RIV1-03")
    assert "Last time: 1 of 2, 2 days ago." in second._last_time["RIV1-03"].value
    second.set_language("ru")
    assert "В прошлый раз: 1 из 2, 2 дня назад." in second._last_time["RIV1-03"].value
    assert json.loads(store.path.read_text(encoding="utf-8"))["language"] == "ru"


def test_a_lesson_counts_its_due_words_and_links_to_the_trainer(mini, store):
    from lessonkit.notebook import LessonSession

    course_map = mini.map.model_copy(update={"trainer": "11-vocabulary-review"})
    mini_with_trainer = type(mini)(mini.root, course_map, mini.texts, mini.glossaries, mini.lessons, mini.timeline)
    session = LessonSession(mini_with_trainer, "RIV-1", store=store)
    toolbar = session.toolbar()
    due = toolbar.children[2].value
    assert "2 of this lesson's 2 key words are due" in due and 'href="11-vocabulary-review.ipynb"' in due


def test_an_unreadable_progress_file_is_reported_in_the_lesson(mini, tmp_path, clock):
    from lessonkit.notebook import LessonSession

    path = tmp_path / "progress.json"
    path.write_text("{not json", encoding="utf-8")
    session = LessonSession(mini, "RIV-1", store=ProgressStore(path, clock=clock))
    session.store.read()
    notice = session.toolbar().children[1].value
    assert "could not be read" in notice and "progress.unreadable-" in notice
    session.show("RIV1-01")
    session.views["RIV1-01"].check_button.click()  # the notebook keeps working


@pytest.mark.parametrize("size", [10, 20])
def test_a_session_has_10_or_20_cards_from_the_whole_glossary(course, store, clock, size):
    trainer = VocabularyTrainer(course, store, clock=clock)
    assert "66 of the course's 66 words are due" in trainer.status.value
    trainer.size.value = size
    trainer.start_button.click()
    assert len(trainer.cards) == size and len({card.entry.term for card in trainer.cards}) == size
    assert all(card.entry.contextual in card.choices and len(card.choices) == 4 for card in trainer.cards)


def test_import_into_an_empty_store_says_so(mini, store, tmp_path):
    source = ProgressStore(tmp_path / "other.json")
    source.record_check("RIV1-01", "RIV-1", 1, 1, [])
    page = ProgressPage(mini, store, folder=tmp_path)
    assert page.import_file(tmp_path / "other.json") is True
    assert page.message.value == "Progress imported."


def test_the_language_chosen_last_time_opens_the_next_lesson(tmp_path, monkeypatch):
    from conftest import MINI
    from lessonkit.notebook import open_lesson

    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "p.json"))
    first = open_lesson("RIV-1", data_dir=MINI / "data")
    assert first.lang == "en"
    first.language().value = "ru"
    again = open_lesson("RIV-1", data_dir=MINI / "data")
    assert again.lang == "ru"
    again.show("RIV1-01")
    assert again.views["RIV1-01"].check_button.description == "Проверить"
