"""The package layout shows the architecture: layers that only import downwards, no circles.

    marking  <  content  <  learner  <  views  <  publish  <  the entry points at the top

`marking` (normalising and checking answers) is pure; `content` is the schema, the kind
registry, the loader and safe file writing; `learner` is the progress store and the Leitner cards; `views`
are the widgets, the lesson session and the interface strings; `publish` writes
notebooks, the README, link checks and reports. Imports under `if TYPE_CHECKING:` are
for the type checker only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lessonkit"
LAYERS = ("marking", "content", "learner", "views", "publish")
LIMIT = 320  # lines: "no module over about 300"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else len(LAYERS)


def exists(module: str) -> bool:
    file = PACKAGE.parent / module.replace(".", "/")
    return file.with_suffix(".py").exists() or (file / "__init__.py").exists()


def runtime_imports(source: str, module: str, is_package: bool = False) -> set[str]:
    """The lessonkit modules that `module` imports when it runs (at import time or in a function)."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("lessonkit"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("lessonkit"):
                continue
            found.update(m for m in (f"{target}.{alias.name}" for alias in node.names) if exists(m))
            if exists(target):
                found.add(target)
    return found - {module}


GRAPH = {module_name(path): runtime_imports(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
         for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_sits_in_a_layer_or_is_an_entry_point() -> None:
    top = {name for name in GRAPH if name.count(".") == 1 and name.split(".")[1] not in LAYERS}
    assert top == {"lessonkit.__main__", "lessonkit.app_server", "lessonkit.cli", "lessonkit.jupyter_hooks"}
    assert {name.split(".")[1] for name in GRAPH if name.count(".") >= 1} >= set(LAYERS)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_layers_import_only_downwards(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if layer_of(t) > layer_of(module) and not t.endswith("__init__"))
    assert not upward, f"{module} (layer {layer_of(module)}) imports higher layers: {upward}"


def test_no_import_circle() -> None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(GRAPH.get(node, ())):
            if target not in GRAPH or target == "lessonkit":
                continue
            if state.get(target) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)


def test_the_walk_sees_upward_imports_and_skips_type_checking_ones() -> None:
    """The walk itself works: relative, absolute and in-function imports are found."""
    source = ("from typing import TYPE_CHECKING\nfrom ..views import i18n\nif TYPE_CHECKING:\n    from ..publish import build\n"
              "def f():\n    import lessonkit.learner.progress\n    from .answers import check_choice\n")
    imports = runtime_imports(source, "lessonkit.marking.probe")
    assert imports == {"lessonkit.views.i18n", "lessonkit.views", "lessonkit.learner.progress", "lessonkit.marking.answers"}
    assert layer_of("lessonkit.views.i18n") > layer_of("lessonkit.marking.probe")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_about_300_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{path.name} has {lines} lines; split it at a seam"


def test_importing_the_lesson_session_builds_no_pydantic_model() -> None:
    """The records are pydantic classes (tens of ms to build): they load with the course when
    a lesson opens, so importing the views stays within DESIGN's 0.1 s import budget."""
    import subprocess
    import sys

    code = ("import sys, lessonkit.views.session; "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'lessonkit.content.model', "
            "'lessonkit.learner.progress_model'))) or 'none')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"
