"""The learner's saved state: one JSON file per learner, never lost.

Where: $LESSONKIT_PROGRESS, else the user's data directory (platformdirs). Every change
is read-modify-write under a file lock, written to a temporary file and moved into place,
so two kernels saving at once lose nothing and a crash never leaves half a file. A file
that cannot be read is moved aside, never overwritten or deleted, and the learner is told.

When saving fails (a read-only folder, a lock held too long), nothing raises: the change is
kept in memory and the learner is told to export. While that lasts, `read()` returns the
in-memory progress and does not look at the file again, so nothing is merged behind the
learner's back. The changes are also remembered, and the next save that succeeds replays
them onto the file as it then is: work from this session and from other kernels both stay.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from .i18n import STRINGS, Language

SCHEMA_VERSION = 1
MAX_IMPORT_BYTES = 5 * 1024 * 1024
LOCK_TIMEOUT = 10.0  # seconds; a save of this small file takes milliseconds
ENV = "LESSONKIT_PROGRESS"

Change = Callable[["Progress"], "Progress | None"]

# The learner-facing sentences live in the interface table (lessonkit.i18n), so the two
# languages are checked together there; `{detail}` is the backup's name or the reason.
NOTICES: dict[str, dict[str, str]] = {code: STRINGS[code] for code in ("unreadable", "not_saved")}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _as_utc(value: datetime) -> datetime:
    """Saved times are UTC; a naive time is taken to be UTC already.

    A time at the edge of the calendar ("0001-01-01T00:00:00+14:00") has no UTC form: it
    makes the file invalid (set aside, or refused on import) instead of an OverflowError.
    """
    try:
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError("the time is outside the calendar once converted to UTC") from None


UtcTime = Annotated[datetime, AfterValidator(_as_utc)]
ItemNumber = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


ClaimKind = Literal["self_credited", "should_be_accepted"]


class Claim(_Record):
    """A learner's word against the checker: "my answer means the same" (self-credited) or
    "my answer should be accepted" (reported for the author; `lessonkit reports` lists them)."""

    item: int = Field(ge=1)
    answer: str = Field(max_length=4000)
    kind: ClaimKind
    at: UtcTime


class ExerciseRecord(_Record):
    lesson: str
    attempts: int = Field(default=0, ge=0)
    score: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    best: int = Field(default=0, ge=0)
    last_checked: UtcTime
    missed_items: dict[ItemNumber, Annotated[int, Field(ge=0)]] = {}
    claims: list[Claim] = []

    @model_validator(mode="after")
    def _scores_fit_the_total(self) -> ExerciseRecord:
        # A score above the total (a hand-edited or foreign file) would break the progress
        # chart later; refuse it here, where the file is read.
        if self.score > self.total or self.best > self.total:
            raise ValueError(f"score {self.score} (best {self.best}) is more than the total {self.total}")
        return self


class WordRecord(_Record):
    box: int = Field(default=1, ge=1, le=5)
    last_review: UtcTime | None = None
    right: int = Field(default=0, ge=0)
    wrong: int = Field(default=0, ge=0)
    direction_successes: int = Field(default=0, ge=0)  # right answers so far; unlocks RU->EN recall


class Progress(_Record):
    schema_version: int = SCHEMA_VERSION
    language: Language = "en"
    exercises: dict[str, ExerciseRecord] = {}
    words: dict[str, WordRecord] = {}
    updated: UtcTime = Field(default_factory=utc_now)

    @field_validator("schema_version")
    @classmethod
    def _this_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"schema version {value} is not {SCHEMA_VERSION}, the one this course reads")
        return value


class ProgressImportError(ValueError):
    """An imported progress file was refused; the message says why in one sentence."""


def default_path() -> Path:
    """$LESSONKIT_PROGRESS when set (tests and shared machines), else the user's data folder."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("lessonkit")) / "progress.json"


def parse(raw: bytes) -> Progress:
    """A progress file's bytes as a Progress, or ProgressImportError saying what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested absurdly deep
        raise ProgressImportError("it is not a progress file (not valid JSON text)") from None
    if not isinstance(data, dict):
        raise ProgressImportError("it is not a progress file (no fields at the top level)")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ProgressImportError(
            f"it has schema version {data.get('schema_version')!r}; this course reads version {SCHEMA_VERSION}"
        )
    try:
        return Progress.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "at the top level"
        raise ProgressImportError(f"its field {where} is not valid ({first['msg'].lower()})") from None


# --- how long ago --------------------------------------------------------------------------


def describe_age(then: datetime, now: datetime, lang: Language = "en") -> str:
    """'2 days ago' / '2 дня назад', for the "last time" line.

    Calendar days ("today", "yesterday") are counted in `now`'s time zone, so a caller who
    passes local time gets the learner's days; naive times are taken as UTC.
    """
    if lang not in ("en", "ru"):
        raise ValueError(f"language must be 'en' or 'ru', not {lang!r}")
    now = now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)
    then = (then if then.tzinfo is not None else then.replace(tzinfo=timezone.utc)).astimezone(now.tzinfo)
    seconds = (now - then).total_seconds()
    if seconds < 60:  # including a clock that is slightly behind
        return "just now" if lang == "en" else "только что"
    if seconds < 3600:
        return _ago(int(seconds // 60), ("minute", "minutes"), ("минуту", "минуты", "минут"), lang)
    days = (now.date() - then.date()).days
    if days <= 0:
        return "today" if lang == "en" else "сегодня"
    if days == 1:
        return "yesterday" if lang == "en" else "вчера"
    if days < 14:
        return _ago(days, ("day", "days"), ("день", "дня", "дней"), lang)
    if days < 60:
        return _ago(days // 7, ("week", "weeks"), ("неделю", "недели", "недель"), lang)
    if days < 365:
        return _ago(days // 30, ("month", "months"), ("месяц", "месяца", "месяцев"), lang)
    return _ago(days // 365, ("year", "years"), ("год", "года", "лет"), lang)


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


# --- files kept beside the progress file ----------------------------------------------------


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


def _beside(path: Path, label: str, now: datetime, n: int) -> Path:
    """progress.<label>-<time>.json, then progress.<label>-<time>-1.json, -2...: kept copies."""
    suffix = f"-{n}" if n else ""
    return path.with_name(f"{path.stem}.{label}-{_stamp(now)}{suffix}.json")


def _keep_copy(path: Path, label: str, now: datetime, data: bytes) -> Path:
    """Write `data` to a new file beside `path`; an existing file is never overwritten."""
    n = 0
    while True:
        candidate = _beside(path, label, now, n)
        try:
            with open(candidate, "xb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            return candidate
        except FileExistsError:
            n += 1


def _move_aside(path: Path, label: str, now: datetime) -> Path:
    """Rename `path` to a free name beside it (called under the lock, so names do not race)."""
    n = 0
    while _beside(path, label, now, n).exists():
        n += 1
    kept = _beside(path, label, now, n)
    os.rename(path, kept)
    return kept


def _write_atomically(path: Path, data: bytes) -> None:
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


def _remove_abandoned_temporaries(path: Path) -> None:
    """Temporary files of saves that were killed half-way (a kernel stopped mid-write).

    Called under the lock: every save writes its temporary file while holding it, so any
    temporary file found now belongs to a writer that no longer runs.
    """
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()


def _reason(error: OSError) -> str:
    if isinstance(error, TimeoutError) and not error.strerror:  # filelock.Timeout
        return "the file stayed locked by another notebook"
    return error.strerror or str(error) or type(error).__name__


@dataclass(frozen=True)
class _Step:
    """One change to save; `keep` names the backup taken just before it (import, reset)."""

    change: Change
    keep: str | None = None
    keep_empty: bool = False


# --- the store --------------------------------------------------------------------------------


class ProgressStore:
    """Reads and writes one learner's progress file safely.

    `notice` is a sentence for the learner when something went wrong (empty otherwise);
    `notice_code` ("unreadable" or "not_saved") and `notice_detail` let a view say it in
    either language: `NOTICES[code][lang].format(detail=detail)`.
    """

    def __init__(self, path: Path | str | None = None, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.clock = clock
        self.notice = ""
        self.notice_code = ""
        self.notice_detail = ""
        self._unsaved: Progress | None = None  # what this session holds but could not save
        self._pending: list[_Step] = []  # the changes behind it, replayed by the next good save
        self._file_lock: Any = None

    # --- notices ---------------------------------------------------------------------------

    def _tell(self, code: str, detail: str) -> None:
        self.notice_code, self.notice_detail = code, detail
        self.notice = self.notice_in("en")

    def notice_in(self, lang: Language) -> str:
        """The current notice in English or Russian ("" when there is none)."""
        return NOTICES[self.notice_code][lang].format(detail=self.notice_detail) if self.notice_code else ""

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
            kept = _move_aside(self.path, "unreadable", self.clock())
        self._tell("unreadable", kept.name)
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
            self._tell("not_saved", _reason(error))
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
                _remove_abandoned_temporaries(self.path)
                progress = self._load()
                for pending in steps:
                    if pending.keep and (pending.keep_empty or progress.exercises or progress.words):
                        data = progress.model_dump_json(indent=1).encode("utf-8")
                        kept = _keep_copy(self.path, pending.keep, self.clock(), data)
                    progress = self._apply(progress, pending.change)
                _write_atomically(self.path, progress.model_dump_json(indent=1).encode("utf-8"))
        except OSError as error:  # includes filelock.Timeout, a TimeoutError
            base = self._unsaved if self._unsaved is not None else self._peek()
            self._unsaved = self._apply(base, step.change)
            self._pending = steps
            self._tell("not_saved", _reason(error))
            return self._unsaved.model_copy(deep=True), None
        self._unsaved, self._pending = None, []
        if self.notice_code == "not_saved":  # saved after all: the warning no longer holds
            self._tell("", "")
        return progress, kept

    # --- what the notebooks record -----------------------------------------------------------

    def record_check(self, exercise_id: str, lesson: str, score: int, total: int, wrong_items: list[int]) -> Progress:
        """One press of Check: attempts, the latest and best score, and which items were wrong."""
        if not 0 <= score <= total:
            raise ValueError(f"score {score} of {total} is impossible; it must be between 0 and the total")
        bad = [n for n in wrong_items if not isinstance(n, int) or n < 1]
        if bad:
            raise ValueError(f"wrong_items {bad} are not item numbers (1, 2, ...)")
        now = self.clock()

        def change(progress: Progress) -> None:
            record = progress.exercises.get(exercise_id) or ExerciseRecord(lesson=lesson, last_checked=now)
            record.lesson = lesson
            record.attempts += 1
            record.score, record.total, record.last_checked = score, total, now
            record.best = max(record.best, score)
            for item in wrong_items:
                record.missed_items[str(item)] = record.missed_items.get(str(item), 0) + 1
            progress.exercises[exercise_id] = record

        return self.update(change)

    def record_claim(self, exercise_id: str, lesson: str, item: int, answer: str, kind: str) -> Progress:
        """Keep a learner's claim about one checked item (see `Claim`)."""
        if kind not in ("self_credited", "should_be_accepted"):
            raise ValueError(f"a claim is 'self_credited' or 'should_be_accepted', not {kind!r}")
        now = self.clock()

        def change(progress: Progress) -> None:
            record = progress.exercises.get(exercise_id) or ExerciseRecord(lesson=lesson, last_checked=now)
            record.claims.append(Claim(item=item, answer=answer[:4000], kind=kind, at=now))  # type: ignore[arg-type]
            progress.exercises[exercise_id] = record

        return self.update(change)

    def set_language(self, lang: Language) -> Progress:
        if lang not in ("en", "ru"):
            raise ValueError(f"language must be 'en' or 'ru', not {lang!r}")
        return self.update(lambda progress: setattr(progress, "language", lang))

    def record_review(self, term: str, right: bool) -> Progress:
        """One trainer answer: the word moves between Leitner boxes (see lessonkit.leitner)."""
        from .leitner import review

        now = self.clock()

        def change(progress: Progress) -> None:
            progress.words[term] = review(progress.words.get(term), right, now)

        return self.update(change)

    # --- export, import, reset ---------------------------------------------------------------

    def export_to(self, path: Path) -> Path:
        """A copy of the progress (the in-memory one if saving fails) at `path`; raises OSError."""
        target = Path(path)
        _write_atomically(target, self.read().model_dump_json(indent=1).encode("utf-8"))
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
            raise ProgressImportError(f"the file cannot be read ({_reason(error)})") from None
        incoming = parse(raw)
        return self._save(_Step(lambda _current: incoming, keep="before-import"))[1]

    def reset(self) -> Path:
        """Start again, keeping the language; the old progress is kept as a backup file.

        Returns the backup's path. If saving fails, nothing on disk changes (the reset is
        kept in memory, see `notice`) and the untouched progress file's path is returned.
        """
        def change(current: Progress) -> Progress:
            return Progress(language=current.language)

        kept = self._save(_Step(change, keep="before-reset", keep_empty=True))[1]
        return kept if kept is not None else self.path
