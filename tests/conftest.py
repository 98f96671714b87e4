"""Shared fixtures: the real course data and a tiny course that is not about migration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lessonkit.load import load_course

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "minicourse"


@pytest.fixture(scope="session")
def course():
    return load_course(ROOT / "data")


@pytest.fixture(scope="session")
def mini():
    return load_course(MINI / "data")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny course: a project root with data/ inside."""
    target = tmp_path / "minicourse"
    shutil.copytree(MINI, target)
    return target
