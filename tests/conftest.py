"""Shared fixtures: the real course data and a tiny course that is not about migration."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lessonkit.content.load import load_course

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "minicourse"


_PROGRESS_DIR: str | None = None


def pytest_configure(config):
    """Keep every progress file the tests (and nbval's kernels) write out of the user's data."""
    global _PROGRESS_DIR
    # nbval's kernels inherit it: a notebook cell that would show a learner "this exercise
    # cannot be shown" fails the run instead (the unit tests below switch it off).
    os.environ["LESSONKIT_STRICT"] = "1"
    if "LESSONKIT_PROGRESS" not in os.environ:
        _PROGRESS_DIR = tempfile.mkdtemp(prefix="lessonkit-tests-")
        os.environ["LESSONKIT_PROGRESS"] = str(Path(_PROGRESS_DIR) / "progress.json")


def pytest_unconfigure(config):
    if _PROGRESS_DIR:
        shutil.rmtree(_PROGRESS_DIR, ignore_errors=True)
        os.environ.pop("LESSONKIT_PROGRESS", None)


@pytest.fixture(scope="session")
def course():
    # The authors' example answers are judged once, by `lessonkit check` on the course
    # (tests/test_build.py), not again in every worker that needs the course.
    return load_course(ROOT / "data", examples=False)


@pytest.fixture(scope="session")
def mini():
    return load_course(MINI / "data")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny course: a project root with data/ inside."""
    target = tmp_path / "minicourse"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(autouse=True)
def messages_not_failures(monkeypatch):
    """Unit tests check what a learner sees, so the strict mode of nbval runs is off here."""
    monkeypatch.delenv("LESSONKIT_STRICT", raising=False)


@pytest.fixture
def mini_root() -> Path:
    """The tiny test course's folder (data/, notebooks/, solutions/)."""
    return MINI
