"""`lessonkit print`: per lesson a worksheet with every exercise and no key, an answer key with
every key, the workshop materials ready to cut out, as self-contained HTML and A4 PDF.

The real course and the tiny course are printed as HTML (`--html-only`, quick); the PDF,
printed by Chromium, is tested with the other browser tests (tests/browser/test_print_pdf.py).
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lessonkit.cli import main
from lessonkit.content.kinds import kind_of
from lessonkit.content.load import load_course
from lessonkit.publish.plan_pages import CLASSROOM_LISTS, PLAN_TITLES
from lessonkit.publish.print_worksheet import worksheet
from lessonkit.views.i18n import say

ROOT = Path(__file__).resolve().parent.parent


class Page(HTMLParser):
    """A printed page's text: all of it, per exercise or material (`data-exercise`, `data-material`)
    and per cut box."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.exercises: dict[str, list[str]] = {}
        self.cuts: list[tuple[str, list[str]]] = []
        self.tags: list[str] = []
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, exercise opened here, cut opened here)
        self.open_exercise: str | None = None
        self.open_cut: list[str] | None = None
        self.feed(html)

    BLOCKS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "br", "section", "article", "header", "ul", "ol",
              "table", "small"}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append(tag)
        if tag in self.BLOCKS:
            self.handle_data(" ")  # words in two blocks are two words; <b>laws</b>. is one
        if tag in ("br", "col", "meta", "input", "img", "hr"):
            return
        exercise = found.get("data-exercise") or found.get("data-material")
        cut = found.get("data-cut")
        if exercise:
            self.open_exercise = exercise
            self.exercises.setdefault(exercise, [])
        if cut:
            self.open_cut = []
            self.cuts.append((cut, self.open_cut))
        self.stack.append((tag, exercise, bool(cut)))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.handle_data(" ")
        while self.stack:
            name, exercise, cut = self.stack.pop()
            if exercise:
                self.open_exercise = None
            if cut:
                self.open_cut = None
            if name == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.open_exercise:
            self.exercises[self.open_exercise].append(data)
        if self.open_cut is not None:
            self.open_cut.append(data)

    def all_text(self) -> str:
        return flat("".join(self.text))

    def exercise_text(self, exercise_id: str) -> str:
        return flat("".join(self.exercises.get(exercise_id, [])))

    def exercises_text(self) -> str:
        return " ".join(self.exercise_text(e) for e in self.exercises)


def flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def print_html(data: Path, out: Path, *extra: str) -> int:
    return main(["--data", str(data), "print", "--html-only", "-o", str(out), *extra])


COURSES = {"course": ROOT / "data", "mini": ROOT / "tests" / "fixtures" / "minicourse" / "data"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """printed[name]: (course, folder) for the real course or the tiny one, printed as HTML once,
    when a test first asks for it."""
    class Printed(dict):
        def __missing__(self, name):
            out = tmp_path_factory.mktemp(f"print-{name}")
            assert print_html(COURSES[name], out) == 0
            self[name] = (load_course(COURSES[name], examples=False), out)
            return self[name]

    return Printed()


def pages(printed, name: str):
    course, out = printed[name]
    for ref in course.map.lessons:
        yield course, ref, out


def read(out: Path, ref, suffix: str) -> str:
    return (out / f"{ref.notebook}-{suffix}.html").read_text(encoding="utf-8")


# --- what a worksheet shows ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["course", "mini"])
def test_every_exercise_of_every_lesson_is_on_its_worksheet_in_page_order(printed, name):
    for course, ref, out in pages(printed, name):
        lesson = course.lessons[ref.id]
        page = Page(read(out, ref, "worksheet"))
        assert list(page.exercises) == lesson.page_order, ref.id
        text = page.all_text()
        total = len(lesson.page_order)
        for n, exercise_id in enumerate(lesson.page_order, start=1):
            assert f"exercise {n} of {total}" in page.exercise_text(exercise_id)
            assert exercise_id.casefold() in text
        html = read(out, ref, "worksheet")
        for pid in lesson.shown_paragraph_ids:
            reread = pid not in lesson.paragraph_ids
            assert f'<div class="{"para reread" if reread else "para"}" data-paragraph="{pid}">' in html, (ref.id, pid)
            assert course.paragraphs[pid].text.split()[-1].casefold() in text


def shown_to_learners(exercise) -> str:
    """Every string of the exercise that a learner's notebook shows before any check."""
    values = [exercise.title, exercise.instruction, exercise.instruction_ru or "", *getattr(exercise, "columns", []),
              *getattr(exercise, "extra_words", [])]
    if getattr(exercise, "word_bank", False):
        values += exercise.bank
    if exercise.kind == "matching":
        values += exercise.choices
    for item in exercise.items:
        for name in ("prompt", "prompt_ru", "statement", "left", "text", "base", "source", "reader", "genre"):
            values.append(getattr(item, name, None) or "")
        values += getattr(item, "options", []) + getattr(item, "checklist", [])
        values += list(getattr(item, "segments", {}).values()) + list(getattr(item, "cells", {}).values())
    return flat(" | ".join(values))


def secrets(exercise) -> list[str]:
    """What only a check or the key shows: keys, accepted answers, model answers, explanations,
    evidence quotes, feedback on wrong choices. Single words are left out (they are common)."""
    found = list(getattr(exercise, "distractor_feedback", {}).values())
    for item in exercise.items:
        found += [item.explanation, *(evidence.quote for evidence in item.evidence)]
        found += list(getattr(item, "option_feedback", {}).values())
        if exercise.kind in ("gap_fill", "word_formation"):
            found += [item.answer, *item.accept]
        if exercise.kind in ("short_answer", "translation", "open_task"):
            found.append(item.model_answer)
        for answers in getattr(item, "blanks", {}).values():
            found += answers
        found += [flag.message for flag in getattr(item, "red_flags", [])]
    return [flat(text) for text in found if len(text.split()) >= 2]


@pytest.mark.parametrize("name", ["course", "mini"])
def test_no_key_appears_on_a_worksheet(printed, name):
    """No key, accepted answer, model answer, explanation or evidence quote of two words or more
    is printed in any exercise of a worksheet, unless the learner's notebook shows those very
    words before any check (an option, a word of the bank, a sentence quoted in a stem). (The
    passage may hold them: a model answer can quote the text.)"""
    checked = 0
    for course, ref, out in pages(printed, name):
        lesson = course.lessons[ref.id]
        page = Page(read(out, ref, "worksheet"))
        areas = page.exercises_text()
        shown = " | ".join(shown_to_learners(exercise) for exercise in lesson.exercises)
        for exercise in lesson.exercises:
            for secret in secrets(exercise):
                checked += 1
                if secret in areas:
                    assert secret in shown, f"{ref.id} {exercise.id}: the worksheet prints {secret!r}"
    assert checked > (100 if name == "course" else 20)


def with_other_keys(course):
    """A copy of the course whose every key, accepted answer, model answer, explanation and
    evidence is different; typed keys keep their length (the room left to write depends on it)."""
    def other(item, kind, exercise):
        update = {"explanation": "Another explanation.", "evidence": []}
        if kind == "single_choice":
            update["answer"] = next(o for o in item.options if o != item.answer)
            update["option_feedback"] = {}
        elif kind == "multiple_select":
            rest = [o for o in item.options if o not in item.answers]
            update["answers"] = rest or item.options[:1]
        elif kind in ("true_false_not_given", "stated_inferred"):
            scale = list(kind_of(exercise).scale)
            update["answer"] = scale[(scale.index(item.answer) + 1) % len(scale)]
        elif kind == "ordering":
            update["answer"] = list(reversed(item.answer))
        elif kind in ("gap_fill", "word_formation") and not getattr(exercise, "word_bank", False):
            update["answer"] = "q" * len(item.answer)
            update["accept"] = ["z" * len(a) for a in item.accept]
        elif kind in ("short_answer", "translation", "open_task"):
            update["model_answer"] = " ".join(["word"] * len(item.model_answer.split()))
            if kind != "open_task":
                update["key_terms"] = [["word"]]
        elif kind == "table_completion":
            update["blanks"] = {column: ["y" * len(a) for a in answers] for column, answers in item.blanks.items()}
        return item.model_copy(update=update)

    def rotated(exercise, field):
        values = [getattr(item, field) for item in exercise.items]
        values = values[1:] + values[:1]
        return [item.model_copy(update={field: value, "explanation": "Another.", "evidence": []})
                for item, value in zip(exercise.items, values)]

    changed = copy.copy(course)
    changed.lessons = {}
    for lesson_id, lesson in course.lessons.items():
        exercises = []
        for exercise in lesson.exercises:
            if exercise.kind == "matching" or (exercise.kind == "gap_fill" and exercise.word_bank):
                items = rotated(exercise, "answer")  # the same choices or bank, other pairs
                update = {"items": items, "distractor_feedback": {}}
            else:
                update = {"items": [other(item, exercise.kind, exercise) for item in exercise.items]}
            exercises.append(exercise.model_copy(update=update))
        changed.lessons[lesson_id] = lesson.model_copy(update={"exercises": exercises})
    return changed


@pytest.mark.parametrize("name", ["course", "mini"])
def test_a_worksheet_is_the_same_whatever_the_keys(printed, name):
    """The worksheet is drawn from what learners see: change every key and it does not change."""
    course, _ = printed[name]
    changed = with_other_keys(course)
    for ref in course.map.lessons:
        assert changed.lessons[ref.id].exercises != course.lessons[ref.id].exercises
        assert worksheet(changed, ref) == worksheet(course, ref), ref.id


# --- the answer key --------------------------------------------------------------------------------


def expected_keys(exercise, item) -> list[str]:
    kind = exercise.kind
    if kind == "single_choice":
        return [item.answer]
    if kind == "multiple_select":
        return list(item.answers)
    if kind in ("true_false_not_given", "stated_inferred"):
        return [say(item.answer, "en")]
    if kind in ("matching",):
        return [item.answer]
    if kind in ("gap_fill", "word_formation"):
        return [item.answer, *item.accept]
    if kind == "ordering":
        return [" – ".join(item.answer)]
    if kind in ("short_answer", "translation", "open_task"):
        return [item.model_answer]
    return [answer for answers in item.blanks.values() for answer in answers]


@pytest.mark.parametrize("name", ["course", "mini"])
def test_the_answer_key_holds_every_key_with_its_evidence(printed, name):
    for course, ref, out in pages(printed, name):
        lesson = course.lessons[ref.id]
        page = Page(read(out, ref, "key"))
        assert list(page.exercises) == lesson.page_order
        for exercise in lesson.exercises:
            text = page.exercise_text(exercise.id)
            for item in exercise.items:
                for key in expected_keys(exercise, item):
                    assert flat(key) in text, f"{ref.id} {exercise.id}: {key!r} is not on the key"
                for evidence in item.evidence:
                    assert flat(f"«{evidence.quote}» ({evidence.paragraph})") in text
                assert flat(item.explanation) in text
        if lesson.teacher and lesson.teacher.timing:
            assert "timing plan" in page.all_text()
        if lesson.teacher and lesson.teacher.routes:
            assert "route a, in class" in page.all_text() and "route b, flipped" in page.all_text()
        if lesson.teacher:
            # The teacher's lists under the headings the solution notebook uses (plan_pages.PLAN_TITLES).
            for key in ("notes", *CLASSROOM_LISTS, "discussion", "workshop"):
                for entry in getattr(lesson.teacher, key):
                    assert flat(PLAN_TITLES[key]) in page.all_text() and flat(entry) in page.all_text(), (ref.id, key)
            if lesson.teacher.rubric:
                assert flat(PLAN_TITLES["rubric"]) in page.all_text(), ref.id
                assert all(flat(row.criterion) in page.all_text() for row in lesson.teacher.rubric), ref.id


def test_the_key_letters_the_answers_as_the_worksheet_does(printed):
    course, out = printed["mini"]
    ref = course.lesson_ref("RIV-1")
    key, sheet = Page(read(out, ref, "key")), Page(read(out, ref, "worksheet"))
    assert "b · germany" in key.exercise_text("RIV1-01")  # Austria, Germany, Hungary
    assert "b germany" in sheet.exercise_text("RIV1-01")
    assert "a, b · grain; steel" in key.exercise_text("RIV1-02")
    assert "c · not given" in key.exercise_text("RIV1-03")
    assert "b · брать начало" in key.exercise_text("RIV1-05")  # баржа, брать начало, подниматься
    assert "b – a" in key.exercise_text("RIV1-06")


# --- materials -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["course", "mini"])
def test_the_materials_are_ready_to_cut_out(printed, name):
    """A materials page for each lesson with materials and none without: one cut box per role
    card, per card-sort card and per card-sort heading; a jigsaw grid's blank columns empty on
    it and filled on the key."""
    course, out = printed[name]
    for ref in course.map.lessons:
        lesson = course.lessons[ref.id]
        path = out / f"{ref.notebook}-materials.html"
        assert path.exists() == bool(lesson.materials), ref.id
        if not lesson.materials:
            continue
        page = Page(path.read_text(encoding="utf-8"))
        kinds = [kind for kind, _ in page.cuts]
        roles = [m for m in lesson.materials if m.kind == "role_cards"]
        sorts = [m for m in lesson.materials if m.kind == "card_sort"]
        assert kinds.count("role") == sum(len(m.roles) for m in roles)
        assert kinds.count("card") == sum(len(m.cards) for m in sorts)
        assert kinds.count("category") == sum(len(m.categories) for m in sorts)
        for material in roles:
            boxes = [flat("".join(words)) for kind, words in page.cuts if kind == "role"]
            for role in material.roles:
                assert any(flat(role.role) in box and flat(role.brief) in box for box in boxes)
        html = path.read_text(encoding="utf-8")
        grids = [m for m in lesson.materials if m.kind == "jigsaw_grid"]
        assert html.count('<td class="blank"') == sum(len(m.rows) * len(m.blank) for m in grids)
        key = Page(read(out, ref, "key")).all_text()
        for grid in grids:
            for row in grid.rows:
                for column in grid.columns:
                    value = flat(row.get(column, ""))
                    assert value in key
                    if column in grid.blank and len(value.split()) >= 2 and value not in flat(f"{grid.title} {grid.instructions}"):
                        assert value not in page.exercise_text(grid.id), (ref.id, grid.id, value)


def test_the_tiny_course_s_materials(printed):
    course, out = printed["mini"]
    riv1 = course.lesson_ref("RIV-1")
    page, key = Page(read(out, riv1, "materials")), Page(read(out, riv1, "key"))
    cards = [flat("".join(words)) for kind, words in page.cuts if kind == "card"]
    data_order = [card.text for card in course.lessons["RIV-1"].materials[0].cards]
    assert [card.split(" ", 1)[1] for card in cards] != [flat(t) for t in data_order]  # mixed, not by category
    grid = next(m for m in course.lessons["RIV-1"].materials if m.kind == "jigsaw_grid")
    for row in grid.rows:
        for column in grid.columns:
            assert (flat(row[column]) in page.all_text()) == (column not in grid.blank)
            assert flat(row[column]) in key.all_text()  # the full grid is on the key
    assert "riv1-handout" in page.all_text() and "it does not lift" in page.all_text()


def test_printed_pages_are_self_contained_a4_html(printed):
    course, out = printed["mini"]
    for path in sorted(out.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
        assert "@page { size: A4; margin: 15mm }" in html
        assert not re.search(r"<script|<link|src=|url\(|https?://", html), path.name
    assert '<span lang="ru" class="">Дунай' in (out / "01-riv-danube-worksheet.html").read_text(encoding="utf-8")


def test_data_text_is_printed_literally(mini_copy, tmp_path):
    lesson = mini_copy / "data" / "lessons" / "riv-1.yml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("options: [Austria, Germany, Hungary]", 'options: [Austria, Germany, "<b>& Hungary"]')
    text = text.replace("- {text: coal, category: not in the text}", '- {text: "<i>coal</i> & co", category: not in the text}')
    text = text.replace("brief: The port takes grain and steel only.", 'brief: "The port takes <script>alert(1)</script> & steel."')
    lesson.write_text(text, encoding="utf-8")
    assert print_html(mini_copy / "data", tmp_path / "out", "--lesson", "RIV-1") == 0
    ref = load_course(mini_copy / "data", examples=False).lesson_ref("RIV-1")
    sheet, materials = read(tmp_path / "out", ref, "worksheet"), read(tmp_path / "out", ref, "materials")
    assert "&lt;b&gt;&amp; Hungary" in sheet and "<b>& Hungary" not in sheet
    assert "<b>& hungary" in Page(sheet).exercise_text("RIV1-01")
    assert "&lt;i&gt;coal&lt;/i&gt; &amp; co" in materials and "<script>" not in materials
    assert "script" not in Page(materials).tags and "i" not in Page(materials).tags
    assert "<script>alert(1)</script> & steel." in "".join(Page(materials).text)


def test_the_command_line_says_what_it_wrote_and_refuses_an_unknown_lesson(mini_root, tmp_path, capsys):
    assert print_html(mini_root / "data", tmp_path, "--lesson", "RIV-2") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02-riv-rhine-key.html", "02-riv-rhine-worksheet.html"]
    assert "wrote 2 HTML page(s)" in capsys.readouterr().out
    assert print_html(mini_root / "data", tmp_path, "--lesson", "RIV-9") == 2
    assert "no lesson RIV-9" in capsys.readouterr().err


def test_without_chromium_the_html_is_written_and_the_pdfs_are_said_to_need_it(mini_root, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("lessonkit.publish.print_course.find_chromium", lambda: None)
    assert main(["--data", str(mini_root / "data"), "print", "-o", str(tmp_path), "--lesson", "RIV-2"]) == 1
    assert (tmp_path / "02-riv-rhine-worksheet.html").exists() and not list(tmp_path.glob("*.pdf"))
    assert "PDFs need Chromium" in capsys.readouterr().err
