"""The build: deterministic, fresh, the right outputs, and content-agnostic."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import takewhile
from pathlib import Path

import nbformat
import pytest

from lessonkit.cli import main
from lessonkit.publish.build import build_all
from lessonkit.publish.lesson_pages import show_source
from lessonkit.publish.links import links_in
from lessonkit.publish.markdown import GLOSS_DETAILS, gloss_list, mark_glossary, md_escape
from lessonkit.views.i18n import say

ROOT = Path(__file__).resolve().parent.parent
# The modules that write page text; the course's own words (source, dates) must come from data/.
PAGE_MODULES = ("build.py", "markdown.py", "notebook_writer.py", "lesson_pages.py", "solution_pages.py", "course_pages.py")
# What the build must never load: the widgets and the lesson session that uses them.
WIDGET_MODULES = ("ipywidgets", "anywidget", "lessonkit.views.session")


def test_committed_notebooks_are_fresh(capsys):
    """The committed notebooks were built in another process: the build is deterministic."""
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
    assert code[0] == 'from lessonkit import open_lesson\n\nlesson = open_lesson("IOM-1")\nlesson.toolbar()'
    assert notebook.cells[1].metadata["jupyter"]["source_hidden"] is True
    # One cell per section names its exercises in order: one run for the learner, one cell for JupyterLab.
    shown = [re.findall(r'"([^"]+)"', c) for c in code if c.startswith("lesson.show(")]
    assert shown == [list(s.exercises) for s in course.lessons["IOM-1"].sections if s.exercises]
    assert all(len(line) < 80 for c in code for line in c.splitlines())


def test_a_lesson_joins_markdown_that_follows_markdown_unless_it_opens_with_a_heading(course):
    from lessonkit.publish.notebook_writer import NotebookWriter

    def sources(writer: NotebookWriter) -> list[str]:
        for text in ("a", "b", "## H", "c"):
            writer.markdown(text)
        writer.code("lesson.show('X')")
        writer.markdown("d")
        return [cell.source for cell in writer.cells]

    assert sources(NotebookWriter("t", join_markdown=True)) == ["a\n\nb", "## H\n\nc", "lesson.show('X')", "d"]
    assert sources(NotebookWriter("t")) == ["a", "b", "## H", "c", "lesson.show('X')", "d"]
    for ref in course.map.lessons:
        cells = read(ROOT / "notebooks" / f"{ref.notebook}.ipynb").cells
        for before, cell in zip(cells, cells[1:]):
            if before.cell_type == cell.cell_type == "markdown":
                assert cell.source.startswith("#"), (ref.id, cell.source[:60])


def test_a_long_list_of_exercises_is_written_one_id_per_line():
    assert show_source(["A1-01", "A1-02"]) == 'lesson.show("A1-01", "A1-02")'
    ids = [f"RIV1-{n:02d}" for n in range(1, 10)]
    source = show_source(ids)
    assert source.splitlines()[1:-1] == [f'    "{i}",' for i in ids] and source.endswith(")")
    assert re.findall(r'"([^"]+)"', source) == ids and compile(source, "cell", "eval")


def test_lesson_anatomy(course):
    markdown = "\n".join(c.source for c in read(ROOT / "notebooks" / "01-iom-activities.ipynb").cells if c.cell_type == "markdown")
    for part in ("# IOM-1 · Migration and development activities", "Text date", "Goals", "minutes", "## Before you read",
                 "Key words", "**[I-01]**", "**[I-24]**", "Editor's note (I-11)", "## Your score", "## Key points",
                 "(00-start-here.ipynb)", "<b>asylum-seekers</b>", '— <span lang="ru">лицо, ищущее убежища'):
        assert part in markdown, part


def test_solution_notebook_stores_only_the_self_check_output(course):
    notebook = read(ROOT / "solutions" / "01-iom-activities.ipynb")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    outputs = [o for cell in code for o in cell.outputs]
    assert [o.text for o in outputs] == [f"IOM-1: {len(course.lessons['IOM-1'].exercises)} of {len(course.lessons['IOM-1'].exercises)} exercises accept their keys\n"]
    assert all(cell.execution_count for cell in code)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "## Timing plan: a 90-minute workshop" in markdown and "**Workshop:** 90 minutes" in markdown and "| # | item | answer | why | evidence |" in markdown


def test_glossary_marks_escape_and_do_not_overlap(mini):
    entries = mini.glossaries["riv"].entries
    html = mark_glossary("A <b>note</b> & barges carry grain.", [entries[0]])
    assert "&lt;b&gt;note&lt;/b&gt; &amp; " in html and html.count("<b>") == 1
    paragraph = mini.paragraphs["R-02"]
    here = [e for e in entries if e.paragraph == "R-02"]
    marked = mark_glossary(paragraph.text, here)
    assert marked.count("<b>") == 1 and "title=" not in marked and "баржа" not in marked
    gloss = gloss_list("R-02", here)
    assert gloss.startswith(f"{GLOSS_DETAILS}\n<summary>Words in R-02") and gloss.endswith("</details>")
    assert '— <span lang="ru">баржа (грузовое судно)</span>' in gloss


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


# --- Russian titles, roles, glosses, controls and links ------------------------------------------

COURSE_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
# Interface controls that built Markdown may name; each must carry its Russian name beside it.
CONTROLS = ("check", "hint", "show_answer", "try_again", "language", "session_size", "start_session", "next_card",
            "export", "import", "reset", "reset_confirm", "show_timeline")
CYRILLIC = re.compile("[А-Яа-яЁё]")


def markdown_cells(path: Path) -> list[str]:
    return [cell.source for cell in read(path).cells if cell.cell_type == "markdown"]


def test_every_exercise_has_a_russian_title(course):
    exercises = course.all_exercises()
    assert exercises
    missing = [exercise.id for _, exercise in exercises if not exercise.title_ru]
    assert missing == []
    for _, exercise in exercises:
        assert CYRILLIC.search(exercise.title_ru), exercise.id
        assert exercise.title_ru != exercise.title, exercise.id
        assert exercise.instruction_ru and CYRILLIC.search(exercise.instruction_ru), exercise.id


def test_judgement_instructions_name_the_buttons_in_both_languages(course):
    labels = {"true_false_not_given": ("true", "false", "not_given"), "stated_inferred": ("stated", "inferred", "not_in_text")}
    judged = [exercise for _, exercise in course.all_exercises() if exercise.kind in labels]
    assert judged
    for exercise in judged:
        for label in labels[exercise.kind]:
            assert f"{say(label, 'en')} ({say(label, 'ru')})" in " ".join(exercise.instruction.split()), exercise.id
            assert f"«{say(label, 'ru')}» ({say(label, 'en')})" in " ".join(exercise.instruction_ru.split()), exercise.id


def expected_roles(course) -> dict[str, str]:
    roles = {f"notebooks/{course.map.start_page}.ipynb": "page"}
    for ref in course.map.lessons:
        roles[f"notebooks/{ref.notebook}.ipynb"] = "lesson"
        roles[f"solutions/{ref.notebook}.ipynb"] = "solution"
    for page in (course.map.progress_page, course.map.trainer):
        if page:
            roles[f"notebooks/{page}.ipynb"] = "page"
    return roles


def test_every_notebook_says_its_role(course):
    roles = expected_roles(course)
    found = {path.relative_to(ROOT).as_posix(): read(path).metadata["lessonkit"]["role"] for path in COURSE_NOTEBOOKS}
    assert found == roles


def test_no_built_markdown_uses_abbr_or_scripts_or_styles():
    for path in COURSE_NOTEBOOKS:
        for source in markdown_cells(path):
            lowered = source.lower()
            for banned in ("<abbr", "<script", "<style", " style=", "onerror", "onclick"):
                assert banned not in lowered, (path.name, banned)


def gloss_blocks(source: str) -> list[str]:
    return re.findall(r"<details[ >].*?</details>", source, flags=re.S)


def test_every_gloss_list_is_in_details_and_marked_russian(course):
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        source = "\n\n".join(markdown_cells(ROOT / "notebooks" / f"{ref.notebook}.ipynb"))
        shown = [pid for section in lesson.sections for pid in section.reread + section.paragraphs]
        with_words = [pid for pid in shown if course.glossary_entries([pid])]
        blocks = gloss_blocks(source)
        assert len(blocks) == len(with_words), ref.id
        outside = re.sub(r"<details[ >].*?</details>", "", source, flags=re.S)
        assert not re.search(r"^- .+ — <span lang=\"ru\">", outside, flags=re.M), ref.id
        for pid, block in zip(with_words, blocks):
            entries = course.glossary_entries([pid])
            summary = f'<summary>Words in {pid} ({len(entries)}) / <span lang="ru">Слова абзаца {pid}</span></summary>'
            assert block.startswith(f"{GLOSS_DETAILS}\n{summary}\n\n"), (ref.id, pid)
            lines = [line for line in block.splitlines() if line.startswith("- ")]
            assert len(lines) == len(entries), (ref.id, pid)
            assert all(' — <span lang="ru">' in line and line.endswith("</span>") for line in lines), (ref.id, pid)


def test_every_glossary_word_is_glossed_in_a_lesson(course):
    """Every entry is listed with its Russian; a word overlapping a longer marked one
    (panel in «panel discussion») is listed though not marked twice."""
    lessons = "\n".join(source for ref in course.map.lessons for source in markdown_cells(ROOT / "notebooks" / f"{ref.notebook}.ipynb"))
    glossed = "\n".join(block for block in gloss_blocks(lessons))
    for glossary in course.glossaries.values():
        for entry in glossary.entries:
            assert f'- {md_escape(entry.term)} — <span lang="ru">{md_escape(entry.contextual)}</span>' in glossed, entry.term


def test_gloss_lists_render_as_plain_html_lists():
    mistune = pytest.importorskip("mistune")
    render = mistune.create_markdown(escape=False)
    lesson = next(p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if read(p).metadata["lessonkit"]["role"] == "lesson")
    html = render("\n\n".join(markdown_cells(lesson)))
    assert re.search(r"<details[^>]*>\s*<summary>Words in [^<]+<span lang=\"ru\">[^<]+</span></summary>\s*<ul>\s*<li>", html)


def test_start_page_links_only_to_files(course):
    start = ROOT / "notebooks" / f"{course.map.start_page}.ipynb"
    links = [link for source in markdown_cells(start) for link in links_in(source)]
    first = course.map.lessons[0]
    assert f"../solutions/{first.notebook}.ipynb" in links
    for link in links:
        if "://" in link:
            continue
        assert not link.endswith("/"), link
        assert (start.parent / link).resolve().is_file(), link


def test_no_built_notebook_links_to_a_folder():
    for path in COURSE_NOTEBOOKS:
        for source in markdown_cells(path):
            for link in links_in(source):
                if "://" in link or link.startswith("#"):
                    continue
                assert not (path.parent / link.split("#")[0]).resolve().is_dir(), (path.name, link)


def test_named_controls_carry_both_names():
    named = set()
    for path in COURSE_NOTEBOOKS:
        for source in markdown_cells(path):
            for key in CONTROLS:
                en, ru = say(key, "en"), say(key, "ru")
                for match in re.finditer(re.escape(f"**{en}**"), source):
                    named.add(key)
                    after = source[match.end():match.end() + 200]
                    assert after.startswith(f' (<b lang="ru">{ru}</b>)'), (path.name, key, after[:60])
                for match in re.finditer(re.escape(f"**{ru}**"), source):
                    after = source[match.end():match.end() + 200]
                    assert after.startswith(f' (<b lang="en">{en}</b>)'), (path.name, key, after[:60])
    # the pages do name their buttons, so the loop above has something to check
    assert {"check", "hint", "show_answer", "try_again", "start_session"} <= named


def test_trainer_page_names_start_in_both_languages(course):
    if not course.map.trainer:
        pytest.skip("the course has no trainer")
    text = "\n".join(markdown_cells(ROOT / "notebooks" / f"{course.map.trainer}.ipynb"))
    assert f'**{say("start_session", "en")}** (<b lang="ru">{say("start_session", "ru")}</b>)' in text


def test_lessons_link_the_trainer_and_progress_page_after_the_toolbar(course):
    for ref in course.map.lessons:
        cells = read(ROOT / "notebooks" / f"{ref.notebook}.ipynb").cells
        at = next(n for n, cell in enumerate(cells) if cell.cell_type == "code" and cell.source.endswith("\nlesson.toolbar()"))
        after = cells[at + 1]
        assert after.cell_type == "markdown", ref.id
        links = links_in(after.source)
        expected = [f"{page}.ipynb" for page in (course.map.trainer, course.map.progress_page) if page]
        assert links == expected, ref.id
        assert after.source.count('<span lang="ru">') == len(expected)


def test_each_lesson_shows_its_own_texts_date_and_the_start_page_the_datas_words(course):
    """The engine says nothing of its own about the source or the date: both come from data."""
    outputs = {output.path: output.content for output in build_all(course)}
    refs = {text.id: text for text in course.map.texts}
    for lesson in course.map.lessons:
        first_cell = nbformat.reads(outputs[f"notebooks/{lesson.notebook}.ipynb"], as_version=4).cells[0].source
        # a capstone without a `text` is headed by the course's own text date
        date = (refs[lesson.text].date if lesson.text else None) or course.map.text_date
        assert " ".join(date.split()[:6]) in first_cell, lesson.id
    start = outputs[f"notebooks/{course.map.start_page}.ipynb"]
    assert course.map.source_description.split(":")[0] in start
    for module in PAGE_MODULES:
        engine = ROOT / "lessonkit" / "publish" / module
        assert "handout" not in engine.read_text(encoding="utf-8").lower(), module  # the words are the course's, in data/


def test_self_study_and_workshop_minutes_are_named_as_such(course):
    outputs = {output.path: output.content for output in build_all(course)}
    start = outputs[f"notebooks/{course.map.start_page}.ipynb"]
    assert "self-study minutes" in start
    for ref in course.map.lessons:
        assert f"**Self-study time:** about {ref.self_study_minutes} minutes" in outputs[f"notebooks/{ref.notebook}.ipynb"]
        solution = outputs[f"solutions/{ref.notebook}.ipynb"]
        assert f"**Workshop:** {ref.workshop_minutes} minutes" in solution
        plans = re.findall(r"## (?:Timing plan|Route A, in class|Route B, flipped): a (\d+)-minute workshop", solution)
        assert plans and set(plans) == {str(ref.workshop_minutes)}, ref.id  # every plan the header names adds up


def test_every_page_shows_the_stated_time_and_the_estimates(course):
    """The course map (start page and README) and each lesson's heading give the stated
    self-study minutes with the estimates of the core and of everything; each solution
    lists the exercises in page order, core or optional."""
    from lessonkit.content.load_model import course_loads
    from lessonkit.publish.readme import course_map_markdown

    outputs = {output.path: output.content for output in build_all(course)}
    start = nbformat.reads(outputs[f"notebooks/{course.map.start_page}.ipynb"], as_version=4)
    course_map = next(cell.source for cell in start.cells if cell.source.startswith("## Course map"))
    readme = course_map_markdown(course)
    for ref, load in zip(course.map.lessons, course_loads(course).values()):
        row = f"| {ref.self_study_minutes} | {load.core_minutes} | {load.full_minutes} |"
        assert row in course_map and row in readme, ref.id
        # README: each lesson opens on Binder in JupyterLab and as an app (Voilà), from its own row.
        readme_row = next(line for line in readme.splitlines() if f"](notebooks/{ref.notebook}.ipynb)" in line)
        assert f"urlpath=lab%2Ftree%2Fnotebooks%2F{ref.notebook}.ipynb" in readme_row, ref.id
        assert f"urlpath=voila%2Frender%2Fnotebooks%2F{ref.notebook}.ipynb" in readme_row, ref.id
        heading = nbformat.reads(outputs[f"notebooks/{ref.notebook}.ipynb"], as_version=4).cells[0].source
        assert f"Core: about {load.core_minutes} min · everything: about {load.full_minutes} min" in heading
        assert f"Основное: около {load.core_minutes} мин · всё: около {load.full_minutes} мин" in heading
        assert ref.self_study_minutes >= load.core_minutes, ref.id
        solution = outputs[f"solutions/{ref.notebook}.ipynb"]
        lesson = course.lessons[ref.id]
        for n, exercise_id in enumerate(lesson.page_order, start=1):
            part = "Core" if lesson.exercise(exercise_id).part == "core" else "Optional"
            assert f"### Exercise {n} of {len(lesson.page_order)} · {exercise_id} · " in solution, exercise_id
            assert re.search(rf"\| {n} \| {exercise_id} · [^\n]*\| \**{part}\** \|", solution), exercise_id


# --- the build stays free of the notebook machinery ------------------------------------------------

LOADED_WIDGETS = (
    "import sys; print(sorted(m for m in sys.modules"
    f" if m.split('.')[0] in {WIDGET_MODULES[:2]!r} or m == {WIDGET_MODULES[2]!r}) or 'none')"
)


def python_prints(code: str) -> list[str]:
    """The lines a fresh interpreter prints running `code` (fresh: nothing imported by other tests)."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_the_build_loads_no_widgets():
    """`python -m lessonkit build --check` renders every page, key-word tables included, without
    the widgets (on the small course: the same code paths, a fifth of the time)."""
    mini = ROOT / "tests" / "fixtures" / "minicourse" / "data"
    code = (
        "import sys, lessonkit.publish.build, lessonkit.publish.readme; from lessonkit.cli import main; "
        f"code = main(['--data', {str(mini)!r}, 'build', '--check']); "
        f"print(code); {LOADED_WIDGETS}"
    )
    assert python_prints(code)[-2:] == ["0", "none"]


def test_a_renamed_lessons_old_notebooks_are_named_then_removed_by_the_build(mini_copy, capsys):
    """Renaming a lesson's notebook in course.yml: --check names the old files and says how
    to get rid of them; build deletes what it once wrote and leaves a teacher's own notebook."""
    data = mini_copy / "data"
    text = (data / "course.yml").read_text(encoding="utf-8")
    (data / "course.yml").write_text(text.replace("notebook: 01-riv-danube", "notebook: 01-riv-the-danube"), encoding="utf-8")
    own = mini_copy / "notebooks" / "my-notes.ipynb"
    own.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    assert main(["--data", str(data), "build", "--check"]) == 1
    out = capsys.readouterr().out
    assert "stale: notebooks/01-riv-danube.ipynb is no longer made from data/" in out
    assert "stale: notebooks/my-notes.ipynb was not made by the build" in out
    assert main(["--data", str(data), "build"]) == 0
    out = capsys.readouterr().out
    assert "removed notebooks/01-riv-danube.ipynb" in out and "removed solutions/01-riv-danube.ipynb" in out
    assert not (mini_copy / "notebooks" / "01-riv-danube.ipynb").exists() and own.exists()
    assert (mini_copy / "notebooks" / "01-riv-the-danube.ipynb").exists()


# --- workshop plans, materials, Russian instructions, key words, capstones (the small course) ----


def mini_markdown(mini_root: Path, folder: str, notebook: str) -> list[str]:
    return markdown_cells(mini_root / folder / f"{notebook}.ipynb")


def table_column(markdown: str, header: str, column: str) -> list[str]:
    """The cells of one column of the Markdown table that starts with `header`."""
    lines = markdown[markdown.index(header):].splitlines()
    names = [name.strip() for name in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")][names.index(column)])
    return rows


def test_the_solution_shows_two_routes_that_add_up_to_the_workshop(mini, mini_root):
    cells = mini_markdown(mini_root, "solutions", "01-riv-danube")
    header = "| clock | min | stage | aim | interaction | activity | materials |"
    for title in ("## Route A, in class: a 30-minute workshop", "## Route B, flipped: a 30-minute workshop"):
        cell = next(c for c in cells if c.startswith(title))
        assert sum(int(m) for m in table_column(cell, header, "min")) == 30, title
    flipped = next(c for c in cells if c.startswith("## Route B"))
    assert "**Before class** (learners alone):\n\n- Read R-01 and R-02" in flipped
    assert "| 15–25 | 10 | Role play | Use the facts to argue a case | pairs | A skipper and a port officer discuss a cargo. " \
           "| At the river port (riv1-roles); Phrases for the port (riv1-phrases) |" in flipped
    in_class = next(c for c in cells if c.startswith("## Route A"))
    assert "| individual → pairs |" in in_class and "| T–Ss |" in in_class and "| Ss–T |" in in_class


def test_the_solution_gives_board_plan_listening_support_stretch_homework_and_rubric(mini_root):
    lists = next(c for c in mini_markdown(mini_root, "solutions", "01-riv-danube") if c.startswith("## In the classroom"))
    assert "### Board plan\n\n> rise (of a river) = брать начало  \n> barge → grain, steel" in lists
    assert '### Listen for\n\n- Learners say "rises in", not "lifts in".' in lists
    for heading in ("### Support (for weaker students)", "### Stretch (for stronger students)", "### Homework"):
        assert heading in lists
    assert "| criterion | tasks | 2 points | 1 point | 0 points |" in lists
    assert "| **Accuracy** | RIV1-11 | Rise, not \\*lift\\*; no errors that change the meaning. |" in lists  # escaped
    capstone = "\n".join(mini_markdown(mini_root, "solutions", "03-riv-round-table"))
    assert "| criterion | what to look for |\n|---|---|\n| **Attribution** | Every fact is attributed" in capstone


def test_every_material_is_printed_one_block_per_card(mini_root):
    cells = mini_markdown(mini_root, "solutions", "01-riv-danube")
    start = next(n for n, c in enumerate(cells) if c.startswith("## Materials"))
    materials = cells[start:]
    roles = [c for c in materials if "**Role card" in c]
    assert len(roles) == 2 and roles[0].startswith("### At the river port (role cards · `riv1-roles`)")
    assert roles[1].startswith("**Role card 2 of 2: Port officer**\n\nThe port takes grain and steel only.\n\n- Say what the port takes.")
    assert "You want to load \\*coal\\* today." in roles[0]  # data text is escaped
    sort = next(c for c in materials if "**Cards to cut out**" in c)
    cards = table_column(sort, "| card | text |", "text")
    assert sorted(cards) == sorted(["grain", "steel", "coal", "oil \\| gas"]) and cards != ["grain", "steel", "coal", "oil \\| gas"]
    key = next(c for c in materials if c.startswith("**Key**\n\n| category | cards |"))
    numbers = table_column(key, "| category | cards |", "cards")
    assert sorted(n for row in numbers for n in row.split(", ")) == ["1", "2", "3", "4"]
    grid = next(c for c in materials if "(jigsaw grid · `riv1-grid`)" in c)
    assert "**Learners' copy**\n\n| paragraph | fact |\n|---|---|\n| R-01 |  |\n| R-02 |  |" in grid
    assert any(c.startswith("**Key**\n\n| paragraph | fact |") and "Barges carry grain and steel." in c for c in materials)
    bank = next(c for c in materials if "(language bank · `riv1-phrases`)" in c)
    assert "**Refusing politely**\n\n- I'm afraid we only take …" in bank
    handout = next(c for c in materials if "(handout · `riv1-handout`)" in c)
    assert handout.endswith("A river **rises** (брать начало) where it begins. It does not *lift*.")  # the authors' Markdown
    assert '<span lang="ru">Что перевозят баржи?</span>' in "\n".join(materials)


def test_material_text_reaches_the_page_escaped(mini_copy):
    """Markup in a card, a role or a phrase shows as text in the printed materials."""
    import yaml

    from lessonkit.content.load import load_course

    path = mini_copy / "data" / "lessons" / "riv-1.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hostile = "<img src=x onerror=alert(1)> [link](http://x) _x_"
    data["materials"][0]["cards"][0]["text"] = hostile
    data["materials"][2]["roles"][0]["brief"] = hostile
    data["materials"][3]["groups"][0]["phrases"][0] = hostile
    data["teacher"]["routes"]["in_class"][0]["activity"] = hostile
    data["teacher"]["board_plan"][0] = hostile
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    course = load_course(mini_copy / "data", examples=False)
    solution = next(o.content for o in build_all(course) if o.path == "solutions/01-riv-danube.ipynb")
    text = "\n".join(cell.source for cell in nbformat.reads(solution, as_version=4).cells if cell.cell_type == "markdown")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt; \\[link\\](http://x) \\_x\\_" in text
    assert text.count("&lt;img") == 5


def test_russian_instructions_stand_under_the_english(mini_root):
    cells = mini_markdown(mini_root, "notebooks", "02-riv-rhine")
    source = "\n\n".join(cells)
    assert 'A second river.\n\n<div lang="ru">\n\nВторая река.\n\n</div>' in source
    assert '**Predict.** Where does the Rhine end?\n\n<div lang="ru">\n\n**Предположите.** Где заканчивается Рейн?\n\n</div>' in source
    assert 'Read R-01 again before the Rhine.\n\n<div lang="ru">\n\nПеречитайте R-01, прежде чем читать о Рейне.\n\n</div>' in source


def test_the_key_word_table_follows_the_first_sections_exercises(mini_root, course):
    """Learners match the words from their sentences first; the table comes after, to check
    and keep (in the small course after Reading's exercises, before Language work)."""
    cells = read(mini_root / "notebooks" / "01-riv-danube.ipynb").cells
    at = next(n for n, c in enumerate(cells) if c.source.startswith("### Key words"))
    assert cells[at - 1].source.startswith("lesson.show(") and cells[at - 1].source.rstrip(")").rstrip().rstrip(",").endswith('"RIV1-06"')
    assert cells[at + 1].source.startswith("## Language work")
    assert "| barge | баржа (грузовое судно) | баржа | R-02 |" in cells[at].source
    assert not any("| term |" in c.source for c in cells[:at])
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        cells = read(ROOT / "notebooks" / f"{ref.notebook}.ipynb").cells
        tables = [n for n, c in enumerate(cells) if c.source.startswith("### Key words")]
        if not course.glossary_entries(lesson.shown_paragraph_ids):
            assert tables == [], ref.id
            continue
        # The section that opens the reading (after any retrieval block): its matching comes first.
        leading = list(takewhile(lambda s: s.stage == "pre_reading", lesson.sections))
        first = leading[-1] if leading else lesson.sections[0]
        shown = [n for n, c in enumerate(cells)
                 if c.cell_type == "code" and set(re.findall(r'"([^"]+)"', c.source)) & set(first.exercises)]
        assert shown or not first.exercises, ref.id
        assert len(tables) == 1 and all(n < tables[0] for n in shown), ref.id
        matching = [e for e in first.exercises if lesson.exercise(e).kind == "matching"]
        line = "Check your matches above against this table" if matching else "Keep this table for the rest of the lesson"
        assert line in cells[tables[0]].source and '<span lang="ru">' in cells[tables[0]].source, ref.id


def test_a_capstone_is_built_numbered_and_on_the_course_map(mini, mini_root):
    assert [ref.notebook for ref in mini.map.lessons] == ["01-riv-danube", "02-riv-rhine", "03-riv-round-table"]
    capstone = mini.lesson_ref("RIV-3")
    assert capstone.capstone and capstone.plan_point is None and capstone.text is None
    heading = mini_markdown(mini_root, "notebooks", "03-riv-round-table")[0]
    assert heading.startswith("# RIV-3 · Round table: the basin commission\n\n*Capstone:")
    assert read(mini_root / "notebooks" / "03-riv-round-table.ipynb").metadata["lessonkit"]["role"] == "lesson"
    start = "\n".join(mini_markdown(mini_root, "notebooks", "00-start-here"))
    assert "| [RIV-3: Round table: the basin commission](03-riv-round-table.ipynb) | capstone | whole course | 10 |" in start
    assert "[RIV-3: Round table: the basin commission →](03-riv-round-table.ipynb)" in mini_markdown(mini_root, "notebooks", "02-riv-rhine")[0]
    solution = "\n".join(mini_markdown(mini_root, "solutions", "03-riv-round-table"))
    assert "## Route A, in class: a 40-minute workshop" in solution and "**Role card 2 of 2: Delegate of the Rhine**" in solution
    assert "Task: speaking: prepare 3 min, speak 1 min." in solution
    rhine = "\n".join(mini_markdown(mini_root, "solutions", "02-riv-rhine"))
    assert "Task: reader: a ministry department; genre: справка; the answer is written in Russian." in rhine


def test_the_context_card_stands_under_before_you_read_even_after_a_retrieval_block(course):
    """A lesson may open with "From earlier lessons"; the context card and the prediction
    still stand under their own "Before you read" heading, never under the retrieval block."""
    outputs = {output.path: output.content for output in build_all(course)}
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        cells = nbformat.reads(outputs[f"notebooks/{ref.notebook}.ipynb"], as_version=4).cells
        card = [cell.source for cell in cells if cell.cell_type == "markdown" and lesson.context[:40] in cell.source]
        assert len(card) == 1, ref.id
        heading = card[0].split("\n", 1)[0].removeprefix("## ")
        under = [section for section in lesson.sections if section.title == heading]
        if heading == "Before you read":
            continue  # a section of its own
        exercises = under[0].exercises if under else []
        retrieval_only = bool(exercises) and all(re.search(r"-R\d+$", e) for e in exercises)
        assert under and under[0].stage == "pre_reading" and not retrieval_only, (ref.id, heading)


def test_a_timed_reread_is_an_instruction_in_both_languages_linked_to_where_the_paragraphs_are(mini_copy):
    import yaml

    from lessonkit.content.load import load_course
    from lessonkit.publish.lesson_pages import build_lesson

    path = mini_copy / "data" / "lessons" / "riv-2.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sections"][0]["timed_reread"] = {"paragraphs": ["R-01", "R-02"], "minutes": 2}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    course = load_course(mini_copy / "data")
    ref = next(ref for ref in course.map.lessons if ref.id == "RIV-2")
    first = course.map.lessons[0]
    text = "\n".join(cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                     for cell in json.loads(build_lesson(course, ref))["cells"])
    assert f"**Timed re-read, 2 min.** Against the clock, re-read R-01, R-02 in [{first.id}]({first.notebook}.ipynb): time yourself" in text
    assert f"<b>Чтение на время, 2 мин.</b> Перечитайте на время R-01, R-02 (тетрадь [{first.id}]({first.notebook}.ipynb)): засеките" in text
    assert text.index("Timed re-read") < text.index("Read R-01 again before the Rhine.")  # it opens the section
