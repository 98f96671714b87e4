"""`lessonkit export csv OUT`: the glossaries for Quizlet and the course's answer sheet.

- `glossary-<text id>.tsv`, one per text: "term TAB contextual Russian translation", one
  card a line, no header line (Quizlet would import it as a card), UTF-8. A tab or line
  break inside the data becomes a space, so that a line stays one card.
- `answer-sheet.csv`: one row per item of every exercise, lesson by lesson in the course
  map's order and, in a lesson, in the order its page shows the exercises (the order of the
  printed answer key), with the item's own words, the key, the other answers the checker
  accepts and the evidence. Comma-separated with the `csv` module's quoting, UTF-8, one header line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..content.kinds import answer_text, item_words, kind_of
from ..content.model import Course
from ..content.safe_files import write_atomically
from .export_result import Exported

HEADER = ("lesson", "exercise", "item", "prompt", "kind", "key", "accepted variants", "evidence")
ANSWER_SHEET = "answer-sheet.csv"

# Between the variants of one answer; between the columns of a table row.
OR = " | "
AND = "; "


def one_line(value: str) -> str:
    """A value for one line of a TSV file: tabs, line breaks and runs of spaces become one space."""
    return " ".join(value.split())


def glossary_lines(course: Course, text_id: str) -> list[str]:
    """One text's glossary as Quizlet lines: "term<TAB>definition", in the glossary's order."""
    glossary = course.glossaries.get(text_id)
    if glossary is None:
        return []
    return [f"{one_line(entry.term)}\t{one_line(entry.contextual)}" for entry in glossary.entries]


def accepted_variants(item: Any) -> str:
    """What else is marked right besides the key: a gap's other answers, a table row's other
    answers per column, or the key terms a short answer or translation is checked by; else ""."""
    if getattr(item, "blanks", None):
        # A row may have several blanks: name the column of each ("place: 10 | ten").
        return AND.join(f"{column}: {OR.join(answers[1:])}" for column, answers in item.blanks.items() if len(answers) > 1)
    if getattr(item, "accept", None):
        return OR.join(item.accept)
    if getattr(item, "key_terms", None):
        return f"key terms: {item.key_terms_rule}"
    return ""


def evidence_text(item: Any) -> str:
    """Each evidence quote with its paragraph id: «quote» (I-03); several are separated by "; "."""
    return AND.join(f"«{evidence.quote}» ({evidence.paragraph})" for evidence in item.evidence)


def answer_rows(course: Course) -> Iterator[list[str]]:
    """The answer sheet's rows (without the header), one per item."""
    for ref in course.map.lessons:
        lesson = course.lessons.get(ref.id)
        if lesson is None:
            continue
        for exercise in lesson.shown_exercises():
            kind = kind_of(exercise)
            for n, item in enumerate(exercise.items):
                yield [ref.id, exercise.id, str(n + 1), one_line(item_words(exercise, item)), kind.name_en, answer_text(exercise, n),
                       accepted_variants(item), evidence_text(item)]


def sheet_text(rows: list[list[str]]) -> str:
    """The answer sheet as CSV text: the header, then the rows, quoted by the `csv` module."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return stream.getvalue()


def export_csv(course: Course, out: Path) -> Exported:
    """Write OUT/glossary-<text id>.tsv for every text with a glossary, and OUT/answer-sheet.csv."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    terms = 0
    for ref in course.map.texts:
        lines = glossary_lines(course, ref.id)
        if not lines:
            continue
        # A text id is the author's words: keep the file name inside OUT whatever it holds.
        path = out / f"glossary-{re.sub(r'[^A-Za-z0-9_-]+', '-', ref.id)}.tsv"
        write_atomically(path, "".join(f"{line}\n" for line in lines).encode("utf-8"))
        paths.append(path)
        terms += len(lines)
    rows = list(answer_rows(course))
    sheet = out / ANSWER_SHEET
    write_atomically(sheet, sheet_text(rows).encode("utf-8"))
    paths.append(sheet)
    return Exported(paths=tuple(paths), counts={"glossary terms": terms, "answer rows": len(rows)})
