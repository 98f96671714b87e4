import pytest

from lessonkit.normalise import canonical, contains_term, input_problem, same_answer


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Provision", "provision"),
        ("  provision  ", "provision"),
        ("health   care workers", "health care workers"),
        ("migrants’ rights", "migrants' rights"),
        ("“rights”", '"rights"'),
        ("pre departure", "pre-departure"),
        ("predeparture", "pre-departure"),
        ("pre–departure", "pre-departure"),
        ("2009—2013", "2009-2013"),
        ("labour", "labor"),
        ("centres", "centers"),
        ("programme", "program"),
        ("institutionalise", "institutionalize"),
        ("organisation", "organization"),
        ("minimised", "minimized"),
        ("analyse", "analyze"),
        ("provision.", "provision"),
        ("provision!", "provision"),
        ("sectorial", "sectoral"),
    ],
)
def test_variants_are_the_same_answer(given, expected):
    assert same_answer(given, expected)


@pytest.mark.parametrize(
    "given, expected",
    [("provisions", "provision"), ("center", "centre point"), ("", ""), ("labour", "labourer"), ("rights", "right")],
)
def test_different_answers_stay_different(given, expected):
    assert not same_answer(given, expected)


def test_canonical_keeps_words_in_order():
    assert canonical("  The Labour  Force. ") == "the labor force"


@pytest.mark.parametrize(
    "text, term, found",
    [
        ("States have adopted anti-trafficking laws", "adopt*", True),
        ("States have adopted anti-trafficking laws", "traffick*", True),
        ("States have adopted anti trafficking laws", "anti-trafficking", True),
        ("States have adopted antitrafficking laws", "anti-trafficking", True),
        ("States readopted laws", "adopt*", False),
        ("the labour force", "labor force", True),
        ("the labourers", "labor", False),
        ("International Dialogue on Migration", "international dialogue on migration", True),
    ],
)
def test_contains_term(text, term, found):
    assert contains_term(text, term) is found


def test_wrong_layout_is_recognised_and_translated():
    problem = input_problem("ыефеуы")  # "states" typed with the Russian layout
    assert problem is not None and problem.code == "wrong_layout" and problem.detail == "states"


def test_lookalike_cyrillic_letters_are_named():
    problem = input_problem("prоvision")  # the "о" is Cyrillic
    assert problem is not None and problem.code == "lookalike" and problem.detail == "prоvision"


def test_russian_words_are_not_mistaken_for_a_layout_slip():
    problem = input_problem("государства приняли законы")
    assert problem is not None and problem.code == "not_english"


@pytest.mark.parametrize("text, code", [("", "empty"), ("   \n\t ", "empty"), ("x" * 5000, "too_long"), ("\x00\x07", "empty")])
def test_unusable_input(text, code):
    assert input_problem(text).code == code


def test_plain_english_and_markup_are_readable_input():
    assert input_problem("provision") is None
    assert input_problem("<img src=x onerror=alert(1)>") is None
