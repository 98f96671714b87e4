"""The course-map table in README.md, regenerated from data/course.yml by the build."""

from __future__ import annotations

import re
from pathlib import Path

from ..content.load_model import course_loads
from ..content.model import Course
from .course_pages import estimate_note, text_and_point
from .launch_links import binder_link
from .markdown import md_escape
from .page_list import course_page_list

START = "<!-- course-map:start (built from data/course.yml by `python -m lessonkit build`) -->"
END = "<!-- course-map:end -->"
_REGION = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)


def binder_url(course: Course, notebook_path: str, ref: str = "main", app: bool = False) -> str:
    """The course repository's Binder link, into JupyterLab or (`app`) Voilà (one builder
    for README, release and `links`)."""
    return binder_link(f"https://github.com/{course.map.repository}", ref, notebook_path, app=app)


def launch_cell(course: Course, path: str, ref: str = "main") -> str:
    """A README's Binder cell for a notebook: into JupyterLab, or as an app without code."""
    return f"[JupyterLab]({binder_url(course, path, ref)}) · [app]({binder_url(course, path, ref, app=True)})"


def course_map_markdown(course: Course) -> str:
    rows = [
        "| notebook | text, plan point | self-study minutes | core, estimated | everything, estimated | open on Binder |",
        "|---|---|---|---|---|---|",
    ]
    loads = course_loads(course)
    for page in course_page_list(course):
        link = f"[{md_escape(page.label)}]({page.path})"
        if page.lesson is None:
            rows.append(f"| {link} | {page.about} | {page.minutes} | | | {launch_cell(course, page.path)} |")
            continue
        load = loads[page.lesson.id]
        text, point = text_and_point(course, page.lesson)
        rows.append(f"| {link} | {text}, {point} | {page.lesson.self_study_minutes} | {load.core_minutes} | {load.full_minutes} "
                    f"| {launch_cell(course, page.path)} |")
    return "\n".join(rows) + "\n\n" + estimate_note()


def update_readme(path: Path, course: Course) -> str | None:
    """README.md with its course-map region rebuilt, or None when it has no such region."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    if START not in text:
        return None
    return _REGION.sub(lambda _m: f"{START}\n{course_map_markdown(course)}\n{END}", text)
