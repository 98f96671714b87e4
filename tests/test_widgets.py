"""Every exercise kind, driven as a learner would: set values, click, read the feedback."""

from __future__ import annotations

import re

import pytest

from lessonkit.answers import answer_text
from lessonkit.notebook import LessonSession
from lessonkit.widgets import ExerciseView, view_for

from conftest import MINI


def make(mini, exercise_id: str, lang: str = "en") -> ExerciseView:
    return view_for(mini.lessons["RIV-1"].exercise(exercise_id), lang=lang)


def feedback(view: ExerciseView, n: int = 0) -> str:
    return view.item_feedback[n].value


def test_single_choice_wrong_then_right(mini):
    view = make(mini, "RIV1-01")
    radio = view.inputs[0].controls[0]
    radio.value = "Austria"
    view.check_button.click()
    assert "✗ Not right." in feedback(view)
    assert "Austria is downstream" in feedback(view)  # the distractor's own note
    assert "It rises in the Black Forest in Germany." in feedback(view) and "(R-01)" in feedback(view)
    assert "Score: 0 of 1" in view.score_label.value
    radio.value = "Germany"
    view.check_button.click()
    assert "✓ Right." in feedback(view)
    assert "Score: 1 of 1" in view.score_label.value


def test_show_answer_only_after_a_first_attempt(mini):
    view = make(mini, "RIV1-01")
    assert view.answer_button.disabled
    view.answer_button.click()  # a disabled button cannot be clicked in a browser; the handler still refuses
    assert "Germany" not in feedback(view)
    assert "first attempt" in view.hint_box.value
    view.check_button.click()
    assert "No answer yet" in feedback(view)
    assert not view.answer_button.disabled
    view.answer_button.click()
    assert "Answer:" in feedback(view) and "Germany" in feedback(view)


def test_hint_points_to_the_paragraph_without_the_answer(mini):
    view = make(mini, "RIV1-01")
    view.hint_button.click()
    assert "Look at the second sentence." in view.hint_box.value
    assert "R-01" in view.hint_box.value
    assert "Germany" not in view.hint_box.value


def test_try_again_clears_answers_and_feedback(mini):
    view = make(mini, "RIV1-01")
    radio = view.inputs[0].controls[0]
    radio.value = "Hungary"
    view.check_button.click()
    view.hint_button.click()
    view.retry_button.click()
    assert radio.value is None
    assert feedback(view) == "" and view.hint_box.value == ""


def test_multiple_select(mini):
    view = make(mini, "RIV1-02")
    boxes = {box.description: box for box in view.inputs[0].controls}
    boxes["grain"].value = True
    view.check_button.click()
    assert "✗" in feedback(view)
    boxes["steel"].value = True
    view.check_button.click()
    assert "✓ Right." in feedback(view) and "Score: 1 of 1" in view.score_label.value
    boxes["coal"].value = True
    view.check_button.click()
    assert "✗" in feedback(view)


def test_true_false_not_given_per_item_feedback_and_score(mini):
    view = make(mini, "RIV1-03")
    toggles = [row.controls[0] for row in view.inputs]
    assert [label for label, _ in toggles[0].options] == ["True", "False", "Not given"]
    toggles[0].value = "true"
    toggles[1].value = "false"
    view.check_button.click()
    assert "✓ Right." in feedback(view, 0)
    assert "✗ Not right." in feedback(view, 1)
    assert "Score: 1 of 2" in view.score_label.value
    toggles[1].value = "not_given"
    view.check_button.click()
    assert "Score: 2 of 2" in view.score_label.value


def test_stated_inferred_labels(mini):
    view = make(mini, "RIV1-04")
    toggle = view.inputs[0].controls[0]
    assert [label for label, _ in toggle.options] == ["Stated", "Inferred", "Not in the text"]
    toggle.value = "stated"
    view.check_button.click()
    assert "✗" in feedback(view)
    toggle.value = "inferred"
    view.check_button.click()
    assert "✓" in feedback(view)


def test_matching_with_distractor_feedback(mini):
    view = make(mini, "RIV1-05")
    first, second = (row.controls[0] for row in view.inputs)
    assert [value for _, value in first.options][1:] == ["баржа", "брать начало", "подниматься"]
    first.value = "подниматься"
    second.value = "баржа"
    view.check_button.click()
    assert "✗" in feedback(view, 0) and "do not &#x27;rise&#x27; upwards" in feedback(view, 0)
    assert "✓" in feedback(view, 1)
    first.value = "брать начало"
    view.check_button.click()
    assert "Score: 2 of 2" in view.score_label.value


def test_ordering_by_dropdowns(mini):
    view = make(mini, "RIV1-06")
    positions = view.inputs[0].controls
    positions[0].value, positions[1].value = "A", "B"
    view.check_button.click()
    assert "✗" in feedback(view)
    positions[0].value, positions[1].value = "B", "A"
    view.check_button.click()
    assert "✓" in feedback(view)


def test_gap_fill_word_bank_and_normalisation(mini):
    view = make(mini, "RIV1-07")
    bank = view.widget.children[1].value
    assert "Word bank" in bank and "road" in bank and "route" in bank
    first, second = (row.controls[0] for row in view.inputs)
    first.value = "  Route. "
    second.value = "black   forest"
    view.check_button.click()
    assert "✓" in feedback(view, 0) and "✓" in feedback(view, 1)
    second.value = "Schwarzwald"
    view.check_button.click()
    assert "✓" in feedback(view, 1)


def test_gap_fill_explains_a_wrong_keyboard_layout(mini):
    view = make(mini, "RIV1-07")
    view.inputs[0].controls[0].value = "кщгеу"  # "route" on the Russian layout
    view.check_button.click()
    assert "keyboard was set to Russian" in feedback(view) and "route" in feedback(view)
    assert "⚠" in feedback(view)


def test_gap_fill_explains_cyrillic_lookalikes(mini):
    view = make(mini, "RIV1-07")
    view.inputs[0].controls[0].value = "rоute"  # Cyrillic о
    view.check_button.click()
    assert "Cyrillic letters that look like Latin ones" in feedback(view)


def test_word_formation_shows_the_base_word(mini):
    view = make(mini, "RIV1-08")
    assert "IMPORTANCE" in view.inputs[0].widget.children[0].value
    box = view.inputs[0].controls[0]
    box.value = "importance"
    view.check_button.click()
    assert "✗" in feedback(view)
    box.value = "Important"
    view.check_button.click()
    assert "✓" in feedback(view)


def test_short_answer_names_missing_key_terms(mini):
    view = make(mini, "RIV1-09")
    area = view.inputs[0].controls[0]
    area.value = "They carry wheat."
    view.check_button.click()
    assert "✗" in feedback(view) and "does not yet mention: steel" in feedback(view)
    area.value = "Wheat and steel."
    view.check_button.click()
    assert "✓" in feedback(view)


def test_translation_red_flag_and_model_answer(mini):
    view = make(mini, "RIV1-10")
    area = view.inputs[0].controls[0]
    area.value = "The Danube lifts in Germany."
    view.check_button.click()
    assert "✗" in feedback(view) and "use rise" in feedback(view)
    assert "Model answer" in feedback(view) and "The Danube rises in Germany." in feedback(view)
    area.value = "The Danube begins in Germany"
    view.check_button.click()
    assert "✓" in feedback(view)


def test_translation_typed_in_russian_gets_a_message(mini):
    view = make(mini, "RIV1-10")
    view.inputs[0].controls[0].value = "Дунай берёт начало в Германии"
    view.check_button.click()
    assert "needs an answer in English" in feedback(view)


def test_open_task_model_answer_then_self_check(mini):
    view = make(mini, "RIV1-11")
    area, *ticks = view.inputs[0].controls
    model_box = view.inputs[0].widget.children[2]
    area.value = "The Danube starts in Germany and carries grain."
    view.check_button.click()
    assert "Model answer" in model_box.value
    assert "tick every point" in feedback(view)
    for tick in ticks:
        tick.value = True
    view.check_button.click()
    assert "✓" in feedback(view) and "Score: 1 of 1" in view.score_label.value
    area.value = "Too short."
    view.check_button.click()
    assert "at least 5 words" in feedback(view)


def test_learner_markup_comes_back_as_text(mini):
    view = make(mini, "RIV1-09")
    view.inputs[0].controls[0].value = "<img src=x onerror=alert(1)>"
    view.check_button.click()
    html = feedback(view)
    assert "<img" not in html
    view = make(mini, "RIV1-01")
    view.check_button.click()
    view.answer_button.click()
    assert "<img" not in feedback(view)


def test_data_markup_is_escaped(mini):
    exercise = mini.lessons["RIV-1"].exercise("RIV1-09")
    item = exercise.items[0].model_copy(update={"explanation": "<img src=x onerror=alert(1)>"})
    hostile = exercise.model_copy(update={"items": [item], "title": "<script>alert(1)</script>"})
    view = view_for(hostile)
    view.inputs[0].controls[0].value = "grain and steel"
    view.check_button.click()
    assert "<img" not in feedback(view) and "&lt;img src=x onerror=alert(1)&gt;" in feedback(view)
    assert "<script>" not in view.widget.children[0].value


@pytest.mark.parametrize("exercise_id", [f"RIV1-{n:02d}" for n in range(1, 13)])
def test_every_kind_survives_hostile_input(mini, exercise_id):
    """Empty, very long, control characters: a message, never an exception."""
    view = make(mini, exercise_id)
    for text in ("", "x" * 10000, "\x00\x1b[2J", "<b>bold</b>"):
        for row in view.inputs:
            for control in row.controls:
                if isinstance(control.value, str) and hasattr(control, "placeholder"):
                    control.value = text
        view.check_button.click()
        assert all(box.value.strip() for box in view.item_feedback), (exercise_id, text[:10])
        view.answer_button.click()
        assert all("Answer:" in box.value for box in view.item_feedback)
        view.retry_button.click()


def test_russian_interface_labels_and_lang_attribute(mini):
    view = make(mini, "RIV1-01", lang="ru")
    assert view.check_button.description == "Проверить"
    view.check_button.click()
    assert 'lang="ru"' in feedback(view)


def test_notebook_score_counts_every_checked_exercise(mini):
    session = LessonSession(mini, "RIV-1")
    score = session.score()
    assert "0 of 16" in score.value
    session.show("RIV1-01")
    session.show("RIV1-03")
    session.views["RIV1-01"].inputs[0].controls[0].value = "Germany"
    session.views["RIV1-01"].check_button.click()
    session.views["RIV1-03"].check_button.click()
    assert "1 of 16 items right (2 of 12 exercises checked)" in score.value


def test_unknown_exercise_is_a_message_not_a_traceback(mini):
    session = LessonSession(mini, "RIV-1")
    assert "no exercise RIV1-99" in session.show("RIV1-99").value


def test_every_answer_text_is_readable(mini):
    for exercise in mini.lessons["RIV-1"].exercises:
        for n in range(len(exercise.items)):
            assert answer_text(exercise, n).strip()


def test_long_choice_options_are_listed_and_chosen_by_letter(mini):
    exercise = mini.lessons["RIV-1"].exercise("RIV1-01")
    long_option = "Germany, where it rises in the Black Forest and flows east towards the Black Sea through ten countries"
    item = exercise.items[0].model_copy(update={"options": ["Austria", long_option], "answer": long_option, "option_feedback": {}})
    view = view_for(exercise.model_copy(update={"items": [item]}))
    radio = view.inputs[0].controls[0]
    assert [label for label, _ in radio.options] == ["A", "B"]
    assert "<ol type=\"A\">" in view.inputs[0].widget.children[0].value and "Black Sea" in view.inputs[0].widget.children[0].value
    assert sorted(value for _, value in radio.options) == sorted(["Austria", long_option])
    radio.value = long_option
    view.check_button.click()
    assert "✓ Right." in feedback(view)


def test_key_words_table_lists_the_lesson_glossary(mini):
    table = LessonSession(mini, "RIV-1").key_words()
    assert list(table.index) == ["rise", "barge"]
    assert table.loc["barge", "handout gave"] == "баржа"
    assert table.loc["rise", "in this text (Russian)"] == "брать начало (о реке)"


def test_table_completion_is_marked_cell_by_cell(mini):
    view = make(mini, "RIV1-12")
    first, second = (row.controls[0] for row in view.inputs)
    first.value = "10"
    second.value = "Austria"
    view.check_button.click()
    marks = [row.marks for row in view.inputs]
    assert "✓" in marks[0][0].value and "✗" in marks[1][0].value
    assert "✓ Right." in feedback(view, 0) and "✗ Not right." in feedback(view, 1)
    assert "It rises in the Black Forest in Germany." in feedback(view, 1)
    table = view.table()
    assert list(table.columns) == ["fact", "number or place"]
    assert table.iloc[1].tolist() == ["where it rises", "Austria"]
    second.value = "black forest"
    view.check_button.click()
    assert "Score: 2 of 2" in view.score_label.value
    view.retry_button.click()
    assert first.value == "" and marks[0][0].value == ""


def test_timeline_is_a_picture_with_a_text_alternative(mini):
    box = LessonSession(mini, "RIV-1").timeline()
    button, chart = box.children
    assert chart.value == ""
    button.click()
    html = chart.value
    assert html.startswith('<img src="data:image/png;base64,') and button.disabled
    assert 'alt="Timeline: 1800s, Danube: barges carry grain' in html


def visible_strings(widget) -> list[str]:
    """Every piece of text a learner can see in a widget tree."""
    found = []
    for name in ("value", "description", "placeholder", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and name != "value" or (name == "value" and type(widget).__name__ == "HTML"):
            found.append(value)
    for label, _ in getattr(widget, "_options_full", None) or []:
        found.append(label)
    for child in getattr(widget, "children", ()):
        found += visible_strings(child)
    return found


@pytest.mark.parametrize("exercise_id", [f"RIV1-{n:02d}" for n in range(1, 13)])
def test_language_switch_changes_every_interface_string(mini, exercise_id):
    from lessonkit.i18n import STRINGS

    view = make(mini, exercise_id)
    view.check_button.click()
    view.hint_button.click()
    english = [s for s in visible_strings(view.widget) if s]
    view.set_language("ru")
    # Data (titles, statements, quotes) is English by design and marked lang="en"; only
    # the interface's own words must change.
    russian = re.sub(r'<(span|h4) lang="en">.*?</\1>', "", " ".join(visible_strings(view.widget)), flags=re.S)
    leftovers = [entry["en"] for entry in STRINGS.values()
                 if entry["en"] != entry["ru"] and "{" not in entry["en"] and entry["en"] in russian]
    assert leftovers == []
    assert "Проверить" in russian and 'lang="ru"' in russian
    view.set_language("en")
    assert [s for s in visible_strings(view.widget) if s] == english


def test_language_switch_keeps_the_learners_choices(mini):
    view = make(mini, "RIV1-03")
    view.inputs[0].controls[0].value = "true"
    view.set_language("ru")
    assert view.inputs[0].controls[0].value == "true"
    assert [label for label, _ in view.inputs[0].controls[0].options] == ["Верно", "Неверно", "Нет в тексте"]


def test_notebook_switch_relabels_all_exercises_and_the_score(mini):
    session = LessonSession(mini, "RIV-1")
    session.show("RIV1-01")
    score = session.score()
    switch = session.language()
    switch.value = "ru"
    assert session.views["RIV1-01"].check_button.description == "Проверить"
    assert "Ваш результат" in score.value and switch.description == "Язык"


def test_choice_order_is_fixed_but_not_the_data_order(course):
    """Authors list the key first; the view must not, and must show the same order every run."""
    from lessonkit.widgets import display_order

    firsts = []
    for _, exercise in course.all_exercises():
        if exercise.kind == "single_choice":
            for n, item in enumerate(exercise.items):
                shown = display_order(item.options, f"{exercise.id}/{n}")
                assert shown == display_order(list(reversed(item.options)), f"{exercise.id}/{n}")
                firsts.append(shown[0] == item.answer)
    assert len(firsts) >= 10 and sum(firsts) < len(firsts) / 2


def test_open_lesson_with_bad_data_or_an_unknown_id_shows_a_message(mini_copy, tmp_path, monkeypatch):
    from lessonkit.notebook import open_lesson

    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "p.json"))
    unknown = open_lesson("RIV-9", data_dir=mini_copy / "data")
    assert "no such lesson in the course map" in unknown.show("RIV9-01").value
    (mini_copy / "data" / "lessons" / "riv-1.yml").write_text("lesson: [", encoding="utf-8")
    broken = open_lesson("RIV-1", data_dir=mini_copy / "data")
    message = broken.show("RIV1-01").value
    assert "malformed YAML" in message and "tell your instructor" in message
    ok = open_lesson("RIV-1", data_dir=MINI / "data")
    assert list(ok.course.lessons) == ["RIV-1"] and ok.problems == []
