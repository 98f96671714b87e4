"""`lessonkit class-report`: a class's exports, made by driving the real lessons, read back
into one page; bad files skipped with their reasons; learners' text escaped.

The learners: Ana answers two lessons with the keys; Boris half of one lesson, with claims;
a learner with a hostile name and hostile answers; Dana, recorded through the pure update
functions; and a file in the format written before names and answers were stored.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
from datetime import datetime, timezone
from html.parser import HTMLParser

import pandas as pd
import pytest

from lessonkit.cli import main
from lessonkit.content.kinds import key_responses, kind_of
from lessonkit.learner import progress_updates as updates
from lessonkit.learner.progress import Progress, ProgressStore
from lessonkit.marking.answers import OpenResponse
from lessonkit.views.language import InterfaceLanguage
from lessonkit.views.progress_page import ProgressPage
from lessonkit.views.session import LessonSession

NOW = datetime(2026, 11, 26, 10, 15, tzinfo=timezone.utc)
HOSTILE_NAME = '<script>alert("name")</script> "&\''
HOSTILE = '<script>alert(1)</script> "&\''
WRONG_WORDS = ("Xylophone Players", "xylophone-players.")  # one wrong answer as the checker sees it, two spellings


# --- driving the lessons --------------------------------------------------------------------------


def browser(value):
    """A checker's input as the browser sends it."""
    if isinstance(value, OpenResponse):
        return {"text": value.text, "ticked": sorted(value.ticked)}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


def wrong_response(exercise, n: int, spec: dict, text: str = "an answer nobody expects"):
    """A response to item n that the checker marks wrong."""
    key = browser(key_responses(exercise)[n])
    control = spec["type"]
    if control in ("choice", "judgement", "select"):
        values = [o["value"] for o in spec["options"]] if "options" in spec else list(exercise.choices)
        return next(v for v in values if v != key)
    if control == "multi":
        first = [spec["options"][0]["value"]]
        return first if first != key else [spec["options"][1]["value"]]
    if control == "order":
        return list(reversed(key))
    if control == "open":
        return {"text": text + " " + " ".join(["word"] * 120), "ticked": []}
    if control == "row":
        return {column: text for column in key}
    return text


def work_through(store: ProgressStore, course, lesson_id: str, right) -> None:
    """Open the lesson and press Check on every exercise; `right(exercise, n)` decides each item,
    returning True (the key), False (a wrong answer) or a string to type."""
    session = LessonSession(course, lesson_id, store=store)
    for exercise in course.lessons[lesson_id].exercises:
        view = session.show(exercise.id)
        keys = key_responses(exercise)
        responses = []
        for n, spec in enumerate(view.spec["items"]):
            choice = right(exercise, n)
            if choice is True:
                responses.append(browser(keys[n]))
            elif choice is False:
                responses.append(wrong_response(exercise, n, spec))
            else:
                responses.append(wrong_response(exercise, n, spec, choice) if spec["type"] in ("open", "row") else choice)
        view.press("check", responses)
        if lesson_id == "IOM-1" and kind_of(exercise).claimable:
            for n, result in enumerate(view.result.items):
                if result.status == "wrong":
                    view.claim("self_credit", n)
                    view.claim("report", n)


def chosen_gap(course):
    """The first gap-fill exercise of IOM-1: its item 1 gets the same wrong answer from two learners."""
    return next(e for e in course.lessons["IOM-1"].exercises if e.kind == "gap_fill")


@pytest.fixture(scope="module")
def classroom(course, tmp_path_factory):
    """The five learners' files and eight bad ones, built once for the tests of this module."""
    folder = tmp_path_factory.mktemp("class")
    gap = chosen_gap(course)
    files = {}

    ana = ProgressStore(folder / "ana-progress.json", clock=lambda: NOW)
    ana.set_name("Ana")
    for lesson in ("IOM-1", "IOM-3"):
        work_through(ana, course, lesson, lambda e, n: True)
    files["ana"] = ana.export_to(folder / "my-progress-ana.json")

    boris = ProgressStore(folder / "boris-progress.json", clock=lambda: NOW)
    boris.set_name("Boris")
    order = {e.id: i for i, e in enumerate(course.lessons["IOM-1"].exercises)}
    work_through(boris, course, "IOM-1",
                 lambda e, n: WRONG_WORDS[0] if (e.id, n) == (gap.id, 0) else order[e.id] % 2 == 0)
    files["boris"] = boris.export_to(folder / "my-progress-boris.json")

    hostile = ProgressStore(folder / "hostile-progress.json", clock=lambda: NOW)
    hostile.set_name(HOSTILE_NAME)
    work_through(hostile, course, "IOM-1", lambda e, n: HOSTILE)
    work_through(hostile, course, "IOM-3", lambda e, n: n % 2 == 0)
    files["hostile"] = hostile.export_to(folder / "my-progress-x.json")

    # Dana: the pure update functions, as the store would apply them.
    from lessonkit.content.kinds import check

    dana = updates.set_name(Progress(), "Dana")
    for exercise in course.lessons["IOM-1"].exercises:
        responses = key_responses(exercise)
        if exercise.id == gap.id:
            responses[0] = WRONG_WORDS[1]
        result = check(exercise, responses)
        wrong = [n + 1 for n, item in enumerate(result.items) if item.status == "wrong"]
        dana = updates.record_check(dana, exercise.id, "IOM-1", result.score, result.total, wrong, NOW,
                                    updates.item_answers(result, responses))
    files["dana"] = folder / "dana.json"
    files["dana"].write_text(dana.model_dump_json(indent=1), encoding="utf-8")

    # Emil: a file from before names and answers were kept.
    first = course.lessons["IOM-2"].exercises[0]
    files["emil"] = folder / "emil-old.json"
    files["emil"].write_text(json.dumps({
        "schema_version": 1, "language": "en", "updated": "2026-11-20T09:00:00Z", "words": {},
        "exercises": {first.id: {"lesson": "IOM-2", "attempts": 2, "score": 1, "total": len(first.items), "best": 1,
                                 "last_checked": "2026-11-20T09:00:00Z", "missed_items": {"1": 2}, "claims": []}},
    }), encoding="utf-8")

    bad = {
        "empty": folder / "empty.json",
        "random": folder / "random.json",
        "list": folder / "list.json",
        "other": folder / "other-course.json",
        "huge": folder / "huge.json",
        "duplicate": folder / "my-progress-ana-again.json",
        "damaged": folder / "damaged.json",
        "missing": folder / "missing.json",
    }
    bad["empty"].write_bytes(b"")
    bad["random"].write_bytes(bytes(range(256)) * 8)
    bad["list"].write_text("[1, 2, 3]", encoding="utf-8")
    riv = updates.record_check(Progress(), "RIV1-01", "RIV-1", 1, 1, [], NOW)
    bad["other"].write_text(riv.model_dump_json(), encoding="utf-8")
    bad["huge"].write_bytes(b" " * (5 * 1024 * 1024 + 10))
    shutil.copy(files["ana"], bad["duplicate"])
    raw = files["ana"].read_bytes()
    bad["damaged"].write_bytes(raw[: len(raw) // 2])
    return folder, files, bad


REASONS = {
    "empty": "it is empty",
    "random": "it is not a progress file (not valid JSON text)",
    "list": "it is not a progress file (no fields at the top level)",
    "other": "is in this course: another course's file?",
    "huge": "it is larger than 5 MB",
    "duplicate": "the same learner and the same answers as my-progress-ana.json",
    "damaged": "it is not a progress file (not valid JSON text)",
    "missing": "it cannot be read",
}


# --- reading the page ------------------------------------------------------------------------------


class Page(HTMLParser):
    """The report's tables (rows of cell texts, by class), the most-missed list and the skipped list."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.missed: list[dict] = []
        self.skipped: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._list: str | None = None
        self._entry: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = attrs.get("class", "")
            self.tables.setdefault(self._table, [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("ol", "ul") and attrs.get("class") in ("missed", "skipped"):
            self._list = attrs["class"]
        elif tag == "li" and self._list:
            self._entry = {"text": [], "links": [], **{k: v for k, v in attrs.items() if k.startswith("data-")}}
        elif tag == "a" and self._entry is not None:
            self._entry["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "li" and self._entry is not None:
            self._entry["text"] = "".join(self._entry["text"])
            (self.missed if self._list == "missed" else self.skipped).append(self._entry)
            self._entry = None
        elif tag in ("ol", "ul"):
            self._list = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._entry is not None:
            self._entry["text"].append(data)


@pytest.fixture(scope="module")
def report(classroom, tmp_path_factory):
    folder, files, bad = classroom
    output = tmp_path_factory.mktemp("out") / "report.html"
    paths = [str(p) for p in [*files.values(), *bad.values()]]
    return output, paths


def run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def expected_scores(course, files) -> dict[str, dict[str, float]]:
    """Percentages right computed from the files themselves, per learner and lesson begun."""
    table = {}
    for label, path in files.items():
        records = json.loads(path.read_text(encoding="utf-8"))["exercises"]
        row = {}
        for ref in course.map.lessons:
            done = [records[e.id] for e in course.lessons[ref.id].exercises if e.id in records]
            if done:
                row[ref.id] = 100 * sum(r["score"] for r in done) / sum(r["total"] for r in done)
        table[label] = row
    return table


def test_the_class_report_page(course, classroom, report, capsys):
    folder, files, bad = classroom
    output, paths = report
    code, out, err = run(capsys, ["class-report", *paths, "-o", str(output)])
    assert code == 0, err
    assert f"wrote {output}: 5 learner(s), 8 file(s) skipped." in out
    html = output.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)

    # Nothing is scripted and nothing is fetched: one self-contained page.
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"<link|@import|url\(", html)
    # Learners' text is escaped, in the name and in the answers.
    assert HOSTILE_NAME not in html and HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &quot;&amp;&#x27;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#x27;" in html

    # The learner × lesson table: every figure as computed from the files, and the median.
    scores = page.tables["scores"]
    lessons = scores[0][1:]
    assert lessons == [ref.id for ref in course.map.lessons]
    labels = {"ana": "Ana", "boris": "Boris", "hostile": HOSTILE_NAME, "dana": "Dana", "emil": "emil-old.json"}
    rows = {row[0]: row[1:] for row in scores[1:]}
    expected = expected_scores(course, files)
    assert set(rows) == {*labels.values(), "Class median"}
    for key, label in labels.items():
        for lesson, cell in zip(lessons, rows[label]):
            if lesson in expected[key]:
                assert cell.startswith(f"{expected[key][lesson]:.0f}%"), (label, lesson, cell)
            else:
                assert cell == "—", (label, lesson, cell)
    assert rows["Ana"][0].startswith("100%") and rows["Ana"][1].startswith("100%")
    for lesson, cell in zip(lessons, rows["Class median"]):
        values = [expected[key][lesson] for key in labels if lesson in expected[key]]
        assert cell == (f"{statistics.median(values):.0f}%" if values else "—"), (lesson, cell)
    assert rows["Class median"][0] != "—"

    # Per item: the most common wrong answer of the chosen gap, grouped as the checker compares.
    gap = chosen_gap(course)
    items = {(row[0], row[1]): row for row in page.tables["items"] if row[0] != "Exercise"}
    row = items[(gap.id, "1")]
    assert row[5].startswith(f"«{WRONG_WORDS[0]}» (2)") or row[5].startswith(f"«{WRONG_WORDS[1]}» (2)"), row
    assert HOSTILE in row[5]  # the third learner's answer, escaped in the HTML, read back as text
    claimed = [r for r in items.values() if r[6]]
    assert claimed and all("(" in r[6] for r in claimed)  # self-credited answers, with how many learners
    assert any(HOSTILE in r[7] for r in items.values())  # "should be accepted", as the learner wrote it

    # The ten most missed: ranked, linked to their lesson, with exercise and paragraph shown.
    assert len(page.missed) == 10
    notebook_of = {e.id: ref.notebook for ref in course.map.lessons for e in course.lessons[ref.id].exercises}
    counts = []
    for entry in page.missed:
        exercise_id, item = entry["data-exercise"], int(entry["data-item"])
        assert entry["links"] == [f"notebooks/{notebook_of[exercise_id]}.ipynb"]
        exercise = next(e for _, e in course.all_exercises() if e.id == exercise_id)
        evidence = exercise.items[item - 1].evidence
        if evidence:
            assert f"paragraph {evidence[0].paragraph}" in entry["text"]
        assert f"exercise {exercise_id}, item {item}" in entry["text"]
        counts.append(int(re.search(r"not right in (\d+) of", entry["text"]).group(1)))
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    assert (page.missed[0]["data-exercise"], page.missed[0]["data-item"]) == (gap.id, "1")  # 3 learners missed it

    # Skipped files: each with its reason, on the terminal and in the page.
    skipped_text = "\n".join(e["text"] for e in page.skipped)
    for key, path in bad.items():
        line = next(line for line in err.splitlines() if line.startswith(f"{path}: skipped, "))
        assert REASONS[key] in line, line
        assert f"{path}: {line.split(': skipped, ', 1)[1]}" in skipped_text
    assert len(page.skipped) == len(bad)
    assert len(err.splitlines()) == len(bad)


def test_the_class_report_as_csv(course, classroom, report, capsys, tmp_path):
    folder, files, bad = classroom
    _output, paths = report
    code, out, err = run(capsys, ["class-report", "--csv", *paths, "-o", str(tmp_path / "week3.csv")])
    assert code == 0, err
    scores = pd.read_csv(tmp_path / "week3-scores.csv")
    items = pd.read_csv(tmp_path / "week3-items.csv")
    assert list(scores.columns) == ["learner", *(ref.id for ref in course.map.lessons)]
    assert scores["learner"].tolist() == ["Ana", "Boris", HOSTILE_NAME, "Dana", "emil-old.json", "class median"]
    expected = expected_scores(course, files)
    assert scores.loc[1, "IOM-1"] == pytest.approx(round(expected["boris"]["IOM-1"], 1))
    assert pd.isna(scores.loc[1, "IOM-3"])  # Boris did not begin IOM-3
    began = [expected[k]["IOM-1"] for k in ("ana", "boris", "hostile", "dana")]
    assert scores.iloc[-1]["IOM-1"] == pytest.approx(round(statistics.median(began), 1))
    gap = items[(items["exercise"] == chosen_gap(course).id) & (items["item"] == 1)].iloc[0]
    assert gap["learners_checked"] == 4 and gap["right"] == 1 and gap["wrong"] == 3
    assert re.match(r"(Xylophone Players|xylophone-players\.) \(2\) \| ", gap["common_wrong_answers"])
    assert gap["notebook"] == f"notebooks/{course.lesson_ref('IOM-1').notebook}.ipynb"
    assert "wrote " in out and "-items.csv" in out


def test_a_class_of_nothing_readable_still_gets_a_page_and_exit_1(course, classroom, capsys, tmp_path):
    _folder, _files, bad = classroom
    code, out, err = run(capsys, ["class-report", str(bad["empty"]), str(bad["list"]), "-o", str(tmp_path / "r.html")])
    assert code == 1 and "0 learner(s), 2 file(s) skipped" in out
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No file could be read" in html and "it is empty" in html


def test_a_spreadsheet_formula_in_a_learner_name_is_quoted_in_the_csv(course, classroom, capsys, tmp_path):
    _folder, files, _bad = classroom
    data = json.loads(files["dana"].read_text(encoding="utf-8"))
    data["name"] = "=HYPERLINK(\"http://x\")"
    (tmp_path / "f.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["class-report", "--csv", str(tmp_path / "f.json"), "-o", str(tmp_path / "c.csv")]) == 0
    capsys.readouterr()
    assert pd.read_csv(tmp_path / "c-scores.csv")["learner"][0] == "'=HYPERLINK(\"http://x\")"


def test_two_learners_of_one_name_stay_two_rows_and_a_file_read_in_part_is_named(course, classroom, tmp_path):
    from lessonkit.publish.class_page import report_html
    from lessonkit.publish.class_report import class_report

    _folder, files, _bad = classroom
    data = json.loads(files["dana"].read_text(encoding="utf-8"))
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "dana.json").write_text(json.dumps(data), encoding="utf-8")
    other = json.loads(json.dumps(data))
    first = next(iter(other["exercises"]))
    other["exercises"][first]["attempts"] += 1  # another learner who also wrote "Dana"
    other["exercises"]["ZZZ9-99"] = dict(other["exercises"][first], lesson="ZZZ-9")  # from another course's lesson
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "dana.json").write_text(json.dumps(other), encoding="utf-8")
    (tmp_path / "two" / "dana-2.json").write_text(json.dumps(data | {"exercises": {first: data["exercises"][first]}}), encoding="utf-8")

    report = class_report(course, [tmp_path / "one" / "dana.json", tmp_path / "two" / "dana.json", tmp_path / "two" / "dana-2.json"])
    assert [learner.label for learner in report.learners] == ["Dana (dana.json)", "Dana (dana.json, 2)", "Dana (dana-2.json)"]
    assert [learner.unknown for learner in report.learners] == [(), ("ZZZ9-99",), ()]
    html = report_html(report)
    assert "<h3>Read in part</h3>" in html and "1 exercise(s) this course does not have were left out (ZZZ9-99)" in html


# --- the learner's side: the name travels with the export ---------------------------------------------


def test_the_progress_page_names_the_export(course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = ProgressStore(tmp_path / "progress.json", clock=lambda: NOW)
    work_through(store, course, "IOM-2", lambda e, n: n == 0)
    language = InterfaceLanguage("ru")
    page = ProgressPage(course, store, language, folder=tmp_path)
    assert page.name_field.description == "Имя для учителя (или псевдоним)"
    assert page.name_field in page.widget.children[0].children  # beside Export
    assert page.name_field.value == ""
    page.name_field.value = "  Анна\tК.\n "
    assert store.read().name == "Анна К." and page.name_field.value == "Анна К."
    language.code = "en"
    assert page.name_field.description == "Name for your teacher (or a pseudonym)"

    page.name_field.value = "Anna K."
    page.export_button.click()
    exported = json.loads(next(tmp_path.glob("my-progress-*.json")).read_text(encoding="utf-8"))
    assert exported["name"] == "Anna K."
    first = course.lessons["IOM-2"].exercises[0]
    answers = exported["exercises"][first.id]["last_answers"]
    assert len(answers) == len(first.items) and answers[0]["result"] == "right"

    other = ProgressStore(tmp_path / "other.json")
    other.set_name("Boris")
    other.record_check(first.id, "IOM-2", 0, len(first.items), [1])
    assert page.import_file(tmp_path / "other.json") is True
    assert page.name_field.value == "Boris"  # the imported file's name is shown
    page.confirm.value = True
    page.reset_button.click()
    assert store.read().exercises == {} and store.read().name == "Boris"  # a reset keeps the name
