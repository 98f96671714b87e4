"""`lessonkit export moodle OUT`: the Moodle XML question bank.

The bank is read back as Moodle's importer would read it: the XML parsed, the HTML in a
`<text>` unescaped, a cloze's embedded answers split at their separators. The counts come
from the data: one question per item, except that a matching exercise is one question
(its pairs are the subquestions of one Moodle matching question; see `export_moodle`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from lessonkit.cli import main
from lessonkit.content.load import load_course
from lessonkit.publish.export_moodle import FILE_NAME, export_moodle
from lessonkit.publish.moodle_questions import FRACTIONS
from lessonkit.views.i18n import say

COMMON = {"name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden"}
FEEDBACK = {"correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"}
# What Moodle's XML import reads for each type (question/format/xml/format.php).
REQUIRED = {
    "multichoice": COMMON | FEEDBACK | {"single", "shuffleanswers", "answernumbering", "answer"},
    "shortanswer": COMMON | {"usecase", "answer"},
    "matching": COMMON | FEEDBACK | {"shuffleanswers", "subquestion"},
    "cloze": COMMON,
    "essay": COMMON | {"responseformat", "responserequired", "responsefieldlines", "attachments",
                       "attachmentsrequired", "graderinfo", "responsetemplate"},
}
HTML_FIELDS = ("questiontext", "generalfeedback", "graderinfo", *sorted(FEEDBACK))
# Moodle's own cloze grammar (question/type/multianswer/questiontype.php): an answer ends at a
# `~`, `#` or `}` unless `\\`, `&` or `&amp;` stands right before it.
ALTERNATIVE = r"(=|%(-?[0-9]+(?:[.,][0-9]*)?)%)?(.+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$))(#(.*?(?<!\\)(?=[~}]|$)))?"
BLANK = re.compile(r"\{([0-9]*):(MULTICHOICE|SHORTANSWER):(" + ALTERNATIVE + "(?:~" + ALTERNATIVE + r")*)\}", re.S)
NAME = re.compile(r"^(\S+) #(\d+) · ")
ALLOWED = {float(f) for f in FRACTIONS} | {-float(f) for f in FRACTIONS} | {0.0}


def export(course: Any, out: Path) -> tuple[ET.Element, dict[str, int]]:
    done = export_moodle(course, out)
    assert done.paths == (out / FILE_NAME,)
    return ET.parse(out / FILE_NAME).getroot(), done.counts


@pytest.fixture(scope="module")
def bank(course, tmp_path_factory) -> tuple[ET.Element, dict[str, int]]:
    return export(course, tmp_path_factory.mktemp("moodle"))


def questions(root: ET.Element) -> list[ET.Element]:
    return [q for q in root if q.get("type") != "category"]


def text(node: ET.Element, path: str) -> str:
    """A formatted field as the learner reads it: the XML's text, its HTML unescaped."""
    return html.unescape(node.findtext(f"{path}/text") or "")


def item_of(course: Any, node: ET.Element) -> tuple[Any, Any]:
    """The exercise and the item a question was made from, by its name ("IOM1-03 #2 · …")."""
    found = NAME.match(node.findtext("name/text") or "")
    assert found, node.findtext("name/text")
    exercise_id, number = found.groups()
    exercise = next(ex for _lesson, ex in course.all_exercises() if ex.id == exercise_id)
    return exercise, exercise.items[int(number) - 1]


def embedded(node: ET.Element) -> list[tuple[str, list[str], list[str]]]:
    """A cloze's blanks: (type, right answers, every answer), each answer as Moodle stores it."""
    found = []
    for blank in BLANK.finditer(node.findtext("questiontext/text") or ""):
        body, right, values = blank[3], [], []
        while alternative := re.match("~?" + ALTERNATIVE, body, re.S):
            # As Moodle stores it: HTML-decoded, `\}` and `\#` unescaped; `\*` is a star to a short answer.
            value = html.unescape(alternative[3]).replace("\\}", "}").replace("\\#", "#").replace("\\*", "*")
            values.append(value)
            if alternative[1] == "=":
                right.append(value)
            body = body[alternative.end():]
        assert not body, blank[0]
        found.append((blank[2], right, values))
    return found


# --- the shape Moodle needs -------------------------------------------------------------


@pytest.mark.parametrize("which", ["course", "mini"])
def test_every_question_has_the_fields_its_type_needs(which, request, tmp_path) -> None:
    root, _counts = export(request.getfixturevalue(which), tmp_path)
    assert root.tag == "quiz"
    kinds = set()
    for node in questions(root):
        kind = node.get("type", "")
        kinds.add(kind)
        missing = REQUIRED[kind] - {child.tag for child in node}
        assert not missing, f"{node.findtext('name/text')} ({kind}) lacks {sorted(missing)}"
        for field in HTML_FIELDS:
            if node.find(field) is not None:
                assert node.find(field).get("format") == "html" and node.find(f"{field}/text") is not None
        assert node.findtext("name/text") and node.findtext("questiontext/text")
    assert kinds == set(REQUIRED)  # both courses have every kind, so every Moodle type


def test_one_category_per_lesson_with_one_question_per_item(course, bank) -> None:
    root, counts = bank
    blocks: list[tuple[str, int]] = []
    for node in root:
        if node.get("type") == "category":
            blocks.append((node.findtext("category/text") or "", 0))
            assert node.find("info/text") is not None
        else:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + 1)
    expected = []
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        # A matching exercise is one question; any other exercise is one question per item.
        size = sum(1 if ex.kind == "matching" else len(ex.items) for ex in lesson.exercises)
        expected.append((f"$course$/top/{course.map.title}/{ref.id} {course.lesson_title(ref)}", size))
    assert blocks == expected
    assert counts["categories"] == len(course.map.lessons)
    assert counts["questions"] == len(questions(root)) == sum(size for _path, size in expected)
    for kind in REQUIRED:
        assert counts[kind] == sum(1 for q in questions(root) if q.get("type") == kind)


# --- the keys ---------------------------------------------------------------------------


def test_multichoice_fractions_are_moodle_values_that_add_up(course, bank) -> None:
    for node in questions(bank[0]):
        if node.get("type") != "multichoice":
            continue
        fractions = [float(a.get("fraction", "")) for a in node.findall("answer")]
        assert set(fractions) <= ALLOWED
        exercise, item = item_of(course, node)
        right = [text(a, ".") for a, f in zip(node.findall("answer"), fractions) if f > 0]
        if node.findtext("single") == "true":
            assert sorted(fractions, reverse=True)[:2] == [100.0, 0.0] and fractions.count(100.0) == 1
            assert right == [item.answer if exercise.kind == "single_choice" else say(item.answer, "en")]
        else:
            assert exercise.kind == "multiple_select" and right == item.answers
            assert round(sum(f for f in fractions if f > 0), 2) == 100  # Moodle's own check
            assert round(sum(fractions), 2) <= 0.01  # ticking every box earns nothing


def test_every_shortanswer_lists_every_accepted_variant(course, bank) -> None:
    seen = 0
    for node in questions(bank[0]):
        if node.get("type") == "shortanswer":
            _exercise, item = item_of(course, node)
            answers = [(a.findtext("text") or "").replace("\\*", "*") for a in node.findall("answer")]
            assert answers == list(dict.fromkeys([item.answer, *item.accept]))
            assert {a.get("fraction") for a in node.findall("answer")} == {"100"}
            seen += 1
    assert seen


def test_every_cloze_blank_parses_and_its_right_answers_are_the_key(course, bank) -> None:
    for node in questions(bank[0]):
        if node.get("type") != "cloze":
            continue
        exercise, item = item_of(course, node)
        blanks = embedded(node)
        source = node.findtext("questiontext/text") or ""
        assert "{" not in BLANK.sub("", source)  # no other text Moodle could take for a blank
        if exercise.kind == "gap_fill":
            assert blanks == [("MULTICHOICE", [item.answer], exercise.bank)]
        else:
            missing = [c for c in exercise.columns if c not in item.cells]
            assert blanks == [("SHORTANSWER", list(dict.fromkeys(item.blanks[c])), list(dict.fromkeys(item.blanks[c])))
                              for c in missing]
        assert node.findtext("defaultgrade") == str(len(blanks))


def test_matching_pairs_and_ordering_places(course, bank) -> None:
    for node in questions(bank[0]):
        if node.get("type") != "matching":
            continue
        pairs = [(text(s, "."), s.findtext("answer/text")) for s in node.findall("subquestion")]
        exercise_id = (node.findtext("name/text") or "").split(" ")[0]
        exercise = next(ex for _lesson, ex in course.all_exercises() if ex.id == exercise_id)
        if exercise.kind == "matching":
            assert pairs == [(i.left, i.answer) for i in exercise.items] + [("", d) for d in exercise.distractors]
            assert node.findtext("defaultgrade") == str(len(exercise.items))
        else:
            _exercise, item = item_of(course, node)
            assert pairs == [(f"<b>{label}</b> {part}", str(item.answer.index(label) + 1)) for label, part in sorted(item.segments.items())]


def test_essays_carry_the_model_answer_and_feedback_carries_the_evidence(course, bank) -> None:
    for node in questions(bank[0]):
        if node.get("type") == "matching" and not NAME.match(node.findtext("name/text") or ""):
            continue  # a whole matching exercise: checked above
        _exercise, item = item_of(course, node)
        general = text(node, "generalfeedback")
        assert item.explanation in general
        for evidence in item.evidence:
            assert f"«{evidence.quote}» ({evidence.paragraph})" in general
        if node.get("type") == "essay":
            first = item.model_answer.strip().splitlines()[0]
            assert first in text(node, "graderinfo") and first in general


# --- escaping, determinism, the command -------------------------------------------------

NASTY = "<b>A & B</b> \"quoted\" 'it's' {1:x} ~#=%/\\ }"


def test_a_key_with_markup_ampersands_quotes_and_cloze_signs_comes_back_intact(mini_copy, tmp_path) -> None:
    path = mini_copy / "data" / "lessons" / "riv-1.yml"
    lesson = yaml.safe_load(path.read_text(encoding="utf-8"))
    exercises = {ex["id"]: ex for ex in lesson["exercises"]}
    choice = exercises["RIV1-01"]["items"][0]
    choice["options"][1] = choice["answer"] = NASTY
    gap = exercises["RIV1-07"]["items"][0]  # a word bank: a cloze drop-down
    gap["answer"] = NASTY
    gap.pop("examples")
    formation = exercises["RIV1-08"]["items"][0]  # typed: a short answer, with a star in it
    formation["answer"], formation["accept"] = NASTY + "*", [NASTY]
    formation.pop("examples")
    row = exercises["RIV1-12"]["items"][0]  # a table row: a cloze short answer
    row["blanks"] = {"number or place": [NASTY, "ten &"]}  # an answer ending in & must still end there
    row.pop("examples")
    path.write_text(yaml.safe_dump(lesson, allow_unicode=True, sort_keys=False), encoding="utf-8")
    root, _counts = export(load_course(mini_copy / "data", examples=False), tmp_path)
    by_name = {node.findtext("name/text", "").split(" · ")[0]: node for node in questions(root)}

    single = by_name["RIV1-01 #1"]
    assert [text(a, ".") for a in single.findall("answer") if a.get("fraction") == "100"] == [NASTY]
    assert embedded(by_name["RIV1-07 #1"])[0][1] == [NASTY]
    short = by_name["RIV1-08 #1"]
    assert [a.findtext("text") for a in short.findall("answer")] == [NASTY + "\\*", NASTY]
    assert embedded(by_name["RIV1-12 #1"]) == [("SHORTANSWER", [NASTY, "ten &"], [NASTY, "ten &"])]
    for node in (single, by_name["RIV1-07 #1"], by_name["RIV1-12 #1"]):
        assert "<b>A" not in node.findtext("questiontext/text", "")  # data is never markup


def test_the_export_is_deterministic_and_replaces_the_file(course, tmp_path) -> None:
    export_moodle(course, tmp_path / "a")
    out = tmp_path / "b" / "new"
    out.mkdir(parents=True)
    (out / FILE_NAME).write_text("old", encoding="utf-8")
    export_moodle(course, out)
    assert (tmp_path / "a" / FILE_NAME).read_bytes() == (out / FILE_NAME).read_bytes()
    assert sorted(p.name for p in out.iterdir()) == [FILE_NAME]


def test_the_command_writes_the_bank(mini_root, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["--data", str(mini_root / "data"), "export", "moodle", str(out)]) == 0
    assert (out / FILE_NAME).is_file()
    printed = capsys.readouterr().out
    assert f"wrote {out / FILE_NAME}" in printed and "3 categories" in printed
