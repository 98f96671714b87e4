"""Data to files: every notebook the course needs, written only when it changed, and the freshness check.

The pages themselves are made in `lesson_pages`, `solution_pages` and `course_pages` from
data/ alone. The output is deterministic (fixed cell ids, no timestamps), so building
twice gives the same bytes and `--check` can tell a stale committed notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.model import Course
from .course_pages import build_progress_page, build_start_page, build_trainer_page
from .lesson_pages import build_lesson
from .solution_pages import build_solution


@dataclass(frozen=True)
class Output:
    """A file the build writes, relative to the project root."""

    path: str
    content: str


def build_all(course: Course) -> list[Output]:
    """Every notebook of the course: start page, each lesson and its solution, progress and trainer pages.
    A released course (course.yml `release: student`) has no teacher notes: no solutions."""
    outputs = [Output(f"notebooks/{course.map.start_page}.ipynb", build_start_page(course))]
    for ref in course.map.lessons:
        outputs.append(Output(f"notebooks/{ref.notebook}.ipynb", build_lesson(course, ref)))
        if course.map.release is None:
            outputs.append(Output(f"solutions/{ref.notebook}.ipynb", build_solution(course, ref)))
    if course.map.progress_page:
        outputs.append(Output(f"notebooks/{course.map.progress_page}.ipynb", build_progress_page(course)))
    if course.map.trainer:
        outputs.append(Output(f"notebooks/{course.map.trainer}.ipynb", build_trainer_page(course)))
    return outputs


def write(outputs: list[Output], root: Path) -> list[str]:
    """Write the files that changed; return their paths."""
    changed = []
    for output in outputs:
        path = root / output.path
        if not path.exists() or path.read_text(encoding="utf-8") != output.content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(output.content, encoding="utf-8")
            changed.append(output.path)
    return changed


def _built_by_lessonkit(path: Path) -> bool:
    """A notebook the build once wrote: it carries `metadata.lessonkit.role`."""
    import nbformat

    try:
        return "role" in nbformat.read(path, as_version=4).metadata.get("lessonkit", {})
    except (OSError, ValueError, AttributeError, nbformat.ValidationError):  # not a notebook: not ours
        return False


def leftovers(outputs: list[Output], root: Path) -> tuple[list[str], list[str]]:
    """Notebooks in notebooks/ and solutions/ that the build does not write: those it once
    wrote (a lesson renamed or removed from data/course.yml) and any others."""
    expected = {output.path for output in outputs}
    found = [path for folder in ("notebooks", "solutions") for path in sorted((root / folder).glob("*.ipynb"))
             if path.relative_to(root).as_posix() not in expected]
    built = [path.relative_to(root).as_posix() for path in found if _built_by_lessonkit(path)]
    other = [path.relative_to(root).as_posix() for path in found if path.relative_to(root).as_posix() not in built]
    return built, other


def remove_old(outputs: list[Output], root: Path) -> list[str]:
    """Delete the notebooks the build once wrote and no longer does; return their paths.
    Notebooks the build never wrote (a teacher's own) are left alone."""
    built, _ = leftovers(outputs, root)
    for path in built:
        (root / path).unlink()
    return built


def stale(outputs: list[Output], root: Path) -> list[str]:
    """One line per committed notebook that is not what the build produces."""
    differing = [
        f"{output.path} differs from what `python -m lessonkit build` produces"
        for output in outputs
        if not (root / output.path).exists() or (root / output.path).read_text(encoding="utf-8") != output.content
    ]
    built, other = leftovers(outputs, root)
    return (differing
            + [f"{path} is no longer made from data/ (its lesson was renamed or removed): `python -m lessonkit build` deletes it"
               for path in built]
            + [f"{path} was not made by the build: move your own notebooks out of notebooks/ and solutions/" for path in other])
