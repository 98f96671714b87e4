"""The class report opens in Chromium: no console error, nothing wider than the page, the
figures visible; a screenshot is kept in tests/browser/artifacts/ for a person to look at."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from helpers import ARTIFACTS

from lessonkit.cli import main
from lessonkit.content.kinds import check, key_responses
from lessonkit.content.load import load_course
from lessonkit.learner import progress_updates as updates
from lessonkit.learner.progress_model import Progress

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)


def export(path: Path, name: str, lesson_id: str, right_share: float) -> None:
    """A learner's export: every exercise of a lesson checked, the first `right_share` of them with the key."""
    course = load_course(ROOT / "data", examples=False)
    progress = updates.set_name(Progress(), name)
    exercises = course.lessons[lesson_id].exercises
    for n, exercise in enumerate(exercises):
        responses = key_responses(exercise) if n < right_share * len(exercises) else [None] * len(exercise.items)
        result = check(exercise, responses)
        wrong = [i + 1 for i, item in enumerate(result.items) if not item.right]
        progress = updates.record_check(progress, exercise.id, lesson_id, result.score, result.total, wrong, NOW)
    path.write_text(progress.model_dump_json(), encoding="utf-8")


def test_the_class_report_opens_cleanly_in_chromium(browser, tmp_path, capsys):
    files = []
    for n, (name, lesson, share) in enumerate([("Ana", "IOM-1", 1.0), ("Boris", "IOM-1", 0.5), ("Vera", "IOM-3", 0.7),
                                                ("Gleb", "IOM-1", 0.2), ("Dana", "NGO-1", 0.9)]):
        files.append(tmp_path / f"learner-{n}.json")
        export(files[-1], name, lesson, share)
    bad = {"empty.json": "", "list.json": "[1, 2]", "bytes.json": "\x00\xff garbage", "other.json": json.dumps({"schema_version": 99})}
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    files.append(files[0])  # the same export twice
    out = tmp_path / "class-report.html"
    try:
        main(["class-report", *map(str, files), "-o", str(out)])
        capsys.readouterr()
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(out.as_uri())
        assert errors == []
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        text = page.inner_text("body")
        assert all(name in text for name in ("Ana", "Boris", "Vera", "Gleb", "Dana"))
        assert all(name in text for name in bad)
        images = page.evaluate("Array.from(document.images).map(i => [i.complete && i.naturalWidth > 0, i.getBoundingClientRect().right <= document.documentElement.clientWidth])")
        assert images and all(loaded and inside for loaded, inside in images)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "class-report.png"), full_page=False)
        page.close()
    finally:
        out.unlink(missing_ok=True)  # the screenshot in artifacts/ is what a person looks at
