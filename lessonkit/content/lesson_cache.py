"""A lesson's checked course, kept between kernels, so that a lesson notebook starts quickly.

Opening a lesson reads and checks the course for that lesson (`load_course(only=...)`):
YAML, the schema's validators and the cross-checks, about a third of a lesson's start in
JupyterLab. The result is kept as a pickle in the learner's cache folder, under a key made of
everything it comes from: the bytes of every file in the data folder, the lesson id, the
source of the schema (`lessonkit/content/`), and the versions of the engine, pydantic and
Python. Any change to any of them makes another key, so an edited course is read afresh,
never from an old copy; a copy that cannot be read is read afresh and written again.

Only this engine writes the folder, and it is the learner's own ($LESSONKIT_CACHE, else the
user's cache folder from platformdirs: ~/.cache/lessonkit on Linux, or $XDG_CACHE_HOME/lessonkit);
`LESSONKIT_CACHE=off` turns the cache off. The authors' tools (`check`, `build`) never use it: they always read the data.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .data_dir import find_data_dir
from .safe_files import write_atomically

if TYPE_CHECKING:
    from .model import Course

CACHE_ENV = "LESSONKIT_CACHE"
FORMAT = b"lessonkit lesson cache 1\n"
SCHEMA_SOURCE = Path(__file__).parent  # the classes a cached course is made of


def cache_folder() -> Path | None:
    """Where cached lessons are kept; None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir  # as the progress file's folder: platformdirs.user_data_dir

    return Path(user_cache_dir("lessonkit"))


def cache_key(data_dir: Path, lesson_id: str) -> str:
    """The digest of everything a lesson's checked course is made from (see the module's text)."""
    from pydantic import VERSION  # the layout of a pickled record is pydantic's

    digest = hashlib.sha256()
    for part in (lesson_id, sys.version, VERSION):
        digest.update(part.encode() + b"\0")
    for folder in (SCHEMA_SOURCE, data_dir):
        # Regular files only: a FIFO or a socket in the folder would block or fail the read.
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_path(folder: Path, data_dir: Path, lesson_id: str) -> Path:
    """One file per course folder and lesson: an edited course replaces its old copy."""
    where = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return folder / f"{lesson_id}-{where}.pickle"


def read_cached(path: Path, key: str) -> Course | None:
    """The course kept under `key`, or None (no copy, another key, or a copy that cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = FORMAT + key.encode() + b"\n"
    if not data.startswith(head):
        return None
    try:
        # Unpickling runs what the file says: only this engine writes it, in the learner's own folder.
        return pickle.loads(data[len(head):])
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None  # a damaged copy: the caller reads the data afresh and writes a new one


def write_cached(path: Path, key: str, course: Course) -> None:
    """Keep `course` under `key`; a folder that cannot be written costs only the speed-up."""
    with suppress(OSError, pickle.PicklingError):  # a read-only home: the lesson opens, only not faster next time
        data = FORMAT + key.encode() + b"\n" + pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)  # whole or not at all: a reader never sees half a copy


def load_lesson_course(data_dir: Path | None, lesson_id: str) -> Course:
    """The course checked for one lesson (as `load_course(only=lesson_id)`), from the cache when
    it holds this very course; raises `DataError` as `load_course` does."""
    data_dir = data_dir or find_data_dir()
    folder = cache_folder()
    if folder is None or not (data_dir / "course.yml").is_file():
        return _read_afresh(data_dir, lesson_id)
    key = cache_key(data_dir, lesson_id)
    path = cache_path(folder, data_dir, lesson_id)
    course = read_cached(path, key)
    if course is None:
        course = _read_afresh(data_dir, lesson_id)
        write_cached(path, key, course)
    return course


def _read_afresh(data_dir: Path, lesson_id: str) -> Course:
    from .load import load_course  # YAML, the validators and the cross-checks: only on a cache miss

    return load_course(data_dir, only=lesson_id)
