"""`lessonkit reports FILE...`: the answers learners self-credited or reported, per item.

An author reads them to add accepted examples and key terms (see data/README.md:
`examples`). Progress files and exports have the same shape; a file that is not one (or is
larger than `exports.MAX_BYTES`) is skipped with a one-line reason, and the rest are still read.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from .class_files import Skip, Skipped, read_progress

KIND_WORDS = {"self_credited": "means the same (self-credited)", "should_be_accepted": "should be accepted (reported)"}


def collect_claims(paths: list[Path]) -> tuple[Counter[tuple[str, int, str, str]], list[str]]:
    """(exercise, item, kind, answer) -> how many files hold it; and one line per skipped file."""
    found: Counter[tuple[str, int, str, str]] = Counter()
    skipped = []
    for path in paths:
        try:
            progress = read_progress(Path(path))
        except Skip as error:
            skipped.append(Skipped(Path(path), str(error)).line())
            continue
        seen = {(exercise_id, claim.item, claim.kind, claim.answer.strip())
                for exercise_id, record in progress.exercises.items() for claim in record.claims}
        found.update(seen)
    return found, skipped


def _rows(found: Counter[tuple[str, int, str, str]]) -> list[tuple[str, int, str, str, int]]:
    return sorted(((e, i, k, a, n) for (e, i, k, a), n in found.items()), key=lambda r: (r[0], r[1], -r[4], r[2], r[3]))


def as_markdown(found: Counter[tuple[str, int, str, str]]) -> str:
    if not found:
        return "No self-credited or reported answers.\n"
    lines = ["| exercise | item | learners say | answer | learners |", "|---|---|---|---|---|"]
    for exercise, item, kind, answer, count in _rows(found):
        cell = answer.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {exercise} | {item} | {KIND_WORDS[kind]} | {cell} | {count} |")
    return "\n".join(lines) + "\n"


def as_csv(found: Counter[tuple[str, int, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["exercise", "item", "kind", "answer", "learners"])
    writer.writerows(_rows(found))
    return out.getvalue()
