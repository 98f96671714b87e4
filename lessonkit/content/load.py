"""Reading data/: the public entry that finds the course and composes the stages below.

Each file is read by `yaml_reader` (safe YAML, one clear line when it cannot be read),
validated by the schema in `model` with errors in the authors' words (`schema_errors`),
then checked against the other files (`cross_checks`). Every stage reports `Problem`s;
`collect` gathers them, sorted, and `load_course` raises them as one `DataError`.

Nothing here knows about widgets or notebooks.
"""

from __future__ import annotations

from pathlib import Path

from . import model
from .cross_checks import check_course, check_glossary, check_lesson, check_text, check_timeline
from .data_dir import DATA_ENV, find_data_dir
from .plan_checks import check_release
from .problems import DataError, Problem
from .schema_errors import M, validate, validate_lesson
from .yaml_reader import CourseLoader, data_name, read_yaml

__all__ = [
    "DATA_ENV", "CourseLoader", "DataError", "Problem", "collect", "find_data_dir", "load_course",
    "read_file", "read_yaml", "validate", "validate_lesson",
]

def read_file(cls: type[M], data_dir: Path, relative: str) -> tuple[M | None, list[Problem], str]:
    """One data file read and validated against `cls`: (record or None, problems, its name)."""
    path = data_dir / relative
    name = data_name(path, data_dir)
    raw, problems = read_yaml(path, data_dir)
    if raw is None:
        return None, problems, name
    record, found = validate(cls, raw, name)
    return record, problems + found, name


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Each problem once, grouped by file and item, as `lessonkit check` prints them."""
    return sorted(set(problems), key=lambda p: (p.file, p.item, p.what))


def collect(data_dir: Path, only: str | None = None, examples: bool | None = None) -> tuple[model.Course | None, list[Problem]]:
    """Read and check everything; return the course (None if unusable) and every problem.

    With `only` (a lesson id), read just that lesson's file and skip the checks across
    lessons: what a notebook needs to open quickly. `check` and `build` read everything.
    `examples` judges every author's learner answer against its checker (about 0.4 s for
    this course): by default only when the whole course is read. The notebooks a learner
    opens (progress page, trainer) read the whole course without it: the authors' check
    has judged the examples already.
    """
    if examples is None:
        examples = only is None
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
            problems += check_text(text, name)
    paragraphs = {p.id: p for t in texts.values() for p in t.paragraphs}
    if len(texts) != len(course_map.texts):
        # Every quote and paragraph id of the course points into the texts: checked against
        # a text that cannot be read, they would bury its one cause under hundreds of lines.
        return None, _sorted(problems) + [
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
            problems += check_glossary(glossary, paragraphs, name)
    lessons: dict[str, model.Lesson] = {}
    for ref in course_map.lessons:
        if only is not None and ref.id != only:
            continue
        path = data_dir / ref.file
        name = data_name(path, data_dir)
        raw, found = read_yaml(path, data_dir)
        problems += found
        # Lessons are validated exercise by exercise, so one broken exercise hides no other.
        lesson, found, broken = validate_lesson(raw, name) if raw is not None else (None, [], set())
        problems += found
        if lesson is not None:
            lessons[ref.id] = lesson
            problems += check_lesson(lesson, ref, paragraphs, name, broken, thorough=examples)
            problems += check_release(lesson, course_map.release is not None, name)
    timeline = None
    if course_map.timeline:
        timeline, found, name = read_file(model.Timeline, data_dir, course_map.timeline)
        problems += found
        if timeline is not None:
            problems += check_timeline(timeline, paragraphs, name)
    # Every text was read (else the return above): the course stands when its lessons do.
    course = model.Course(data_dir, course_map, texts, glossaries, lessons, timeline)
    if only is not None:
        if only not in {ref.id for ref in course_map.lessons}:
            problems.append(Problem("data/course.yml", only, "no such lesson in the course map", "use a lesson id listed under `lessons:`"))
        return (course if only in lessons else None), _sorted(problems)
    if len(lessons) != len(course_map.lessons):
        return None, _sorted(problems)
    return course, _sorted(problems + check_course(course, "data/course.yml"))


def load_course(data_dir: Path | None = None, only: str | None = None, examples: bool | None = None) -> model.Course:
    """The validated course, or DataError listing every problem (see `collect` for `only` and `examples`)."""
    course, problems = collect(data_dir or find_data_dir(), only, examples)
    if problems or course is None:
        raise DataError(problems or [Problem("data", "", "the course could not be read", "run python -m lessonkit check")])
    return course
