"""The build: deterministic, fresh, the right outputs, and content-agnostic."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from lessonkit.build import build_all, mark_glossary
from lessonkit.cli import main
from lessonkit.load import load_course

ROOT = Path(__file__).resolve().parent.parent


def test_build_is_deterministic(course):
    first = build_all(course)
    second = build_all(load_course(ROOT / "data"))
    assert [(o.path, o.content) for o in first] == [(o.path, o.content) for o in second]


def test_committed_notebooks_are_fresh(capsys):
    assert main(["--data", str(ROOT / "data"), "build", "--check"]) == 0


def test_build_twice_gives_byte_identical_files(mini_copy, capsys):
    data = str(mini_copy / "data")
    assert main(["--data", data, "build"]) == 0
    files = sorted((mini_copy).glob("*/*.ipynb"))
    before = {f: f.read_bytes() for f in files}
    assert main(["--data", data, "build"]) == 0
    assert "0 file(s) changed" in capsys.readouterr().out
    assert {f: f.read_bytes() for f in files} == before


def test_check_names_a_stale_notebook(mini_copy, capsys):
    data = str(mini_copy / "data")
    main(["--data", data, "build"])
    lesson = mini_copy / "notebooks" / "01-riv-danube.ipynb"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Danube", "Rhine"), encoding="utf-8")
    (mini_copy / "notebooks" / "99-stray.ipynb").write_text("{}", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data", data, "build", "--check"]) == 1
    out = capsys.readouterr().out
    assert "stale: notebooks/01-riv-danube.ipynb" in out
    assert "stale: notebooks/99-stray.ipynb" in out


def test_check_fails_when_a_notebook_is_missing(mini_copy, capsys):
    (mini_copy / "notebooks" / "00-start-here.ipynb").unlink()
    assert main(["--data", str(mini_copy / "data"), "build", "--check"]) == 1
    assert "stale: notebooks/00-start-here.ipynb" in capsys.readouterr().out


def read(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_learner_notebooks_have_no_outputs_and_a_kernelspec(path):
    notebook = read(path)
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_lesson_notebook_names_exercises_and_never_contains_them(course):
    notebook = read(ROOT / "notebooks" / "01-iom-activities.ipynb")
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0] == 'from lessonkit import open_lesson\n\nlesson = open_lesson("IOM-1")'
    assert notebook.cells[1].metadata["jupyter"]["source_hidden"] is True
    shown = [c for c in code if c.startswith("lesson.show(")]
    assert shown == [f'lesson.show("{e.id}")' for s in course.lessons["IOM-1"].sections for e in map(course.lessons["IOM-1"].exercise, s.exercises)]
    assert all(len(c) < 80 for c in code)


def test_lesson_anatomy(course):
    markdown = "\n".join(c.source for c in read(ROOT / "notebooks" / "01-iom-activities.ipynb").cells if c.cell_type == "markdown")
    for part in ("# IOM-1 · Migration and development activities", "Text date", "Goals", "minutes", "## Before you read",
                 "Key words", "**[I-01]**", "**[I-24]**", "Editor's note (I-11)", "## Your score", "## Key points",
                 "(00-start-here.ipynb)", '<abbr title="лицо, ищущее убежища'):
        assert part in markdown, part


def test_solution_notebook_stores_only_the_self_check_output(course):
    notebook = read(ROOT / "solutions" / "01-iom-activities.ipynb")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    outputs = [o for cell in code for o in cell.outputs]
    assert [o.text for o in outputs] == [f"IOM-1: {len(course.lessons['IOM-1'].exercises)} of {len(course.lessons['IOM-1'].exercises)} exercises accept their keys\n"]
    assert all(cell.execution_count for cell in code)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "## Timing plan (90 minutes)" in markdown and "| # | item | answer | why | evidence |" in markdown


def test_glossary_marks_escape_and_do_not_overlap(mini):
    entries = mini.glossaries["riv"].entries
    html = mark_glossary("A <b>note</b> & barges carry grain.", [entries[0]])
    assert "&lt;b&gt;note&lt;/b&gt; &amp; " in html and html.count("<abbr") == 1
    paragraph = mini.paragraphs["R-02"]
    marked = mark_glossary(paragraph.text, [e for e in entries if e.paragraph == "R-02"])
    assert marked.count("<abbr") == 1 and 'title="баржа (грузовое судно)"' in marked


def test_a_course_on_another_subject_is_built_and_committed(capsys):
    """The engine knows nothing of migration: a unit written only as data builds into
    notebooks; nbval runs them with the course's own (make test)."""
    mini = ROOT / "tests" / "fixtures" / "minicourse"
    assert main(["--data", str(mini / "data"), "build", "--check"]) == 0
    solution = read(mini / "solutions" / "01-riv-danube.ipynb")
    outputs = [o for c in solution.cells if c.cell_type == "code" for o in c.outputs]
    assert [o.text for o in outputs] == ["RIV-1: 12 of 12 exercises accept their keys\n"]
    assert "migration" not in (mini / "notebooks" / "01-riv-danube.ipynb").read_text(encoding="utf-8").lower()


def test_check_command_passes_on_the_course_data(capsys):
    assert main(["--data", str(ROOT / "data"), "check"]) == 0
    assert capsys.readouterr().out.startswith("data OK")
