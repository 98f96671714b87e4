"""The learner's saved state: one JSON file per learner, never lost.

Where: $LESSONKIT_PROGRESS, else the user's data directory (platformdirs). Every change
is read-modify-write under a file lock, written to a temporary file and moved into place,
so two kernels saving at once lose nothing and a crash never leaves half a file. A file
that cannot be read is moved aside, never overwritten or deleted, and the learner is told.

When saving fails (a read-only folder, a lock held too long), nothing raises: the change is
kept in memory, the whole progress is copied to a file in a folder that can be written (the
notebook's folder first), and the notice names that file. While that lasts, `read()` returns the
in-memory progress and does not look at the file again, so nothing is merged behind the
learner's back. The changes are also remembered, and the next save that succeeds replays
them onto the file as it then is: work from this session and from other kernels both stay.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from ..content.languages import Language
from ..content.safe_files import keep_copy, move_aside, reason, remove_abandoned_temporaries, write_atomically
from . import progress_updates as updates
from .leitner import WordRecord
from .progress_model import SCHEMA_VERSION, Claim, ExerciseRecord, ItemAnswer, Progress, ProgressImportError, parse
from .utc import utc_now

__all__ = [
    "SCHEMA_VERSION", "Claim", "ExerciseRecord", "ItemAnswer", "Notice", "Progress", "ProgressImportError", "ProgressStore",
    "WordRecord", "default_path", "parse", "utc_now",
]

MAX_IMPORT_BYTES = 5 * 1024 * 1024
LOCK_TIMEOUT = 10.0  # seconds; a save of this small file takes milliseconds
ENV = "LESSONKIT_PROGRESS"

Change = Callable[[Progress], "Progress | None"]


def default_path() -> Path:
    """$LESSONKIT_PROGRESS when set (tests and shared machines), else the user's data folder."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("lessonkit")) / "progress.json"


@dataclass(frozen=True)
class _Step:
    """One change to save; `keep` names the backup taken just before it (import, reset)."""

    change: Change
    keep: str | None = None
    keep_empty: bool = False


NoticeCode = Literal["unreadable", "not_saved"]


@dataclass(frozen=True)
class Notice:
    """What the learner should know about their saved progress, as values, not words.

    "unreadable": the file could not be read; `detail` is the name it was kept under.
    "not_saved": saving failed; `detail` is the reason, and `copy` the file that holds
    this session's progress instead (None when no copy could be written either).
    A view says it in the learner's language with `lessonkit.wording.notice_text`.
    """

    code: NoticeCode
    detail: str
    copy: Path | None = None


RESCUE_NAME = "my-progress.json"  # copies are my-progress-unsaved-<time>.json, named like the page's exports


def rescue_folders() -> list[Path]:
    """Where a copy goes when the progress file cannot be saved, in this order.

    The notebook's folder first (the kernel's working folder): the learner sees the copy in
    the file browser and can download it. Then the home folder, then the system's temporary
    folder, for a notebook folder that is read-only as well.
    """
    folders = []
    for where in (Path.cwd, Path.home, lambda: Path(tempfile.gettempdir())):
        try:
            folders.append(where().resolve())
        except (OSError, RuntimeError):  # a deleted working folder; no home folder to be found
            continue
    return list(dict.fromkeys(folders))


# --- the store --------------------------------------------------------------------------------


class ProgressStore:
    """Reads and writes one learner's progress file safely; it only persists.

    A change is a function from Progress to Progress (see lessonkit.progress_updates); the
    store applies it under the lock, writes the result atomically and keeps backups.
    `record_check` and the others are shorthands that pass the store's clock.

    `notice` is a `Notice` when something went wrong (None otherwise). While saving fails,
    every change is also written to a copy (`rescue`, in the first of `rescue_to` that is
    writable) and the notice names it: nothing the learner did is lost when the kernel ends.
    """

    def __init__(self, path: Path | str | None = None, clock: Callable[[], datetime] = utc_now,
                 rescue_to: Sequence[Path] | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.clock = clock
        self.notice: Notice | None = None
        self.rescue_to = list(rescue_to) if rescue_to is not None else None  # None: `rescue_folders()`
        self.rescue: Path | None = None  # the copy written while saving fails
        self._unsaved: Progress | None = None  # what this session holds but could not save
        self._pending: list[_Step] = []  # the changes behind it, replayed by the next good save
        self._file_lock: Any = None

    # --- reading ---------------------------------------------------------------------------

    @property
    def _lock(self) -> Any:
        """One lock object per store: re-entrant, so a read inside an update does not wait."""
        if self._file_lock is None:
            from filelock import FileLock

            self._file_lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        return self._file_lock

    def _raw(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def _load(self) -> Progress:
        """The file's progress. An unparsable file is moved aside (under the lock) and a fresh
        progress begins; an OSError means the file is there but cannot be used, so the caller
        must not write over it."""
        progress = self._parsed()
        if progress is not None:
            return progress
        with self._lock:  # another kernel may be replacing the file right now: look again
            progress = self._parsed()
            if progress is not None:
                return progress
            kept = move_aside(self.path, "unreadable", self.clock())
        self.notice = Notice("unreadable", kept.name)
        return Progress()

    def _parsed(self) -> Progress | None:
        """The file as a Progress (a fresh one when there is no file), or None if unparsable."""
        raw = self._raw()
        if raw is None:
            return Progress()
        try:
            return parse(raw)
        except ProgressImportError:
            return None

    def _peek(self) -> Progress:
        """The file's progress if it can be read as it is, else a fresh one; changes nothing."""
        try:
            raw = self._raw()
            return parse(raw) if raw is not None else Progress()
        except (OSError, ProgressImportError):
            return Progress()

    def read(self) -> Progress:
        """The saved progress; never raises. While saving fails, the in-memory progress."""
        if self._unsaved is not None:
            return self._unsaved.model_copy(deep=True)
        try:
            return self._load()
        except OSError as error:  # there, but unreadable and impossible to move aside
            self.notice = Notice("not_saved", reason(error))
            return Progress()

    def last_time(self, exercise_id: str) -> ExerciseRecord | None:
        return self.read().exercises.get(exercise_id)

    # --- saving ----------------------------------------------------------------------------

    def update(self, change: Change) -> Progress:
        """Apply `change` to the saved progress under the lock and save it atomically.

        `change` may edit the Progress it is given and return None, or return a new one.
        Never raises OSError: when saving fails the change is kept for this session and
        `notice` says so.
        """
        return self._save(_Step(change))[0]

    def _apply(self, progress: Progress, change: Change) -> Progress:
        draft = progress.model_copy(deep=True)
        result = change(draft)
        changed = draft if result is None else result
        if not isinstance(changed, Progress):
            raise TypeError(f"a change must return a Progress or None, not {type(changed).__name__}")
        data = changed.model_dump()
        data["updated"] = self.clock()
        return Progress.model_validate(data)  # assignments are not validated; this is

    def _save(self, step: _Step) -> tuple[Progress, Path | None]:
        """Save `step` after any changes still pending; returns the progress and the backup."""
        steps = [*self._pending, step]
        kept: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock:
                remove_abandoned_temporaries(self.path)
                progress = self._load()
                for pending in steps:
                    if pending.keep and (pending.keep_empty or progress.exercises or progress.words):
                        data = progress.model_dump_json(indent=1).encode("utf-8")
                        kept = keep_copy(self.path, pending.keep, self.clock(), data)
                    progress = self._apply(progress, pending.change)
                write_atomically(self.path, progress.model_dump_json(indent=1).encode("utf-8"))
        except OSError as error:  # includes filelock.Timeout, a TimeoutError
            base = self._unsaved if self._unsaved is not None else self._peek()
            self._unsaved = self._apply(base, step.change)
            self._pending = steps
            self.notice = Notice("not_saved", reason(error), self._keep_rescue_copy(self._unsaved))
            return self._unsaved.model_copy(deep=True), None
        self._unsaved, self._pending = None, []
        if self.notice is not None and self.notice.code == "not_saved":  # saved after all
            self.notice = None
        return progress, kept

    def _keep_rescue_copy(self, progress: Progress) -> Path | None:
        """Write the progress this session holds to the rescue copy; its path, or None.

        The same copy is rewritten at every change while saving fails (atomically, so it is
        never half a file); when it cannot be, a new one is started in the first folder of
        `rescue_to` that takes it. The copy is an ordinary progress file: the progress page
        imports it, `lessonkit reports` reads it.
        """
        data = progress.model_dump_json(indent=1).encode("utf-8")
        if self.rescue is not None:
            with suppress(OSError):
                write_atomically(self.rescue, data)
                return self.rescue
        for folder in self.rescue_to if self.rescue_to is not None else rescue_folders():
            with suppress(OSError):
                self.rescue = keep_copy(Path(folder) / RESCUE_NAME, "unsaved", self.clock(), data, joiner="-")
                return self.rescue
        return None

    # --- what the notebooks record -----------------------------------------------------------

    def record_check(self, exercise_id: str, lesson: str, score: int, total: int, wrong_items: list[int],
                     answers: Sequence[ItemAnswer] | None = None) -> Progress:
        """One press of Check (see `progress_updates.record_check`), saved."""
        now = self.clock()
        return self.update(lambda progress: updates.record_check(progress, exercise_id, lesson, score, total,
                                                                 wrong_items, now, answers))

    def record_claim(self, exercise_id: str, lesson: str, item: int, answer: str, kind: str) -> Progress:
        """A learner's claim about one checked item (see `progress_updates.record_claim`), saved."""
        now = self.clock()
        return self.update(lambda progress: updates.record_claim(progress, exercise_id, lesson, item, answer, kind, now))

    def set_language(self, lang: Language) -> Progress:
        """The learner's interface language (see `progress_updates.set_language`), saved."""
        return self.update(lambda progress: updates.set_language(progress, lang))

    def set_name(self, name: str) -> Progress:
        """The learner's name for exports (see `progress_updates.set_name`), saved."""
        return self.update(lambda progress: updates.set_name(progress, name))

    def record_review(self, term: str, right: bool) -> Progress:
        """One trainer answer (see `progress_updates.record_review`), saved."""
        now = self.clock()
        return self.update(lambda progress: updates.record_review(progress, term, right, now))

    # --- export, import, reset ---------------------------------------------------------------

    def export_to(self, path: Path) -> Path:
        """A copy of the progress (the in-memory one if saving fails) at `path`; raises OSError."""
        target = Path(path)
        write_atomically(target, self.read().model_dump_json(indent=1).encode("utf-8"))
        return target

    def import_from(self, path: Path) -> Path | None:
        """Replace the progress with a validated file, backing up the current one first.

        A bad file raises ProgressImportError with a one-sentence reason and changes
        nothing. Returns the backup's path, or None when there was no progress to keep
        or the import could only be kept in memory (see `notice`).
        """
        source = Path(path)
        try:
            if source.stat().st_size > MAX_IMPORT_BYTES:
                raise ProgressImportError(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
            raw = source.read_bytes()
        except OSError as error:
            raise ProgressImportError(f"the file cannot be read ({reason(error)})") from None
        incoming = parse(raw)
        return self._save(_Step(lambda _current: incoming, keep="before-import"))[1]

    def reset(self) -> Path:
        """Start again, keeping the language; the old progress is kept as a backup file.

        Returns the backup's path. If saving fails, nothing on disk changes (the reset is
        kept in memory, see `notice`) and the untouched progress file's path is returned.
        """
        kept = self._save(_Step(updates.start_again, keep="before-reset", keep_empty=True))[1]
        return kept if kept is not None else self.path
