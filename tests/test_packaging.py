"""environment.yml and pyproject.toml name the same dependencies; git keeps no junk."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parent.parent


def requirement(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_and_pyproject_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(requirement(spec) for spec in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    declared = dict(requirement(spec) for spec in conda if not spec.startswith(("python", "pip")))
    assert declared == wanted
    assert any(re.fullmatch(r"python=3\.\d+", d) for d in conda), "pin Python exactly: python=3.x"
    assert "pip" in conda
    assert all(bound.startswith(">=") for bound in wanted.values()), "every dependency has a lower bound"


def test_every_environment_dependency_has_a_comment():
    lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if re.match(r"^\s+- [a-z]", line) and "conda-forge" not in line]
    assert entries and all("#" in line for line in entries)


def test_binder_post_build_installs_the_engine():
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash") and "set -e" in text and "pip install --no-deps -e ." in text


def test_git_ignores_caches_checkpoints_and_the_venv():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    junk = [p for p in tracked if re.search(r"(^|/)(\.venv|__pycache__|\.ipynb_checkpoints|\.pytest_cache)(/|$)|\.pyc$", p)]
    assert junk == []
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    for pattern in (".venv/", "__pycache__/", ".ipynb_checkpoints/"):
        assert pattern in ignored


def test_importing_the_engine_has_no_side_effects():
    code = "import sys, lessonkit; print(sorted(m for m in ('ipywidgets', 'pandas', 'pydantic') if m in sys.modules))"
    out = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True, check=True, cwd="/").stdout
    assert out.strip() == "[]"


def test_make_lab_installs_the_course_without_the_test_tools():
    """Learners install what they use; pytest, nbval, Playwright, ruff and mypy come with `make test`."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = {m.group(1): m.group(2) for m in re.finditer(r"^(\S+): ?([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.M)}
    recipes = {m.group(1): m.group(3) for m in re.finditer(r"^(\S+): ?([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.M)}
    assert rules["lab"].split() == ["$(RUNTIME)"]
    assert "pip install --quiet -e .\n" in recipes["$(RUNTIME)"] and "[test]" not in recipes["$(RUNTIME)"]
    assert "[test]" in recipes["$(STAMP)"] and rules["test"].split() == ["$(STAMP)"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"])
    assert not any(tool in runtime for tool in ("pytest", "nbval", "playwright", "ruff", "mypy"))
