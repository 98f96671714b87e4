"""The learner's saved state: one JSON file per learner, never lost.

Where: $LESSONKIT_PROGRESS, else the user's data directory (platformdirs). Every change
is read-modify-write under a file lock, written to a temporary file and moved into place,
so two kernels saving at once lose nothing and a crash never leaves half a file. A file
that cannot be read is moved aside, not overwritten, and the learner is told. When saving
fails (a read-only folder), the change is kept in memory for the session and the learner
is told to export.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SCHEMA_VERSION = 1
MAX_IMPORT_BYTES = 5 * 1024 * 1024
ENV = "LESSONKIT_PROGRESS"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExerciseRecord(_Record):
    lesson: str
    attempts: int = Field(default=0, ge=0)
    score: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    best: int = Field(default=0, ge=0)
    last_checked: datetime
    missed_items: dict[str, int] = {}


class WordRecord(_Record):
    box: int = Field(default=1, ge=1, le=5)
    last_review: datetime | None = None
    right: int = Field(default=0, ge=0)
    wrong: int = Field(default=0, ge=0)
    direction_successes: int = Field(default=0, ge=0)


class Progress(_Record):
    schema_version: int = SCHEMA_VERSION
    language: Literal["en", "ru"] = "en"
    exercises: dict[str, ExerciseRecord] = {}
    words: dict[str, WordRecord] = {}
    updated: datetime | None = None


class ProgressImportError(ValueError):
    """An imported progress file was refused; the message says why in one sentence."""


def default_path() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("lessonkit")) / "progress.json"


def parse(raw: bytes) -> Progress:
    """A progress file's bytes as a Progress, or ProgressImportError saying what is wrong."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ProgressImportError(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProgressImportError("it is not a progress file (not valid JSON text)") from None
    if not isinstance(data, dict):
        raise ProgressImportError("it is not a progress file (no fields at the top level)")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ProgressImportError(f"it has schema version {data.get('schema_version')!r}; this course reads version {SCHEMA_VERSION}")
    try:
        return Progress.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ProgressImportError(f"its field {where} is not valid ({first['msg'].lower()})") from None


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


def _aside(path: Path, label: str, now: datetime) -> Path:
    """A free name beside `path` for a kept copy: progress.<label>-<time>[-n].json."""
    base = f"{path.stem}.{label}-{_stamp(now)}"
    candidate = path.with_name(f"{base}.json")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{base}-{n}.json")
        n += 1
    return candidate


def describe_age(then: datetime, now: datetime, lang: Literal["en", "ru"] = "en") -> str:
    """'2 days ago' / '2 дня назад', for the "last time" line."""
    seconds = max(0, (now - then).total_seconds())
    minutes, hours, days = int(seconds // 60), int(seconds // 3600), (now.date() - then.date()).days
    if seconds < 60:
        return "just now" if lang == "en" else "только что"
    if hours < 1:
        return _ago(minutes, ("minute", "minutes"), ("минуту", "минуты", "минут"), lang)
    if days == 0:
        return _ago(hours, ("hour", "hours"), ("час", "часа", "часов"), lang)
    if days == 1:
        return "yesterday" if lang == "en" else "вчера"
    if days < 14:
        return _ago(days, ("day", "days"), ("день", "дня", "дней"), lang)
    if days < 60:
        return _ago(days // 7, ("week", "weeks"), ("неделю", "недели", "недель"), lang)
    return _ago(days // 30, ("month", "months"), ("месяц", "месяца", "месяцев"), lang)


def _ago(n: int, en: tuple[str, str], ru: tuple[str, str, str], lang: str) -> str:
    if lang == "en":
        return f"{n} {en[0] if n == 1 else en[1]} ago"
    return f"{n} {ru_plural(n, ru)} назад"


def ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    """Russian noun form after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день, 22 дня."""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


class ProgressStore:
    """Reads and writes one learner's progress file safely."""

    def __init__(self, path: Path | None = None, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.clock = clock
        self.notice = ""  # one sentence for the learner, when something went wrong
        self.notice_code = ""
        self.notice_detail = ""
        self._unsaved: Progress | None = None  # what this session could not save

    def _tell(self, code: str, detail: str, sentence: str) -> None:
        self.notice_code, self.notice_detail, self.notice = code, detail, sentence

    def _load(self) -> Progress:
        """The file's content; an unreadable file is moved aside and a fresh one begins."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Progress()
        except OSError as error:
            self._tell("not_saved", error.strerror or "unreadable", f"Your progress file could not be opened ({error.strerror}).")
            return Progress()
        try:
            return parse(raw)
        except ProgressImportError:
            kept = _aside(self.path, "unreadable", self.clock())
            try:
                os.replace(self.path, kept)
            except OSError:
                kept = self.path
            self._tell(
                "unreadable", kept.name,
                f"Your progress file could not be read; it was kept as {kept.name} and a new one was started.",
            )
            return Progress()

    def read(self) -> Progress:
        if self._unsaved is not None:
            return self._unsaved
        return self._load()

    def _write(self, progress: Progress) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = progress.model_dump_json(indent=1).encode("utf-8")
        with tempfile.NamedTemporaryFile(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp", delete=False) as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        try:
            os.replace(tmp.name, self.path)
        except OSError:
            Path(tmp.name).unlink(missing_ok=True)
            raise

    def update(self, change: Callable[[Progress], Progress | None]) -> Progress:
        """Apply `change` to the saved progress under a lock and save it atomically."""
        from filelock import FileLock, Timeout

        current: Progress | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.path) + ".lock", timeout=10):
                current = self._unsaved or self._load()
                progress = self._apply(current, change)
                self._write(progress)
                self._unsaved = None
                return progress
        except (OSError, Timeout) as error:
            reason = getattr(error, "strerror", None) or error.__class__.__name__
            # Keep what is saved plus this change: the session goes on from there.
            base = self._unsaved or current or self._load()
            self._unsaved = self._apply(base, change)
            self._tell(
                "not_saved", reason,
                f"Your progress could not be saved ({reason}); it is kept for this session only. Export it before you close the notebook.",
            )
            return self._unsaved

    def _apply(self, progress: Progress, change: Callable[[Progress], Progress | None]) -> Progress:
        copy = progress.model_copy(deep=True)
        changed = change(copy) or copy
        changed.updated = self.clock()
        return Progress.model_validate(changed.model_dump())

    # --- what the notebooks record -----------------------------------------------------------

    def record_check(self, exercise_id: str, lesson: str, score: int, total: int, wrong_items: list[int]) -> Progress:
        now = self.clock()

        def change(progress: Progress) -> None:
            record = progress.exercises.get(exercise_id) or ExerciseRecord(lesson=lesson, last_checked=now)
            record.attempts += 1
            record.score, record.total, record.last_checked = score, total, now
            record.best = max(record.best, score)
            for item in wrong_items:
                record.missed_items[str(item)] = record.missed_items.get(str(item), 0) + 1
            progress.exercises[exercise_id] = record

        return self.update(change)

    def set_language(self, lang: Literal["en", "ru"]) -> Progress:
        return self.update(lambda progress: setattr(progress, "language", lang))

    def record_review(self, term: str, right: bool) -> Progress:
        from .leitner import review

        now = self.clock()
        return self.update(lambda progress: progress.words.__setitem__(term, review(progress.words.get(term), right, now)))

    def last_time(self, exercise_id: str) -> ExerciseRecord | None:
        return self.read().exercises.get(exercise_id)

    # --- export, import, reset ---------------------------------------------------------------

    def export_to(self, target: Path) -> Path:
        target = Path(target)
        target.write_text(self.read().model_dump_json(indent=1), encoding="utf-8")
        return target

    def import_from(self, source: Path) -> Path | None:
        """Replace the progress with a validated file; the current one is backed up first.

        Returns the backup's path (None when there was no file yet). A bad file raises
        ProgressImportError and changes nothing.
        """
        try:
            raw = Path(source).read_bytes()
        except OSError as error:
            raise ProgressImportError(f"the file cannot be read ({error.strerror})") from None
        incoming = parse(raw)
        backup = None
        if self.path.exists():
            backup = _aside(self.path, "before-import", self.clock())
            backup.write_bytes(self.path.read_bytes())
        self.update(lambda _current: incoming)
        return backup

    def reset(self) -> Path:
        """Start again, keeping the language; the old file is kept as a backup."""
        backup = _aside(self.path, "before-reset", self.clock())
        backup.write_text(self.read().model_dump_json(indent=1), encoding="utf-8")
        language = self.read().language
        self.update(lambda _current: Progress(language=language))
        return backup
