"""Through a real browser: open a lesson in JupyterLab, run it, answer wrongly then rightly."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def open_and_run(page: Page, lab, notebook: str) -> None:
    """Open a notebook in a workspace of its own, wait for its kernel, run all cells."""
    base, token, _ = lab
    workspace = notebook.replace(".ipynb", "")  # no tabs restored from another test
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    # The kernel must be connected, not only "idle": a Run All sent while the session is
    # still being created runs the Markdown cells and silently skips the code cells.
    expect(page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\| Idle$"))).to_be_visible(timeout=60_000)
    first_prompt = page.locator(".jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)").first
    for attempt in range(3):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
        try:
            expect(first_prompt).to_have_text(re.compile(r"\[\d+\]"), timeout=20_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    # Cells far below the viewport are not painted (JupyterLab windowing): wait for the
    # DOM, not for visibility.
    page.wait_for_selector(".lessonkit-exercise, .lessonkit-trainer, .lessonkit-progress", state="attached")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")


def exercise(page: Page, exercise_id: str):
    box = page.locator(".jp-OutputArea-output .lessonkit-exercise").filter(has_text=f"{exercise_id} ·")
    box.scroll_into_view_if_needed()
    return box


def test_lesson_runs_and_feedback_changes_with_the_answer(page: Page, lab):
    open_and_run(page, lab, "01-iom-activities.ipynb")
    box = exercise(page, "IOM1-03")
    box.get_by_role("radio", name="The European Commission").check()
    box.get_by_role("button", name="Check").click()
    feedback = box.locator(".lessonkit-feedback").first
    expect(feedback).to_contain_text("Not right")
    expect(feedback).to_contain_text("I-05")
    expect(box).to_contain_text("Score: 0 of 3")
    box.get_by_role("radio", name="States, with IOM assistance").check()
    box.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Right.")
    expect(feedback).not_to_contain_text("Not right")
    expect(box).to_contain_text("Score: 1 of 3")
    expect(page.locator(".jp-OutputArea-output").filter(has_text="Your score in this notebook")).to_contain_text("1 of")
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    expect(errors).to_have_count(0)


def test_an_ngo_lesson_exercise_can_be_completed(page: Page, lab):
    from lessonkit.i18n import say
    from lessonkit.load import load_course

    _, _, course_folder = lab
    key = load_course(course_folder / "data").lessons["NGO-2"].exercise("NGO2-04")
    open_and_run(page, lab, "06-ngo-gfmd-support.ipynb")
    box = exercise(page, "NGO2-04")
    statements = box.locator(".widget-toggle-buttons")
    expect(statements).to_have_count(len(key.items))
    for n, item in enumerate(key.items):
        statements.nth(n).get_by_role("button", name=say(item.answer, "en"), exact=True).click()
    box.get_by_role("button", name="Check").click()
    expect(box).to_contain_text(f"Score: {len(key.items)} of {len(key.items)}")
    expect(box).to_contain_text("All right, well done.")


def test_last_time_is_shown_after_a_kernel_restart(page: Page, lab):
    open_and_run(page, lab, "04-iom-recommendations.ipynb")
    box = exercise(page, "IOM4-06")
    expect(box).not_to_contain_text("Last time")
    box.get_by_role("checkbox").first.check()
    box.get_by_role("button", name="Check").click()
    expect(box).to_contain_text("Score: 0 of 1")
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Restart Kernel and Run All Cells")).click()
    page.locator(".jp-Dialog button.jp-mod-accept").click()
    box = exercise(page, "IOM4-06")
    expect(box).to_contain_text(re.compile(r"Last time: 0 of 1, (just now|1 minute ago)"), timeout=60_000)


def test_an_exercise_can_be_done_with_the_keyboard_alone(page: Page, lab):
    open_and_run(page, lab, "03-iom-gaps.ipynb")
    box = exercise(page, "IOM3-05")
    toggles = box.locator(".widget-toggle-buttons").first
    first_button = toggles.get_by_role("button").first
    first_button.focus()
    page.keyboard.press("Enter")  # choose the first answer of item 1 with the keyboard
    expect(toggles.locator(".mod-active")).to_have_count(1)
    check = box.get_by_role("button", name="Check")
    for _ in range(60):  # Tab forward until the Check button has the focus
        if check.evaluate("node => node === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the Check button cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(box.locator(".lessonkit-feedback").first).to_contain_text(re.compile(r"Right\.|Not right\."))
