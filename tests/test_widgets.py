"""Every exercise kind, driven as the browser drives it: send responses, press a button,
read the feedback the learner would read."""

from __future__ import annotations

import json

import pytest

from lessonkit.content.kinds import answer_text
from lessonkit.views.exercise_widget import ExerciseWidget
from lessonkit.views.item_specs import display_order
from lessonkit.views.language import InterfaceLanguage
from lessonkit.views.session import LessonSession


def make(mini, exercise_id: str, lang: str = "en") -> ExerciseWidget:
    return ExerciseWidget(mini.lessons["RIV-1"].exercise(exercise_id), InterfaceLanguage(lang))


def check(view: ExerciseWidget, *responses) -> ExerciseWidget:
    """What the browser sends when the learner presses Check: every item's response."""
    view.press("check", list(responses))
    return view


def options(view: ExerciseWidget, n: int = 0) -> list[str]:
    return [option["label"] for option in view.spec["items"][n]["options"]]


def test_single_choice_wrong_then_right(mini):
    view = check(make(mini, "RIV1-01"), "Austria")
    assert "✗ Not right." in view.feedback_text(0)
    assert "Austria is downstream" in view.feedback_text(0)  # the distractor's own note
    assert "It rises in the Black Forest in Germany." in view.feedback_text(0) and "(R-01)" in view.feedback_text(0)
    assert view.score_text() == "Score: 0 of 1."
    check(view, "Germany")
    assert "✓ Right." in view.feedback_text(0) and view.feedback[0]["status"] == "right"
    assert view.score_text() == "Score: 1 of 1. All right, well done."


def test_show_answer_only_after_a_first_attempt(mini):
    view = make(mini, "RIV1-01")
    assert not view.answer_enabled
    view.press("answer")  # the browser's button is disabled; the handler refuses as well
    assert "Germany" not in view.feedback_text(0)
    assert "first attempt" in json.dumps(view.hint)
    check(view, None)
    assert "No answer yet" in view.feedback_text(0)
    assert view.answer_enabled
    view.press("answer")
    assert "Answer: Germany" in view.feedback_text(0)


def test_hint_points_to_the_paragraph_without_the_answer(mini):
    view = make(mini, "RIV1-01")
    view.press("hint")
    hint = json.dumps(view.hint, ensure_ascii=False)
    assert "Look at the second sentence." in hint and "R-01" in hint and "Germany" not in hint


def test_try_again_clears_answers_and_feedback_and_redraws(mini):
    view = check(make(mini, "RIV1-01"), "Hungary")
    view.press("hint")
    revision = view.revision
    view.press("retry")
    assert view.responses == [None] and view.revision == revision + 1
    assert view.feedback_text(0) == "" and view.hint == []
    assert view.score_text() == "Score: 0 of 1."  # the last score stays


def test_multiple_select(mini):
    view = check(make(mini, "RIV1-02"), ["grain"])
    assert "✗" in view.feedback_text(0)
    check(view, ["grain", "steel"])
    assert "✓ Right." in view.feedback_text(0) and view.score_text().startswith("Score: 1 of 1")
    check(view, ["grain", "steel", "coal"])
    assert "✗" in view.feedback_text(0)


def test_true_false_not_given_per_item_feedback_and_score(mini):
    view = make(mini, "RIV1-03")
    assert options(view) == ["True", "False", "Not given"]
    check(view, "true", "false")
    assert "✓ Right." in view.feedback_text(0) and "✗ Not right." in view.feedback_text(1)
    assert view.score_text() == "Score: 1 of 2."
    check(view, "true", "not_given")
    assert view.score_text().startswith("Score: 2 of 2")


def test_option_words_never_reuse_the_right_and_wrong_words(mini):
    """Choosing «Неверно» correctly must not answer "✓ Верно."."""
    view = make(mini, "RIV1-03", lang="ru")
    check(view, "true", "not_given")
    verdict = view.feedback_text(0).split(".")[0]
    assert verdict == "✓ Правильно" and verdict.strip("✓ ") not in options(view)
    view.press("answer")
    assert "Ответ: Верно" in view.feedback_text(0)  # the key in the words the learner chose from


def test_stated_inferred_labels(mini):
    view = make(mini, "RIV1-04")
    assert options(view) == ["Stated", "Inferred", "Not in the text"]
    assert "✗" in check(view, "stated").feedback_text(0)
    assert "✓" in check(view, "inferred").feedback_text(0)


def test_matching_with_distractor_feedback(mini):
    view = make(mini, "RIV1-05")
    assert options(view) == ["баржа", "брать начало", "подниматься"]
    check(view, "подниматься", "баржа")
    assert "✗" in view.feedback_text(0) and "do not 'rise' upwards" in view.feedback_text(0)
    assert "✓" in view.feedback_text(1)
    check(view, "брать начало", "баржа")
    assert view.score_text().startswith("Score: 2 of 2")


def test_ordering_by_positions(mini):
    view = make(mini, "RIV1-06")
    assert view.spec["items"][0]["positions"] == ["Position 1", "Position 2"]
    assert "✗" in check(view, ["A", "B"]).feedback_text(0)
    assert "✓" in check(view, ["B", "A"]).feedback_text(0)
    assert "No answer yet" in check(view, [None, None]).feedback_text(0)


def test_gap_fill_word_bank_and_normalisation(mini):
    view = make(mini, "RIV1-07")
    assert "road" in view.spec["bank"] and "route" in view.spec["bank"]
    check(view, "  Route. ", "black   forest")
    assert "✓" in view.feedback_text(0) and "✓" in view.feedback_text(1)
    assert "✓" in check(view, "route", "Schwarzwald").feedback_text(1)


def test_gap_fill_explains_a_wrong_keyboard_layout(mini):
    view = check(make(mini, "RIV1-07"), "кщгеу")  # "route" on the Russian layout
    assert "keyboard was set to Russian" in view.feedback_text(0) and "route" in view.feedback_text(0)
    assert "⚠" in view.feedback_text(0) and view.feedback[0]["status"] == "invalid"


def test_gap_fill_explains_cyrillic_lookalikes(mini):
    view = check(make(mini, "RIV1-07"), "rоute")  # Cyrillic о
    assert "Cyrillic letters that look like Latin ones" in view.feedback_text(0)


def test_word_formation_shows_the_base_word(mini):
    view = make(mini, "RIV1-08")
    assert view.spec["items"][0]["base"] == "FLOW"
    assert "✗" in check(view, "flow").feedback_text(0)
    assert "✓" in check(view, "Flows").feedback_text(0)


def test_short_answer_names_missing_key_terms(mini):
    view = check(make(mini, "RIV1-09"), "They carry wheat.")
    assert "✗" in view.feedback_text(0) and "does not yet express the idea of: steel" in view.feedback_text(0)
    assert "already expresses the idea of: grain" in view.feedback_text(0)  # what is right is named too
    assert "✓" in check(view, "Wheat and steel.").feedback_text(0)


def test_translation_red_flag_and_model_answer(mini):
    view = make(mini, "RIV1-10")
    assert view.spec["items"][0]["prompt_lang"] == "ru"
    check(view, "The Danube lifts in Germany.")
    assert "✗" in view.feedback_text(0) and "use rise" in view.feedback_text(0)
    assert "Model answer: The Danube rises in Germany." in view.feedback_text(0)
    assert "✓" in check(view, "The Danube begins in Germany").feedback_text(0)


def test_translation_typed_in_russian_gets_a_message_and_no_model_answer(mini):
    view = check(make(mini, "RIV1-10"), "Дунай берёт начало в Германии")
    assert "needs an answer in English" in view.feedback_text(0)
    assert "Model answer" not in view.feedback_text(0)  # not before a real attempt


def test_open_task_model_answer_then_self_check(mini):
    view = make(mini, "RIV1-11")
    ticks = len(view.spec["items"][0]["checklist"])
    check(view, {"text": "The Danube starts in Germany and carries grain.", "ticked": []})
    assert "Model answer" in view.feedback_text(0) and "tick every point" in view.feedback_text(0)
    check(view, {"text": "The Danube starts in Germany and carries grain.", "ticked": list(range(ticks))})
    assert "✓" in view.feedback_text(0) and view.score_text().startswith("Score: 1 of 1")
    check(view, {"text": "Too short.", "ticked": list(range(ticks))})
    assert "at least 5 words" in view.feedback_text(0) and "Model answer" not in view.feedback_text(0)


def test_data_text_reaches_the_browser_as_plain_text(mini):
    """The browser writes segments with textContent: markup in data must arrive as text,
    unchanged (learner text that is echoed back: tests/test_escaping.py)."""
    exercise = mini.lessons["RIV-1"].exercise("RIV1-09")
    hostile = "<img src=x onerror=alert(1)>"
    item = exercise.items[0].model_copy(update={"explanation": hostile})
    view = ExerciseWidget(exercise.model_copy(update={"items": [item], "title": "<script>alert(1)</script>"}))
    check(view, "grain and steel")
    assert view.feedback_text(0).endswith(hostile)
    assert view.spec["title"].endswith("<script>alert(1)</script>")


def test_the_browser_never_writes_markup_from_data():
    """The views' scripts set text with textContent; innerHTML would run an onerror."""
    from lessonkit.views.course_widget import STATIC

    for script in STATIC.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source, script.name


@pytest.mark.parametrize("exercise_id", [f"RIV1-{n:02d}" for n in range(1, 13)])
def test_every_kind_survives_hostile_input(mini, exercise_id):
    """Empty, very long, control characters, wrong shapes: a message, never an exception."""
    view = make(mini, exercise_id)
    size = len(view.spec["items"])
    for junk in ("", "x" * 10000, "\x00\x1b[2J", "<b>bold</b>", 42, None, {"a": [1]}, ["x", 3]):
        view.press("check", [junk] * size)
        assert all(row["lines"] for row in view.feedback), (exercise_id, repr(junk)[:10])
        view.press("answer")
        assert all("Answer:" in view.feedback_text(n) for n in range(size))
        view.press("retry")
    view.press("check", "not a list")  # type: ignore[arg-type]
    view.receive({"action": "no such action"})
    view.receive("not a dict")


def test_a_message_from_the_browser_runs_the_button(mini):
    """The browser's Check sends {"action", "responses"}: the same path as `press`."""
    view = make(mini, "RIV1-01")
    view.receive({"action": "check", "responses": ["Germany"]})
    assert "✓ Right." in view.feedback_text(0) and view.responses == ["Germany"]


def test_russian_interface_labels_and_language_marks(mini):
    view = make(mini, "RIV1-01", lang="ru")
    assert view.spec["labels"]["check"] == "Проверить" and view.spec["lang"] == "ru"
    check(view, "Austria")
    verdict, *rest = view.feedback[0]["lines"][0]
    assert verdict["lang"] == "ru" and verdict["text"] == "✗ Неправильно."
    evidence = view.feedback[0]["lines"][-1]
    assert evidence[0]["lang"] == "ru" and {s["lang"] for s in evidence[1:]} == {"en"}  # the quote stays English


def test_notebook_score_counts_every_checked_exercise(mini):
    session = LessonSession(mini, "RIV-1")
    score = session.score()
    items = sum(len(e.items) for e in mini.lessons["RIV-1"].exercises)
    count = len(mini.lessons["RIV-1"].exercises)
    assert f"0 of {items}" in score.text()
    check(session.show("RIV1-01"), "Germany")
    check(session.show("RIV1-03"))
    assert f"1 of {items} items right (2 of {count} exercises checked)" in score.text()


def test_unknown_exercise_is_a_message_not_a_traceback(mini):
    assert "no exercise RIV1-99" in LessonSession(mini, "RIV-1").show("RIV1-99").text()
    assert "needs an exercise id" in LessonSession(mini, "RIV-1").show().text()


def test_one_cell_shows_several_exercises_one_under_another(mini, monkeypatch):
    """The build puts exercises with no text between them in one cell: `lesson.show("A", "B")`."""
    import IPython.display

    session = LessonSession(mini, "RIV-1")
    first, second = "RIV1-01", "RIV1-03"
    views = session.show(first, second)
    assert list(views) == [session.views[first], session.views[second]]
    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects: shown.extend(objects))
    views._ipython_display_()
    assert shown == list(views)
    check(views[0], "Germany")
    assert list(session.results) == [first] and session.results[first].score == 1  # each view records its own checks


def test_every_answer_text_is_readable(mini):
    for exercise in mini.lessons["RIV-1"].exercises:
        for n in range(len(exercise.items)):
            assert answer_text(exercise, n).strip()


def test_long_choice_options_are_whole_labels(mini):
    """Long options are labels that wrap, not letters under a list."""
    exercise = mini.lessons["RIV-1"].exercise("RIV1-01")
    long_option = "Germany, where it rises in the Black Forest and flows east towards the Black Sea through ten countries"
    item = exercise.items[0].model_copy(update={"options": ["Austria", long_option], "answer": long_option, "option_feedback": {}})
    view = ExerciseWidget(exercise.model_copy(update={"items": [item]}))
    assert sorted(options(view)) == sorted(["Austria", long_option])
    assert "✓ Right." in check(view, long_option).feedback_text(0)


def test_key_words_table_lists_the_lesson_glossary(mini):
    table = LessonSession(mini, "RIV-1").key_words()
    assert list(table.index) == ["rise", "barge"]
    assert table.loc["barge", "handout gave"] == "баржа"
    assert table.loc["rise", "in this text (Russian)"] == "брать начало (о реке)"


def test_table_completion_is_marked_cell_by_cell(mini):
    view = make(mini, "RIV1-12")
    column = "number or place"
    check(view, {column: "10"}, {column: "Austria"})
    assert view.feedback[0]["cells"] == [True] and view.feedback[1]["cells"] == [False]
    assert "✓ Right." in view.feedback_text(0) and "✗ Not right." in view.feedback_text(1)
    assert "It rises in the Black Forest in Germany." in view.feedback_text(1)
    table = view.table()
    assert list(table.columns) == ["fact", column]
    assert table.iloc[1].tolist() == ["where it rises", "Austria"]
    check(view, {column: "10"}, {column: "black forest"})
    assert view.score_text().startswith("Score: 2 of 2")
    view.press("retry")
    assert view.responses == [{column: ""}, {column: ""}] and view.feedback[0]["cells"] == []


def test_timeline_is_a_picture_with_a_text_alternative(mini):
    view = LessonSession(mini, "RIV-1").timeline()
    assert view.image == "" and view.legend == "Show the timeline of dated events"
    view.draw()
    assert view.image.startswith("data:image/png;base64,")
    assert view.alt.startswith("Timeline: 1800s, Danube: barges carry grain")


@pytest.mark.parametrize("exercise_id", [f"RIV1-{n:02d}" for n in range(1, 13)])
def test_language_switch_changes_every_interface_string(mini, exercise_id):
    from lessonkit.views.i18n import STRINGS

    language = InterfaceLanguage("en")
    view = ExerciseWidget(mini.lessons["RIV-1"].exercise(exercise_id), language)
    view.press("check")
    view.press("hint")
    english = json.dumps([view.spec, view.feedback, view.hint, view.score], ensure_ascii=False)
    language.code = "ru"
    # Course content (titles, statements, quotes) is English by design and marked
    # lang="en"; every segment in the interface's words must now be Russian.
    segments = [s for rows in (view.feedback, ) for row in rows for line in row["lines"] for s in line]
    segments += [s for lines in (view.hint, view.score) for line in lines for s in line]
    interface = [s["text"] for s in segments if s["lang"] != "en"]
    assert interface and all(s["lang"] in ("en", "ru") for s in segments)
    english_words = {entry["en"] for entry in STRINGS.values() if entry["en"] != entry["ru"] and "{" not in entry["en"]}
    assert not english_words & set(interface) and not english_words & set(view.spec["labels"].values())
    assert view.spec["labels"]["check"] == "Проверить"
    language.code = "en"
    assert json.dumps([view.spec, view.feedback, view.hint, view.score], ensure_ascii=False) == english


def test_language_switch_keeps_the_learners_choices(mini):
    language = InterfaceLanguage("en")
    view = ExerciseWidget(mini.lessons["RIV-1"].exercise("RIV1-03"), language)
    view.responses = ["true", None]
    language.code = "ru"
    assert view.responses == ["true", None]
    assert options(view) == ["Верно", "Неверно", "Нет в тексте"]
    assert (view.spec["id"], view.spec["title"]) == ("RIV1-03", "True or false")


def test_exercises_are_numbered_in_page_order_and_marked_core_or_optional(mini):
    """"Exercise 1 of 12" counts the exercises as the sections show them, whatever their ids
    (which stay: saved progress uses them); the badge says Core or Optional in words."""
    session = LessonSession(mini, "RIV-1")
    first, summary = session.show("RIV1-01"), session.show("RIV1-11")
    assert (first.spec["number"], first.spec["part"], first.spec["part_label"]) == ("Exercise 1 of 12", "core", "Core")
    assert (summary.spec["number"], summary.spec["part"], summary.spec["part_label"]) == ("Exercise 11 of 12", "optional", "Optional")
    session.set_language("ru")
    assert (first.spec["number"], first.spec["part_label"]) == ("Упражнение 1 из 12", "Основное")
    assert summary.spec["part_label"] == "Дополнительное"
    lesson = mini.lessons["RIV-1"]
    moved = lesson.model_copy(update={"sections": [lesson.sections[1], lesson.sections[0]]})
    course = type(mini)(mini.root, mini.map, mini.texts, mini.glossaries, {"RIV-1": moved}, mini.timeline)
    view = LessonSession(course, "RIV-1").show("RIV1-07")
    assert (view.spec["id"], view.spec["number"]) == ("RIV1-07", "Exercise 1 of 12")
    assert moved.number("RIV1-01") == (7, 12)
    assert ExerciseWidget(lesson.exercise("RIV1-01")).spec["number"] == ""  # a view outside a lesson page


def test_one_language_bar_moves_every_view_of_the_notebook(mini, tmp_path):
    from lessonkit.learner.progress import ProgressStore

    store = ProgressStore(tmp_path / "progress.json")
    session = LessonSession(mini, "RIV-1", store=store)
    exercise = session.show("RIV1-01")
    score = session.score()
    bar = session.toolbar()
    timeline = session.timeline()
    bar.choose("ru")  # what a click on «Русский» does
    assert exercise.spec["labels"]["check"] == "Проверить" and exercise.lang == "ru"
    assert "Ваш результат" in score.text() and bar.legend == "Язык" and timeline.legend.startswith("Показать")
    assert store.read().language == "ru"  # remembered for the next notebook
    session.set_language("en")
    assert bar.lang == "en" and exercise.spec["labels"]["check"] == "Check"


def test_choice_order_is_fixed_but_not_the_data_order(course):
    """Authors list the key first; the view must not, and must show the same order every run."""
    firsts = []
    for _, exercise in course.all_exercises():
        if exercise.kind == "single_choice":
            for n, item in enumerate(exercise.items):
                shown = display_order(item.options, f"{exercise.id}/{n}")
                assert shown == display_order(list(reversed(item.options)), f"{exercise.id}/{n}")
                firsts.append(shown[0] == item.answer)
    assert len(firsts) >= 10 and sum(firsts) < len(firsts) / 2


def test_a_lesson_is_about_one_widget_model_per_exercise(mini):
    """The page budget is at most 3 widget models per item: count what a lesson creates."""
    import warnings

    from ipywidgets import Widget

    def models() -> int:
        with warnings.catch_warnings():  # Widget.widgets is deprecated but still the public count
            warnings.simplefilter("ignore", DeprecationWarning)
            return len(Widget.widgets)

    before = models()
    session = LessonSession(mini, "RIV-1")
    session.toolbar()
    for exercise in mini.lessons["RIV-1"].exercises:
        session.show(exercise.id)
    session.score()
    created = models() - before
    items = sum(len(e.items) for e in mini.lessons["RIV-1"].exercises)
    assert created <= 2 * (len(mini.lessons["RIV-1"].exercises) + 2)  # a model and its layout per view
    assert created / items <= 3


def test_open_lesson_with_bad_data_or_an_unknown_id_shows_a_message(mini_copy, mini_root, tmp_path, monkeypatch):
    from lessonkit.views.session import open_lesson

    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "p.json"))
    unknown = open_lesson("RIV-9", data_dir=mini_copy / "data")
    assert "no such lesson in the course map" in unknown.show("RIV9-01").text()
    (mini_copy / "data" / "lessons" / "riv-1.yml").write_text("lesson: [", encoding="utf-8")
    broken = open_lesson("RIV-1", data_dir=mini_copy / "data")
    message = broken.show("RIV1-01").text()
    assert "malformed YAML" in message and "tell your instructor" in message
    ok = open_lesson("RIV-1", data_dir=mini_root / "data")
    assert list(ok.course.lessons) == ["RIV-1"] and ok.problems == []


def test_my_answer_means_the_same_is_self_credit_shown_and_stored(mini, tmp_path):
    """When the checker is still wrong, the learner's word counts, marked as such."""
    from lessonkit.learner.progress import ProgressStore

    store = ProgressStore(tmp_path / "progress.json")
    session = LessonSession(mini, "RIV-1", store=store)
    view = session.show("RIV1-10")
    score = session.score()
    check(view, "The Danube has its source in Germany.")
    assert view.feedback[0]["status"] == "wrong" and view.feedback[0]["offers"] == ["self_credit", "report"]
    view.receive({"action": "self_credit", "item": 0})
    assert view.feedback[0]["status"] == "self" and view.feedback_text(0).startswith("◐ Counted as right on your word")
    assert "Not right" not in view.feedback_text(0) and "Model answer: The Danube rises in Germany." in view.feedback_text(0)
    assert view.score_text() == "Score: 1 of 1. Self-credited: 1. All right, well done."
    assert "1 of" in score.text()
    claims = store.read().exercises["RIV1-10"].claims
    assert [(c.item, c.answer, c.kind) for c in claims] == [(1, "The Danube has its source in Germany.", "self_credited")]
    assert store.read().exercises["RIV1-10"].score == 0  # the checker's own mark is kept apart
    check(view, "The Danube has its source in Germany.")
    assert view.feedback[0]["status"] == "wrong"  # a new check asks again


def test_report_stores_the_answer_for_the_authors(mini, tmp_path):
    from lessonkit.learner.progress import ProgressStore

    store = ProgressStore(tmp_path / "progress.json")
    view = LessonSession(mini, "RIV-1", store=store).show("RIV1-09")
    check(view, "Cereals and metal.")
    view.receive({"action": "report", "item": 0})
    assert "saved for the course's authors" in view.feedback_text(0) and view.feedback[0]["offers"] == ["self_credit"]
    assert view.score_text() == "Score: 0 of 1."  # a report alone does not change the score
    assert [c.kind for c in store.read().exercises["RIV1-09"].claims] == ["should_be_accepted"]


def test_claims_are_offered_only_where_the_checker_can_be_wrong(mini):
    view = check(make(mini, "RIV1-01"), "Austria")  # a choice: the key decides
    assert view.feedback[0]["offers"] == []
    view.receive({"action": "self_credit", "item": 0})
    assert view.feedback[0]["status"] == "wrong"
    typed = check(make(mini, "RIV1-10"), "The Danube rises in Germany.")  # right already
    assert typed.feedback[0]["offers"] == []
    for junk in ({"action": "self_credit"}, {"action": "self_credit", "item": 7}, {"action": "report", "item": True}):
        typed.receive(junk)  # never raises


def test_strict_runs_fail_where_a_learner_would_see_a_message(mini, monkeypatch):
    """nbval sets LESSONKIT_STRICT: a built notebook naming an exercise that is not there fails."""
    monkeypatch.setenv("LESSONKIT_STRICT", "1")
    with pytest.raises(LookupError, match="no exercise RIV1-99 in RIV-1"):
        LessonSession(mini, "RIV-1").show("RIV1-99")
    assert LessonSession(mini, "RIV-1").show("RIV1-01").spec["id"] == "RIV1-01"


def test_a_cell_run_again_replaces_its_view_and_the_old_one_stops_following(mini):
    session = LessonSession(mini, "RIV-1")
    old = session.show("RIV1-01")
    new = session.show("RIV1-01")
    session.set_language("ru")
    assert new.spec["labels"]["check"] == "Проверить"
    assert old.spec["labels"]["check"] == "Check" and old.comm is None  # closed, and left as it was


def test_a_drawn_timeline_is_drawn_again_in_the_new_language(mini):
    session = LessonSession(mini, "RIV-1")
    view = session.timeline()
    session.set_language("ru")
    assert view.image == ""  # not drawn before the learner asks
    view.draw()
    russian = view.image
    session.set_language("en")
    assert view.image.startswith("data:image/png;base64,") and view.image != russian


def test_a_check_that_cannot_be_saved_is_copied_and_the_lesson_says_where(mini_root, tmp_path, monkeypatch):
    """Saving fails (the atomic write refused): every check, claim and language choice of the
    lesson is in a copy next to the notebook, and the lesson's notice line names that file."""
    from pathlib import Path

    from lessonkit.learner import progress
    from lessonkit.views.session import open_lesson

    notebook = tmp_path / "notebook"
    notebook.mkdir()
    monkeypatch.chdir(notebook)  # a kernel's working folder is its notebook's folder
    saved = tmp_path / "data" / "progress.json"
    monkeypatch.setenv("LESSONKIT_PROGRESS", str(saved))
    write = progress.write_atomically

    def read_only(path, data):
        if Path(path) == saved:
            raise PermissionError(13, "Permission denied")
        return write(path, data)

    monkeypatch.setattr(progress, "write_atomically", read_only)

    lesson = open_lesson("RIV-1", data_dir=mini_root / "data")
    bar = lesson.toolbar()
    assert bar.text() == ""
    check(lesson.show("RIV1-01"), "Germany")
    (copy,) = notebook.glob("my-progress-unsaved-*.json")
    assert json.loads(copy.read_text(encoding="utf-8"))["exercises"]["RIV1-01"]["score"] == 1
    assert "could not be saved (Permission denied)" in bar.text() and str(copy) in bar.text()

    typed = check(lesson.show("RIV1-10"), "The Danube has its source in Germany.")
    typed.receive({"action": "self_credit", "item": 0})
    lesson.set_language("ru")
    assert "Не удалось сохранить прогресс" in bar.text() and str(copy) in bar.text()
    kept = json.loads(copy.read_text(encoding="utf-8"))
    assert set(kept["exercises"]) == {"RIV1-01", "RIV1-10"} and kept["language"] == "ru"
    assert [c["kind"] for c in kept["exercises"]["RIV1-10"]["claims"]] == ["self_credited"]
    assert list(notebook.glob("my-progress-unsaved-*.json")) == [copy]  # one copy, kept up to date
    assert not saved.exists()


# --- production tasks: a written mediation into Russian, a speaking task ---------------------------

# 13 words a sentence (МОМ and IOM count one each), ten sentences: a 130-word справка.
SPRAVKA = " ".join(["По данным МОМ (IOM), государства при её содействии приняли законы о защите мигрантов."] * 10)


def mediation(mini, lang: str = "en") -> ExerciseWidget:
    """RIV2-02, a note in Russian for a ministry department, with the course's 120–150 words."""
    exercise = mini.lessons["RIV-2"].exercise("RIV2-02")
    item = exercise.items[0].model_copy(update={"min_words": 120, "max_words": 150})
    return ExerciseWidget(exercise.model_copy(update={"items": [item]}), InterfaceLanguage(lang))


def task_text(view: ExerciseWidget) -> str:
    from lessonkit.views.feedback import plain

    return plain(view.spec["items"][0]["task"])


def test_a_written_mediation_into_russian_is_accepted_and_counted(mini):
    from lessonkit.marking.answers import count_words

    assert count_words(SPRAVKA) == 130
    view = mediation(mini)
    assert view.spec["items"][0]["answer_lang"] == "ru"
    assert task_text(view) == "Reader: a ministry department · Genre: справка\nWrite your answer in Russian.\nLength: 120–150 words."
    ticks = list(range(len(view.spec["items"][0]["checklist"])))
    check(view, {"text": SPRAVKA, "ticked": ticks})
    feedback = view.feedback_text(0)
    assert view.feedback[0]["status"] == "right" and feedback.startswith("✓ Right.")
    assert "Your text has 130 words." in feedback and view.result.items[0].words == 130
    for warning in ("Cyrillic", "keyboard", "layout", "in English", "⚠"):
        assert warning not in feedback, warning
    assert "Model answer: Дунай берёт начало" in feedback
    check(view, {"text": SPRAVKA, "ticked": []})
    assert view.feedback[0]["status"] == "wrong" and "tick every point" in view.feedback_text(0)
    check(view, {"text": SPRAVKA + " Эти сведения приведены в абзацах этого текста" * 3, "ticked": ticks})
    assert "Keep to 150 words or fewer." in view.feedback_text(0) and "Your text has 151 words." in view.feedback_text(0)
    check(view, {"text": "IOM helped States to adopt laws on the protection of migrants. " * 12, "ticked": ticks})
    assert "This task needs an answer in Russian." in view.feedback_text(0)


def test_a_written_mediation_speaks_russian_in_the_russian_interface(mini):
    view = mediation(mini, lang="ru")
    item = view.spec["items"][0]
    assert item["prompt"].startswith("Сообщите отделу министерства") and item["prompt_lang"] == "ru"
    assert task_text(view) == "Адресат: a ministry department · Жанр: справка\nОтвет пишется на русском языке.\nОбъём: 120–150 слов."
    check(view, {"text": SPRAVKA, "ticked": [0, 1, 2]})
    assert "В вашем тексте 130 слов." in view.feedback_text(0)
    english = mediation(mini, lang="en").spec["items"][0]
    assert english["prompt"].startswith("Tell a ministry department") and english["prompt_lang"] == "en"


def test_an_english_task_still_takes_a_russian_quotation_but_names_a_layout_slip(mini):
    exercise = mini.lessons["RIV-1"].exercise("RIV1-11")
    view = ExerciseWidget(exercise, InterfaceLanguage("en"))
    check(view, {"text": "The Danube rises in Germany: «брать начало» is the verb.", "ticked": [0, 1]})
    assert view.feedback[0]["status"] == "right"
    check(view, {"text": "Еру Вфтгиу кшыуы шт Пукьфтн фтв сфккшуы пкфшт", "ticked": [0, 1]})  # "The Danube rises in Germany…"
    assert "keyboard was set to Russian" in view.feedback_text(0) and "The Danube rises in Germany" in view.feedback_text(0)


def test_a_speaking_task_has_notes_times_and_a_self_check(mini):
    session = LessonSession(mini, "RIV-3")
    view = session.show("RIV3-01")
    item = view.spec["items"][0]
    assert view.spec["number"] == "Exercise 1 of 2" and item["mode"] == "speaking"
    assert item["box_label"] == "Your preparation notes" and item["checklist_label"].startswith("Self-check after you speak")
    assert task_text(view) == "Prepare: 3 min · Speak: 1 min\nNotes: up to 30 words (key words, not a script)."
    check(view, {"text": "", "ticked": []})
    assert view.feedback[0]["status"] == "unanswered"
    check(view, {"text": "Danube: Black Forest, Germany; ten countries (R-01)", "ticked": [0]})
    assert view.feedback[0]["status"] == "wrong" and "tick every point" in view.feedback_text(0)
    assert "Model answer: I speak for the Danube." in view.feedback_text(0) and "Your text has" not in view.feedback_text(0)
    check(view, {"text": "", "ticked": [0, 1, 2]})  # spoke without notes: the self-check decides
    assert view.feedback[0]["status"] == "right" and view.score_text().startswith("Score: 1 of 1")
    check(view, {"text": "word " * 31, "ticked": [0, 1, 2]})
    assert "Keep your notes to 30 words or fewer: key words, not a script." in view.feedback_text(0)
    session.set_language("ru")
    item = view.spec["items"][0]
    assert item["box_label"] == "Ваши заметки для подготовки" and item["prompt"].startswith("Выступите на круглом столе")
    assert task_text(view).startswith("Подготовка: 3 мин · Выступление: 1 мин")


def test_a_self_check_list_follows_the_interface_language(mini):
    session = LessonSession(mini, "RIV-2")
    view = session.show("RIV2-02")
    item = view.spec["items"][0]
    assert item["checklist"][0] == "I wrote in Russian." and item["checklist_lang"] == "en"
    check(view, {"text": "Дунай берёт начало в Германии (R-01), Рейн в Альпах (R-03).", "ticked": [0, 1]})
    session.set_language("ru")
    item = view.spec["items"][0]
    assert item["checklist"] == ["Я писал по-русски.", "Для каждого пункта указан источник.", "Я не добавил ничего, чего нет в тексте."]
    assert item["checklist_lang"] == "ru"
    assert view.responses[0]["ticked"] == [0, 1]  # ticks are kept by number across the switch


def test_every_course_widget_sends_the_front_end_once_asked_and_carries_only_the_loader(mini):
    """The page loads widgets.js and lessonkit.css once, through the first widget drawn."""
    from lessonkit.views.course_widget import STATIC, front_end

    view = make(mini, "RIV1-01")
    sent: list[dict] = []
    view.send = lambda content, buffers=None: sent.append(content)
    assert "__LESSONKIT_VERSION__" not in view._esm and front_end()[2] in view._esm
    assert len(view._esm) < 4000 and not getattr(view, "_css", "")  # no 30 KB of code and style in every widget's state
    view._handle_custom_msg({"action": "check", "responses": [None]}, [])  # not a request for the code
    assert sent == []
    view._handle_custom_msg({"action": "lessonkit_module"}, [])
    assert sent == [{"lessonkit_module": (STATIC / "widgets.js").read_text(encoding="utf-8"),
                     "lessonkit_style": (STATIC / "lessonkit.css").read_text(encoding="utf-8")}]


def test_the_course_widgets_of_a_kernel_share_one_layout_model(mini):
    """Half a lesson's widget models were empty Layouts, one per view: now there is one."""
    session = LessonSession(mini, "RIV-1")
    first, second = session.show("RIV1-01"), session.show("RIV1-03")
    bar = session.toolbar()
    assert first.layout is second.layout is bar.layout
    session.show("RIV1-01")  # the cell run again: the old view closes, the layout stays
    assert first.comm is None and second.layout.comm is not None
    second.layout.close()  # a closed layout is never handed out again
    assert session.show("RIV1-03").layout is not second.layout
