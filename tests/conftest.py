"""Shared fixtures: the real course data and a tiny course that is not about migration."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from lessonkit.content.load import load_course

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "minicourse"


_PROGRESS_DIR: str | None = None


def pytest_configure(config):
    """Keep every progress file and cached lesson the tests (and nbval's kernels) write out of
    the user's folders."""
    global _PROGRESS_DIR
    # nbval's kernels inherit it: a notebook cell that would show a learner "this exercise
    # cannot be shown" fails the run instead (the unit tests below switch it off).
    os.environ["LESSONKIT_STRICT"] = "1"
    if "LESSONKIT_PROGRESS" in os.environ and "LESSONKIT_CACHE" in os.environ:
        return  # an xdist worker: the controller has chosen both
    _PROGRESS_DIR = tempfile.mkdtemp(prefix="lessonkit-tests-")
    os.environ.setdefault("LESSONKIT_PROGRESS", str(Path(_PROGRESS_DIR) / "progress.json"))
    os.environ.setdefault("LESSONKIT_CACHE", str(Path(_PROGRESS_DIR) / "cache"))


def pytest_unconfigure(config):
    if _PROGRESS_DIR:
        shutil.rmtree(_PROGRESS_DIR, ignore_errors=True)
        for var in ("LESSONKIT_PROGRESS", "LESSONKIT_CACHE"):
            if os.environ.get(var, "").startswith(_PROGRESS_DIR):
                os.environ.pop(var)


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


class Clock:
    """A clock the test sets: `clock.now = clock.start + timedelta(days=2)`."""

    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

    def __init__(self) -> None:
        self.now = self.start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def refuse_in() -> Callable[[Path], Callable[..., None]]:
    """`refuse_in(folder)`: an `os.replace` that fails for files in `folder` only, as a
    read-only progress folder does (simulated, so it works as root too)."""
    real = os.replace

    def refusing(folder: Path) -> Callable[..., None]:
        def replace(source, target, *args, **kwargs):
            if Path(target).parent == folder:
                raise PermissionError(13, "Permission denied")
            return real(source, target, *args, **kwargs)

        return replace

    return refusing
