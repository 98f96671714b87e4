"""`lessonkit release OUT`: a learner-only copy of the course, ready to push as its own
repository or branch for Binder and nbgitpuller.

What goes in: the learner notebooks, built for students (no solutions, no link to them);
the data they read, each lesson without its `teacher:` block and `materials:` (course.yml
says `release: student`, so the loader accepts that, and with `--quiz` also `mode: quiz`);
the engine (`lessonkit/`, `pyproject.toml`), `environment.yml`, `postBuild`, a `.gitignore`
and a README for students (`release_readme`). The keys, the evidence and the authors'
example answers stay in the data: the notebooks check answers with them.

Everything is made in memory first and checked by loading it as a course; only then is OUT
written, and nothing outside it. The bytes depend on the data alone: two releases of the same
course are identical.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..content.load import collect, read_yaml
from ..content.model import Lesson
from .build import build_all
from .release_readme import GITIGNORE, student_readme

_BASE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ENGINE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds lessonkit/ and pyproject.toml
ENGINE_FILES = ("pyproject.toml", "environment.yml", "postBuild", "LICENSE")
EXECUTABLE = {"postBuild"}
ENGINE_SUFFIXES = {".py", ".js", ".css", ".typed"}
HEADER = "# Released by `python -m lessonkit release`: the learners' copy of the course's data. Edit the course, not this copy.\n"
REPOSITORY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
BRANCH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


class ReleaseError(Exception):
    """The release cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class ReleaseFile:
    path: str  # relative to OUT, with forward slashes
    content: bytes
    executable: bool = False


class _Dumper(_BASE_DUMPER):  # type: ignore[misc,valid-type]
    """YAML as an author would write it: keys in their order, text with line breaks as a block."""


def _text(dumper: Any, value: str) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def dump_yaml(data: Any) -> bytes:
    """A mapping as YAML text that the course's loader reads back to the same values."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return (HEADER + text).encode("utf-8")


def _inside(relative: str) -> str:
    """A path named in course.yml, as a path inside data/ (never `..` or absolute)."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ReleaseError(f"data/course.yml names {relative!r}, which is not inside data/; a release copies only data/")
    return path.as_posix()


def _read(data_dir: Path, relative: str) -> dict[str, Any]:
    raw, problems = read_yaml(data_dir / relative, data_dir)
    if raw is None:
        raise ReleaseError("; ".join(str(p) for p in problems))
    return dict(raw)


def release_data(data_dir: Path, quiz: bool, repository: str | None) -> list[ReleaseFile]:
    """data/ for learners: course.yml marked `release: student` (and `mode: quiz`), each lesson
    without `teacher` and `materials`, the texts, glossaries, timeline and source as they are."""
    course = _read(data_dir, "course.yml")
    course["release"] = "student"
    if quiz:
        course["mode"] = "quiz"
    if repository:
        course["repository"] = repository
    files = [ReleaseFile("data/course.yml", dump_yaml(course))]
    copied: list[str] = [course["source"]] + ([course["timeline"]] if course.get("timeline") else [])
    for text in course["texts"]:
        copied += [text["file"], text["glossary"]]
    for relative in dict.fromkeys(_inside(str(name)) for name in copied):
        files.append(ReleaseFile(f"data/{relative}", (data_dir / relative).read_bytes()))
    for ref in course["lessons"]:
        relative = _inside(str(ref["file"]))
        lesson = {key: value for key, value in _read(data_dir, relative).items() if key not in Lesson.TEACHER_ONLY}
        files.append(ReleaseFile(f"data/{relative}", dump_yaml(lesson)))
    return files


def engine_files(engine_root: Path = ENGINE_ROOT) -> list[ReleaseFile]:
    """The engine: the lessonkit package's source and the files that install it (pip, Binder)."""
    missing = [name for name in ENGINE_FILES[:3] if not (engine_root / name).is_file()]
    if missing:
        raise ReleaseError(f"the engine's {', '.join(missing)} not found beside {engine_root / 'lessonkit'}; "
                           "run the release from a checkout of the course repository")
    files = [ReleaseFile(name, (engine_root / name).read_bytes(), name in EXECUTABLE)
             for name in ENGINE_FILES if (engine_root / name).is_file()]
    package = engine_root / "lessonkit"
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in ENGINE_SUFFIXES and "__pycache__" not in path.parts:
            files.append(ReleaseFile(path.relative_to(engine_root).as_posix(), path.read_bytes()))
    return files


def release_files(data_dir: Path, quiz: bool = False, repository: str | None = None, branch: str = "main") -> list[ReleaseFile]:
    """Every file of the release, checked: its data loads as a released course with no problem."""
    if repository is not None and not REPOSITORY.match(repository):
        raise ReleaseError(f"--repository {repository!r} is not owner/name on GitHub (e.g. my-school/migration-course)")
    if not BRANCH.match(branch):
        raise ReleaseError(f"--branch {branch!r} is not a branch name")
    data = release_data(data_dir, quiz, repository)
    with tempfile.TemporaryDirectory(prefix="lessonkit-release-") as folder:
        for file in data:
            target = Path(folder) / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content)
        course, problems = collect(Path(folder) / "data")
    if problems or course is None:
        raise ReleaseError("the released data does not load: " + "; ".join(str(p) for p in problems[:5]))
    notebooks = [ReleaseFile(output.path, output.content.encode("utf-8")) for output in build_all(course)]
    if any(not file.path.startswith("notebooks/") for file in notebooks):
        raise ReleaseError("the student build made a notebook outside notebooks/")
    readme = ReleaseFile("README.md", student_readme(course, branch).encode("utf-8"))
    files = [*data, *notebooks, *engine_files(), readme, ReleaseFile(".gitignore", GITIGNORE.encode("utf-8"))]
    return sorted(files, key=lambda file: file.path)


def check_target(out: Path, course_root: Path, force: bool) -> Path:
    """OUT, resolved, once it is safe to write: not the course or the engine (or a folder of
    theirs), and empty (a `.git` alone counts as empty) unless `force`."""
    out = out.expanduser().resolve()
    for own in {course_root.resolve(), ENGINE_ROOT}:
        if out == own or out in own.parents:
            raise ReleaseError(f"{out} holds the course itself; give a new folder, e.g. ../student-release")
        for folder in ("data", "notebooks", "solutions", "lessonkit", "tests"):
            if out == own / folder or own / folder in out.parents:
                raise ReleaseError(f"{out} is inside the course's {folder}/; give a folder outside it")
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out} is a file, not a folder")
    if out.exists() and any(entry.name != ".git" for entry in out.iterdir()) and not force:
        raise ReleaseError(f"{out} is not empty; give an empty or new folder, or --force to replace what it holds (all but .git)")
    return out


def write_release(files: list[ReleaseFile], out: Path) -> None:
    """Replace what OUT holds (all but `.git`) with `files`; nothing is written outside OUT."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(out.iterdir()):
        if entry.name == ".git":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for file in files:
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.parent.resolve().is_relative_to(out) or target.is_symlink():
            raise ReleaseError(f"{file.path} would be written outside {out}")
        target.write_bytes(file.content)
        target.chmod(0o755 if file.executable else 0o644)


def release(data_dir: Path, out: Path, quiz: bool = False, force: bool = False, repository: str | None = None,
            branch: str = "main") -> list[ReleaseFile]:
    """Check OUT, make every file, then write them; returns what was written."""
    target = check_target(out, data_dir.parent, force)
    files = release_files(data_dir, quiz, repository, branch)
    write_release(files, target)
    return files
