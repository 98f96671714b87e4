"""`lessonkit class-report FILE... -o report.html [--csv]`: how a class did, from its exports.

`class_report` reads the files (`class_files`), computes the figures (`class_data`) and keeps
them together; `class_page` writes them as one self-contained HTML page, `write_csv` as two
CSV files: `<name>-scores.csv` (learner × lesson, the class median last) and
`<name>-items.csv` (one row per item checked by at least one learner).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .class_data import ItemStat, class_median, item_stats, most_missed, score_frame, score_table
from .class_files import Learner, Skipped, read_exports

if TYPE_CHECKING:
    from ..content.model import Course

MEDIAN_ROW = "class median"


@dataclass(frozen=True)
class ClassReport:
    """The learners read from a class's exports; every figure is derived from them once, on first use."""

    course: Course
    learners: list[Learner]
    skipped: list[Skipped]

    @cached_property
    def frame(self) -> pd.DataFrame:
        """One row per learner and lesson (see class_data.score_frame)."""
        return score_frame(self.course, self.learners)

    @cached_property
    def table(self) -> pd.DataFrame:
        """Learner × lesson, percentage right."""
        return score_table(self.course, self.frame)

    @cached_property
    def median(self) -> pd.Series:
        """The class median per lesson."""
        return class_median(self.table)

    @cached_property
    def items(self) -> list[ItemStat]:
        return item_stats(self.course, self.learners)

    @cached_property
    def missed(self) -> list[ItemStat]:
        """The ten most missed items."""
        return most_missed(self.items)


def class_report(course: Course, paths: list[Path]) -> ClassReport:
    learners, skipped = read_exports(paths, course)
    return ClassReport(course, learners, skipped)


# --- CSV ----------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Learner text in a CSV cell: one that a spreadsheet would run as a formula is quoted with '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _number(value: float | None) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.1f}"


def _answers(found: list[tuple[str, int]]) -> str:
    return " | ".join(f"{_cell(answer)} ({count})" for answer, count in found)


def csv_paths(output: Path) -> tuple[Path, Path]:
    """Where `--csv -o NAME` writes: NAME-scores.csv and NAME-items.csv, beside NAME."""
    stem = output.name[: -len(output.suffix)] if output.suffix else output.name
    return output.with_name(f"{stem}-scores.csv"), output.with_name(f"{stem}-items.csv")


def write_csv(report: ClassReport, output: Path) -> list[Path]:
    scores_path, items_path = csv_paths(output)
    lessons = list(report.table.columns)
    with scores_path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["learner", *lessons])
        for learner, row in report.table.iterrows():
            writer.writerow([_cell(str(learner)), *(_number(row[lesson]) for lesson in lessons)])
        writer.writerow([MEDIAN_ROW, *(_number(report.median[lesson]) for lesson in lessons)])
    with items_path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["lesson", "exercise", "item", "paragraph", "notebook", "learners_checked", "right", "partial",
                         "wrong", "unanswered", "share_right", "wrong_checks_all_attempts", "common_wrong_answers",
                         "self_credited", "should_be_accepted"])
        for stat in report.items:
            if not stat.checked and not stat.misses:
                continue
            share = "" if stat.share_right is None else f"{stat.share_right:.3f}"
            writer.writerow([stat.lesson, stat.exercise, stat.item, stat.paragraph, f"notebooks/{stat.notebook}.ipynb",
                             stat.checked, stat.right, stat.partial, stat.wrong, stat.unanswered, share, stat.misses,
                             _answers(stat.wrong_answers), _answers(stat.self_credited),
                             _answers(stat.should_be_accepted)])
    return [scores_path, items_path]


def write_html(report: ClassReport, output: Path) -> list[Path]:
    from .class_page import report_html

    output.write_text(report_html(report), encoding="utf-8")
    return [output]
