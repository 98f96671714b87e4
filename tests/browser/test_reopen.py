"""The next day: a saved lesson reopens cleanly with a new kernel, and the file is unchanged.

A learner runs a lesson, answers, checks and saves (Ctrl+S). The server's sessions are
deleted (the kernel is gone, as after a night or a Binder restart), the page is reloaded
and the notebook opened again: no "Error displaying widget"; after Run All the exercise
says "Last time"; and the notebook on disk is byte-identical to the one the server started
from (the save hook strips what running drew: DESIGN §10, "using the course leaves the
tracked notebooks unchanged").
"""

from __future__ import annotations

import difflib
import re

from helpers import OUTPUTS, PANEL, exercise, open_notebook, run_all
from labserver import save_hook_available
from playwright.sync_api import Page, expect

NOTEBOOK = "notebooks/01-iom-activities.ipynb"
EXERCISE = "IOM1-03"


def diff_of(before: bytes, after: bytes, name: str) -> str:
    lines = list(difflib.unified_diff(before.decode("utf-8", "replace").splitlines(),
                                      after.decode("utf-8", "replace").splitlines(),
                                      f"{name} (as the server started)", f"{name} (after the save)", lineterm="", n=1))
    shown = "\n".join(line[:160] for line in lines[:60])
    return shown + (f"\n... {len(lines) - 60} more diff lines" if len(lines) > 60 else "")


def test_a_saved_lesson_reopens_the_next_day_and_stays_unchanged(page: Page, server):
    on_disk = server.course / NOTEBOOK
    started_from = on_disk.read_bytes()

    open_notebook(page, server, NOTEBOOK)
    run_all(page)
    box = exercise(page, EXERCISE)
    box.locator("input[type=radio]").first.check()
    box.get_by_role("button", name="Check", exact=True).click()
    expect(box.locator(".lk-feedback").first).to_have_class(re.compile(r"\blk-(right|wrong)\b"))

    # Save with the keyboard, from the notebook (command mode), and wait for the server's answer.
    page.locator(f"{PANEL} .jp-MarkdownCell").first.click()
    with page.expect_response(lambda r: r.request.method == "PUT" and "/api/contents/" in r.url) as saved:
        page.keyboard.press("Control+s")
    assert saved.value.ok, f"saving failed: HTTP {saved.value.status}"
    expect(page.locator(f"{PANEL}")).not_to_have_class(re.compile(r"\bjp-mod-dirty\b"))

    # The next day: the kernel is gone; the page is loaded again and the notebook reopened.
    assert server.delete_sessions() >= 1, "the lesson had no kernel session to delete"
    assert server.sessions() == []
    open_notebook(page, server, NOTEBOOK)
    wait_until_ran_or_loaded(page)
    broken = page.locator(OUTPUTS).filter(has_text="Error displaying widget")
    assert broken.count() == 0, (
        f"{NOTEBOOK} reopened with a new kernel shows {broken.count()} 'Error displaying widget' outputs "
        f"(widget outputs were saved into the notebook)")

    run_all(page)
    box = exercise(page, EXERCISE)
    expect(box.locator(".lk-last")).to_be_visible()
    expect(box.locator(".lk-last")).to_contain_text(re.compile(r"Last time: \d+ of \d+"))
    assert page.locator(OUTPUTS).filter(has_text="Error displaying widget").count() == 0

    after = on_disk.read_bytes()
    hook = "" if save_hook_available() else " (the save hook lessonkit.jupyter_hooks.scrub_saved_notebook is not importable, so the server runs without it)"
    assert after == started_from, (
        f"{NOTEBOOK} on disk changed after Check + save{hook}:\n" + diff_of(started_from, after, NOTEBOOK))


def wait_until_ran_or_loaded(page: Page) -> None:
    """After opening a saved notebook: every saved widget output has finished loading (or failed)."""
    page.wait_for_function(
        """(sel) => Array.from(document.querySelectorAll(sel))
                 .every(o => (o.textContent || '').trim() !== 'Loading widget...')""",
        arg=OUTPUTS, polling=100, timeout=30_000)
    page.wait_for_timeout(300)  # a widget view whose model is missing says so right after loading
