"""The README of a student release (`lessonkit release`): for learners only.

What the course is, how to open it (Binder, a JupyterHub link, one's own computer), the
lessons with their launch links, how the exercises work (practice or quiz) and how progress
is saved and exported. No teacher material, no solutions, no test targets.
"""

from __future__ import annotations

from ..content.model import Course
from .course_pages import text_and_point
from .markdown import control, md_escape
from .page_list import course_page_list
from .readme import launch_cell

GITIGNORE = """\
# environments and caches
.venv/
__pycache__/
*.py[cod]
*.egg-info/
build/
.ipynb_checkpoints/
.virtual_documents/
# your progress: exports and copies stay on your computer
*.progress.json
my-progress-*.json
"""

SAVE_HOOK = "lessonkit.jupyter_hooks.scrub_saved_notebook"


def lessons_table(course: Course, branch: str) -> str:
    """Every notebook with a link and a Binder launch link."""
    rows = ["| notebook | text, plan point | self-study minutes | open on Binder |", "|---|---|---|---|"]
    for page in course_page_list(course):
        if page.lesson is None:
            about, minutes = page.about, page.minutes
        else:
            text, point = text_and_point(course, page.lesson)
            about, minutes = f"{text}, {point}", page.lesson.self_study_minutes
        rows.append(f"| [{md_escape(page.label)}]({page.path}) | {about} | {minutes} | {launch_cell(course, page.path, branch)} |")
    return "\n".join(rows)


def exercises_section(course: Course) -> str:
    """How the exercises work, in practice or in quiz mode."""
    if course.map.mode == "quiz":
        return (
            "## How the exercises work: a quiz\n\n"
            "Every lesson of this copy is a **quiz**: a line under the language switch at the top of each lesson says so. "
            f"Answer an exercise and press {control('save_answer')}: your answer is saved in your progress file, **not marked**. "
            "There is no hint and no answer to show. When you have answered what you can, press "
            f"{control('finish')} at the end of the lesson: every exercise is marked at once and shows what is right, what is not, "
            "and the words of the text (with the paragraph) that decide it. The result is saved as one attempt; you can change "
            "answers, save them and finish again.\n\n"
            "Saved answers survive a closed notebook or a restarted kernel: run the lesson again and they are back."
        )
    return (
        "## How the exercises work\n\n"
        f"Answer an exercise and press {control('check')}: each item says in words whether it is right and a wrong answer "
        f"points to the paragraph and the words of the text that decide it. {control('hint')} tells you where to look, "
        f"{control('show_answer')} works after your first attempt, {control('try_again')} clears your answers. "
        "The start page explains the rest."
    )


def student_readme(course: Course, branch: str = "main") -> str:
    """The release's README.md."""
    start = f"notebooks/{course.map.start_page}.ipynb"
    progress = (f"- [My progress](notebooks/{course.map.progress_page}.ipynb) shows your scores by lesson and the items "
                "and words you miss most.\n" if course.map.progress_page else "")
    export = (
        f"- **Export it** before a Binder session ends: on [My progress](notebooks/{course.map.progress_page}.ipynb), "
        f"type your name (or a pseudonym) and press {control('export')}, then download the `my-progress-*.json` file it names "
        f"(in JupyterLab, right-click it in the file browser → *Download*; in the app, click its name). Send that file to your instructor if asked. {control('import')} "
        "brings it back next time.\n" if course.map.progress_page else ""
    )
    return f"""# {md_escape(course.map.title)}

*{md_escape(course.map.subtitle)}*

**For whom.** {md_escape(course.map.audience)}

A reading course in Jupyter notebooks: each lesson gives you a text to read, with its key
words and their meaning in context, and exercises that check your answers and explain them
from the text. Start with the [start page]({start}).

## Open the course

- **On Binder**, with nothing to install: press a **launch** link below. The first start can
  take a few minutes. A Binder session is deleted after about ten idle minutes: export your
  progress before you leave (see "Your progress").
- **On your class's JupyterHub**: open the link your instructor gives you. It copies this
  course into your account and opens JupyterLab at the lesson.
- **On your own computer**, with Python 3.10 or later:

  ```
  python -m venv .venv
  .venv/bin/python -m pip install -e .
  .venv/bin/python -m jupyter lab --ContentsManager.pre_save_hook={SAVE_HOOK} {start}
  ```

  (on Windows, `.venv\\Scripts\\python` instead of `.venv/bin/python`). With conda:
  `conda env create -f environment.yml`, activate the environment it names, then
  `python -m pip install --no-deps -e .` and the same `jupyter lab` line.

In every notebook, run all cells first: **Run → Run All Cells**. The switch at the top of a
lesson changes the interface to Russian.

## The lessons

{lessons_table(course, branch)}

{exercises_section(course)}

## Your progress

- **It is saved as you work**, in one file on the computer that runs the notebooks (on your
  own computer, for example `~/.local/share/lessonkit/progress.json` on Linux; or the path
  in the environment variable `LESSONKIT_PROGRESS`). Reopen a lesson, run it, and each
  exercise shows its last result.
{progress}{export}
## What is in this folder

| path | what |
|---|---|
| `notebooks/` | the lessons and pages you open |
| `data/` | the texts, key words and exercises the notebooks read (the notebooks check your answers with it) |
| `lessonkit/`, `pyproject.toml` | the small program that draws and checks the exercises |
| `environment.yml`, `postBuild` | what Binder installs |
"""
