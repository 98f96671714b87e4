"""Files written safely: atomic replacement, copies that never overwrite, moves aside.

The progress store (`learner.progress`) writes through these so that a crash or a full
disk never leaves half a file where the learner's progress should be; the lesson cache and
the exports write through `write_atomically` too. No file format is known here: callers
pass bytes. It sits in `content`, the lowest layer that writes files, so that every layer
above can use it.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from datetime import datetime
from pathlib import Path


def stamp(now: datetime) -> str:
    """A time in a file name: sortable, and free of characters some systems refuse."""
    return now.strftime("%Y%m%dT%H%M%S")


def beside(path: Path, label: str, now: datetime, n: int, joiner: str = ".") -> Path:
    """progress.<label>-<time>.json, then progress.<label>-<time>-1.json, -2...: kept copies.

    `joiner` goes between the name and the label ("my-progress-unsaved-<time>.json").
    """
    suffix = f"-{n}" if n else ""
    return path.with_name(f"{path.stem}{joiner}{label}-{stamp(now)}{suffix}.json")


def keep_copy(path: Path, label: str, now: datetime, data: bytes, joiner: str = ".") -> Path:
    """Write `data` to a new file beside `path`; an existing file is never overwritten.

    A copy that cannot be written whole (a full disk) is removed again and OSError raised,
    so no half-written copy is left for the learner to trust.
    """
    n = 0
    while True:
        candidate = beside(path, label, now, n, joiner)
        try:
            file = open(candidate, "xb")
        except FileExistsError:
            n += 1
            continue
        try:
            with file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
        except OSError:
            with suppress(OSError):
                candidate.unlink()
            raise
        return candidate


def move_aside(path: Path, label: str, now: datetime) -> Path:
    """Rename `path` to a free name beside it (called under the lock, so names do not race)."""
    n = 0
    while beside(path, label, now, n).exists():
        n += 1
    kept = beside(path, label, now, n)
    os.rename(path, kept)
    return kept


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed to disk, then moved over `path` in one step."""
    tmp = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    moved = False
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp.name, path)
        moved = True
    finally:
        if not moved:
            with suppress(OSError):
                os.unlink(tmp.name)


def remove_abandoned_temporaries(path: Path) -> None:
    """Temporary files of saves that were killed half-way (a kernel stopped mid-write).

    Called under the lock: every save writes its temporary file while holding it, so any
    temporary file found now belongs to a writer that no longer runs.
    """
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()


def reason(error: OSError) -> str:
    """Why a file operation failed, in a few words for a notice ("Permission denied")."""
    if isinstance(error, TimeoutError) and not error.strerror:  # filelock.Timeout
        return "the file stayed locked by another notebook"
    return error.strerror or str(error) or type(error).__name__
