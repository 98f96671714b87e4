"""The course content against its own text: quotes, glossary, keys, distractors, edits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessonkit.content.kinds import KINDS, check, key_responses, kind_of
from lessonkit.marking.answers import OpenResponse
from lessonkit.marking.normalise import same_answer

ROOT = Path(__file__).resolve().parent.parent


def all_items(course):
    for lesson_id, exercise in course.all_exercises():
        for n, item in enumerate(exercise.items):
            yield lesson_id, exercise, n, item


# Quotes, glossary sentences, paragraph ids and keys that pass their own checker are the
# loader's rules (lessonkit/content/cross_checks.py): the `course` fixture cannot load
# data that breaks them, and tests/test_check_command.py breaks a copy of the data for
# each and asserts the message. The tests here are the course's own content rules.


def test_every_item_but_an_open_task_cites_its_evidence(course):
    missing = [f"{exercise.id} item {n + 1}" for _, exercise, n, item in all_items(course)
               if not item.evidence and kind_of(exercise).control != "open"]
    assert missing == []


def _wrong_gap_words(kind, exercise, item) -> list:
    others = [other.answer for other in exercise.items if not same_answer(other.answer, item.answer)]
    others = [o for o in others if not any(same_answer(o, a) for a in item.accept)]
    return others + getattr(exercise, "extra_words", [])


def _wrong_selections(kind, exercise, item) -> list:
    right = set(item.answers)
    return [right - {a} for a in right if len(right) > 1] + [right | {o} for o in item.options if o not in right]


# Per control of the registry: responses that must not pass for an item (kind, exercise, item).
WRONG_RESPONSES = {
    "choice": lambda kind, exercise, item: [o for o in item.options if o != item.answer],
    "judgement": lambda kind, exercise, item: [label for label in kind.scale if label != item.answer],
    "select": lambda kind, exercise, item: [c for c in exercise.choices if c != item.answer],
    "multi": _wrong_selections,
    "order": lambda kind, exercise, item: [item.answer[::-1]],
    "gap": _wrong_gap_words,
    "text": lambda kind, exercise, item: [
        "I do not know.", getattr(item, kind.stem) if kind.stem_lang != "en" else "The text does not say."],
    "open": lambda kind, exercise, item: [OpenResponse(item.model_answer, frozenset())],
    "row": lambda kind, exercise, item: [],  # each blank of a row is tried by the fairness examples
}


def test_every_control_says_which_responses_must_fail():
    assert {kind.control for kind in KINDS.values()} == set(WRONG_RESPONSES)


def test_no_distractor_is_accepted(course):
    for _, exercise, n, item in all_items(course):
        responses = key_responses(exercise)
        kind = kind_of(exercise)
        for wrong in WRONG_RESPONSES[kind.control](kind, exercise, item):
            trial = list(responses)
            trial[n] = wrong
            assert not check(exercise, trial).items[n].right, f"{exercise.id} item {n + 1} accepts {wrong!r}"


def test_paragraph_ids_follow_the_register(course):
    assert [p.id for p in course.texts["iom"].paragraphs] == [f"I-{n:02d}" for n in range(1, 35)]
    assert [p.id for p in course.texts["ngo"].paragraphs] == [f"N-{n:02d}" for n in range(1, 21)]


# --- the handout: edits undone give back its words ---------------------------------------------


def handout_body_words(text_title: str) -> list[str]:
    """Words of one text of the handout: no headings, plan, glossary or markup."""
    lines = (ROOT / "data" / "source" / "handout.md").read_text(encoding="utf-8").splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("#") and line.lstrip("# ").strip() in ("International Organization for Migration", "NGO Committee on Migration")]
    titles = [lines[n].lstrip("# ").strip() for n in starts]
    index = titles.index(text_title)
    block = lines[starts[index] + 1 : starts[index + 1] if index + 1 < len(starts) else len(lines)]
    words: list[str] = []
    in_fence = False
    for line in block:
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith("#") or re.match(r"^- \d\.", line):
            continue
        line = re.sub(r"^- ", "", line).replace("**", "")
        words += line.split()
    return words


def undone(paragraph) -> str:
    body = "\n".join([paragraph.text, *paragraph.items])
    for edit in paragraph.edits:
        assert body.count(edit.corrected) == 1, (paragraph.id, edit.corrected)
        body = body.replace(edit.corrected, edit.original)
    return body


@pytest.mark.parametrize("text_id, title", [("iom", "International Organization for Migration"), ("ngo", "NGO Committee on Migration")])
def test_passages_with_edits_undone_reproduce_the_handout(course, text_id, title):
    words = [w for p in course.texts[text_id].paragraphs for w in undone(p).split()]
    assert words == handout_body_words(title)


def test_every_edit_changes_the_wording_and_says_why(course):
    for text in course.texts.values():
        for paragraph in text.paragraphs:
            for edit in paragraph.edits:
                assert edit.original != edit.corrected and len(edit.reason) > 10


@pytest.mark.parametrize(
    "paragraph_id, kept",
    [
        ("I-11", "date back to 2007, when a movement was initiated by the \"I Am a Migrant Too\" campaign in 2012"),
        ("I-10", "IOM and UN co-chair"),
        ("N-11", "In May 2011 the High Commissioner welcomed the February 2012 decision"),
    ],
)
def test_contradictions_stay_in_the_text_with_a_visible_note(course, paragraph_id, kept):
    paragraph = course.paragraphs[paragraph_id]
    assert kept in paragraph.text
    assert paragraph.notes, f"{paragraph_id} needs an editor's note"


def test_the_text_says_where_it_turns_from_the_committee_to_ohchr(course):
    notes = course.paragraphs["N-03"].notes
    assert notes and "OHCHR" in notes[0].en and notes[0].ru


@pytest.mark.parametrize("term, wrong, right", [
    ("asylum-seeker", "беженец", "убежища"),
    ("compliant", "уступчивый", "соответств"),
    ("enhancement", "усовершенствование", "укреплени"),
])
def test_the_three_glossary_entries_wrong_in_context_are_corrected(course, term, wrong, right):
    entry = next(e for g in course.glossaries.values() for e in g.entries if e.term == term)
    assert entry.handout == wrong and wrong not in entry.contextual
    assert right in entry.contextual and entry.note


def test_glossary_keeps_handout_translation_and_gives_the_contextual_one(course):
    entries = {e.term: e for g in course.glossaries.values() for e in g.entries}
    assert entries["asylum-seeker"].handout == "беженец"
    assert "убежища" in entries["asylum-seeker"].contextual
    assert entries["asylum-seeker"].note
    handout_entries = [e for e in entries.values() if e.handout]
    assert len([e for e in course.glossaries["iom"].entries if e.handout]) == 10
    assert all(e.contextual for e in handout_entries)


def test_every_kind_is_used_at_least_twice_across_the_course(course):
    from collections import Counter

    used = Counter(exercise.kind for _, exercise in course.all_exercises())
    assert {kind: used[kind] for kind in KINDS if used[kind] < 2} == {}


def test_thin_plan_points_say_what_the_text_does_not_contain(course):
    for lesson_id in ("IOM-2", "NGO-2", "NGO-3"):
        lesson = course.lessons[lesson_id]
        assert lesson.note is not None and lesson.note.en and lesson.note.ru, lesson_id
        assert lesson.paragraph_ids == [] and lesson.shown_paragraph_ids, lesson_id
        assert "stated_inferred" in {e.kind for e in lesson.exercises}, lesson_id


def test_every_handout_paragraph_is_read_in_exactly_one_lesson(course):
    from collections import Counter

    read = Counter(pid for lesson in course.lessons.values() for pid in lesson.paragraph_ids)
    every = [p.id for text in course.texts.values() for p in text.paragraphs]
    assert every  # that no paragraph of the handout is lost is checked against the handout itself
    assert {pid: read[pid] for pid in every if read[pid] != 1} == {}


def test_one_lesson_per_plan_point_numbered_in_course_order(course):
    """Each plan point of each text has exactly one lesson, and a capstone belongs to none;
    the course map orders them all (a thin plan point may come after the lessons it draws on,
    a capstone after what it re-reads) and the notebooks' numbers rise in that order, after
    the start page and before the progress page and the trainer."""
    expected = sorted((text.id, n) for text in course.texts.values() for n in range(1, len(text.plan) + 1))
    assert sorted((ref.text, ref.plan_point) for ref in course.map.lessons if not ref.capstone) == expected
    assert all(ref.plan_point is None for ref in course.map.lessons if ref.capstone)
    numbers = [int(ref.notebook.split("-")[0]) for ref in course.map.lessons]
    pages = [int(name.split("-")[0]) for name in (course.map.progress_page, course.map.trainer) if name]
    start = int(course.map.start_page.split("-")[0])
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), numbers
    assert start < numbers[0] and all(page > numbers[-1] for page in pages)


def test_a_capstone_is_a_round_table_with_role_cards_and_time_for_it(course):
    """The issue's rule for the course's capstone: role cards, a procedure (two routes) and a
    realistic time, 35 minutes or more; it reads nothing new."""
    for ref in (ref for ref in course.map.lessons if ref.capstone):
        lesson = course.lessons[ref.id]
        assert ref.workshop_minutes >= 35 and lesson.teacher.routes is not None, ref.id
        assert any(material.kind == "role_cards" for material in lesson.materials), ref.id
        assert lesson.paragraph_ids == [] and lesson.shown_paragraph_ids, ref.id


def test_typed_items_carry_more_answers_that_must_fail_than_must_pass(course):
    """Fair marking: that each example is judged as its author expects is the loader's rule;
    the course asks for at least one passing and two failing answers per typed item."""
    from lessonkit.content.fairness import TYPED_KINDS, examples_of

    typed = [e for _, e in course.all_exercises() if e.kind in TYPED_KINDS]
    assert typed
    accepted = sum(example.accept for e in typed for example in examples_of(e))
    rejected = sum(not example.accept for e in typed for example in examples_of(e))
    assert accepted >= sum(len(e.items) for e in typed) and rejected >= 2 * sum(len(e.items) for e in typed)
