"""`lessonkit export csv`: the Quizlet glossaries and the answer sheet, read back with pandas
and compared with the data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import yaml

from lessonkit.cli import main
from lessonkit.content.kinds import answer_text, kind_of
from lessonkit.content.load import load_course
from lessonkit.publish.export_csv import ANSWER_SHEET, HEADER, export_csv


def read_sheet(path: Path) -> pd.DataFrame:
    # Every cell as the text written: "TRUE" or "10" must not turn into a bool or a number.
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_glossary(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)


def test_one_quizlet_file_per_text_with_every_term_and_its_contextual_translation(course, tmp_path: Path) -> None:
    done = export_csv(course, tmp_path / "out")
    for ref in course.map.texts:
        entries = course.glossaries[ref.id].entries
        path = tmp_path / "out" / f"glossary-{ref.id}.tsv"
        assert path in done.paths
        table = read_glossary(path)
        assert table.shape == (len(entries), 2)  # no header line: Quizlet would make it a card
        assert list(table[0]) == [" ".join(e.term.split()) for e in entries]
        assert list(table[1]) == [" ".join(e.contextual.split()) for e in entries]
        assert pd.read_csv(path, sep="\t", header=None).shape == (len(entries), 2)  # as the brief reads it
    assert done.counts["glossary terms"] == sum(len(g.entries) for g in course.glossaries.values())


def test_the_answer_sheet_has_one_row_per_item_with_its_key_in_course_order(course, tmp_path: Path) -> None:
    done = export_csv(course, tmp_path / "out")
    sheet = read_sheet(tmp_path / "out" / ANSWER_SHEET)
    items = sum(len(exercise.items) for _lesson, exercise in course.all_exercises())
    assert list(sheet.columns) == list(HEADER)
    assert len(sheet) == items == done.counts["answer rows"]
    rows = {(row.lesson, row.exercise, int(row.item)): row for row in sheet.itertuples(index=False)}
    assert len(rows) == items
    for lesson_id, exercise in course.all_exercises():
        for n, item in enumerate(exercise.items):
            row = rows[(lesson_id, exercise.id, n + 1)]
            assert row.key == answer_text(exercise, n)
            assert row.kind == kind_of(exercise).name_en
            for evidence in item.evidence:
                assert f"«{evidence.quote}» ({evidence.paragraph})" in row.evidence
    # Lessons in the course map's order; in a lesson, the exercises in the order its page shows them.
    lessons = list(dict.fromkeys(sheet["lesson"]))
    assert lessons == [ref.id for ref in course.map.lessons]
    for lesson_id in lessons:
        assert list(dict.fromkeys(sheet[sheet["lesson"] == lesson_id]["exercise"])) == course.lessons[lesson_id].page_order


def test_accepted_variants_are_listed_where_the_kind_has_them(mini, tmp_path: Path) -> None:
    export_csv(mini, tmp_path)
    sheet = read_sheet(tmp_path / ANSWER_SHEET).set_index(["exercise", "item"])
    assert sheet.loc[("RIV1-07", "2"), "accepted variants"] == "Schwarzwald"  # a gap-fill's `accept`
    assert sheet.loc[("RIV1-07", "1"), "accepted variants"] == ""
    row = sheet.loc[("RIV1-12", "2")]  # a table row: named by its column
    assert row["key"] == "number or place: the Black Forest"
    assert row["accepted variants"] == "number or place: Black Forest | Germany"
    assert sheet.loc[("RIV1-09", "1"), "accepted variants"] == "key terms: (grain / wheat) + (steel)"
    assert sheet.loc[("RIV1-03", "2"), "key"] == "NOT GIVEN"
    assert sheet.loc[("RIV1-01", "1"), "accepted variants"] == ""
    assert sheet.loc[("RIV1-01", "1"), "evidence"] == "«It rises in the Black Forest in Germany.» (R-01)"
    # The item's own words say what a key answers; a table row's are its given cells.
    assert sheet.loc[("RIV1-01", "1"), "prompt"] == " ".join(mini.lessons["RIV-1"].exercise("RIV1-01").items[0].prompt.split())
    assert sheet.loc[("RIV1-12", "1"), "prompt"] == "fact: countries the Danube flows through"


def test_commas_quotes_tabs_and_line_breaks_survive(mini_copy: Path, tmp_path: Path) -> None:
    data = mini_copy / "data"
    text_file, lesson_file, glossary_file = data / "texts" / "riv.yml", data / "lessons" / "riv-1.yml", data / "glossary" / "riv.yml"
    text = yaml.safe_load(text_file.read_text(encoding="utf-8"))
    text["paragraphs"][1]["text"] += ' Tolls are "fair", low, and paid once.'
    text_file.write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    lesson = yaml.safe_load(lesson_file.read_text(encoding="utf-8"))
    task = next(exercise for exercise in lesson["exercises"] if exercise["id"] == "RIV1-11")
    model_answer = 'The Danube, "Europe\'s river", rises in Germany;\nbarges carry grain, steel.'
    task["items"][0]["model_answer"] = model_answer
    task["items"][0]["evidence"] = [{"paragraph": "R-02", "quote": 'Tolls are "fair",\nlow'}]
    lesson_file.write_text(yaml.safe_dump(lesson, allow_unicode=True), encoding="utf-8")
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    glossary["entries"][0]["contextual"] = "баржа\t(грузовое,\n судно)"  # a quoted YAML string may hold a tab
    glossary_file.write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")

    course = load_course(data)
    export_csv(course, tmp_path / "out")
    sheet = read_sheet(tmp_path / "out" / ANSWER_SHEET).set_index(["exercise", "item"])
    assert sheet.loc[("RIV1-11", "1"), "key"] == model_answer
    assert sheet.loc[("RIV1-11", "1"), "evidence"] == '«Tolls are "fair",\nlow» (R-02)'
    assert len(sheet) == sum(len(exercise.items) for _lesson, exercise in course.all_exercises())
    lines = (tmp_path / "out" / "glossary-riv.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "barge\tбаржа (грузовое, судно)"  # one line, one card
    assert len(lines) == len(course.glossaries["riv"].entries)


def test_the_folder_is_made_and_old_files_replaced(mini, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    done = export_csv(mini, out)
    assert {path.name for path in done.paths} == {"glossary-riv.tsv", ANSWER_SHEET}
    (out / ANSWER_SHEET).write_text("old", encoding="utf-8")
    export_csv(mini, out)
    assert (out / ANSWER_SHEET).read_text(encoding="utf-8").startswith(",".join(HEADER))
    assert sorted(path.name for path in out.iterdir()) == sorted(path.name for path in done.paths)


def test_the_command_writes_the_files(mini, mini_root: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["--data", str(mini_root / "data"), "export", "csv", str(out)]) == 0
    assert (out / "glossary-riv.tsv").is_file() and (out / ANSWER_SHEET).is_file()
    items = sum(len(exercise.items) for _lesson, exercise in mini.all_exercises())
    assert f"{items} answer rows" in capsys.readouterr().out


def test_the_command_summary_counts_in_words():
    from lessonkit.publish.export_result import Exported

    assert Exported((), {"decks": 1, "categories": 1, "notes": 2}).summary() == "1 deck, 1 category, 2 notes"
