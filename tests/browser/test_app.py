"""The course as an app (Voilà, `make app`): pages without code that work like the lessons.

A learner opens IOM-1 through the app server, sees the text and the exercises and no code,
does an exercise, switches to Russian, and follows the lesson's link to the next lesson,
which opens as an app page in Russian, then exports the progress from the progress page as
a download (an app has no file browser). No page shows code, an error output, a widget
error or a horizontal scrollbar.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from helpers import _ALL_CHECKED, ARTIFACTS, FILL_AND_CHECK, LAYOUT_JS, PROBLEM_NAMES, TEST_ANSWER, learner_page, running
from labserver import ROOT, AppServer

OUTPUTS = ".jp-OutputArea-output"  # Voilà renders outputs as JupyterLab does, without the notebook panel
VIEWPORT = {"width": 1366, "height": 900}
CODE_SHOWN = ".jp-InputArea-editor, .cm-editor, .CodeMirror, .jp-InputPrompt"


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium_path):
    with running(AppServer(home=tmp_path_factory.mktemp("app"))) as server:
        yield server


@pytest.fixture(scope="module")
def course_map():
    from lessonkit.content.load import load_course

    return load_course(ROOT / "data", examples=False).map


def wait_for_exercises(page) -> None:
    # Voilà shows its spinner until every cell has run; then the outputs are in the page.
    page.wait_for_selector(f"{OUTPUTS} section.lk-exercise", timeout=120_000)
    page.wait_for_function("(sel) => document.querySelectorAll(sel + ' .lk-language button, ' + sel + ' .lk-language input').length > 0",
                           arg=OUTPUTS, timeout=60_000, polling=200)


def saved_exercises(progress: Path, exercise_id: str, timeout: float = 10) -> bool:
    """Whether the progress file records `exercise_id` (the kernel saves right after Check)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if progress.exists() and exercise_id in json.dumps(json.loads(progress.read_text(encoding="utf-8"))):
            return True
        time.sleep(0.2)
    return False


def problems(page, where: str) -> list[str]:
    found = page.evaluate(LAYOUT_JS, OUTPUTS)
    assert found.pop("outputs") > 0, f"{where}: no outputs"
    lines = [f"{where}: {PROBLEM_NAMES[key]}: {value[:5]}" for key, value in found.items() if value]
    if page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"):
        lines.append(f"{where}: the page scrolls sideways")
    return lines


def no_code(page, where: str) -> list[str]:
    lines = []
    if page.locator(CODE_SHOWN).count():
        lines.append(f"{where}: {page.locator(CODE_SHOWN).count()} code editors or prompts on the page")
    text = page.inner_text("body")
    lines += [f"{where}: code text {snippet!r} on the page" for snippet in ("open_lesson(", "lesson.show(", "import lessonkit")
              if snippet in text]
    return lines


def test_lessons_open_as_app_pages_without_code(app, browser, course_map):
    first, second = course_map.lessons[0], course_map.lessons[1]
    seen: list[str] = []
    with learner_page(browser, app, VIEWPORT, 60_000) as page:
        try:
            page.goto(app.url(f"notebooks/{first.notebook}.ipynb"))
            wait_for_exercises(page)
            seen += no_code(page, first.id) + problems(page, first.id)

            # One exercise, as a learner does it: answer, Check, feedback, saved in the progress file.
            exercise_id = page.locator(f"{OUTPUTS} section.lk-exercise[data-kind=single_choice]").first.get_attribute("data-exercise")
            done = page.evaluate(FILL_AND_CHECK, [OUTPUTS, [exercise_id], TEST_ANSWER])
            assert done == [exercise_id]
            page.wait_for_function(_ALL_CHECKED, arg=[OUTPUTS, done], polling=100)
            assert saved_exercises(app.progress, exercise_id), "the checked exercise is not in the progress file"

            # The language switch turns the interface Russian, as in JupyterLab.
            page.locator(f"{OUTPUTS} .lk-language").get_by_text("Русский", exact=True).first.click()
            box = page.locator(f"{OUTPUTS} section.lk-exercise[data-exercise='{exercise_id}']")
            page.wait_for_function("(el) => /Проверить/.test(el.textContent)", arg=box.element_handle(), polling=100)

            # The lesson's own link to the next lesson opens it as an app page, still in Russian.
            page.locator(f"a[href='{second.notebook}.ipynb']").first.click()
            page.wait_for_url(f"**/voila/render/notebooks/{second.notebook}.ipynb*", timeout=60_000)
            wait_for_exercises(page)
            assert page.locator(f"{OUTPUTS} section.lk-exercise button", has_text="Проверить").count() > 0
            seen += no_code(page, second.id) + problems(page, second.id)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"app-{second.id}-ru.png"))

            # The progress page has no file browser to fetch an export from: the export is a download link.
            page.locator(f"a[href='{course_map.progress_page}.ipynb']").first.click()
            page.wait_for_url(f"**/voila/render/notebooks/{course_map.progress_page}.ipynb*", timeout=60_000)
            page.get_by_role("button", name="Экспортировать прогресс").click()
            saved_link = page.locator(f"{OUTPUTS} a[download]")
            saved_link.wait_for(timeout=30_000)
            saved_link.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "app-progress-export-ru.png"))
            with page.expect_download() as download:
                saved_link.click()
            exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
            assert exercise_id in json.dumps(exported), "the downloaded export lacks the exercise checked in the app"
            seen += no_code(page, "progress page") + problems(page, "progress page")
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "app-failure.png"), full_page=True)
            raise
    assert seen == [], "\n".join(seen)


def test_the_app_opens_on_the_start_page(app, browser, course_map):
    with learner_page(browser, app, VIEWPORT, 60_000) as page:
        page.goto(f"{app.base}/?token={app.token}")
        page.wait_for_url(f"**/voila/render/notebooks/{course_map.start_page}.ipynb*")
        page.wait_for_selector("h1")
        assert course_map.title in page.inner_text("h1")
        assert no_code(page, "start page") == []
