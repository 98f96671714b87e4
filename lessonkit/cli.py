"""Command line: `python -m lessonkit check | build [--check] | links | reports FILE... | class-report FILE... | print | release OUT
| export anki|csv|moodle OUT | app`.

Exit codes: 0 when all is well, 1 when the data or the built files have problems, 2 for a
wrong command line. Problems are printed one per line; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .content.load import collect, find_data_dir

if TYPE_CHECKING:
    from .content.model import Course


def _course_or_report(data_dir: Path) -> Course | None:
    course, problems = collect(data_dir)
    for problem in problems:
        print(problem)
    if problems or course is None:
        print(f"{len(problems)} problem(s) in {data_dir}. Fix them and run the command again.", file=sys.stderr)
        return None
    return course


def run_check(data_dir: Path) -> int:
    course = _course_or_report(data_dir)
    if course is None:
        return 1
    exercises = len(course.all_exercises())
    print(f"data OK: {len(course.map.lessons)} lessons, {len(course.paragraphs)} paragraphs, {exercises} exercises.")
    return 0


def run_build(data_dir: Path, root: Path, verify: bool) -> int:
    from .publish.build import build_all, remove_old, stale, write
    from .publish.readme import update_readme

    course = _course_or_report(data_dir)
    if course is None:
        return 1
    outputs = build_all(course)
    readme = update_readme(root / "README.md", course)
    if verify:
        problems = stale(outputs, root)
        if readme is not None and (root / "README.md").read_text(encoding="utf-8") != readme:
            problems.append("README.md (course map) differs from what `python -m lessonkit build` produces")
        for line in problems:
            print(f"stale: {line}")
        if problems:
            print("Run `python -m lessonkit build` and commit the result.", file=sys.stderr)
            return 1
        print(f"built files are up to date ({len(outputs)} notebooks).")
        return 0
    changed = write(outputs, root)
    for path in remove_old(outputs, root):
        print(f"removed {path} (no lesson in data/course.yml makes it any more)")
    if readme is not None and (root / "README.md").read_text(encoding="utf-8") != readme:
        (root / "README.md").write_text(readme, encoding="utf-8")
        changed.append("README.md")
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(outputs)} notebooks built, {len(changed)} file(s) changed.")
    return 0


def run_release(data_dir: Path, out: Path, quiz: bool, force: bool, repository: str | None, branch: str) -> int:
    from .publish.release import ReleaseError, release

    if _course_or_report(data_dir) is None:
        return 1
    try:
        files = release(data_dir, out, quiz=quiz, force=force, repository=repository, branch=branch)
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    notebooks = sum(1 for file in files if file.path.startswith("notebooks/"))
    print(f"wrote {len(files)} files to {out}: {notebooks} learner notebooks, no solutions, "
          f"{'quiz mode (answers marked at Finish)' if quiz else 'practice mode'}.")
    return 0


def run_launch_links(data_dir: Path, hub: str, repo: str, branch: str) -> int:
    from .publish.launch_links import LinkError, as_markdown, launch_links

    course = _course_or_report(data_dir)
    if course is None:
        return 1
    try:
        print(as_markdown(launch_links(course, hub, repo, branch)), end="")
    except LinkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def run_links(root: Path) -> int:
    from .publish.links import broken_links

    broken = broken_links(root)
    for line in broken:
        print(line)
    print(f"{len(broken)} broken link(s).")
    return 1 if broken else 0


def run_reports(files: list[Path], as_csv: bool) -> int:
    from .publish.reports import as_csv as csv_text
    from .publish.reports import as_markdown, collect_claims

    found, skipped = collect_claims(files)
    for line in skipped:
        print(line, file=sys.stderr)
    print(csv_text(found) if as_csv else as_markdown(found), end="")
    return 1 if skipped and not found else 0


def run_class_report(data_dir: Path, files: list[Path], output: Path | None, as_csv: bool) -> int:
    from .publish.class_report import class_report, write_csv, write_html

    course = _course_or_report(data_dir)
    if course is None:
        return 1
    report = class_report(course, files)
    for skipped in report.skipped:
        print(skipped.line(), file=sys.stderr)
    target = output or Path("class-report.csv" if as_csv else "class-report.html")
    written = write_csv(report, target) if as_csv else write_html(report, target)
    print(f"wrote {', '.join(map(str, written))}: {len(report.learners)} learner(s), "
          f"{len(report.skipped)} file(s) skipped.")
    return 0 if report.learners else 1


def run_print(data_dir: Path, output: Path, lessons: list[str], html_only: bool) -> int:
    import time

    from .publish.print_course import print_course

    course = _course_or_report(data_dir)
    if course is None:
        return 1
    known = [ref.id for ref in course.map.lessons]
    unknown = [lesson for lesson in lessons if lesson not in known]
    if unknown:
        print(f"error: no lesson {', '.join(unknown)} in this course (use one of: {', '.join(known)})", file=sys.stderr)
        return 2
    started = time.monotonic()
    done = print_course(course, output, lessons, pdf=not html_only)
    for problem in done.problems:
        print(problem, file=sys.stderr)
    pdfs = f" and {len(done.pdf)} PDF(s)" if not html_only else " (no PDFs: --html-only)"
    print(f"wrote {len(done.html)} HTML page(s){pdfs} into {output} in {time.monotonic() - started:.1f} s.")
    return 1 if done.problems else 0


# Each format is `export_<format>()` in `lessonkit/publish/export_<format>.py`, imported only
# when asked for, so that `check` and `build` never load genanki or the XML writer.
EXPORT_FORMATS = ("anki", "csv", "moodle")


def run_export(data_dir: Path, fmt: str, out: Path) -> int:
    from importlib import import_module

    course = _course_or_report(data_dir)
    if course is None:
        return 1
    try:
        export = getattr(import_module(f".publish.export_{fmt}", __package__), f"export_{fmt}")
    except ModuleNotFoundError as error:
        if error.name != "genanki":
            raise
        print("error: the Anki export needs genanki: pip install 'genanki>=0.13' "
              "(or, in the course folder, pip install -e '.[export]')", file=sys.stderr)
        return 1
    print(export(course, out).summary())
    return 0


def run_app(data_dir: Path, root: Path, host: str, port: int, open_browser: bool) -> int:
    import subprocess

    from .app_server import app_command, start_notebook

    if not (root / "notebooks").is_dir():
        print(f"error: no notebooks/ folder in {root}: run `python -m lessonkit build` first", file=sys.stderr)
        return 1
    start = start_notebook(data_dir)
    if start is None:
        print(f"error: {data_dir / 'course.yml'} cannot be read: run `python -m lessonkit check`", file=sys.stderr)
        return 1
    return subprocess.call(app_command(root, start, host, port, open_browser))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessonkit", description="Check and build the course from data/.")
    parser.add_argument("--data", type=Path, help="the data folder (default: the nearest data/ with course.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every file in data/")
    build = commands.add_parser("build", help="build notebooks/ and solutions/ from data/")
    build.add_argument("--check", action="store_true", help="only report built files that are out of date")
    links = commands.add_parser(
        "links", help="report broken relative links in README.md and the notebooks; with --hub and --repo, "
                      "print each lesson's nbgitpuller and Binder launch links instead")
    links.add_argument("--hub", help="the class's JupyterHub, e.g. https://hub.example.edu")
    links.add_argument("--repo", help="the course repository learners pull, e.g. https://github.com/owner/course")
    links.add_argument("--branch", default="main", help="the branch to pull and launch (default: main)")
    rel = commands.add_parser(
        "release", help="write a learner-only copy of the course to OUT (no solutions, no teacher notes), for Binder and nbgitpuller",
        description="Write a learner-only copy of the course to OUT, ready to push as its own repository or branch: the learner "
                    "notebooks, data/ without teacher notes or materials (the keys stay: the notebooks check answers with "
                    "them), the engine, environment.yml, postBuild and a README for students.")
    rel.add_argument("out", type=Path, help="the folder to write; it must be empty or new (a .git in it is kept)")
    rel.add_argument("--quiz", action="store_true",
                     help="quiz mode: exercises save answers unmarked (no hint, no answer) until Finish marks the whole lesson")
    rel.add_argument("--force", action="store_true", help="replace what OUT holds (everything but .git)")
    rel.add_argument("--repository", help="owner/name on GitHub the release is pushed to, for its Binder links "
                                          "(default: repository in data/course.yml)")
    rel.add_argument("--branch", default="main", help="the branch the release is pushed to, for its Binder links (default: main)")
    reports = commands.add_parser("reports", help="list the answers learners self-credited or reported, per item")
    reports.add_argument("files", nargs="+", type=Path, help="progress files or exports (my-progress-*.json)")
    reports.add_argument("--csv", action="store_true", help="CSV instead of a Markdown table")
    klass = commands.add_parser(
        "class-report", help="a class's results from the learners' exports: one self-contained HTML page "
                             "(or, with --csv, two CSV files)",
        description="Read the learners' exported progress files and write one self-contained HTML page: a "
                    "learner x lesson table with the class median, per item the share right, the most common "
                    "wrong answers and the claimed answers, the ten most-missed items and a chart per lesson. "
                    "Files that are not exports of this course, damaged or duplicated are skipped with a reason. "
                    "Exit code 1 when no file could be read.")
    klass.add_argument("files", nargs="+", type=Path, help="the learners' exports (my-progress-*.json)")
    klass.add_argument("-o", "--output", type=Path,
                       help="the page to write (default: class-report.html); keep it in the course folder so "
                            "its links to notebooks/ work. With --csv, NAME.csv stands for NAME-scores.csv and "
                            "NAME-items.csv (default: class-report-scores.csv and class-report-items.csv)")
    klass.add_argument("--csv", action="store_true",
                       help="write two CSV files instead of the page: NAME-scores.csv (learner x lesson, "
                            "percentage right, the class median as the last row) and NAME-items.csv (one row per "
                            "item: share right, wrong answers, claims)")
    printing = commands.add_parser(
        "print", help="print each lesson as a worksheet, an answer key and its workshop materials (HTML and A4 PDF)",
        description="Write, per lesson, NOTEBOOK-worksheet (the passage and every exercise as a paper task, no key), "
                    "NOTEBOOK-key (keys, accepted answers, evidence, model answers, the workshop plan) and, when the "
                    "lesson has materials, NOTEBOOK-materials (role cards, card sorts, ... ready to cut out), each as "
                    "a self-contained HTML page and an A4 PDF printed by headless Chromium.")
    printing.add_argument("-o", "--output", type=Path, help="the folder to write into (default: print/ in the project)")
    printing.add_argument("--lesson", action="append", default=[], metavar="ID",
                          help="print only this lesson (e.g. IOM-1); repeat for several (default: every lesson)")
    printing.add_argument("--html-only", action="store_true", help="write the HTML pages only, no PDFs (quicker; no Chromium needed)")
    app = commands.add_parser(
        "app", help="serve the course as an app (Voila): each notebook a page with the text and the exercises, no code",
        description="Serve the course folder with Jupyter Server and Voila: the start page opens first, each lesson is a "
                    "page without code cells, and the links between lessons work. Stop it with Ctrl+C.")
    app.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this computer only)")
    app.add_argument("--port", type=int, default=8866, help="the port (default: 8866)")
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    export = commands.add_parser(
        "export", help="the course in other tools: an Anki deck, Quizlet/CSV files or a Moodle XML question bank",
        description="Write the course's data in another tool's format into the folder OUT (created if missing; files "
                    "of the same name are replaced). anki: the glossary as an Anki deck (course.apkg), one sub-deck "
                    "per text, cards both ways; csv: the glossary as tab-separated term/definition pairs for Quizlet "
                    "(one file per text) and every exercise's key as a CSV answer sheet; moodle: the exercises as a "
                    "Moodle XML question bank, one category per lesson. The answer sheet and the question bank hold "
                    "the keys: they are for teachers.")
    export.add_argument("format", choices=EXPORT_FORMATS, help="the tool to export for")
    export.add_argument("out", type=Path, help="the folder to write into")
    args = parser.parse_args(argv)
    if args.command == "reports":
        return run_reports(args.files, args.csv)
    data_dir = (args.data or find_data_dir()).resolve()
    root = data_dir.parent
    try:
        if args.command == "check":
            return run_check(data_dir)
        if args.command == "build":
            return run_build(data_dir, root, args.check)
        if args.command == "print":
            return run_print(data_dir, args.output or root / "print", args.lesson, args.html_only)
        if args.command == "release":
            return run_release(data_dir, args.out, args.quiz, args.force, args.repository, args.branch)
        if args.command == "app":
            return run_app(data_dir, root, args.host, args.port, not args.no_browser)
        if args.command == "export":
            return run_export(data_dir, args.format, args.out)
        if args.command == "class-report":
            return run_class_report(data_dir, args.files, args.output, args.csv)
        if args.hub or args.repo:
            if not (args.hub and args.repo):
                print("error: launch links need both --hub and --repo", file=sys.stderr)
                return 2
            return run_launch_links(data_dir, args.hub, args.repo, args.branch)
        return run_links(root)
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"cannot read or write {getattr(error, 'filename', '') or 'a file'}: {error.strerror}", file=sys.stderr)
        return 1
