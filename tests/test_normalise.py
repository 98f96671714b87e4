import pytest

from lessonkit.marking.input_checks import input_problem
from lessonkit.marking.normalise import canonical, contains_term, same_answer


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


# --- key terms: inflected forms, compounds, spelling next to punctuation --------------------

from lessonkit.marking.input_checks import looks_english  # noqa: E402
from lessonkit.marking.normalise import compact, find_term, inflections, words  # noqa: E402


@pytest.mark.parametrize(
    "text, term",
    [
        ("The campaigns imply that", "imply"),
        ("This implies that", "imply"),
        ("It is implied", "imply"),
        ("implying that", "imply"),
        ("jobs and incomes", "income"),
        ("many countries", "country"),
        ("children are protected", "protect"),
        ("it protects", "protect"),
        ("making decisions", "make"),
        ("States stopped it", "stop"),
        ("they travelled", "travel"),
        ("agreeing on rules", "agree"),
        ("many are dying", "die"),
        ("both parties agreed", "agree"),
        ("two humanitarian crises", "humanitarian crisis"),
        ("information campaigns for potential migrants", "potential migrant"),
        ("migrants' rights", "migrant"),
        ("they have been organising", "organize"),
    ],
)
def test_key_terms_match_inflected_forms(text, term):
    assert contains_term(text, term)


@pytest.mark.parametrize(
    "text, term",
    [
        ("simply put", "imply"),
        ("an incompetent official", "income"),
        ("the protection of migrants", "protect"),  # a derivation, not an inflection
        ("the labourers", "labor"),
        ("countryside", "country"),
        ("a thing", "the"),  # function words get no forms
        ("States readopted laws", "adopt*"),
        ("a rise", "arise"),
    ],
)
def test_key_terms_do_not_match_other_words(text, term):
    assert not contains_term(text, term)


def test_inflections_of_a_word():
    assert {"imply", "implies", "implied", "implying"} <= inflections("imply")
    assert {"income", "incomes"} <= inflections("income")
    assert {"make", "makes", "making"} <= inflections("make")
    assert inflections("of") == {"of"} and inflections("2007") == {"2007"}


@pytest.mark.parametrize(
    "text, term",
    [
        ("decision-making", "decision making"),
        ("decision making", "decision-making"),
        ("decisionmaking", "decision-making"),
        ("anti-trafficking laws", "anti-trafficking"),
        ("anti trafficking laws", "anti-trafficking"),
        ("antitrafficking laws", "anti-trafficking"),
        ("anti-trafficking laws", "antitrafficking"),
        ("anti-trafficking laws", "anti trafficking"),
        ("awareness-raising campaigns", "awareness raising campaign"),
    ],
)
def test_compounds_with_space_hyphen_or_closed(text, term):
    assert contains_term(text, term)


@pytest.mark.parametrize(
    "text, term, found",
    [
        ("good practices", "practi*", True),
        ("to practise", "practi*", True),
        ("a practical step", "practi*", True),
        ("impractical", "practi*", False),
        ("information campaigns", "information campaign*", True),
    ],
)
def test_prefix_stems_still_work(text, term, found):
    assert contains_term(text, term) is found


@pytest.mark.parametrize(
    "text, term",
    [
        ("Labour, capital and goods", "labor"),
        ("free movement of labor.", "labour"),
        ("(labour)", "labor"),
        ("the labour-market", "labor"),
        ("labour; capital", "labor"),
        ("«labour»", "labor"),
        ("they laboured", "labor"),
        ("the neighbouring countries,", "neighbor"),
        ("Labour, capital", "labour"),
    ],
)
def test_british_and_american_spelling_next_to_punctuation(text, term):
    assert contains_term(text, term)


def test_spelling_pairs_apply_inside_punctuation():
    assert canonical("labour, capital (labour) labour-market") == "labor, capital (labor) labor-market"
    assert same_answer("labourers", "laborers") and not same_answer("labourers", "labor")


# --- compact is idempotent ----------------------------------------------------------------

TRICKY = [
    "resettlement. -", "resettlement -", "- resettlement", "-resettlement-", "resettlement.-",
    "resettlement - .", ". - .", "-", "- -.", "...", "", " ", '"rights" -', "'pre - departure'",
    "«labour» —", "— x —", "a. - .b", "a.-.-.-b", "organis ation", "labour -market",
    "(labour).", "x\u200b.\u00ad-", "Ｌａｂｏｕｒ", "ß.", "\u201crights\u201d.", " ' - ' ",
    "pre–departure.", "2009 — 2013 .", "analys es", "centre -s", "a - - - b", "[labour] -",
]


@pytest.mark.parametrize("text", TRICKY)
def test_compact_is_idempotent(text):
    once = compact(text)
    assert compact(once) == once


def test_compact_on_all_pairs_of_tricky_strings_is_idempotent():
    # joined pairs reach combinations (dot then dash, quote then space...) the list alone does not
    for left in TRICKY:
        for right in TRICKY:
            once = compact(left + right)
            assert compact(once) == once, (left, right)


@pytest.mark.parametrize(
    "given", ["resettlement. -", "resettlement -", "- resettlement.", "«resettlement»", "resettlement.-"]
)
def test_stray_marks_at_the_edges_do_not_matter(given):
    assert same_answer(given, "resettlement")


# --- invisible characters ------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_do_not_split_words(char):
    assert words(f"resettle{char}ment") == ["resettlement"]
    assert same_answer(f"resettle{char}ment", "resettlement")
    assert contains_term(f"the resettle{char}ment of refugees", "resettlement")


# --- Russian layout ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, english, vocabulary",
    [
        ("чутщзрщишф", "xenophobia", ["improve"]),
        ("шьзкщму", "improve", ["improve"]),
        ("шьзкщму", "improve", []),
        ("пщщв", "good", ["improve"]),
        ("ыефеуы", "states", ["provision"]),
        ("вщтэе", "don't", ["do not"]),
        ("ьфтн ыефеуы", "many states", ["improve"]),
    ],
)
def test_english_typed_on_the_russian_layout_is_a_layout_slip(typed, english, vocabulary):
    problem = input_problem(typed, vocabulary=vocabulary)
    assert problem is not None and problem.code == "wrong_layout" and problem.detail == english


@pytest.mark.parametrize(
    "typed, vocabulary",
    [
        ("беженец", ["refugee"]),
        ("мигранты", ["migrants"]),
        ("развитие", ["development"]),
        ("беженец", []),
        ("мигранты", []),
        ("развитие", []),
        ("государства приняли законы", ["improve"]),
        ("Дунай берёт начало в Германии", []),
    ],
)
def test_russian_words_still_need_english(typed, vocabulary):
    problem = input_problem(typed, vocabulary=vocabulary)
    assert problem is not None and problem.code == "not_english"


def test_looks_english():
    assert looks_english("xenophobia") and looks_english("the states don't improve")
    assert not looks_english("vbuhfyns") and not looks_english("hfpdbnbt") and not looks_english(",tutytw")
    assert not looks_english("") and not looks_english("123")


# --- naming a term from the model answer ---------------------------------------------------


def test_find_term_gives_the_words_as_written():
    assert find_term("Good practices and tolerance.", "practi*") == "practices"
    found = find_term("IOM supports information campaigns for migrants", "information campaign*")
    assert found == "information campaigns"
    assert find_term("States put in place anti-trafficking laws.", "traffick*") == "trafficking"
    assert find_term("States put in place antitrafficking laws.", "anti-trafficking") == "antitrafficking"
    assert find_term("The labour force", "labor") == "labour"
    assert find_term("Nothing here", "practi*") == ""
