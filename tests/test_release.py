"""`lessonkit release OUT`: a learner-only copy of the course that works on its own.

The tiny course and the real one are released into temporary folders; each release is
checked as a learner would meet it and as its own course: no solutions and no teacher note
anywhere, `lessonkit check`, `build --check` and `links` clean inside it (run with the
release's own engine), its notebooks run under nbclient, and two releases are the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

from lessonkit.cli import main
from lessonkit.content.load import load_course, read_yaml
from lessonkit.content.model import Lesson
from lessonkit.publish.links import broken_links
from lessonkit.publish.release import ReleaseError, check_target, dump_yaml, release

ROOT = Path(__file__).resolve().parent.parent
SHORT = 30  # teacher strings shorter than this ("pairs", "T–Ss") say nothing of the notes


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for inner in value.values() for s in strings(inner)]
    if isinstance(value, list):
        return [s for inner in value for s in strings(inner)]
    return []


def teacher_only(data_dir: Path) -> list[str]:
    """The strings of the lessons' `teacher` and `materials` blocks that learners never see:
    not found in any other string of the data (a board plan may quote the text)."""
    public: list[str] = []
    private: list[str] = []
    for path in sorted((data_dir / "lessons").glob("*.yml")):
        raw, _ = read_yaml(path, data_dir)
        private += [s for key in Lesson.TEACHER_ONLY for s in strings(raw.get(key))]
        public += strings({k: v for k, v in raw.items() if k not in Lesson.TEACHER_ONLY})
    for path in sorted((data_dir / "texts").glob("*.yml")) + sorted((data_dir / "glossary").glob("*.yml")):
        public += strings(read_yaml(path, data_dir)[0])
    return sorted({s.strip() for s in private if len(s.strip()) >= SHORT and not any(s.strip() in p for p in public)})


def words_of(path: Path, out: Path) -> str:
    """What a file says: a notebook's cell sources, a YAML file's values, else its text."""
    if path.suffix == ".ipynb":
        return "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    if path.suffix == ".yml":
        return "\n".join(strings(read_yaml(path, out / "data")[0]))
    return path.read_text(encoding="utf-8")


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mode & 0o777) for p in sorted(out.rglob("*")) if p.is_file()}


ENGINE_COMMANDS = """
import contextlib, io, json, sys
from lessonkit.cli import main
done = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--data", sys.argv[2], *args])
    done.append([code, out.getvalue()])
print(json.dumps(done))
"""


def engine_runs(out: Path, *commands: tuple[str, ...]) -> list[tuple[int, str]]:
    """`python -m lessonkit ARGS` for each command inside the release, with the release's own
    engine: one interpreter for all of them (each start costs about half a second)."""
    env = {**os.environ, "PYTHONPATH": str(out)}
    done = subprocess.run([sys.executable, "-c", ENGINE_COMMANDS, json.dumps(commands), str(out / "data")],
                          cwd=out, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [(code, said) for code, said in json.loads(done.stdout.splitlines()[-1])]


def run_notebooks(out: Path, names: list[str], tmp: Path) -> None:
    """Run learner notebooks of the release under nbclient, in their folder, with the release's
    engine, one after the other in one kernel (a kernel start costs about a second); each
    notebook's cells begin with a fresh namespace, and an error names its notebook."""
    from nbclient import NotebookClient

    combined = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    owner: list[str] = []
    for name in names:
        cells = [cell for cell in nbformat.read(out / "notebooks" / name, as_version=4).cells if cell.cell_type == "code"]
        combined.cells.append(nbformat.v4.new_code_cell("%reset -f"))
        combined.cells.extend(nbformat.v4.new_code_cell(cell.source) for cell in cells)
        owner += [name] * (len(cells) + 1)
    combined.cells.append(nbformat.v4.new_code_cell("import lessonkit\nprint(lessonkit.__file__)"))
    owner.append("(engine check)")
    env = {"PYTHONPATH": str(out), "LESSONKIT_PROGRESS": str(tmp / "progress.json"), "LESSONKIT_STRICT": "1"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        NotebookClient(combined, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(out / "notebooks")}}).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    errors = [(owner[n], o.get("ename"), o.get("evalue")) for n, cell in enumerate(combined.cells)
              for o in cell.outputs if o.output_type == "error"]
    assert not errors, errors
    assert combined.cells[-1].outputs[0]["text"].strip() == str(out / "lessonkit" / "__init__.py")


def assert_learner_only(source: Path, out: Path) -> None:
    """No solutions, nothing of the teacher's, and a course that checks, builds and links cleanly."""
    assert not (out / "solutions").exists() and not list(out.rglob("solutions"))
    for folder in ("tests", "benchmarks", "scripts", ".ci"):
        assert not (out / folder).exists(), folder
    assert (out / "data" / "README.md").exists() is False  # the authors' data card, not for learners
    secrets = teacher_only(source / "data")
    assert secrets, "the course has teacher notes to look for"
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        text = words_of(path, out)
        if not relative.startswith("lessonkit/"):  # the engine's code names the folder it builds for instructors
            assert "solutions/" not in text, relative
        leaked = [s for s in secrets if s in text]
        assert not leaked, (relative, leaked[:2])
    course = (out / "data" / "course.yml").read_text(encoding="utf-8")
    assert "release: student" in course
    for lesson in sorted((out / "data" / "lessons").glob("*.yml")):
        raw, _ = read_yaml(lesson, out / "data")
        assert "teacher" not in raw and "materials" not in raw
        original, _ = read_yaml(source / "data" / "lessons" / lesson.name, source / "data")
        assert raw["exercises"] == original["exercises"]  # keys, evidence, examples: the checker needs them
    commands = (("check",), ("build", "--check"), ("links",))
    for args, said, (code, printed) in zip(commands, ("data OK", "up to date", "0 broken link(s)."), engine_runs(out, *commands)):
        assert code == 0 and said in printed, (args, printed)
    assert broken_links(out) == []
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "Binder" in readme and "Your progress" in readme and "make test" not in readme and "answer key" not in readme.lower()
    assert os.access(out / "postBuild", os.X_OK)
    assert not list(out.rglob("__pycache__"))


def test_the_small_course_released_twice_is_learner_only_runs_and_is_the_same_bytes(mini_copy, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert main(["--data", str(mini_copy / "data"), "release", str(first)]) == 0
    release(mini_copy / "data", second)
    assert snapshot(first) == snapshot(second)
    assert_learner_only(mini_copy, first)
    top = sorted(p.name for p in first.iterdir())
    assert top == [".gitignore", "LICENSE", "README.md", "data", "environment.yml", "lessonkit", "notebooks", "postBuild", "pyproject.toml"]
    start = words_of(first / "notebooks" / "00-start-here.ipynb", first)
    assert "Instructors" not in start and "answer key" not in start
    run_notebooks(first, sorted(p.name for p in (first / "notebooks").glob("*.ipynb")), tmp_path)


def test_the_real_course_released_in_quiz_mode(tmp_path):
    out = tmp_path / "release"
    assert main(["--data", str(ROOT / "data"), "release", str(out), "--quiz", "--repository", "my-school/migration-quiz",
                 "--branch", "spring"]) == 0
    assert_learner_only(ROOT, out)  # (that a release is the same bytes twice: the small course's test)
    assert "mode: quiz" in (out / "data" / "course.yml").read_text(encoding="utf-8")
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "https://mybinder.org/v2/gh/my-school/migration-quiz/spring?urlpath=lab%2Ftree%2Fnotebooks%2F" in readme
    assert "Save answer" in readme and "Finish" in readme and "Export progress" in readme
    released = load_course(out / "data", examples=False)
    assert [ref.id for ref in released.map.lessons] == [ref.id for ref in load_course(ROOT / "data", examples=False).map.lessons]
    for ref in released.map.lessons:
        cells = [cell.source for cell in nbformat.read(out / "notebooks" / f"{ref.notebook}.ipynb", as_version=4).cells]
        assert cells.count("lesson.finish()") == 1 and "lesson.score()" not in cells, ref.id
    # One lesson, start to Finish cell, with the release's engine: the one with the fewest exercises (the quickest run).
    shortest = min(released.map.lessons, key=lambda ref: len(released.lessons[ref.id].exercises))
    run_notebooks(out, [f"{shortest.notebook}.ipynb"], tmp_path)


def test_the_released_data_reads_back_as_the_course_without_its_teacher_blocks(mini_copy, tmp_path):
    out = tmp_path / "out"
    release(mini_copy / "data", out)
    for path in sorted((mini_copy / "data" / "lessons").glob("*.yml")):
        raw, _ = read_yaml(path, mini_copy / "data")
        released, _ = read_yaml(out / "data" / "lessons" / path.name, out / "data")
        assert released == {k: v for k, v in raw.items() if k not in ("teacher", "materials")}
    assert (out / "data" / "texts" / "riv.yml").read_bytes() == (mini_copy / "data" / "texts" / "riv.yml").read_bytes()
    text = dump_yaml({"a": "line one\nline two\n", "b": "2012-02-30", "c": "yes", "d": ["x: y", "- z"]}).decode()
    assert read_yaml_text(text, tmp_path) == {"a": "line one\nline two\n", "b": "2012-02-30", "c": "yes", "d": ["x: y", "- z"]}


def read_yaml_text(text: str, folder: Path) -> Any:
    (folder / "probe.yml").write_text(text, encoding="utf-8")
    return read_yaml(folder / "probe.yml", folder)[0]


def test_a_lesson_without_teacher_notes_is_refused_unless_the_course_is_released(mini_copy, capsys):
    lesson = mini_copy / "data" / "lessons" / "riv-2.yml"
    raw, _ = read_yaml(lesson, mini_copy / "data")
    lesson.write_text(dump_yaml({k: v for k, v in raw.items() if k != "teacher"}).decode(), encoding="utf-8")
    assert main(["--data", str(mini_copy / "data"), "check"]) == 1
    assert "data/lessons/riv-2.yml: teacher: field required" in capsys.readouterr().out
    course = mini_copy / "data" / "course.yml"
    course.write_text(course.read_text(encoding="utf-8") + "release: student\n", encoding="utf-8")
    assert main(["--data", str(mini_copy / "data"), "check"]) == 1
    out = capsys.readouterr().out
    assert "riv-1.yml: teacher: a released course (course.yml `release: student`) carries no teacher notes" in out
    assert "riv-1.yml: materials: a released course" in out and "riv-2.yml" not in out


def test_a_non_empty_folder_is_refused_without_force_and_nothing_outside_it_is_touched(mini_copy, tmp_path, capsys):
    out = tmp_path / "out"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    release(mini_copy / "data", out)  # a .git alone is an empty folder: a fresh clone
    (out / "stale.txt").write_text("an old file")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    shutil.rmtree(out / "lessonkit")
    (out / "lessonkit").symlink_to(outside, target_is_directory=True)
    assert main(["--data", str(mini_copy / "data"), "release", str(out)]) == 1
    assert "is not empty" in capsys.readouterr().err and (out / "stale.txt").exists()
    assert main(["--data", str(mini_copy / "data"), "release", str(out), "--force"]) == 0
    assert not (out / "stale.txt").exists() and (out / ".git" / "HEAD").exists()
    assert not (out / "lessonkit").is_symlink() and (out / "lessonkit" / "cli.py").exists()
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("where", [".", "..", "data", "notebooks/student", "solutions"])
def test_the_course_itself_is_never_a_release_folder(mini_copy, where):
    with pytest.raises(ReleaseError):
        check_target(mini_copy / where, mini_copy, force=True)


def test_a_bad_repository_or_branch_is_refused(mini_copy, tmp_path, capsys):
    assert main(["--data", str(mini_copy / "data"), "release", str(tmp_path / "a"), "--repository", "not a repo"]) == 1
    assert "is not owner/name" in capsys.readouterr().err
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())
    assert main(["--data", str(mini_copy / "data"), "release", str(tmp_path / "b"), "--branch", "no spaces please"]) == 1
    assert "is not a branch name" in capsys.readouterr().err
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())
