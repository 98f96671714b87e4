"""`python -m lessonkit print`: the printed course, per lesson a worksheet, an answer key
and (when the lesson has any) its workshop materials, as HTML and A4 PDF:

    <out>/<notebook>-worksheet.html/.pdf   <notebook>-key.html/.pdf   <notebook>-materials.html/.pdf
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.model import Course
from .print_key import answer_key
from .print_materials import materials_page
from .print_pdf import MISSING, find_chromium, print_pdfs
from .print_worksheet import worksheet


@dataclass
class Printed:
    """What a print run wrote, and what went wrong."""

    html: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def lesson_pages(course: Course, lesson_id: str) -> dict[str, str]:
    """A lesson's printed pages as HTML, by suffix: worksheet, key and (if any) materials."""
    ref = course.lesson_ref(lesson_id)
    pages = {"worksheet": worksheet(course, ref), "key": answer_key(course, ref)}
    materials = materials_page(course, ref)
    if materials is not None:
        pages["materials"] = materials
    return pages


def print_course(course: Course, out: Path, lessons: Iterable[str] = (), pdf: bool = True) -> Printed:
    """Write the printed pages of the given lessons (default: all) into `out`."""
    chosen = list(lessons) or [ref.id for ref in course.map.lessons]
    out.mkdir(parents=True, exist_ok=True)
    done = Printed()
    for lesson_id in chosen:
        notebook = course.lesson_ref(lesson_id).notebook
        pages = lesson_pages(course, lesson_id)
        for suffix, html in pages.items():
            path = out / f"{notebook}-{suffix}.html"
            path.write_text(html, encoding="utf-8")
            done.html.append(path)
        if "materials" not in pages:  # the lesson's materials were removed since the last print
            for old in (out / f"{notebook}-materials.html", out / f"{notebook}-materials.pdf"):
                old.unlink(missing_ok=True)
    if not pdf:
        return done
    chromium = find_chromium()
    if chromium is None:
        done.problems.append(MISSING)
        return done
    pairs = [(path, path.with_suffix(".pdf")) for path in done.html]
    done.problems += print_pdfs(chromium, pairs)
    done.pdf = [target for _, target in pairs if target.is_file()]
    return done
