"""Reading data/: YAML through a safe loader, validation by the schema in `model`,
cross-references between files, and one readable line per problem.

Nothing here knows about widgets or notebooks.
"""

from __future__ import annotations

import os
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from . import model
from .answers import check, key_responses
from .fairness import misjudged, too_few_examples

DATA_ENV = "LESSONKIT_DATA"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data: where, what, and what to do about it."""

    file: str
    item: str
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.item}" if self.item else self.file
        return f"{where}: {self.what} — {self.fix}"


class DataError(Exception):
    """The data cannot be used; `problems` says why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- finding the data ---------------------------------------------------------------------


def find_data_dir(start: Path | None = None) -> Path:
    """The course's data/ folder, wherever the notebook or command runs from.

    Order: $LESSONKIT_DATA; the nearest data/course.yml at or above `start` (default: the
    working directory). When there is none, the answer is `data/` where the search began:
    the course then says it found no course.yml there, instead of quietly opening another
    course (the one beside this package) in a notebook that was copied elsewhere.
    """
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "course.yml").is_file():
            return folder / "data"
    return here / "data"


# --- reading files ---------------------------------------------------------------------------


def _relative(path: Path, data_dir: Path) -> str:
    try:
        return f"data/{path.relative_to(data_dir).as_posix()}"
    except ValueError:
        return str(path)


_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CourseLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, stricter where course data needs it.

    - Dates stay text: `when: 2012-02-30` is the author's words, not a date to construct
      (an impossible date would otherwise raise from inside the parser).
    - A key written twice in one mapping is an error (YAML would keep the last silently).
    - Aliases (`*name`) are refused: course files never need them, and a few nested ones
      expand into gigabytes when the data is walked.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (*name) repeats a value; course data writes every value out", node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice in one mapping; keep one", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, data_dir: Path) -> tuple[Any, list[Problem]]:
    name = _relative(path, data_dir)
    if path.exists() and not path.is_file():
        # A folder or a FIFO: reading a FIFO would wait for a writer for ever.
        return None, [Problem(name, "", "it is not a regular file", "replace it with a YAML file or correct the path that names it")]
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "", "the file does not exist", "create it or correct the path that names it")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, "", f"the file cannot be read ({error.__class__.__name__})", "save it as UTF-8 text")]
    try:
        data = yaml.load(raw, Loader=CourseLoader)  # noqa: S506 - a safe loader, never the full one
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        reason = getattr(error, "problem", None) or "not valid YAML"
        return None, [Problem(name, "", f"malformed YAML at {where}: {reason}", "check the indentation, colons and quotes near that line")]
    if data is None:
        return None, [Problem(name, "", "the file is empty", "fill it in (see data/README.md) or remove the reference to it")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "the file must hold a mapping of fields", "start with field names such as `id:` (see data/README.md)")]
    return data, []


def _label(raw: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Item id (exercise id, paragraph id or term) and the readable field path of an error."""
    item = ""
    node = raw
    path: list[str] = []
    for part in loc:
        if isinstance(part, str) and part in model.EXERCISE_KINDS and not (isinstance(node, dict) and part in node):
            continue  # the union tag pydantic adds to the location
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            named = node.get("id") or node.get("term") if isinstance(node, dict) else None
            if named and not item:
                item, path = str(named), []
                continue
            parent = path.pop() if path else "entry"
            singular = {"items": "item", "entries": "entry", "paragraphs": "paragraph", "sections": "section", "events": "event"}.get(parent)
            path.append(f"{singular} {part + 1}" if singular else f"{parent}[{part + 1}]")
            continue
        node = node.get(part) if isinstance(node, dict) else None
        path.append(str(part))
    return item, ".".join(path)


_FIXES = {
    "missing": "add the field (see data/README.md)",
    "extra_forbidden": "remove the field or correct its spelling (see data/README.md)",
    "string_type": "write it as text",
    "string_too_short": "write some text; it must not be empty",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "list_type": "write a list (lines starting with '- ')",
    "dict_type": "write a mapping of fields",
    "too_short": "add the missing entries",
    "string_pattern_mismatch": "use the form shown in data/README.md",
    "literal_error": "use one of the values named",
    "union_tag_invalid": "use one of the exercise kinds listed in data/README.md",
    "union_tag_not_found": "add `kind:` with one of the exercise kinds listed in data/README.md",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "model_attributes_type": "write a mapping of fields",
    "model_type": "write a mapping of fields",
}


def validate(cls: type[M], raw: Any, name: str) -> tuple[M | None, list[Problem]]:
    try:
        return cls.model_validate(raw), []
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            item, field = _label(raw, tuple(detail["loc"]))
            kind = detail["type"]
            message = detail["msg"]
            if kind == "value_error":
                message = message.removeprefix("Value error, ")
                what, _, fix = message.partition("; ")
                problems.append(Problem(name, item, f"{field}: {what}" if field else what, fix or "correct it"))
                continue
            if kind == "union_tag_invalid":
                message = f"unknown exercise kind {detail.get('ctx', {}).get('tag')!r}"
            message = message[:1].lower() + message[1:]
            problems.append(Problem(name, item, f"{field}: {message}" if field else message, _FIXES.get(kind, "correct the value")))
        return None, problems


_EXERCISE = TypeAdapter(model.Exercise)


def validate_lesson(raw: dict[str, Any], name: str) -> tuple[model.Lesson | None, list[Problem], set[str]]:
    """Validate each exercise on its own, so one broken exercise does not hide the others.

    Returns the lesson (with its valid exercises), the problems, and the ids of the
    exercises that were left out because they are broken.
    """
    problems: list[Problem] = []
    valid: list[Any] = []
    broken: set[str] = set()
    raw_exercises = raw.get("exercises")
    if isinstance(raw_exercises, list) and raw_exercises:
        for entry in raw_exercises:
            try:
                valid.append(_EXERCISE.validate_python(entry))
            except ValidationError:
                _, found = validate(_ExerciseHolder, {"exercises": [entry]}, name)
                problems += found
                if isinstance(entry, dict) and entry.get("id"):
                    broken.add(str(entry["id"]))
        raw = {**raw, "exercises": valid or raw_exercises}
    lesson, found = validate(model.Lesson, raw, name)
    return lesson, problems + found, broken


class _ExerciseHolder(BaseModel):
    """Wraps one exercise so its errors are located like those of a whole lesson file."""

    exercises: list[model.Exercise]


# --- cross-references ---------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _check_text(text: model.Text, name: str) -> list[Problem]:
    problems = []
    for para in text.paragraphs:
        if para.plan_point > len(text.plan):
            problems.append(Problem(name, para.id, f"plan_point {para.plan_point} does not exist (the plan has {len(text.plan)} points)", "use a number from the plan"))
        body = para.full_text
        for edit in para.edits:
            count = body.count(edit.corrected)
            if count != 1:
                problems.append(Problem(name, para.id, f"edit: the corrected words {edit.corrected!r} occur {count} times in the paragraph", "quote words that occur exactly once in `text`"))
            if edit.original == edit.corrected:
                problems.append(Problem(name, para.id, "edit: original and corrected are the same", "remove the edit"))
        for note in para.notes:
            if _squeeze(note.quote) not in _squeeze(body):
                problems.append(Problem(name, para.id, f"note: the quote {note.quote!r} is not in the paragraph", "copy the words exactly from `text`"))
    return problems


def _check_glossary(glossary: model.Glossary, paragraphs: dict[str, model.Paragraph], name: str) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for entry in glossary.entries:
        if entry.term.casefold() in seen:
            problems.append(Problem(name, entry.term, "the term is listed twice", "keep one entry"))
        seen.add(entry.term.casefold())
        para = paragraphs.get(entry.paragraph)
        if para is None:
            problems.append(Problem(name, entry.term, f"unknown paragraph id {entry.paragraph}", "use an id from data/texts/"))
            continue
        if _squeeze(entry.sentence) not in _squeeze(para.full_text):
            problems.append(Problem(name, entry.term, f"the sentence is not in paragraph {entry.paragraph}", "copy the sentence exactly from the paragraph's text"))
        if entry.marked_form not in entry.sentence:
            problems.append(Problem(name, entry.term, f"the marked form {entry.marked_form!r} is not in the sentence", "set `mark` to the words as they appear in the sentence"))
    return problems


def _check_timeline(timeline: model.Timeline, paragraphs: dict[str, model.Paragraph], name: str) -> list[Problem]:
    problems = []
    for event in timeline.events:
        label = f"{event.when} {event.place}"
        para = paragraphs.get(event.paragraph)
        if para is None:
            problems.append(Problem(name, label, f"unknown paragraph id {event.paragraph}", "use an id from data/texts/"))
        elif _squeeze(event.quote) not in _squeeze(para.full_text):
            problems.append(Problem(name, label, f"the quote {event.quote!r} is not in paragraph {event.paragraph}", "copy the words exactly from the paragraph"))
    return problems


def _check_lesson(
    lesson: model.Lesson, ref: model.LessonRef, course_paragraphs: dict[str, model.Paragraph], name: str, broken: AbstractSet[str] = frozenset(),
    thorough: bool = True,
) -> list[Problem]:
    problems = []
    if lesson.lesson != ref.id:
        problems.append(Problem(name, lesson.lesson, f"the file says lesson {lesson.lesson} but course.yml expects {ref.id}", "make the two agree"))
    planned = sum(step.minutes for step in lesson.teacher.timing)
    if planned != ref.workshop_minutes:
        problems.append(Problem(name, "teacher.timing", f"the timing plan adds up to {planned} minutes but course.yml gives the workshop {ref.workshop_minutes}",
                                "make the steps add up to workshop_minutes, or change workshop_minutes"))
    ids: dict[str, int] = {}
    for exercise in lesson.exercises:
        ids[exercise.id] = ids.get(exercise.id, 0) + 1
        if not exercise.id.startswith(ref.code + "-"):
            problems.append(Problem(name, exercise.id, f"the id does not start with the lesson code {ref.code}-", f"rename it {ref.code}-NN"))
    for exercise_id, count in ids.items():
        if count > 1:
            problems.append(Problem(name, exercise_id, f"duplicate exercise id ({count} exercises have it)", "give each exercise its own id"))
    shown: dict[str, int] = {}
    for section in lesson.sections:
        for exercise_id in section.exercises:
            shown[exercise_id] = shown.get(exercise_id, 0) + 1
            if exercise_id not in ids and exercise_id not in broken:
                problems.append(Problem(name, exercise_id, f"section {section.title!r} shows an exercise that does not exist", "add the exercise or correct the id"))
        for pid in section.paragraphs + section.reread:
            if pid not in course_paragraphs:
                problems.append(Problem(name, pid, f"section {section.title!r} names an unknown paragraph id", "use an id from data/texts/"))
    for exercise_id in ids:
        if shown.get(exercise_id, 0) != 1:
            problems.append(Problem(name, exercise_id, f"the exercise is shown in {shown.get(exercise_id, 0)} sections", "list it in exactly one section's `exercises`"))
    for exercise in lesson.exercises:
        for n, item in enumerate(exercise.items, start=1):
            for evidence in item.evidence:
                para = course_paragraphs.get(evidence.paragraph)
                if para is None:
                    problems.append(Problem(name, exercise.id, f"item {n}: unknown paragraph id {evidence.paragraph}", "use an id from data/texts/"))
                elif _squeeze(evidence.quote) not in _squeeze(para.full_text):
                    problems.append(Problem(name, exercise.id, f"item {n}: evidence quote not in paragraph {evidence.paragraph}: {evidence.quote!r}", "copy the words exactly from the paragraph"))
        result = check(exercise, key_responses(exercise))
        for n, item_result in enumerate(result.items, start=1):
            if not item_result.right:
                problems.append(Problem(name, exercise.id, f"item {n}: the key is not accepted by its own checker ({item_result.status})", "make the model answer contain the key terms, or correct the key"))
        if not thorough:
            continue  # a notebook opening one lesson: the examples were run by `lessonkit check`
        for line in too_few_examples(exercise):
            problems.append(Problem(name, exercise.id, line, "add learner answers to `examples` (see data/README.md)"))
        for line in misjudged(exercise):
            problems.append(Problem(name, exercise.id, line, "widen the key terms or accepted forms (or narrow them), or correct the example"))
    return problems


def _check_course(course: model.Course, name: str) -> list[Problem]:
    problems = []
    texts = course.texts
    seen_lessons: set[str] = set()
    seen_notebooks: set[str] = set()
    owner: dict[tuple[str, int], str] = {}
    for ref in course.map.lessons:
        if ref.id in seen_lessons:
            problems.append(Problem(name, ref.id, "the lesson is listed twice", "keep one entry"))
        if ref.notebook in seen_notebooks or ref.notebook in (course.map.start_page, course.map.progress_page, course.map.trainer):
            problems.append(Problem(name, ref.id, f"notebook name {ref.notebook} is used twice", "give each lesson its own notebook name"))
        seen_lessons.add(ref.id)
        seen_notebooks.add(ref.notebook)
        text = texts.get(ref.text)
        if text is None:
            problems.append(Problem(name, ref.id, f"unknown text {ref.text!r}", f"use one of {sorted(texts)}"))
        elif ref.plan_point > len(text.plan):
            problems.append(Problem(name, ref.id, f"plan_point {ref.plan_point} does not exist in text {ref.text}", "use a number from the text's plan"))
        owner[(ref.text, ref.plan_point)] = ref.id
    read_in: dict[str, list[str]] = {}
    for lesson_id, lesson in course.lessons.items():
        for pid in lesson.paragraph_ids:
            read_in.setdefault(pid, []).append(lesson_id)
    for text in texts.values():
        for para in text.paragraphs:
            lessons = read_in.get(para.id, [])
            expected = owner.get((text.id, para.plan_point))
            if len(lessons) > 1:
                problems.append(Problem(name, para.id, f"the paragraph is read in {len(lessons)} lessons ({', '.join(lessons)})", "read it in one lesson; use `reread` elsewhere"))
            elif expected and lessons != [expected]:
                where = lessons[0] if lessons else "no lesson"
                problems.append(Problem(name, para.id, f"the paragraph belongs to plan point {para.plan_point} ({expected}) but is read in {where}", f"list it in a section of {expected}"))
    exercise_owner: dict[str, str] = {}
    for lesson_id, exercise in course.all_exercises():
        if exercise.id in exercise_owner and exercise_owner[exercise.id] != lesson_id:
            problems.append(Problem(name, exercise.id, f"duplicate exercise id (in {exercise_owner[exercise.id]} and {lesson_id})", "give each exercise its own id"))
        exercise_owner[exercise.id] = lesson_id
    return problems


# --- the whole course ---------------------------------------------------------------------------


def read_file(cls: type[M], data_dir: Path, relative: str) -> tuple[M | None, list[Problem], str]:
    """One data file read and validated against `cls`: (record or None, problems, its name)."""
    path = data_dir / relative
    name = _relative(path, data_dir)
    raw, problems = read_yaml(path, data_dir)
    if raw is None:
        return None, problems, name
    record, found = validate(cls, raw, name)
    return record, problems + found, name


def collect(data_dir: Path, only: str | None = None) -> tuple[model.Course | None, list[Problem]]:
    """Read and check everything; return the course (None if unusable) and every problem.

    With `only` (a lesson id), read just that lesson's file and skip the checks across
    lessons: what a notebook needs to open quickly. `check` and `build` read everything.
    """
    if not (data_dir / "course.yml").exists():
        return None, [Problem(str(data_dir / "course.yml"), "", "no course here: there is no data/course.yml in this folder or above it",
                              f"open the notebook inside a course folder, or set {DATA_ENV} (or --data) to the course's data folder")]
    course_map, problems, _ = read_file(model.CourseMap, data_dir, "course.yml")
    if course_map is None:
        return None, problems
    texts: dict[str, model.Text] = {}
    glossaries: dict[str, model.Glossary] = {}
    for text_ref in course_map.texts:
        text, found, name = read_file(model.Text, data_dir, text_ref.file)
        problems += found
        if text is not None:
            texts[text_ref.id] = text
            problems += _check_text(text, name)
    paragraphs = {p.id: p for t in texts.values() for p in t.paragraphs}
    if len(texts) != len(course_map.texts):
        # Every quote and paragraph id of the course points into the texts: checked against
        # a text that cannot be read, they would bury its one cause under hundreds of lines.
        return None, sorted(set(problems), key=lambda p: (p.file, p.item, p.what)) + [
            Problem("data/course.yml", "", "the other files were not checked, because a text could not be read",
                    "fix the text first (the lines above), then run the command again")]
    counts: dict[str, int] = {}
    for text in texts.values():
        for p in text.paragraphs:
            counts[p.id] = counts.get(p.id, 0) + 1
    for pid, count in sorted(counts.items()):
        if count > 1:
            problems.append(Problem("data/texts", pid, f"duplicate paragraph id ({count} paragraphs have it)", "give each paragraph its own id"))
    for text_ref in course_map.texts:
        glossary, found, name = read_file(model.Glossary, data_dir, text_ref.glossary)
        problems += found
        if glossary is not None:
            glossaries[text_ref.id] = glossary
            problems += _check_glossary(glossary, paragraphs, name)
    lessons: dict[str, model.Lesson] = {}
    for ref in course_map.lessons:
        if only is not None and ref.id != only:
            continue
        path = data_dir / ref.file
        raw, found = read_yaml(path, data_dir)
        problems += found
        # Lessons are validated exercise by exercise, so one broken exercise hides no other.
        lesson, found, broken = validate_lesson(raw, _relative(path, data_dir)) if raw is not None else (None, [], set())
        problems += found
        if lesson is not None:
            lessons[ref.id] = lesson
            problems += _check_lesson(lesson, ref, paragraphs, _relative(path, data_dir), broken, thorough=only is None)
    timeline = None
    if course_map.timeline:
        timeline, found, name = read_file(model.Timeline, data_dir, course_map.timeline)
        problems += found
        if timeline is not None:
            problems += _check_timeline(timeline, paragraphs, name)
    course: model.Course | None = model.Course(data_dir, course_map, texts, glossaries, lessons, timeline)
    if only is not None:
        if only not in {ref.id for ref in course_map.lessons}:
            problems.append(Problem("data/course.yml", only, "no such lesson in the course map", "use a lesson id listed under `lessons:`"))
        if len(texts) != len(course_map.texts) or only not in lessons:
            course = None
    elif course is not None and len(texts) == len(course_map.texts) and len(lessons) == len(course_map.lessons):
        problems += _check_course(course, "data/course.yml")
    else:
        course = None
    return course, sorted(set(problems), key=lambda p: (p.file, p.item, p.what))


def load_course(data_dir: Path | None = None, only: str | None = None) -> model.Course:
    """The validated course, or DataError listing every problem (see `collect` for `only`)."""
    course, problems = collect(data_dir or find_data_dir(), only)
    if problems or course is None:
        raise DataError(problems or [Problem("data", "", "the course could not be read", "run python -m lessonkit check")])
    return course
