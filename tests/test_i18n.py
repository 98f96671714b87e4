"""The interface's string table: every string in both languages, with the same placeholders."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from lessonkit.learner.progress import Notice
from lessonkit.views.i18n import LANGUAGES, STRINGS, placeholders, say
from lessonkit.views.wording import count_phrase, describe_age, notice_text, ru_plural

NOW = datetime(2026, 11, 26, 10, 15, tzinfo=timezone.utc)

CYRILLIC = re.compile(r"[а-яё]", re.I)


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_exists_in_every_language(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(entry[lang].strip() for lang in LANGUAGES), key
    assert placeholders(entry["en"]) == placeholders(entry["ru"]), key
    assert CYRILLIC.search(entry["ru"]), f"{key}: the Russian string has no Russian in it"
    assert not CYRILLIC.search(entry["en"]), f"{key}: the English string has Cyrillic in it"


def test_say_fills_placeholders_in_both_languages():
    assert say("score", "en", score=2, total=3) == "Score: 2 of 3."
    assert say("score", "ru", score=2, total=3) == "Результат: 2 из 3."


def test_every_string_used_by_the_engine_is_in_the_table():
    from pathlib import Path

    engine = Path(__file__).resolve().parent.parent / "lessonkit"
    source = "\n".join(p.read_text(encoding="utf-8") for p in engine.rglob("*.py"))
    used = set(re.findall(r"""(?:say|say_plain|text|ui)\(\s*["']([a-z_]+)["']""", source))
    assert used and used <= set(STRINGS), sorted(used - set(STRINGS))


def test_every_views_labels_are_strings_of_the_table_written_into_real_traits(mini, tmp_path):
    """The views' LABELS tables (`language.write_labels`) name keys and traits that exist."""
    from lessonkit.learner.progress import ProgressStore
    from lessonkit.views.language import InterfaceLanguage, write_labels
    from lessonkit.views.page_widgets import LanguageBar, TimelineView
    from lessonkit.views.prediction import PredictionBox
    from lessonkit.views.progress_page import ProgressPage
    from lessonkit.views.quiz import FinishView
    from lessonkit.views.trainer import VocabularyTrainer

    language = InterfaceLanguage("en")
    store = ProgressStore(tmp_path / "progress.json")
    views = [LanguageBar(language), TimelineView(language, lambda: ("", "")),
             PredictionBox(language, lambda _lang: [], lambda _text: None, lambda: ""),
             FinishView(language, lambda _lang: [], lambda: None),
             ProgressPage(mini, store, language, folder=tmp_path), VocabularyTrainer(mini, store, language)]
    for view in views:
        assert view.LABELS and set(view.LABELS.values()) <= set(STRINGS), type(view).__name__
        for lang in ("en", "ru"):
            write_labels(view, view.LABELS, lang)
    with pytest.raises(AttributeError, match="no trait 'legnd'"):
        write_labels(views[0], {"legnd": "language"}, "en")


def test_every_string_in_the_table_is_used():
    """A key no view asks for is a translation nobody sees: it goes."""
    from pathlib import Path

    engine = Path(__file__).resolve().parent.parent / "lessonkit"
    table = (engine / "views" / "i18n.py").read_text(encoding="utf-8")
    source = "\n".join(p.read_text(encoding="utf-8") for p in engine.rglob("*.py") if p.name != "i18n.py")
    source += (engine / "views" / "static" / "widgets.js").read_text(encoding="utf-8")
    unused = [key for key in STRINGS if f'"{key}"' not in source and f"'{key}'" not in source]
    assert table and unused == []


# --- how long ago -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "delta, en, ru",
    [
        (timedelta(seconds=5), "just now", "только что"),
        (timedelta(seconds=-30), "just now", "только что"),
        (timedelta(minutes=1), "1 minute ago", "1 минуту назад"),
        (timedelta(minutes=2), "2 minutes ago", "2 минуты назад"),
        (timedelta(minutes=5), "5 minutes ago", "5 минут назад"),
        (timedelta(minutes=11), "11 minutes ago", "11 минут назад"),
        (timedelta(minutes=21), "21 minutes ago", "21 минуту назад"),
        (timedelta(minutes=22), "22 minutes ago", "22 минуты назад"),
        (timedelta(minutes=25), "25 minutes ago", "25 минут назад"),
        (timedelta(hours=2), "today", "сегодня"),
        (timedelta(days=1), "yesterday", "вчера"),
        (timedelta(days=2), "2 days ago", "2 дня назад"),
        (timedelta(days=5), "5 days ago", "5 дней назад"),
        (timedelta(days=11), "11 days ago", "11 дней назад"),
        (timedelta(days=12), "12 days ago", "12 дней назад"),
        (timedelta(days=21), "3 weeks ago", "3 недели назад"),
        (timedelta(days=35), "5 weeks ago", "5 недель назад"),
        (timedelta(days=90), "3 months ago", "3 месяца назад"),
        (timedelta(days=400), "1 year ago", "1 год назад"),
    ],
)
def test_describe_age(delta, en, ru):
    assert describe_age(NOW - delta, NOW, "en") == en
    assert describe_age(NOW - delta, NOW, "ru") == ru


def test_russian_plural_forms_of_days():
    forms = ("день", "дня", "дней")
    numbers = (1, 2, 5, 21, 22, 25, 11, 12, 14, 101, 111)
    assert [f"{n} {ru_plural(n, forms)}" for n in numbers] == [
        "1 день", "2 дня", "5 дней", "21 день", "22 дня", "25 дней", "11 дней", "12 дней", "14 дней",
        "101 день", "111 дней"]


def test_yesterday_and_today_are_counted_in_the_callers_time_zone():
    late = datetime(2026, 11, 25, 22, 30, tzinfo=timezone.utc)
    now = datetime(2026, 11, 26, 0, 30, tzinfo=timezone.utc)
    assert describe_age(late, now, "en") == "yesterday"
    moscow = timezone(timedelta(hours=3))
    assert describe_age(late, now.astimezone(moscow), "en") == "today"  # 01:30 and 03:30 the same day
    with pytest.raises(ValueError):
        describe_age(late, now, "de")


def test_counts_take_the_plural_of_their_language():
    assert [count_phrase(n, "unit_days", "en") for n in (1, 2, 21)] == ["1 day", "2 days", "21 days"]
    assert [count_phrase(n, "unit_days", "ru") for n in (1, 2, 5, 21)] == ["1 день", "2 дня", "5 дней", "21 день"]


# --- notices of the progress store ---------------------------------------------------------------


@pytest.mark.parametrize("notice, en, ru", [
    (None, "", ""),
    (Notice("unreadable", "p.unreadable-1.json"), "it was kept as p.unreadable-1.json", "сохранён как p.unreadable-1.json"),
    (Notice("not_saved", "Permission denied"), "(Permission denied). What you do now is kept only",
     "(Permission denied). То, что вы делаете сейчас"),
    (Notice("not_saved", "Permission denied", Path("/home/me/my-progress-unsaved-1.json")),
     "kept up to date in /home/me/my-progress-unsaved-1.json.", "обновляется в файле /home/me/my-progress-unsaved-1.json."),
])
def test_a_notice_is_put_into_words_in_both_languages(notice, en, ru):
    assert en in notice_text(notice, "en") and ru in notice_text(notice, "ru")
    assert bool(notice_text(notice, "en")) == (notice is not None)
