"""The progress store under faults: nothing the learner did is ever lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from lessonkit.progress import ProgressImportError, ProgressStore, default_path, describe_age

NOW = datetime(2026, 11, 26, 10, 15, tzinfo=timezone.utc)


def store_at(path: Path) -> ProgressStore:
    return ProgressStore(path, clock=lambda: NOW)


def valid_bytes(tmp_path: Path) -> bytes:
    store = store_at(tmp_path / "seed.json")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [2])
    return (tmp_path / "seed.json").read_bytes()


@pytest.mark.parametrize(
    "case, content",
    [
        ("corrupt JSON", lambda tmp: b'{"schema_version": 1, "exercises": {'),
        ("truncated", lambda tmp: valid_bytes(tmp)[: len(valid_bytes(tmp)) // 2]),
        ("empty", lambda tmp: b""),
        ("not UTF-8", lambda tmp: b"\xff\xfe\x00garbage"),
        ("wrong shape", lambda tmp: b"[1, 2, 3]"),
        ("wrong schema version", lambda tmp: json.dumps({"schema_version": 99}).encode()),
        ("wrong field types", lambda tmp: json.dumps({"schema_version": 1, "exercises": {"X": {"lesson": 5}}}).encode()),
    ],
)
def test_an_unreadable_file_is_moved_aside_and_a_fresh_one_started(tmp_path, case, content):
    path = tmp_path / "progress.json"
    original = content(tmp_path)
    path.write_bytes(original)
    store = store_at(path)
    assert store.read().exercises == {}
    kept = tmp_path / "progress.unreadable-20261126T101500.json"
    assert kept.read_bytes() == original  # moved aside, never overwritten
    assert store.notice_code == "unreadable" and kept.name in store.notice
    store.record_check("IOM1-02", "IOM-1", 1, 1, [])
    assert json.loads(path.read_text())["exercises"]["IOM1-02"]["score"] == 1
    assert kept.read_bytes() == original


def test_a_second_unreadable_file_does_not_overwrite_the_first_backup(tmp_path):
    path = tmp_path / "progress.json"
    for content in (b"first", b"second"):
        path.write_bytes(content)
        store_at(path).read()
    kept = sorted(p.read_bytes() for p in tmp_path.glob("progress.unreadable-*.json"))
    assert kept == [b"first", b"second"]


def test_a_failed_save_keeps_the_change_for_the_session(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    store = store_at(path)
    store.record_check("IOM1-01", "IOM-1", 1, 2, [2])
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)  # what a read-only folder does to the final move
    result = store.record_check("IOM1-02", "IOM-1", 2, 2, [])
    assert store.notice_code == "not_saved" and "Permission denied" in store.notice
    assert set(result.exercises) == {"IOM1-01", "IOM1-02"} and store.last_time("IOM1-02").score == 2
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("x")
            probe.unlink()
            pytest.skip("running as root: permissions do not stop writes (covered by the monkeypatched test)")
        except PermissionError:
            pass
        store = store_at(folder / "progress.json")
        store.record_check("IOM1-01", "IOM-1", 1, 1, [])
        assert store.notice_code == "not_saved" and store.last_time("IOM1-01").score == 1
    finally:
        folder.chmod(0o700)


WRITER = """
import sys
from lessonkit.progress import ProgressStore
store = ProgressStore(sys.argv[1])
for n in range(200):
    store.record_check(f"{sys.argv[2]}-{n:03d}", "L", 1, 1, [])
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in ("A", "B")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    saved = json.loads(path.read_text())["exercises"]
    assert len(saved) == 400
    assert {k[0] for k in saved} == {"A", "B"}
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_record_check_counts_attempts_best_and_missed_items(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-03", "IOM-1", 1, 3, [2, 3])
    store.record_check("IOM1-03", "IOM-1", 2, 3, [3])
    record = store.last_time("IOM1-03")
    assert (record.attempts, record.score, record.best, record.missed_items) == (2, 2, 2, {"2": 1, "3": 2})


def test_export_import_round_trip(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [])
    exported = store.export_to(tmp_path / "mine.json")
    other = store_at(tmp_path / "other" / "p.json")
    other.record_check("NGO1-01", "NGO-1", 1, 1, [])
    backup = other.import_from(exported)
    assert set(other.read().exercises) == {"IOM1-01"}
    assert backup is not None and "NGO1-01" in backup.read_text()


@pytest.mark.parametrize(
    "content, reason",
    [(b"not json", "not valid JSON"), (b'{"schema_version": 2}', "schema version 2"), (b"[]", "no fields"),
     (json.dumps({"schema_version": 1, "words": {"x": {"box": 9}}}).encode(), "words.x.box")],
)
def test_a_bad_import_is_refused_and_changes_nothing(tmp_path, content, reason):
    store = store_at(tmp_path / "p.json")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [])
    before = (tmp_path / "p.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ProgressImportError, match=reason):
        store.import_from(bad)
    assert (tmp_path / "p.json").read_bytes() == before


def test_reset_keeps_a_backup_and_the_language(tmp_path):
    store = store_at(tmp_path / "p.json")
    store.set_language("ru")
    store.record_check("IOM1-01", "IOM-1", 3, 4, [])
    backup = store.reset()
    assert "IOM1-01" in backup.read_text()
    assert store.read().exercises == {} and store.read().language == "ru"


def test_the_environment_variable_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "mine.json"))
    assert default_path() == tmp_path / "mine.json"


@pytest.mark.parametrize(
    "delta, en, ru",
    [
        (timedelta(seconds=5), "just now", "только что"),
        (timedelta(minutes=1), "1 minute ago", "1 минуту назад"),
        (timedelta(minutes=5), "5 minutes ago", "5 минут назад"),
        (timedelta(hours=2), "2 hours ago", "2 часа назад"),
        (timedelta(days=1), "yesterday", "вчера"),
        (timedelta(days=2), "2 days ago", "2 дня назад"),
        (timedelta(days=5), "5 days ago", "5 дней назад"),
        (timedelta(days=11), "11 days ago", "11 дней назад"),
        (timedelta(days=12), "12 days ago", "12 дней назад"),
        (timedelta(days=21), "3 weeks ago", "3 недели назад"),
        (timedelta(days=35), "5 weeks ago", "5 недель назад"),
        (timedelta(days=90), "3 months ago", "3 месяца назад"),
    ],
)
def test_describe_age(delta, en, ru):
    assert describe_age(NOW - delta, NOW, "en") == en
    assert describe_age(NOW - delta, NOW, "ru") == ru


def test_russian_plural_forms():
    from lessonkit.progress import ru_plural

    forms = ("день", "дня", "дней")
    assert [ru_plural(n, forms) for n in (1, 2, 5, 11, 12, 21, 22, 25, 111)] == [
        "день", "дня", "дней", "дней", "дней", "день", "дня", "дней", "дней"]
