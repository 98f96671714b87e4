"""Reading a class's progress exports: each file is a learner, or skipped with one reason.

`lessonkit class-report` and `lessonkit reports` read learners' files; none of them is
trusted. A file is read only up to MAX_BYTES; one that is not a progress file, is damaged,
holds nothing checked, comes from another course (none of its exercise ids is this
course's) or repeats another file (the same learner with the same records) is skipped with
a one-line reason, and the others are still read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.safe_files import reason
from ..learner.progress_model import Progress, ProgressImportError, parse

if TYPE_CHECKING:
    from ..content.model import Course

MAX_BYTES = 5 * 1024 * 1024


class Skip(Exception):
    """A file that is not read; the message is the reason, one line."""


@dataclass(frozen=True)
class Learner:
    label: str  # the name the learner gave, else the file's name; unique in one report
    path: Path
    progress: Progress
    unknown: tuple[str, ...] = ()  # exercise ids in the file that this course does not have


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str

    def line(self) -> str:
        return f"{self.path}: skipped, {self.reason}"


def read_progress(path: Path) -> Progress:
    """A file's progress, read up to MAX_BYTES; Skip says why not."""
    try:
        with Path(path).open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise Skip("it is a folder, not a file") from None
    except OSError as error:
        raise Skip(f"it cannot be read ({reason(error)})") from None
    if len(raw) > MAX_BYTES:
        raise Skip(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a progress file")
    if not raw.strip():
        raise Skip("it is empty")
    try:
        return parse(raw)
    except ProgressImportError as error:
        raise Skip(str(error)) from None


def _content(progress: Progress) -> str:
    """What makes two files the same learner's same work: the name and the records."""
    return json.dumps([progress.name, progress.model_dump(mode="json")["exercises"]], sort_keys=True)


def read_exports(paths: list[Path], course: Course) -> tuple[list[Learner], list[Skipped]]:
    """The learners of `paths` in the order given, and the files skipped, each with its reason."""
    known = {exercise.id for _lesson, exercise in course.all_exercises()}
    learners: list[Learner] = []
    skipped: list[Skipped] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            progress = read_progress(path)
            ids = list(progress.exercises)
            if not ids:
                raise Skip("it holds no checked exercise yet")
            unknown = tuple(i for i in ids if i not in known)
            if len(unknown) == len(ids):
                raise Skip(f"none of its exercises ({', '.join(ids[:3])}{', …' if len(ids) > 3 else ''}) "
                           "is in this course: another course's file?")
            content = _content(progress)
            if content in seen:
                raise Skip(f"the same learner and the same answers as {seen[content].name}, read already")
        except Skip as error:
            skipped.append(Skipped(Path(path), str(error)))
            continue
        seen[content] = Path(path)
        learners.append(Learner(" ".join(progress.name.split()) or Path(path).name, Path(path), progress, unknown))
    return _unique_labels(learners), skipped


def _unique_labels(learners: list[Learner]) -> list[Learner]:
    """Two learners who gave the same name (or none) stay two rows: the file name tells them apart."""
    counts: dict[str, int] = {}
    for learner in learners:
        counts[learner.label] = counts.get(learner.label, 0) + 1
    unique: list[Learner] = []
    taken: set[str] = set()
    for learner in learners:
        label = learner.label if counts[learner.label] == 1 else f"{learner.label} ({learner.path.name})"
        n = 1
        while label in taken:  # the same name in two files of the same name, in two folders
            n += 1
            label = f"{learner.label} ({learner.path.name}, {n})"
        taken.add(label)
        unique.append(Learner(label, learner.path, learner.progress, learner.unknown))
    return unique
