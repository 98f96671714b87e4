"""`python -m lessonkit check` on broken data: one clear line per problem, no traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from lessonkit.cli import main

LESSON = "data/lessons/riv-1.yml"
LESSON2 = "data/lessons/riv-2.yml"  # reads R-03 after RIV-1 and re-reads R-01
LESSON3 = "data/lessons/riv-3.yml"  # a capstone: no plan point, re-reads, a speaking task
TEXT = "data/texts/riv.yml"
GLOSSARY = "data/glossary/riv.yml"
COURSE = "data/course.yml"


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def exercise(data: dict, n: int) -> dict:
    return data["exercises"][n - 1]


def route(data: dict, name: str, n: int) -> dict:
    """Step n (from 1) of a route of the lesson's workshop plan."""
    return data["teacher"]["routes"][name][n - 1]


def material(data: dict, material_id: str) -> dict:
    return next(m for m in data["materials"] if m["id"] == material_id)


def lesson_entry(data: dict, lesson_id: str) -> dict:
    return next(entry for entry in data["lessons"] if entry["id"] == lesson_id)


BROKEN: list[tuple[str, str, Callable[[Path], None], list[str]]] = [
    ("missing key", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 1)["items"][0].pop("answer")),
     [LESSON, "RIV1-01", "answer", "field required", "add the field"]),
    ("key not among the options", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 1)["items"][0].update(answer="Poland")),
     [LESSON, "RIV1-01", "'Poland' is not among the options", "make it one of them"]),
    ("unknown paragraph id", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 2)["items"][0]["evidence"][0].update(paragraph="R-09")),
     [LESSON, "RIV1-02", "unknown paragraph id R-09", "use an id from data/texts/"]),
    ("evidence quote not in the passage", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 2)["items"][0]["evidence"][0].update(quote="barges carry coal")),
     [LESSON, "RIV1-02", "evidence quote not in paragraph R-02", "'barges carry coal'", "copy the words exactly"]),
    ("duplicate exercise id", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 2).update(id="RIV1-01")),
     [LESSON, "RIV1-01", "duplicate exercise id"]),
    ("unknown exercise kind", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 3).update(kind="crossword")),
     [LESSON, "RIV1-03", "unknown exercise kind 'crossword'", "use one of the exercise kinds"]),
    ("malformed YAML", LESSON, lambda p: p.write_text("lesson: RIV-1\ngoals: [unclosed\n  - x: : y\n", encoding="utf-8"),
     [LESSON, "malformed YAML at line", "check the indentation"]),
    ("wrong field type", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["timing"][0].update(minutes="half an hour")),
     [LESSON, "teacher.timing", "minutes", "write a whole number"]),
    ("accepted example the checker rejects", LESSON,
     lambda p: edit_yaml(p, lambda d: exercise(d, 10)["items"][0].update(examples={"accept": ["The Danube has its source in Germany."]})),
     [LESSON, "RIV1-10", "item 1: example 'The Danube has its source in Germany.' should pass; the checker said wrong",
      "missing the idea of", "widen the key terms"]),
    ("rejected example the checker accepts", LESSON,
     lambda p: edit_yaml(p, lambda d: exercise(d, 7)["items"][0].update(examples={"reject": ["route"]})),
     [LESSON, "RIV1-07", "item 1: example 'route' should fail; the checker said right"]),
    ("typed item without enough examples", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 9)["items"][0].pop("examples")),
     [LESSON, "RIV1-09", "item 1: 0 accepted and 0 rejected examples; give at least 5 and 3", "add learner answers"]),
    ("timing plan off the workshop length", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["timing"][0].update(minutes=45)),
     [LESSON, "teacher.timing", "adds up to 45 minutes but course.yml gives the workshop 30"]),
    ("self-study time below the core estimate", COURSE, lambda p: edit_yaml(p, lambda d: d["lessons"][0].update(self_study_minutes=10)),
     [COURSE, "RIV-1", "self_study_minutes is 10 but the core takes about 14 minutes", "everything: about 24",
      "mark exercises `part: optional` in lessons/riv-1.yml, or state the honest time (self_study_minutes: 15)"]),
    ("exercise not marked core or optional", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 2).pop("part")),
     [LESSON, "RIV1-02", "part: field required", "write `part: core`", "or `part: optional`", "after `kind:`"]),
    ("part neither core nor optional", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 2).update(part="extra")),
     [LESSON, "RIV1-02", "part: input should be 'core' or 'optional'", "write `part: core`"]),
    # read before use: RIV-1 may not refer to R-03, which a learner first reads in RIV-2
    ("re-read of a paragraph read later", LESSON, lambda p: edit_yaml(p, lambda d: d["sections"][0].update(reread=["R-03"])),
     [LESSON, "section 'Reading'", "refers to R-03, which a learner first reads in RIV-2, later in the course",
      "order RIV-2 before this lesson in data/course.yml, or build the item on a paragraph read by now"]),
    ("evidence from a paragraph read later", LESSON,
     lambda p: edit_yaml(p, lambda d: exercise(d, 2)["items"][0]["evidence"].append({"paragraph": "R-03", "quote": "flows into the North Sea"})),
     [LESSON, "RIV1-02", "refers to R-03, which a learner first reads in RIV-2, later in the course"]),
    ("paragraph range in an instruction reaching a later paragraph", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 1).update(instruction="Scan R-01–03, then choose.")),
     [LESSON, "RIV1-01", "refers to R-03, which a learner first reads in RIV-2"]),
    ("teacher note naming a later paragraph", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"].update(notes=["Preview the Rhine (R-03)."])),
     [LESSON, "teacher.notes", "refers to R-03, which a learner first reads in RIV-2"]),
    ("lessons out of order in the course map", COURSE, lambda p: edit_yaml(p, lambda d: d["lessons"].reverse()),
     [LESSON2, "section 'Re-read the Danube'", "refers to R-01, which a learner first reads in RIV-1, later in the course",
      "order RIV-1 before this lesson in data/course.yml"]),
    ("empty text", TEXT, lambda p: edit_yaml(p, lambda d: d["paragraphs"][0].update(text="   ")),
     [TEXT, "R-01", "text", "must not be empty"]),
    ("empty file", GLOSSARY, lambda p: p.write_text("", encoding="utf-8"),
     [GLOSSARY, "the file is empty"]),
    ("misspelt field", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 4).update(hnit="typo")),
     [LESSON, "RIV1-04", "hnit", "remove the field or correct its spelling"]),
    ("judgement outside the scale", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 3)["items"][0].update(answer="maybe")),
     [LESSON, "RIV1-03", "answer", "'true', 'false' or 'not_given'"]),
    ("gap without a blank", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 7)["items"][0].update(text="no gap here")),
     [LESSON, "RIV1-07", "exactly one gap written as ___"]),
    ("ordering key not a permutation", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 6)["items"][0].update(answer=["B", "B"])),
     [LESSON, "RIV1-06", "must list every segment label"]),
    ("model answer fails its own key terms", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 10)["items"][0].update(model_answer="The river begins in Austria.")),
     [LESSON, "RIV1-10", "the key is not accepted by its own checker"]),
    ("glossary sentence not in the paragraph", GLOSSARY, lambda p: edit_yaml(p, lambda d: d["entries"][0].update(sentence="Barges are slow.")),
     [GLOSSARY, "barge", "the sentence is not in paragraph R-02"]),
    ("glossary mark not in the sentence", GLOSSARY, lambda p: edit_yaml(p, lambda d: d["entries"][1].update(mark="flows")),
     [GLOSSARY, "rise", "the marked form 'flows' is not in the sentence"]),
    ("duplicate paragraph id", TEXT, lambda p: edit_yaml(p, lambda d: d["paragraphs"][1].update(id="R-01")),
     ["R-01", "duplicate paragraph id"]),
    ("edit that does not match the text", TEXT, lambda p: edit_yaml(p, lambda d: d["paragraphs"][1].update(edits=[{"original": "a route", "corrected": "a road", "reason": "test"}])),
     [TEXT, "R-02", "the corrected words 'a road' occur 0 times"]),
    ("exercise shown in no section", LESSON, lambda p: edit_yaml(p, lambda d: d["sections"][1]["exercises"].remove("RIV1-11")),
     [LESSON, "RIV1-11", "shown in 0 sections"]),
    ("section names a missing exercise", LESSON, lambda p: edit_yaml(p, lambda d: d["sections"][1]["exercises"].append("RIV1-13")),
     [LESSON, "RIV1-13", "does not exist"]),
    ("lesson file missing", COURSE, lambda p: edit_yaml(p, lambda d: d["lessons"][0].update(file="lessons/nowhere.yml")),
     ["data/lessons/nowhere.yml", "the file does not exist"]),
    ("paragraph read in no lesson", LESSON, lambda p: edit_yaml(p, lambda d: d["sections"][0]["paragraphs"].remove("R-02")),
     [COURSE, "R-02", "belongs to plan point 1 (RIV-1) but is read in no lesson"]),
    ("exercise id with the wrong prefix", LESSON, lambda p: edit_yaml(p, lambda d: (exercise(d, 5).update(id="ABC1-05"), d["sections"][0]["exercises"].__setitem__(4, "ABC1-05"))),
     [LESSON, "ABC1-05", "does not start with the lesson code RIV1-"]),
    # workshop plans: two routes that add up, materials that exist and are used
    ("in-class route off the workshop length", LESSON, lambda p: edit_yaml(p, lambda d: route(d, "in_class", 1).update(minutes=15)),
     [LESSON, "teacher.routes.in_class", "the in-class route adds up to 40 minutes but course.yml gives the workshop 30",
      "make its steps' minutes add up to workshop_minutes, or change workshop_minutes in data/course.yml"]),
    ("flipped route off the workshop length", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["routes"]["flipped"].pop()),
     [LESSON, "teacher.routes.flipped", "the flipped route adds up to 25 minutes but course.yml gives the workshop 30"]),
    ("a step names a material that does not exist", LESSON, lambda p: edit_yaml(p, lambda d: route(d, "flipped", 2).update(materials=["riv1-gird"])),
     [LESSON, "teacher.routes.flipped step 2", "names material 'riv1-gird', which the lesson does not have",
      "add it under `materials:` in this file, or correct the id (use one of: riv1-cargo, riv1-grid"]),
    ("a material no step uses", LESSON, lambda p: edit_yaml(p, lambda d: route(d, "flipped", 4).pop("materials")),
     [LESSON, "material riv1-handout", "no step of either route uses this material", "name it in a step's `materials` under teacher.routes, or remove it"]),
    ("two materials with one id", LESSON, lambda p: edit_yaml(p, lambda d: material(d, "riv1-phrases").update(id="riv1-roles")),
     [LESSON, "material riv1-roles", "2 materials have this id", "give each material its own id"]),
    ("unknown material kind", LESSON, lambda p: edit_yaml(p, lambda d: material(d, "riv1-cargo").update(kind="poster")),
     [LESSON, "riv1-cargo", "unknown material kind 'poster'", "use one of the material kinds: role_cards, card_sort, language_bank, jigsaw_grid, handout"]),
    ("a card in no category", LESSON, lambda p: edit_yaml(p, lambda d: material(d, "riv1-cargo")["cards"][0].update(category="cargo")),
     [LESSON, "riv1-cargo", "cards name categories ['cargo'] that are not in `categories`", "add them or correct the card"]),
    ("a role card without points", LESSON, lambda p: edit_yaml(p, lambda d: material(d, "riv1-roles")["roles"][0].update(points=[])),
     [LESSON, "riv1-roles", "role 1.points: list should have at least 1 item", "add the missing entries"]),
    ("unknown interaction", LESSON, lambda p: edit_yaml(p, lambda d: route(d, "in_class", 2).update(interaction="individual → trios")),
     [LESSON, "teacher.routes.in_class step 2.interaction", "unknown interaction 'trios'", "use T–Ss, Ss–T, individual, pairs, groups"]),
    ("a plan with neither timing nor routes", LESSON, lambda p: edit_yaml(p, lambda d: (d["teacher"].pop("timing"), d["teacher"].pop("routes"))),
     [LESSON, "teacher", "the plan has neither `timing` nor `routes`", "give `routes` (in_class and flipped) or a `timing` list"]),
    ("a rubric criterion with levels and a descriptor", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["rubric"][0].update(descriptor="Both.")),
     [LESSON, "teacher.rubric criterion 1", "the criterion has both `levels` and a `descriptor`", "keep one of them"]),
    ("a rubric marking an exercise that is no open task", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["rubric"][0].update(tasks=["RIV1-09"])),
     [LESSON, "teacher.rubric", "the criterion 'Content' marks RIV1-09, which is not a writing or speaking task (open_task) of this lesson",
      "name one of ['RIV1-11'], or remove it"]),
    ("a rubric criterion with neither levels nor a descriptor", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["rubric"][0].pop("levels")),
     [LESSON, "the criterion has neither `levels` nor a `descriptor`", "give `levels`"]),
    ("rubric levels that repeat their points", LESSON, lambda p: edit_yaml(p, lambda d: d["teacher"]["rubric"][0]["levels"][1].update(points=2)),
     [LESSON, "levels repeat points [2]", "give each level its own points"]),
    ("a jigsaw row with a column the grid does not have", LESSON, lambda p: edit_yaml(p, lambda d: material(d, "riv1-grid")["rows"][0].update(colour="blue")),
     [LESSON, "row 1 has columns ['colour'] that are not in `columns`", "use the names in `columns`"]),
    ("a writing task whose word limits are the wrong way round", LESSON,
     lambda p: edit_yaml(p, lambda d: exercise(d, 11)["items"][0].update(min_words=50, max_words=10)),
     [LESSON, "RIV1-11", "max_words 10 is below min_words 50", "swap them"]),
    # production tasks: speaking needs its times, writing has none
    ("speaking task without its times", LESSON3, lambda p: edit_yaml(p, lambda d: exercise(d, 1)["items"][0].pop("speak_minutes")),
     [LESSON3, "RIV3-01", "a speaking task needs `prepare_minutes` and `speak_minutes`", "add both"]),
    ("writing task with a speaking time", LESSON, lambda p: edit_yaml(p, lambda d: exercise(d, 11)["items"][0].update(prepare_minutes=3)),
     [LESSON, "RIV1-11", "prepare_minutes is only for speaking tasks", "remove it, or set `mode: speaking`"]),
    ("a timed re-read of a paragraph this lesson reads first", LESSON2,
     lambda p: edit_yaml(p, lambda d: d["sections"][0].update(timed_reread={"paragraphs": ["R-03"], "minutes": 2})),
     [LESSON2, "section 'Re-read the Danube'", "the timed re-read lists R-03, which this lesson reads for the first time",
      "re-read paragraphs of an earlier lesson"]),
    ("a timed re-read of an unknown paragraph", LESSON2,
     lambda p: edit_yaml(p, lambda d: d["sections"][0].update(timed_reread={"paragraphs": ["R-09"], "minutes": 2})),
     [LESSON2, "R-09", "names an unknown paragraph id"]),
    ("a Russian self-check list of another length", LESSON2,
     lambda p: edit_yaml(p, lambda d: exercise(d, 2)["items"][0].update(checklist_ru=["Я писал по-русски."])),
     [LESSON2, "RIV2-02", "checklist_ru has 1 points and checklist 3", "give the same points in the same order"]),
    ("answer language neither en nor ru", LESSON2, lambda p: edit_yaml(p, lambda d: exercise(d, 2)["items"][0].update(answer_lang="de")),
     [LESSON2, "RIV2-02", "answer_lang: input should be 'en' or 'ru'"]),
    # capstones: no plan point, a title, nothing new read
    ("capstone with a plan point", COURSE, lambda p: edit_yaml(p, lambda d: lesson_entry(d, "RIV-3").update(plan_point=2)),
     [COURSE, "RIV-3", "a capstone belongs to no plan point", "remove `plan_point`"]),
    ("capstone without a title", COURSE, lambda p: edit_yaml(p, lambda d: lesson_entry(d, "RIV-3").pop("title")),
     [COURSE, "RIV-3", "a capstone has no plan point to take its title from", "add `title`"]),
    ("plan-point lesson without its plan point", COURSE, lambda p: edit_yaml(p, lambda d: lesson_entry(d, "RIV-2").pop("plan_point")),
     [COURSE, "RIV-2", "plan_point: field required", "add the field, or mark the lesson `capstone: true`"]),
    ("capstone reading a new paragraph", LESSON3, lambda p: edit_yaml(p, lambda d: d["sections"][1].update(paragraphs=["R-02"])),
     [COURSE, "RIV-3", "the capstone reads R-02 as new paragraphs", "list the ids under `reread`"]),
    ("two lessons for one plan point", COURSE, lambda p: edit_yaml(p, lambda d: (lesson_entry(d, "RIV-3").update(capstone=False, text="riv", plan_point=2))),
     [COURSE, "RIV-3", "plan point 2 of riv already has lesson RIV-2", "a lesson that draws on several is a capstone"]),
    # two gap items on one sentence give each other away
    ("two gap items built on one sentence", LESSON,
     lambda p: edit_yaml(p, lambda d: exercise(d, 8)["items"][0].update(
         text="an ___ transport route", base="IMPORTANCE", answer="important",
         examples={"accept": ["important"], "reject": ["importance", "importantly"]},
         evidence=[{"paragraph": "R-02", "quote": "an important transport route"}])),
     [LESSON, "RIV1-07, RIV1-08", "RIV1-07 item 1 and RIV1-08 item 1 are built on the same sentence of the text",
      "both quote R-02: “an important transport route”", "build one of them on another sentence"]),
    ("not a mapping", TEXT, lambda p: p.write_text("- just\n- a list\n", encoding="utf-8"),
     [TEXT, "must hold a mapping"]),
    ("not UTF-8", TEXT, lambda p: p.write_bytes("id: riv\ntitle: R\xe9\n".encode("latin-1")),
     [TEXT, "cannot be read", "save it as UTF-8"]),
]


@pytest.mark.parametrize("case, relpath, breaks, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_file_is_reported_clearly(mini_copy, capsys, case, relpath, breaks, expected):
    breaks(mini_copy / relpath)
    code = main(["--data", str(mini_copy / "data"), "check"])
    out = capsys.readouterr().out
    assert code == 1
    line = next((line for line in out.splitlines() if all(part in line for part in expected)), None)
    assert line is not None, f"no line with {expected} in:\n{out}"
    assert " — " in line  # what is wrong, then what to do
    assert "Traceback" not in out


def test_valid_data_exits_zero(mini_copy, capsys):
    assert main(["--data", str(mini_copy / "data"), "check"]) == 0
    assert "data OK" in capsys.readouterr().out


def test_several_problems_are_all_listed(mini_copy, capsys):
    for _case, relpath, breaks, _ in BROKEN[:3]:
        breaks(mini_copy / relpath)
    main(["--data", str(mini_copy / "data"), "check"])
    out = capsys.readouterr().out
    assert "RIV1-01" in out and "R-09" in out


def test_command_line_never_shows_a_traceback(mini_copy):
    (mini_copy / LESSON).write_text("exercises: [{kind: 5}]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "lessonkit", "--data", str(mini_copy / "data"), "check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert LESSON in result.stdout


def test_timeline_quote_and_table_shape_are_checked(mini_copy, capsys):
    edit_yaml(mini_copy / "data/timeline.yml", lambda d: d["events"][0].update(quote="barges carry coal"))
    edit_yaml(mini_copy / LESSON, lambda d: exercise(d, 12)["items"][0].update(cells={}))
    assert main(["--data", str(mini_copy / "data"), "check"]) == 1
    out = capsys.readouterr().out
    assert "data/timeline.yml: 1800s Danube: the quote 'barges carry coal' is not in paragraph R-02" in out
    assert "RIV1-12: row 1 has columns ['number or place'] but the table has ['fact', 'number or place']" in out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("lesson: RIV-1\nlesson: RIV-2\n", ["the key 'lesson' is written twice in one mapping; keep one", "line 2"]),
        ("lesson: RIV-1\nx: &a [1, 2]\ny: *a\n", ["an alias (*name) repeats a value"]),
        ("lesson: RIV-1\n" + "".join(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9 if n else ["lol"] * 9) + "]\n" for n in range(9)),
         ["an alias (*name) repeats a value"]),
    ],
    ids=["duplicate key", "alias", "alias bomb"],
)
def test_yaml_that_hides_a_mistake_gets_one_clear_line(mini_copy, capsys, text, expected):
    (mini_copy / LESSON).write_text(text, encoding="utf-8")
    assert main(["--data", str(mini_copy / "data"), "check"]) == 1
    out = capsys.readouterr().out
    assert all(part in out for part in expected) and LESSON in out and "Traceback" not in out


def test_an_impossible_date_is_kept_as_the_authors_words(mini_copy, capsys):
    """`when: 2012-02-30` unquoted: YAML would build a date and raise; course data keeps text."""
    path = mini_copy / "data" / "timeline.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('when: "1800s"', "when: 2012-02-30"), encoding="utf-8")
    assert main(["--data", str(mini_copy / "data"), "check"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_fifo_in_place_of_a_data_file_is_reported_not_waited_on(mini_copy, capsys):
    import os

    path = mini_copy / LESSON
    path.unlink()
    os.mkfifo(path)
    assert main(["--data", str(mini_copy / "data"), "check"]) == 1
    assert f"{LESSON}: it is not a regular file" in capsys.readouterr().out


def test_an_unreadable_text_is_the_one_cause_printed(mini_copy, capsys):
    (mini_copy / TEXT).write_bytes(b"\xff\xfe not UTF-8")
    assert main(["--data", str(mini_copy / "data"), "check"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert lines[0].startswith(f"{TEXT}: the file cannot be read") and len(lines) <= 3


def test_outside_a_course_folder_the_message_names_where_it_looked(tmp_path, monkeypatch, capsys):
    """No quiet fallback to another course: the learner or author is told where to point."""
    from lessonkit.content.load import find_data_dir

    monkeypatch.delenv("LESSONKIT_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_data_dir() == tmp_path / "data"
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'data' / 'course.yml'}: no course here" in out and "LESSONKIT_DATA" in out


def test_lessonkit_data_names_a_second_course(mini_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LESSONKIT_DATA", str(mini_copy / "data"))
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert "data OK: 3 lessons" in capsys.readouterr().out


def test_learners_pages_read_the_course_without_judging_the_authors_examples(mini_copy):
    """The progress page and the trainer load the whole course quickly: examples are the
    authors' check (`lessonkit check`), not something a learner waits for."""
    from lessonkit.content.load import DataError, load_course

    edit_yaml(mini_copy / LESSON, lambda d: exercise(d, 10)["items"][0].update(examples={"accept": ["The Danube has its source in Germany."]}))
    with pytest.raises(DataError) as raised:
        load_course(mini_copy / "data")
    assert any("RIV1-10" in str(problem) for problem in raised.value.problems)
    course = load_course(mini_copy / "data", examples=False)
    assert "RIV-1" in course.lessons
