"""The pure checkers: every kind, right and wrong, without widgets."""

from __future__ import annotations

import pytest

from lessonkit.content.kinds import check, key_responses
from lessonkit.marking.answers import OpenResponse, parse_order


def ex(mini, n):
    return mini.lessons["RIV-1"].exercise(f"RIV1-{n:02d}")


def test_single_choice(mini):
    assert check(ex(mini, 1), ["Germany"]).complete
    wrong = check(ex(mini, 1), ["Austria"])
    assert wrong.score == 0 and wrong.items[0].note.startswith("Austria is downstream")
    assert check(ex(mini, 1), [None]).items[0].status == "unanswered"
    assert check(ex(mini, 1), []).items[0].status == "unanswered"


def test_multiple_select_needs_exactly_the_keys(mini):
    assert check(ex(mini, 2), [{"grain", "steel"}]).complete
    assert not check(ex(mini, 2), [{"grain"}]).complete
    assert not check(ex(mini, 2), [{"grain", "steel", "coal"}]).complete
    assert check(ex(mini, 2), [set()]).items[0].status == "unanswered"


def test_judgements(mini):
    assert check(ex(mini, 3), ["true", "not_given"]).score == 2
    assert check(ex(mini, 3), ["true", "false"]).score == 1
    assert check(ex(mini, 4), ["inferred"]).complete
    assert not check(ex(mini, 4), ["stated"]).complete


def test_matching(mini):
    assert check(ex(mini, 5), ["брать начало", "баржа"]).complete
    result = check(ex(mini, 5), ["подниматься", "баржа"])
    assert result.score == 1 and "upwards" in result.items[0].note


@pytest.mark.parametrize("typed", ["BA", "b-a", "B, A", ["B", "A"]])
def test_ordering_accepts_lists_and_typed_orders(mini, typed):
    assert check(ex(mini, 6), [typed]).complete


def test_ordering_wrong_and_partial(mini):
    assert not check(ex(mini, 6), [["A", "B"]]).complete
    assert check(ex(mini, 6), [[None, None]]).items[0].status == "unanswered"
    assert parse_order([None, "A"]) == [None, "A"]


def test_gap_fill_and_word_formation(mini):
    assert check(ex(mini, 7), ["route", "Black Forest"]).complete
    assert check(ex(mini, 7), ["ROUTE!", "Schwarzwald"]).complete
    assert check(ex(mini, 7), ["road", "Black Forest"]).score == 1
    assert check(ex(mini, 8), ["flows"]).complete
    assert not check(ex(mini, 8), ["flow"]).complete


def test_typed_input_problems_are_not_plain_wrong(mini):
    result = check(ex(mini, 7), ["кщгеу", "Black Fоrest"])
    assert [r.status for r in result.items] == ["invalid", "invalid"]
    assert [r.problem.code for r in result.items] == ["wrong_layout", "lookalike"]


def test_short_answer_key_terms(mini):
    assert check(ex(mini, 9), ["Grain and steel"]).complete
    result = check(ex(mini, 9), ["grain only"])
    assert not result.complete and result.items[0].missing == ("steel",)


def test_translation_key_terms_and_red_flags(mini):
    assert check(ex(mini, 10), ["The Danube rises in Germany."]).complete
    assert check(ex(mini, 10), ["the danube starts in germany"]).complete
    flagged = check(ex(mini, 10), ["The Danube lifts in Germany, it rises"])
    assert not flagged.complete and "use rise" in flagged.items[0].note
    assert check(ex(mini, 10), ["Дунай"]).items[0].problem.code == "not_english"


def test_open_task_needs_words_and_self_check(mini):
    task = ex(mini, 11)
    text = "The Danube rises in Germany and carries grain."
    assert check(task, [OpenResponse(text, frozenset({0, 1}))]).complete
    assert check(task, [OpenResponse(text, frozenset({0}))]).items[0].note == "self_check_pending"
    assert check(task, [OpenResponse("Too short.", frozenset({0, 1}))]).items[0].problem.code == "too_short"
    assert check(task, [OpenResponse(" ".join(["word"] * 50), frozenset({0, 1}))]).items[0].problem.code == "too_many_words"


def test_every_key_passes_its_own_checker(mini):
    for exercise in mini.lessons["RIV-1"].exercises:
        assert check(exercise, key_responses(exercise)).complete, exercise.id


def test_answer_logic_does_not_import_widgets():
    import subprocess
    import sys

    code = "import sys, lessonkit.marking.answers, lessonkit.content.load; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_table_rows_are_checked_cell_by_cell(mini):
    table = ex(mini, 12)
    result = check(table, [{"number or place": "10"}, {"number or place": "Austria"}])
    assert [r.status for r in result.items] == ["right", "wrong"]
    assert result.items[1].cells == (False,)
    assert check(table, [{}, {"number or place": ""}]).items[0].status == "unanswered"
    assert check(table, key_responses(table)).complete


def test_open_task_counts_words_in_any_script(mini):
    task = ex(mini, 11)
    russian = "Дунай берёт начало в Германии, в 2007 году."
    result = check(task, [OpenResponse(russian, frozenset({0, 1}))])
    assert result.complete


# --- readable names for missing key terms; invisible characters in open tasks -----------------

from lessonkit.marking.answers import term_label  # noqa: E402


@pytest.mark.parametrize(
    "group, model_answer, label",
    [
        (["practi*", "practice", "practise"], "", "practice"),
        (["toleran*", "tolerance"], "", "tolerance"),
        (["neighbo*", "neighbour", "neighbor"], "", "neighbour"),
        (["practi*"], "Good practices matter.", "practices"),
        (["suggest*", "impl*"], "The text implies that…", "implies"),
        (["information campaign*"], "IOM supports information campaigns.", "information campaigns"),
        (["practi*"], "Nothing about it.", "practi…"),
        (["practi*"], "", "practi…"),
    ],
)
def test_term_label_names_a_word_not_a_stem(group, model_answer, label):
    assert term_label(group, model_answer) == label


def _with_key_terms(exercise, key_terms, model_answer):
    item = exercise.items[0].model_copy(update={"key_terms": key_terms, "model_answer": model_answer, "red_flags": []})
    return exercise.model_copy(update={"items": [item]})


def test_missing_key_terms_are_readable_words(mini):
    exercise = _with_key_terms(
        ex(mini, 10),
        [["practi*", "practice", "practise"], ["toleran*", "tolerance"], ["neighbo*", "neighbour"], ["econom*"]],
        "Good neighbourly practice and tolerance help the economy.",
    )
    result = check(exercise, ["Something else entirely."])
    assert result.items[0].missing == ("practice", "tolerance", "neighbour", "economy")
    assert not any("*" in term or term.endswith(("practi", "toleran", "neighbo")) for term in result.items[0].missing)


def test_inflected_answers_satisfy_key_terms(mini):
    exercise = _with_key_terms(ex(mini, 10), [["imply"], ["income"], ["labor"]], "Crises imply lost income and labor.")
    assert check(exercise, ["Crises implied lost incomes (labour)."]).complete
    result = check(exercise, ["Simply put, incompetent labourers."])
    assert result.items[0].missing == ("imply", "income", "labor")


def test_layout_slip_in_a_gap_is_named_even_when_not_the_key(mini):
    result = check(ex(mini, 7), ["пщщв", "Black Forest"])  # "good", the key is "route"
    assert result.items[0].status == "invalid" and result.items[0].problem.code == "wrong_layout"
    assert result.items[0].problem.detail == "good"
    russian = check(ex(mini, 7), ["мигранты", "Black Forest"])
    assert russian.items[0].problem.code == "not_english"


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_open_task_invisible_characters_do_not_split_words(mini, char):
    task = ex(mini, 11)
    narrow = task.model_copy(update={"items": [task.items[0].model_copy(update={"min_words": 2, "max_words": 5})]})
    one_word = OpenResponse(f"resettle{char}ment", frozenset({0, 1}))
    assert check(narrow, [one_word]).items[0].problem.code == "too_short"
    five_words = OpenResponse(f"The resettle{char}ment of refugees continues.", frozenset({0, 1}))
    assert check(narrow, [five_words]).complete


def test_term_label_lowers_only_a_sentence_opening_capital():
    assert term_label(["recogni*"], "Recognize the role of migration.") == "recognize"
    assert term_label(["state*"], "With IOM help, States have laws.") == "States"
    assert term_label(["nhri*"], "NHRIs took part.") == "NHRIs"


@pytest.mark.parametrize("text, words", [
    ("Из-за кризиса МОМ (IOM) в 2012 году помогла ministry's отделу.", 10),
    ("Справка   для\nотдела", 3),
    ("", 0),
])
def test_words_are_counted_in_any_script(text, words):
    from lessonkit.marking.answers import count_words

    assert count_words(text) == words


@pytest.mark.parametrize("text, lang, code", [
    ("По данным МОМ (IOM), государства приняли законы.", "ru", None),  # a Latin term inside Russian
    ("IOM helped States to adopt laws.", "ru", "not_russian"),
    ("2012", "ru", None),  # no letters: nothing to say
    ("IOM helped States (МОМ помогла).", "en", None),
    ("Мигранты и развитие в странах происхождения.", "en", None),  # Russian in an English task: not refused
    ("Еру Вфтгиу кшыуы шт Пукьфтн", "en", "wrong_layout"),  # "The Danube rises in Germany"
])
def test_a_free_texts_language_is_judged_only_when_it_has_none_of_the_tasks(text, lang, code):
    from lessonkit.marking.input_checks import language_problem

    problem = language_problem(text, lang)
    assert (problem.code if problem else None) == code
