"""The progress store under faults: nothing the learner did is ever lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from lessonkit.learner import progress as progress_module
from lessonkit.learner.progress import (
    Notice,
    Progress,
    ProgressImportError,
    ProgressStore,
    default_path,
)
from lessonkit.views.wording import notice_text

NOW = datetime(2026, 11, 26, 10, 15, tzinfo=timezone.utc)
KEPT = "progress.unreadable-20261126T101500.json"
RESCUED = "my-progress-unsaved-20261126T101500.json"


@pytest.fixture(autouse=True)
def notebook_folder(tmp_path_factory, monkeypatch) -> Path:
    """The kernel's working folder, where a copy goes when saving fails: never the repository."""
    folder = tmp_path_factory.mktemp("notebook")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    return folder


def store_at(path: Path, rescue_to: list[Path] | None = None) -> ProgressStore:
    return ProgressStore(path, clock=lambda: NOW, rescue_to=rescue_to)


def said(store: ProgressStore, lang: str = "en") -> str:
    return notice_text(store.notice, lang)


def valid_bytes(tmp_path: Path) -> bytes:
    store = store_at(tmp_path / "seed.json")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [2])
    store.record_review("mandate", True)
    return (tmp_path / "seed.json").read_bytes()


def record_with(**fields: object) -> bytes:
    """A progress file whose one exercise record has these fields (edited by hand, say)."""
    record = {"lesson": "IOM-1", "attempts": 1, "score": 1, "total": 4, "best": 1, "last_checked": "2026-11-27T10:00:00Z"}
    return json.dumps({"schema_version": 1, "exercises": {"IOM1-01": {**record, **fields}}}).encode()


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- unreadable files are moved aside ------------------------------------------------------


def truncated(tmp: Path) -> bytes:
    whole = valid_bytes(tmp)
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda tmp: b'{"schema_version": 1, "exercises": {', id="corrupt JSON"),
        pytest.param(truncated, id="truncated"),
        pytest.param(lambda tmp: b"", id="empty"),
        pytest.param(lambda tmp: b"\xff\xfe\x00garbage", id="not UTF-8"),
        pytest.param(lambda tmp: b"[1, 2, 3]", id="wrong shape: a list"),
        pytest.param(lambda tmp: json.dumps({"schema_version": 2}).encode(), id="wrong schema version"),
        pytest.param(lambda tmp: json.dumps({"exercises": {}}).encode(), id="no schema version"),
        pytest.param(lambda tmp: json.dumps({"schema_version": 1, "exercises": {"X": {"lesson": 5}}}).encode(),
                     id="wrong field types"),
        pytest.param(lambda tmp: json.dumps({"schema_version": 1, "colour": "red"}).encode(), id="unknown field"),
        pytest.param(lambda tmp: b"[" * 100_000, id="nested too deep"),
        pytest.param(lambda tmp: record_with(last_checked="0001-01-01T00:00:00+14:00"), id="time before the calendar in UTC"),
        pytest.param(lambda tmp: record_with(last_checked="9999-12-31T23:59:59-14:00"), id="time after the calendar in UTC"),
        pytest.param(lambda tmp: record_with(score=7, total=4), id="score above the total"),
        pytest.param(lambda tmp: record_with(score=-1), id="score below zero"),
    ],
)
def test_an_unreadable_file_is_moved_aside_and_a_fresh_one_started(tmp_path, content):
    path = tmp_path / "progress.json"
    original = content(tmp_path)
    path.write_bytes(original)
    store = store_at(path)

    fresh = store.read()
    assert fresh.exercises == {} and fresh.words == {}
    kept = tmp_path / KEPT
    assert kept.read_bytes() == original  # moved aside byte for byte, not rewritten
    assert not path.exists()  # the bad file is no longer where the next read looks
    assert store.notice == Notice("unreadable", KEPT)
    assert said(store) == f"Your progress file could not be read; it was kept as {KEPT} and a new one was started."
    assert KEPT in said(store, "ru") and said(store, "ru").startswith("Файл прогресса")

    store.record_check("IOM1-02", "IOM-1", 1, 1, [])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 1 and set(saved["exercises"]) == {"IOM1-02"}
    assert kept.read_bytes() == original


def test_a_missing_file_is_a_fresh_progress_without_a_notice(tmp_path):
    store = store_at(tmp_path / "sub" / "progress.json")
    assert store.read().exercises == {} and store.read().language == "en"
    assert store.notice is None and said(store) == ""
    assert list(tmp_path.iterdir()) == []  # reading creates nothing


def test_a_second_unreadable_file_does_not_overwrite_the_first_backup(tmp_path):
    path = tmp_path / "progress.json"
    for content in (b"first", b"second", b"third"):
        path.write_bytes(content)
        store_at(path).read()
    names = {p.name for p in tmp_path.glob("progress.unreadable-*.json")}
    assert names == {KEPT, KEPT.replace(".json", "-1.json"), KEPT.replace(".json", "-2.json")}
    assert sorted(p.read_bytes() for p in tmp_path.glob("progress.unreadable-*")) == [b"first", b"second", b"third"]


def test_a_file_that_cannot_be_opened_is_never_written_over(tmp_path):
    path = tmp_path / "progress.json"
    path.mkdir()  # something is there, but it cannot be read as a file (nor replaced by one)
    (path / "precious").write_text("x")
    store = store_at(path)
    assert store.read().exercises == {}
    result = store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    assert store.notice.code == "not_saved" and "IOM1-01" in result.exercises
    assert (path / "precious").read_text() == "x"


# --- saving fails: the session keeps its work --------------------------------------------------


def refuse(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


def test_a_failed_save_keeps_the_change_and_copies_the_progress_next_to_the_notebook(tmp_path, monkeypatch,
                                                                                    notebook_folder, refuse_in):
    """What a read-only folder does to the final move, simulated (works as root too)."""
    path = tmp_path / "progress.json"
    store = store_at(path)
    store.record_check("IOM1-01", "IOM-1", 1, 2, [2])
    before = path.read_bytes()
    copy = notebook_folder / RESCUED

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse_in(tmp_path))
        result = store.record_check("IOM1-02", "IOM-1", 2, 2, [])  # does not raise
        assert store.notice == Notice("not_saved", "Permission denied", copy) and store.rescue == copy
        assert said(store) == (
            "Your progress could not be saved (Permission denied). Nothing is lost: a copy with everything you "
            f"have done is kept up to date in {copy}. Keep that file (download it from the file browser); "
            "you can import it on the progress page."
        )
        assert said(store, "ru").startswith("Не удалось сохранить прогресс") and str(copy) in said(store, "ru")
        assert set(result.exercises) == {"IOM1-01", "IOM1-02"} and store.last_time("IOM1-02").score == 2
        assert set(json.loads(copy.read_text(encoding="utf-8"))["exercises"]) == {"IOM1-01", "IOM1-02"}
        store.set_language("ru")
        assert store.read().language == "ru"  # later reads give the in-memory progress
        assert json.loads(copy.read_text(encoding="utf-8"))["language"] == "ru"  # the same copy, kept up to date
        assert sorted(p.name for p in notebook_folder.iterdir()) == [RESCUED]
        assert Path(RESCUED).match("my-progress-*.json")  # named like the page's exports, ignored by git
        assert path.read_bytes() == before  # the file on disk is untouched
        assert leftovers(tmp_path) == [] and leftovers(notebook_folder) == []

    exported = json.loads(store.export_to(tmp_path / "elsewhere.json").read_text(encoding="utf-8"))
    assert set(exported["exercises"]) == {"IOM1-01", "IOM1-02"} and exported["language"] == "ru"
    other = store_at(tmp_path / "other" / "progress.json")
    other.import_from(copy)  # the copy is an ordinary progress file
    assert other.read().exercises == store.read().exercises and other.read().language == "ru"
    assert path.read_bytes() == before


def test_the_copy_goes_to_the_first_folder_that_takes_it(tmp_path, monkeypatch, refuse_in):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, so nothing can be written inside it")
    spare = tmp_path / "spare"
    spare.mkdir()
    store = store_at(tmp_path / "progress.json", rescue_to=[blocked, spare])
    monkeypatch.setattr(os, "replace", refuse_in(tmp_path))
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    assert store.notice.copy == spare / RESCUED and str(spare / RESCUED) in said(store)
    assert "IOM1-01" in json.loads((spare / RESCUED).read_text(encoding="utf-8"))["exercises"]


def test_when_no_copy_can_be_written_the_notice_says_so(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    store = store_at(tmp_path / "progress.json", rescue_to=[blocked])
    monkeypatch.setattr(os, "replace", refuse)
    result = store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    assert store.notice == Notice("not_saved", "Permission denied") and "IOM1-01" in result.exercises
    assert said(store) == ("Your progress could not be saved (Permission denied). What you do now is kept only "
                           "while this notebook is open: please tell your instructor.")
    assert "сообщите преподавателю" in said(store, "ru")


def test_a_copy_that_cannot_be_rewritten_is_followed_by_a_new_one(tmp_path, monkeypatch, notebook_folder):
    """Every change while saving fails is in a copy the notice names; no copy is overwritten half-way."""
    store = store_at(tmp_path / "progress.json")
    monkeypatch.setattr(os, "replace", refuse)  # the copy cannot be replaced either, only created
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    store.record_check("IOM1-02", "IOM-1", 1, 1, [])
    latest = store.notice.copy
    assert latest == notebook_folder / RESCUED.replace(".json", "-1.json")
    assert set(json.loads(latest.read_text(encoding="utf-8"))["exercises"]) == {"IOM1-01", "IOM1-02"}
    assert set(json.loads((notebook_folder / RESCUED).read_text(encoding="utf-8"))["exercises"]) == {"IOM1-01"}


def test_the_notebook_folder_comes_first_then_home_then_the_temporary_folder(notebook_folder):
    import tempfile

    folders = progress_module.rescue_folders()
    assert folders[0] == notebook_folder.resolve()
    assert folders[-1] == Path(tempfile.gettempdir()).resolve() and len(folders) == len(set(folders))


def test_work_kept_in_memory_is_saved_with_other_kernels_work_once_saving_works(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    store, other = store_at(path), store_at(path)
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse)
        store.record_check("IOM1-02", "IOM-1", 1, 2, [2])
        store.record_review("mandate", True)
    assert store.notice.code == "not_saved"
    other.record_check("NGO1-01", "NGO-1", 1, 1, [])  # another kernel saves meanwhile
    assert set(store.read().exercises) == {"IOM1-01", "IOM1-02"}  # no silent merge while failing

    store.record_check("IOM1-03", "IOM-1", 1, 1, [])  # saving works again
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert set(saved["exercises"]) == {"IOM1-01", "IOM1-02", "IOM1-03", "NGO1-01"}
    assert saved["exercises"]["IOM1-02"]["attempts"] == 1 and saved["words"]["mandate"]["box"] == 2
    assert store.notice is None  # saved after all: the warning no longer holds
    assert set(store.read().exercises) == set(saved["exercises"])
    assert store.rescue is not None and store.rescue.exists()  # the copy the learner was told about stays


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    store_at(folder / "progress.json").record_check("IOM1-01", "IOM-1", 1, 2, [2])
    before = (folder / "progress.json").read_bytes()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("x")
        except PermissionError:
            pass
        else:
            probe.unlink()
            pytest.skip("permissions do not stop writes here (running as root); "
                        "test_a_failed_save_keeps_the_change_for_the_session simulates this")
        store = store_at(folder / "progress.json")
        result = store.record_check("IOM1-02", "IOM-1", 2, 2, [])
        assert store.notice.code == "not_saved" and "could not be saved" in said(store)
        assert store.notice.copy is not None and "IOM1-02" in store.notice.copy.read_text(encoding="utf-8")
        assert set(result.exercises) == {"IOM1-01", "IOM1-02"} and store.last_time("IOM1-02").score == 2
        assert (folder / "progress.json").read_bytes() == before
    finally:
        folder.chmod(0o700)


def test_a_lock_that_cannot_be_taken_in_time_does_not_raise(tmp_path, monkeypatch):
    from filelock import FileLock

    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 0.2)
    path = tmp_path / "progress.json"
    store = store_at(path)
    with FileLock(str(path) + ".lock"):  # another kernel holding the lock
        result = store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    assert store.notice.code == "not_saved" and "locked" in said(store)
    assert "IOM1-01" in result.exercises and not path.exists()


# --- two kernels at once, and atomic writes -----------------------------------------------------


WRITER = """
import sys, time
from pathlib import Path
from lessonkit.learner.progress import ProgressStore
path, name, gate = sys.argv[1], sys.argv[2], Path(sys.argv[3])
store = ProgressStore(path)
print("ready", flush=True)
while not gate.exists():
    time.sleep(0.005)
for n in range(80):
    store.record_check(f"{name}1-{n:03d}", name + "-1", n % 3, 2, [1] if n % 2 else [])
assert store.notice is None, store.notice
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path, gate = tmp_path / "progress.json", tmp_path / "go"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(gate)], stdout=subprocess.PIPE, text=True)
        for name in ("A", "B")
    ]
    try:
        assert [w.stdout.readline().strip() for w in writers] == ["ready", "ready"]
        gate.touch()  # both start writing at the same moment
        assert [w.wait(timeout=60) for w in writers] == [0, 0]
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert len(saved["exercises"]) == 160
    assert {k[0] for k in saved["exercises"]} == {"A", "B"}
    assert all(record["attempts"] == 1 for record in saved["exercises"].values())
    assert Progress.model_validate(saved).schema_version == 1
    assert leftovers(tmp_path) == [] and not list(tmp_path.glob("*.unreadable-*"))


def test_many_updates_leave_no_temporary_file(tmp_path):
    store = store_at(tmp_path / "progress.json")
    for n in range(50):
        store.record_check(f"IOM1-{n:02d}", "IOM-1", 1, 1, [])
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.lock"]
    assert len(json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))["exercises"]) == 50


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    store = store_at(path)
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    store.record_check("IOM1-02", "IOM-1", 1, 1, [])
    assert store.notice.detail == "No space left on device"
    assert path.read_bytes() == before and leftovers(tmp_path) == []


# --- what is recorded ---------------------------------------------------------------------------


def test_record_check_counts_attempts_best_and_missed_items(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-03", "IOM-1", 1, 3, [2, 3])
    store.record_check("IOM1-03", "IOM-1", 3, 3, [])
    store.record_check("IOM1-03", "IOM-1", 2, 3, [3])
    record = store.last_time("IOM1-03")
    assert (record.lesson, record.attempts, record.score, record.total, record.best) == ("IOM-1", 3, 2, 3, 3)
    assert record.missed_items == {"2": 1, "3": 2} and record.last_checked == NOW
    assert store.last_time("IOM1-99") is None
    saved = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert saved["exercises"]["IOM1-03"]["last_checked"] in ("2026-11-26T10:15:00Z", "2026-11-26T10:15:00+00:00")


def test_record_check_refuses_impossible_scores(tmp_path):
    store = store_at(tmp_path / "p.json")
    with pytest.raises(ValueError, match="impossible"):
        store.record_check("IOM1-01", "IOM-1", 5, 4, [])
    with pytest.raises(ValueError, match="item numbers"):
        store.record_check("IOM1-01", "IOM-1", 1, 4, [0])
    assert not (tmp_path / "p.json").exists()


def test_times_are_saved_in_utc(tmp_path):
    moscow = timezone(timedelta(hours=3))
    store = ProgressStore(tmp_path / "p.json", clock=lambda: datetime(2026, 11, 26, 13, 15, tzinfo=moscow))
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    assert store.last_time("IOM1-01").last_checked.utcoffset() == timedelta(0)
    assert store.last_time("IOM1-01").last_checked == NOW


def test_record_review_and_set_language(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.record_review("mandate", True)
    store.record_review("mandate", True)
    store.set_language("ru")
    saved = store_at(tmp_path / "p.json").read()
    assert saved.language == "ru" and (saved.words["mandate"].box, saved.words["mandate"].right) == (3, 2)
    with pytest.raises(ValueError):
        store.set_language("de")


def test_update_validates_the_change(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    before = (tmp_path / "p.json").read_bytes()

    def bad(progress):
        progress.language = "fr"

    with pytest.raises(ValueError):
        store.update(bad)
    assert (tmp_path / "p.json").read_bytes() == before
    assert store.update(lambda progress: Progress(language="ru")).language == "ru"


# --- export, import, reset -----------------------------------------------------------------------


def test_export_import_round_trip(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [1])
    store.record_review("mandate", False)
    exported = store.export_to(tmp_path / "mine.json")
    assert exported == tmp_path / "mine.json"

    other = store_at(tmp_path / "other" / "p.json")
    other.record_check("NGO1-01", "NGO-1", 1, 1, [])
    backup = other.import_from(exported)
    imported = other.read()
    assert imported.exercises == store.read().exercises and imported.words == store.read().words
    assert backup == tmp_path / "other" / "p.before-import-20261126T101500.json"
    assert set(json.loads(backup.read_text(encoding="utf-8"))["exercises"]) == {"NGO1-01"}


def test_importing_into_an_empty_store_keeps_no_empty_backup(tmp_path):
    exported = tmp_path / "mine.json"
    seed = store_at(tmp_path / "seed.json")
    seed.record_check("IOM1-01", "IOM-1", 3, 4, [])
    seed.export_to(exported)
    fresh = store_at(tmp_path / "new" / "p.json")
    assert fresh.import_from(exported) is None
    assert set(fresh.read().exercises) == {"IOM1-01"}
    assert sorted(p.name for p in (tmp_path / "new").glob("*.json")) == ["p.json"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"not json", "it is not a progress file (not valid JSON text)"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b'{"schema_version": 2}', "it has schema version 2; this course reads version 1"),
        (b"[]", "it is not a progress file (no fields at the top level)"),
        (json.dumps({"schema_version": 1, "words": {"x": {"box": 9}}}).encode(), "its field words.x.box is not valid"),
        (b" " * (5 * 1024 * 1024 + 1), "the file is larger than 5 MB"),
        (record_with(last_checked="0001-01-01T00:00:00+14:00"), "its field exercises.IOM1-01.last_checked is not valid"),
        (record_with(score=9, total=4, best=9), "its field exercises.IOM1-01 is not valid"),
    ],
)
def test_a_bad_import_is_refused_and_changes_nothing(tmp_path, content, reason):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [])
    before = (tmp_path / "p.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ProgressImportError) as refused:
        store.import_from(bad)
    assert reason in str(refused.value) and "\n" not in str(refused.value)
    assert (tmp_path / "p.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("p.*")) == ["p.json", "p.json.lock"]  # no backup either


def test_importing_a_missing_file_is_refused(tmp_path):
    store = store_at(tmp_path / "p.json")
    with pytest.raises(ProgressImportError, match="cannot be read"):
        store.import_from(tmp_path / "nowhere.json")


def test_reset_keeps_a_backup_and_the_language(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.set_language("ru")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [])
    backup = store.reset()
    assert backup == tmp_path / "p.before-reset-20261126T101500.json"
    assert "IOM1-01" in json.loads(backup.read_text(encoding="utf-8"))["exercises"]
    assert store.read().exercises == {} and store.read().language == "ru"
    second = store.reset()
    assert second.name == "p.before-reset-20261126T101500-1.json" and backup.exists()


# --- where the file is ------------------------------------------------------------------------


def test_the_environment_variable_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "mine.json"))
    assert default_path() == tmp_path / "mine.json"
    store = ProgressStore(clock=lambda: NOW)
    store.record_check("IOM1-01", "IOM-1", 1, 1, [])
    assert store.path == tmp_path / "mine.json" and (tmp_path / "mine.json").exists()


def test_without_the_variable_the_user_data_folder_is_used(monkeypatch):
    from platformdirs import user_data_dir

    monkeypatch.delenv("LESSONKIT_PROGRESS", raising=False)
    assert default_path() == Path(user_data_dir("lessonkit")) / "progress.json"


def test_temporary_files_of_killed_saves_are_cleaned_up_by_the_next_save(tmp_path):
    """A kernel killed mid-write leaves `.progress.json.XXXX.tmp`; the next save removes them."""
    path = tmp_path / "progress.json"
    store = store_at(path)
    store.record_check("IOM1-01", "IOM-1", 1, 4, [])
    for n in range(5):
        (tmp_path / f".progress.json.killed{n}.tmp").write_bytes(b'{"schema_version": 1')
    (tmp_path / "notes.tmp").write_text("the learner's own file")
    store.record_check("IOM1-02", "IOM-1", 2, 4, [])
    assert leftovers(tmp_path) == ["notes.tmp"]  # only the store's own temporaries go
    assert set(store.read().exercises) == {"IOM1-01", "IOM1-02"}


# --- the updates are pure; the layers do not import each other in a circle -------------------------


def test_each_update_returns_a_new_progress_and_leaves_the_given_one_alone():
    from lessonkit.learner import progress_updates as updates

    before = Progress(language="en")
    snapshot = before.model_dump()
    checked = updates.record_check(before, "IOM1-03", "IOM-1", 1, 3, [2, 3], NOW)
    again = updates.record_check(checked, "IOM1-03", "IOM-1", 3, 3, [], NOW)
    claimed = updates.record_claim(again, "IOM1-03", "IOM-1", 2, "x" * 5000, "self_credited", NOW)
    reviewed = updates.record_review(claimed, "mandate", True, NOW)
    russian = updates.set_language(reviewed, "ru")
    assert before.model_dump() == snapshot and checked.exercises["IOM1-03"].attempts == 1
    record = russian.exercises["IOM1-03"]
    assert (record.attempts, record.score, record.best, record.missed_items) == (2, 3, 3, {"2": 1, "3": 1})
    assert [(c.item, len(c.answer), c.kind) for c in record.claims] == [(2, 4000, "self_credited")]
    assert russian.words["mandate"].box == 2 and russian.language == "ru" and reviewed.language == "en"
    restarted = updates.start_again(russian)
    assert (restarted.exercises, restarted.words, restarted.language) == ({}, {}, "ru")
    for bad in (lambda: updates.record_check(before, "X", "L", 4, 3, [], NOW),
                lambda: updates.record_check(before, "X", "L", 1, 3, [True], NOW),
                lambda: updates.record_claim(before, "X", "L", 1, "a", "liked", NOW),
                lambda: updates.set_language(before, "de")):
        with pytest.raises(ValueError):
            bad()


def imported_modules(module: str) -> set[str]:
    """The lessonkit modules a module's source imports, at the top or inside functions."""
    import ast

    source = (Path(progress_module.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    found = set()
    package = ["lessonkit", "learner"]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x / from .x import y / from ..content.x import y
                prefix = ".".join(package[: len(package) - node.level + 1])
                found |= {f"{prefix}.{base}"} if base else {f"{prefix}.{alias.name}" for alias in node.names}
            elif base.startswith("lessonkit"):
                found.add(base)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("lessonkit")}
    return found


def test_the_leitner_rules_and_the_records_do_not_import_the_store():
    store_side = {"lessonkit.learner.progress", "lessonkit.learner.progress_updates", "lessonkit.learner.progress_model"}
    assert imported_modules("leitner").isdisjoint(store_side), imported_modules("leitner")
    assert "lessonkit.learner.progress" not in imported_modules("progress_model")
    assert "lessonkit.learner.progress" not in imported_modules("progress_updates")
    assert "lessonkit.learner.leitner" in imported_modules("progress_model")  # the card comes from there


def test_a_file_written_before_the_word_card_moved_still_loads(tmp_path):
    """The JSON layout is unchanged: a file saved by the earlier layout (word card in progress.py) loads."""
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({
        "schema_version": 1, "language": "ru",
        "exercises": {"IOM1-01": {"lesson": "IOM-1", "attempts": 2, "score": 3, "total": 4, "best": 3,
                                  "last_checked": "2026-11-25T09:00:00Z", "missed_items": {"2": 1},
                                  "claims": [{"item": 2, "answer": "a route", "kind": "should_be_accepted",
                                              "at": "2026-11-25T09:01:00Z"}]}},
        "words": {"mandate": {"box": 3, "last_review": "2026-11-24T08:00:00Z", "right": 2, "wrong": 1,
                              "direction_successes": 2}},
        "updated": "2026-11-25T09:01:00Z",
    }), encoding="utf-8")
    store = store_at(path)
    progress = store.read()
    assert store.notice is None and progress.language == "ru" and progress.words["mandate"].box == 3
    assert progress.exercises["IOM1-01"].claims[0].kind == "should_be_accepted"
    store.record_review("mandate", True)
    # `direction_successes` (always equal to `right`) is read and no longer written.
    assert json.loads(path.read_text(encoding="utf-8"))["words"]["mandate"] == {
        "box": 4, "last_review": "2026-11-26T10:15:00Z", "right": 3, "wrong": 1}


# --- the name and the answers of the last check (for the instructor's class report) ------------------


def test_a_check_keeps_the_answers_and_verdicts_of_the_last_check_only():
    from lessonkit.learner import progress_updates as updates
    from lessonkit.marking.answers import ExerciseResult, ItemResult, OpenResponse

    result = ExerciseResult("IOM1-03", (ItemResult("right"), ItemResult("wrong", found=("rights",)),
                                        ItemResult("wrong", cells=(True, False)), ItemResult("invalid"),
                                        ItemResult("unanswered"), ItemResult("wrong")))
    responses = ["Geneva", "x" * 900, {"Year": "1951", "Body": "y" * 600}, {"b", "a"},
                 OpenResponse("", frozenset()), ["B", None, "A"]]
    answers = updates.item_answers(result, responses)
    assert [a.result for a in answers] == ["right", "partial", "partial", "wrong", "unanswered", "wrong"]
    assert answers[0].answer == "Geneva" and answers[1].answer == "x" * 500  # capped
    assert answers[2].answer == {"Year": "1951", "Body": "y" * 496}  # 500 characters of text in all
    assert answers[3].answer == ["a", "b"] and answers[5].answer == ["B", None, "A"]
    assert answers[4].answer == {"text": "", "ticked": []}
    json.dumps([a.model_dump() for a in answers])  # JSON as it is

    first = updates.record_check(Progress(), "IOM1-03", "IOM-1", 1, 6, [2, 3, 6], NOW, answers)
    again = updates.record_check(first, "IOM1-03", "IOM-1", 1, 6, [2], NOW)  # no answers given: the last ones stay
    assert again.exercises["IOM1-03"].last_answers == first.exercises["IOM1-03"].last_answers
    third = updates.record_check(again, "IOM1-03", "IOM-1", 6, 6, [], NOW, updates.item_answers(
        ExerciseResult("IOM1-03", (ItemResult("right"),) * 6), ["z"] * 6))
    assert [a.answer for a in third.exercises["IOM1-03"].last_answers] == ["z"] * 6
    with pytest.raises(ValueError, match="one per item"):
        updates.record_check(Progress(), "IOM1-03", "IOM-1", 1, 6, [], NOW, answers[:2])


def test_the_name_is_one_clean_line_and_survives_a_reset():
    from lessonkit.learner import progress_updates as updates

    named = updates.set_name(Progress(language="ru"), "  An\u200bna\tK.\n" + "z" * 200)
    assert named.name == ("Anna K. " + "z" * 200)[: updates.MAX_NAME]
    assert len(named.name) == updates.MAX_NAME and "\n" not in named.name and "\t" not in named.name
    assert updates.start_again(named).name == named.name and updates.start_again(named).language == "ru"
    assert updates.set_name(named, "   ").name == ""


def test_the_store_saves_the_name_and_the_answers_and_an_export_carries_them(tmp_path):
    from lessonkit.learner.progress import ItemAnswer

    store = store_at(tmp_path / "progress.json")
    store.set_name("Blue Fox")
    store.record_check("IOM1-01", "IOM-1", 1, 2, [2], [ItemAnswer(answer="a", result="right"),
                                                       ItemAnswer(answer=None, result="wrong")])
    exported = json.loads(store.export_to(tmp_path / "my-progress.json").read_text(encoding="utf-8"))
    assert exported["name"] == "Blue Fox"
    assert exported["exercises"]["IOM1-01"]["last_answers"] == [{"answer": "a", "result": "right"},
                                                                 {"answer": None, "result": "wrong"}]


def test_a_file_written_before_names_and_answers_were_kept_still_loads_and_gains_them(tmp_path):
    """Old format: no `name`, no `last_answers`. It loads as it is, and the next check adds them."""
    path = tmp_path / "progress.json"
    old = {"schema_version": 1, "language": "en", "updated": "2026-11-25T09:01:00Z", "words": {},
           "exercises": {"IOM1-01": {"lesson": "IOM-1", "attempts": 2, "score": 3, "total": 4, "best": 3,
                                     "last_checked": "2026-11-25T09:00:00Z", "missed_items": {"2": 1}, "claims": []}}}
    path.write_text(json.dumps(old), encoding="utf-8")
    store = store_at(path)
    progress = store.read()
    assert store.notice is None and progress.name == "" and progress.exercises["IOM1-01"].last_answers == []
    from lessonkit.learner.progress import ItemAnswer

    store.record_check("IOM1-02", "IOM-1", 1, 1, [], [ItemAnswer(answer="b", result="right")])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["exercises"]["IOM1-01"]["missed_items"] == {"2": 1} and saved["exercises"]["IOM1-01"]["score"] == 3
    assert saved["exercises"]["IOM1-02"]["last_answers"] == [{"answer": "b", "result": "right"}]


@pytest.mark.parametrize("field, value", [
    ("last_answers", [{"answer": "x" * 5000, "result": "right"}]),
    ("last_answers", [{"answer": "x", "result": "excellent"}]),
])
def test_a_hand_made_answer_that_is_huge_or_has_an_unknown_verdict_is_refused(tmp_path, field, value):
    with pytest.raises(ProgressImportError, match="last_answers"):
        progress_module.parse(record_with(**{field: value}))


def test_an_answer_nested_absurdly_deep_is_refused_in_one_short_line():
    deep = [[]]
    for _ in range(900):
        deep = [deep]
    raw = record_with(last_answers=[{"answer": "PLACEHOLDER", "result": "wrong"}]).replace(
        b'"PLACEHOLDER"', json.dumps(deep).encode())
    with pytest.raises(ProgressImportError) as refused:
        progress_module.parse(raw)
    assert "last_answers.0.answer" in str(refused.value) and len(str(refused.value)) < 200


@pytest.mark.parametrize("field, value, said", [
    ("quiz_answers", {"RIV1-01": {"lesson": "RIV-1", "responses": ["x" * 5000], "saved": "2026-03-02T09:00:00Z"}},
     "a saved answer is longer than 4000 characters"),
    ("quiz_attempts", [{"lesson": "RIV-1", "finished": "2026-03-02T09:00:00Z", "score": 3, "total": 2}],
     "score 3 is more than the total 2"),
])
def test_a_quiz_record_that_cannot_be_is_refused_with_its_field(field, value, said):
    from lessonkit.learner.progress_model import SCHEMA_VERSION, ProgressImportError, parse

    raw = json.dumps({"schema_version": SCHEMA_VERSION, field: value}).encode()
    with pytest.raises(ProgressImportError) as refused:
        parse(raw)
    assert f"its field {field}" in str(refused.value) and said in str(refused.value)
