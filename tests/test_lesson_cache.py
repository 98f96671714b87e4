"""A lesson opens from the cache only when the cache holds this very course (`lesson_cache`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import lessonkit.content.load as load
from lessonkit.content import lesson_cache
from lessonkit.content.lesson_cache import cache_key, cache_path, load_lesson_course
from lessonkit.content.problems import DataError


def same(a, b) -> bool:
    """Two courses hold the same records (the course itself is a plain class)."""
    return (a.root, a.map, a.texts, a.glossaries, a.lessons, a.timeline, a.paragraphs) == \
        (b.root, b.map, b.texts, b.glossaries, b.lessons, b.timeline, b.paragraphs)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LESSONKIT_CACHE", str(folder))
    return folder


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every time the data is read afresh (a cache miss), the lesson it was read for."""
    seen: list[str] = []
    real = load.load_course

    def counted(data_dir, only=None, examples=None):
        seen.append(only)
        return real(data_dir, only=only, examples=examples)

    monkeypatch.setattr(load, "load_course", counted)
    return seen


def test_the_second_opening_reads_the_cache_and_gets_the_same_course(mini_copy, cache, reads):
    data = mini_copy / "data"
    first = load_lesson_course(data, "RIV-1")
    second = load_lesson_course(data, "RIV-1")
    assert reads == ["RIV-1"]
    assert same(second, first) and second is not first
    assert second.lessons["RIV-1"].exercises and not same(second, load.load_course(data, only="RIV-2"))
    assert [p.name for p in cache.iterdir()] == [cache_path(cache, data, "RIV-1").name]


def test_any_edit_of_the_data_is_read_afresh_and_replaces_the_old_copy(mini_copy, cache, reads):
    data = mini_copy / "data"
    load_lesson_course(data, "RIV-1")
    lesson = data / "lessons" / "riv-1.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Danube", "Danube river", 1), encoding="utf-8")
    edited = load_lesson_course(data, "RIV-1")
    assert reads == ["RIV-1", "RIV-1"]
    assert "Danube river" in edited.lessons["RIV-1"].model_dump_json()
    (data / "source" / "notes.txt").write_text("a new file in the data folder", encoding="utf-8")
    load_lesson_course(data, "RIV-1")
    assert len(reads) == 3 and len(list(cache.iterdir())) == 1  # one copy per course folder and lesson


def test_each_lesson_has_its_own_copy(mini_copy, cache, reads):
    data = mini_copy / "data"
    assert load_lesson_course(data, "RIV-1").lessons.keys() == {"RIV-1"}
    assert load_lesson_course(data, "RIV-2").lessons.keys() == {"RIV-2"}
    load_lesson_course(data, "RIV-2")
    assert reads == ["RIV-1", "RIV-2"]


def test_a_change_of_the_schema_source_is_another_key(mini_copy, tmp_path, monkeypatch):
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "model.py").write_text("class Lesson: ...\n", encoding="utf-8")
    monkeypatch.setattr(lesson_cache, "SCHEMA_SOURCE", schema)
    before = cache_key(mini_copy / "data", "RIV-1")
    (schema / "model.py").write_text("class Lesson: pass\n", encoding="utf-8")
    assert cache_key(mini_copy / "data", "RIV-1") != before
    assert cache_key(mini_copy / "data", "RIV-2") != cache_key(mini_copy / "data", "RIV-1")


@pytest.mark.parametrize("damage", [b"", b"lessonkit lesson cache 1\n", b"not a cache at all", "truncated"])
def test_a_damaged_copy_is_read_afresh_and_written_again(mini_copy, cache, reads, damage):
    data = mini_copy / "data"
    good = load_lesson_course(data, "RIV-1")
    path = cache_path(cache, data, "RIV-1")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2] if damage == "truncated" else damage)
    assert same(load_lesson_course(data, "RIV-1"), good)
    assert reads == ["RIV-1", "RIV-1"] and path.read_bytes() == whole


def test_a_cache_that_cannot_be_written_still_opens_the_lesson(mini_copy, tmp_path, monkeypatch, reads):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LESSONKIT_CACHE", str(blocked / "cache"))
    assert "RIV-1" in load_lesson_course(mini_copy / "data", "RIV-1").lessons
    assert "RIV-1" in load_lesson_course(mini_copy / "data", "RIV-1").lessons
    assert reads == ["RIV-1", "RIV-1"]


def test_by_default_the_cache_is_in_the_users_cache_folder(mini_copy, tmp_path, monkeypatch, reads):
    monkeypatch.delenv("LESSONKIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_lesson_course(mini_copy / "data", "RIV-1")
    load_lesson_course(mini_copy / "data", "RIV-1")
    assert reads == ["RIV-1"] and len(list((tmp_path / "xdg" / "lessonkit").glob("RIV-1-*.pickle"))) == 1


def test_off_means_no_cache(mini_copy, tmp_path, monkeypatch, reads):
    monkeypatch.setenv("LESSONKIT_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_lesson_course(mini_copy / "data", "RIV-1")
    load_lesson_course(mini_copy / "data", "RIV-1")
    assert reads == ["RIV-1", "RIV-1"] and not (tmp_path / "xdg").exists()


def test_bad_data_is_an_error_and_is_not_kept(mini_copy, cache):
    data = mini_copy / "data"
    lesson = data / "lessons" / "riv-1.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("lesson: RIV-1", "lesson: RIV-1\nlesson: RIV-1", 1),
                      encoding="utf-8")
    with pytest.raises(DataError, match="written twice"):
        load_lesson_course(data, "RIV-1")
    assert not cache.exists() or not list(cache.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_the_data_folder_does_not_stop_the_key(mini_copy):
    os.mkfifo(mini_copy / "data" / "source" / "pipe")
    assert len(cache_key(mini_copy / "data", "RIV-1")) == 64  # a read of the FIFO would wait for ever


def test_a_notebook_opening_a_lesson_twice_reads_the_data_once(mini_copy, cache, reads, tmp_path, monkeypatch):
    from lessonkit.views.session import open_lesson

    monkeypatch.setenv("LESSONKIT_PROGRESS", str(tmp_path / "progress.json"))
    first = open_lesson("RIV-1", data_dir=mini_copy / "data")
    second = open_lesson("RIV-1", data_dir=mini_copy / "data")
    assert reads == ["RIV-1"] and not second.problems
    assert second.show("RIV1-01").spec == first.show("RIV1-01").spec
